#!/usr/bin/env bash
# Smoke test of dist/c (part of `make test-dist`, after scripts/dist-c.sh): the tarball unpacked
# into an empty prefix, examples/c/notify.c compiled against it through pkg-config (shared, with
# an rpath and with LD_LIBRARY_PATH, and static), each binary verifying a real Alipay-signed
# notification (tests/vectors/alipay_real.json) and refusing a tampered copy. Ends with
# "smoke-c: N passed, M failed".
source "$(dirname "$0")/common.sh"
apt_install gcc libc6-dev pkg-config binutils python3
version=$(package_version alipay-notify-ffi)
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then soname="libalipay_notify.so.0.$minor"; else soname="libalipay_notify.so.$major"; fi
target=${DIST_C_TARGET:-$GLIBC_TARGET} # as scripts/dist-c.sh names the tarball
triple=${target%.[0-9]*.[0-9]*}
name="libalipay_notify-$version-${triple%%-*}-linux-${triple##*-}"
tarball="dist/c/$name.tar.gz"
out="$PWD/target/smoke-c"
PASSED=0
FAILED=0

rm -rf "$out"
mkdir -p "$out/prefix" "$out/case"
if ! tar -xzf "$tarball" -C "$out/prefix" --strip-components=1; then
  FAILED=$((FAILED + 1))
  check_summary smoke-c
  exit 1
fi
prefix="$out/prefix"

# The merchant's side: Alipay's public key, the raw body Alipay posted and the order it pays; and
# a copy of the body with its amount changed.
python3 scripts/real-notification.py tests/vectors/alipay_real.json "$out/case"
mapfile -t order <"$out/case/order.txt"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
unset PKG_CONFIG_LIBDIR LD_LIBRARY_PATH
check "pkg-config finds alipay_notify $version in the unpacked prefix" \
  test "$(pkg-config --modversion alipay_notify 2>/dev/null)" = "$version"
# The .pc locates the prefix from its own place (pcfiledir), wherever it was unpacked.
check "its libdir is the unpacked one" \
  test "$(realpath "$(pkg-config --variable=libdir alipay_notify)")" = "$(realpath "$prefix/lib")"
check "pkg-config --static adds the libraries the static archive needs" \
  grep -q -- '-lpthread -ldl' <(pkg-config --static --libs alipay_notify)

CFLAGS=(-std=c11 -Wall -Wextra -Werror -O2)
read -ra cflags <<<"$(pkg-config --cflags alipay_notify)"
read -ra libs <<<"$(pkg-config --libs alipay_notify)"
read -ra static <<<"$(pkg-config --variable=static_libs alipay_notify)"
libdir=$(pkg-config --variable=libdir alipay_notify)
build() { # output link-flags...
  gcc "${CFLAGS[@]}" "${cflags[@]}" examples/c/notify.c "${@:2}" -o "$out/$1" 2>"$out/$1.cc.log" ||
    { cat "$out/$1.cc.log" >&2; return 1; }
}
# Runs a build on the real body and on the tampered one: "success" and exit 0, then "fail",
# exit 1 and the error's stable name. Extra arguments go before the binary (env settings).
verifies() { # binary env-assignments...
  local bin=$out/$1 reply status
  reply=$(env "${@:2}" "$bin" "$out/case/key.txt" "${order[@]}" <"$out/case/body.txt" 2>"$out/$1.real.log") &&
    status=0 || status=$?
  check "$1: the real notification verifies (exit $status, reply '$reply')" test "$status:$reply" = 0:success
  reply=$(env "${@:2}" "$bin" "$out/case/key.txt" "${order[@]}" <"$out/case/tampered.txt" 2>"$out/$1.tampered.log") &&
    status=0 || status=$?
  check "$1: the tampered copy is refused (exit $status, reply '$reply', $(grep -o '[A-Z_]* ([0-9]*)' "$out/$1.tampered.log" | head -1))" \
    test "$status:$reply" = 1:fail -a -n "$(grep -o 'INVALID_SIGNATURE' "$out/$1.tampered.log")"
}
# The directory the loader takes the library from, with the prefix on LD_LIBRARY_PATH.
loaded_from() {
  local path
  path=$(LD_LIBRARY_PATH="$prefix/lib" ldd "$out/$1" | awk -v s="$soname" '$1 == s {print $3}')
  [ -n "$path" ] && realpath "$(dirname "$path")"
}
needs_soname() { readelf -d "$out/$1" | grep -q "NEEDED.*\[$soname\]"; }

# Shared, found at run time through LD_LIBRARY_PATH (a prefix outside the loader's paths).
if check "shared build: gcc notify.c \$(pkg-config --cflags --libs alipay_notify)" build notify-shared "${libs[@]}"; then
  check "notify-shared needs $soname (the SONAME, not the unversioned name)" needs_soname notify-shared
  check "notify-shared loads the library of the prefix" test "$(loaded_from notify-shared)" = "$(realpath "$prefix/lib")"
  verifies notify-shared LD_LIBRARY_PATH="$prefix/lib"
fi
# Shared with an rpath to the prefix: no environment needed.
if check "shared build with -Wl,-rpath,\$libdir" build notify-rpath "${libs[@]}" -Wl,-rpath,"$libdir"; then
  verifies notify-rpath
fi
# Static: the archive and the system libraries pkg-config lists for it (ffi-c/README.md).
if check "static build: gcc notify.c \$(pkg-config --variable=static_libs alipay_notify)" build notify-static "${static[@]}"; then
  check "notify-static does not need libalipay_notify.so" bash -c "! readelf -d '$out/notify-static' | grep -q libalipay_notify"
  verifies notify-static
fi
check_summary smoke-c
