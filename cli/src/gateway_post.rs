//! The one HTTP(S) POST of `alipay-notify query`: the signed form to the gateway, the raw answer
//! back (its signature covers the exact text).
//!
//! TLS is rustls on aws-lc-rs, the certificate checked against the system's trust store (the
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` variables override it, as for OpenSSL). There is no way to
//! skip the check: a gateway whose certificate is not trusted is refused, never queried.

use crate::Failure;
use std::error::Error as _;
use std::time::Duration;

/// POSTs `form` to `url` and returns the body of a 2xx answer.
pub fn post(url: &str, form: String, timeout: Duration) -> Result<Vec<u8>, Failure> {
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(Failure::Config(
            "INVALID_CONFIG: --gateway must be an https:// URL (Alipay's is \
             https://openapi.alipay.com/gateway.do) or, for the local sandbox, http://"
                .into(),
        ));
    }
    let network = |e: reqwest::Error| Failure::Config(describe(url, e));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            // Alipay's gateway answers in place; following a redirect could leave https.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(network)?;
        let response = client
            .post(url)
            .header(
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(form)
            .send()
            .await
            .map_err(network)?;
        if !response.status().is_success() {
            return Err(Failure::Config(format!(
                "NETWORK: {url}: HTTP {}",
                response.status()
            )));
        }
        Ok(response.bytes().await.map_err(network)?.to_vec())
    })
}

/// `NETWORK: url: ...` with the whole cause chain (reqwest's own message is only "error
/// sending request"); a refused certificate is named as such, with what to do about it.
fn describe(url: &str, err: reqwest::Error) -> String {
    // The URL leads the message already.
    let err = err.without_url();
    let mut causes = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !causes.iter().any(|c| c.contains(&text)) {
            causes.push(text);
        }
        source = cause.source();
    }
    let certificate = causes.iter().rev().find(|c| c.contains("certificate"));
    match certificate {
        Some(why) => format!(
            "NETWORK: {url}: TLS: the gateway's certificate is not trusted ({why}). It is \
             checked against this system's CA store (or SSL_CERT_FILE); there is no option to \
             skip the check. 网关证书不受信任，已拒绝连接。"
        ),
        None => format!("NETWORK: {url}: {}", causes.join(": ")),
    }
}
