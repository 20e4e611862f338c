#!/usr/bin/env bash
# The PHP extension's arginfo (php/ext/alipay_notify_arginfo.h) is generated from its stub
# (php/ext/alipay_notify.stub.php) by gen_stub.php, the generator php-src uses for its own
# extensions, which php-dev installs next to phpize:
#
#   scripts/php-stub.sh           # regenerates php/ext/alipay_notify_arginfo.h (`make php-stub`)
#   scripts/php-stub.sh --check   # fails when the checked-in header is not what the stub gives
#
# gen_stub.php needs nikic/PHP-Parser, which it would download on first use; Debian's
# php-parser package provides it instead, laid out where gen_stub.php looks for it (next to a
# copy of the script, under target/), so nothing is fetched. The output depends on the PHP
# minor version of gen_stub.php: the checked-in header comes from PHP 8.2's.
source "$(dirname "$0")/common.sh"
apt_install php-cli php-dev php-parser

stub=php/ext/alipay_notify.stub.php
header=php/ext/alipay_notify_arginfo.h

gen_stub=""
for candidate in "$(php-config --extension-dir)/build/gen_stub.php" "$(php-config --prefix)/lib/php/build/gen_stub.php"; do
  [ -f "$candidate" ] && { gen_stub=$candidate; break; }
done
[ -n "$gen_stub" ] || { echo "gen_stub.php not found (php-dev installs it next to phpize's build files)" >&2; exit 1; }
parser=$(php -r 'echo stream_resolve_include_path("PhpParser/autoload.php");')
[ -n "$parser" ] || { echo "PhpParser not on PHP's include_path (Debian: apt-get install php-parser)" >&2; exit 1; }

work=target/php-stub
rm -rf "$work"
mkdir -p "$work"
cp "$gen_stub" "$work/gen_stub.php"
# gen_stub.php autoloads PhpParser\X from PHP-Parser-<version>/lib/PhpParser/X.php beside itself.
version=$(sed -n 's/^ *\$version = "\([0-9.]*\)";/\1/p' "$work/gen_stub.php")
mkdir -p "$work/PHP-Parser-$version"
ln -s "$(dirname "$(dirname "$parser")")" "$work/PHP-Parser-$version/lib"
cp "$stub" "$work/"
# -f: regenerate even when the hash recorded in the header says the stub is unchanged.
php "$work/gen_stub.php" -f "$work/$(basename "$stub")" >/dev/null

generated="$work/$(basename "$header")"
if [ "${1:-}" = --check ]; then
  if ! diff -u "$header" "$generated"; then
    echo "$header is not what $stub gives: run \`make php-stub\` (never edit the header by hand)" >&2
    exit 1
  fi
  echo "$header matches $stub"
else
  cp "$generated" "$header"
  echo "regenerated $header from $stub"
fi
