#!/usr/bin/env bash
# The browser test (`make test-browser`, part of `make test`): the demo's stack (scripts/stack.sh)
# and headless Chromium from the distribution's `chromium` package (never a browser download),
# driven by playwright-core (tests/browser/shops.js): each shop's checkout, Pay on the sandbox's
# checkout page, the shop's verified return page. Screenshots in target/browser/. Ends with
# "test-browser: N passed, M failed".
source "$(dirname "$0")/common.sh"
source scripts/stack.sh
# The CJK fonts: the pages are in Chinese too, and so are the screenshots.
apt_install chromium fonts-noto-cjk
CHROMIUM=$(command -v chromium)

stack_build
step "playwright-core (tests/browser), driving $("$CHROMIUM" --version 2>/dev/null | head -1)"
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: the package must never fetch a browser of its own.
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --no-save)

stack_start
step "the browser buys in each shop"
rm -rf target/browser
status=0
SCREENSHOTS="$PWD/target/browser" CHROMIUM=$CHROMIUM node tests/browser/shops.js "$STACK_WORK/stack.env" \
  </dev/null || status=$?
exit "$status"
