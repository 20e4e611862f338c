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
            "--fault",
            "drop-notify",
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
    assert!(page.contains("name=\"drop_notify\" value=\"1\" checked"));
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

/// A notify_url on 127.0.0.1 that answers `replies` in order (the last repeats) and hands each
/// request body it received to the test.
fn scripted_notify_url(
    replies: &'static [&'static str],
) -> (String, std::sync::mpsc::Receiver<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/alipay/notify", listener.local_addr().unwrap());
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let _ = sender.send(String::from_utf8(body).unwrap());
            let reply = replies[n.min(replies.len() - 1)];
            write!(
                stream,
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            )
            .unwrap();
        }
    });
    (url, received)
}

#[test]
fn simulate_notify_posts_a_signed_notification_and_retries_until_success() {
    let (url, received) = scripted_notify_url(&["SUCCESS", "success"]);
    let dir = scratch_dir("simulate-notify");
    let key = dir.join("alipay_private.pem");
    std::fs::write(&key, PRIVATE_PEM).unwrap();
    let output = run(
        &[
            "simulate",
            "notify",
            "--notify-url",
            &url,
            "--key",
            key.to_str().unwrap(),
            "--time-scale",
            "24000",
            "--out-trade-no",
            "S1",
            "total_amount=1.00",
            "extra=x",
        ],
        b"",
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].starts_with("attempt 1 ") && lines[0].ends_with("HTTP 200 near_miss \"SUCCESS\"")
    );
    assert!(
        lines[1].starts_with("attempt 2 ")
            && lines[1].ends_with("HTTP 200 acknowledged \"success\"")
    );
    let first = received.recv().unwrap();
    assert_eq!(
        first,
        received.recv().unwrap(),
        "the retry is the same notification"
    );
    let verifier = alipay_notify::Verifier::new(&public_pem()).unwrap();
    let notification = verifier.verify_notify(&first).unwrap();
    assert_eq!(notification.get("out_trade_no"), Some("S1"));
    assert_eq!(notification.get("total_amount"), Some("1.00"));
    assert_eq!(notification.get("extra"), Some("x"));
    assert_eq!(notification.get("notify_type"), Some("trade_status_sync"));

    // Nobody answering: every try fails, exit 1.
    let output = run(
        &[
            "simulate",
            "notify",
            "--notify-url",
            "http://127.0.0.1:9/",
            "--key",
            key.to_str().unwrap(),
            "--time-scale",
            "100000",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 8, "{stdout}");
    assert!(
        stdout
            .lines()
            .all(|l| l.contains(" HTTP - failed \"no answer")),
        "{stdout}"
    );
}
