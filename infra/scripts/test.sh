#!/usr/bin/env bash
# The whole test suite: type check, lint (module boundaries), unit tests, then integration
# and end-to-end tests against the real PostgreSQL and the tests' own Kafka broker (infra/kafka/test-broker.env), which it starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export HOUQIN_DEV_AUTH=1 # the tests mint development tokens

use_test_broker # never the broker of `npm start`
ensure_node_modules
stop_test_broker_on_exit
ensure_infrastructure houqin_test

results="$RUN_DIR/test-results"
rm -rf "$results"
export HOUQIN_TEST_RESULTS_DIR="$results"
status=0

log "type check"
npx tsc -p tsconfig.json --noEmit || status=1
log "lint and unit tests"
npx nx run-many -t lint test --parallel=2 --skip-nx-cache --outputStyle=stream || status=1
npx jest -c infra/jest/jest.config.js || status=1 # the harness itself: quiet console output unless a test fails
log "integration and end-to-end tests (real PostgreSQL and Kafka)"
npx nx run-many -t integration --parallel=1 --skip-nx-cache --outputStyle=stream || status=1

node infra/jest/print-summary.js "$results" || status=1
exit $status
