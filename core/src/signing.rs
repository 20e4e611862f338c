//! Signing: the verification rules in reverse, for tests, simulators and merchants who build
//! signed request URLs.

use crate::canonical::sign_content;
use crate::charset::Charset;
use crate::crypto;
use crate::error::{Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::keys::PrivateKey;
use crate::legacy::md5_sign;
use crate::sign_type::{EmptyValues, MatchedRule, Rule, SignType};
use base64::Engine as _;

/// Signs parameter sets with a private key (RSA2, RSA or SM2) or a legacy MD5 key.
#[derive(Clone, Debug)]
pub struct Signer {
    key: SigningKey,
    sign_type: SignType,
    rule: MatchedRule,
}

#[derive(Clone)]
enum SigningKey {
    Private(Box<PrivateKey>),
    Md5(String),
}

/// What a signer is made from, as named options (bindings that take an options object or
/// flags): exactly one of `private_key` and `md5_key`; any option left `None` takes its default
/// ([`Signer::DEFAULT_SIGN_TYPE`], [`Signer::DEFAULT_RULE`]).
#[derive(Clone, Default)]
pub struct SignerOptions {
    /// The private key (PEM or bare base64): RSA (PKCS#8 or PKCS#1) for RSA2 or RSA, SM2
    /// (PKCS#8) for SM2.
    pub private_key: Option<String>,
    /// The legacy mapi MD5 key (the partner's 安全校验码), instead of a private key.
    pub md5_key: Option<String>,
    /// The sign type; with `md5_key` it may only be MD5.
    pub sign_type: Option<SignType>,
    /// Whether `sign_type` is signed: [`Rule::V1`] (not signed, as in notifications) or
    /// [`Rule::V2`] (app-gateway messages); [`Rule::Auto`] means V1 here. Unused by MD5.
    pub rule: Option<Rule>,
}

impl std::fmt::Debug for SignerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |key: &Option<String>| key.as_ref().map(|_| "<redacted>");
        f.debug_struct("SignerOptions")
            .field("private_key", &redacted(&self.private_key))
            .field("md5_key", &redacted(&self.md5_key))
            .field("sign_type", &self.sign_type)
            .field("rule", &self.rule)
            .finish()
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SigningKey::Private(key) => key.fmt(f),
            SigningKey::Md5(_) => f.write_str("Md5(<redacted>)"),
        }
    }
}

impl Signer {
    /// The sign type of [`Signer::new`] and of options that name none: `RSA2`, Alipay's
    /// current default.
    pub const DEFAULT_SIGN_TYPE: SignType = SignType::Rsa2;

    /// The rule of [`Signer::new`] and of options that name none: [`Rule::V1`], `sign_type`
    /// not signed, as in notifications and return_url queries.
    pub const DEFAULT_RULE: Rule = Rule::V1;

    /// An RSA2 signer with rule V1 ([`Signer::DEFAULT_SIGN_TYPE`], [`Signer::DEFAULT_RULE`])
    /// from a PKCS#8 or PKCS#1 private key (PEM or bare base64): what signs a notification.
    pub fn new(private_key: &str) -> Result<Signer> {
        Signer::rsa(private_key, Signer::DEFAULT_SIGN_TYPE, Signer::DEFAULT_RULE)
    }

    /// A signer for `sign_type`, whose key `key` is: the private key for RSA2 and RSA
    /// ([`Signer::rsa`]) and for SM2 ([`Signer::sm2`]), the partner's MD5 key for MD5
    /// ([`Signer::md5`], `rule` unused). For bindings whose one key argument takes either.
    pub fn with_key(key: &str, sign_type: SignType, rule: Rule) -> Result<Signer> {
        match sign_type {
            SignType::Md5 => Signer::md5(key),
            _ => Signer::with_private_key(key, sign_type, rule),
        }
    }

    /// A signer from named options; see [`SignerOptions`] for what they must hold.
    pub fn from_options(options: &SignerOptions) -> Result<Signer> {
        let config = |message: &str| Error::new(ErrorKind::InvalidConfig, message);
        let rule = options.rule.unwrap_or(Signer::DEFAULT_RULE);
        match (&options.private_key, &options.md5_key, options.sign_type) {
            (Some(_), Some(_), _) | (None, None, _) => Err(config(
                "give exactly one of private_key (RSA2, RSA, SM2) and md5_key (MD5)",
            )),
            (Some(_), None, Some(SignType::Md5)) => Err(config(
                "sign type MD5 signs with md5_key, not with a private key",
            )),
            (Some(key), None, sign_type) => {
                Signer::with_private_key(key, sign_type.unwrap_or(Signer::DEFAULT_SIGN_TYPE), rule)
            }
            (None, Some(key), None | Some(SignType::Md5)) => Signer::md5(key),
            (None, Some(_), Some(sign_type)) => Err(config(&format!(
                "md5_key signs MD5 only, not {sign_type}: give private_key for {sign_type}"
            ))),
        }
    }

    /// An RSA signer from a PKCS#8 or PKCS#1 private key (PEM or bare base64). `rule` decides
    /// whether `sign_type` is signed: [`Rule::V1`] (notifications; also what [`Rule::Auto`]
    /// means here) or [`Rule::V2`] (app-gateway messages).
    pub fn rsa(private_key: &str, sign_type: SignType, rule: Rule) -> Result<Signer> {
        match sign_type {
            SignType::Md5 => Err(Error::new(
                ErrorKind::InvalidConfig,
                "use Signer::md5 for MD5 signatures",
            )),
            SignType::Sm2 => Err(Error::new(
                ErrorKind::InvalidConfig,
                "use Signer::sm2 for SM2 signatures",
            )),
            _ => Signer::with_private_key(private_key, sign_type, rule),
        }
    }

    /// An SM2 (国密) signer from a PKCS#8 SM2 private key (PEM or bare base64): SM3withSM2 with
    /// the user id `1234567812345678`, DER signatures, as Alipay's SDKs sign. Signatures are
    /// randomized, so signing twice gives two different valid signatures. `rule` as for
    /// [`Signer::rsa`]. Needs the `sm2` feature: without it, [`ErrorKind::InvalidConfig`].
    pub fn sm2(private_key: &str, rule: Rule) -> Result<Signer> {
        Signer::with_private_key(private_key, SignType::Sm2, rule)
    }

    /// An RSA or SM2 signer, once the key is known to serve `sign_type`.
    fn with_private_key(private_key: &str, sign_type: SignType, rule: Rule) -> Result<Signer> {
        if sign_type == SignType::Sm2 && !cfg!(feature = "sm2") {
            return Err(crate::sm2::unsupported(
                ErrorKind::InvalidConfig,
                "sign type SM2",
            ));
        }
        if rule == Rule::Wap {
            return Err(Error::new(
                ErrorKind::InvalidConfig,
                "the signer signs sorted messages (rule v1 or v2); wap is a rule for verifying legacy WAP notifications",
            ));
        }
        let key = PrivateKey::parse(private_key)?;
        let serves = match sign_type {
            SignType::Sm2 => key.algorithm() == "SM2",
            _ => key.algorithm() == "RSA",
        };
        if !serves {
            let needs = if sign_type == SignType::Sm2 {
                "SM2"
            } else {
                "RSA"
            };
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "the private key is an {} private key, but sign type {sign_type} signs with \
                     an {needs} key",
                    key.algorithm()
                ),
            ));
        }
        let rule = if rule == Rule::V2 {
            MatchedRule::V2
        } else {
            MatchedRule::V1
        };
        Ok(Signer {
            key: SigningKey::Private(Box::new(key)),
            sign_type,
            rule,
        })
    }

    /// A legacy mapi MD5 signer with the partner's key.
    pub fn md5(key: &str) -> Result<Signer> {
        if key.is_empty() {
            return Err(Error::new(ErrorKind::InvalidConfig, "the MD5 key is empty"));
        }
        Ok(Signer {
            key: SigningKey::Md5(key.to_string()),
            sign_type: SignType::Md5,
            rule: MatchedRule::Md5,
        })
    }

    /// The `sign` value for `params` (UTF-8; encoded to the `charset` parameter's charset
    /// before signing). `sign` in `params` is ignored; `sign_type` is added when missing.
    pub fn sign<K: AsRef<str>, V: AsRef<str>>(&self, params: &[(K, V)]) -> Result<String> {
        let raw = self.prepare(params)?;
        self.sign_raw(&raw)
    }

    /// A complete `application/x-www-form-urlencoded` body (or query string, without `?`):
    /// the parameters in the given order, then `sign_type` if it was missing, then `sign`.
    pub fn signed_form<K: AsRef<str>, V: AsRef<str>>(&self, params: &[(K, V)]) -> Result<String> {
        let raw = self.prepare(params)?;
        let sign = self.sign_raw(&raw)?;
        let mut out = String::new();
        for (name, value) in raw.pairs() {
            if !out.is_empty() {
                out.push('&');
            }
            out.extend(form_urlencoded::byte_serialize(name));
            out.push('=');
            out.extend(form_urlencoded::byte_serialize(value));
        }
        out.push_str("&sign=");
        out.extend(form_urlencoded::byte_serialize(sign.as_bytes()));
        Ok(out)
    }

    /// The `sign` value over exactly `content`, for signed text that is not a parameter set:
    /// an API response node, signed the way Alipay signs `<method>_response` (and what
    /// [`Verifier::verify_response`](crate::Verifier::verify_response) checks). Sandboxes that
    /// play Alipay need it; MD5 keys sign parameter sets only ([`ErrorKind::InvalidConfig`]).
    pub fn sign_bytes(&self, content: &[u8]) -> Result<String> {
        let signature = match &self.key {
            SigningKey::Md5(_) => {
                return Err(Error::new(
                    ErrorKind::InvalidConfig,
                    "an MD5 key signs parameter sets only, not response text",
                ));
            }
            SigningKey::Private(key) if self.sign_type == SignType::Sm2 => {
                sm2_signature(key, content)?
            }
            SigningKey::Private(key) => crypto::sign(key, self.sign_type, content)?,
        };
        Ok(base64::engine::general_purpose::STANDARD.encode(signature))
    }

    fn prepare<K: AsRef<str>, V: AsRef<str>>(&self, params: &[(K, V)]) -> Result<RawParams> {
        let charset_label = params
            .iter()
            .find(|(k, _)| k.as_ref() == "charset")
            .map(|(_, v)| v.as_ref())
            .unwrap_or("");
        let charset = Charset::from_label(charset_label.as_bytes())?;
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(params.len() + 1);
        let mut has_sign_type = false;
        for (name, value) in params {
            let name = name.as_ref();
            if name == "sign" {
                continue;
            }
            has_sign_type |= name == "sign_type";
            pairs.push((name.to_string(), value.as_ref().to_string()));
        }
        if !has_sign_type {
            pairs.push(("sign_type".into(), self.sign_type.as_str().into()));
        }
        let mut raw_pairs = Vec::with_capacity(pairs.len());
        for (name, value) in &pairs {
            let name_bytes = charset.encode(name, "a parameter name")?;
            let value_bytes = charset.encode(value, &format!("the value of {name}"))?;
            raw_pairs.push((name_bytes, value_bytes));
        }
        let raw = RawParams::from_byte_pairs(raw_pairs)?;
        Ok(raw)
    }

    fn sign_raw(&self, raw: &RawParams) -> Result<String> {
        match &self.key {
            SigningKey::Md5(key) => Ok(md5_sign(raw, key)),
            // Alipay's documented rule for signing: leave empty values out.
            SigningKey::Private(_) => {
                self.sign_bytes(&sign_content(raw, self.rule, EmptyValues::Skipped))
            }
        }
    }
}

/// The DER SM3withSM2 signature of `content`, by a key [`Signer::sm2`] checked is SM2.
fn sm2_signature(key: &PrivateKey, content: &[u8]) -> Result<Vec<u8>> {
    #[cfg(feature = "sm2")]
    if let Some(signature) = key.sm2().and_then(|key| key.sign(content)) {
        return Ok(signature);
    }
    let _ = (key, content);
    Err(Error::new(ErrorKind::Internal, "SM2 signing failed"))
}
