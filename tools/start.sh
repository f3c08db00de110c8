#!/usr/bin/env bash
# `npm start`: from a fresh machine of this kind to a running LORIS Studio. Installs what is missing, makes
# sure Postgres and Redis answer, builds, creates and migrates the database, then runs the API, the worker
# and the console until Ctrl-C, which stops all three (the worker finishes its running job first).
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1

API_HOST=${API_HOST:-127.0.0.1}
API_PORT=${API_PORT:-4000}
WEB_HOST=${WEB_HOST:-127.0.0.1}
WEB_PORT=${WEB_PORT:-3000}
export API_HOST API_PORT WEB_HOST WEB_PORT
export API_URL=${API_URL:-http://$API_HOST:$API_PORT}

step() { printf '\n==> %s\n' "$*"; }

step "system packages"
bash tools/install-system-deps.sh
if [[ ! -d node_modules ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "Postgres and Redis"
bash tools/ensure-services.sh

step "build (API, worker, libs)"
npx tsc -p tsconfig.build.json

step "database"
bash tools/db-setup.sh

step "build (console)"
npm run --silent web:build

step "starting"
# tools/supervise.js runs the three in process groups of their own: when any one exits, the other two and
# everything they started (next start's next-server) are stopped and this script exits non-zero; Ctrl-C
# stops all three, the worker after its running job.
exec node tools/supervise.js \
  --ready-url "http://$API_HOST:$API_PORT/healthz" \
  --ready-message "
LORIS Studio is running (Ctrl-C stops it):
  console   http://$WEB_HOST:$WEB_PORT
  GraphQL   http://$API_HOST:$API_PORT/graphql
  health    http://$API_HOST:$API_PORT/healthz" \
  "api=exec node -r ./tools/register-paths.js dist/apps/api/src/main.js" \
  "worker=exec node -r ./tools/register-paths.js dist/apps/worker/src/main.js" \
  "console=exec npm run --silent web:start"
