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
# The core alone, without the bindings' `sm2` feature.
cargo clippy -p alipay-notify --all-targets --locked -q -- -D warnings

step "cargo test: core (aws-lc backend, SM2), CLI, shared vectors, properties"
cargo test --workspace --locked 2>&1 | tee "$LOGS/cargo-aws-lc.log"
count_cargo "$LOGS/cargo-aws-lc.log"

# The workspace run has SM2 (the CLI and the bindings enable the `sm2` feature); the core alone
# has not, and must refuse SM2 with INVALID_CONFIG (core/tests/sm2_absent.rs, sm2.json).
step "cargo test: core without SM2"
cargo test -p alipay-notify --locked 2>&1 | tee "$LOGS/cargo-no-sm2.log"
count_cargo "$LOGS/cargo-no-sm2.log"

step "cargo test: core with the pure-Rust rsa backend"
cargo test -p alipay-notify --no-default-features --features rustcrypto --locked 2>&1 | tee "$LOGS/cargo-rustcrypto.log"
count_cargo "$LOGS/cargo-rustcrypto.log"

# Each binding's suite: its script prints "<name>: N passed, M failed" as its last summary.
# A suite that ends without that line counts as one failure.
SUITES=(
  "test-services|Test servers: PostgreSQL and Redis on 127.0.0.1, started and stopped by the scripts"
  "test-c|C ABI: tests/c with sanitizers and valgrind, shared and static library"
  "test-php|PHP extension: php/ext/tests (shared and static extension, valgrind)"
  "test-php-ledger|PHP ledger: Ledger on SQLite and PostgreSQL, php-fpm duplicates, reconciliation at the sandbox"
  "test-php-frameworks|PHP frameworks: php/tests/frameworks (the PSR-7 helper with Guzzle and Nyholm PSR-7)"
  "test-php-shop|PHP example shop: examples/php under php -S and php-fpm, Alipay simulated"
  "test-py|Python: abi3 wheel in a fresh virtualenv, stubtest, pytest (Django example app)"
  "test-differential|Differential: 1,000 messages against alipay-sdk, python-alipay-sdk and alipay-sdk-python (docs/compatibility.md)"
  "test-node|Node: napi addon, Express middleware and example shop, tsc (node --test)"
  "test-soak|Soak: 50,000 mixed verifications per binding (C, PHP, Python, Node), answers checked, RSS flat after warm-up"
  "test-bench|Benchmark harnesses: Rust, Python, PHP, Node and every peer (cryptography, python-alipay-sdk, openssl_verify, AopClient rsaCheckV1, crypto.verify, alipay-sdk) once over a tiny corpus, every verdict checked"
  "test-bench-e2e|End to end: Django (gunicorn), Express cluster and PHP-FPM behind nginx, library and SDK handlers, 300 requests each, every answer checked"
  "test-fuzz|Fuzzing: each fuzz/ target 8 s from the committed seeds and regressions (libFuzzer, stable toolchain)"
  "test-dist|Release artifacts: make dist, then each package installed into a clean place and used"
  "test-demo|make demo: the sandbox and the Django, Express and PHP shops, one purchase each"
  "test-browser|Browser: headless Chromium buys in each shop at the sandbox (playwright-core)"
)
for suite in "${SUITES[@]}"; do
  name=${suite%%|*}
  step "${suite#*|}"
  run_counted "$name" "$LOGS/$name.log"
done

step "shared vectors re-checked by an independent Python implementation"
.venv/bin/python tests/vectors/check.py | tee "$LOGS/check.log"
read -r _ p _ f _ < <(grep -E '^check.py: [0-9]+ passed' "$LOGS/check.log")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

step "docs: each Chinese page's code blocks and links against its English page"
.venv/bin/python tests/docs/check_docs.py | tee "$LOGS/check-docs.log" || true
read -r _ p _ f _ < <(grep -E '^check_docs: [0-9]+ passed' "$LOGS/check-docs.log" || echo "check_docs: 0 passed, 1 failed")
PASSED=$((PASSED + p)); FAILED=$((FAILED + f))

echo
echo "total: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
