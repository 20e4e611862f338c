#!/usr/bin/env bash
# Differential tests (docs/compatibility.md): a seeded corpus of signed Alipay messages over the
# edge cases, verified by this library (the Python wheel) and by the SDKs merchants would
# otherwise call: npm alipay-sdk (checkNotifySign, checkNotifySignV2), PyPI python-alipay-sdk
# (AliPay.verify) and alipay-sdk-python (its signature utilities), each pinned and installed
# into target/differential only. Every verdict must be the one tests/differential/compare.py
# predicts: agreement, or a disagreement explained by a named rule; any other is a failure.
#
# DIFFERENTIAL_CASES (default 1000, the CI sample; `make differential` runs 10000) and
# DIFFERENTIAL_SEED (default 15) choose the corpus. DIFFERENTIAL_MARKDOWN=FILE also writes the
# per-family table of docs/compatibility.md. Ends with "test-differential: N passed, M failed":
# the cases, and a check that a flipped verdict fails the comparison.
source "$(dirname "$0")/common.sh"
need_rust
need_node
need_python_venv 'maturin>=1.16,<2'
export PYTHONDONTWRITEBYTECODE=1

CASES=${DIFFERENTIAL_CASES:-1000}
SEED=${DIFFERENTIAL_SEED:-15}
OUT=target/differential
VENV=$OUT/venv
OFFICIAL=$OUT/official
HERE=tests/differential
fail() {
  echo "$1" >&2
  echo "test-differential: 0 passed, 1 failed"
  exit 1
}

step "Python wheel: maturin build --release (incremental after test-py)"
rm -rf "$OUT/wheels"
.venv/bin/maturin build --release --locked -m py/Cargo.toml --out "$OUT/wheels" 2>&1 | grep -v '^ *Compiling ' || true
WHEELS=("$OUT"/wheels/alipay_notify-*-cp39-abi3-*.whl)
[ -f "${WHEELS[0]}" ] || fail "no abi3 wheel was built"

step "test-only environments: the wheel and python-alipay-sdk; alipay-sdk-python apart; npm alipay-sdk"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
"$VENV/bin/pip" install -q --force-reinstall --no-deps "${WHEELS[0]}"
# Kept between runs (a 33 MB wheel): reinstalled when its pins change.
if ! cmp -s "$HERE/requirements-official.txt" "$OFFICIAL/.pins"; then
  rm -rf "$OFFICIAL"
  "$VENV/bin/pip" install -q --no-deps --target "$OFFICIAL" -r "$HERE/requirements-official.txt"
  cp "$HERE/requirements-official.txt" "$OFFICIAL/.pins"
fi
npm_dependencies "$HERE"
"$VENV/bin/pip" list 2>/dev/null | grep -iE '^(alipay-notify|python-alipay-sdk|pycryptodomex) '
echo "alipay-sdk-python $(sed -n 's/^Version: //p' "$OFFICIAL"/alipay_sdk_python-*.dist-info/METADATA)"
echo "alipay-sdk $(node -p "require('./$HERE/node_modules/alipay-sdk/package.json').version") (npm), Node $(node --version)"

step "corpus: $CASES cases, seed $SEED"
RUN=$OUT/run
rm -rf "$RUN"
mkdir -p "$RUN"
"$VENV/bin/python" "$HERE/generate.py" --count "$CASES" --seed "$SEED" --keys "$RUN/keys.json" --out "$RUN/corpus.jsonl" ||
  fail "the corpus generator failed"

step "verdicts: alipay-notify, python-alipay-sdk, alipay-sdk-python, alipay-sdk"
"$VENV/bin/python" "$HERE/run_py.py" ours "$RUN/keys.json" "$RUN/corpus.jsonl" "$RUN/ours.jsonl" || fail "the alipay-notify driver failed"
"$VENV/bin/python" "$HERE/run_py.py" fzlee "$RUN/keys.json" "$RUN/corpus.jsonl" "$RUN/fzlee.jsonl" || fail "the python-alipay-sdk driver failed"
# PYTHONPATH puts alipay-sdk-python's `alipay` package before python-alipay-sdk's.
PYTHONPATH=$OFFICIAL "$VENV/bin/python" "$HERE/run_py.py" official "$RUN/keys.json" "$RUN/corpus.jsonl" "$RUN/official.jsonl" ||
  fail "the alipay-sdk-python driver failed"
NODE_PATH=$HERE/node_modules node "$HERE/run_node.js" "$RUN/keys.json" "$RUN/corpus.jsonl" "$RUN/node.jsonl" || fail "the alipay-sdk driver failed"

step "verdicts compared (tests/differential/compare.py)"
markdown=()
[ -z "${DIFFERENTIAL_MARKDOWN:-}" ] || markdown=(--markdown "$DIFFERENTIAL_MARKDOWN")
compare() { # the python-alipay-sdk verdicts, then compare.py's options
  local fzlee=$1
  shift
  "$VENV/bin/python" "$HERE/compare.py" "$RUN/corpus.jsonl" "$RUN/ours.jsonl" "$fzlee" \
    "$RUN/official.jsonl" "$RUN/node.jsonl" "$@"
}
set +e
compare "$RUN/fzlee.jsonl" "${markdown[@]}" | tee "$RUN/compare.log"
status=${PIPESTATUS[0]}
set -e
read -r _ p _ f _ < <(grep -E '^cases: [0-9]+ passed' "$RUN/compare.log" || echo "cases: 0 passed, 1 failed")
if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
  f=1
fi

step "the comparison itself: one SDK verdict flipped must fail it"
"$VENV/bin/python" -c '
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
rows[0]["accept"] = not rows[0]["accept"]
open(sys.argv[2], "w").write("".join(json.dumps(r) + "\n" for r in rows))
' "$RUN/fzlee.jsonl" "$RUN/fzlee-flipped.jsonl"
if compare "$RUN/fzlee-flipped.jsonl" >"$RUN/compare-flipped.log" 2>&1; then
  echo "FAIL compare.py accepted a verdict that no rule predicts"
  f=$((f + 1))
else
  echo "ok: $(grep -m1 UNEXPLAINED "$RUN/compare-flipped.log")"
  p=$((p + 1))
fi
echo "test-differential: $p passed, $f failed"
[ "$f" -eq 0 ]
