#!/usr/bin/env bash
# Builds the PHP extension against this checkout's C library, out of tree (phpize writes its
# build system into the directory it runs in, so php/ext itself is never built in):
#
#   scripts/php-ext.sh                          # target/php-ext/shared/modules/alipay_notify.so
#   scripts/php-ext.sh install                  # also `make install` into PHP's extension_dir
#   scripts/php-ext.sh build VARIANT [OPTION…]  # target/php-ext/VARIANT, with these configure
#                                               # options (the tests build `shared`, and `static`
#                                               # with --enable-alipay-notify-static)
#
# PHP_EXT_STRICT=1 turns compiler warnings into errors (the tests set it).
# Try it with: php -d extension=$PWD/target/php-ext/shared/modules/alipay_notify.so -r 'echo AlipayNotify\version();'
source "$(dirname "$0")/common.sh"
need_rust
apt_install php-cli php-dev

build() { # variant, configure options...
  local variant=$1 dir="target/php-ext/$1" root=$PWD cflags=""
  shift
  [ "${PHP_EXT_STRICT:-0}" = 1 ] && cflags="-Wall -Wextra -Wno-unused-parameter -Werror"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  cp -r php/ext "$dir"
  (
    cd "$dir"
    phpize >phpize.log 2>&1 || { cat phpize.log; exit 1; }
    ./configure --with-alipay-notify="$root" "$@" >configure.log 2>&1 || { tail -30 configure.log; exit 1; }
    make -j2 EXTRA_CFLAGS="$cflags" >make.log 2>&1 || { grep -E 'error|warning' make.log | head -40; exit 1; }
  )
  echo "built $dir/modules/alipay_notify.so ($(du -k "$dir/modules/alipay_notify.so" | cut -f1) KiB)"
}

bash scripts/c-lib.sh >/dev/null
case "${1:-}" in
  build)
    shift
    build "${1:?usage: scripts/php-ext.sh build VARIANT [CONFIGURE_OPTION…]}" "${@:2}"
    ;;
  install)
    build shared
    make -C target/php-ext/shared install
    echo "add extension=alipay_notify to php.ini (for php-fpm too), then restart php-fpm"
    ;;
  "")
    build shared
    echo "linked to $(target_dir)/release/libalipay_notify.so"
    ;;
  *)
    echo "usage: scripts/php-ext.sh [install | build VARIANT [CONFIGURE_OPTION…]]" >&2
    exit 2
    ;;
esac
