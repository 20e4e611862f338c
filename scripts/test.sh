#!/usr/bin/env bash
# Every test, from a fresh clone: `make test`. Prints each runner's summary and a total line.
source "$(dirname "$0")/common.sh"
need_rust
need_python_venv 'cryptography>=41'

LOGS=target/test-logs
mkdir -p "$LOGS"
PASSED=0
FAILED=0
# Adds the "N passed ... M failed" counts of a cargo test log to the totals.
count_cargo() {
  PASSED=$((PASSED + $(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')))
  FAILED=$((FAILED + $(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')))
}

step "rustfmt and clippy"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -q -- -D warnings
cargo clippy -p alipay-notify --no-default-features --features rustcrypto --all-targets --locked -q -- -D warnings

step "cargo test: core (aws-lc backend), CLI, shared vectors, properties"
cargo test --workspace --locked 2>&1 | tee "$LOGS/cargo-aws-lc.log"
count_cargo "$LOGS/cargo-aws-lc.log"

step "cargo test: core with the pure-Rust rsa backend"
cargo test -p alipay-notify --no-default-features --features rustcrypto --locked 2>&1 | tee "$LOGS/cargo-rustcrypto.log"
count_cargo "$LOGS/cargo-rustcrypto.log"

step "C ABI: tests/c with sanitizers and valgrind, shared and static library"
bash scripts/test-c.sh 2>&1 | tee "$LOGS/c.log"
read -r _ p _ f _ < <(grep -E '^test-c: [0-9]+ passed' "$LOGS/c.log" || echo "test-c: 0 passed, 1 failed")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

step "PHP extension: php/ext/tests (shared and static extension, valgrind)"
bash scripts/test-php.sh 2>&1 | tee "$LOGS/php.log"
read -r _ p _ f _ < <(grep -E '^test-php: [0-9]+ passed' "$LOGS/php.log" || echo "test-php: 0 passed, 1 failed")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

step "Python: abi3 wheel in a fresh virtualenv, stubtest, pytest (Django example app)"
bash scripts/test-py.sh 2>&1 | tee "$LOGS/py.log"
read -r _ p _ f _ < <(grep -E '^test-py: [0-9]+ passed' "$LOGS/py.log" || echo "test-py: 0 passed, 1 failed")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

step "Node: napi addon, Express middleware and example shop, tsc (node --test)"
bash scripts/test-node.sh 2>&1 | tee "$LOGS/node.log"
read -r _ p _ f _ < <(grep -E '^test-node: [0-9]+ passed' "$LOGS/node.log" || echo "test-node: 0 passed, 1 failed")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

step "shared vectors re-checked by an independent Python implementation"
.venv/bin/python tests/vectors/check.py | tee "$LOGS/check.log"
read -r _ p _ f _ < <(grep -E '^check.py: [0-9]+ passed' "$LOGS/check.log")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

echo
echo "total: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
