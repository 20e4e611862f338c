//! The Node.js addon behind the npm package `alipay-notify`: conversion glue over the core
//! crate, nothing else. `napi build` generates `binding.js`/`binding.d.ts` from these
//! declarations; the hand-written `index.js`/`index.d.ts` facade adds `AlipayNotifyError`.

mod apply;
mod diagnosis;
mod error;
mod input;
mod ledger;
mod notification;
mod options;
mod reconcile;
mod response;
mod v3;
mod verifier;
mod wap;

// AES-encrypted content (encrypt_type=AES), open data, 生活号 encrypted biz_content.
mod aes;

use crate::apply::apply;
use crate::error::{IntoJs, Result};
use crate::input::{KeyText, SIGN_MAX_SIZE, key_text, object, pairs};
use alipay_notify::options::SIGNER_OPTIONS;
use alipay_notify::{ErrorKind, Signer, SignerOptions};
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;

pub use diagnosis::{Diagnosis, DiagnosisError, Finding};
pub use ledger::rejected_ledger_entry;
pub use notification::{Notification, Verification};
pub use options::{
    CheckCertificatesOptions, DiagnoseOptions, OptionInfo, OptionTables, SignOptions,
    VerifierOptions, option_tables,
};
pub use reconcile::{TradeRefOptions, TradeRequest, TradeResult};
pub use response::VerifiedResponse;
pub use v3::{V3AuthorizationOptions, V3Signer, VerifiedV3Response};
pub use verifier::Verifier;

pub use aes::{OpenData, decrypt};

/// The body to answer Alipay with once a notification is handled: exactly `success`.
#[napi]
pub const SUCCESS: &str = alipay_notify::SUCCESS;

/// The body to answer when verification or handling failed: `fail` (Alipay retries).
#[napi]
pub const FAIL: &str = alipay_notify::FAIL;

/// This library's version.
#[napi]
pub const VERSION: &str = alipay_notify::VERSION;

/// One error kind of the core's taxonomy.
#[napi(object)]
pub struct ErrorKindInfo {
    /// The stable name, as `AlipayNotifyError.code`.
    pub name: String,
    /// The stable number (1xx sender, 2xx business, 3xx operator, 9xx library).
    pub code: u32,
    /// Who controls the cause.
    #[napi(ts_type = "'sender' | 'business' | 'operator' | 'library'")]
    pub category: String,
    /// What the error means, and who must act: the same groups in every binding.
    #[napi(
        ts_type = "'signature' | 'malformed_input' | 'business_mismatch' | 'notify_verify' | 'configuration' | 'library'"
    )]
    pub group: String,
    /// One line saying what the kind means.
    pub summary: String,
}

/// Every error kind, in code order: the core's table.
#[napi(catch_unwind)]
pub fn error_kinds() -> Vec<ErrorKindInfo> {
    ErrorKind::ALL
        .iter()
        .map(|kind| ErrorKindInfo {
            name: kind.name().to_string(),
            code: kind.code() as u32,
            category: kind.category().name().to_string(),
            group: kind.group().name().to_string(),
            summary: kind.summary().to_string(),
        })
        .collect()
}

/// The parameters and the signer of `sign()` and `signedForm()`: the core chooses the
/// defaults and refuses contradictions (`md5Key` with `signType: 'RSA2'`).
fn sign_args(params: Unknown, options: Unknown) -> Result<(Vec<(String, String)>, Signer)> {
    let params = object(params, "params", ErrorKind::MalformedInput)?;
    let pairs = pairs(&params, SIGN_MAX_SIZE)?;
    let (table, set) = (SIGNER_OPTIONS, SignerOptions::set);
    let signer = apply(
        SignerOptions::default(),
        Some(options),
        "sign()",
        table,
        set,
    )?;
    Ok((pairs, Signer::from_options(&signer).js()?))
}

/// The `sign` value for `params` (signed in the charset its `charset` parameter names, UTF-8
/// by default). A `sign` parameter is ignored; `sign_type` is added when missing.
#[napi(
    catch_unwind,
    ts_args_type = "params: Record<string, string> | Array<[string, string]>, options: SignOptions"
)]
pub fn sign(params: Unknown, options: Unknown) -> Result<String> {
    let (params, signer) = sign_args(params, options)?;
    signer.sign(&params).js()
}

/// A complete signed `application/x-www-form-urlencoded` body (or query string): the
/// parameters in order, then `sign_type` if it was missing, then `sign`.
#[napi(
    catch_unwind,
    ts_args_type = "params: Record<string, string> | Array<[string, string]>, options: SignOptions"
)]
pub fn signed_form(params: Unknown, options: Unknown) -> Result<String> {
    let (params, signer) = sign_args(params, options)?;
    signer.signed_form(&params).js()
}

/// The SN Alipay computes for a certificate (`app_cert_sn`, `alipay_cert_sn`): the first
/// certificate of a PEM file.
#[napi(catch_unwind, ts_args_type = "pem: string | Buffer")]
pub fn cert_sn(pem: KeyText) -> Result<String> {
    alipay_notify::cert_sn(&key_text(pem, "the certificate")?).js()
}

/// The root SN (`alipay_root_cert_sn`) of Alipay's root bundle (`alipayRootCert.crt`).
#[napi(catch_unwind, ts_args_type = "pem: string | Buffer")]
pub fn root_cert_sn(pem: KeyText) -> Result<String> {
    alipay_notify::root_cert_sn(&key_text(pem, "the root certificate file")?).js()
}

/// The URL of the legacy mapi `notify_verify` check for a notification: GET it and pass the
/// answer to `classifyNotifyVerify()`. `gateway` defaults to Alipay's mapi gateway.
#[napi(catch_unwind, strict)]
pub fn notify_verify_url(
    partner: String,
    notify_id: String,
    gateway: Option<String>,
) -> Result<String> {
    alipay_notify::legacy::notify_verify_url(gateway.as_deref(), &partner, &notify_id).js()
}

/// Reads the answer of `notify_verify`: returns for `true`; throws `NOTIFY_VERIFY_REJECTED`
/// (`false`), `NOTIFY_VERIFY_INVALID` (`invalid`) or `NOTIFY_VERIFY_UNEXPECTED`.
#[napi(catch_unwind, strict)]
pub fn classify_notify_verify(answer: String) -> Result<()> {
    alipay_notify::legacy::classify_notify_verify(&answer).js()
}
