#!/usr/bin/env bash
# `make bench` (BENCHMARKS.md): each binding next to what its users would otherwise run, on one
# generated corpus of realistic RSA2 notifications, in interleaved rounds (openssl speed, Rust,
# Python, PHP, Node, then again), as ratios to `openssl speed -seconds 3 rsa2048` verify/s
# measured in the same run; rewrites BENCHMARKS.md (all but its end-to-end section) and its
# chart, docs/img/bench.png. Shared machines are noisy: compare the ratios.
#
#   make bench                         # 10,000 notifications, 5 rounds, 1 CPU-second per cell
#   BENCH_QUICK=1 make bench           # 1,000 notifications, 2 rounds, 0.3 s, openssl 1 s
#   BENCH_N=2000 BENCH_ROUNDS=3 BENCH_SECONDS=0.5 make bench
#   BENCH_DOC=0 make bench             # print the table, leave BENCHMARKS.md alone
#   BENCH_RENDER=1 make bench          # rewrite BENCHMARKS.md from the last run, measure nothing
#
# Builds the Rust harness, the PHP extension, the Node addon and the wheel, and installs the
# peers (the differential tests' pins) into target/bench.
if [ -n "${BENCH_RENDER:-}" ]; then
  source "$(dirname "$0")/common.sh"
  target/bench/venv/bin/python bench/run.py --from-json target/bench/last.json \
    --doc BENCHMARKS.md --chart docs/img/bench.png
  exit
fi
source "$(dirname "$0")/bench-setup.sh"

if [ -n "${BENCH_QUICK:-}" ]; then
  N=${BENCH_N:-1000} ROUNDS=${BENCH_ROUNDS:-2} SECONDS_PER=${BENCH_SECONDS:-0.3} OPENSSL_SECONDS=1
else
  N=${BENCH_N:-10000} ROUNDS=${BENCH_ROUNDS:-5} SECONDS_PER=${BENCH_SECONDS:-1} OPENSSL_SECONDS=3
fi
WORST=$((N < 1000 ? N : 1000))
CORPUS=$(bench_corpus "$N" "$WORST")

doc=()
if [ "${BENCH_DOC:-1}" != 0 ]; then
  "$PY" -m pip install -q -r bench/requirements.txt
  doc=(--doc BENCHMARKS.md --chart docs/img/bench.png)
fi
step "$ROUNDS rounds over $N notifications, $SECONDS_PER CPU-second per verifier and set"
"$PY" bench/run.py --corpus "$CORPUS" --rust "$RUST_EXE" --php-ext "$PHP_EXT" --node-path "$NODE_PEERS" \
  --rounds "$ROUNDS" --seconds "$SECONDS_PER" --openssl-seconds "$OPENSSL_SECONDS" \
  --json "$BENCH/last.json" "${doc[@]}"
