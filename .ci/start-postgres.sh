#!/usr/bin/env bash
# Starts Debian's PostgreSQL on loopback for this run only: a fresh cluster in a temp dir, on a
# free port, trust auth for 127.0.0.1. Prints the DATABASE_URL on stdout and nothing else there
# (everything else goes to stderr). Stop it with: pg_ctl -D <dir> stop (the dir is on stderr).
# As root it runs the server as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bindir="${PG_BINDIR:-}"
if [ -z "$bindir" ]; then
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bindir="$candidate"
  done
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir="$(dirname "$(command -v initdb)")"; fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "start-postgres: no PostgreSQL found (apt-get install postgresql, or set PG_BINDIR)" >&2
  exit 1
fi

# A free port, asked of the OS through node (always present here; python may not be).
port="${PG_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' 2>/dev/null || echo 55432)}"
dir="$(mktemp -d /tmp/offline-review-pg.XXXXXX)"
as_pg=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres >&2
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 >&2
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >&2
"${as_pg[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -c "CREATE DATABASE offline_review" >&2

echo "start-postgres: data in $dir/data; stop with: ${as_pg[*]} $bindir/pg_ctl -D $dir/data stop" >&2
echo "postgres://postgres@127.0.0.1:$port/offline_review"
