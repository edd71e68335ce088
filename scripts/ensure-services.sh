#!/usr/bin/env bash
# Makes sure the local PostgreSQL server the store tests use is up (127.0.0.1:5432, user
# postgres, trust auth). Starts the Debian cluster when it is down. Fails loudly otherwise:
# the PostgreSQL tests are never skipped silently.
set -uo pipefail
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}
if pg_isready -h "$host" -p "$port" -q 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "vigie: starting PostgreSQL $ver…" >&2
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || true
  for _ in $(seq 1 30); do pg_isready -h "$host" -p "$port" -q && exit 0; sleep 1; done
fi
echo "vigie: PostgreSQL is not reachable on $host:$port; the PostgreSQL store tests need it (set VIGIE_PG_URL to another server)." >&2
exit 1
