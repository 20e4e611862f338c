#!/usr/bin/env bash
# The soak (`make soak`; scripts/test-soak.sh is its CI pass): SOAK_N verifications (default
# 1,000,000) of a mixed corpus through each binding, one verifier per process: C (tests/soak/
# soak.c linked to libalipay_notify), PHP (the extension, CLI), Python (the abi3 wheel) and Node
# (the addon). The corpus (target/soak/corpus.txt, made with the CLI's keygen and simulate) holds
# valid notifications, tampered ones (INVALID_SIGNATURE), malformed bodies and notifications for
# another app_id (APP_ID_MISMATCH). Per binding, two checks: every answer is the expected one,
# and resident memory at the end is less than 5% above what it was after warm-up (the first
# tenth). Then, measured and never asserted (the machine is shared): the Rust core's and the
# Python wheel's throughput with two threads sharing one verifier, as a ratio to one thread.
#
#   SOAK_N=200000 bash scripts/soak.sh
#
# Ends with "soak: N passed, M failed" (SOAK_NAME changes the name).
source "$(dirname "$0")/common.sh"
need_rust
need_node
apt_install pkg-config php-cli php-dev

NAME=${SOAK_NAME:-soak}
N=${SOAK_N:-1000000}
WARMUP=$((N / 10))
# Two threads each do this many verifications, after one thread alone did as many.
SCALING_N=${SOAK_SCALING_N:-20000}
APP_ID=2021000000000001
OTHER_APP_ID=2021000000000002
OUT=target/soak
PASSED=0
FAILED=0
mkdir -p "$OUT"

step "C library and CLI (release)"
bash scripts/c-lib.sh >/dev/null
cargo build -q --release --locked -p alipay-notify-cli
release="$(target_dir)/release"
cli="$release/alipay-notify"

step "corpus: valid, tampered, malformed and other-app notifications ($OUT/corpus.txt)"
"$cli" keygen --private-out "$OUT/private.pem" --public-out "$OUT/public.txt" --public-format base64 2>/dev/null
simulate() { "$cli" simulate --private-key "$OUT/private.pem" "$@"; }
{
  for i in 1 2 3 4 5 6; do
    body=$(simulate --app-id "$APP_ID" --out-trade-no "T$i" --total-amount "$i.00" --notify-id "nid$i")
    echo "0 $body"
    # A changed signed byte: the status of another trade.
    echo "107 ${body/TRADE_SUCCESS/TRADE_CLOSED}"
  done
  echo "0 $(simulate --app-id "$APP_ID" --out-trade-no T7 --charset GBK --subject '测试商品')"
  echo "0 $(simulate --app-id "$APP_ID" --out-trade-no T8 --kind notify --trade-status TRADE_FINISHED)"
  for i in 1 2; do
    echo "200 $(simulate --app-id "$OTHER_APP_ID" --out-trade-no "X$i")"
  done
  body=$(simulate --app-id "$APP_ID" --out-trade-no M1)
  echo "102 ${body/&subject=/&subject=%zz}"
  echo "104 ${body%%&sign=*}"
  echo "100 not a form body at all"
} >"$OUT/corpus.txt"
echo "$(wc -l <"$OUT/corpus.txt") messages; $N verifications per binding, warm-up $WARMUP"

# Runs one driver (its command line follows the name) and checks its figures line.
RESULTS=()
soak() { # name command...
  local name=$1 line code
  shift
  step "$name: $N verifications"
  set +e
  line=$("$@" "$OUT/corpus.txt" "$OUT/public.txt" "$APP_ID" "$N" "$WARMUP" | tail -1)
  code=$?
  set -e
  echo "$line"
  local timed seconds cpu warm end wrong
  timed=$(sed -nE 's/.* timed=([0-9]+).*/\1/p' <<<"$line")
  seconds=$(sed -nE 's/.* seconds=([0-9.]+).*/\1/p' <<<"$line")
  cpu=$(sed -nE 's/.* cpu_seconds=([0-9.]+).*/\1/p' <<<"$line")
  warm=$(sed -nE 's/.* rss_warm_kib=([0-9]+).*/\1/p' <<<"$line")
  end=$(sed -nE 's/.* rss_end_kib=([0-9]+).*/\1/p' <<<"$line")
  wrong=$(sed -nE 's/.* wrong=([0-9]+).*/\1/p' <<<"$line")
  if [ -z "$wrong" ] || [ -z "$end" ] || [ -z "$warm" ] || [ "$warm" -le 0 ]; then
    echo "FAIL $name: no figures (exit code $code)"
    FAILED=$((FAILED + 2))
    RESULTS+=("| $name | failed to run | | | | |")
    return
  fi
  if [ "$wrong" -eq 0 ] && [ "$code" -eq 0 ]; then
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $name: $wrong wrong answers (exit code $code)"
    FAILED=$((FAILED + 1))
  fi
  local growth rate cpu_rate
  growth=$(awk -v w="$warm" -v e="$end" 'BEGIN { printf "%.2f", (e - w) * 100 / w }')
  rate=$(awk -v n="$timed" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
  cpu_rate=$(awk -v n="$timed" -v s="$cpu" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
  if awk -v g="$growth" 'BEGIN { exit !(g < 5) }'; then
    PASSED=$((PASSED + 1))
  else
    echo "FAIL $name: resident memory grew by $growth% after warm-up ($warm KiB to $end KiB)"
    FAILED=$((FAILED + 1))
  fi
  RESULTS+=("| $name | $rate | $cpu_rate | $warm | $end | $growth% |")
}

step "C driver: gcc -O2 tests/soak/soak.c"
# (Not exported: a changed PKG_CONFIG_PATH would make cargo rebuild aws-lc-sys for the addon.)
pc() { PKG_CONFIG_PATH="$release/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" pkg-config "$@"; }
gcc -std=c11 -O2 -Wall -Wextra -Werror tests/soak/soak.c $(pc --cflags --libs alipay_notify) \
  -Wl,-rpath,"$release" -o "$OUT/soak-c"
soak C "$OUT/soak-c"

# The extension of scripts/php-ext.sh, built again only when its sources or the header are newer.
php_ext=target/php-ext/shared/modules/alipay_notify.so
if [ ! -f "$php_ext" ] ||
  [ -n "$(find php/ext -maxdepth 1 -type f -newer "$php_ext" -print -quit)" ] ||
  [ include/alipay_notify.h -nt "$php_ext" ]; then
  bash scripts/php-ext.sh
fi
soak PHP php -n -d "extension=$PWD/$php_ext" tests/soak/soak.php

# The wheel as scripts/test-py.sh builds it (cargo's build is shared, so after test-py this only
# packs it), installed into a virtualenv of the soak's own.
step "Python wheel (maturin build --release) in $OUT/venv"
need_python_venv 'maturin>=1.16,<2'
rm -rf "$OUT/wheels"
.venv/bin/maturin build --release --locked -m py/Cargo.toml --out "$OUT/wheels" 2>&1 | grep -E '^(error|warning: unused)' || true
[ -x "$OUT/venv/bin/python" ] || python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install -q --force-reinstall --no-deps "$OUT"/wheels/alipay_notify-*-cp39-abi3-*.whl
soak Python "$OUT/venv/bin/python" -B tests/soak/soak.py

# The addon of `npm run build` (scripts/test-node.sh) when it is newer than its sources, else built
# as `npm run build:cargo` builds it: cargo alone, no npm dependencies needed.
addons=(node/alipay-notify.*.node)
if [ ! -f "${addons[0]}" ] ||
  [ -n "$(find core/src node/src core/Cargo.toml node/Cargo.toml Cargo.lock -newer "${addons[0]}" -print -quit)" ]; then
  step "Node addon (node/build.js)"
  node node/build.js
fi
# V8 grows its young generation in steps while a program allocates (2 MB at some 700,000
# verifications here, with the used heap flat): a fixed size keeps that sizing policy out of the
# memory check, which is about memory kept. A small one: a large one is still being filled (its
# pages touched) after a short run's warm-up.
soak Node node --expose-gc --min-semi-space-size=1 --max-semi-space-size=1 tests/soak/soak.js

step "thread scaling: $SCALING_N verifications on 1 thread, then on each of 2 threads sharing the verifier"
cargo build -q --release --locked -p alipay-notify --example thread_scaling
# What two cores give here and now: OpenSSL's rsa2048 verify/s in two processes over one. Other
# work on the machine lowers it (and the ratios below) from 2.0.
openssl_verify() { # openssl speed options
  openssl speed -seconds 2 "$@" rsa2048 2>/dev/null | awk '
      /verify\/s/ { for (i = 1; i <= NF; i++) if ($i == "verify/s") col = i }
      col && $1 == "rsa" && $2 == "2048" { print $(3 + col); exit }'
}
scaling=()
if command -v openssl >/dev/null; then
  one=$(openssl_verify)
  two=$(openssl_verify -multi 2)
  line="binding=openssl threads=2 one_per_s=${one%.*} two_per_s=${two%.*} ratio=$(awk -v a="$one" -v b="$two" 'BEGIN { printf "%.2f", b / a }')"
  echo "$line (processes)"
  scaling+=("$line")
fi
for driver in "$release/examples/thread_scaling" "$OUT/venv/bin/python -B tests/soak/soak.py --threads"; do
  line=$($driver "$OUT/corpus.txt" "$OUT/public.txt" "$APP_ID" "$SCALING_N" | tail -1)
  echo "$line"
  scaling+=("$line")
done

step "figures"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| binding | verifications/s | per CPU-second | RSS after warm-up (KiB) | RSS at the end (KiB) | growth |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${RESULTS[@]}"
echo
# The last column: each ratio over OpenSSL's, what is left once the machine's share is taken out.
echo "| two threads sharing one verifier | 1 thread (/s) | 2 threads (/s) | ratio | over OpenSSL's ratio |"
echo "|---|---:|---:|---:|---:|"
machine=$(printf '%s\n' "${scaling[@]}" | sed -nE 's/^binding=openssl .* ratio=([0-9.]+)$/\1/p')
for line in "${scaling[@]}"; do
  ratio=${line##*ratio=}
  sed -E 's/binding=([a-z]+) threads=2 one_per_s=([0-9]+) two_per_s=([0-9]+) ratio=([0-9.]+)/| \1 | \2 | \3 | \4x/; s/^\| openssl \|/| OpenSSL rsa2048 verify, 2 processes (what the machine gives) |/' <<<"$line" |
    tr -d '\n'
  awk -v r="$ratio" -v m="${machine:-0}" 'BEGIN { if (m > 0) printf " | %.2f |\n", r / m; else print " | |" }'
done

echo
echo "$NAME: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
