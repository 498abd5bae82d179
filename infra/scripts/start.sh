#!/usr/bin/env bash
# Starts the whole platform: PostgreSQL, Kafka, the build, the three services (which create
# their schemas and topics and run their migrations), demo data for a few schools. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
ensure_infrastructure "${HOUQIN_DATABASE:-houqin}"
log "building"
npm run -s build

mkdir -p "$RUN_DIR/logs"
if enable_dev_auth_without_key; then
  log "no JWT_SECRET or JWT_PUBLIC_KEY: development tokens enabled (HOUQIN_DEV_AUTH=1); never expose this platform"
  touch "$RUN_DIR/dev-auth"
else
  rm -f "$RUN_DIR/dev-auth"
fi
for service in "${SERVICES[@]}"; do
  pid_file="$RUN_DIR/$service.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "$service already running (pid $(cat "$pid_file"))"
    continue
  fi
  PORT="${PORTS[$service]}" BUREAU_URL="http://127.0.0.1:${PORTS[bureau]}" \
    nohup node "dist/services/$service/src/main.js" >>"$RUN_DIR/logs/$service.log" 2>&1 &
  echo $! >"$pid_file"
  log "started $service (pid $!, log .run/logs/$service.log)"
done

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORTS[$service]}/health"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null; then
      log "$service exited; last lines of its log:"; tail -n 30 "$RUN_DIR/logs/$service.log"; exit 1
    fi
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null || { log "$service did not become healthy"; exit 1; }
done

node infra/scripts/seed-demo.js
cat <<INFO

Houqin is running.
  facilities (schools' repair work orders)  http://127.0.0.1:${PORTS[facilities]}/docs
  bureau (cross-school statistics)          http://127.0.0.1:${PORTS[bureau]}/docs
  audit (history, verification, replay)     http://127.0.0.1:${PORTS[audit]}/docs
  Kafka ${KAFKA_BROKERS:-127.0.0.1:9092} · PostgreSQL ${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/houqin}
  Logs: .run/logs/   Stop: npm stop
  Tokens for the demo users are in .run/demo-tokens.txt (or mint one: npm run -s token -- --role school-staff --school S001 --sub li.lei)
INFO
