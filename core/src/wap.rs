//! Legacy WAP notifications (手机网页即时到账, `alipay.wap.trade.create.direct`): four
//! parameters signed in a fixed order, `service=…&v=…&sec_id=…&notify_data=…`, not sorted;
//! `sec_id` names the algorithm (`0001` RSA, `MD5`), and the trade fields are the children of
//! the XML in `notify_data`. The verified notification holds the four signed parameters, then
//! each trade field, so the usual accessors read them.

use crate::canonical::embedded_pair;
use crate::charset::{Charset, printable_prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::legacy::md5_hex_matches;
use crate::notify::{MessageKind, Notification, Verification};
use crate::sign_type::{EmptyValues, MatchedRule, Rule, SignType};
use crate::verifier::Verifier;
use base64::Engine as _;

mod notify_data;

pub(crate) use notify_data::trade_fields;

/// The signed parameters, in the order they are signed.
pub const WAP_SIGNED_ORDER: [&str; 4] = ["service", "v", "sec_id", "notify_data"];

/// True when `params` has the four parameters of a legacy WAP notification, each non-empty:
/// how rule `auto` recognises one. No other family sends `sec_id` and `notify_data`.
pub fn is_wap_message(params: &RawParams) -> bool {
    WAP_SIGNED_ORDER
        .iter()
        .all(|name| params.get(name).is_some_and(|v| !v.is_empty()))
}

/// The content a legacy WAP notification is signed over: the four parameters in their fixed
/// order, values verbatim. `None` when one is missing or empty.
pub fn wap_sign_content(params: &RawParams) -> Option<Vec<u8>> {
    if !is_wap_message(params) {
        return None;
    }
    let mut content = Vec::new();
    for (i, name) in WAP_SIGNED_ORDER.iter().enumerate() {
        if i > 0 {
            content.push(b'&');
        }
        content.extend_from_slice(name.as_bytes());
        content.push(b'=');
        content.extend_from_slice(params.get(name).unwrap_or_default());
    }
    Some(content)
}

/// The algorithm `sec_id` names: `0001` is RSA (SHA1withRSA), `MD5` (any case) the partner key.
pub(crate) fn sec_id_sign_type(sec_id: &[u8]) -> Option<SignType> {
    match sec_id.trim_ascii() {
        b"0001" => Some(SignType::Rsa),
        other if other.eq_ignore_ascii_case(b"MD5") => Some(SignType::Md5),
        _ => None,
    }
}

/// Asked before the content is checked, as for form messages (diagnosis keeps its budget).
pub(crate) type WapGate<'a> = dyn FnMut(&[u8], &[u8], SignType, usize) -> bool + 'a;

impl Verifier {
    /// Whether this verifier reads `params` as a legacy WAP notification: always under rule
    /// `wap`, by its parameter set under `auto`, never under `v1` or `v2`.
    pub(crate) fn reads_as_wap(&self, params: &RawParams) -> bool {
        match self.config.rule {
            Rule::Wap => true,
            Rule::Auto => is_wap_message(params),
            Rule::V1 | Rule::V2 => false,
        }
    }

    /// Verifies a legacy WAP notification: the signature over the fixed-order content, then
    /// the trade fields read from `notify_data`, then the business checks.
    pub(crate) fn verify_wap(
        &self,
        params: &RawParams,
        kind: MessageKind,
        gate: &mut WapGate<'_>,
    ) -> Result<Notification> {
        let Some(content) = wap_sign_content(params) else {
            return Err(Error::new(
                ErrorKind::MalformedInput,
                "rule wap: a legacy WAP notification has service, v, sec_id and notify_data, each non-empty",
            ));
        };
        let sign = params
            .get("sign")
            .filter(|s| !s.trim_ascii().is_empty())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::MissingSignature,
                    "the message has no sign parameter",
                )
            })?;
        let sign_type = self.wap_sign_type(params.get("sec_id").unwrap_or_default())?;
        let charset = match params.get("charset") {
            Some(label) if !label.trim_ascii().is_empty() => Charset::from_label(label)?,
            _ => self.config.default_charset,
        };
        let notify_data = params.get("notify_data").unwrap_or_default();
        refuse_encrypted(notify_data)?;
        let key_index = match sign_type {
            SignType::Md5 => {
                let key = self.config.md5_key.as_deref().unwrap_or_default();
                if !md5_hex_matches(&content, key.as_bytes(), sign) {
                    return Err(self.wap_invalid(sign_type));
                }
                None
            }
            _ => Some(self.verify_wap_rsa(&content, sign, sign_type, gate)?),
        };
        self.check_wap_reading(params)?;
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(24);
        for name in WAP_SIGNED_ORDER {
            let value = params.get(name).unwrap_or_default();
            pairs.push((
                name.to_string(),
                charset.decode(value, &format!("the value of {name}"))?,
            ));
        }
        let fields = trade_fields(&pairs[3].1)?;
        for (name, value) in fields {
            if pairs.iter().any(|(n, _)| *n == name) {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "notify_data holds the field {:?} more than once",
                        printable_prefix(name.as_bytes(), 40)
                    ),
                ));
            }
            pairs.push((name, value));
        }
        let verification = Verification {
            kind,
            rule: MatchedRule::Wap,
            empty_values: EmptyValues::Skipped,
            sign_type,
            charset,
            key_index,
            key_fingerprint: key_index.map(|i| self.keys[i].public.fingerprint().to_string()),
        };
        let notification = Notification::from_text_pairs(pairs, verification);
        self.check_business(&notification)?;
        Ok(notification)
    }

    /// The sign type `sec_id` names, if the verifier allows it.
    fn wap_sign_type(&self, sec_id: &[u8]) -> Result<SignType> {
        let Some(sign_type) = sec_id_sign_type(sec_id) else {
            return Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sec_id {:?} is not supported: legacy WAP notifications use 0001 (RSA) or MD5",
                    printable_prefix(sec_id, 16)
                ),
            ));
        };
        if !self.allowed.contains(&sign_type) {
            let how = match sign_type {
                SignType::Md5 => "set md5_key (the partner's key) to verify it",
                _ => {
                    "add RSA to sign_types, and set min_key_bits 1024 for Alipay's 1024-bit WAP key"
                }
            };
            return Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sec_id {} means sign type {sign_type}, which this verifier does not allow: {how}",
                    String::from_utf8_lossy(sec_id.trim_ascii())
                ),
            ));
        }
        Ok(sign_type)
    }

    fn verify_wap_rsa(
        &self,
        content: &[u8],
        sign: &[u8],
        sign_type: SignType,
        gate: &mut WapGate<'_>,
    ) -> Result<usize> {
        // A `+` that arrived unencoded becomes a space; base64 never has spaces.
        let repaired: Vec<u8> = sign
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        let signature = base64::engine::general_purpose::STANDARD
            .decode(&repaired)
            .map_err(|_| Error::new(ErrorKind::InvalidSignature, "sign is not valid base64"))?;
        let checks = self
            .keys
            .iter()
            .filter(|k| k.for_type(sign_type).is_some())
            .count();
        if !gate(content, &signature, sign_type, checks) {
            return Err(self.wap_invalid(sign_type));
        }
        self.verify_raw_content(content, &signature, sign_type, None)
            .ok_or_else(|| self.wap_invalid(sign_type))
    }

    /// The one-reading rule for the fixed order: no signed value holds `&name=`, else the
    /// content also reads as other values (a `sec_id` that swallowed `&notify_data=…`).
    fn check_wap_reading(&self, params: &RawParams) -> Result<()> {
        for name in WAP_SIGNED_ORDER {
            if self.config.embedded_pairs_allowed.iter().any(|f| f == name) {
                continue;
            }
            let value = params.get(name).unwrap_or_default();
            if let Some(embedded) = embedded_pair(value) {
                return Err(Error::new(
                    ErrorKind::AmbiguousSignedContent,
                    format!(
                        "the value of {name} holds \"&{}=\", so the fixed-order signed text also reads as other parameters",
                        printable_prefix(embedded, 40)
                    ),
                ));
            }
        }
        Ok(())
    }

    fn wap_invalid(&self, sign_type: SignType) -> Error {
        let key = match sign_type {
            SignType::Md5 => "the configured MD5 key (the partner's 安全校验码)",
            _ => "the configured keys (Alipay's WAP public key, usually 1024-bit RSA)",
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!(
                "the legacy WAP {sign_type} signature over service, v, sec_id, notify_data (in that fixed order) does not verify with {key}"
            ),
        )
    }
}

/// `notify_data` that is not XML: with `sec_id=0001` Alipay can encrypt it with the
/// merchant's public key, and it signs the plaintext, so it cannot be verified as received.
fn refuse_encrypted(notify_data: &[u8]) -> Result<()> {
    if notify_data.trim_ascii_start().starts_with(b"<") {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::MalformedInput,
        "notify_data is not XML: an RSA-encrypted notify_data (sec_id 0001 with encryption) is not supported; Alipay signs the decrypted XML, so decrypt it with your private key first and verify the decrypted message, or turn encryption off for the interface",
    ))
}

#[cfg(test)]
mod tests;
