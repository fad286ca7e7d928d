#!/usr/bin/env bash
# Entry for every npm script: make sure Node 24 and the npm dependencies are in place,
# then hand over to the TypeScript stack runner. It must work on a bare machine with no
# prior `npm install` and only an older Node on PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/scripts/node-env.sh"
ensure_node24
ensure_npm_deps
cmd="${1:-start}"; shift || true
if [ "$cmd" = "exec" ]; then exec "$@"; fi
exec node --no-node-snapshot --disable-warning=ExperimentalWarning scripts/stack.main.ts "$cmd" "$@"
