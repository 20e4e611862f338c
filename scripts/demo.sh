#!/usr/bin/env bash
# The demo: `make demo`. Starts Alipay on 127.0.0.1 (`alipay-notify sandbox`, retries on a
# compressed schedule) and the three example shops (Django, Express, plain PHP), then buys one
# order in each as a browser would, with a duplicate notification injected, and prints what each
# shop verified. Stops everything it started, also on Ctrl-C and on failure; DEMO_KEEP=1 leaves
# it all running and prints the URLs to open. Exits non-zero when a shop fails.
source "$(dirname "$0")/common.sh"
source scripts/stack.sh

stack_build
stack_start

step "one purchase in each shop: checkout, Pay at the sandbox, return_url, notify_url (sent twice)"
status=0
python3 scripts/demo-purchase.py "$STACK_WORK/stack.env" demo || status=$?
if [ "$status" -ne 0 ]; then
  for log in "$STACK_WORK"/*.log; do
    echo "--- the end of $(basename "$log")"
    tail -15 "$log"
  done
fi
exit "$status"
