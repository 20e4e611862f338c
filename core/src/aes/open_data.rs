//! The mini-program open-data envelope (`my.getPhoneNumber` and the other 敏感信息 jsAPIs): the
//! front end receives `{"response": "…", "sign": "…", "sign_type": "RSA2", "encrypt_type":
//! "AES", "charset": "UTF-8"}` and hands it to the merchant's server.
//!
//! Alipay signs `response` as a JSON string when it is encrypted, so the signed text is
//! `"` + response + `"`; a plaintext `response` (JSON text, starting with `{`) is signed as
//! it is (Alipay's 内容加密接入指引 and its Java sample, docs/rules.md §AES). Only `response`
//! is signed: `sign_type`, `encrypt_type` and `charset` come from the front end unsigned, so
//! the verifier's allowlist and keys decide, never them.

use super::response::decrypted_json;
use crate::charset::{Charset, printable_prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::response::read_members;
use crate::sign_type::SignType;
use crate::verifier::Verifier;
use base64::Engine as _;
use serde_json::Value;
use serde_json::value::RawValue;

/// Verified open data: the plaintext JSON of the envelope's `response`.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenData {
    content: String,
    value: Value,
    encrypted: bool,
    sign_type: SignType,
    key_index: usize,
    key_fingerprint: String,
}

impl OpenData {
    /// The plaintext JSON text, decrypted when the envelope was encrypted: for
    /// `my.getPhoneNumber`, `{"code":"10000","msg":"Success","mobile":"1xxxxxxxxxx"}`.
    pub fn content(&self) -> &str {
        &self.content
    }

    /// The plaintext, parsed.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The plaintext, parsed, taken out.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// Whether `response` was encrypted (and so was decrypted with the `aes_key` option).
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// The algorithm that verified: one of the verifier's, whatever the envelope's unsigned
    /// `sign_type` says.
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// Index of the configured key that verified.
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// Fingerprint of the key that verified (see [`crate::PublicKey::fingerprint`]).
    pub fn key_fingerprint(&self) -> &str {
        &self.key_fingerprint
    }

    /// The `code` of the plaintext: `10000` is success.
    pub fn code(&self) -> Option<&str> {
        self.value.get("code").and_then(Value::as_str)
    }
}

/// The envelope's members that matter.
struct Envelope {
    /// `response` as text: the string's value, or the raw text of an object.
    response: String,
    /// Whether `response` was a JSON string not starting with `{`: ciphertext.
    encrypted: bool,
    sign: String,
    charset: Charset,
}

impl Verifier {
    /// Verifies a mini-program open-data envelope (the `response` text `my.getPhoneNumber`
    /// gives the front end) and returns its plaintext: the signature first, over
    /// `"` + response + `"` when `response` is encrypted (over `response` when it is JSON), with
    /// the verifier's sign types and keys; then the decryption with the `aes_key` option.
    ///
    /// The envelope's `sign_type` and `encrypt_type` are not signed and not used: a front end
    /// cannot choose a weaker algorithm. Its `charset` (default UTF-8) only says how the text
    /// becomes the signed bytes, which must still verify. Errors: `MISSING_SIGNATURE` without a
    /// `sign`, `INVALID_SIGNATURE`, `DECRYPTION_FAILED` (content that does not decrypt with the
    /// `aes_key`), `INVALID_CONFIG` for encrypted content and no `aes_key`, `MALFORMED_INPUT`
    /// and `DUPLICATE_PARAMETER` for an envelope that is not one.
    pub fn verify_open_data(&self, envelope: impl AsRef<[u8]>) -> Result<OpenData> {
        let envelope = envelope.as_ref();
        self.check_raw_input(envelope.len(), "the open data", "open data envelopes")?;
        let envelope = Envelope::read(envelope)?;
        let signed = match envelope.encrypted {
            true => format!("\"{}\"", envelope.response),
            false => envelope.response.clone(),
        };
        let signed_bytes = envelope.charset.encode(&signed, "the response")?;
        let signature = base64::engine::general_purpose::STANDARD
            .decode(envelope.sign.trim().as_bytes())
            .map_err(|_| Error::new(ErrorKind::InvalidSignature, "sign is not valid base64"))?;
        let matched = self.match_raw_content(&signed_bytes, &signature, None);
        let Some((sign_type, key_index)) = matched else {
            return Err(self.open_data_not_verified(&envelope, &signed, &signature));
        };
        let (content, value) = if envelope.encrypted {
            let Some(key) = &self.decryption.aes else {
                return Err(Error::new(
                    ErrorKind::InvalidConfig,
                    "the open data is encrypted: configure the aes_key option with the app's AES \
                     key (接口内容加密密钥, in the Alipay console's 开发设置)",
                ));
            };
            let plaintext = key.decrypt_text(&envelope.response, envelope.charset)?;
            let value = decrypted_json(&plaintext)?;
            (plaintext, value)
        } else {
            let raw: Box<RawValue> = serde_json::from_str(&envelope.response).map_err(|_| {
                Error::new(
                    ErrorKind::MalformedInput,
                    "the open data's response starts with { but is not JSON",
                )
            })?;
            let value = crate::response::node::parse_node(&raw)?;
            (envelope.response, value)
        };
        Ok(OpenData {
            content,
            value,
            encrypted: envelope.encrypted,
            sign_type,
            key_index,
            key_fingerprint: self
                .public_keys()
                .nth(key_index)
                .map(|k| k.fingerprint().to_string())
                .unwrap_or_default(),
        })
    }

    /// Whether the envelope's signature covers its encrypted `response` without the quotes
    /// Alipay signs: a diagnosis asks this after the envelope failed to verify.
    pub(crate) fn open_data_signed_unquoted(&self, envelope: &[u8]) -> bool {
        let Ok(envelope) = Envelope::read(envelope) else {
            return false;
        };
        let signature = base64::engine::general_purpose::STANDARD.decode(envelope.sign.trim());
        match (envelope.encrypted, signature) {
            (true, Ok(signature)) => {
                self.signs_unquoted(&format!("\"{}\"", envelope.response), &signature, None)
            }
            _ => false,
        }
    }

    fn open_data_not_verified(&self, envelope: &Envelope, signed: &str, signature: &[u8]) -> Error {
        let quoted = envelope.response.len() >= 2
            && envelope.response.starts_with('"')
            && envelope.response.ends_with('"');
        if envelope.encrypted
            && !quoted
            && let Some(err) = self.unquoted_signature("open data", signed, signature, None)
        {
            return err;
        }
        let hint = if quoted {
            ": the response holds quotes of its own; pass the envelope as the front end received \
             it (res.response), not a JSON.stringify'd copy of its response"
        } else {
            ". Check that the key is Alipay's public key (支付宝公钥) of this mini program, and \
             that the envelope is passed unchanged"
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!("the open data's signature does not verify{hint}"),
        )
    }
}

impl Envelope {
    fn read(bytes: &[u8]) -> Result<Envelope> {
        let members = read_members(bytes).map_err(|e| {
            Error::new(
                e.kind(),
                "the open data is not a JSON object: pass the text the front end received \
                 (res.response of my.getPhoneNumber), unchanged",
            )
        })?;
        let mut seen = std::collections::HashSet::new();
        for (key, _) in &members {
            if !seen.insert(key.as_str()) {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "the open data has the member {:?} twice; which one was meant is \
                         ambiguous, so it is refused",
                        printable_prefix(key.as_bytes(), 64)
                    ),
                ));
            }
        }
        let member = |name: &str| members.iter().find(|(key, _)| key == name).map(|m| m.1);
        let text = |name: &str| -> Result<Option<String>> {
            member(name)
                .map(|raw| {
                    serde_json::from_str::<Option<String>>(raw.get()).map_err(|_| {
                        Error::new(
                            ErrorKind::MalformedInput,
                            format!("the open data's {name} is not a JSON string"),
                        )
                    })
                })
                .transpose()
                .map(Option::flatten)
        };
        let (response, encrypted) = match member("response") {
            None => {
                return Err(Error::new(
                    ErrorKind::MalformedInput,
                    "the open data has no response member: it is not an open-data envelope",
                ));
            }
            Some(raw) if raw.get().starts_with('{') => (raw.get().to_string(), false),
            Some(_) => {
                let response = text("response")?.unwrap_or_default();
                let encrypted = !response.starts_with('{');
                (response, encrypted)
            }
        };
        let sign = text("sign")?
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| Error::new(ErrorKind::MissingSignature, "the open data has no sign"))?;
        // Read for their shape only: unsigned, so never used.
        text("sign_type")?;
        text("encrypt_type")?;
        let charset = Charset::from_label(text("charset")?.unwrap_or_default().as_bytes())?;
        Ok(Envelope {
            response,
            encrypted,
            sign,
            charset,
        })
    }
}
