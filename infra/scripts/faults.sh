#!/usr/bin/env bash
# The fault run: kills, outages and redeliveries under load, then checks that nothing was lost or doubled.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export HOUQIN_DEV_AUTH=1 # the tests mint development tokens

use_test_broker # never the broker of `npm start`
ensure_node_modules
stop_test_broker_on_exit
ensure_infrastructure houqin_test
if [ -n "${HOUQIN_EXTERNAL_KAFKA:-}" ]; then
  log "the fault run stops and starts the tests' own Kafka broker; unset KAFKA_BROKERS to run it"
  exit 2
fi
npm run -s build
node dist/services/e2e/src/fault-run/main.js
