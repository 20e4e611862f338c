#!/usr/bin/env bash
# Smoke test of dist/php (run scripts/dist-php.sh first), each artifact installed into a clean
# temporary directory and checked with a real Alipay-signed notification
# (tests/vectors/alipay_real.json) and a tampered copy of it:
#   1. the built extension, loaded with `php -n -d extension=...` (no phpize, no php.ini);
#   2. the PECL-style source package, unpacked and built with phpize, configure and make
#      against libalipay_notify installed into a prefix (dist/c's tarball when there is one,
#      else this checkout's release build) and found by configure through pkg-config.
# Ends with "smoke-php: N passed, M failed".
source "$(dirname "$0")/common.sh"
apt_install php-cli php-dev pkg-config

PASSED=0
FAILED=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
version=$(package_version alipay-notify-ffi)

# What one loaded extension must do; prints "ok ..." or "not ok ..." per check.
cat >"$tmp/check.php" <<'PHP'
<?php
[, $vectors, $expected] = $argv;
$ok = function (bool $pass, string $what) { echo $pass ? "ok" : "not ok", " - $what\n"; };
$ok(extension_loaded('alipay_notify') && AlipayNotify\version() === $expected,
    "alipay_notify loaded, version " . (function_exists('AlipayNotify\version') ? AlipayNotify\version() : 'none'));
$file = json_decode(file_get_contents($vectors), true, 512, JSON_THROW_ON_ERROR);
$v = null;
foreach ($file['vectors'] as $candidate) {
    if ($candidate['kind'] === 'notify' && $candidate['expect'] === 'valid' && isset($candidate['params_out']['total_amount'])) {
        $v = $candidate;
        break;
    }
}
$verifier = new AlipayNotify\Verifier([
    'alipay_public_key' => array_map(fn ($id) => $file['keys'][$id], $v['keys']),
    'sign_types' => $v['options']['sign_types'] ?? ['RSA2'],
]);
try {
    $n = $verifier->verifyNotify($v['input']);
    $ok($n['out_trade_no'] === $v['params_out']['out_trade_no'] && $n['trade_status'] === $v['params_out']['trade_status'],
        "{$v['id']} verifies (out_trade_no {$n['out_trade_no']}, {$n['trade_status']})");
} catch (AlipayNotify\Exception $e) {
    $ok(false, "{$v['id']} verifies: " . get_class($e) . ' ' . $e->getErrorName() . ': ' . $e->getMessage());
}
// The same message with another amount: the signature no longer covers it.
$amount = 'total_amount=' . rawurlencode($v['params_out']['total_amount']);
$tampered = str_replace($amount, 'total_amount=1000.00', $v['input'], $count);
try {
    $verifier->verifyNotify($tampered);
    $ok(false, "tampered copy (total_amount 1000.00) refused: it verified");
} catch (AlipayNotify\InvalidSignatureException $e) {
    $ok($count === 1, "tampered copy (total_amount 1000.00) refused: InvalidSignatureException " . $e->getErrorName());
} catch (Throwable $e) {
    $ok(false, "tampered copy refused with InvalidSignatureException, not " . get_class($e));
}
PHP

# Runs check.php with the extension at $2, counting its "ok" and "not ok" lines.
check() { # label extension.so
  step "$1"
  local log=$tmp/check.log
  php -n -d "extension=$2" "$tmp/check.php" tests/vectors/alipay_real.json "alipay_notify/$version" >"$log" 2>&1 || true
  cat "$log"
  local ok bad
  ok=$(grep -c '^ok' "$log" || true)
  bad=$(grep -c '^not ok' "$log" || true)
  # A PHP that died before its checks (the extension failed to load) fails all three.
  [ $((ok + bad)) -eq 3 ] || bad=$((3 - ok))
  PASSED=$((PASSED + ok))
  FAILED=$((FAILED + bad))
}

fail() { # what
  echo "FAILED: $*"
  FAILED=$((FAILED + 1))
}

# 1. The built extension.
binary=$(ls dist/php/php_alipay_notify-"$version"-*.tgz 2>/dev/null | head -1 || true)
if [ -n "$binary" ]; then
  mkdir "$tmp/binary"
  tar -xzf "$binary" -C "$tmp/binary"
  so=$(find "$tmp/binary" -name alipay_notify.so)
  check "built extension $(basename "$binary"), php -n -d extension=... (no phpize)" "$so"
else
  fail "no dist/php/php_alipay_notify-$version-*.tgz (run scripts/dist-php.sh)"
fi

# 2. The PECL-style source package against an installed C library.
pecl_tgz=dist/php/alipay_notify-$version.tgz
step "PECL source package $(basename "$pecl_tgz"): phpize, configure, make"
prefix=$tmp/prefix
c_tarball=$(ls dist/c/*.tar.gz 2>/dev/null | head -1 || true)
if [ -n "$c_tarball" ]; then
  mkdir -p "$prefix"
  tar -xzf "$c_tarball" -C "$prefix" --strip-components=1
  echo "libalipay_notify from $c_tarball"
else
  bash scripts/c-lib.sh install "$prefix" >/dev/null
  echo "libalipay_notify from this checkout's release build (no dist/c tarball yet)"
fi
pc=$(find "$prefix" -name alipay_notify.pc | head -1)
if [ ! -f "$pecl_tgz" ]; then
  fail "no $pecl_tgz (run scripts/dist-php.sh)"
elif [ -z "$pc" ]; then
  fail "no alipay_notify.pc under the installed library"
else
  mkdir "$tmp/src"
  tar -xzf "$pecl_tgz" -C "$tmp/src"
  src=$tmp/src/alipay_notify-$version
  # A relocated .pc may still name the prefix it was made for: configure is given the
  # prefix's pkg-config directory and nothing else (no --with-alipay-notify).
  if (cd "$src" && phpize >phpize.log 2>&1 &&
      PKG_CONFIG_PATH=$(dirname "$pc") ./configure >configure.log 2>&1 &&
      make -j2 >make.log 2>&1); then
    echo "configure found libalipay_notify: $(sed -n 's/^checking for libalipay_notify... //p' "$src/configure.log" | head -1)"
    check "PECL source package built against the installed library" "$src/modules/alipay_notify.so"
  else
    for log in phpize configure make; do
      [ -f "$src/$log.log" ] && tail -15 "$src/$log.log"
    done
    fail "the PECL source package does not build"
  fi
fi

echo
echo "smoke-php: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
