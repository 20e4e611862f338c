//! Option objects read key by key, so that a misspelt or mistyped option is an
//! `INVALID_CONFIG` error naming it instead of a silently ignored check.

use crate::error::{IntoJs, Result, error};
use crate::input::{KeyText, key_text, object, property_names};
use alipay_notify::{Charset, ErrorKind, Rule, SignType, VerifierBuilder, printable_quoted};
use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object, TypeName, Unknown};
use napi::{JsDate, JsValue, ValueType};
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

/// The most items an option list (keys, sign types, seller ids) may hold: more than any
/// configuration needs, and checked before one is read.
const MAX_ITEMS: u32 = 1000;

impl<'a, 'env> Options<'a, 'env> {
    /// Checks that every key of `object` is in `known`.
    pub fn new(
        object: Option<&'a Object<'env>>,
        what: &'static str,
        known: &[&str],
    ) -> Result<Self> {
        if let Some(object) = object {
            // One name at a time: names are distinct, so the first one that is not known stops
            // the loop within `known.len() + 1` steps, however many the object has.
            let (names, count) = property_names(object)?;
            for index in 0..count {
                let name: String = names.get_element(index).js()?;
                if !known.contains(&name.as_str()) {
                    return Err(error(
                        ErrorKind::InvalidConfig,
                        format!(
                            "{what}: unknown option {} (known: {})",
                            printable_quoted(name.as_bytes(), 40),
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Options { object, what })
    }

    /// The option `name` (absent when undefined or null), converted to `T` when it has `T`'s
    /// JavaScript type. The type is checked first: napi's own conversion errors describe the
    /// value (with `JSON.stringify`, which runs the caller's `toJSON` and getters).
    pub fn get<T: FromNapiValue + TypeName>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>> {
        self.value(name)?
            .map(|value| self.typed(value, name, expected))
            .transpose()
    }

    /// A key or certificate option.
    pub fn key(&self, name: &str) -> Result<Option<String>> {
        self.get::<KeyText>(name, "a string or a Buffer")?
            .map(|text| key_text(text, name))
            .transpose()
    }

    /// A list of keys or certificates: one, or an array.
    pub fn keys(&self, name: &str) -> Result<Vec<String>> {
        let expected = "a string, a Buffer, or an array of them";
        self.list::<KeyText>(name, expected, true)?
            .unwrap_or_default()
            .into_iter()
            .map(|key| key_text(key, name))
            .collect()
    }

    /// A list of strings: an array, or (when `one` allows it) a single string.
    pub fn strings(&self, name: &str, expected: &str, one: bool) -> Result<Option<Vec<String>>> {
        self.list::<String>(name, expected, one)
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

    /// The value of `name`, absent when undefined or null. A getter that throws leaves its
    /// exception pending, and that is what JavaScript sees.
    fn value(&self, name: &str) -> Result<Option<Unknown<'env>>> {
        let Some(object) = self.object else {
            return Ok(None);
        };
        let value: Unknown = object.get_named_property_unchecked(name).js()?;
        Ok(match value.get_type().js()? {
            ValueType::Undefined | ValueType::Null => None,
            _ => Some(value),
        })
    }

    fn typed<T: FromNapiValue + TypeName>(
        &self,
        value: Unknown<'env>,
        name: &str,
        expected: &str,
    ) -> Result<T> {
        let wanted = T::value_type();
        // Unknown: `T` is `Unknown` itself, or an `Either` that checks each type it tries.
        if wanted != ValueType::Unknown && value.get_type().js()? != wanted {
            return Err(self.invalid(name, expected));
        }
        T::from_unknown(value).map_err(|_| self.invalid(name, expected))
    }

    /// A list option read item by item (never napi's `Vec`, which allocates the length the
    /// array claims).
    fn list<T: FromNapiValue + TypeName>(
        &self,
        name: &str,
        expected: &str,
        one: bool,
    ) -> Result<Option<Vec<T>>> {
        let Some(value) = self.value(name)? else {
            return Ok(None);
        };
        if !value.is_array().js()? {
            return match one {
                true => Ok(Some(vec![self.typed(value, name, expected)?])),
                false => Err(self.invalid(name, expected)),
            };
        }
        let array = Object::from_unknown(value).js()?;
        let length = array.get_array_length().js()?;
        if length > MAX_ITEMS {
            return Err(error(
                ErrorKind::InvalidConfig,
                format!(
                    "{}: option {name} has {length} items; at most {MAX_ITEMS}",
                    self.what
                ),
            ));
        }
        let mut items = Vec::new();
        for index in 0..length {
            let item: Unknown = array.get_element(index).js()?;
            items.push(self.typed(item, name, expected)?);
        }
        Ok(Some(items))
    }

    fn invalid(&self, name: &str, expected: &str) -> crate::error::Error {
        error(
            ErrorKind::InvalidConfig,
            format!("{}: option {name} must be {expected}", self.what),
        )
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
    if let Some(names) = options.strings("signTypes", "an array of 'RSA2', 'RSA'", false)? {
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
    let sellers = options.strings("sellerId", "a string or an array", true)?;
    for seller in sellers.unwrap_or_default() {
        builder = builder.seller_id(seller);
    }
    let fields = options.strings("allowEmbeddedPairs", "a string or an array", true)?;
    for field in fields.unwrap_or_default() {
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
    if let Some(charset) = options.parsed::<Charset>("defaultCharset", "a string")? {
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
