//! `alipay-notify sandbox`: the gateway URL is the first line, and the sandbox answers there.

use super::*;
use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;

/// A bare HTTP/1.0 GET: the CLI's tests need no HTTP client for one request.
fn http_get(host_port: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(host_port).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host_port}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn sandbox_prints_the_gateway_url_first_and_serves_its_public_key() {
    let dir = scratch_dir("sandbox");
    let mut child = binary()
        .args([
            "sandbox",
            "--port",
            "0",
            "--fault",
            "duplicate",
            "--data-dir",
        ])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let mut rest = String::new();
    for _ in 0..8 {
        stdout.read_line(&mut rest).unwrap();
    }
    let gateway = first.trim_end();
    let host_port = gateway
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_suffix("/gateway.do"))
        .unwrap_or_else(|| panic!("first line: {first:?}"));
    assert!(host_port.starts_with("127.0.0.1:") && !host_port.ends_with(":0"));
    let response = http_get(host_port, "/api/alipay-public-key");
    let key = response.split("\r\n\r\n").nth(1).unwrap();
    assert!(response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200"));
    assert!(rest.contains(key), "the banner shows the key: {rest}");
    let saved = std::fs::read_to_string(dir.join("alipay_public_key.txt")).unwrap();
    assert_eq!(saved.trim_end(), key);
    // --fault sets the checkout page's defaults (no --app-public-key: unsigned is accepted).
    let page = http_get(
        host_port,
        "/gateway.do?method=alipay.trade.page.pay&biz_content=%7B%22out_trade_no%22%3A%22C1%22%2C\
         %22total_amount%22%3A%221.00%22%2C%22subject%22%3A%22x%22%7D",
    );
    assert!(
        page.contains("name=\"duplicate\" value=\"1\" checked"),
        "{page}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn sandbox_refuses_a_bad_time_scale_and_app_key() {
    let dir = scratch_dir("sandbox-bad");
    let dir = dir.to_str().unwrap();
    for (flag, value) in [
        ("--time-scale", "0"),
        ("--app-public-key", "nope.txt"),
        ("--fault", "nope"),
    ] {
        let output = run(
            &["sandbox", "--port", "0", "--data-dir", dir, flag, value],
            b"",
        );
        assert_eq!(output.status.code(), Some(2), "{flag}");
        assert!(String::from_utf8_lossy(&output.stderr).contains(flag));
    }
    let both = [
        "sandbox",
        "--port",
        "0",
        "--data-dir",
        dir,
        "--fault",
        "early-notify",
        "--fault",
        "late-notify",
    ];
    let output = run(&both, b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("exclude each other"));
}
