#!/usr/bin/env bash
# Makes sure what the tests need is there, failing loudly otherwise (never skipped silently):
#   - Chromium (the Debian package, /usr/bin/chromium) for the web UI test (test/serve/ui.test.ts);
#     installed with apt-get when missing. No browser is ever downloaded by npm/playwright.
#   - the local PostgreSQL server the store tests use (127.0.0.1:5432, user postgres, trust
#     auth); the Debian cluster is started when it is down.
set -uo pipefail
chromium=${VIGIE_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "vigie: $chromium is missing; installing the Debian chromium package…" >&2
  if ! { apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }; } || [ ! -x "$chromium" ]; then
    echo "vigie: could not install Chromium at $chromium; the web UI test needs it (apt-get install -y chromium, or set VIGIE_CHROMIUM)." >&2
    exit 1
  fi
fi
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
