//! Option objects read key by key, so that a misspelt or mistyped option is an
//! `INVALID_CONFIG` error naming it instead of a silently ignored check.

use crate::error::{IntoJs, Result, error};
use crate::input::{KeyText, key_text, object};
use alipay_notify::{Charset, ErrorKind, Rule, SignType, VerifierBuilder};
use napi::bindgen_prelude::{Either, FromNapiValue, Object, Unknown};
use napi::{JsDate, ValueType};
use napi_derive::napi;
use std::time::{Duration, UNIX_EPOCH};

/// The options of `new Verifier(options)`. (This declaration gives the TypeScript type; the
/// constructor reads the object key by key.)
#[napi(object)]
pub struct VerifierOptions {
    /// Alipay's public key (支付宝公钥) as the console shows it (bare base64), PEM, PKCS#1, or
    /// Alipay's public certificate (`alipayCertPublicKey_RSA2.crt`); several during a rotation.
    #[napi(ts_type = "string | Buffer | Array<string | Buffer>")]
    pub alipay_public_key: Option<String>,
    /// Accepted RSA sign types, default `['RSA2']`. `'MD5'` is accepted exactly when `md5Key`
    /// is set.
    #[napi(ts_type = "Array<'RSA2' | 'RSA' | 'MD5'>")]
    pub sign_types: Option<Vec<String>>,
    /// Which parameters the signature covers: `'auto'` (default: v1, then v2), `'v1'`
    /// (notifications, return_url) or `'v2'` (app-gateway messages).
    #[napi(ts_type = "'auto' | 'v1' | 'v2'")]
    pub rule: Option<String>,
    /// Rejects messages for another `app_id` (`APP_ID_MISMATCH`).
    pub app_id: Option<String>,
    /// Accepts only messages for this `seller_id` (or one of these); `SELLER_ID_MISMATCH`.
    #[napi(ts_type = "string | string[]")]
    pub seller_id: Option<String>,
    /// Fields whose value may hold text such as `&name=value`. Off by default: such a message
    /// reads as other parameters and is `AMBIGUOUS_SIGNED_CONTENT`. Only for a field your own
    /// app fills with unencoded query text; allowing it re-opens the re-split forgery through
    /// that field (fields that sort after it can be hidden inside it).
    #[napi(ts_type = "string | string[]")]
    pub allow_embedded_pairs: Option<String>,
    /// The legacy mapi MD5 key (安全校验码), to verify `sign_type=MD5` messages.
    pub md5_key: Option<String>,
    /// The size limit of a message in bytes, default 65536.
    pub max_size: Option<u32>,
    /// The minimum RSA key size, default 2048; 1024 admits legacy keys.
    pub min_key_bits: Option<u32>,
    /// The charset of messages without a `charset` parameter (legacy `input_charset`), default
    /// `'utf-8'`.
    pub default_charset: Option<String>,
    /// Certificate mode: check each configured certificate's validity and chain to Alipay's
    /// root bundle when the verifier is built.
    pub check_certificates: Option<CheckCertificatesOptions>,
}

/// `checkCertificates` of `VerifierOptions`.
#[napi(object)]
pub struct CheckCertificatesOptions {
    /// Alipay's root bundle (`alipayRootCert.crt`).
    #[napi(ts_type = "string | Buffer")]
    pub root: String,
    /// Check at this time instead of now (a `Date` or milliseconds since the epoch).
    #[napi(ts_type = "Date | number")]
    pub at: Option<f64>,
}

/// The options of `verifier.diagnose(input, options)`.
#[napi(object)]
pub struct DiagnoseOptions {
    /// The merchant's own app public keys (应用公钥): configuring one of them instead of
    /// Alipay's public key is the most common mistake.
    #[napi(ts_type = "Array<string | Buffer>")]
    pub app_public_keys: Option<Vec<String>>,
    /// The merchant's app private key; its public half is compared like `appPublicKeys`.
    #[napi(ts_type = "string | Buffer")]
    pub app_private_key: Option<String>,
    /// Whether the input is a notify body or a return_url query; guessed from its shape when
    /// absent.
    #[napi(ts_type = "'notify' | 'return'")]
    pub kind: Option<String>,
}

/// An options object being read.
pub struct Options<'a, 'env> {
    object: Option<&'a Object<'env>>,
    what: &'static str,
}

impl<'a, 'env> Options<'a, 'env> {
    /// Checks that every key of `object` is in `known`.
    pub fn new(
        object: Option<&'a Object<'env>>,
        what: &'static str,
        known: &[&str],
    ) -> Result<Self> {
        if let Some(object) = object {
            for key in Object::keys(object).js()? {
                if !known.contains(&key.as_str()) {
                    let name: String = key.chars().take(40).collect();
                    return Err(error(
                        ErrorKind::InvalidConfig,
                        format!(
                            "{what}: unknown option {name:?} (known: {})",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Options { object, what })
    }

    /// The option `name` (absent when undefined or null), converted to `T`.
    pub fn get<T: FromNapiValue>(&self, name: &str, expected: &str) -> Result<Option<T>> {
        let Some(object) = self.object else {
            return Ok(None);
        };
        object
            .get::<Option<T>>(name)
            .map(Option::flatten)
            .map_err(|_| {
                error(
                    ErrorKind::InvalidConfig,
                    format!("{}: option {name} must be {expected}", self.what),
                )
            })
    }

    /// A key or certificate option.
    pub fn key(&self, name: &str) -> Result<Option<String>> {
        self.get::<KeyText>(name, "a string or a Buffer")?
            .map(|text| key_text(text, name))
            .transpose()
    }

    /// A list of keys or certificates: one, or an array.
    pub fn keys(&self, name: &str) -> Result<Vec<String>> {
        type OneOrMany = Either<KeyText, Vec<KeyText>>;
        let expected = "a string, a Buffer, or an array of them";
        Ok(match self.get::<OneOrMany>(name, expected)? {
            None => Vec::new(),
            Some(Either::A(one)) => vec![key_text(one, name)?],
            Some(Either::B(many)) => many
                .into_iter()
                .map(|key| key_text(key, name))
                .collect::<Result<_>>()?,
        })
    }

    /// A string or an array of strings; none when absent.
    pub fn strings(&self, name: &str) -> Result<Vec<String>> {
        Ok(
            match self.get::<Either<String, Vec<String>>>(name, "a string or an array")? {
                None => Vec::new(),
                Some(Either::A(one)) => vec![one],
                Some(Either::B(many)) => many,
            },
        )
    }

    /// A string option parsed with `FromStr` into a core type.
    pub fn parsed<T>(&self, name: &str, expected: &str) -> Result<Option<T>>
    where
        T: std::str::FromStr<Err = alipay_notify::Error>,
    {
        self.get::<String>(name, expected)?
            .map(|text| text.parse::<T>().map_err(crate::error::to_js))
            .transpose()
    }
}

const VERIFIER_OPTIONS: &[&str] = &[
    "alipayPublicKey",
    "signTypes",
    "rule",
    "appId",
    "sellerId",
    "allowEmbeddedPairs",
    "md5Key",
    "maxSize",
    "minKeyBits",
    "defaultCharset",
    "checkCertificates",
];

/// The core builder for a `VerifierOptions` object.
pub fn verifier_builder(options: Option<&Object>) -> Result<VerifierBuilder> {
    let options = Options::new(options, "new Verifier()", VERIFIER_OPTIONS)?;
    let mut builder = VerifierBuilder::default().public_keys(options.keys("alipayPublicKey")?);
    if let Some(names) = options.get::<Vec<String>>("signTypes", "an array of 'RSA2', 'RSA'")? {
        let types = names
            .iter()
            .map(|name| name.parse::<SignType>().map_err(crate::error::to_js))
            .collect::<Result<Vec<_>>>()?;
        builder = builder.sign_types(types);
    }
    if let Some(rule) = options.parsed::<Rule>("rule", "'auto', 'v1' or 'v2'")? {
        builder = builder.rule(rule);
    }
    if let Some(app_id) = options.get::<String>("appId", "a string")? {
        builder = builder.app_id(app_id);
    }
    for seller in options.strings("sellerId")? {
        builder = builder.seller_id(seller);
    }
    for field in options.strings("allowEmbeddedPairs")? {
        builder = builder.allow_embedded_pairs(field);
    }
    if let Some(key) = options.get::<String>("md5Key", "a string")? {
        builder = builder.md5_key(key);
    }
    if let Some(size) = options.get::<f64>("maxSize", "a number")? {
        builder = builder.max_size(whole_number(size, "maxSize")?);
    }
    if let Some(bits) = options.get::<f64>("minKeyBits", "a number")? {
        builder = builder.min_key_bits(whole_number(bits, "minKeyBits")?);
    }
    if let Some(label) = options.get::<String>("defaultCharset", "a string")? {
        // The core calls a bad label in a message UNSUPPORTED_CHARSET; here it is configuration.
        let charset = Charset::from_label(label.as_bytes()).map_err(|err| {
            error(
                ErrorKind::InvalidConfig,
                format!("option defaultCharset: {}", err.message()),
            )
        })?;
        builder = builder.default_charset(charset);
    }
    let check = options.get::<Unknown>("checkCertificates", "an object { root, at? }")?;
    if let Some(check) = check {
        let what = "option checkCertificates";
        let check = object(check, what, ErrorKind::InvalidConfig)?;
        let check = Options::new(Some(&check), "checkCertificates", &["root", "at"])?;
        let Some(root) = check.key("root")? else {
            return Err(error(
                ErrorKind::InvalidConfig,
                "checkCertificates: root (Alipay's alipayRootCert.crt) is required",
            ));
        };
        builder = match check.get::<Unknown>("at", "a Date or a number")? {
            None => builder.check_certificates(root),
            Some(at) => {
                let millis = match at.get_type().js()? {
                    ValueType::Number => f64::from_unknown(at).js()?,
                    ValueType::Object => JsDate::from_unknown(at)
                        .and_then(|date| date.value_of())
                        .map_err(|_| {
                            error(
                                ErrorKind::InvalidConfig,
                                "checkCertificates: at must be a Date or a number",
                            )
                        })?,
                    _ => {
                        return Err(error(
                            ErrorKind::InvalidConfig,
                            "checkCertificates: at must be a Date or a number",
                        ));
                    }
                };
                let millis = whole_number(millis, "checkCertificates.at")?;
                builder.check_certificates_at(root, UNIX_EPOCH + Duration::from_millis(millis))
            }
        };
    }
    Ok(builder)
}

/// A non-negative whole number option.
fn whole_number<T: TryFrom<u64>>(value: f64, name: &str) -> Result<T> {
    let invalid = || {
        error(
            ErrorKind::InvalidConfig,
            format!("{name} must be a whole number, not negative"),
        )
    };
    if !(value.is_finite() && value >= 0.0 && value.fract() == 0.0 && value <= u64::MAX as f64) {
        return Err(invalid());
    }
    T::try_from(value as u64).map_err(|_| invalid())
}

/// The core diagnosis options for a `DiagnoseOptions` object.
pub fn diagnose_options(options: Option<&Object>) -> Result<alipay_notify::DiagnoseOptions> {
    let options = Options::new(
        options,
        "diagnose()",
        &["appPublicKeys", "appPrivateKey", "kind"],
    )?;
    let kind = match options
        .get::<String>("kind", "'notify' or 'return'")?
        .as_deref()
    {
        None => None,
        Some("notify") => Some(alipay_notify::MessageKind::Notify),
        Some("return") => Some(alipay_notify::MessageKind::Return),
        Some(_) => {
            return Err(error(
                ErrorKind::InvalidConfig,
                "diagnose(): option kind must be 'notify' or 'return'",
            ));
        }
    };
    Ok(alipay_notify::DiagnoseOptions {
        app_public_keys: options.keys("appPublicKeys")?,
        app_private_key: options.key("appPrivateKey")?,
        kind,
    })
}
