#!/usr/bin/env bash
# `make demo` as a test (`make test-demo`, part of `make test`): runs scripts/demo.sh (compressed
# schedule), whose facts are the suite's, and then checks that it stopped every process it
# started: nothing listens any more on the sandbox's and the shops' ports. Ends with
# "test-demo: N passed, M failed".
source "$(dirname "$0")/common.sh"
source scripts/stack.sh
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

set +e
DEMO_KEEP="" bash scripts/demo.sh </dev/null 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
read -r _ passed _ failed _ < <(grep -E "^demo: [0-9]+ passed" "$LOG" || echo "test-demo: 0 passed, 1 failed")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  echo "FAIL make demo exited with $status"
fi

ports=$(grep -Eo '^(gateway|shop:) http://127\.0\.0\.1:[0-9]+' "$LOG" | grep -Eo '[0-9]+$' | sort -u)
open=""
for port in $ports; do
  if stack_listening "$port"; then open+=" $port"; fi
done
if [ "$(echo "$ports" | wc -w)" -eq 4 ] && [ -z "$open" ]; then
  passed=$((passed + 1))
  echo "ok   make demo stopped the sandbox and the three shops (ports $(echo $ports) closed)"
else
  failed=$((failed + 1))
  echo "FAIL make demo left ports open:${open:- (found $(echo "$ports" | wc -w) of 4 ports in its output)}"
fi
echo "test-demo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
