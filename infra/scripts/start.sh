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

# Development tokens only with HOUQIN_DEV_AUTH=1 set by the user; otherwise identity's tokens (JWKS_URL) only.
choose_dev_auth "$(has identity && echo 1 || echo 0)" || exit 1
# Left by earlier versions of this script: .run/dev-auth let `npm run token` mint without the switch, and the demo
# tokens were minted with the development secret.
rm -f "$RUN_DIR/dev-auth" "$RUN_DIR/demo-tokens.txt"
if [ "$DEV_AUTH" = on ]; then
  log "development tokens ON ($DEV_AUTH_WHY): the services also accept tokens signed with the published development secret (HOUQIN_DEV_AUTH=1 npm run -s token -- …); never expose this platform"
else
  log "development tokens off ($DEV_AUTH_WHY)"
fi

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
    running_dev_auth=off
    tr '\0' '\n' <"/proc/$(cat "$pid_file")/environ" 2>/dev/null | grep -qx 'HOUQIN_DEV_AUTH=1' && running_dev_auth=on
    [ "$running_dev_auth" = "$DEV_AUTH" ] ||
      log "$service runs with development tokens $running_dev_auth (an earlier npm start), not $DEV_AUTH: npm stop, then npm start again to change it"
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

# The demo accounts the seeder creates now, with their initial passwords, for the summary below (then deleted).
new_accounts="$(umask 077 && mktemp "$RUN_DIR/demo-accounts.new.XXXXXX")"
trap 'rm -f "$new_accounts"' EXIT
HOUQIN_DEMO_NEW_ACCOUNTS="$new_accounts" node infra/scripts/seed-demo.js

describe() {
  case "$1" in
    gateway) printf 'gateway (one origin: portals, /api/<service>/…)' ;;
    identity) printf 'identity (schools, accounts, login, keys)' ;;
    facilities) printf 'facilities (repairs, assets, inspections, energy, dormitories)' ;;
    bureau) printf 'bureau (cross-school statistics)' ;;
    audit) printf 'audit (history, verification, replay)' ;;
  esac
}
echo
echo "Houqin is running."
if has gateway; then
  if [ -f dist/services/portal/index.html ]; then
    echo "  Portal 门户: http://127.0.0.1:${PORTS[gateway]}/  (opens in zh-CN 简体中文; English: the switch at the top)"
  else
    echo "  Gateway: http://127.0.0.1:${PORTS[gateway]}/ (the portal is not built: npx nx run portal:build, then npm start again)"
  fi
  echo "  APIs through the gateway: http://127.0.0.1:${PORTS[gateway]}/api/<service>/…"
fi
if has identity; then
  if [ -s "$new_accounts" ]; then
    echo "  Demo accounts 演示账号, created now (initial passwords, shown this once, kept in .run/demo-accounts.txt; each must be changed at the first login):"
    while IFS=$'\t' read -r username password role school _; do
      [ "$school" != - ] || school='district 区级'
      printf '    %-12s %-18s %-16s %s\n' "$username" "$password" "$role" "$school"
    done <"$new_accounts"
  else
    echo "  Demo accounts 演示账号: usernames and initial passwords in .run/demo-accounts.txt (each must be changed at the first login)"
  fi
  echo "  System admin: admin, password in .run/identity-admin-password"
fi
echo "  API documentation (Swagger):"
for service in "${started[@]}"; do
  if [ "$service" != gateway ]; then printf '    %-44s http://127.0.0.1:%s/docs\n' "$(describe "$service")" "${PORTS[$service]}"; fi
done
cat <<INFO
  Kafka ${KAFKA_BROKERS:-127.0.0.1:9092} · PostgreSQL ($DATABASE_PATH) $(database_url_shown "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/houqin}")
  Logs: .run/logs/   Stop: npm stop
INFO
if [ "$DEV_AUTH" = on ]; then
  echo "  Development tokens ON (HOUQIN_DEV_AUTH=1; never expose this platform): HOUQIN_DEV_AUTH=1 npm run -s token -- --role school-staff --school S001 --sub li.lei"
fi
