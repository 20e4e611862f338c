#!/usr/bin/env bash
# Benchmarks notification verification against OpenSSL's raw RSA-2048 verify rate, measured
# on the same machine in the same run (before and after the Rust benchmarks; the mean is the
# peer). Shared machines are noisy: compare the ratios, not the absolute figures.
#
#   scripts/bench.sh            # from anywhere; needs cargo and openssl
#
# Prints machine facts and a Markdown table ready for BENCHMARKS.md. The target: the full
# pipeline (aws-lc-rs backend) at 0.75x or more of `openssl speed rsa2048` verify/s.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TARGET_RATIO=0.75
started=$SECONDS

for tool in cargo openssl awk; do
    command -v "$tool" >/dev/null || { echo "bench.sh: $tool is required" >&2; exit 1; }
done

# verify/s of `openssl speed rsa2048`, read by the header's column name (OpenSSL 3.x adds
# encrypt/decrypt columns in later releases, so the position is not fixed).
openssl_verify_rate() {
    openssl speed -seconds 3 rsa2048 2>/dev/null | awk '
        /verify\/s/ { for (i = 1; i <= NF; i++) if ($i == "verify/s") col = i }
        col && $1 == "rsa" && $2 == "2048" && $3 == "bits" { print $(3 + col); found = 1; exit }
        END { if (!found) exit 1 }'
}

criterion_dir="$(target_dir)/criterion"
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT

echo "== openssl speed rsa2048 (before)" >&2
ossl_before=$(openssl_verify_rate)
echo "verify/s: $ossl_before" >&2

echo "== cargo bench, aws-lc-rs backend (default features)" >&2
cargo bench -p alipay-notify --bench verify

echo "== cargo bench, rsa crate backend (rustcrypto), full pipeline only" >&2
cargo bench -p alipay-notify --bench verify --no-default-features --features rustcrypto \
    -- 'full_notify_rsa2$'

echo "== openssl speed rsa2048 (after)" >&2
ossl_after=$(openssl_verify_rate)
echo "verify/s: $ossl_after" >&2

ossl=$(awk -v a="$ossl_before" -v b="$ossl_after" 'BEGIN { printf "%.1f", (a + b) / 2 }')

# Mean time per iteration in ns, from criterion's estimates of this run.
mean_ns() {
    local file="$criterion_dir/$1/new/estimates.json"
    if [[ ! -f $file || ! $file -nt $stamp ]]; then
        echo "bench.sh: no fresh estimate for $1 ($file)" >&2
        return 1
    fi
    sed -E 's/.*"mean":\{"confidence_interval":\{[^}]*\},"point_estimate":([0-9.eE+-]+).*/\1/' "$file"
}

rows=(
    "aws-lc-rs/full_notify_rsa2|Full pipeline: verify_notify, UTF-8, V1, RSA2 (target)"
    "aws-lc-rs/step_parse|Step: parse (RawParams::from_form)"
    "aws-lc-rs/step_canonicalize|Step: canonicalize (sign_content V1)"
    "aws-lc-rs/step_rsa2_verify_raw|Step: RSA2 verify of the content, backend direct"
    "aws-lc-rs/step_verify_params|Steps after parsing: verify_params"
    "aws-lc-rs/full_notify_gbk|Full: GBK notification"
    "aws-lc-rs/full_notify_v2_auto|Full: V2 message, rule auto (V1 tried first)"
    "aws-lc-rs/full_legacy_md5|Full: legacy MD5 message"
    "aws-lc-rs/full_wrong_key|Full: wrong key (every rule tried, error built)"
    "rsa/full_notify_rsa2|Full pipeline, rustcrypto backend"
)

echo
echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)"
echo "Toolchain: $(rustc --version)"
echo "OpenSSL: $(openssl version)"
echo "OpenSSL rsa2048 verify/s: before $ossl_before, after $ossl_after, mean $ossl (peer)"
echo
echo "| Benchmark | id | time/op | ops/s | vs OpenSSL verify/s |"
echo "|---|---|---:|---:|---:|"
full_ratio=""
for row in "${rows[@]}"; do
    id=${row%%|*}
    label=${row#*|}
    ns=$(mean_ns "$id")
    line=$(awk -v ns="$ns" -v peer="$ossl" 'BEGIN {
        t = (ns >= 1000) ? sprintf("%.2f µs", ns / 1000) : sprintf("%.0f ns", ns)
        printf "%s|%.0f|%.2f", t, 1e9 / ns, (1e9 / ns) / peer }')
    IFS='|' read -r time ops ratio <<<"$line"
    echo "| $label | \`$id\` | $time | $ops | ${ratio}x |"
    [[ $id == aws-lc-rs/full_notify_rsa2 ]] && full_ratio=$ratio
done
echo "| OpenSSL \`speed rsa2048\` verify (raw RSA, no hashing) | - | $(awk -v r="$ossl" 'BEGIN { printf "%.2f µs", 1e6 / r }') | ${ossl%.*} | 1.00x |"
echo
if awk -v r="$full_ratio" -v t="$TARGET_RATIO" 'BEGIN { exit !(r >= t) }'; then
    echo "Target (full pipeline >= ${TARGET_RATIO}x OpenSSL raw verify/s): MET (${full_ratio}x)"
else
    echo "Target (full pipeline >= ${TARGET_RATIO}x OpenSSL raw verify/s): NOT MET (${full_ratio}x)"
fi
echo "Script time: $((SECONDS - started)) s"
