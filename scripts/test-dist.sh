#!/usr/bin/env bash
# The release artifacts as a user gets them (part of `make test`): `make dist`, then each
# smoke test installs its artifact into a clean place (a fresh virtualenv; an empty npm and
# pnpm project without cargo on PATH; the built extension loaded by php; a C program linked
# through pkg-config against the tarball; the crates) and verifies one real Alipay-signed
# notification with it. Ends with "test-dist: N passed, N failed".
source "$(dirname "$0")/common.sh"
PASSED=0
FAILED=0
LOGS=target/test-logs
mkdir -p "$LOGS"

if ! bash scripts/dist.sh; then
  echo "make dist failed" >&2
  echo "test-dist: 0 passed, 1 failed"
  exit 1
fi
for part in py node php c rust; do
  step "smoke test: $part (scripts/smoke-$part.sh)"
  run_counted "smoke-$part" "$LOGS/smoke-$part.log"
done
echo "test-dist: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
