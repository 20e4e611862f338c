//! Which key, sign type, rule and empty-value policy verify a form message's signature:
//! RSA2 and RSA against the configured keys, or the legacy MD5 key.

use crate::canonical::{Coverage, check_one_reading, content};
use crate::charset::Charset;
use crate::error::{Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::legacy::md5_matches;
use crate::sign_type::{EmptyValues, MatchedRule, Rule, SignType};
use crate::verifier::Verifier;
use base64::Engine as _;
use std::borrow::Cow;

/// What verified: the rule, the empty-value policy, the algorithm and the key's index.
type Matched = (MatchedRule, EmptyValues, SignType, Option<usize>);

/// Asked before a signed content is checked against the keys, with the content, the decoded
/// signature, the sign type and how many RSA checks it would cost; `false` skips it (as if it
/// did not verify). Diagnosis uses it to skip contents it already tried and to keep within its
/// budget.
pub(crate) type ContentGate<'a> = dyn FnMut(&[u8], &[u8], SignType, usize) -> bool + 'a;

/// What verified a message's signature, and the charset of its signed bytes.
pub(super) struct Verified {
    pub(super) charset: Charset,
    pub(super) rule: MatchedRule,
    pub(super) empty_values: EmptyValues,
    pub(super) sign_type: SignType,
    pub(super) key_index: Option<usize>,
}

impl Verifier {
    /// Checks the signature: which sign type, rule, empty-value policy and key verified.
    pub(super) fn match_signature(
        &self,
        params: &RawParams,
        gate: &mut ContentGate<'_>,
    ) -> Result<Verified> {
        let sign = params
            .get("sign")
            .filter(|s| !s.trim_ascii().is_empty())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::MissingSignature,
                    "the message has no sign parameter",
                )
            })?;
        let charset = match params.get("charset") {
            Some(label) if !label.trim_ascii().is_empty() => Charset::from_label(label)?,
            _ => self.config.default_charset,
        };
        let candidates = self.candidate_sign_types(params)?;
        let mut matched = None;
        for &sign_type in candidates {
            matched = match sign_type {
                SignType::Md5 => self.verify_md5(params, sign),
                _ => self.verify_rsa(params, sign, sign_type, charset, gate)?,
            };
            if matched.is_some() {
                break;
            }
        }
        let Some((rule, empty_values, sign_type, key_index)) = matched else {
            return Err(self.invalid_signature(candidates));
        };
        // Authentic bytes, but are these the parameters they were signed as?
        check_one_reading(
            params,
            Coverage::new(rule, empty_values, charset),
            &self.config.embedded_pairs_allowed,
        )?;
        Ok(Verified {
            charset,
            rule,
            empty_values,
            sign_type,
            key_index,
        })
    }

    fn candidate_sign_types(&self, params: &RawParams) -> Result<&[SignType]> {
        let declared = params
            .get("sign_type")
            .filter(|v| !v.trim_ascii().is_empty());
        let Some(declared) = declared else {
            return Ok(&self.allowed);
        };
        let allowed_list = || {
            self.allowed
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let declared_type = SignType::parse_message_value(declared);
        // The declared type as a slice of the allowed list: no list built per message.
        if let Some(at) = self.allowed.iter().position(|t| Some(*t) == declared_type) {
            return Ok(std::slice::from_ref(&self.allowed[at]));
        }
        match declared_type {
            Some(sign_type) => Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sign_type {sign_type} is not allowed by this verifier (allowed: {}); add it to sign_types only if your app really uses it",
                    allowed_list()
                ),
            )),
            None => Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sign_type {:?} is not supported (allowed: {})",
                    crate::charset::printable_prefix(declared, 16),
                    allowed_list()
                ),
            )),
        }
    }

    fn verify_rsa(
        &self,
        params: &RawParams,
        sign: &[u8],
        sign_type: SignType,
        charset: Charset,
        gate: &mut ContentGate<'_>,
    ) -> Result<Option<Matched>> {
        // A `+` that arrived unencoded in a query becomes a space; base64 never has spaces.
        let repaired: Cow<'_, [u8]> = if sign.contains(&b' ') {
            sign.iter()
                .map(|&b| if b == b' ' { b'+' } else { b })
                .collect()
        } else {
            Cow::Borrowed(sign)
        };
        let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(&repaired) else {
            return Err(Error::new(
                ErrorKind::InvalidSignature,
                "sign is not valid base64",
            ));
        };
        let has_sign_type = params.get("sign_type").is_some();
        let rules: &[MatchedRule] = match self.config.rule {
            Rule::V1 => &[MatchedRule::V1],
            Rule::V2 => &[MatchedRule::V2],
            Rule::Auto if has_sign_type => &[MatchedRule::V1, MatchedRule::V2],
            Rule::Auto => &[MatchedRule::V1],
            // Fixed-order WAP messages never reach the sorted rules.
            Rule::Wap => &[],
        };
        let checks = self
            .keys
            .iter()
            .filter(|k| k.for_type(sign_type).is_some())
            .count();
        // Contents already checked in vain: a blank sign_type makes v2's content with empty
        // values skipped the same bytes as v1's, which one more RSA operation cannot change.
        let mut failed: Vec<Vec<u8>> = Vec::new();
        for &rule in rules {
            let skipping = Coverage::new(rule, EmptyValues::Skipped, charset);
            let policies: &[EmptyValues] = if skipping.skips_blank_values(params) {
                &[EmptyValues::Skipped, EmptyValues::Kept]
            } else {
                &[EmptyValues::Skipped]
            };
            for &empty_values in policies {
                let content = content(params, Coverage::new(rule, empty_values, charset));
                if failed.contains(&content) || !gate(&content, &signature, sign_type, checks) {
                    continue;
                }
                for (index, key) in self.keys.iter().enumerate() {
                    let Some(verifying) = key.for_type(sign_type) else {
                        continue;
                    };
                    if verifying.verify(&content, &signature) {
                        return Ok(Some((rule, empty_values, sign_type, Some(index))));
                    }
                }
                failed.push(content);
            }
        }
        Ok(None)
    }

    fn verify_md5(&self, params: &RawParams, sign: &[u8]) -> Option<Matched> {
        let key = self.config.md5_key.as_deref()?;
        md5_matches(params, key, sign).then_some((
            MatchedRule::Md5,
            EmptyValues::Skipped,
            SignType::Md5,
            None,
        ))
    }

    fn invalid_signature(&self, tried: &[SignType]) -> Error {
        let types = tried
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join("/");
        let keys = match self.keys.len() {
            0 => String::new(),
            1 => " with the configured key".to_string(),
            n => format!(" with any of the {n} configured keys"),
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!(
                "the {types} signature does not verify{keys}. Check that the key is Alipay's public key \
                 (支付宝公钥), not your app's public key, and for the right app and environment \
                 (sandbox or production); and that the raw body reached the verifier unchanged \
                 (not a framework's re-encoded form)"
            ),
        )
    }
}
