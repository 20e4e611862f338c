#!/usr/bin/env bash
# The fuzz targets' short pass for CI: the committed seeds checked against the vectors, then
# every target of `make fuzz` for FUZZ_SECONDS (default 8) two at a time, from the committed
# seeds. A target passes when it ran its time without a crash. Ends with
# "test-fuzz: N passed, M failed" (the seed check counts as one).
source "$(dirname "$0")/common.sh"

step "seed corpus (fuzz/corpus) matches tests/vectors"
seeds_ok=0
python3 scripts/fuzz-seeds.py --check && seeds_ok=1 && echo "up to date"

log=target/fuzz-short.log
mkdir -p target
FUZZ_LABEL=fuzz FUZZ_SECONDS=${FUZZ_SECONDS:-8} FUZZ_JOBS=${FUZZ_JOBS:-2} bash scripts/fuzz.sh "$@" 2>&1 |
  tee "$log" || true
read -r _ p _ f _ < <(grep -E '^fuzz: [0-9]+ passed' "$log" || echo "fuzz: 0 passed, 1 failed")
echo "test-fuzz: $((p + seeds_ok)) passed, $((f + 1 - seeds_ok)) failed"
[ "$f" -eq 0 ] && [ "$seeds_ok" -eq 1 ]
