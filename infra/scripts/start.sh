#!/usr/bin/env bash
# Starts the whole platform: PostgreSQL (a server, or the embedded one when there is none), Kafka, the build, the
# services (which create their schemas and topics and run their migrations), demo data. Idempotent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
mkdir -p "$RUN_DIR/logs"
start_database "${HOUQIN_DATABASE:-houqin}"
ensure_kafka
log "building"
npm run -s build
# The portal's files, served by the gateway (dist/services/portal; `npm run build` starts from an empty dist/).
if [ -f services/portal/project.json ]; then
  log "building the portal"
  npx nx run portal:build --outputStyle=stream >>"$RUN_DIR/logs/portal-build.log" 2>&1 ||
    log "the portal did not build (.run/logs/portal-build.log): the gateway serves no portal"
fi

if enable_dev_auth_without_key; then
  log "no JWT_SECRET or JWT_PUBLIC_KEY: development tokens enabled (HOUQIN_DEV_AUTH=1; HOUQIN_DEV_AUTH=0 to refuse them); never expose this platform"
  touch "$RUN_DIR/dev-auth"
else
  rm -f "$RUN_DIR/dev-auth"
fi

main_js() { printf 'dist/services/%s/src/main.js' "$1"; }
url_of() { printf 'http://127.0.0.1:%s' "${PORTS[$1]}"; }

# Services that are built; identity and gateway join when their code has landed.
started=()
for service in "${SERVICES[@]}"; do
  if [ -f "$(main_js "$service")" ]; then
    started+=("$service")
  else
    log "$service: not built ($(main_js "$service") missing), not started"
  fi
done
has() { [[ " ${started[*]} " == *" $1 "* ]]; }

# The env of every service: identity's keys (JWKS) when identity runs; the gateway's upstreams; identity's first admin.
service_env=(BUREAU_URL="$(url_of bureau)")
jwks_env=()
if has identity; then
  service_env+=(IDENTITY_URL="$(url_of identity)")
  jwks_env=(JWKS_URL="$(url_of identity)/.well-known/jwks.json") # identity verifies its own tokens in process
  admin_password_file="$RUN_DIR/identity-admin-password"
  if [ ! -s "$admin_password_file" ]; then
    # Generated once; identity uses it only to create the first system admin (account "admin") in an empty store.
    (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url') + 'Aa1!')" >"$admin_password_file")
  fi
fi
service_env+=(FACILITIES_URL="$(url_of facilities)" AUDIT_URL="$(url_of audit)")

wait_healthy() {
  local service="$1" url
  url="$(url_of "$service")/health"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    if ! kill -0 "$(cat "$RUN_DIR/$service.pid")" 2>/dev/null; then
      log "$service exited; last lines of its log:"; tail -n 30 "$RUN_DIR/logs/$service.log"; exit 1
    fi
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null || { log "$service did not become healthy"; exit 1; }
}

for service in "${started[@]}"; do
  pid_file="$RUN_DIR/$service.pid"
  if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    log "$service already running (pid $(cat "$pid_file"))"
    continue
  fi
  extra=("${jwks_env[@]}")
  if [ "$service" = identity ]; then
    extra=(IDENTITY_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$admin_password_file")")
  fi
  env "${service_env[@]}" "${extra[@]}" PORT="${PORTS[$service]}" \
    nohup node "$(main_js "$service")" >>"$RUN_DIR/logs/$service.log" 2>&1 &
  echo $! >"$pid_file"
  log "started $service (pid $!, log .run/logs/$service.log)"
  # The others fetch identity's keys: it must answer before they start.
  [ "$service" != identity ] || wait_healthy identity
done

for service in "${started[@]}"; do
  wait_healthy "$service"
done

node infra/scripts/seed-demo.js

describe() {
  case "$1" in
    gateway) printf 'gateway (one origin: portals, /api/<service>/…)' ;;
    identity) printf 'identity (schools, accounts, login, keys)' ;;
    facilities) printf "facilities (schools' repair work orders)" ;;
    bureau) printf 'bureau (cross-school statistics)' ;;
    audit) printf 'audit (history, verification, replay)' ;;
  esac
}
echo
echo "Houqin is running."
if has gateway; then printf '  %-48s http://127.0.0.1:%s/\n' "$(describe gateway)" "${PORTS[gateway]}"; fi
for service in "${started[@]}"; do
  if [ "$service" != gateway ]; then printf '  %-48s http://127.0.0.1:%s/docs\n' "$(describe "$service")" "${PORTS[$service]}"; fi
done
cat <<INFO
  Kafka ${KAFKA_BROKERS:-127.0.0.1:9092} · PostgreSQL ($DATABASE_PATH) $(database_url_shown "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/houqin}")
  Logs: .run/logs/   Stop: npm stop
INFO
if has identity; then
  echo "  Demo accounts and their passwords: .run/demo-accounts.txt (system admin: admin, password in .run/identity-admin-password)"
fi
if [ -f "$RUN_DIR/demo-tokens.txt" ]; then
  echo "  Development tokens for the demo users: .run/demo-tokens.txt (or mint one: npm run -s token -- --role school-staff --school S001 --sub li.lei)"
fi
