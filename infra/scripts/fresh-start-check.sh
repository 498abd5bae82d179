#!/usr/bin/env bash
# A fresh checkout on a machine where PostgreSQL is stopped: `npm start` must come up on the embedded database, and
# a report made through the gateway must reach the bureau.
#
#   bash infra/scripts/fresh-start-check.sh [--worktree]
#
# Copies HEAD (--worktree: the working tree as it is, uncommitted files too) into a temporary directory and runs
# `npm start` there inside a network namespace of its own (unshare -n): nothing answers on 127.0.0.1:5432 in it, and
# nothing it starts collides with this machine's ports (so it can run beside a running platform). Development tokens
# stay off (HOUQIN_DEV_AUTH unset): a token signed with the development secret is refused, `npm run token` refuses,
# the output names the portal, the demo accounts and /docs and no demo tokens, and the demo work orders (made through
# identity's login by seeding accounts) are counted by the bureau. Then a school's staff member logs in through the
# gateway with the initial password `npm start` printed, changes it, reports a work order, and the bureau official
# sees the school's count go up. A second `npm start` must create nothing new. `npm stop`, and the directory is
# removed (kept when the check fails). node_modules and Kafka's jars are borrowed from this checkout: the namespace
# has no network. Needs root (unshare). ~3.5 min.
set -euo pipefail
shopt -s inherit_errexit
source "$(dirname "$0")/lib.sh"

if [ "${1:-}" = --inside ]; then
  work="$2"
  ip link set lo up
  cd "$work"
  unset DATABASE_URL HOUQIN_EMBEDDED_PG KAFKA_BROKERS HOUQIN_EXTERNAL_KAFKA HOUQIN_DEV_AUTH JWT_SECRET JWT_PUBLIC_KEY JWT_PRIVATE_KEY
  trap 'npm stop >>"$work/stop.log" 2>&1 || true' EXIT
  if timeout 2 bash -c ': </dev/tcp/127.0.0.1/5432' 2>/dev/null; then log "FAIL: something answers on 5432 inside the namespace"; exit 1; fi
  npm start 2>&1 | tee "$work/start.log"
  grep -q 'PostgreSQL: embedded' "$work/start.log" || { log "FAIL: npm start did not say it uses the embedded PostgreSQL"; exit 1; }
  [ -f .run/gateway.pid ] && [ -f .run/identity.pid ] || { log "FAIL: identity or gateway was not started (not built in this checkout?)"; exit 1; }
  fail() { log "FAIL: $*"; exit 1; }
  # What npm start says at the end: the portal, in zh-CN; the demo accounts with their initial passwords (new here);
  # each service's /docs; development tokens off and never mentioned otherwise.
  grep -q 'development tokens off' "$work/start.log" || fail "npm start did not say development tokens are off"
  grep -qE 'Portal 门户: http://127\.0\.0\.1:[0-9]+/ +\(opens in zh-CN' "$work/start.log" || fail "npm start did not print the portal's address in zh-CN"
  grep -qE '^    li\.lei +[^ ]{12,} +school-staff +S001' "$work/start.log" || fail "npm start did not print li.lei's initial password"
  for port in "${PORTS[identity]}" "${PORTS[facilities]}" "${PORTS[bureau]}" "${PORTS[audit]}"; do
    grep -q "http://127.0.0.1:$port/docs" "$work/start.log" || fail "npm start did not print http://127.0.0.1:$port/docs"
  done
  ! grep -qiE 'demo-tokens|npm run -s token|development tokens (enabled|ON)' "$work/start.log" || fail "npm start mentions development tokens"
  [ ! -e .run/demo-tokens.txt ] && [ ! -e .run/dev-auth ] || fail ".run/demo-tokens.txt or .run/dev-auth exists"
  ! grep -q 'demo.seed' .run/demo-accounts.txt || fail "a seeding account's password is kept in .run/demo-accounts.txt"
  curl -fsS "http://127.0.0.1:${PORTS[gateway]}/" | grep -q '<html lang="zh-CN"' || fail "the gateway does not serve the zh-CN portal"
  if npm run -s token -- --role auditor --sub sun.shen >/dev/null 2>"$work/token.err"; then fail "npm run token minted without HOUQIN_DEV_AUTH=1"; fi
  grep -q 'development tokens are off' "$work/token.err" || fail "npm run token did not say why it refuses: $(cat "$work/token.err")"
  dev_token="$(HOUQIN_DEV_AUTH=1 node infra/scripts/token.js --role bureau-official --sub chen.ju)"
  dev_status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[gateway]}/api/bureau/statistics/work-orders/schools" -H "authorization: Bearer $dev_token")"
  [ "$dev_status" = 401 ] || fail "a development token got $dev_status from the bureau (expected 401)"
  log "development tokens off: npm run token refuses, a development token is 401"

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
  # The bureau's count of reported work orders of a school (S002 by default).
  reported() { curl -fsS "$G/bureau/statistics/work-orders/schools" -H "authorization: Bearer $bureau" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log((JSON.parse(s).items.find(i=>i.schoolId===process.argv[1])??{reported:0}).reported))' "${1:-S002}"; }

  grep -qE 'demo work orders: [0-9]+ of S001, S002, S003, S004, S005 sent' "$work/start.log" || fail "npm start did not seed the demo work orders"
  staff="$(login han.mei)"
  bureau="$(login chen.ju)"
  # The demo work orders reach the bureau (S001 has 4).
  for _ in $(seq 1 60); do [ "$(reported S001)" -ge 4 ] && break; sleep 0.5; done
  demo_s001="$(reported S001)"
  [ "$demo_s001" -ge 4 ] || fail "the bureau counts $demo_s001 demo work orders for S001 (expected 4)"
  log "the bureau counts the demo work orders: $demo_s001 for S001"
  before="$(reported)"
  id="$(curl -fsS -X POST "$G/facilities/work-orders" -H "authorization: Bearer $staff" -H 'content-type: application/json' \
    -H "idempotency-key: fresh-start-check-$(date +%s)" \
    -d '{"title":"宿舍楼热水器不出热水","location":"学生宿舍3号楼","category":"plumbing","priority":"high"}' | field workOrderId)"
  log "han.mei (S002) reported work order $id through the gateway; the bureau counted $before for S002 before"
  for _ in $(seq 1 60); do
    after="$(reported)"
    [ "$after" -gt "$before" ] && break
    sleep 0.5
  done
  [ "$after" -gt "$before" ] || fail "the bureau still counts $before for S002 after 30 s"
  log "the bureau counts $after for S002; district: $(curl -fsS "$G/bureau/statistics/work-orders/district" -H "authorization: Bearer $bureau")"

  # A second npm start: nothing new (no account, no work order), the accounts named by their file only.
  npm start >"$work/start2.log" 2>&1 || { cat "$work/start2.log"; fail "the second npm start failed"; }
  grep -q 'accounts (0 new)' "$work/start2.log" || fail "the second npm start created demo accounts"
  grep -q 'demo work orders of .* seeded already, nothing new' "$work/start2.log" || fail "the second npm start seeded work orders again"
  grep -q 'usernames and initial passwords in .run/demo-accounts.txt' "$work/start2.log" || fail "the second npm start did not say where the demo accounts are"
  ! grep -qE '^    li\.lei ' "$work/start2.log" || fail "the second npm start printed passwords again"
  log "a second npm start: nothing new"

  # A seeding run stopped half-way (S002's staff seeding account still active): the next run sends the same
  # commands again, answered by their idempotency keys, and disables the account; no work order is doubled.
  admin="$(curl -fsS -X POST "$G/identity/auth/login" -H 'content-type: application/json' \
    -d "$(node -e 'console.log(JSON.stringify({ username: "admin", password: process.argv[1] }))' "$(cat .run/identity-admin-password)")" | field accessToken)"
  seed_id() { curl -fsS "$G/identity/accounts?q=$1" -H "authorization: Bearer $admin" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s).items.find(i=>i.username===process.argv[1]);console.log(a?`${a.id} ${a.status}`:"none")})' "$1"; }
  read -r seed_account seed_status <<<"$(seed_id demo.seed.s002)"
  [ "$seed_status" = disabled ] || fail "demo.seed.s002 is $seed_status after seeding (expected disabled)"
  curl -fsS -X POST "$G/identity/accounts/$seed_account/enable" -H "authorization: Bearer $admin" -H 'content-type: application/json' -d '{}' >/dev/null
  for _ in $(seq 1 20); do [ "$(seed_id demo.seed.s002 | cut -d' ' -f2)" = active ] && break; sleep 0.25; done # the list's lag
  node infra/scripts/seed-demo.js >"$work/seed3.log" 2>&1 || { cat "$work/seed3.log"; fail "seeding after a run stopped half-way failed"; }
  grep -q 'demo work orders: [0-9]* of S002 sent' "$work/seed3.log" || fail "S002 was not seeded again: $(cat "$work/seed3.log")"
  for _ in $(seq 1 20); do [ "$(seed_id demo.seed.s002 | cut -d' ' -f2)" = disabled ] && break; sleep 0.25; done
  [ "$(seed_id demo.seed.s002 | cut -d' ' -f2)" = disabled ] || fail "demo.seed.s002 is not disabled again"
  sleep 2
  [ "$(reported S001)" = "$demo_s001" ] || fail "S001 has $(reported S001) work orders after the second start, $demo_s001 before"
  [ "$(reported S002)" = "$after" ] || fail "S002 has $(reported S002) work orders after seeding again, $after before"
  log "seeding again after a run stopped half-way: nothing doubled"
  log "PASS: embedded PostgreSQL, development tokens off, identity's tokens through the gateway, demo work orders counted, a report reaches the bureau, a second start creates nothing"
  exit 0
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
