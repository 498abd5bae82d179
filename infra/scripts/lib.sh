# Shared helpers of the project's scripts (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false NX_INTERACTIVE=false
export KAFKAJS_NO_PARTITIONER_WARNING=1 SCARF_ANALYTICS=false
RUN_DIR="$ROOT/.run"
SERVICES=(facilities bureau audit)
declare -A PORTS=([facilities]="${FACILITIES_PORT:-3101}" [bureau]="${BUREAU_PORT:-3102}" [audit]="${AUDIT_PORT:-3103}")

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

# Development tokens (the published secret) only when no real key is configured, and said aloud.
enable_dev_auth_without_key() {
  if [ -z "${JWT_SECRET:-}" ] && [ -z "${JWT_PUBLIC_KEY:-}" ]; then
    export HOUQIN_DEV_AUTH=1
    return 0
  fi
  return 1
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
  if [ -z "${HOUQIN_EXTERNAL_KAFKA:-}" ]; then
    bash "$ROOT/infra/kafka/kafka.sh" start
  else
    log "using external Kafka at $KAFKA_BROKERS"
  fi
}
