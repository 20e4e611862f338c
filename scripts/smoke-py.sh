#!/usr/bin/env bash
# Smoke test of dist/python (part of `make test-dist`, after scripts/dist-py.sh): the wheel goes
# into a fresh virtualenv with pip --no-index (nothing fetched), the sdist into another one, where
# pip builds it with maturin as on a merchant's machine that has Rust; with each, a short program
# run from an empty folder verifies a real Alipay-signed notification and refuses a tampered copy.
# Ends with "smoke-py: N passed, M failed".
source "$(dirname "$0")/common.sh"
need_rust
VERSION=$(package_version alipay-notify-py)
WHEEL=$(ls dist/python/alipay_notify-"$VERSION"-cp39-abi3-*manylinux2014_x86_64*.whl 2>/dev/null | head -1)
SDIST=dist/python/alipay_notify-$VERSION.tar.gz
OUT=target/smoke-py
PASSED=0
FAILED=0
pass() { echo "ok: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAILED: $*" >&2; FAILED=$((FAILED + 1)); }
export PYTHONDONTWRITEBYTECODE=1

rm -rf "$OUT"
mkdir -p "$OUT/empty"
# The merchant's side: the body Alipay posted, Alipay's public key, the order it pays. Prints one
# "PASS"/"FAIL" line per check.
cat >"$OUT/verify.py" <<'PY'
import json
import sys

import alipay_notify
from alipay_notify import InvalidSignature, Verifier

doc = json.load(open(sys.argv[1], encoding="utf-8"))
vector = next(v for v in doc["vectors"] if v["id"] == "alipay-real-n4-notify-2019-08-yuque")
body = vector["input"].encode()


def check(name, ok):
    print(("PASS " if ok else "FAIL ") + name)


# From the virtualenv, never from the source tree.
check("imported from " + alipay_notify.__file__, alipay_notify.__file__.startswith(sys.prefix))
verifier = Verifier(doc["keys"][vector["keys"][0]], app_id="2019073166072302")
try:
    n = verifier.verify_notify(body)
    n.check_order("20190815155618536-564-57", "0.10")
    check("real notification verified (" + n["subject"] + ")", n.is_paid and n.trade_no is not None)
except Exception as e:
    check("real notification verified: %s %s" % (type(e).__name__, e), False)
tampered = body.replace(b"&total_amount=0.10&", b"&total_amount=0.01&")
assert tampered != body
try:
    verifier.verify_notify(tampered)
    check("tampered amount refused (it verified)", False)
except InvalidSignature as e:
    check("tampered amount refused: InvalidSignature " + e.name, e.name == "INVALID_SIGNATURE")
except Exception as e:
    check("tampered amount refused: %s %s" % (type(e).__name__, e), False)
PY

# Runs verify.py with the virtualenv $1 from an empty folder (-I: neither the working directory
# nor PYTHONPATH is on sys.path) and counts its lines.
verify_with() { # venv label
  local line root=$PWD
  while IFS= read -r line; do
    case $line in
      PASS\ *) pass "$2: ${line#PASS }" ;;
      *) fail "$2: ${line#FAIL }" ;;
    esac
  done < <(cd "$OUT/empty" &&
    "$root/$1/bin/python" -I "$root/$OUT/verify.py" "$root/tests/vectors/alipay_real.json" 2>&1 ||
    echo "FAIL verify.py exited with an error")
}

# The wheel into a fresh virtualenv of the Python $1, with pip --no-index: nothing is fetched.
smoke_wheel() { # python
  local version venv
  version=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  venv=$OUT/wheel-$version
  step "the wheel on Python $version, pip install --no-index into a fresh virtualenv"
  "$1" -m venv "$venv"
  if "$venv/bin/pip" install -q --no-index "$WHEEL"; then
    pass "pip install --no-index $(basename "$WHEEL") (Python $version)"
    verify_with "$venv" "wheel, Python $version"
  else
    fail "pip install --no-index $(basename "$WHEEL") (Python $version)"
  fi
}

if [ -z "$WHEEL" ]; then
  fail "no manylinux2014 wheel in dist/python (run scripts/dist-py.sh)"
else
  smoke_wheel python3
  # The abi3 promise on the oldest and newest CPython installed beside python3 (pyenv), as
  # scripts/test-py.sh checks it for its own build.
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    for python in $(ls -d "$root"/versions/3.9.*/bin/python3 2>/dev/null | tail -1) \
                  $(ls -d "$root"/versions/3.1[3-9].*/bin/python3 2>/dev/null | sort -V | tail -1); do
      smoke_wheel "$python"
    done
  fi
fi

step "the sdist with Django, pip install into a fresh virtualenv (maturin builds it)"
if [ ! -f "$SDIST" ]; then
  fail "no $SDIST (run scripts/dist-py.sh)"
else
  python3 -m venv "$OUT/sdist"
  # A folder of the dist builds' own, kept between runs: the crates compiled last time are
  # reused (the zig builds' ones cannot be: cargo fingerprints the linker). No pip cache: the
  # wheel is built from this sdist every time.
  if CARGO_TARGET_DIR=$PWD/$DIST_TARGET_DIR/from-sdist "$OUT/sdist/bin/pip" install --no-cache-dir "$SDIST[django]" \
    >"$OUT/sdist-install.log" 2>&1; then
    pass "pip install $(basename "$SDIST")[django] (built from source)"
    verify_with "$OUT/sdist" sdist
    # The extra still brings Django, and the integration loads as an installed app.
    if (cd "$OUT/empty" && "$OLDPWD/$OUT/sdist/bin/python" -I -c '
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.contenttypes", "alipay_notify.django"])
django.setup()
from alipay_notify.django import alipay_notify_view
'); then
      pass "sdist: alipay_notify.django loads with the [django] extra's Django"
    else
      fail "sdist: alipay_notify.django does not load with the [django] extra"
    fi
  else
    tail -30 "$OUT/sdist-install.log" >&2
    fail "pip install $(basename "$SDIST")[django] (built from source)"
  fi
fi

echo "smoke-py: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
