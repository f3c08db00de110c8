#!/usr/bin/env bash
# Creates the database of DATABASE_URL and the app role (DATABASE_APP_ROLE) when missing and applies
# pending migrations, as the owner. `--check` only verifies the owner may. Needs the build (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f dist/libs/db/src/cli/db-setup.js ]] || npx tsc -p tsconfig.build.json
exec node -r ./tools/register-paths.js dist/libs/db/src/cli/db-setup.js "$@"
