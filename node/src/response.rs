//! `VerifiedResponse`: a signed OpenAPI response whose signature verified.

use napi_derive::napi;

/// A gateway response (`alipay.trade.query`, ...) whose signature verified over the exact text
/// of its `*_response` node. Created by `Verifier.verifyResponse()`.
#[napi]
pub struct VerifiedResponse {
    pub(crate) inner: alipay_notify::VerifiedResponse,
}

impl VerifiedResponse {
    pub(crate) fn new(inner: alipay_notify::VerifiedResponse) -> VerifiedResponse {
        VerifiedResponse { inner }
    }
}

#[napi]
impl VerifiedResponse {
    /// The method the response answers (`'alipay.trade.query'`), or `'error'` for an
    /// `error_response`.
    #[napi(catch_unwind, getter)]
    pub fn method(&self) -> String {
        self.inner.method().to_string()
    }

    /// The signed node's key, e.g. `'alipay_trade_query_response'`.
    #[napi(catch_unwind, getter)]
    pub fn node(&self) -> String {
        self.inner.node().to_string()
    }

    /// True for a gateway-level `error_response`.
    #[napi(catch_unwind, getter)]
    pub fn is_error_response(&self) -> bool {
        self.inner.is_error_response()
    }

    /// The verified inner object (a string for an AES-encrypted response).
    #[napi(
        catch_unwind,
        getter,
        ts_return_type = "Record<string, unknown> | string"
    )]
    pub fn value(&self) -> serde_json::Value {
        self.inner.value().clone()
    }

    /// The exact text that was signed.
    #[napi(catch_unwind, getter)]
    pub fn signed_content(&self) -> String {
        self.inner.signed_content().to_string()
    }

    /// `code` of the response: `'10000'` is success.
    #[napi(catch_unwind, getter)]
    pub fn code(&self) -> Option<String> {
        self.inner.code().map(str::to_string)
    }

    /// The business error code, e.g. `'ACQ.TRADE_NOT_EXIST'`.
    #[napi(catch_unwind, getter)]
    pub fn sub_code(&self) -> Option<String> {
        self.inner.sub_code().map(str::to_string)
    }

    /// True when `code` is `'10000'`.
    #[napi(catch_unwind, getter)]
    pub fn is_success(&self) -> bool {
        self.inner.is_success()
    }

    /// The algorithm that verified: `'RSA2'`, `'RSA'` or `'SM2'`.
    #[napi(catch_unwind, getter)]
    pub fn sign_type(&self) -> &'static str {
        self.inner.sign_type().as_str()
    }

    /// Index of the configured key that verified.
    #[napi(catch_unwind, getter)]
    pub fn key_index(&self) -> u32 {
        self.inner.key_index() as u32
    }

    /// Fingerprint of the key that verified.
    #[napi(catch_unwind, getter)]
    pub fn key_fingerprint(&self) -> String {
        self.inner.key_fingerprint().to_string()
    }

    /// The response's `alipay_cert_sn` (certificate mode), as sent, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn cert_sn(&self) -> Option<String> {
        self.inner.cert_sn().map(str::to_string)
    }

    /// The verified inner object (what `JSON.stringify` shows).
    #[napi(
        catch_unwind,
        js_name = "toJSON",
        ts_return_type = "Record<string, unknown> | string"
    )]
    pub fn to_json(&self) -> serde_json::Value {
        self.inner.value().clone()
    }
}
