#!/usr/bin/env bash
# The C tests (`make test-c`): builds libalipay_notify and tests/c against it four ways (shared
# and static library, each with AddressSanitizer + UBSan and under valgrind), checks the
# exported symbols, runs examples/c and the C samples of the READMEs, and ends with
# "test-c: N passed, N failed" (the sum).
source "$(dirname "$0")/common.sh"
need_rust
# jansson reads the shared vectors in C; pkg-config finds it and our own .pc file.
apt_install valgrind pkg-config libjansson-dev

step "C library (release) and pkg-config file"
bash scripts/c-lib.sh >/dev/null
release="$(target_dir)/release"
export PKG_CONFIG_PATH="$release/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
out=target/ctest
mkdir -p "$out"

step "exported symbols: only alipay_notify_*"
symbols=$(nm -D --defined-only "$release/libalipay_notify.so" | awk '$2 ~ /^[TDBRVW]$/ { print $3 }')
stray=$(grep -v '^alipay_notify_' <<<"$symbols" || true)
if [ -n "$stray" ]; then
  echo "libalipay_notify.so exports symbols outside the alipay_notify_ prefix:" >&2
  echo "$stray" >&2
  exit 1
fi
echo "$(wc -l <<<"$symbols") symbols, all alipay_notify_*"

CFLAGS=(-std=c11 -Wall -Wextra -Werror -pedantic -g -O1 $(pkg-config --cflags alipay_notify jansson))
SANITIZE=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
SOURCES=(tests/c/*.c)
SHARED=($(pkg-config --libs alipay_notify) -Wl,-rpath,"$release")
STATIC=($(pkg-config --variable=static_libs alipay_notify))
JANSSON=($(pkg-config --libs jansson) -pthread)

step "compile (gcc $(gcc -dumpfullversion))"
gcc "${CFLAGS[@]}" "${SANITIZE[@]}" "${SOURCES[@]}" "${SHARED[@]}" "${JANSSON[@]}" -o "$out/asan-shared"
gcc "${CFLAGS[@]}" "${SANITIZE[@]}" "${SOURCES[@]}" "${STATIC[@]}" "${JANSSON[@]}" -o "$out/asan-static"
gcc "${CFLAGS[@]}" "${SOURCES[@]}" "${SHARED[@]}" "${JANSSON[@]}" -o "$out/plain-shared"
gcc "${CFLAGS[@]}" "${SOURCES[@]}" "${STATIC[@]}" "${JANSSON[@]}" -o "$out/plain-static"
# The binaries must really use the library they are named after.
# (Captured first: `grep -q` closing the pipe early would fail the pipeline under pipefail.)
needed=$(ldd "$out/plain-shared")
undefined=$(nm "$out/plain-static")
asan=$(nm "$out/asan-static")
grep -q 'libalipay_notify\.so' <<<"$needed" || { echo "plain-shared does not load libalipay_notify.so" >&2; exit 1; }
if grep -q ' U alipay_notify_' <<<"$undefined"; then
  echo "plain-static does not contain the library" >&2
  exit 1
fi
grep -q __asan_init <<<"$asan" || { echo "asan-static is not instrumented" >&2; exit 1; }

PASSED=0
FAILED=0
run() { # name, command...
  local name=$1 log="$out/$1.log"
  shift
  step "$name"
  set +e
  "$@" tests/vectors >"$log" 2>&1
  local code=$?
  set -e
  grep -E '^(FAIL |alipay_notify/|vectors:|[0-9]+ passed)' "$log" || true
  local line passed=0 failed=1
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 || true)
  [ -n "$line" ] && read -r passed _ failed _ <<<"$line"
  if [ "$code" -ne 0 ]; then
    echo "$name exited with $code; its log ($log) ends with:"
    tail -40 "$log"
    [ "$failed" -gt 0 ] || failed=1
  fi
  PASSED=$((PASSED + passed))
  FAILED=$((FAILED + failed))
}

VALGRIND=(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=3)
run asan-shared "$out/asan-shared"
run asan-static "$out/asan-static"
run valgrind-shared "${VALGRIND[@]}" "$out/plain-shared"
run valgrind-static "${VALGRIND[@]}" "$out/plain-static"

step "examples/c/notify.c against a notification simulated by the CLI"
gcc "${CFLAGS[@]}" "${SANITIZE[@]}" examples/c/notify.c "${SHARED[@]}" -o "$out/example-notify"
cargo build -q --locked -p alipay-notify-cli
cli="$(dirname "$release")/debug/alipay-notify"
"$cli" keygen --private-out "$out/private.pem" --public-out "$out/public.txt" --public-format base64 2>/dev/null
# As Alipay POSTs it: without the line break the command prints after the body.
body=$("$cli" simulate --private-key "$out/private.pem" --out-trade-no T1001 --total-amount 88.00)
printf '%s' "$body" >"$out/body.txt"
example() { # expected answer, expected exit code, out_trade_no, total_amount
  local answer code
  set +e
  # Sanitizer findings exit with their own codes, so 0 and 1 can only come from the program.
  answer=$(ASAN_OPTIONS=exitcode=86 LSAN_OPTIONS=exitcode=87 \
    "$out/example-notify" "$out/public.txt" "$3" "$4" <"$out/body.txt" 2>"$out/example.log")
  code=$?
  set -e
  sed 's/^/  /' "$out/example.log"
  if [ "$answer" = "$1" ] && [ "$code" -eq "$2" ]; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    echo "FAIL example $3 $4: answered '$answer', exit code $code"
  fi
}
example success 0 T1001 88.00
example fail 1 T1001 8.80
example fail 1 T1002 88.00

step "the C samples of ffi-c/README.md and README.md, extracted and run"
# Each ```c block is a translation unit defining the functions of tests/c/readme/sample.h; it is
# compiled against those prototypes, with the flags and sanitizers above, and run by
# tests/c/readme/harness.c on the right order, another amount and a forged body.
printf '%s' "$body" | sed 's/total_amount=88.00/total_amount=0.01/' >"$out/forged.txt"
for readme in ffi-c/README.md README.md; do
  prefix="$out/readme-$(dirname "$readme" | tr ./ __)"
  rm -f "$prefix"-*.c
  awk -v prefix="$prefix" '
    /^```c[[:space:]]*$/ { n++; file = sprintf("%s-%d.c", prefix, n); inside = 1; next }
    /^```/ { if (inside) close(file); inside = 0; next }
    inside { print > file }' "$readme"
  samples=("$prefix"-*.c)
  if [ ! -f "${samples[0]}" ]; then
    echo "FAIL $readme has no C sample"
    FAILED=$((FAILED + 1))
    continue
  fi
  for sample in "${samples[@]}"; do
    bin="${sample%.c}"
    if ! gcc "${CFLAGS[@]}" "${SANITIZE[@]}" -include tests/c/readme/sample.h "$sample" \
        tests/c/readme/harness.c "${SHARED[@]}" -o "$bin"; then
      echo "FAIL $readme: $(basename "$sample") does not compile"
      FAILED=$((FAILED + 1))
      continue
    fi
    before=$FAILED
    for case in "success T1001 88.00 body.txt" "fail T1001 8.80 body.txt" "fail T1001 88.00 forged.txt"; do
      read -r expected no amount file <<<"$case"
      set +e
      answer=$(ASAN_OPTIONS=exitcode=86 LSAN_OPTIONS=exitcode=87 \
        "$bin" "$(cat "$out/public.txt")" "$(cat "$out/$file")" "$no" "$amount" 2>"$bin.log")
      code=$?
      set -e
      if [ "$answer" = "$expected" ] && [ "$code" -eq 0 ]; then
        PASSED=$((PASSED + 1))
      else
        FAILED=$((FAILED + 1))
        echo "FAIL $readme: $(basename "$sample") on $file for $no $amount answered '$answer', exit code $code"
        sed 's/^/  /' "$bin.log"
      fi
    done
    [ "$FAILED" -ne "$before" ] || echo "$readme: $(basename "$sample") answered as expected"
  done
done

echo
echo "test-c: $PASSED passed, $FAILED failed (four runs of tests/c, the example and the README samples)"
[ "$FAILED" -eq 0 ]
