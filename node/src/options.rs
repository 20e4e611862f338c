//! The options of `new Verifier()`, `diagnose()` and `sign()`: their TypeScript declarations,
//! and the core's tables they come from as data (`optionTables()`). `apply` reads them.

use alipay_notify::options::{DIAGNOSE_OPTIONS, OptionSpec, SIGNER_OPTIONS, VERIFIER_OPTIONS};
use napi_derive::napi;

/// The options of `new Verifier(options)`: the core's verifier options in camelCase. (This
/// declaration gives the TypeScript type; the constructor reads the object key by key through
/// the core's table, and a test compares the two.)
#[napi(object)]
pub struct VerifierOptions {
    /// Alipay's public key (支付宝公钥) as the console shows it (bare base64), PEM, PKCS#1, or
    /// Alipay's public certificate (`alipayCertPublicKey_RSA2.crt`); several during a rotation.
    #[napi(ts_type = "string | Buffer | Array<string | Buffer>")]
    pub alipay_public_key: Option<String>,
    /// Accepted sign types, default `['RSA2']`. `'SM2'` (国密) only when listed, with Alipay's
    /// SM2 public key. `'MD5'` is accepted exactly when `md5Key` is set.
    #[napi(ts_type = "'RSA2' | 'RSA' | 'SM2' | 'MD5' | Array<'RSA2' | 'RSA' | 'SM2' | 'MD5'>")]
    pub sign_types: Option<Vec<String>>,
    /// Which parameters the signature covers: `'auto'` (default: v1, then v2; a legacy WAP
    /// notification in its fixed order), `'v1'` (notifications, return_url), `'v2'`
    /// (app-gateway messages) or `'wap'` (legacy WAP notifications only).
    #[napi(ts_type = "'auto' | 'v1' | 'v2' | 'wap'")]
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
    /// Certificate mode: Alipay's root bundle (`alipayRootCert.crt`). Each configured
    /// certificate's validity and chain to it are checked when the verifier is built. (The
    /// object `{ root, at }` is deprecated: use `checkCertificates` and `checkCertificatesAt`.)
    #[napi(ts_type = "string | Buffer | CheckCertificatesOptions")]
    pub check_certificates: Option<String>,
    /// Check the certificates at this time instead of now (a `Date` or milliseconds since the
    /// epoch, to the second): for tests, and to check ahead of an expiry.
    #[napi(ts_type = "Date | number")]
    pub check_certificates_at: Option<f64>,
    /// OpenAPI v3 responses: refuses an `alipay-timestamp` more than this many seconds from
    /// now (`STALE_RESPONSE`). Unset, the age is not checked, as in Alipay's SDKs.
    pub max_response_age: Option<u32>,
    /// The app's AES key (接口内容加密密钥), base64 as the console shows it: encrypted
    /// responses (`verifyResponse`) and open data (`verifyOpenData`) are decrypted after they
    /// verify. Never shown in errors.
    pub aes_key: Option<String>,
    /// The merchant's app private key (应用私钥): the `biz_content` of a 生活号 message that
    /// Alipay encrypted for the app is decrypted after it verifies
    /// (`notification.decryptedBizContent`). Never shown in errors.
    #[napi(ts_type = "string | Buffer")]
    pub app_private_key: Option<String>,
}

/// The deprecated object form of `checkCertificates`.
/// @deprecated Use `checkCertificates: root` and `checkCertificatesAt: at`.
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
    #[napi(ts_type = "string | Buffer | Array<string | Buffer>")]
    pub app_public_keys: Option<Vec<String>>,
    /// The merchant's app private key; its public half is compared like `appPublicKeys`.
    #[napi(ts_type = "string | Buffer")]
    pub app_private_key: Option<String>,
    /// Whether the input is a notify body or a return_url query; guessed from its shape when
    /// absent.
    #[napi(ts_type = "'notify' | 'return'")]
    pub kind: Option<String>,
}

/// The options of `sign()` and `signedForm()`: an RSA or SM2 private key, or a legacy MD5 key.
#[napi(object)]
pub struct SignOptions {
    /// The private key (PKCS#8 or PKCS#1, PEM or bare base64) for RSA2/RSA; PKCS#8 for SM2.
    #[napi(ts_type = "string | Buffer")]
    pub private_key: Option<String>,
    /// The legacy mapi MD5 key instead of a private key.
    pub md5_key: Option<String>,
    /// `'RSA2'` (default), `'RSA'` or `'SM2'` (an SM2 key, randomized signatures) with
    /// `privateKey`; `'MD5'` (or absent) with `md5Key`.
    #[napi(ts_type = "'RSA2' | 'RSA' | 'SM2' | 'MD5'")]
    pub sign_type: Option<String>,
    /// `'v1'` (default: `sign_type` not signed, as in notifications) or `'v2'`.
    #[napi(ts_type = "'auto' | 'v1' | 'v2'")]
    pub rule: Option<String>,
}

/// One option of the core's tables.
#[napi(object)]
pub struct OptionInfo {
    /// The name as Node spells it: `alipayPublicKey`.
    pub name: String,
    /// The canonical (snake_case) name, as Python and PHP spell it: `alipay_public_key`.
    pub canonical_name: String,
    /// The kind of value it takes.
    #[napi(
        ts_type = "'string' | 'strings' | 'integer' | 'key' | 'keys' | 'secret' | 'time' | 'choice' | 'choices'"
    )]
    pub kind: String,
    /// The values a choice takes (empty for other kinds).
    pub values: Vec<String>,
    /// The default, as text (absent when unset by default).
    pub default: Option<String>,
    /// The option this one only works with (camelCase), if any.
    pub requires: Option<String>,
    /// What it does, in one line.
    pub meaning: String,
}

/// The core's option tables, in camelCase.
#[napi(object)]
pub struct OptionTables {
    /// The options of `new Verifier()`.
    pub verifier: Vec<OptionInfo>,
    /// The options of `verifier.diagnose()`.
    pub diagnose: Vec<OptionInfo>,
    /// The options of `sign()` and `signedForm()`.
    pub signer: Vec<OptionInfo>,
}

/// The options every call accepts, from the core's tables: the same options, by the same
/// names (in camelCase), in every binding.
#[napi(catch_unwind)]
pub fn option_tables() -> OptionTables {
    OptionTables {
        verifier: infos(VERIFIER_OPTIONS),
        diagnose: infos(DIAGNOSE_OPTIONS),
        signer: infos(SIGNER_OPTIONS),
    }
}

fn infos(table: &[OptionSpec]) -> Vec<OptionInfo> {
    let camel = |name: &str| {
        let spec = table.iter().find(|spec| spec.name == name);
        spec.map_or_else(|| name.to_string(), OptionSpec::camel_case)
    };
    table
        .iter()
        .map(|spec| OptionInfo {
            name: spec.camel_case(),
            canonical_name: spec.name.to_string(),
            kind: spec.kind.as_str().to_string(),
            values: spec.values.iter().map(|v| v.to_string()).collect(),
            default: spec.default.map(str::to_string),
            requires: spec.requires.map(camel),
            meaning: spec.meaning.to_string(),
        })
        .collect()
}
