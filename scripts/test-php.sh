#!/usr/bin/env bash
# The PHP tests (`make test-php`): builds libalipay_notify (release), then the extension out of
# tree twice (target/php-ext/shared links libalipay_notify.so with a RUNPATH; .../static links
# libalipay_notify.a into one self-contained alipay_notify.so), runs php/ext/tests/*.phpt with
# the extension's own `make test` for each (the request tests serve merchant scripts with
# php -S and php-fpm), then the shared build's tests once more under valgrind (zero leaks of
# library handles), and ends with "test-php: N passed, N failed". It starts by checking
# that the extension's arginfo is the one its stub gives (scripts/php-stub.sh --check).
source "$(dirname "$0")/common.sh"
need_rust
# php-fpm: 070_php_fpm.phpt serves the merchant scripts through it (skipped where it is missing).
apt_install php-cli php-dev php-fpm valgrind

step "arginfo: what gen_stub.php makes of the stub"
php -l php/ext/alipay_notify.stub.php >/dev/null
bash scripts/php-stub.sh --check

step "C library (release)"
bash scripts/c-lib.sh >/dev/null
root=$PWD
release="$(target_dir)/release"
echo "$(php -r 'echo PHP_VERSION, " ", PHP_SAPI, PHP_ZTS ? " ZTS" : " NTS";'), $(phpize --version | grep 'PHP Api' | tr -s ' ')"

php -l php/lib/alipay_notify.class.php >/dev/null

PASSED=0
FAILED=0
out=target/php-ext

# Adds the counts of a run-tests.php summary: everything that did not pass (failed, warned,
# skipped, borked, leaked) counts as failed: here every test must run.
count_run_tests() { # log
  local plain total passed
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  total=$(awk -F: '/^Number of tests/ { print $2 + 0; exit }' <<<"$plain")
  passed=$(awk -F: '/^Tests passed/ { print $2 + 0; exit }' <<<"$plain")
  if [ -z "$total" ] || [ -z "$passed" ]; then
    echo "no run-tests.php summary in $1"
    FAILED=$((FAILED + 1))
    return
  fi
  grep -E '^(Number of tests|Tests (borked|skipped|warned|failed|leaked|passed))' <<<"$plain"
  PASSED=$((PASSED + passed))
  FAILED=$((FAILED + total - passed))
  if [ "$passed" -ne "$total" ]; then
    grep -E '^(FAIL|SKIP|BORK|WARN|LEAK)' <<<"$plain" || true
    for diff in "$(dirname "$1")"/tests/*.diff; do
      [ -f "$diff" ] && { echo "--- $diff"; head -40 "$diff"; }
    done
  fi
}

# The extension exports get_module() and nothing else (PHP loads it with RTLD_GLOBAL).
check_exports() { # variant
  local exported
  exported=$(nm -D --defined-only "$out/$1/modules/alipay_notify.so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }')
  if [ "$exported" != get_module ]; then
    echo "the $1 build exports more than get_module:" >&2
    echo "$exported" >&2
    exit 1
  fi
}

build() { # variant, configure options...
  step "extension ($1): phpize, configure ${*:2}, make"
  PHP_EXT_STRICT=1 bash scripts/php-ext.sh build "$@"
}

run_tests() { # variant, extra run-tests options
  local dir="$out/$1" log="$out/$1-tests.log"
  step "php/ext/tests with the $1 extension${2:+ ($2)}"
  set +e
  # VALGRIND_OPTS: run-tests.php -m starts valgrind without a leak check; this adds it. php-fpm
  # is left out: its workers exit without PHP's shutdown, which valgrind reports as PHP's leaks.
  (cd "$dir" && ALIPAY_NOTIFY_ROOT="$root" NO_COLOR=1 \
    VALGRIND_OPTS="--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --trace-children-skip=*php-fpm*" make test NO_INTERACTION=1 TEST_PHP_ARGS="${2:--j2}" </dev/null) >"$log" 2>&1
  local code=$?
  set -e
  count_run_tests "$log"
  if [ "$code" -ne 0 ]; then
    echo "make test exited with $code; its log ($log) ends with:"
    tail -20 "$log"
    FAILED=$((FAILED + 1))
  fi
}

build shared
needed=$(readelf -d "$out/shared/modules/alipay_notify.so")
grep -q 'NEEDED.*libalipay_notify\.so' <<<"$needed" || { echo "the shared build does not load libalipay_notify.so" >&2; exit 1; }
grep -q "RUNPATH.*$release" <<<"$needed" || { echo "the shared build has no RUNPATH to $release" >&2; exit 1; }
check_exports shared
run_tests shared

build static --enable-alipay-notify-static
needed=$(readelf -d "$out/static/modules/alipay_notify.so")
if grep -q 'libalipay_notify' <<<"$needed"; then
  echo "the static build loads libalipay_notify.so" >&2
  exit 1
fi
check_exports static
run_tests static

# Every handle the extension takes from the library must be freed: run the suite once more
# under valgrind (run-tests.php -m, which sets USE_ZEND_ALLOC=0), which reports a test as
# LEAKED when valgrind reports an error or a definite leak (PCRE's JIT is off: valgrind cannot
# follow its code). The php -S children run under valgrind too; php-fpm does not.
run_tests shared "-j2 -m -d pcre.jit=0"

echo
echo "test-php: $PASSED passed, $FAILED failed (php/ext/tests: shared and static extension, and under valgrind)"
[ "$FAILED" -eq 0 ]
