#!/usr/bin/env bash
# Installs the locked dependencies when node_modules is missing or older than package-lock.json.
# Used by `npm run demo`, `npm test` and `npm run bench`, so that each works on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(sha256sum package-lock.json | cut -d' ' -f1)
have=$(cat node_modules/.vigie-lock-hash 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "vigie: installing dependencies from package-lock.json (npm ci)…" >&2
  # Native addons (better-sqlite3) build against the machine's Node headers when it has them,
  # so node-gyp never has to download them (npm 11 warns about nodedir in a project .npmrc).
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  npm ci --no-audit --no-fund --loglevel=error >&2 || true
  test -d node_modules/better-sqlite3/build || { echo "vigie: better-sqlite3 did not build" >&2; exit 1; }
  echo "$want" > node_modules/.vigie-lock-hash
fi
