#!/usr/bin/env bash
# The CI smoke of the end-to-end benchmark (`make bench-e2e`, scripts/bench-e2e.sh): the same
# servers and handlers with a few hundred requests each, one round, no BENCHMARKS.md. It checks
# that every answer is right (HTTP 200 `success`, and `fail` for a tampered notification); its
# figures mean nothing. Ends with "test-bench-e2e: N passed, M failed".
export E2E_REQUESTS=${E2E_REQUESTS:-300} E2E_ROUNDS=${E2E_ROUNDS:-1} E2E_WARMUP=${E2E_WARMUP:-50} \
  E2E_COST_CALLS=${E2E_COST_CALLS:-20} E2E_MARKDOWN=0 E2E_NAME=test-bench-e2e
exec bash "$(dirname "$0")/bench-e2e.sh"
