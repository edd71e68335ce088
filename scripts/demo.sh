#!/usr/bin/env bash
# Vigie demo (npm run demo, after the build): ingests the bundled fictional examples into
# ./vigie.db (or $VIGIE_DB), then shows what was stored.
set -euo pipefail
cd "$(dirname "$0")/.."
DB="${VIGIE_DB:-./vigie.db}"
# --max-semi-space-size=32: the garbage collector setting the `vigie` bin passes (src/cli/heap.ts)
VIGIE=(node --max-semi-space-size=32 dist/src/cli/main.js --db "$DB")

# Every article file of examples/ (the README is not an article).
# A folder is walked recursively; files that are not articles (the README) are reported as skipped.

echo "== vigie ingest examples/ into $DB"
"${VIGIE[@]}" ingest examples/
echo
echo "== vigie stats"
"${VIGIE[@]}" stats
echo
echo "== vigie events --format table"
"${VIGIE[@]}" events --format table
echo
echo "Try: node dist/src/cli/main.js --db $DB search \"hopital\"   |   ... export --format acled-csv --out events.csv"
