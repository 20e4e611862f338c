//! Verifying a v3 response: its headers and its body's exact bytes.

use super::headers::V3Headers;
use super::{
    MAX_HEADER_VALUE, NONCE_HEADER, TIMESTAMP_HEADER, is_one_line, now_millis, reencoded,
    response_content,
};
use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use crate::sign_type::SignType;
use crate::verifier::Verifier;
use base64::Engine as _;
use serde_json::Value;

/// A v3 response whose signature verified: its body, exactly as signed, and how it verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedV3Response {
    body: Vec<u8>,
    timestamp: String,
    nonce: String,
    cert_sn: Option<String>,
    key_index: usize,
    key_fingerprint: String,
}

impl VerifiedV3Response {
    /// The body, byte for byte as signed (JSON for most APIs; the ciphertext when the call was
    /// AES-encrypted; empty for some).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, taken out.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// The body as text: `MALFORMED_INPUT` when it is not UTF-8 (Alipay's JSON always is).
    pub fn text(&self) -> Result<&str> {
        std::str::from_utf8(&self.body).map_err(|_| {
            Error::new(
                ErrorKind::MalformedInput,
                "the verified v3 body is not UTF-8 text",
            )
        })
    }

    /// The body parsed as JSON, read as strictly as a response node: a key twice in one object
    /// is `DUPLICATE_PARAMETER` (which value was meant is ambiguous), nesting past 100 levels
    /// or text that is not JSON (an empty body too) is `MALFORMED_INPUT`.
    pub fn json(&self) -> Result<Value> {
        let raw: &serde_json::value::RawValue =
            serde_json::from_str(self.text()?).map_err(|e| {
                Error::new(
                    ErrorKind::MalformedInput,
                    format!("the verified v3 body is not JSON: {e}"),
                )
            })?;
        crate::response::node::parse_node(raw)
    }

    /// `alipay-timestamp` as signed (milliseconds since 1970, as Alipay writes it).
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    /// `alipay-timestamp` as a number of milliseconds since 1970, when it is one.
    pub fn timestamp_millis(&self) -> Option<i64> {
        millis(&self.timestamp)
    }

    /// `alipay-nonce` as signed.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// `alipay-sn` (certificate mode), as sent; it is not signed, it only picked the key.
    pub fn cert_sn(&self) -> Option<&str> {
        self.cert_sn.as_deref()
    }

    /// Index of the configured key that verified.
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// Fingerprint of the key that verified (see [`crate::PublicKey::fingerprint`]).
    pub fn key_fingerprint(&self) -> &str {
        &self.key_fingerprint
    }

    /// The exact bytes that were signed: `timestamp\nnonce\nbody\n`.
    pub fn signed_content(&self) -> Vec<u8> {
        response_content(&self.timestamp, &self.nonce, &self.body)
    }
}

/// Digits only, as Alipay writes its millisecond timestamps.
fn millis(text: &str) -> Option<i64> {
    match text.bytes().all(|b| b.is_ascii_digit()) {
        true => text.parse().ok(),
        false => None,
    }
}

/// The signed parts of a response, checked to be usable before any key is tried.
struct Signed<'a> {
    timestamp: &'a str,
    nonce: &'a str,
    signature: Vec<u8>,
    cert_sn: Option<&'a str>,
}

impl<'a> Signed<'a> {
    fn read(headers: &'a V3Headers, body: &[u8]) -> Result<Signed<'a>> {
        let signature = match headers.signature().map(str::trim) {
            // The Java SDK writes a missing header as the text "null".
            None | Some("" | "null") => return Err(unsigned(headers, body)),
            Some(signature) => signature,
        };
        if signature.contains(',') {
            return Err(Error::new(
                ErrorKind::DuplicateParameter,
                "alipay-signature holds a comma, which base64 never does: the response had two \
                 alipay-signature headers and the HTTP library joined them; which one Alipay \
                 sent is ambiguous, so the response is refused",
            ));
        }
        let timestamp = signed_line(headers.timestamp(), TIMESTAMP_HEADER)?;
        let nonce = signed_line(headers.nonce(), NONCE_HEADER)?;
        let signature = base64::engine::general_purpose::STANDARD
            .decode(signature)
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidSignature,
                    "alipay-signature is not valid base64",
                )
            })?;
        let cert_sn = headers.cert_sn().filter(|sn| !sn.is_empty());
        Ok(Signed {
            timestamp,
            nonce,
            signature,
            cert_sn,
        })
    }
}

/// A timestamp or nonce header that the signed content can hold as one line.
fn signed_line<'a>(value: Option<&'a str>, name: &str) -> Result<&'a str> {
    let malformed = |why: String| Error::new(ErrorKind::MalformedInput, why);
    match value {
        None | Some("") => Err(malformed(format!(
            "the response is signed but has no {name} header, which its signature covers: pass \
             every header of the response"
        ))),
        Some(value) if value.len() > MAX_HEADER_VALUE => Err(malformed(format!(
            "the {name} header has {} bytes; Alipay's have a few dozen",
            value.len()
        ))),
        Some(value) if !is_one_line(value) => Err(malformed(format!(
            "the {name} header {:?} holds a control or non-ASCII character; HTTP headers \
             cannot, and a line break would move the bounds of the signed lines",
            printable_prefix(value.as_bytes(), 64)
        ))),
        Some(value) => Ok(value),
    }
}

fn unsigned(headers: &V3Headers, body: &[u8]) -> Error {
    let present = [headers.timestamp(), headers.nonce()]
        .iter()
        .any(Option::is_some);
    let why = match present {
        true => "it has alipay-timestamp or alipay-nonce but no alipay-signature",
        false => "it has none of the alipay-signature, alipay-timestamp and alipay-nonce headers",
    };
    Error::new(
        ErrorKind::UnsignedResponse,
        format!(
            "the v3 response is not signed ({why}; {} bytes of body), so none of it can be \
             trusted. Alipay signs its v3 responses, error responses (4xx) included; an unsigned \
             one comes from a proxy or gateway in between, or the headers were not passed",
            body.len()
        ),
    )
}

impl Verifier {
    /// Verifies an OpenAPI v3 response from its headers and its raw body: the signature in
    /// `alipay-signature` must be Alipay's SHA256withRSA signature of
    /// `alipay-timestamp + "\n" + alipay-nonce + "\n" + body + "\n"` (an empty body signs
    /// `timestamp\nnonce\n\n`). Verify every response the same way, whatever its HTTP status:
    /// Alipay signs its error responses too.
    ///
    /// In certificate mode the `alipay-sn` header picks the configured certificate
    /// (`UNKNOWN_CERT_SN` when none has it); with public keys each configured key is tried. A
    /// response without a signature is `UNSIGNED_RESPONSE`; with
    /// [`VerifierBuilder::max_response_age`](crate::VerifierBuilder::max_response_age), an
    /// `alipay-timestamp` too far from now is `STALE_RESPONSE`.
    ///
    /// The body must be the bytes received: JSON that was parsed and re-encoded does not
    /// verify, and the error then says so when it can tell.
    pub fn verify_v3(
        &self,
        headers: &V3Headers,
        body: impl AsRef<[u8]>,
    ) -> Result<VerifiedV3Response> {
        self.verify_v3_with_clock(headers, body.as_ref(), now_millis)
    }

    /// [`Verifier::verify_v3`] with "now" given, in milliseconds since 1970, for the
    /// `max_response_age` check: for tests, and for callers with a clock of their own.
    pub fn verify_v3_at(
        &self,
        headers: &V3Headers,
        body: impl AsRef<[u8]>,
        now_millis: i64,
    ) -> Result<VerifiedV3Response> {
        self.verify_v3_with_clock(headers, body.as_ref(), || now_millis)
    }

    fn verify_v3_with_clock(
        &self,
        headers: &V3Headers,
        body: &[u8],
        now: impl FnOnce() -> i64,
    ) -> Result<VerifiedV3Response> {
        if body.len() > self.max_size() {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "the v3 response body has {} bytes, over the limit of {}",
                    body.len(),
                    self.max_size()
                ),
            ));
        }
        self.check_v3_keys()?;
        let signed = Signed::read(headers, body)?;
        let candidates = self.keys_for_sn(signed.cert_sn)?;
        let content = response_content(signed.timestamp, signed.nonce, body);
        let verify = |content: &[u8]| {
            self.verify_raw_content(
                content,
                &signed.signature,
                SignType::Rsa2,
                candidates.as_deref(),
            )
        };
        let Some(key_index) = verify(&content) else {
            let changed = reencoded::explain(body, |original| {
                verify(&response_content(signed.timestamp, signed.nonce, original)).is_some()
            });
            return Err(self.v3_not_verified(candidates.as_deref(), &changed));
        };
        if let Some(max_age) = self.config.max_response_age {
            check_age(signed.timestamp, max_age, now())?;
        }
        Ok(VerifiedV3Response {
            body: body.to_vec(),
            timestamp: signed.timestamp.to_string(),
            nonce: signed.nonce.to_string(),
            cert_sn: signed.cert_sn.map(str::to_string),
            key_index,
            key_fingerprint: self
                .public_keys()
                .nth(key_index)
                .map(|k| k.fingerprint().to_string())
                .unwrap_or_default(),
        })
    }

    pub(crate) fn check_v3_keys(&self) -> Result<()> {
        if self.public_keys().next().is_none() {
            return Err(Error::new(
                ErrorKind::InvalidConfig,
                "v3 responses are signed with RSA: configure Alipay's public key or certificate",
            ));
        }
        if !self.allowed_sign_types().contains(&SignType::Rsa2) {
            return Err(Error::new(
                ErrorKind::InvalidConfig,
                "v3 responses are signed with SHA256withRSA only: allow the sign type RSA2",
            ));
        }
        Ok(())
    }

    fn v3_not_verified(&self, candidates: Option<&[usize]>, changed: &str) -> Error {
        let keys = match candidates.map_or(self.public_keys().count(), <[usize]>::len) {
            1 if candidates.is_some() => "the certificate its alipay-sn names".to_string(),
            1 => "the configured key".to_string(),
            n => format!("any of the {n} configured keys"),
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!("the v3 response's signature does not verify with {keys}. {changed}"),
        )
    }
}

fn check_age(timestamp: &str, max_age_seconds: u64, now: i64) -> Result<()> {
    let Some(signed_at) = millis(timestamp) else {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            format!(
                "alipay-timestamp {:?} is not a number of milliseconds, so its age cannot be \
                 checked (max_response_age is set)",
                printable_prefix(timestamp.as_bytes(), 32)
            ),
        ));
    };
    let age = i128::from(now) - i128::from(signed_at);
    let limit = i128::from(max_age_seconds) * 1000;
    if age.abs() <= limit {
        return Ok(());
    }
    let seconds = age.abs() / 1000;
    let when = match age > 0 {
        true => format!("{seconds} s old"),
        false => format!("{seconds} s ahead of this server's clock"),
    };
    Err(Error::new(
        ErrorKind::StaleResponse,
        format!(
            "the v3 response was signed at alipay-timestamp {signed_at}, {when}, outside \
             max_response_age ({max_age_seconds} s): a response replayed or held back, or a \
             clock that is wrong (check this server's time)"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_age_is_checked_both_ways_in_whole_milliseconds() {
        let now = 1_717_756_911_576;
        check_age("1717756911576", 1, now).unwrap();
        check_age("1717756910576", 1, now).unwrap();
        check_age("1717756912576", 1, now).unwrap();
        for ts in ["1717756910575", "1717756912577", "0"] {
            let err = check_age(ts, 1, now).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::StaleResponse, "{ts}");
        }
        let err = check_age("1717756912577", 1, now).unwrap_err();
        assert!(err.message().contains("ahead"), "{}", err.message());
        for ts in ["", "17e11", "-1", "1717756911576.0", "99999999999999999999"] {
            let err = check_age(ts, 1, now).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MalformedInput, "{ts}");
        }
        check_age("0", u64::MAX, i64::MAX).unwrap();
    }
}
