#!/usr/bin/env bash
# The fuzz targets of fuzz/ (`make fuzz`, docs/security.md): builds them with libFuzzer on the
# stable toolchain and runs each for FUZZ_SECONDS (default 60), FUZZ_JOBS at a time (default 1),
# from the committed seeds (fuzz/corpus/<target> and fuzz/regressions/<target>, read only) into a working corpus in
# target/fuzz/corpus/<target>, which grows from run to run. Prints each target's executions and
# libFuzzer's coverage figures (cov: edges, ft: features); a crash leaves its input in
# target/fuzz/artifacts/<target>/ and fails the target. Targets can be named as arguments.
# Ends with "${FUZZ_LABEL:-fuzz}: N passed, M failed".
source "$(dirname "$0")/common.sh"
need_rust
command -v c++ >/dev/null 2>&1 || apt_install build-essential # libFuzzer is C++

seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
label=${FUZZ_LABEL:-fuzz}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(sed -nE 's/^path = "fuzz_targets\/([a-z0-9_]+)\.rs"$/\1/p' fuzz/Cargo.toml))
fi

# What cargo-fuzz passes with `--sanitizer none`, all stable `-C` flags: SanitizerCoverage's
# inline 8-bit counters and PC table (libFuzzer's coverage) and comparison tracing (its value
# profile and dictionary), plus `cfg(fuzzing)`. No `-Z` flag, so no nightly toolchain and no
# RUSTC_BOOTSTRAP. No AddressSanitizer either: the core forbids unsafe code, so memory errors
# are not what these targets look for; panics, aborts, timeouts and memory use are.
# `--target` keeps the flags off build scripts and proc macros, which must not link libFuzzer's
# instrumentation hooks.
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="$PWD/target/fuzz"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"

step "build ${#targets[@]} fuzz targets (libFuzzer, rustc $(rustc -V | cut -d' ' -f2), no sanitizer)"
started=$SECONDS
bins=()
for target in "${targets[@]}"; do bins+=(--bin "$target"); done
(cd fuzz && cargo build -q --release --locked --target "$host" "${bins[@]}")
echo "built in $((SECONDS - started)) s"
bin_dir="$CARGO_TARGET_DIR/$host/release"

# One target: its own log; the summary row from libFuzzer's final stats.
run_target() { # target
  local target=$1 work=target/fuzz/corpus/$1 artifacts=target/fuzz/artifacts/$1/
  local log=target/fuzz/logs/$1.log
  mkdir -p "$work" "$artifacts" target/fuzz/logs
  local seeds=()
  [ -d "fuzz/corpus/$target" ] && seeds=("fuzz/corpus/$target")
  # Every crash found so far, minimized: replayed first, so a regression fails at once.
  [ -d "fuzz/regressions/$target" ] && seeds+=("fuzz/regressions/$target")
  local rc=0
  # -timeout: an input slower than 10 s is a finding; -rss_limit_mb: so is a process over 1 GiB.
  "$bin_dir/$target" "$work" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$artifacts" >"$log" 2>&1 || rc=$?
  local runs cov ft corp
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  if [ "$rc" -eq 0 ]; then
    printf '%-10s ok    %ss  runs %s  cov %s  ft %s  corpus %s\n' \
      "$target" "$seconds" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
  else
    printf '%-10s FAIL  exit %s, input in %s (log %s)\n' "$target" "$rc" "$artifacts" "$log"
    grep -E 'panicked|ERROR: libFuzzer|allocation beyond|Test unit written' "$log" | head -5 | sed 's/^/    /'
    return 1
  fi
}

step "run each target ${seconds} s, ${jobs} at a time"
results=target/fuzz/results
rm -rf "$results"
mkdir -p "$results"
running=0
for target in "${targets[@]}"; do
  (run_target "$target" >"$results/$target.out" 2>&1 && touch "$results/$target.ok"; cat "$results/$target.out") &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait || true

passed=0
failed=0
for target in "${targets[@]}"; do
  if [ -f "$results/$target.ok" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
