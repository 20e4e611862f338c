#!/usr/bin/env bash
# The PHP framework tests (`make test-php-frameworks`): php/tests/frameworks/*.phpt with the
# shared extension and the library's PHP classes (php/lib/AlipayNotify), against the PSR-7 and
# PSR-17 implementations Debian packages (Guzzle's and Nyholm's): the PSR-7 helper reading the
# raw body and answering exactly success/fail, in process and behind php -S. The tests run in a
# copy (target/php-tests), where run-tests.php writes its .out and .diff files. Ends with
# "test-php-frameworks: N passed, N failed".
source "$(dirname "$0")/common.sh"
need_rust
apt_install php-cli php-dev php-sqlite3 php-guzzlehttp-psr7 php-nyholm-psr7 php-psr-http-message php-psr-http-factory \
  php-laravel-framework

step "the PHP extension (shared build)"
bash scripts/php-ext.sh >/dev/null
modules="$PWD/target/php-ext/shared/modules"
system=$(php-config --extension-dir)
run_tests=$(ls "$(php-config --extension-dir)"/build/run-tests.php 2>/dev/null || ls /usr/lib/php/*/build/run-tests.php | head -1)

step "php/tests/frameworks"
work=target/php-tests
rm -rf "$work"
mkdir -p "$work"
cp -r php/tests/frameworks "$work/"
log="$work/run-tests.log"
set +e
# -n: no php.ini, so ctype (which Guzzle needs) and PDO SQLite (the ledger) are loaded by hand; include_path: Debian's PHP
# libraries (the PSR-7 implementations' autoloaders).
ALIPAY_NOTIFY_ROOT=$PWD NO_INTERACTION=1 NO_COLOR=1 php "$run_tests" -p "$(command -v php)" -n -q -j2 \
  -d "extension_dir=$modules" -d extension=alipay_notify -d "extension=$system/ctype.so" \
  -d "extension=$system/pdo.so" -d "extension=$system/pdo_sqlite.so" \
  -d include_path=.:/usr/share/php \
  "$work/frameworks" </dev/null >"$log" 2>&1
code=$?
set -e
plain=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
total=$(awk -F: '/^Number of tests/ { print $2 + 0; exit }' <<<"$plain")
passed=$(awk -F: '/^Tests passed/ { print $2 + 0; exit }' <<<"$plain")
grep -oE '(PASS|FAIL|SKIP|BORK|WARN|LEAK) .*\[[^]]*\.phpt\]' <<<"$plain" | sed 's/ \[[^]]*\]$//' || true
grep -E '^(Number of tests|Tests (borked|skipped|warned|failed|leaked|passed))' <<<"$plain" || true
if [ -z "$total" ] || [ -z "$passed" ]; then
  echo "no run-tests.php summary in $log:"
  tail -20 "$log"
  total=1 passed=0
fi
# Everything that did not pass (failed, skipped, borked, warned) counts as failed.
failed=$((total - passed))
if [ "$failed" -ne 0 ] || [ "$code" -ne 0 ]; then
  for diff in "$work"/frameworks/*.diff; do
    [ -f "$diff" ] && { echo "--- $diff"; head -40 "$diff"; }
  done
  [ "$failed" -ne 0 ] || failed=1
fi
echo
echo "test-php-frameworks: $passed passed, $failed failed (php/tests/frameworks: the PSR-7 helper, framework recipes)"
[ "$failed" -eq 0 ]
