#!/usr/bin/env bash
# The whole test suite, as `npm test` runs it: lint, type checks, unit specs, the trainer's pytest suite,
# integration suites against the real Postgres (a fresh database per run) and Redis, then the browser tests.
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

stage "unit tests"
npx jest --selectProjects unit --passWithNoTests

stage "trainer tests (pytest)"
if [[ -d apps/trainer ]]; then
  (cd apps/trainer && /usr/bin/python3 -m pytest -q -p no:cacheprovider)
fi

stage build
npx tsc -p tsconfig.build.json

stage "integration tests"
npx jest --selectProjects integration --runInBand --passWithNoTests

stage "end-to-end tests"
npx jest --selectProjects e2e --runInBand --passWithNoTests
