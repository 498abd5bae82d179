#!/usr/bin/env bash
# Benchmarks beside the raw speed of PostgreSQL and Kafka; writes docs/benchmarks.md and docs/benchmarks.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export HOUQIN_DEV_AUTH=1 # the tests mint development tokens

use_test_broker # never the broker of `npm start`
ensure_node_modules
stop_test_broker_on_exit
ensure_infrastructure houqin_test
npm run -s build
node dist/services/e2e/src/bench/main.js
# The login page and the bureau dashboard timed in Chromium as a phone sees them (service checklist 9); skipped with BENCH_ONLY.
if [ -z "${BENCH_ONLY:-}" ]; then npx jest -c services/portal/jest.bench.config.ts --runInBand; fi
