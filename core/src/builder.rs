//! The options of a [`Verifier`], set one by one; `build()` (in `verifier`) turns them into
//! one.

use crate::cert_check::CertCheck;
use crate::charset::Charset;
#[cfg(doc)]
use crate::error::ErrorKind;
use crate::sign_type::{Rule, SignType};

/// The default size limit for a message: 64 KiB, far above any real notification.
pub const DEFAULT_MAX_SIZE: usize = 64 * 1024;
/// The default minimum RSA key size. Alipay's keys are 2048-bit.
pub const DEFAULT_MIN_KEY_BITS: usize = 2048;
/// The most Alipay public keys (or certificates) one verifier takes. Each is tried on every
/// message that fails, so the keys bound the RSA operations one forged message costs (up to six
/// per key: docs/security.md, "Abuse limits"); a key rotation needs two.
pub const MAX_PUBLIC_KEYS: usize = 8;
/// The smallest key size that can be allowed, for legacy 1024-bit keys.
pub const LEGACY_MIN_KEY_BITS: usize = 1024;
/// The sign types accepted until [`VerifierBuilder::sign_types`] or
/// [`VerifierBuilder::add_sign_type`] says otherwise: `RSA2` only.
pub const DEFAULT_SIGN_TYPES: &[SignType] = &[SignType::Rsa2];

/// Configures a [`Verifier`](crate::Verifier).
#[derive(Clone)]
pub struct VerifierBuilder {
    pub(crate) public_keys: Vec<String>,
    /// `None` until sign types are given: then [`DEFAULT_SIGN_TYPES`].
    pub(crate) sign_types: Option<Vec<SignType>>,
    pub(crate) rule: Rule,
    pub(crate) app_id: Option<String>,
    pub(crate) seller_ids: Vec<String>,
    pub(crate) max_size: usize,
    pub(crate) min_key_bits: usize,
    pub(crate) md5_key: Option<String>,
    pub(crate) default_charset: Charset,
    pub(crate) cert_check: Option<CertCheck>,
    /// A time given by name before the roots (`set("check_certificates_at", …)`).
    pub(crate) cert_check_at: Option<i64>,
    pub(crate) embedded_pairs_allowed: Vec<String>,
    /// OpenAPI v3 responses: the oldest `alipay-timestamp` accepted, in seconds (`None`: off).
    pub(crate) max_response_age: Option<u64>,
    /// Decryption keys (`crate::aes`): the AES key and the app private key, as given.
    pub(crate) aes_key: Option<String>,
    pub(crate) app_private_key: Option<String>,
}

impl Default for VerifierBuilder {
    fn default() -> Self {
        VerifierBuilder {
            public_keys: Vec::new(),
            sign_types: None,
            rule: Rule::Auto,
            app_id: None,
            seller_ids: Vec::new(),
            max_size: DEFAULT_MAX_SIZE,
            min_key_bits: DEFAULT_MIN_KEY_BITS,
            md5_key: None,
            default_charset: Charset::Utf8,
            cert_check: None,
            cert_check_at: None,
            embedded_pairs_allowed: Vec::new(),
            max_response_age: None,
            aes_key: None,
            app_private_key: None,
        }
    }
}

impl std::fmt::Debug for VerifierBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifierBuilder")
            .field("public_keys", &self.public_keys.len())
            .field("sign_types", &self.requested_sign_types())
            .field("rule", &self.rule)
            .field("app_id", &self.app_id)
            .field("seller_ids", &self.seller_ids)
            .field("max_size", &self.max_size)
            .field("min_key_bits", &self.min_key_bits)
            .field("md5_key", &self.md5_key.as_ref().map(|_| "<redacted>"))
            .field("check_certificates", &self.cert_check.is_some())
            .field("allow_embedded_pairs", &self.embedded_pairs_allowed)
            .field("max_response_age", &self.max_response_age)
            .field("aes_key", &self.aes_key.as_ref().map(|_| "<redacted>"))
            .field(
                "app_private_key",
                &self.app_private_key.as_ref().map(|_| "<redacted>"),
            )
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

    /// The RSA sign types accepted, in the order they are tried (default: `RSA2` only). `MD5`
    /// is accepted exactly when an MD5 key is set, and is ignored here.
    pub fn sign_types(mut self, sign_types: impl IntoIterator<Item = SignType>) -> Self {
        self.sign_types = Some(sign_types.into_iter().collect());
        self
    }

    /// Adds one accepted sign type, for callers that receive them one at a time (the C API, a
    /// repeated command-line flag). The first one given, by this method or by
    /// [`VerifierBuilder::sign_types`], replaces the default: `add_sign_type(SignType::Rsa)`
    /// alone accepts `RSA` only, and `RSA2` too only once it is added as well. Adding a type
    /// twice changes nothing; `MD5` is ignored as by [`VerifierBuilder::sign_types`].
    pub fn add_sign_type(mut self, sign_type: SignType) -> Self {
        self.sign_types.get_or_insert_with(Vec::new).push(sign_type);
        self
    }

    /// The sign types given, or the default.
    pub(crate) fn requested_sign_types(&self) -> &[SignType] {
        self.sign_types.as_deref().unwrap_or(DEFAULT_SIGN_TYPES)
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
}

/// OpenAPI v3 (`/v3/` REST API) options.
impl VerifierBuilder {
    /// Refuses a signed v3 response whose `alipay-timestamp` is more than `seconds` from now,
    /// before or after, with [`ErrorKind::StaleResponse`]: a response replayed later, or a
    /// clock that is wrong. Off by default, as in Alipay's SDKs, which check no age; at least 1.
    /// Only [`Verifier::verify_v3`](crate::Verifier::verify_v3) reads it.
    pub fn max_response_age(mut self, seconds: u64) -> Self {
        self.max_response_age = Some(seconds);
        self
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

    /// [`VerifierBuilder::check_certificates_at`] with the time in seconds since 1970-01-01 UTC,
    /// the form every binding receives (C `int64_t`, PHP `int`, a Python or JavaScript number
    /// converted to whole seconds). Certificate validity has whole seconds, so nothing finer
    /// matters. A time before 1970 counts as 1970, when no certificate was valid yet: the check
    /// fails with [`ErrorKind::CertExpired`], as it does for any time outside the validity.
    pub fn check_certificates_at_unix(
        mut self,
        root_bundle_pem: impl Into<String>,
        unix_seconds: i64,
    ) -> Self {
        self.cert_check = Some(CertCheck::at_unix_seconds(
            root_bundle_pem.into(),
            unix_seconds,
        ));
        self
    }

    /// The roots of the certificate check, keeping a time set before them by name.
    pub(crate) fn check_certificate_roots(mut self, root_bundle_pem: String) -> Self {
        self.cert_check = Some(match self.cert_check_at {
            Some(seconds) => CertCheck::at_unix_seconds(root_bundle_pem, seconds),
            None => CertCheck::new(root_bundle_pem, None),
        });
        self
    }

    /// The time of the certificate check, with the roots given or to come.
    pub(crate) fn check_certificate_time(mut self, unix_seconds: i64) -> Self {
        self.cert_check_at = Some(unix_seconds);
        if let Some(check) = self.cert_check.take() {
            self.cert_check = Some(CertCheck::at_unix_seconds(check.roots, unix_seconds));
        }
        self
    }

    /// The time the certificates are checked at, when one was given (tests).
    #[cfg(test)]
    pub(crate) fn check_certificates_at_seconds(&self) -> Option<i64> {
        self.cert_check.as_ref().and_then(CertCheck::at_seconds)
    }
}

/// Decryption options (`encrypt_type=AES` content and 生活号 encrypted `biz_content`).
impl VerifierBuilder {
    /// The app's AES key (接口内容加密密钥), base64 as the Alipay console shows it: encrypted
    /// API responses are then decrypted after they verify, and
    /// [`crate::Verifier::verify_open_data`] decrypts encrypted open data. Parsed by `build`: a
    /// key that is not base64 of 16, 24 or 32 bytes is [`ErrorKind::InvalidKey`].
    pub fn aes_key(mut self, key: impl Into<String>) -> Self {
        self.aes_key = Some(key.into());
        self
    }

    /// The merchant's app private key (应用私钥, PKCS#8 or PKCS#1), to decrypt the `biz_content`
    /// of 生活号 messages that Alipay encrypted with the app public key, after they verify
    /// ([`crate::Notification::decrypted_biz_content`]). Parsed by `build`
    /// ([`ErrorKind::InvalidKey`]); never shown in errors or logs.
    pub fn app_private_key(mut self, key: impl Into<String>) -> Self {
        self.app_private_key = Some(key.into());
        self
    }
}
