#!/usr/bin/env bash
# `make dist`, Python part: dist/python/ gets the abi3 wheel (CPython 3.9+) tagged manylinux2014
# x86_64, linked against glibc 2.17 by maturin's --zig, and the sdist that `pip install` builds
# with maturin where no wheel fits. Fails unless auditwheel finds the wheel consistent with
# manylinux2014, the extension needs nothing newer than GLIBC_2.17, the LICENSE is in the wheel's
# dist-info and the sdist holds what a build needs (the core, Cargo.lock, LICENSE, README).
# scripts/smoke-py.sh installs both.
source "$(dirname "$0")/common.sh"
need_rust
need_zig
# auditwheel pinned: its policy tables decide what "consistent with manylinux2014" means.
need_python_venv 'maturin>=1.16,<2' 'auditwheel==6.8.2'
OUT=dist/python
VERSION=$(package_version alipay-notify-py)
# A target folder of its own inside the dist builds' one. cargo fingerprints the linker (also of
# the build scripts and proc macros, which land in <target>/release whatever --target says), and
# maturin's zig wrapper is not cargo-zigbuild's (cargo-zigbuild, also inside maturin, names the
# wrapper's folder after the binary that writes it): sharing a folder with the C and Node builds,
# each build recompiled every crate the other one had left.
export CARGO_TARGET_DIR=$DIST_TARGET_DIR/py-wheel
rm -rf "$OUT"
mkdir -p "$OUT"
ERRORS=0
fail() {
  echo "dist-py: $*" >&2
  ERRORS=$((ERRORS + 1))
}

step "wheel: maturin build --release --zig --compatibility manylinux2014 (glibc 2.17)"
.venv/bin/maturin build --release --locked --zig --compatibility manylinux2014 \
  -m py/Cargo.toml --out "$OUT" 2>&1 | grep -v '^ *Compiling ' || true
# Both spellings of the tag (maturin orders them): pip before 20.3 knows only manylinux2014.
WHEELS=("$OUT/alipay_notify-$VERSION-cp39-abi3-"*.whl)
WHEEL=${WHEELS[0]}
if [ ! -f "$WHEEL" ] || [[ $WHEEL != *manylinux2014_x86_64* ]] || [[ $WHEEL != *manylinux_2_17_x86_64* ]]; then
  ls -l "$OUT" >&2
  echo "dist-py: no abi3 wheel tagged manylinux2014_x86_64 and manylinux_2_17_x86_64 in $OUT" >&2
  exit 1
fi

step "auditwheel show $(basename "$WHEEL")"
AUDIT=$(.venv/bin/auditwheel show "$WHEEL" 2>&1) || fail "auditwheel show failed"
echo "$AUDIT"
# auditwheel names the most compatible policy the wheel satisfies: manylinux_2_17 or an older one
# (manylinux_2_5, _2_12) is consistent with manylinux2014. It wraps its sentences: read them as one.
tag=$(tr -s ' \n' ' ' <<<"$AUDIT" | grep -o 'consistent with the following platform tag: "[^"]*"' |
  grep -o '"[^"]*"' | tr -d '"' || true)
glibc_minor=$(sed -nE 's/^manylinux_2_([0-9]+)_x86_64$/\1/p' <<<"$tag")
if [ -z "$glibc_minor" ] || [ "$glibc_minor" -gt 17 ]; then
  fail "auditwheel: the wheel is consistent with \"${tag:-nothing}\", not manylinux2014 (manylinux_2_17_x86_64)"
fi

step "the wheel's contents"
UNPACKED=$(mktemp -d)
trap 'rm -rf "$UNPACKED"' EXIT
python3 -m zipfile -e "$WHEEL" "$UNPACKED"
SO=$UNPACKED/alipay_notify/_native.abi3.so
if [ -f "$SO" ]; then
  GLIBC=$(max_glibc "$SO")
  echo "alipay_notify/_native.abi3.so needs $GLIBC at most"
  [ "$(printf '%s\n' "$GLIBC" GLIBC_2.17 | sort -V | tail -1)" = GLIBC_2.17 ] ||
    fail "the extension needs $GLIBC, newer than GLIBC_2.17"
else
  fail "no alipay_notify/_native.abi3.so in the wheel"
fi
DIST_INFO=$UNPACKED/alipay_notify-$VERSION.dist-info
cmp -s LICENSE "$DIST_INFO/licenses/LICENSE" || fail "the wheel's dist-info has no licenses/LICENSE equal to LICENSE"
for field in 'License-Expression: MIT' 'License-File: LICENSE' 'Requires-Python: >=3.9' \
  'Provides-Extra: django' 'Project-URL: Issues, ' 'Classifier: Typing :: Typed'; do
  grep -qF "$field" "$DIST_INFO/METADATA" || fail "the wheel's METADATA has no \"$field\""
done
[ -f "$UNPACKED/alipay_notify/py.typed" ] || fail "the wheel has no alipay_notify/py.typed"

step "sdist: maturin sdist"
.venv/bin/maturin sdist -m py/Cargo.toml --out "$OUT"
SDIST=$OUT/alipay_notify-$VERSION.tar.gz
if [ -f "$SDIST" ]; then
  LISTING=$(tar tzf "$SDIST")
  # The core comes by path: without it (and the lock file that pins what it was tested with)
  # the sdist cannot build.
  for file in PKG-INFO pyproject.toml LICENSE README.md Cargo.toml Cargo.lock py/Cargo.toml \
    py/src/lib.rs core/Cargo.toml core/src/lib.rs python/alipay_notify/__init__.py \
    python/alipay_notify/py.typed; do
    grep -qxF "alipay_notify-$VERSION/$file" <<<"$LISTING" || fail "the sdist has no $file"
  done
  tar xzf "$SDIST" -C "$UNPACKED" "alipay_notify-$VERSION/LICENSE"
  cmp -s LICENSE "$UNPACKED/alipay_notify-$VERSION/LICENSE" || fail "the sdist's LICENSE differs from LICENSE"
else
  fail "no sdist $SDIST"
fi

step "dist/python"
ls -l "$OUT"
if [ "$ERRORS" -ne 0 ]; then
  echo "dist-py: $ERRORS check(s) failed" >&2
  exit 1
fi
