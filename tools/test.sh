#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: lint, type checks, unit specs, the trainer's pytest suite,
# integration suites against the real Postgres (a fresh database per suite) and Redis, then the browser tests
# (which need the console built: the build stage does it).
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip
export NX_DAEMON=false

bash tools/install-system-deps.sh
[[ -d node_modules ]] || npm ci --no-audit --no-fund
bash tools/ensure-services.sh

stage() { printf '\n==> %s\n' "$*"; }

stage lint
npx eslint . --max-warnings 0
npx prettier --check . >/dev/null || { npx prettier --check . | tail -20; exit 1; }

stage typecheck
npx tsc -p tsconfig.json --noEmit
npm run --silent web:typecheck
npm run --silent web:codegen:check

stage "unit tests"
npx jest --selectProjects unit --passWithNoTests

stage "trainer tests (pytest)"
if [[ -d apps/trainer ]]; then
  (cd apps/trainer && /usr/bin/python3 -m pytest -q -p no:cacheprovider)
fi

stage build
npx tsc -p tsconfig.build.json
npm run --silent web:build

stage "database bootstrap"
# Each integration suite creates (and drops) its own database loris_<label>_<pid>_<ms> and the app role;
# this fails early, with what to change, if DATABASE_URL's role may not.
bash tools/db-setup.sh --check

stage "integration tests"
npx jest --selectProjects integration --runInBand --passWithNoTests

stage "end-to-end tests"
npx jest --selectProjects e2e --runInBand --passWithNoTests
