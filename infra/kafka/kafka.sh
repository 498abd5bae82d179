#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller) for Houqin dev and CI.
#
#   kafka.sh [--test] fetch | start | stop | restart | status | wait
#
# --test: the tests' own broker (port and data dir from ./test-broker.env), beside the default one.
# Jars come from Maven Central via ./pom.xml into ./.cache/lib (first run only).
# State (data, pid, generated config, logs) lives in $KAFKA_DATA_DIR (default ./.run).
# See README.md for the environment variables.
set -euo pipefail

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
CONFIG_DIR="$SCRIPT_DIR/config"
CACHE_DIR="$SCRIPT_DIR/.cache"
LIB_DIR="$CACHE_DIR/lib"
LIB_STAMP="$CACHE_DIR/lib.stamp"

if [ "${1:-}" = --test ]; then
  shift
  set -a
  # shellcheck source=test-broker.env
  . "$SCRIPT_DIR/test-broker.env"
  set +a
  case "$KAFKA_DATA_DIR" in /*) ;; *) KAFKA_DATA_DIR="$SCRIPT_DIR/../../$KAFKA_DATA_DIR" ;; esac
fi

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_WAIT_TIMEOUT="${KAFKA_WAIT_TIMEOUT:-60}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$SCRIPT_DIR/.run}"
case "$KAFKA_DATA_DIR" in /*) ;; *) KAFKA_DATA_DIR="$PWD/$KAFKA_DATA_DIR" ;; esac
# One spelling per directory (no "..", no symlink): the broker is recognised by it (is_our_broker).
mkdir -p "$KAFKA_DATA_DIR"
KAFKA_DATA_DIR="$(cd "$KAFKA_DATA_DIR" && pwd -P)"

STATE_DIR="$KAFKA_DATA_DIR"
KRAFT_DIR="$STATE_DIR/kraft-logs"   # Kafka log.dirs (topic data + cluster metadata)
LOG_DIR="$STATE_DIR/logs"           # server.log (log4j2), kafka.out (JVM stdout/stderr)
PID_FILE="$STATE_DIR/kafka.pid"
SERVER_PROPS="$STATE_DIR/server.properties"
CHECK_LOG="$LOG_DIR/check.log"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

JAVA=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi

say() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: ERROR: %s\n' "$*" >&2; exit 1; }
strip_ansi() { sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g'; }

for v in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_WAIT_TIMEOUT KAFKA_STOP_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number (got '${!v}')"
done
[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# Run "$@" holding an exclusive lock on file $1 (skipped if flock is missing).
# The lock fd is closed for the broker JVM so a running broker never holds it.
with_lock() {
  local lock_file=$1; shift
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$lock_file"
    flock -w 300 9 || die "could not lock $lock_file"
    "$@"
    local rc=$?
    exec 9>&-
    return "$rc"
  fi
  "$@"
}

# ---------------------------------------------------------------- fetch

pom_hash() { sha256sum "$SCRIPT_DIR/pom.xml" | cut -d' ' -f1; }

jars_ready() {
  [ -f "$LIB_STAMP" ] && [ "$(cat "$LIB_STAMP")" = "$(pom_hash)" ] &&
    compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null &&
    compgen -G "$LIB_DIR/kafka-tools-[0-9]*.jar" >/dev/null
}

do_fetch() {
  jars_ready && return 0   # another process may have fetched while we waited for the lock
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven is needed once to fetch the Kafka jars"
  local tmp="$CACHE_DIR/lib.tmp.$$" mvn_log="$CACHE_DIR/maven.log" t0=$SECONDS
  rm -rf "$tmp"
  say "fetching Apache Kafka jars from Maven Central (first run only)..."
  # Maven 3.8 writes ANSI resets even with -B -q and no TTY: keep its output in a
  # log file and show it (without escape codes) only on failure.
  # shellcheck disable=SC2086  # KAFKA_MVN_ARGS is a list of extra arguments
  if ! mvn -q -B -ntp -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" \
      -Dkafka.lib.dir="$tmp" ${KAFKA_MVN_ARGS:-} dependency:copy-dependencies \
      </dev/null >"$mvn_log" 2>&1; then
    strip_ansi <"$mvn_log" | grep -v '^[[:space:]]*$' | tail -n 40 >&2 || true
    rm -rf "$tmp"
    die "maven failed (full output: $mvn_log)"
  fi
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  pom_hash >"$LIB_STAMP"
  say "fetched $(find "$LIB_DIR" -name '*.jar' | wc -l) jars into $LIB_DIR in $((SECONDS - t0))s"
}

cmd_fetch() {
  jars_ready && return 0
  mkdir -p "$CACHE_DIR"
  with_lock "$CACHE_DIR/.fetch.lock" do_fetch
}

# ---------------------------------------------------------------- helpers

# A Kafka command-line tool, with quiet logging (warnings to stderr).
tool_cmd() {
  TOOL=("$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto
    -Dlog4j2.configurationFile="$CONFIG_DIR/tools-log4j2.properties"
    -cp "$LIB_DIR/*" "$@")
}

read_pid() {
  local pid=""
  [ -f "$PID_FILE" ] && pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
  printf '%s' "$pid"
}

# True if $1 is a live kafka.Kafka JVM started by this script for this data dir.
is_our_broker() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -r "/proc/$pid/cmdline" ] || return 0
  local cmdline
  cmdline="$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null || true)"   # empty for zombies
  grep -qx 'kafka.Kafka' <<<"$cmdline" && grep -qxF -- "-Dhouqin.kafka.dir=$STATE_DIR" <<<"$cmdline"
}

tcp_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# A real Kafka request (Metadata via the admin client), not just a TCP connect.
# $1: max seconds for the check (default 30).
kafka_answers() {
  local limit=${1:-30}
  [ "$limit" -ge 3 ] || limit=3
  tcp_open "$KAFKA_PORT" || return 1
  [ -d "$LIB_DIR" ] || return 1
  mkdir -p "$LOG_DIR"
  tool_cmd org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list \
    --command-config "$CONFIG_DIR/check-client.properties"
  timeout "$limit" "${TOOL[@]}" </dev/null >/dev/null 2>"$CHECK_LOG"
}

# Last lines of the broker logs (with $1=all) and of the last readiness check.
show_log_tail() {
  local f files=("$CHECK_LOG")
  [ "${1:-}" = all ] && files=("$LOG_DIR/kafka.out" "$LOG_DIR/server.log" "$CHECK_LOG")
  for f in "${files[@]}"; do
    [ -s "$f" ] || continue
    printf -- '--- last lines of %s\n' "$f" >&2
    tail -n 20 "$f" >&2
  done
}

# Poll TCP, then a protocol check; fail early if the broker process ($1, optional) dies.
wait_ready() {
  local pid=${1:-} deadline=$((SECONDS + KAFKA_WAIT_TIMEOUT)) t0=$SECONDS
  while :; do
    if kafka_answers $((deadline - SECONDS + 1)); then
      say "ready on $BOOTSTRAP ($((SECONDS - t0))s)"
      return 0
    fi
    if [ -n "$pid" ] && ! is_our_broker "$pid"; then
      show_log_tail all
      rm -f "$PID_FILE"
      die "broker process $pid exited during startup (logs: $LOG_DIR)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      if [ -n "$pid" ]; then show_log_tail all; else show_log_tail; fi
      die "no Kafka answer on $BOOTSTRAP within ${KAFKA_WAIT_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

render_config() {
  local esc_dir
  esc_dir="$(printf '%s' "$KRAFT_DIR" | sed -e 's/[\\|&]/\\&/g')"
  sed -e "s|@PORT@|$KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@LOG_DIRS@|$esc_dir|g" \
      "$CONFIG_DIR/server.properties.template" >"$SERVER_PROPS.tmp"
  mv "$SERVER_PROPS.tmp" "$SERVER_PROPS"
}

# KRaft storage is formatted once per data dir; later starts reuse it.
format_storage() {
  [ -f "$KRAFT_DIR/meta.properties" ] && return 0
  local cluster_id=""
  [ -f "$STATE_DIR/cluster.id" ] && cluster_id="$(tr -d '[:space:]' <"$STATE_DIR/cluster.id")"
  if [ -z "$cluster_id" ]; then
    tool_cmd kafka.tools.StorageTool random-uuid
    cluster_id="$("${TOOL[@]}" </dev/null | tail -n 1 | tr -d '[:space:]')"
    [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id (got '$cluster_id')"
    printf '%s\n' "$cluster_id" >"$STATE_DIR/cluster.id"
  fi
  say "formatting KRaft storage in $KRAFT_DIR (cluster id $cluster_id)"
  tool_cmd kafka.tools.StorageTool format -t "$cluster_id" -c "$SERVER_PROPS"
  if ! "${TOOL[@]}" </dev/null >>"$LOG_DIR/format.log" 2>&1; then
    tail -n 20 "$LOG_DIR/format.log" >&2
    die "storage format failed (see $LOG_DIR/format.log)"
  fi
}

# ---------------------------------------------------------------- commands

do_start() {
  local pid
  pid="$(read_pid)"
  if [ -n "$pid" ] && is_our_broker "$pid"; then
    if kafka_answers; then
      say "already running (pid $pid) on $BOOTSTRAP"
      return 0
    fi
    say "running (pid $pid) but not answering yet; waiting"
    wait_ready "$pid"
    return 0
  fi
  if [ -n "$pid" ] || [ -f "$PID_FILE" ]; then
    say "removing stale pid file (process ${pid:-?} is gone)"
    rm -f "$PID_FILE"
  fi
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    tcp_open "$p" && die "port $p on 127.0.0.1 is already in use by another process (not a broker started from $STATE_DIR)"
  done

  cmd_fetch
  mkdir -p "$KRAFT_DIR" "$LOG_DIR"
  render_config
  format_storage

  local heap_opt="-Xmx$KAFKA_HEAP"
  case "$KAFKA_HEAP" in -*) heap_opt="$KAFKA_HEAP" ;; esac
  local -a jvm=("$JAVA" "$heap_opt"
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true
    -Dkafka.logs.dir="$LOG_DIR"
    -Dlog4j2.configurationFile="$CONFIG_DIR/log4j2.properties"
    -Dhouqin.kafka.dir="$STATE_DIR")
  # shellcheck disable=SC2206  # KAFKA_OPTS is a list of extra JVM options
  [ -n "${KAFKA_OPTS:-}" ] && jvm+=($KAFKA_OPTS)
  jvm+=(-cp "$LIB_DIR/*" kafka.Kafka "$SERVER_PROPS")

  printf '\n=== %s starting: %s\n' "$(date -Is)" "${jvm[*]}" >>"$LOG_DIR/kafka.out"
  # New session (setsid) so the broker outlives the calling shell / terminal;
  # the lock fd 9 is closed for it.
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "${jvm[@]}" </dev/null >>"$LOG_DIR/kafka.out" 2>&1 9>&- &
  else
    nohup "${jvm[@]}" </dev/null >>"$LOG_DIR/kafka.out" 2>&1 9>&- &
  fi
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  say "started broker (pid $pid, heap $heap_opt, data $KRAFT_DIR, log $LOG_DIR/server.log)"
  sleep 0.3
  wait_ready "$pid"
}

do_stop() {
  local pid
  pid="$(read_pid)"
  if [ -z "$pid" ] || ! is_our_broker "$pid"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping broker (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local i t0=$SECONDS
  for ((i = 0; i < KAFKA_STOP_TIMEOUT * 4; i++)); do
    is_our_broker "$pid" || break
    sleep 0.25
  done
  if is_our_broker "$pid"; then
    say "still running after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do is_our_broker "$pid" || break; sleep 0.25; done
    is_our_broker "$pid" && die "could not kill pid $pid"
  fi
  rm -f "$PID_FILE"
  say "stopped ($((SECONDS - t0))s)"
}

cmd_start() { mkdir -p "$STATE_DIR"; with_lock "$STATE_DIR/.lock" do_start; }
cmd_stop() { mkdir -p "$STATE_DIR"; with_lock "$STATE_DIR/.lock" do_stop; }

cmd_status() {
  local pid
  pid="$(read_pid)"
  if [ -z "$pid" ] || ! is_our_broker "$pid"; then
    if tcp_open "$KAFKA_PORT"; then
      say "not running from $STATE_DIR (but port $KAFKA_PORT is in use by another process)"
    else
      say "not running"
    fi
    return 3
  fi
  if kafka_answers; then
    say "running (pid $pid) and answering on $BOOTSTRAP"
    return 0
  fi
  say "process $pid is alive but not answering on $BOOTSTRAP"
  return 1
}

cmd_wait() {
  cmd_fetch   # the protocol check needs the Kafka tools jars
  mkdir -p "$LOG_DIR"
  wait_ready ""
}

usage() {
  cat <<EOF
usage: $(basename "$0") [--test] fetch|start|stop|restart|status|wait
  --test   the tests' own broker: KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_DATA_DIR from test-broker.env
  fetch    download Kafka jars into $LIB_DIR (only if missing)
  start    fetch if needed, format storage once, start the broker, wait until it answers
  stop     SIGTERM, wait up to \${KAFKA_STOP_TIMEOUT:-20}s, then SIGKILL
  restart  stop then start
  status   exit 0 if running and answering a Kafka request, non-zero otherwise
  wait     wait (up to \${KAFKA_WAIT_TIMEOUT:-60}s) until $BOOTSTRAP answers a Kafka request
env: KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_DATA_DIR KAFKA_HEAP KAFKA_OPTS
     KAFKA_WAIT_TIMEOUT KAFKA_STOP_TIMEOUT KAFKA_MVN_ARGS JAVA_HOME
EOF
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
