#!/usr/bin/env bash
# `make dist`, C part: dist/c/libalipay_notify-<version>-<arch>-linux-gnu.tar.gz, an installation
# prefix (lib/, include/, lib/pkgconfig/, share/doc/alipay_notify/) with the shared library
# under its SONAME, the static library, the header and a relocatable pkg-config file.
#
# SONAME: libalipay_notify.so.0.1 for every 0.1.x. Before 1.0 the project's SemVer lets a minor
# release break the ABI (CHANGELOG.md), so the SONAME carries major.minor: a program linked
# against 0.1 never loads a 0.2 that may have changed a struct or a signature, and 0.1.x patch
# releases replace each other in place. From 1.0 on it becomes .so.1. (cargo-c names 0.x
# libraries the same way.)
#
# Built with cargo-zigbuild for glibc 2.17 (GLIBC_TARGET), in DIST_TARGET_DIR with the other
# zig builds. The release workflow builds the other Linux rows with the same script:
# DIST_C_TARGET=aarch64-unknown-linux-gnu.2.17, or x86_64-/aarch64-unknown-linux-musl. cargo-c is not used: see the commit that added this script (its release needs a
# newer Rust than ours, and building it costs every CI run minutes for what one linker flag,
# two symlinks and the existing .pc template do).
source "$(dirname "$0")/common.sh"
need_rust
need_zig
apt_install binutils

crate=alipay-notify-ffi
version=$(package_version "$crate")
IFS=. read -r major minor _ <<<"$version"
if [ "$major" = 0 ]; then soversion="0.$minor"; else soversion="$major"; fi
soname="libalipay_notify.so.$soversion"
target=${DIST_C_TARGET:-$GLIBC_TARGET}
triple=${target%.[0-9]*.[0-9]*} # cargo's directory name: without zig's glibc version
libc=${triple##*-}
name="libalipay_notify-$version-${triple%%-*}-linux-$libc"
# musl targets link statically by default, where Rust builds no cdylib.
rustc_flags=()
[ "$libc" = musl ] && rustc_flags=(-C target-feature=-crt-static)
# What a program linking libalipay_notify.a also needs (c-lib.sh documents where it comes from).
NATIVE_STATIC_LIBS="-lpthread -ldl -lm -lrt -lutil -lgcc_s"

step "C library $version for $target (cargo-zigbuild, SONAME $soname)"
# `rustc` rather than `zigbuild`: the -soname flag then reaches this crate's link only, and the
# dependencies' builds shared with the other zig builds stay as they are.
CARGO_TARGET_DIR=$DIST_TARGET_DIR cargo-zigbuild rustc --release --locked -q -p "$crate" \
  --target "$target" --lib -- -C "link-arg=-Wl,-soname,$soname" "${rustc_flags[@]}"
built="$DIST_TARGET_DIR/$triple/release"

stage="target/dist-c/$name"
rm -rf "$stage"
install -d "$stage/lib/pkgconfig" "$stage/include" "$stage/share/doc/alipay_notify"
install -m 0755 "$built/libalipay_notify.so" "$stage/lib/libalipay_notify.so.$version"
ln -s "libalipay_notify.so.$version" "$stage/lib/$soname"
ln -s "$soname" "$stage/lib/libalipay_notify.so"
install -m 0644 "$built/libalipay_notify.a" "$stage/lib/"
# Debug sections are most of the archive (53 MB -> 31 MB); the .so is already built without.
strip --strip-debug "$stage/lib/libalipay_notify.a"
install -m 0644 include/alipay_notify.h "$stage/include/"
install -m 0644 LICENSE ffi-c/README.md "$stage/share/doc/alipay_notify/"
# prefix relative to the .pc file itself (pkg-config and pkgconf both define pcfiledir): the
# tarball works wherever it is unpacked, and `make install-c`-style rewriting is not needed.
# shellcheck disable=SC2016 # the ${...} are pkg-config's variables
sed -e 's|@PREFIX@|${pcfiledir}/../..|' -e 's|@LIBDIR@|${prefix}/lib|' \
    -e 's|@INCLUDEDIR@|${prefix}/include|' -e "s|@VERSION@|$version|" \
    -e "s|@NATIVE_STATIC_LIBS@|$NATIVE_STATIC_LIBS|g" \
    ffi-c/alipay_notify.pc.in > "$stage/lib/pkgconfig/alipay_notify.pc"

step "checks of $name"
failures=0
check() { # description command...
  if "${@:2}"; then echo "ok: $1"; else echo "FAILED: $1" >&2; failures=$((failures + 1)); fi
}
library="$stage/lib/libalipay_notify.so.$version"
readelf -d "$library" | grep -E 'SONAME|NEEDED'
check "SONAME is $soname" grep -q "Library soname: \[$soname\]" <(readelf -d "$library")
check "symlinks: libalipay_notify.so -> $soname -> libalipay_notify.so.$version" \
  test "$(readlink "$stage/lib/libalipay_notify.so")" = "$soname" \
  -a "$(readlink "$stage/lib/$soname")" = "libalipay_notify.so.$version"
if [ "$libc" = gnu ]; then
  newest=$(max_glibc "$library")
  echo "max_glibc: $newest"
  check "needs nothing newer than GLIBC_2.17 ($newest)" \
    test "$(printf '%s\n' "$newest" GLIBC_2.17 | sort -V | tail -1)" = GLIBC_2.17
fi
# Only the C API leaves the library (Rust's own symbols stay hidden).
exported=$(nm -D --defined-only "$library" | awk '$2 == "T" {print $3}')
check "exports only alipay_notify_* functions ($(wc -l <<<"$exported"))" \
  test -z "$(grep -v '^alipay_notify_' <<<"$exported")"
check "static library has alipay_notify_verifier_build" \
  grep -q ' T alipay_notify_verifier_build$' <(nm "$stage/lib/libalipay_notify.a" 2>/dev/null)

mkdir -p dist/c
tarball="dist/c/$name.tar.gz"
# Reproducible: names sorted, owner root, every mtime the commit's.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -C "$(dirname "$stage")" -czf "$tarball" "$name"
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
tar -xzf "$tarball" -C "$unpacked"
check "header in the tarball equals include/alipay_notify.h" \
  cmp -s "$unpacked/$name/include/alipay_notify.h" include/alipay_notify.h
check "LICENSE in the tarball" cmp -s "$unpacked/$name/share/doc/alipay_notify/LICENSE" LICENSE
tar -tvzf "$tarball"
if [ "$failures" -ne 0 ]; then
  echo "dist-c: $failures check(s) failed" >&2
  exit 1
fi
echo "dist-c: $tarball ($(stat -c %s "$tarball") bytes)"
