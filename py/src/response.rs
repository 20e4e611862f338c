//! `alipay_notify.VerifiedResponse`: a signed OpenAPI response whose signature verified.

use crate::convert::json_to_py;
use pyo3::prelude::*;

/// A verified API response: the inner object of its `<method>_response` node.
#[pyclass(frozen, module = "alipay_notify")]
pub struct VerifiedResponse {
    inner: alipay_notify::VerifiedResponse,
}

impl From<alipay_notify::VerifiedResponse> for VerifiedResponse {
    fn from(inner: alipay_notify::VerifiedResponse) -> Self {
        VerifiedResponse { inner }
    }
}

#[pymethods]
impl VerifiedResponse {
    /// The API method answered (`alipay.trade.query`), or `error` for an `error_response`.
    #[getter]
    fn method(&self) -> &str {
        self.inner.method()
    }

    /// The signed node's key, e.g. `alipay_trade_query_response`.
    #[getter]
    fn node(&self) -> &str {
        self.inner.node()
    }

    /// The verified inner object, as a new `dict`: for an AES-encrypted response, its
    /// decryption with the `aes_key` option (the ciphertext `str` without one).
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, self.inner.value())
    }

    /// The exact text that was signed.
    #[getter]
    fn signed_content(&self) -> &str {
        self.inner.signed_content()
    }

    /// True for an `error_response` (gateway-level error).
    #[getter]
    fn is_error_response(&self) -> bool {
        self.inner.is_error_response()
    }

    /// True when `code` is `10000`.
    #[getter]
    fn is_success(&self) -> bool {
        self.inner.is_success()
    }

    #[getter]
    fn code(&self) -> Option<&str> {
        self.inner.code()
    }

    #[getter]
    fn sub_code(&self) -> Option<&str> {
        self.inner.sub_code()
    }

    /// The algorithm that verified.
    #[getter]
    fn sign_type(&self) -> &'static str {
        self.inner.sign_type().as_str()
    }

    #[getter]
    fn key_index(&self) -> usize {
        self.inner.key_index()
    }

    #[getter]
    fn key_fingerprint(&self) -> &str {
        self.inner.key_fingerprint()
    }

    /// True when the node was encrypted and `value` is its decryption.
    #[getter]
    fn is_decrypted(&self) -> bool {
        self.inner.is_decrypted()
    }

    /// The decrypted JSON text of an encrypted response, or None.
    #[getter]
    fn decrypted_content(&self) -> Option<&str> {
        self.inner.decrypted_content()
    }

    /// The response's `alipay_cert_sn`, as sent (not signed).
    #[getter]
    fn cert_sn(&self) -> Option<&str> {
        self.inner.cert_sn()
    }

    fn __repr__(&self) -> String {
        format!(
            "<alipay_notify.VerifiedResponse {} code={:?}>",
            self.inner.method(),
            self.inner.code().unwrap_or("")
        )
    }
}
