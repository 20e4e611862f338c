//! Signing v3 requests (the merchant's `Authorization` header) and, for sandboxes and tests,
//! v3 responses (what Alipay puts in `alipay-signature`).

use super::{AUTHORIZATION_SCHEME, MAX_HEADER_VALUE, is_one_line, now_millis, response_content};
use crate::charset::printable_prefix;
use crate::crypto;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PrivateKey;
use crate::sign_type::SignType;
use base64::Engine as _;

/// Signs OpenAPI v3 requests for one app: its private key (应用私钥), `app_id` and, in
/// certificate mode, the SN of its app certificate (`app_cert_sn`, what
/// [`crate::cert_sn`] computes from `appCertPublicKey_<app_id>.crt`).
#[derive(Clone)]
pub struct V3Signer {
    key: PrivateKey,
    app_id: String,
    app_cert_sn: Option<String>,
}

impl std::fmt::Debug for V3Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("V3Signer")
            .field("key", &self.key)
            .field("app_id", &self.app_id)
            .field("app_cert_sn", &self.app_cert_sn)
            .finish()
    }
}

/// One v3 request to sign. `nonce` and `timestamp` are chosen by the signer when `None` (a
/// random UUID and the current time), as the SDKs do; give them to reproduce a signature.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct V3Request {
    /// The HTTP method, such as `POST` (upper-cased before signing).
    pub method: String,
    /// The path and query string as sent, without scheme and host:
    /// `/v3/alipay/trade/query?app_auth_token=...`.
    pub uri: String,
    /// The body exactly as sent (JSON for most APIs); empty for GET.
    pub body: Vec<u8>,
    /// The `alipay-app-auth-token` header, when calling on behalf of another merchant (代调用);
    /// it is signed too, and must be sent in that header.
    pub app_auth_token: Option<String>,
    /// The nonce of the authorization; `None` for a random UUID.
    pub nonce: Option<String>,
    /// The time of the authorization in milliseconds since 1970; `None` for now.
    pub timestamp: Option<i64>,
}

/// A signed v3 request: the `Authorization` header's value and what went into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct V3Authorization {
    auth_string: String,
    nonce: String,
    timestamp: i64,
    sign: String,
    signed_content: Vec<u8>,
}

impl V3Authorization {
    /// The value of the `Authorization` header:
    /// `ALIPAY-SHA256withRSA app_id=…,[app_cert_sn=…,]nonce=…,timestamp=…,sign=…`.
    pub fn header(&self) -> String {
        format!(
            "{AUTHORIZATION_SCHEME} {},sign={}",
            self.auth_string, self.sign
        )
    }

    /// `app_id=…,[app_cert_sn=…,]nonce=…,timestamp=…`: the first signed line.
    pub fn auth_string(&self) -> &str {
        &self.auth_string
    }

    /// The nonce used.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// The timestamp used, in milliseconds since 1970.
    pub fn timestamp(&self) -> i64 {
        self.timestamp
    }

    /// The base64 signature.
    pub fn sign(&self) -> &str {
        &self.sign
    }

    /// The exact bytes signed:
    /// `authString\nMETHOD\nuri\nbody\n` and, with an app auth token, `token\n`.
    pub fn signed_content(&self) -> &[u8] {
        &self.signed_content
    }
}

fn config(message: String) -> Error {
    Error::new(ErrorKind::InvalidConfig, message)
}

/// A value that goes into the comma-separated auth string: one line, and no comma or `=`
/// that would read as another field.
fn auth_field<'a>(value: &'a str, name: &str) -> Result<&'a str> {
    if value.len() > MAX_HEADER_VALUE || !is_one_line(value) || value.contains([',', '=']) {
        return Err(config(format!(
            "{name} {:?} cannot go into the Authorization header: it must be printable ASCII \
             without ',' or '=' (and not empty)",
            printable_prefix(value.as_bytes(), 64)
        )));
    }
    Ok(value)
}

impl V3Signer {
    /// A signer for `app_id` with its private key (PKCS#8 or PKCS#1, PEM or bare base64 as
    /// Alipay's key tool writes it); `app_cert_sn` in certificate mode.
    pub fn new(private_key: &str, app_id: &str, app_cert_sn: Option<&str>) -> Result<V3Signer> {
        let app_id = auth_field(app_id, "app_id")?.to_string();
        let app_cert_sn = app_cert_sn
            .map(|sn| auth_field(sn, "app_cert_sn").map(str::to_string))
            .transpose()?;
        Ok(V3Signer {
            key: PrivateKey::parse(private_key)?,
            app_id,
            app_cert_sn,
        })
    }

    /// Signs `request`. Parts that cannot be signed unambiguously are `INVALID_CONFIG`: a
    /// method that is not letters, a URI that is not a path (`/v3/...`) of printable ASCII (a
    /// whole URL, an unencoded space or Chinese character), a nonce or app auth token with a
    /// control character, a negative timestamp.
    pub fn authorization(&self, request: &V3Request) -> Result<V3Authorization> {
        let method = request.method.to_ascii_uppercase();
        if method.is_empty()
            || method.len() > 16
            || !method.bytes().all(|b| b.is_ascii_alphabetic())
        {
            return Err(config(format!(
                "the HTTP method {:?} is not one (GET, POST, PUT, PATCH, DELETE)",
                printable_prefix(request.method.as_bytes(), 16)
            )));
        }
        let uri = &request.uri;
        if !uri.starts_with('/') || !is_one_line(uri) || uri.contains(' ') {
            return Err(config(format!(
                "the URI {:?} must be the path and query as sent, without scheme and host \
                 (/v3/alipay/...), percent-encoded: no spaces, control or non-ASCII characters",
                printable_prefix(uri.as_bytes(), 64)
            )));
        }
        let token = match request.app_auth_token.as_deref() {
            Some(token) if token.len() > MAX_HEADER_VALUE || !is_one_line(token) => {
                return Err(config(
                    "app_auth_token must be printable ASCII (and not empty)".to_string(),
                ));
            }
            token => token,
        };
        let nonce = match &request.nonce {
            Some(nonce) => auth_field(nonce, "nonce")?.to_string(),
            None => random_nonce()?,
        };
        let timestamp = match request.timestamp {
            Some(ms) if ms < 0 => {
                return Err(config(format!(
                    "the timestamp {ms} is before 1970; give milliseconds since 1970"
                )));
            }
            Some(ms) => ms,
            None => now_millis().max(0),
        };
        let mut auth_string = format!("app_id={}", self.app_id);
        if let Some(sn) = &self.app_cert_sn {
            auth_string.push_str(",app_cert_sn=");
            auth_string.push_str(sn);
        }
        auth_string.push_str(&format!(",nonce={nonce},timestamp={timestamp}"));
        let mut content = Vec::with_capacity(auth_string.len() + uri.len() + request.body.len());
        for line in [auth_string.as_bytes(), method.as_bytes(), uri.as_bytes()] {
            content.extend_from_slice(line);
            content.push(b'\n');
        }
        content.extend_from_slice(&request.body);
        content.push(b'\n');
        if let Some(token) = token {
            content.extend_from_slice(token.as_bytes());
            content.push(b'\n');
        }
        let sign = base64_sign(&self.key, &content)?;
        Ok(V3Authorization {
            auth_string,
            nonce,
            timestamp,
            sign,
            signed_content: content,
        })
    }
}

/// The `alipay-signature` Alipay would send with `body` at `timestamp` with `nonce`, signed
/// with `private_key`: for sandboxes that play Alipay, and for tests.
pub fn sign_response(
    private_key: &PrivateKey,
    timestamp: &str,
    nonce: &str,
    body: &[u8],
) -> Result<String> {
    for (value, name) in [(timestamp, "timestamp"), (nonce, "nonce")] {
        if value.len() > MAX_HEADER_VALUE || !is_one_line(value) {
            return Err(config(format!(
                "the {name} of a v3 response must be printable ASCII (and not empty)"
            )));
        }
    }
    base64_sign(private_key, &response_content(timestamp, nonce, body))
}

fn base64_sign(key: &PrivateKey, content: &[u8]) -> Result<String> {
    let signature = crypto::sign(key, SignType::Rsa2, content)?;
    Ok(base64::engine::general_purpose::STANDARD.encode(signature))
}

/// A random (version 4) UUID, the nonce Alipay's Node, Java and PHP SDKs send, and the one a
/// [`V3Request`] without a nonce gets.
pub fn random_nonce() -> Result<String> {
    use rsa::rand_core::{OsRng, RngCore as _};
    let mut bytes = [0u8; 16];
    OsRng.try_fill_bytes(&mut bytes).map_err(|_| {
        Error::new(
            ErrorKind::Internal,
            "the system's random number generator failed",
        )
    })?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_version_4_uuids_and_differ() {
        let a = random_nonce().unwrap();
        let b = random_nonce().unwrap();
        assert_ne!(a, b);
        let shape = regex::Regex::new(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        )
        .unwrap();
        assert!(shape.is_match(&a), "{a}");
    }

    #[test]
    fn auth_fields_that_would_read_as_others_are_refused() {
        for value in ["", "a,b", "a=b", "a\nb", "中", &"x".repeat(2000)] {
            let err = auth_field(value, "app_id").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{value:?}");
            assert!(!err.message().chars().any(char::is_control));
        }
        auth_field("2014060600164699", "app_id").unwrap();
    }
}
