//! OpenAPI v3 (the `/v3/` REST API) signatures, as Alipay's SDKs compute them
//! (`docs/rules.md`, "OpenAPI v3 signatures", cites each SDK's lines).
//!
//! A v3 response carries its signature in HTTP headers, over
//! `alipay-timestamp + "\n" + alipay-nonce + "\n" + body + "\n"`: the body's exact bytes, so
//! the body is never parsed before it verifies. A v3 request carries the merchant's signature in
//! its `Authorization` header, over
//! `authString + "\n" + METHOD + "\n" + uri + "\n" + body + "\n" [+ appAuthToken + "\n"]`.
//! Both are SHA256withRSA (RSA2).

mod headers;
pub(crate) mod reencoded;
mod sign;
mod verify;

pub use headers::V3Headers;
pub use sign::{V3Authorization, V3Request, V3Signer, random_nonce, sign_response};
pub use verify::VerifiedV3Response;

/// The response header holding the signing time, in milliseconds since 1970.
pub const TIMESTAMP_HEADER: &str = "alipay-timestamp";
/// The response header holding the random nonce that is signed with the body.
pub const NONCE_HEADER: &str = "alipay-nonce";
/// The response header holding the base64 signature.
pub const SIGNATURE_HEADER: &str = "alipay-signature";
/// The response header naming the Alipay certificate that signed (certificate mode).
pub const SN_HEADER: &str = "alipay-sn";
/// The scheme word that starts a v3 request's `Authorization` header.
pub const AUTHORIZATION_SCHEME: &str = "ALIPAY-SHA256withRSA";

/// The longest timestamp, nonce or SN header accepted; Alipay's are under 50 bytes. A limit
/// keeps what errors quote and what is hashed bounded however the headers were built.
const MAX_HEADER_VALUE: usize = 1024;

/// `timestamp\nnonce\nbody\n`: what a v3 response's signature covers.
pub(crate) fn response_content(timestamp: &str, nonce: &str, body: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(timestamp.len() + nonce.len() + body.len() + 3);
    for part in [timestamp.as_bytes(), nonce.as_bytes(), body] {
        content.extend_from_slice(part);
        content.push(b'\n');
    }
    content
}

/// Milliseconds since 1970 by the system clock (negative before 1970): the timestamp a
/// [`V3Request`] without one gets, and "now" for `max_response_age`.
pub fn now_millis() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_millis()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// True for text that can stand in one signed line: not empty, printable ASCII only. A line
/// break in a header value would let the signed lines be split differently (part of the body
/// read as the nonce), and HTTP header values cannot hold one anyway.
fn is_one_line(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (0x20..0x7f).contains(&b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clock_reads_milliseconds() {
        // 2024-01-01 and 2200-01-01: a clock in seconds or microseconds would fall outside.
        assert!((1_704_067_200_000..7_258_118_400_000).contains(&super::now_millis()));
    }
}
