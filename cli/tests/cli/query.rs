//! `alipay-notify query` against a sandbox the CLI runs: exit 0 with the typed result for a paid
//! and an unpaid order, 1 for an unknown one, 2 for configuration errors.

use super::*;
use alipay_notify::{PrivateKey, Rule, SignType, Signer};
use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

const APP_ID: &str = "2021000000000001";
/// A public key in certificate form: a key the sandbox does not sign with.
const CERT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/vectors/keys/alipay_a.selfsigned.crt.pem"
);

fn app_key_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/keys/app.key.pem")
}

/// A bare HTTP/1.0 request with a form body (may be empty): the status line and body.
fn http(host_port: &str, method: &str, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(host_port).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {host_port}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Opens a checkout page for a new 88.00 order, signed with the app key.
fn checkout(host_port: &str, key: &str, out_trade_no: &str) {
    let biz = serde_json::json!({"out_trade_no": out_trade_no, "total_amount": "88.00",
        "subject": "x", "product_code": "FAST_INSTANT_TRADE_PAY"});
    let params = [
        ("app_id", APP_ID.to_string()),
        ("method", "alipay.trade.page.pay".into()),
        ("charset", "utf-8".into()),
        ("timestamp", "2024-01-02 10:20:00".into()),
        ("version", "1.0".into()),
        ("notify_url", "http://127.0.0.1:9/alipay/notify".into()),
        ("biz_content", biz.to_string()),
    ];
    let query = Signer::rsa(key, SignType::Rsa2, Rule::V2)
        .unwrap()
        .signed_form(&params)
        .unwrap();
    let page = http(host_port, "GET", &format!("/gateway.do?{query}"), "");
    assert!(
        page.starts_with("HTTP/1.1 200") || page.starts_with("HTTP/1.0 200"),
        "{page}"
    );
}

/// `alipay-notify sandbox` on a free port, checking requests with the app key's public half:
/// the child, the gateway URL (its first line) and its host:port.
fn start_sandbox(dir: &Path, app_key: &str) -> (std::process::Child, String, String) {
    let app_public = PrivateKey::parse(app_key)
        .and_then(|k| k.public_key())
        .unwrap()
        .to_base64();
    let mut child = binary()
        .args([
            "sandbox",
            "--port",
            "0",
            "--app-public-key",
            &app_public,
            "--data-dir",
        ])
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let gateway = first.trim_end().to_string();
    let host_port = gateway
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_suffix("/gateway.do"))
        .unwrap()
        .to_string();
    (child, gateway, host_port)
}

/// `alipay-notify query` against `gateway` with the app key and `alipay_key`, plus `extra`:
/// the exit code, the JSON printed (null when none) and stderr.
fn run_query(gateway: &str, alipay_key: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let app_key = app_key_path();
    let mut args = vec!["query", "--gateway", gateway, "--app-id", APP_ID];
    args.extend(["--private-key", app_key.to_str().unwrap()]);
    args.extend(["--key", alipay_key]);
    args.extend(extra);
    let output = run(&args, b"");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), json, stderr)
}

#[test]
fn query_prints_the_verified_trade_and_exits_by_what_it_found() {
    let dir = scratch_dir("query");
    let key = std::fs::read_to_string(app_key_path()).unwrap();
    let (mut child, gateway, host_port) = start_sandbox(&dir, &key);
    checkout(&host_port, &key, "Q1");
    checkout(&host_port, &key, "Q2");
    let paid = http(&host_port, "POST", "/api/orders/Q1/pay", "");
    assert!(paid.starts_with("HTTP/1.0 200"), "{paid}");

    let alipay_key = dir.join("alipay_public_key.txt");
    let query = |alipay_key: &str, trade: &[&str]| run_query(&gateway, alipay_key, trade);
    let sandbox_key = alipay_key.to_str().unwrap();

    let (code, json, stderr) = query(sandbox_key, &["--out-trade-no", "Q1"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(json["paid"], true);
    assert_eq!(json["trade_status"], "TRADE_SUCCESS");
    assert_eq!(json["total_amount_fen"], 8800);
    assert_eq!(json["receipt_amount_fen"], 8800);
    assert_eq!(json["sign_type"], "RSA2");
    assert_eq!(json["transition"], "PAID");
    let trade_no = json["trade_no"].as_str().unwrap().to_string();

    let (code, json, _) = query(sandbox_key, &["--trade-no", &trade_no]);
    assert_eq!((code, json["out_trade_no"].as_str()), (Some(0), Some("Q1")));

    let (code, json, _) = query(sandbox_key, &["--out-trade-no", "Q2"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        (json["paid"].as_bool(), json["trade_status"].as_str()),
        (Some(false), Some("WAIT_BUYER_PAY"))
    );

    let (code, json, _) = query(sandbox_key, &["--out-trade-no", "NOPE"]);
    assert_eq!(code, Some(1));
    assert_eq!(json["sub_code"], "ACQ.TRADE_NOT_EXIST");
    assert_eq!(json["found"], false);

    // Checked with a key that is not the sandbox's: the answer does not verify.
    let (code, json, stderr) = query(CERT, &["--out-trade-no", "Q1"]);
    assert_eq!((code, json), (Some(1), Value::Null));
    assert!(stderr.starts_with("INVALID_SIGNATURE"), "{stderr}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn query_configuration_errors_exit_2() {
    let key = app_key_path();
    let key = key.to_str().unwrap();
    let base = |gateway: &'static str| {
        vec![
            "query",
            "--gateway",
            gateway,
            "--app-id",
            APP_ID,
            "--private-key",
            key,
            "--key",
            CERT,
        ]
    };
    // Neither https:// nor http://.
    let mut ftp = base("ftp://openapi.alipay.com/gateway.do");
    ftp.extend(["--out-trade-no", "Q1"]);
    let output = run(&ftp, b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--gateway"));
    // --method refund-query needs --out-request-no; the other methods refuse it.
    for extra in [
        &["--method", "refund-query"][..],
        &["--out-request-no", "R1"][..],
        &["--method", "close", "--out-request-no", "R1"][..],
        &["--method", "refund"][..],
    ] {
        let mut args = base("http://127.0.0.1:9/gateway.do");
        args.extend(["--out-trade-no", "Q1"]);
        args.extend(extra);
        let output = run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.starts_with("NETWORK"),
            "refused before any request: {stderr}"
        );
    }
    // Neither --out-trade-no nor --trade-no.
    assert_eq!(
        run(&base("http://127.0.0.1:9/gateway.do"), b"")
            .status
            .code(),
        Some(2)
    );
    // Nothing listens on port 9: a network error, not a verdict about the trade.
    let mut closed = base("http://127.0.0.1:9/gateway.do");
    closed.extend(["--out-trade-no", "Q1"]);
    let output = run(&closed, b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("NETWORK"), "{stderr}");
}

#[test]
fn query_closes_a_trade_and_looks_up_refunds_in_the_sandbox() {
    let dir = scratch_dir("query-methods");
    let key = std::fs::read_to_string(app_key_path()).unwrap();
    let (mut child, gateway, host_port) = start_sandbox(&dir, &key);
    checkout(&host_port, &key, "M1");
    checkout(&host_port, &key, "M2");
    let paid = http(&host_port, "POST", "/api/orders/M2/pay", "");
    assert!(paid.starts_with("HTTP/1.0 200"), "{paid}");
    // A refund of 10.00 as R1, by the app (the CLI has no refund command).
    let biz =
        serde_json::json!({"out_trade_no": "M2", "refund_amount": "10.00", "out_request_no": "R1"});
    let refund = Signer::rsa(&key, SignType::Rsa2, Rule::V2)
        .unwrap()
        .signed_form(&[
            ("app_id", APP_ID.to_string()),
            ("method", "alipay.trade.refund".into()),
            ("charset", "utf-8".into()),
            ("sign_type", "RSA2".into()),
            ("timestamp", "2024-01-02 10:20:00".into()),
            ("version", "1.0".into()),
            ("biz_content", biz.to_string()),
        ])
        .unwrap();
    let refunded = http(&host_port, "POST", "/gateway.do", &refund);
    assert!(refunded.contains("\"fund_change\":\"Y\""), "{refunded}");

    let alipay_key = dir.join("alipay_public_key.txt");
    let ask = |extra: &[&str]| run_query(&gateway, alipay_key.to_str().unwrap(), extra);

    let (code, json, stderr) = ask(&["--method", "close", "--out-trade-no", "M1"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(json["method"], "alipay.trade.close");
    assert_eq!(json["out_trade_no"], "M1");
    assert_eq!(json["transition"], "CLOSED");
    let (code, json, _) = ask(&["--out-trade-no", "M1"]);
    assert_eq!(code, Some(0));
    assert_eq!(json["trade_status"], "TRADE_CLOSED");
    assert_eq!(json["transition"], "CLOSED");
    // A paid trade cannot be closed: a business failure, exit 1.
    let (code, json, _) = ask(&["--method", "close", "--out-trade-no", "M2"]);
    assert_eq!(
        (code, json["sub_code"].as_str()),
        (Some(1), Some("ACQ.TRADE_STATUS_ERROR"))
    );

    let refund_query = [
        "--method",
        "refund-query",
        "--out-trade-no",
        "M2",
        "--out-request-no",
    ];
    let (code, json, stderr) = ask(&[&refund_query[..], &["R1"]].concat());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(json["method"], "alipay.trade.fastpay.refund.query");
    assert_eq!(json["refund_amount_fen"], 1000);
    assert_eq!(json["total_amount_fen"], 8800);
    assert_eq!(json["refund_status"], "REFUND_SUCCESS");
    assert_eq!(json["out_request_no"], "R1");
    assert_eq!(json["transition"], "REFUND:R1");
    // A refund never made: code 10000 (exit 0), no amount, nothing to apply.
    let (code, json, _) = ask(&[&refund_query[..], &["R9"]].concat());
    assert_eq!(code, Some(0));
    assert_eq!(
        (
            json["refund_amount_fen"].clone(),
            json["transition"].clone()
        ),
        (Value::Null, Value::Null)
    );
    let (code, json, _) = ask(&[
        "--method",
        "refund-query",
        "--out-trade-no",
        "NOPE",
        "--out-request-no",
        "R1",
    ]);
    assert_eq!(
        (code, json["sub_code"].as_str()),
        (Some(1), Some("ACQ.TRADE_NOT_EXIST"))
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
