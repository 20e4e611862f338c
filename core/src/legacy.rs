//! Legacy mapi (即时到账, 双接口, 担保交易): MD5 shared-key signatures and the remote
//! `notify_verify` check. The core builds the check's URL and reads its answer; the caller
//! does the HTTP request.

use crate::canonical::sign_content;
use crate::error::{Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::sign_type::{EmptyValues, MatchedRule};
use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

/// Alipay's legacy gateway, which answers `notify_verify`.
pub const DEFAULT_MAPI_GATEWAY: &str = "https://mapi.alipay.com/gateway.do";

/// Lowercase hex `md5(content + key)`.
pub(crate) fn md5_hex(content: &[u8], key: &[u8]) -> String {
    let mut hasher = Md5::new();
    hasher.update(content);
    hasher.update(key);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The MD5 signature of `params` under the legacy filter.
pub fn md5_sign(params: &RawParams, key: &str) -> String {
    md5_hex(
        &sign_content(params, MatchedRule::Md5, EmptyValues::Kept),
        key.as_bytes(),
    )
}

/// True when `sign` (hex, any case) is the MD5 signature of `params`. The comparison takes the
/// same time wherever the first difference is, so it leaks nothing about the key.
pub(crate) fn md5_matches(params: &RawParams, key: &str, sign: &[u8]) -> bool {
    let content = sign_content(params, MatchedRule::Md5, EmptyValues::Kept);
    md5_hex_matches(&content, key.as_bytes(), sign)
}

/// True when `sign` (hex, any case) is `md5(content + key)`, compared in constant time.
pub(crate) fn md5_hex_matches(content: &[u8], key: &[u8], sign: &[u8]) -> bool {
    let expected = md5_hex(content, key);
    let given = sign.to_ascii_lowercase();
    given.len() == expected.len() && bool::from(given.ct_eq(expected.as_bytes()))
}

/// The URL of the `notify_verify` check for a legacy notification: GET it and pass the
/// answer to [`classify_notify_verify`]. `gateway` defaults to [`DEFAULT_MAPI_GATEWAY`].
/// `notify_id` is the decoded value from the notification; it is encoded exactly once here.
pub fn notify_verify_url(gateway: Option<&str>, partner: &str, notify_id: &str) -> Result<String> {
    if partner.is_empty() || notify_id.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidConfig,
            "notify_verify needs the partner id (2088…) and the notification's notify_id",
        ));
    }
    let gateway = gateway.unwrap_or(DEFAULT_MAPI_GATEWAY);
    let separator = if gateway.contains('?') { '&' } else { '?' };
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("service", "notify_verify")
        .append_pair("partner", partner)
        .append_pair("notify_id", notify_id)
        .finish();
    Ok(format!("{gateway}{separator}{query}"))
}

/// Reads the body `notify_verify` answered: `true` passes; `false` is
/// [`ErrorKind::NotifyVerifyRejected`] (not sent by Alipay, or `notify_id` expired);
/// `invalid` is [`ErrorKind::NotifyVerifyInvalid`] (wrong partner id); anything else is
/// [`ErrorKind::NotifyVerifyUnexpected`].
pub fn classify_notify_verify(answer: &str) -> Result<()> {
    let answer = answer.trim();
    if answer.eq_ignore_ascii_case("true") {
        Ok(())
    } else if answer.eq_ignore_ascii_case("false") {
        Err(Error::new(
            ErrorKind::NotifyVerifyRejected,
            "notify_verify answered false: Alipay did not send this notification, or its notify_id has expired",
        ))
    } else if answer.eq_ignore_ascii_case("invalid") {
        Err(Error::new(
            ErrorKind::NotifyVerifyInvalid,
            "notify_verify answered invalid: check the partner id (2088…) in your configuration",
        ))
    } else {
        Err(Error::new(
            ErrorKind::NotifyVerifyUnexpected,
            format!(
                "notify_verify answered {:?}; expected true, false or invalid (a proxy or captive portal in the way?)",
                crate::charset::printable_prefix(answer.as_bytes(), 40)
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_notify_verify_url_encoding_once() {
        let url = notify_verify_url(None, "2088101122136241", "a+b/c=").unwrap();
        assert_eq!(
            url,
            "https://mapi.alipay.com/gateway.do?service=notify_verify&partner=2088101122136241&notify_id=a%2Bb%2Fc%3D"
        );
        let url =
            notify_verify_url(Some("http://127.0.0.1:8080/gateway.do?x=1"), "p", "n").unwrap();
        assert_eq!(
            url,
            "http://127.0.0.1:8080/gateway.do?x=1&service=notify_verify&partner=p&notify_id=n"
        );
        assert_eq!(
            notify_verify_url(None, "", "n").unwrap_err().kind(),
            ErrorKind::InvalidConfig
        );
    }

    #[test]
    fn classifies_answers() {
        assert!(classify_notify_verify("true").is_ok());
        assert!(classify_notify_verify(" TRUE\n").is_ok());
        assert_eq!(
            classify_notify_verify("false").unwrap_err().kind(),
            ErrorKind::NotifyVerifyRejected
        );
        assert_eq!(
            classify_notify_verify("invalid").unwrap_err().kind(),
            ErrorKind::NotifyVerifyInvalid
        );
        assert_eq!(
            classify_notify_verify("<html>").unwrap_err().kind(),
            ErrorKind::NotifyVerifyUnexpected
        );
        assert_eq!(
            classify_notify_verify("").unwrap_err().kind(),
            ErrorKind::NotifyVerifyUnexpected
        );
    }

    #[test]
    fn md5_is_hex_case_insensitive_and_exact() {
        let params = RawParams::from_form(b"b=2&a=1&c=&sign_type=MD5", 1 << 10).unwrap();
        let sign = md5_sign(&params, "key");
        assert_eq!(sign, md5_hex(b"a=1&b=2", b"key"));
        assert!(md5_matches(&params, "key", sign.as_bytes()));
        assert!(md5_matches(&params, "key", sign.to_uppercase().as_bytes()));
        assert!(!md5_matches(&params, "other", sign.as_bytes()));
        assert!(!md5_matches(&params, "key", &sign.as_bytes()[..31]));
    }
}
