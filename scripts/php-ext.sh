#!/usr/bin/env bash
# Builds the PHP extension against this checkout's C library, out of tree:
#
#   scripts/php-ext.sh            # target/php-ext/shared/modules/alipay_notify.so
#   scripts/php-ext.sh install    # also `make install` into PHP's extension_dir
#
# Try it with: php -d extension=$PWD/target/php-ext/shared/modules/alipay_notify.so -r 'echo AlipayNotify\version();'
source "$(dirname "$0")/common.sh"
need_rust
apt_install php-cli php-dev

bash scripts/c-lib.sh >/dev/null
root=$PWD
dir=target/php-ext/shared
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
cp -r php/ext "$dir"
cd "$dir"
phpize >/dev/null
./configure --with-alipay-notify="$root" >configure.log
make -j2 >make.log
echo "built $PWD/modules/alipay_notify.so (linked to $root/target/release/libalipay_notify.so)"
if [ "${1:-}" = install ]; then
  make install
  echo "add extension=alipay_notify to php.ini (for php-fpm too), then restart php-fpm"
fi
