#!/usr/bin/env bash
# A fresh checkout on a machine where PostgreSQL is stopped: `npm start` must come up on the embedded database, and
# a report made through the gateway must reach the bureau.
#
#   bash infra/scripts/fresh-start-check.sh [--worktree]
#
# Copies HEAD (--worktree: the working tree as it is, uncommitted files too) into a temporary directory and runs
# `npm start` there inside a network namespace of its own (unshare -n): nothing answers on 127.0.0.1:5432 in it, and
# nothing it starts collides with this machine's ports (so it can run beside a running platform). Then a school's
# staff member logs in through the gateway with the initial password `npm start` printed, changes it, reports a
# work order, and the bureau official sees the school's count go up. `npm stop`, and the directory is removed
# (kept when the check fails). node_modules and Kafka's jars are borrowed from this checkout: the namespace has no
# network. Needs root (unshare). ~1 min.
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "$0")/lib.sh"

if [ "${1:-}" = --inside ]; then
  work="$2"
  ip link set lo up
  cd "$work"
  unset DATABASE_URL HOUQIN_EMBEDDED_PG KAFKA_BROKERS HOUQIN_EXTERNAL_KAFKA
  trap 'npm stop >>"$work/stop.log" 2>&1 || true' EXIT
  if timeout 2 bash -c ': </dev/tcp/127.0.0.1/5432' 2>/dev/null; then log "FAIL: something answers on 5432 inside the namespace"; exit 1; fi
  npm start 2>&1 | tee "$work/start.log"
  grep -q 'PostgreSQL: embedded' "$work/start.log" || { log "FAIL: npm start did not say it uses the embedded PostgreSQL"; exit 1; }
  [ -f .run/gateway.pid ] && [ -f .run/identity.pid ] || { log "FAIL: identity or gateway was not started (not built in this checkout?)"; exit 1; }

  G="http://127.0.0.1:${PORTS[gateway]}/api"
  field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];if(v===undefined){console.error(s);process.exit(1)}console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }
  # Logs in with the initial password of .run/demo-accounts.txt, changes it: a full access token.
  login() {
    local initial token
    initial="$(awk -F'\t' -v u="$1" '$1 == u { print $2 }' .run/demo-accounts.txt)"
    [ -n "$initial" ] || { log "FAIL: no initial password of $1 in .run/demo-accounts.txt"; return 1; }
    token="$(curl -fsS -X POST "$G/identity/auth/login" -H 'content-type: application/json' \
      -d "$(node -e 'console.log(JSON.stringify({ username: process.argv[1], password: process.argv[2] }))' "$1" "$initial")" | field accessToken)"
    curl -fsS -X POST "$G/identity/auth/password" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "$(node -e 'console.log(JSON.stringify({ currentPassword: process.argv[1], newPassword: process.argv[2] }))' "$initial" "Fresh#$(date +%s)-$1")" | field accessToken
  }
  reported() { curl -fsS "$G/bureau/statistics/work-orders/schools" -H "authorization: Bearer $bureau" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).items.find(i=>i.schoolId==="S002")??{reported:0}).reported))'; }

  staff="$(login han.mei)"
  bureau="$(login chen.ju)"
  before="$(reported)"
  id="$(curl -fsS -X POST "$G/facilities/work-orders" -H "authorization: Bearer $staff" -H 'content-type: application/json' \
    -H "idempotency-key: fresh-start-check-$(date +%s)" \
    -d '{"title":"宿舍楼热水器不出热水","location":"学生宿舍3号楼","category":"plumbing","priority":"high"}' | field workOrderId)"
  log "han.mei (S002) reported work order $id through the gateway; the bureau counted $before for S002 before"
  for _ in $(seq 1 60); do
    after="$(reported)"
    if [ "$after" -gt "$before" ]; then
      log "PASS: the bureau counts $after for S002 (embedded PostgreSQL, identity's tokens, through the gateway)"
      exit 0
    fi
    sleep 0.5
  done
  log "FAIL: the bureau still counts $before for S002 after 30 s"
  exit 1
fi

[ "$(id -u)" = 0 ] || { log "needs root (unshare -n)"; exit 2; }
command -v unshare >/dev/null || { log "needs unshare (util-linux)"; exit 2; }
work="$(mktemp -d /tmp/houqin-fresh.XXXXXX)"
chmod 711 "$work" # the embedded server runs as the user postgres: it must reach .run/pg-embedded/data
if [ "${1:-}" = --worktree ]; then
  rsync -a --exclude node_modules --exclude dist --exclude .run --exclude .git --exclude .nx \
    --exclude 'infra/kafka/.cache' --exclude 'infra/kafka/.run' "$ROOT/" "$work/"
  log "copied the working tree to $work"
else
  git -C "$ROOT" archive HEAD | tar -x -C "$work"
  log "checked out $(git -C "$ROOT" rev-parse --short HEAD) in $work"
fi
ln -s "$ROOT/node_modules" "$work/node_modules"
touch -d '2000-01-01' "$work/package-lock.json" # older than node_modules: `npm start` installs nothing
mkdir -p "$work/infra/kafka" && cp -r "$ROOT/infra/kafka/.cache" "$work/infra/kafka/"

status=0
unshare -n bash "$ROOT/infra/scripts/fresh-start-check.sh" --inside "$work" || status=$?
if [ "$status" = 0 ]; then
  rm -rf "$work"
else
  log "kept $work for a look (start.log, .run/logs/, .run/pg-embedded/log/)"
fi
exit "$status"
