#!/usr/bin/env bash
# Make sure PostgreSQL answers and the Houqin database exists. Idempotent.
#
#   infra/postgres/ensure.sh [dbname]
#
# Target: 127.0.0.1:5432, or the host/port of $DATABASE_URL when it is set.
#  - Local default server (127.0.0.1/localhost/::1 on 5432): start the Debian
#    cluster with pg_ctlcluster if it does not answer, wait (30s), then create the
#    database if missing (as user postgres, trust auth).
#  - Any other server: only wait until it answers; nothing is started or created.
# Database name: $1, else the database in $DATABASE_URL, else "houqin".
set -euo pipefail

PG_WAIT_TIMEOUT="${PG_WAIT_TIMEOUT:-30}"
DEFAULT_HOST=127.0.0.1
DEFAULT_PORT=5432

say() { printf 'postgres: %s\n' "$*"; }
die() { printf 'postgres: ERROR: %s\n' "$*" >&2; exit 1; }

host=$DEFAULT_HOST
port=$DEFAULT_PORT
url_db=""

# postgres[ql]://[user[:password]@]host[:port][/dbname][?params]
if [ -n "${DATABASE_URL:-}" ]; then
  rest="${DATABASE_URL#*://}"
  [ "$rest" != "$DATABASE_URL" ] || die "DATABASE_URL is not a postgres:// URL"
  rest="${rest%%\?*}"
  hostport="${rest%%/*}"
  [ "$hostport" != "$rest" ] && url_db="${rest#*/}"
  hostport="${hostport##*@}"                     # drop user:password@
  if [[ "$hostport" =~ ^\[([^]]*)\](:([0-9]+))?$ ]]; then # [ipv6]:port
    host="${BASH_REMATCH[1]}"
    port="${BASH_REMATCH[3]:-$DEFAULT_PORT}"
  elif [[ "$hostport" =~ ^([^:]*)(:([0-9]+))?$ ]]; then
    host="${BASH_REMATCH[1]:-$DEFAULT_HOST}"
    port="${BASH_REMATCH[3]:-$DEFAULT_PORT}"
  else
    die "cannot parse host/port from DATABASE_URL"
  fi
fi

db="${1:-${url_db:-houqin}}"

local_default=false
case "$host" in
  127.0.0.1 | localhost | ::1) [ "$port" = "$DEFAULT_PORT" ] && local_default=true ;;
esac

ready() { pg_isready -q -h "$host" -p "$port" -t 2 >/dev/null 2>&1; }

wait_ready() {
  local deadline=$((SECONDS + PG_WAIT_TIMEOUT))
  until ready; do
    [ "$SECONDS" -lt "$deadline" ] || die "no answer from $host:$port within ${PG_WAIT_TIMEOUT}s"
    sleep 0.5
  done
}

start_local_cluster() {
  local version="" name=main
  # The cluster listening on 5432 (pg_lsclusters: version cluster port status ...).
  if command -v pg_lsclusters >/dev/null 2>&1; then
    read -r version name < <(pg_lsclusters -h 2>/dev/null | awk -v p="$DEFAULT_PORT" '$3 == p { print $1, $2; exit }') || true
  fi
  if [ -z "$version" ]; then
    # shellcheck disable=SC2012
    version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    name=main
  fi
  [ -n "$version" ] || die "no PostgreSQL cluster found in /etc/postgresql"
  say "not answering on $host:$port, starting cluster $version/$name"
  # Exit status 2 means "already running" (e.g. started concurrently): keep waiting.
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start || {
    rc=$?
    [ "$rc" -eq 2 ] || die "pg_ctlcluster $version $name start failed (exit $rc)"
  }
}

if ! ready; then
  if $local_default; then
    start_local_cluster
  else
    say "waiting for $host:$port (not the local default server: not starting it)"
  fi
  wait_ready
fi

if ! $local_default; then
  say "ready on $host:$port (remote: database not checked)"
  exit 0
fi

[[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_-]*$ ]] || die "refusing unusual database name '$db'"

psql_q() { psql -X -U postgres -h "$DEFAULT_HOST" -p "$DEFAULT_PORT" -d postgres -tAc "$1"; }
db_exists() { [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname='$db'")" = 1 ]; }

if db_exists; then
  say "ready on $host:$port, database '$db' exists"
  exit 0
fi
errf="$(mktemp)"
if ! createdb -U postgres -h "$DEFAULT_HOST" -p "$DEFAULT_PORT" "$db" 2>"$errf"; then
  if db_exists; then   # created concurrently by someone else
    rm -f "$errf"
  else
    cat "$errf" >&2
    rm -f "$errf"
    die "createdb $db failed"
  fi
else
  rm -f "$errf"
fi
say "ready on $host:$port, database '$db' created"
