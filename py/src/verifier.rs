//! `alipay_notify.Verifier`: built once from the merchant's configuration, shared by every
//! thread of the server.

use crate::diagnose::Diagnosis;
use crate::error::IntoPy;
use crate::input;
use crate::notification::Notification;
use crate::options;
use crate::params;
use crate::response::VerifiedResponse;
use alipay_notify::options::{DIAGNOSE_OPTIONS, VERIFIER_OPTIONS};
use alipay_notify::{DiagnoseOptions, MessageKind, VerifierBuilder};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Verifies Alipay notifications, return_url queries and API responses. Immutable, so one
/// instance serves every thread; verification runs without the GIL.
#[pyclass(frozen, module = "alipay_notify")]
pub struct Verifier {
    inner: alipay_notify::Verifier,
}

#[pymethods]
impl Verifier {
    // The keyword arguments are the options of the core's VERIFIER_OPTIONS, by name; a test
    // compares them with this signature, whose defaults are the table's.
    #[new]
    #[pyo3(signature = (alipay_public_key = None, **options),
    text_signature = "(alipay_public_key=None, *, sign_types=['RSA2'], rule='auto', app_id=None, \
                      seller_id=None, allow_embedded_pairs=None, md5_key=None, max_size=65536, \
                      min_key_bits=2048, default_charset='utf-8', check_certificates=None, \
                      check_certificates_at=None, max_response_age=None, aes_key=None, \
                      app_private_key=None)")]
    fn new(
        py: Python<'_>,
        alipay_public_key: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Verifier> {
        let (table, set) = (VERIFIER_OPTIONS, VerifierBuilder::set);
        let mut builder = VerifierBuilder::default();
        if let Some(key) = alipay_public_key {
            builder = options::apply_one(builder, table, "alipay_public_key", key, set)?;
        }
        let builder = options::apply(builder, table, options, set)?;
        let inner = crate::detached(py, move || builder.build())?;
        Ok(Verifier { inner })
    }

    /// Verifies a notify_url POST. Pass the raw body (`request.body`), not a re-encoded form.
    fn verify_notify(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Notification> {
        self.verify(py, body, MessageKind::Notify, "body")
    }

    /// Verifies a return_url redirect from its raw query string (with or without `?`) or URL.
    fn verify_return(&self, py: Python<'_>, query: &Bound<'_, PyAny>) -> PyResult<Notification> {
        self.verify(py, query, MessageKind::Return, "query")
    }

    /// Verifies a legacy mobile.securitypay app result: the `result` string alone
    /// (`partner="…"&…&sign_type="RSA"&sign="…"`), signed before `&sign_type=`.
    fn verify_app_result(
        &self,
        py: Python<'_>,
        result: &Bound<'_, PyAny>,
    ) -> PyResult<Notification> {
        let raw = input::raw_message(result, "result", self.inner.max_size())?
            .ok_or_else(|| PyTypeError::new_err("result must be bytes or str"))?;
        let inner = &self.inner;
        crate::detached(py, || inner.verify_app_result(&raw)).map(Notification::from)
    }

    /// True when the message verifies; False only for `InvalidSignature` (and its subclass
    /// `AmbiguousSignedContent`: genuine bytes read as other parameters). Every other
    /// error (malformed input, business mismatch, configuration) is still raised.
    #[pyo3(signature = (body, kind = "notify"))]
    fn is_valid(&self, py: Python<'_>, body: &Bound<'_, PyAny>, kind: &str) -> PyResult<bool> {
        let kind = kind.parse::<MessageKind>().py_err()?;
        let message = params::message(body, "body", self.inner.max_size())?;
        let inner = &self.inner;
        crate::detached(py, || inner.is_valid_message(message.as_core(), kind))
    }

    /// Verifies a signed OpenAPI response body (the raw HTTP body). With `method`, the
    /// response must answer it (or be an `error_response`). The node's name is not signed, so
    /// this cannot detect a renamed node: check that the content answers your request too.
    #[pyo3(signature = (body, method = None))]
    fn verify_response(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        method: Option<&str>,
    ) -> PyResult<VerifiedResponse> {
        let raw = input::raw_message(body, "body", self.inner.max_size())?.ok_or_else(|| {
            PyTypeError::new_err("body must be bytes or str (the raw HTTP response body)")
        })?;
        let inner = &self.inner;
        crate::detached(py, || inner.verify_response(&raw, method)).map(VerifiedResponse::from)
    }

    /// Verifies an OpenAPI v3 response from its headers (a case-insensitive Mapping or a list
    /// of pairs, as the HTTP library gives them) and its raw body, whatever its HTTP status.
    /// `now_millis` judges `max_response_age` at another time than now.
    #[pyo3(signature = (headers, body, *, now_millis = None))]
    fn verify_v3(
        &self,
        py: Python<'_>,
        headers: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        now_millis: Option<i64>,
    ) -> PyResult<crate::v3::VerifiedV3Response> {
        crate::v3::verify(py, &self.inner, headers, body, now_millis)
    }

    /// Verifies a mini-program open-data envelope (`my.getPhoneNumber`) from the raw JSON text
    /// the front end sent, then decrypts it with the `aes_key` option. The envelope's own
    /// `sign_type` and `encrypt_type` are unsigned and ignored: this verifier's decide.
    fn verify_open_data(
        &self,
        py: Python<'_>,
        envelope: &Bound<'_, PyAny>,
    ) -> PyResult<crate::aes::OpenData> {
        crate::aes::verify_open_data(py, &self.inner, envelope)
    }

    /// Explains why a message does or does not verify with this configuration. Raises only
    /// for configuration errors (a bad app key); every problem of the message is a finding.
    #[pyo3(signature = (body, **options),
    text_signature = "($self, body, *, app_public_keys=None, app_private_key=None, kind=None)")]
    fn diagnose(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Diagnosis> {
        let raw = input::raw_bytes(body, "body")?.ok_or_else(|| {
            PyTypeError::new_err("diagnose needs the raw body or query, as bytes or str")
        })?;
        let options = diagnose_options(options)?;
        let inner = &self.inner;
        crate::detached(py, || inner.diagnose(&raw, &options)).map(Diagnosis::from)
    }

    /// Explains why an API response body (plain or AES, or a mini-program open-data envelope)
    /// does or does not verify, as `verify_response(body, method)` (or `verify_open_data`)
    /// would: a re-encoded node, an encrypted one signed without its quotes, and more. Takes
    /// `diagnose`'s options (`kind` is not used); raises only for configuration errors.
    #[pyo3(signature = (body, method = None, **options),
    text_signature = "($self, body, method=None, *, app_public_keys=None, app_private_key=None)")]
    fn diagnose_response(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        method: Option<&str>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Diagnosis> {
        let raw = input::raw_bytes(body, "body")?.ok_or_else(|| {
            PyTypeError::new_err("diagnose_response needs the raw response body, as bytes or str")
        })?;
        let options = diagnose_options(options)?;
        let inner = &self.inner;
        crate::detached(py, || inner.diagnose_response(&raw, method, &options)).map(Diagnosis::from)
    }

    /// Explains why an OpenAPI v3 response (headers as for `verify_v3`, the raw body) does or
    /// does not verify: a body re-encoded or with a line break added, missing headers, and
    /// more. Takes `diagnose`'s options (`kind` is not used); raises only for configuration
    /// errors and headers given twice.
    #[pyo3(signature = (headers, body, **options),
    text_signature = "($self, headers, body, *, app_public_keys=None, app_private_key=None)")]
    fn diagnose_v3(
        &self,
        py: Python<'_>,
        headers: &Bound<'_, PyAny>,
        body: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Diagnosis> {
        let options = diagnose_options(options)?;
        crate::v3::diagnose(py, &self.inner, headers, body, &options).map(Diagnosis::from)
    }

    /// The sign types this verifier accepts, in the order they are tried.
    #[getter]
    fn sign_types(&self) -> Vec<&'static str> {
        self.inner
            .allowed_sign_types()
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    /// The `max_size` option: the framework integrations read no more of a body than this and
    /// one byte.
    #[getter]
    fn max_size(&self) -> usize {
        self.inner.max_size()
    }

    /// The fingerprints of the configured Alipay public keys (never the keys themselves).
    #[getter]
    fn key_fingerprints(&self) -> Vec<String> {
        self.inner
            .public_keys()
            .map(|k| k.fingerprint().to_string())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "<alipay_notify.Verifier keys={} sign_types={}>",
            self.inner.public_keys().count(),
            self.sign_types().join(",")
        )
    }
}

impl Verifier {
    /// The core's verifier (for `TradeRequest.verify_response`).
    pub(crate) fn core(&self) -> &alipay_notify::Verifier {
        &self.inner
    }

    fn verify(
        &self,
        py: Python<'_>,
        message: &Bound<'_, PyAny>,
        kind: MessageKind,
        what: &str,
    ) -> PyResult<Notification> {
        let message = params::message(message, what, self.inner.max_size())?;
        let inner = &self.inner;
        crate::detached(py, || inner.verify_message(message.as_core(), kind))
            .map(Notification::from)
    }
}

/// The keyword options of the diagnose methods.
fn diagnose_options(options: Option<&Bound<'_, PyDict>>) -> PyResult<DiagnoseOptions> {
    options::apply(
        DiagnoseOptions::default(),
        DIAGNOSE_OPTIONS,
        options,
        DiagnoseOptions::set,
    )
}
