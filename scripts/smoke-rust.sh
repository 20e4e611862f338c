#!/usr/bin/env bash
# Smoke test of dist/rust (part of `make test-dist`, after scripts/dist-rust.sh): the .crate files
# unpacked into target/smoke-rust/crates, a fresh project depending on `alipay-notify = "0.1"`
# exactly as core/README.md says, with [patch] pointing the crate registry's alipay-notify at the
# unpacked package and --offline (nothing of ours fetched), verifying a real Alipay-signed
# notification and refusing a tampered copy; then the CLI installed from its unpacked package
# with `cargo install --path` (on the packaged core and sandbox) doing the same with `verify`.
# Ends with "smoke-rust: N passed, M failed".
source "$(dirname "$0")/common.sh"
need_rust
apt_install python3
version=$(package_version alipay-notify)
out="$PWD/target/smoke-rust"
# The workspace's target directory: the dependencies built by `cargo package`'s verification
# are reused, only our three packages compile again.
export CARGO_TARGET_DIR
CARGO_TARGET_DIR=$(target_dir)
PASSED=0
FAILED=0

rm -rf "$out"
mkdir -p "$out/crates" "$out/case" "$out/app/src"
for crate in alipay-notify alipay-notify-sandbox alipay-notify-cli; do
  check "dist/rust/$crate-$version.crate unpacks" tar -xzf "dist/rust/$crate-$version.crate" -C "$out/crates"
done
python3 scripts/real-notification.py tests/vectors/alipay_real.json "$out/case"
mapfile -t order <"$out/case/order.txt"

# A workspace of its own (cargo would otherwise take the repository's for its root): the
# merchant's app, and the unpacked CLI so that `cargo install --path` builds it with the patch.
cat >"$out/Cargo.toml" <<TOML
[workspace]
resolver = "2"
members = ["app", "crates/alipay-notify-cli-$version"]

[patch.crates-io]
alipay-notify = { path = "crates/alipay-notify-$version" }
alipay-notify-sandbox = { path = "crates/alipay-notify-sandbox-$version" }
TOML
# The versions of every other crate as the repository tested them: nothing new to download.
cp Cargo.lock "$out/Cargo.lock"
cat >"$out/app/Cargo.toml" <<'TOML'
[package]
name = "merchant-app"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
alipay-notify = "0.1"
TOML
cat >"$out/app/src/main.rs" <<'RUST'
//! A merchant's notify_url handler, reduced to its checks: prints one PASS/FAIL line per check.
use alipay_notify::{ErrorKind, Verifier};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read = |path: &str| std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let key = String::from_utf8(read(&args[1])).expect("key text");
    let (body, tampered) = (read(&args[2]), read(&args[3]));
    let (out_trade_no, total_amount) = (&args[4], &args[5]);
    let verifier = Verifier::builder()
        .public_key(key)
        .app_id("2019073166072302")
        .build()
        .expect("verifier");
    let real = verifier
        .verify_notify(&body)
        .and_then(|n| n.check_order(out_trade_no, total_amount).map(|()| n));
    match real {
        Ok(n) => println!("PASS real notification verified, paid {}", n.is_paid()),
        Err(e) => println!("FAIL real notification: {e}"),
    }
    match verifier.verify_notify(&tampered) {
        Err(e) if e.kind() == ErrorKind::InvalidSignature => println!("PASS tampered copy refused: {}", e.name()),
        other => println!("FAIL tampered copy: {:?}", other.err().map(|e| e.name())),
    }
}
RUST

step "a fresh project with alipay-notify = \"0.1\" from the package"
build_app() { (cd "$out" && cargo build --offline -q -p merchant-app 2>&1 | tail -20); }
core_source() { (cd "$out" && cargo tree --offline -p merchant-app --depth 1 -e normal) | grep 'alipay-notify v' || true; }
if check "the app builds against the packaged crate, offline" build_app; then
  check "the app's alipay-notify is the unpacked package ($(core_source))" \
    grep -q "alipay-notify v$version ($out/crates/alipay-notify-$version)" <(core_source)
  results=$("$CARGO_TARGET_DIR/debug/merchant-app" "$out/case/key.txt" "$out/case/body.txt" "$out/case/tampered.txt" "${order[@]}" 2>&1 || true)
  echo "$results"
  check "the real notification verifies with the crate" grep -q '^PASS real notification verified, paid true' <<<"$results"
  check "the tampered copy is refused with INVALID_SIGNATURE" grep -q '^PASS tampered copy refused: INVALID_SIGNATURE' <<<"$results"
fi

step "cargo install --path crates/alipay-notify-cli-$version"
# --debug: the dependencies as `cargo package` built them (a release build would compile them
# all again, and into target/release, where the test builds are).
install_cli() {
  (cd "$out" && cargo install --offline -q --debug --path "crates/alipay-notify-cli-$version" --root "$out/installed" 2>&1 | tail -20) &&
    test -x "$cli"
}
cli="$out/installed/bin/alipay-notify"
if check "cargo install put the alipay-notify command in the root" install_cli; then
  check "alipay-notify --version says $version" grep -q "$version" <(PATH="$out/installed/bin" alipay-notify --version)
  verify() { "$cli" verify --key "$out/case/key.txt" --app-id 2019073166072302 \
    --out-trade-no "${order[0]}" --total-amount "${order[1]}" <"$1" 2>&1; }
  reply=$(verify "$out/case/body.txt") && status=0 || status=$?
  check "alipay-notify verify: the real notification verifies (exit $status)" test "$status" = 0
  head -5 <<<"$reply"
  reply=$(verify "$out/case/tampered.txt") && status=0 || status=$?
  check "alipay-notify verify: the tampered copy is refused (exit $status, $(grep -o 'INVALID_SIGNATURE' <<<"$reply" | head -1))" \
    test "$status" != 0 -a -n "$(grep -o INVALID_SIGNATURE <<<"$reply")"
fi
check_summary smoke-rust
