#!/usr/bin/env bash
# Stops the services started by `npm start`, the project's Kafka broker and the embedded PostgreSQL if it runs
# (a PostgreSQL server is the machine's or the district's: left running).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

# The gateway first, identity last: the reverse of the start order.
for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
  service="${SERVICES[$i]}"
  pid_file="$RUN_DIR/$service.pid"
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped $service"
  fi
  rm -f "$pid_file"
done
[ -n "${HOUQIN_EXTERNAL_KAFKA:-}" ] || bash infra/kafka/kafka.sh stop
if [ -d "${HOUQIN_EMBEDDED_PG_DIR:-$RUN_DIR/pg-embedded}/data" ]; then
  "${EMBEDDED_PG[@]}" stop
fi
