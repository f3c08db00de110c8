#!/usr/bin/env bash
# `npm start`: from a fresh machine of this kind to a running LORIS Studio. Installs what is missing, makes
# sure Postgres and Redis answer, builds, creates and migrates the database, then runs the API, the worker
# and the console until Ctrl-C, which stops all three (the worker finishes its running job first).
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NEXT_TELEMETRY_DISABLED=1

API_HOST=${API_HOST:-127.0.0.1}
API_PORT=${API_PORT:-4000}
WEB_PORT=${WEB_PORT:-3000}
export API_HOST API_PORT WEB_PORT
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

pids=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo
    echo "Stopping API, worker and console..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT

step "starting"
node -r ./tools/register-paths.js dist/apps/api/src/main.js &
pids+=($!)
node -r ./tools/register-paths.js dist/apps/worker/src/main.js &
pids+=($!)
# Console (apps/web, owned by the console): its start command, on WEB_PORT, talking to API_URL.
npm run --silent web:start &
pids+=($!)

for _ in $(seq 1 120); do
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://$API_HOST:$API_PORT/healthz" && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "A process exited during start; see above." >&2; exit 1; }; done
  sleep 0.5
done

cat <<URLS

LORIS Studio is running (Ctrl-C stops it):
  console   http://127.0.0.1:$WEB_PORT
  GraphQL   http://$API_HOST:$API_PORT/graphql
  health    http://$API_HOST:$API_PORT/healthz
URLS

# Any one of the three exiting brings the others down with it.
wait -n "${pids[@]}"
echo "A process exited; stopping the others." >&2
exit 1
