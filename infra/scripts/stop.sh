#!/usr/bin/env bash
# Stops the services started by `npm start` and the project's Kafka broker (PostgreSQL is the machine's, left running).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

for service in "${SERVICES[@]}"; do
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
