//! The verifier: configured once with keys and policy, then shared across threads.

use crate::canonical::{Coverage, check_one_reading, content, is_parameter_name};
use crate::cert_check::CertCheck;
use crate::charset::Charset;
use crate::crypto::Verifying;
use crate::error::{Error, ErrorKind, Result};
use crate::input::{PairSpan, RawParams};
use crate::keys::PublicKey;
use crate::legacy::md5_matches;
use crate::notification::{MessageKind, Notification, Verification};
use crate::sign_type::{EmptyValues, MatchedRule, Rule, SignType};
use base64::Engine as _;
use std::borrow::Cow;

/// The default size limit for a message: 64 KiB, far above any real notification.
pub const DEFAULT_MAX_SIZE: usize = 64 * 1024;
/// The default minimum RSA key size. Alipay's keys are 2048-bit.
pub const DEFAULT_MIN_KEY_BITS: usize = 2048;
/// The smallest key size that can be allowed, for legacy 1024-bit keys.
pub const LEGACY_MIN_KEY_BITS: usize = 1024;

/// What verified: the rule, the empty-value policy, the algorithm and the key's index.
type Matched = (MatchedRule, EmptyValues, SignType, Option<usize>);

/// Asked before a signed content is checked against the keys, with the content, the decoded
/// signature, the sign type and how many RSA checks it would cost; `false` skips it (as if it
/// did not verify). Diagnosis uses it to skip contents it already tried and to keep within its
/// budget.
pub(crate) type ContentGate<'a> = dyn FnMut(&[u8], &[u8], SignType, usize) -> bool + 'a;

/// Configures a [`Verifier`].
#[derive(Clone)]
pub struct VerifierBuilder {
    public_keys: Vec<String>,
    sign_types: Vec<SignType>,
    rule: Rule,
    app_id: Option<String>,
    seller_ids: Vec<String>,
    max_size: usize,
    min_key_bits: usize,
    md5_key: Option<String>,
    default_charset: Charset,
    cert_check: Option<CertCheck>,
    embedded_pairs_allowed: Vec<String>,
}

impl Default for VerifierBuilder {
    fn default() -> Self {
        VerifierBuilder {
            public_keys: Vec::new(),
            sign_types: vec![SignType::Rsa2],
            rule: Rule::Auto,
            app_id: None,
            seller_ids: Vec::new(),
            max_size: DEFAULT_MAX_SIZE,
            min_key_bits: DEFAULT_MIN_KEY_BITS,
            md5_key: None,
            default_charset: Charset::Utf8,
            cert_check: None,
            embedded_pairs_allowed: Vec::new(),
        }
    }
}

impl std::fmt::Debug for VerifierBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifierBuilder")
            .field("public_keys", &self.public_keys.len())
            .field("sign_types", &self.sign_types)
            .field("rule", &self.rule)
            .field("app_id", &self.app_id)
            .field("seller_ids", &self.seller_ids)
            .field("max_size", &self.max_size)
            .field("min_key_bits", &self.min_key_bits)
            .field("md5_key", &self.md5_key.as_ref().map(|_| "<redacted>"))
            .field("check_certificates", &self.cert_check.is_some())
            .field("allow_embedded_pairs", &self.embedded_pairs_allowed)
            .finish()
    }
}

impl VerifierBuilder {
    /// Adds an Alipay public key (支付宝公钥) in any accepted shape. Add several during a key
    /// rotation: each is tried, and the result says which verified.
    pub fn public_key(mut self, key: impl Into<String>) -> Self {
        self.public_keys.push(key.into());
        self
    }

    /// Adds several Alipay public keys.
    pub fn public_keys<I, S>(mut self, keys: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.public_keys.extend(keys.into_iter().map(Into::into));
        self
    }

    /// The RSA sign types accepted (default: `RSA2` only). `MD5` is accepted exactly when an MD5
    /// key is set, and is ignored here.
    pub fn sign_types(mut self, sign_types: impl IntoIterator<Item = SignType>) -> Self {
        self.sign_types = sign_types.into_iter().collect();
        self
    }

    /// Which parameters the signature covers (default [`Rule::Auto`]).
    pub fn rule(mut self, rule: Rule) -> Self {
        self.rule = rule;
        self
    }

    /// Rejects messages for another `app_id`.
    pub fn app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// Accepts messages for this `seller_id` (call again for several); when none is set,
    /// `seller_id` is not checked.
    pub fn seller_id(mut self, seller_id: impl Into<String>) -> Self {
        self.seller_ids.push(seller_id.into());
        self
    }

    /// The size limit for a message in bytes (default 64 KiB).
    pub fn max_size(mut self, max_size: usize) -> Self {
        self.max_size = max_size;
        self
    }

    /// The minimum RSA key size (default 2048; 1024 admits legacy keys).
    pub fn min_key_bits(mut self, bits: usize) -> Self {
        self.min_key_bits = bits;
        self
    }

    /// The legacy mapi MD5 key (the partner's 安全校验码), to verify `sign_type=MD5` messages.
    pub fn md5_key(mut self, key: impl Into<String>) -> Self {
        self.md5_key = Some(key.into());
        self
    }

    /// The charset of messages that carry no `charset` parameter (default UTF-8). Legacy mapi
    /// merchants set it to their `input_charset`, which those messages do not repeat.
    pub fn default_charset(mut self, charset: Charset) -> Self {
        self.default_charset = charset;
        self
    }

    /// Lets the value of `field` hold text such as `&name=value` (call again for several
    /// fields). Off by default: such a value makes the signed text readable as other
    /// parameters, and a message holding one is [`ErrorKind::AmbiguousSignedContent`].
    ///
    /// Only for a field the merchant fills with unencoded query text of its own (Alipay asks
    /// for `passback_params` to be URL-encoded; encoding it is the better fix). Allowing a
    /// field re-opens the re-split forgery through it: whoever holds one genuine message can
    /// move the fields that sort after it into its value, so that they are absent from the
    /// result, and turn `&name=` text that a genuine value holds into fields. Never rely on a
    /// field being absent, and check the amounts against your order, for a merchant who sets
    /// this.
    pub fn allow_embedded_pairs(mut self, field: impl Into<String>) -> Self {
        self.embedded_pairs_allowed.push(field.into());
        self
    }

    /// The fields allowed to hold `&name=`, for diagnosis.
    pub(crate) fn embedded_pairs_allowed(&self) -> &[String] {
        &self.embedded_pairs_allowed
    }

    /// The configured `app_id`, for diagnosis.
    pub(crate) fn configured_app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }

    /// Parses the keys and checks the options.
    pub fn build(self) -> Result<Verifier> {
        let config = |message: &str| Error::new(ErrorKind::InvalidConfig, message);
        if self.max_size == 0 {
            return Err(config("max_size must be at least 1 byte"));
        }
        if self.min_key_bits < LEGACY_MIN_KEY_BITS {
            return Err(config("min_key_bits must be at least 1024"));
        }
        if matches!(&self.md5_key, Some(key) if key.is_empty()) {
            return Err(config("the MD5 key is empty"));
        }
        if let Some(field) = self
            .embedded_pairs_allowed
            .iter()
            .find(|field| !is_parameter_name(field.as_bytes()))
        {
            return Err(config(&format!(
                "allow_embedded_pairs: {:?} is not a parameter name (ASCII letters, digits, _)",
                crate::charset::printable_prefix(field.as_bytes(), 40)
            )));
        }
        let mut rsa_types: Vec<SignType> = Vec::new();
        for sign_type in self
            .sign_types
            .iter()
            .copied()
            .filter(|t| *t != SignType::Md5)
        {
            if !rsa_types.contains(&sign_type) {
                rsa_types.push(sign_type);
            }
        }
        if self.public_keys.is_empty() && self.md5_key.is_none() {
            return Err(config(
                "no key configured: give Alipay's public key (支付宝公钥), or an MD5 key for legacy mapi",
            ));
        }
        if !self.public_keys.is_empty() && rsa_types.is_empty() {
            return Err(config(
                "public keys are configured but no RSA sign type is allowed",
            ));
        }
        let numbered = self.public_keys.len() > 1;
        let mut keys = Vec::with_capacity(self.public_keys.len());
        for (index, text) in self.public_keys.iter().enumerate() {
            let what = if numbered {
                format!("key {}", index + 1)
            } else {
                "the key".into()
            };
            let public = PublicKey::parse(text, &what)?;
            if public.bits() < self.min_key_bits {
                return Err(Error::new(
                    ErrorKind::WeakKey,
                    format!(
                        "{what} has {} bits, under the minimum of {}; allow legacy keys with min_key_bits 1024",
                        public.bits(),
                        self.min_key_bits
                    ),
                ));
            }
            let rsa2 = rsa_types
                .contains(&SignType::Rsa2)
                .then(|| Verifying::new(&public, SignType::Rsa2))
                .transpose()?;
            let rsa = rsa_types
                .contains(&SignType::Rsa)
                .then(|| Verifying::new(&public, SignType::Rsa))
                .transpose()?;
            keys.push(KeyEntry { public, rsa2, rsa });
        }
        if let Some(check) = &self.cert_check {
            check.check_all(&self.public_keys, |index| match numbered {
                true => format!("key {}", index + 1),
                false => "the key".into(),
            })?;
        }
        let mut allowed = if keys.is_empty() {
            Vec::new()
        } else {
            rsa_types
        };
        if self.md5_key.is_some() {
            allowed.push(SignType::Md5);
        }
        Ok(Verifier {
            keys,
            allowed,
            rule: self.rule,
            app_id: self.app_id,
            seller_ids: self.seller_ids,
            max_size: self.max_size,
            md5_key: self.md5_key,
            default_charset: self.default_charset,
            embedded_pairs_allowed: self.embedded_pairs_allowed,
        })
    }
}

struct KeyEntry {
    public: PublicKey,
    rsa2: Option<Verifying>,
    rsa: Option<Verifying>,
}

impl KeyEntry {
    fn for_type(&self, sign_type: SignType) -> Option<&Verifying> {
        match sign_type {
            SignType::Rsa2 => self.rsa2.as_ref(),
            SignType::Rsa => self.rsa.as_ref(),
            SignType::Md5 => None,
        }
    }
}

/// Verifies Alipay notifications and return_url queries. Build it once at startup and share it:
/// it is immutable, `Send` and `Sync`.
pub struct Verifier {
    keys: Vec<KeyEntry>,
    allowed: Vec<SignType>,
    rule: Rule,
    app_id: Option<String>,
    seller_ids: Vec<String>,
    max_size: usize,
    md5_key: Option<String>,
    default_charset: Charset,
    embedded_pairs_allowed: Vec<String>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "keys",
                &self.keys.iter().map(|k| &k.public).collect::<Vec<_>>(),
            )
            .field("allowed", &self.allowed)
            .field("rule", &self.rule)
            .field("app_id", &self.app_id)
            .field("seller_ids", &self.seller_ids)
            .field("max_size", &self.max_size)
            .field("md5_key", &self.md5_key.as_ref().map(|_| "<redacted>"))
            .field("allow_embedded_pairs", &self.embedded_pairs_allowed)
            .finish()
    }
}

impl Verifier {
    /// Starts configuring a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// A verifier with one Alipay public key and the defaults (RSA2, rule auto).
    pub fn new(alipay_public_key: &str) -> Result<Verifier> {
        Verifier::builder().public_key(alipay_public_key).build()
    }

    /// Verifies a notify_url POST from its raw body (`application/x-www-form-urlencoded`).
    pub fn verify_notify(&self, body: impl AsRef<[u8]>) -> Result<Notification> {
        let params = RawParams::from_form(body.as_ref(), self.max_size)?;
        self.verify_owned(params, MessageKind::Notify)
    }

    /// Verifies a return_url redirect from its raw query string (with or without `?`) or URL.
    pub fn verify_return(&self, query: impl AsRef<[u8]>) -> Result<Notification> {
        let params = RawParams::from_query(query.as_ref(), self.max_size)?;
        self.verify_owned(params, MessageKind::Return)
    }

    /// Verifies parameters a framework already parsed. They are signed as their UTF-8 bytes,
    /// so a message with another `charset` is refused: pass the raw body for those.
    pub fn verify_pairs<K: AsRef<str>, V: AsRef<str>>(
        &self,
        pairs: &[(K, V)],
        kind: MessageKind,
    ) -> Result<Notification> {
        let params = RawParams::from_pairs(pairs, self.max_size)?;
        let charset = Charset::from_label(params.get("charset").unwrap_or_default())?;
        if charset != Charset::Utf8 {
            return Err(Error::new(
                ErrorKind::UnsupportedCharset,
                format!(
                    "the message is signed in {}, but parsed parameters are UTF-8 text: verify the raw body instead",
                    charset.label()
                ),
            ));
        }
        self.verify_owned(params, kind)
    }

    /// True when the signature is valid (and the business checks pass); false only for the
    /// signature failures [`ErrorKind::InvalidSignature`] and
    /// [`ErrorKind::AmbiguousSignedContent`] (genuine bytes read as other parameters). Every
    /// other error is still returned.
    pub fn is_valid_notify(&self, body: impl AsRef<[u8]>) -> Result<bool> {
        match self.verify_notify(body) {
            Ok(_) => Ok(true),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::InvalidSignature | ErrorKind::AmbiguousSignedContent
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// The sign types this verifier accepts, in the order they are tried.
    pub fn allowed_sign_types(&self) -> &[SignType] {
        &self.allowed
    }

    /// The configured public keys.
    pub fn public_keys(&self) -> impl Iterator<Item = &PublicKey> {
        self.keys.iter().map(|k| &k.public)
    }

    /// Verifies already-read parameters.
    pub fn verify_params(&self, params: &RawParams, kind: MessageKind) -> Result<Notification> {
        self.verify_params_gated(params, kind, &mut |_, _, _, _| true)
    }

    /// [`Verifier::verify_params`], asking `gate` before each signed content is checked.
    pub(crate) fn verify_params_gated(
        &self,
        params: &RawParams,
        kind: MessageKind,
        gate: &mut ContentGate<'_>,
    ) -> Result<Notification> {
        let verified = self.match_signature(params, gate)?;
        self.notification(
            Cow::Borrowed(params.bytes()),
            params.spans(),
            verified,
            kind,
        )
    }

    /// [`Verifier::verify_params`] on parameters this verifier read itself: their bytes move
    /// into the result instead of being copied.
    fn verify_owned(&self, params: RawParams, kind: MessageKind) -> Result<Notification> {
        let verified = self.match_signature(&params, &mut |_, _, _, _| true)?;
        let (bytes, spans) = params.into_parts();
        self.notification(Cow::Owned(bytes), &spans, verified, kind)
    }

    /// Checks the signature: which sign type, rule, empty-value policy and key verified.
    fn match_signature(&self, params: &RawParams, gate: &mut ContentGate<'_>) -> Result<Verified> {
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
            _ => self.default_charset,
        };
        let candidates = self.candidate_sign_types(params)?;
        let mut matched = None;
        for &sign_type in &candidates {
            matched = match sign_type {
                SignType::Md5 => self.verify_md5(params, sign),
                _ => self.verify_rsa(params, sign, sign_type, charset, gate)?,
            };
            if matched.is_some() {
                break;
            }
        }
        let Some((rule, empty_values, sign_type, key_index)) = matched else {
            return Err(self.invalid_signature(&candidates));
        };
        // Authentic bytes, but are these the parameters they were signed as?
        check_one_reading(
            params,
            Coverage::new(rule, empty_values, charset),
            &self.embedded_pairs_allowed,
        )?;
        Ok(Verified {
            charset,
            rule,
            empty_values,
            sign_type,
            key_index,
        })
    }

    /// The verified notification: the signed parameters as text, in message order, then the
    /// business checks.
    fn notification(
        &self,
        bytes: Cow<'_, [u8]>,
        spans: &[PairSpan],
        verified: Verified,
        kind: MessageKind,
    ) -> Result<Notification> {
        let Verified {
            charset,
            rule,
            empty_values,
            sign_type,
            key_index,
        } = verified;
        let verification = Verification {
            kind,
            rule,
            empty_values,
            sign_type,
            charset,
            key_index,
            key_fingerprint: key_index.map(|i| self.keys[i].public.fingerprint().to_string()),
        };
        let coverage = Coverage::new(rule, empty_values, charset);
        let signed = |name: &[u8], value: &[u8]| coverage.covers(name, value);
        let notification = Notification::from_signed(bytes, spans, signed, charset, verification)?;
        self.check_business(&notification)?;
        Ok(notification)
    }

    fn candidate_sign_types(&self, params: &RawParams) -> Result<Vec<SignType>> {
        let declared = params
            .get("sign_type")
            .filter(|v| !v.trim_ascii().is_empty());
        let Some(declared) = declared else {
            return Ok(self.allowed.clone());
        };
        let allowed_list = || {
            self.allowed
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match SignType::parse_message_value(declared) {
            Some(sign_type) if self.allowed.contains(&sign_type) => Ok(vec![sign_type]),
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
        let repaired: Vec<u8> = sign
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        let Ok(signature) = base64::engine::general_purpose::STANDARD.decode(&repaired) else {
            return Err(Error::new(
                ErrorKind::InvalidSignature,
                "sign is not valid base64",
            ));
        };
        let has_sign_type = params.get("sign_type").is_some();
        let rules: &[MatchedRule] = match self.rule {
            Rule::V1 => &[MatchedRule::V1],
            Rule::V2 => &[MatchedRule::V2],
            Rule::Auto if has_sign_type => &[MatchedRule::V1, MatchedRule::V2],
            Rule::Auto => &[MatchedRule::V1],
        };
        let checks = self
            .keys
            .iter()
            .filter(|k| k.for_type(sign_type).is_some())
            .count();
        for &rule in rules {
            let skipping = Coverage::new(rule, EmptyValues::Skipped, charset);
            let policies: &[EmptyValues] = if skipping.skips_blank_values(params) {
                &[EmptyValues::Skipped, EmptyValues::Kept]
            } else {
                &[EmptyValues::Skipped]
            };
            for &empty_values in policies {
                let content = content(params, Coverage::new(rule, empty_values, charset));
                if !gate(&content, &signature, sign_type, checks) {
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
            }
        }
        Ok(None)
    }

    fn verify_md5(&self, params: &RawParams, sign: &[u8]) -> Option<Matched> {
        let key = self.md5_key.as_deref()?;
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

    fn check_business(&self, notification: &Notification) -> Result<()> {
        if let Some(expected) = &self.app_id
            && notification.app_id() != Some(expected.as_str())
        {
            return Err(Error::new(
                ErrorKind::AppIdMismatch,
                match notification.app_id() {
                    Some(_) => "the message is for another app_id than the configured one",
                    None => "the message has no signed app_id, but an app_id is configured",
                },
            ));
        }
        if !self.seller_ids.is_empty() {
            let actual = notification.seller_id();
            if !actual.is_some_and(|id| self.seller_ids.iter().any(|s| s == id)) {
                return Err(Error::new(
                    ErrorKind::SellerIdMismatch,
                    match actual {
                        Some(_) => "the message is for a seller_id that is not configured",
                        None => {
                            "the message has no signed seller_id, but seller ids are configured"
                        }
                    },
                ));
            }
        }
        Ok(())
    }
}

/// What verified a message's signature, and the charset of its signed bytes.
struct Verified {
    charset: Charset,
    rule: MatchedRule,
    empty_values: EmptyValues,
    sign_type: SignType,
    key_index: Option<usize>,
}

/// Building blocks for signed content that is not a form message (API responses).
impl Verifier {
    /// The index of the first key, among `candidates` (every key when `None`), whose
    /// `sign_type` signature over `content` is `signature`.
    pub(crate) fn verify_raw_content(
        &self,
        content: &[u8],
        signature: &[u8],
        sign_type: SignType,
        candidates: Option<&[usize]>,
    ) -> Option<usize> {
        self.keys.iter().enumerate().find_map(|(index, key)| {
            let wanted = candidates.is_none_or(|c| c.contains(&index));
            let verifying = key.for_type(sign_type)?;
            (wanted && verifying.verify(content, signature)).then_some(index)
        })
    }
}

/// Certificate mode (公钥证书模式) options.
impl VerifierBuilder {
    /// Checks, when building, that each configured Alipay certificate is inside its validity
    /// period and chains to `root_bundle_pem` (Alipay's `alipayRootCert.crt`). Off by default;
    /// failures are [`ErrorKind::CertExpired`] and [`ErrorKind::CertUntrusted`].
    pub fn check_certificates(mut self, root_bundle_pem: impl Into<String>) -> Self {
        self.cert_check = Some(CertCheck::new(root_bundle_pem.into(), None));
        self
    }

    /// [`VerifierBuilder::check_certificates`] at a given time instead of now (for tests and
    /// for checking ahead of an expiry).
    pub fn check_certificates_at(
        mut self,
        root_bundle_pem: impl Into<String>,
        at: std::time::SystemTime,
    ) -> Self {
        self.cert_check = Some(CertCheck::new(root_bundle_pem.into(), Some(at)));
        self
    }
}

/// Limits shared with the other message kinds (API responses).
impl Verifier {
    /// The size limit for a message in bytes (see [`VerifierBuilder::max_size`]). Bindings that
    /// read a request body themselves stop reading there.
    pub fn max_size(&self) -> usize {
        self.max_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn verifier_is_shareable_across_threads() {
        assert_send_sync::<Verifier>();
    }

    #[test]
    fn rejects_bad_configuration() {
        let err = Verifier::builder().build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder().md5_key("").build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .md5_key("k")
            .max_size(0)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .md5_key("k")
            .min_key_bits(512)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .public_key("x")
            .sign_types([])
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    }

    #[test]
    fn debug_output_redacts_the_md5_key() {
        let verifier = Verifier::builder()
            .md5_key("s3cr3t-partner-key")
            .build()
            .unwrap();
        let text = format!("{verifier:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert_eq!(verifier.allowed_sign_types(), [SignType::Md5]);
    }

    #[test]
    fn max_size_reports_the_configured_limit() {
        let verifier = Verifier::builder().md5_key("k").build().unwrap();
        assert_eq!(verifier.max_size(), DEFAULT_MAX_SIZE);
        let verifier = Verifier::builder()
            .md5_key("k")
            .max_size(100)
            .build()
            .unwrap();
        assert_eq!(verifier.max_size(), 100);
    }
}
