#!/usr/bin/env bash
# Builds the C library (release) and its pkg-config file.
#
#   scripts/c-lib.sh                   # target/release/libalipay_notify.{so,a} and
#                                      # target/release/pkgconfig/alipay_notify.pc (build tree)
#   scripts/c-lib.sh install PREFIX    # also copies library, header and .pc under
#                                      # $DESTDIR$PREFIX/{lib,include,lib/pkgconfig}
source "$(dirname "$0")/common.sh"
need_rust

# What a program linking libalipay_notify.a also needs, as printed by
# `cargo rustc -p alipay-notify-ffi --crate-type staticlib -- --print native-static-libs`
# (without libc, which every C program links); tests/c links the static library with exactly
# these, so a change in Rust's needs fails `make test-c`.
NATIVE_STATIC_LIBS="-lpthread -ldl -lm -lrt -lutil -lgcc_s"

cargo build --release --locked -q -p alipay-notify-ffi
version=$(package_version alipay-notify-ffi)
release="$(target_dir)/release"

write_pc() { # prefix libdir includedir output
  mkdir -p "$(dirname "$4")"
  sed -e "s|@PREFIX@|$1|" -e "s|@LIBDIR@|$2|" -e "s|@INCLUDEDIR@|$3|" \
      -e "s|@VERSION@|$version|" -e "s|@NATIVE_STATIC_LIBS@|$NATIVE_STATIC_LIBS|g" \
      ffi-c/alipay_notify.pc.in > "$4"
}

write_pc "$PWD" "$release" "$PWD/include" "$release/pkgconfig/alipay_notify.pc"
echo "built $release/libalipay_notify.so, $release/libalipay_notify.a"
echo "pkg-config: PKG_CONFIG_PATH=$release/pkgconfig pkg-config --cflags --libs alipay_notify"

if [ "${1:-}" = install ]; then
  prefix=${2:?usage: scripts/c-lib.sh install PREFIX}
  root="${DESTDIR:-}$prefix"
  install -d "$root/lib/pkgconfig" "$root/include"
  install -m 0755 "$release/libalipay_notify.so" "$root/lib/"
  install -m 0644 "$release/libalipay_notify.a" "$root/lib/"
  install -m 0644 include/alipay_notify.h "$root/include/"
  write_pc "$prefix" "$prefix/lib" "$prefix/include" "$root/lib/pkgconfig/alipay_notify.pc"
  echo "installed under $root (run ldconfig if $prefix/lib is a system library directory)"
fi
