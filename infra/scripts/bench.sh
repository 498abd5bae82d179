#!/usr/bin/env bash
# Benchmarks beside the raw speed of PostgreSQL and Kafka; writes docs/benchmarks.md and docs/benchmarks.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_node_modules
ensure_infrastructure houqin_test
npm run -s build
node dist/services/e2e/src/bench/main.js
