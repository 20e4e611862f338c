//! The legacy families on the command line: `--rule wap`, `verify-app-result`, and the
//! diagnosis of a WAP message verified as sorted.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alipay-notify"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn vector(id: &str) -> (Value, Value) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/wap.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
        .clone();
    (v, doc["keys"].clone())
}

#[test]
fn rule_wap_and_rule_v1_on_a_wap_message() {
    let (v, _) = vector("wap-md5-notify");
    let input = v["input"].as_str().unwrap().as_bytes();
    let key = v["options"]["md5_key"].as_str().unwrap();
    let ok = run(
        &[
            "verify",
            "--md5-key",
            key,
            "--rule",
            "wap",
            "--output",
            "report",
        ],
        input,
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let report: Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(report["verification"]["rule"], "wap");
    assert_eq!(report["typed"]["out_trade_no"], "W20160102001");
    let sorted = run(&["verify", "--md5-key", key, "--rule", "v1"], input);
    assert_eq!(sorted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&sorted.stderr).starts_with("INVALID_SIGNATURE: "));
    let diagnosis = run(&["diagnose", "--md5-key", key, "--rule", "v1"], input);
    let text = String::from_utf8_lossy(&diagnosis.stdout);
    assert!(text.contains("Cause: WAP_VERIFIED_AS_SORTED"), "{text}");
    assert!(text.contains("fixed order"), "{text}");
    assert!(!text.contains("UNKNOWN_PARAMS_PRESENT"), "{text}");
}

#[test]
fn verify_app_result_prints_the_signed_pairs() {
    let (v, keys) = vector("wap-app-result-real-tobias");
    let dir = std::env::temp_dir().join(format!("alipay-notify-cli-wap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("legacy.key");
    std::fs::write(&key, keys["real-alipay-legacy-1024"].as_str().unwrap()).unwrap();
    let key = key.to_str().unwrap();
    let input = v["input"].as_str().unwrap().as_bytes();
    let args = [
        "verify-app-result",
        "--key",
        key,
        "--sign-type",
        "RSA",
        "--min-key-bits",
        "1024",
    ];
    let ok = run(&args, input);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let pairs: Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(pairs, v["params_out"]);
    let mut order = args.to_vec();
    order.extend([
        "--out-trade-no",
        "180926084213001",
        "--total-amount",
        "0.02",
    ]);
    let mismatch = run(&order, input);
    assert_eq!(mismatch.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&mismatch.stderr).starts_with("AMOUNT_MISMATCH: "));
    let weak = run(
        &["verify-app-result", "--key", key, "--sign-type", "RSA"],
        input,
    );
    assert_eq!(weak.status.code(), Some(2));
    let help = run(&["verify-app-result", "--help"], b"");
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
    std::fs::remove_dir_all(&dir).ok();
}
