//! `alipay-notify query` over HTTPS: a TLS server on 127.0.0.1 with a self-signed certificate
//! is refused (no insecure mode); the same server, once its certificate is the trust store
//! (`SSL_CERT_FILE`), is queried and its signed answer verified.

use super::*;
use alipay_notify::{PrivateKey, Rule, SignType, Signer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::Read;
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;

fn tls_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tls")
        .join(name)
}

fn vector_key(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors/keys")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// Whether `buf` holds a whole HTTP/1.1 request (headers and Content-Length bytes of body).
fn complete(buf: &[u8]) -> bool {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    buf.len() >= end + 4 + length
}

/// A one-connection HTTPS server with the self-signed certificate: it answers `body` to a
/// whole request, and hands back what it received (nothing, when the client refused the
/// handshake).
fn tls_server(body: String) -> (String, JoinHandle<Vec<u8>>) {
    let certs = CertificateDer::pem_file_iter(tls_file("127.0.0.1.crt.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(tls_file("127.0.0.1.key.pem")).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}/gateway.do", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        let mut connection = rustls::ServerConnection::new(Arc::new(config)).unwrap();
        let mut tls = rustls::Stream::new(&mut connection, &mut socket);
        let mut received = Vec::new();
        let mut chunk = [0u8; 4096];
        while !complete(&received) {
            match tls.read(&mut chunk) {
                Ok(0) | Err(_) => return received,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
            }
        }
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = tls.write_all(response.as_bytes());
        tls.conn.send_close_notify();
        let _ = tls.flush();
        received
    });
    (url, server)
}

/// A query answer for T1, signed with the vectors' "Alipay" key A, as the gateway signs it.
fn signed_answer() -> String {
    let node = r#"{"code":"10000","msg":"Success","buyer_pay_amount":"1.00","out_trade_no":"T1","receipt_amount":"1.00","total_amount":"1.00","trade_no":"2024010222001000000000000001","trade_status":"TRADE_SUCCESS"}"#;
    let sign = Signer::rsa(&vector_key("alipay_a.key.pem"), SignType::Rsa2, Rule::V2)
        .unwrap()
        .sign_bytes(node.as_bytes())
        .unwrap();
    format!(r#"{{"alipay_trade_query_response":{node},"sign":"{sign}"}}"#)
}

fn query_over_tls(url: &str, trust: Option<&Path>) -> Output {
    let alipay_public = PrivateKey::parse(&vector_key("alipay_a.key.pem"))
        .and_then(|k| k.public_key())
        .unwrap()
        .to_base64();
    let app_key = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/keys/app.key.pem");
    let mut command = binary();
    command
        .args(["query", "--gateway", url, "--app-id", "2021000000000001"])
        .arg("--private-key")
        .arg(&app_key)
        .args([
            "--key",
            &alipay_public,
            "--out-trade-no",
            "T1",
            "--timeout",
            "10",
        ])
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    if let Some(trust) = trust {
        command.env("SSL_CERT_FILE", trust);
    }
    command.output().unwrap()
}

#[test]
fn an_https_gateway_with_a_self_signed_certificate_is_refused() {
    let (url, server) = tls_server(signed_answer());
    let output = query_over_tls(&url, None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(
        stderr.starts_with(&format!(
            "NETWORK: {url}: TLS: the gateway's certificate is not trusted ("
        )),
        "{stderr}"
    );
    assert!(stderr.contains("no option to skip the check"), "{stderr}");
    assert!(
        server.join().unwrap().is_empty(),
        "nothing, not even the signed request, goes over the untrusted connection"
    );
}

#[test]
fn an_https_gateway_the_trust_store_trusts_is_queried_and_verified() {
    let (url, server) = tls_server(signed_answer());
    let output = query_over_tls(&url, Some(&tls_file("127.0.0.1.crt.pem")));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["paid"], true);
    assert_eq!(json["transition"], "PAID");
    assert_eq!(json["total_amount_fen"], 100);
    let request = String::from_utf8(server.join().unwrap()).unwrap();
    assert!(
        request.starts_with("POST /gateway.do HTTP/1.1\r\n"),
        "{request}"
    );
    assert!(request.contains("method=alipay.trade.query"), "{request}");
}
