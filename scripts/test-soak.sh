#!/usr/bin/env bash
# The soak's CI pass (part of `make test`): scripts/soak.sh with 50,000 verifications per
# binding (SOAK_N overrides). Ends with "test-soak: N passed, M failed".
export SOAK_N=${SOAK_N:-50000} SOAK_NAME=test-soak
exec bash "$(dirname "$0")/soak.sh"
