//! OpenAPI v3: a response verified from its headers and raw body (`Verifier.verify_v3`, which
//! calls [`verify`]), `VerifiedV3Response`, and `V3Signer`, which builds a request's
//! `Authorization` header.

use crate::convert::json_to_py;
use crate::error::IntoPy;
use crate::input;
use crate::params;
use alipay_notify::{DiagnoseOptions, V3Headers, V3Request, Verifier};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

/// The most header bytes read from the caller's headers object: far above what any HTTP
/// server accepts, and a bound for a Mapping that iterates forever.
const HEADERS_MAX_SIZE: usize = 1 << 18;

/// The response's headers as the framework gives them: a Mapping (a `dict`, Django's
/// `request.headers`, `requests`' and `httpx`' headers), a list of `(name, value)` pairs, or
/// an object with `items()` such as `http.client.HTTPMessage`. Names match ignoring case in
/// the core; a name twice is refused there.
fn header_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    if let Some(pairs) = params::pairs(headers, HEADERS_MAX_SIZE)? {
        return Ok(pairs);
    }
    let items = headers
        .getattr(intern!(headers.py(), "items"))
        .ok()
        .filter(|items| items.is_callable());
    if let Some(items) = items {
        let listed = headers.py().get_type::<PyList>().call1((items.call0()?,))?;
        if let Some(pairs) = params::pairs(&listed, HEADERS_MAX_SIZE)? {
            return Ok(pairs);
        }
    }
    Err(PyTypeError::new_err(format!(
        "headers must be a Mapping of str to str (request.headers, response.headers), a list \
         of (name, value) pairs, or have items(), not {}",
        headers.get_type().name()?
    )))
}

/// `Verifier.verify_v3`: `headers` picked as the core picks them, `body` the raw bytes.
pub(crate) fn verify(
    py: Python<'_>,
    verifier: &Verifier,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    now_millis: Option<i64>,
) -> PyResult<VerifiedV3Response> {
    let pairs = header_pairs(headers)?;
    let body = input::raw_message(body, "body", verifier.max_size())?.ok_or_else(|| {
        PyTypeError::new_err("body must be bytes or str (the raw HTTP response body)")
    })?;
    let inner = crate::detached(py, || {
        let headers = V3Headers::from_pairs(pairs)?;
        match now_millis {
            Some(now) => verifier.verify_v3_at(&headers, &body, now),
            None => verifier.verify_v3(&headers, &body),
        }
    })?;
    Ok(VerifiedV3Response { inner })
}

/// `Verifier.diagnose_v3`: the headers and body read as by [`verify`], but the body at any
/// size (a body too large is a finding).
pub(crate) fn diagnose(
    py: Python<'_>,
    verifier: &Verifier,
    headers: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    options: &DiagnoseOptions,
) -> PyResult<alipay_notify::Diagnosis> {
    let pairs = header_pairs(headers)?;
    let body = input::raw_bytes(body, "body")?.ok_or_else(|| {
        PyTypeError::new_err("body must be bytes or str (the raw HTTP response body)")
    })?;
    crate::detached(py, || {
        let headers = V3Headers::from_pairs(pairs)?;
        verifier.diagnose_v3(&headers, &body, options)
    })
}

/// A v3 response whose signature verified: its body exactly as signed, and how it verified.
#[pyclass(frozen, module = "alipay_notify")]
pub struct VerifiedV3Response {
    inner: alipay_notify::VerifiedV3Response,
}

#[pymethods]
impl VerifiedV3Response {
    /// The body, byte for byte as signed.
    #[getter]
    fn body<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.body())
    }

    /// The body as text (MalformedInput when it is not UTF-8).
    #[getter]
    fn text(&self) -> PyResult<&str> {
        self.inner.text().py_err()
    }

    /// The body parsed as JSON, as a new object; a key twice is DuplicateParameter.
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner.json().py_err()?)
    }

    /// The signed `alipay-timestamp`, as sent (milliseconds since 1970).
    #[getter]
    fn timestamp(&self) -> &str {
        self.inner.timestamp()
    }

    /// `alipay-timestamp` as an int, when it is a number.
    #[getter]
    fn timestamp_millis(&self) -> Option<i64> {
        self.inner.timestamp_millis()
    }

    /// The signed `alipay-nonce`.
    #[getter]
    fn nonce(&self) -> &str {
        self.inner.nonce()
    }

    /// The `alipay-sn` header (certificate mode), as sent; it is not signed.
    #[getter]
    fn cert_sn(&self) -> Option<&str> {
        self.inner.cert_sn()
    }

    #[getter]
    fn key_index(&self) -> usize {
        self.inner.key_index()
    }

    #[getter]
    fn key_fingerprint(&self) -> &str {
        self.inner.key_fingerprint()
    }

    /// The exact bytes that were signed: `timestamp\nnonce\nbody\n`.
    #[getter]
    fn signed_content<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.signed_content())
    }

    fn __repr__(&self) -> String {
        format!(
            "<alipay_notify.VerifiedV3Response {} bytes key_index={}>",
            self.inner.body().len(),
            self.inner.key_index()
        )
    }
}

/// Builds the `Authorization` header of OpenAPI v3 requests for one app. Immutable, so one
/// instance serves every thread.
#[pyclass(frozen, module = "alipay_notify")]
pub struct V3Signer {
    inner: alipay_notify::V3Signer,
}

#[pymethods]
impl V3Signer {
    #[new]
    #[pyo3(signature = (private_key, app_id, app_cert_sn = None))]
    fn new(
        py: Python<'_>,
        private_key: &Bound<'_, PyAny>,
        app_id: &str,
        app_cert_sn: Option<&str>,
    ) -> PyResult<V3Signer> {
        let key = input::key_text(private_key, "private_key")?;
        let inner = crate::detached(py, || {
            alipay_notify::V3Signer::new(&key, app_id, app_cert_sn)
        })?;
        Ok(V3Signer { inner })
    }

    /// The value of the `Authorization` header for a request: `uri` is the path and query as
    /// sent, `body` its exact bytes (empty for GET). With `app_auth_token`, send it in the
    /// `alipay-app-auth-token` header too. `nonce` and `timestamp` (milliseconds) default to a
    /// random UUID and now.
    #[pyo3(signature = (method, uri, body = None, *, app_auth_token = None, nonce = None,
                        timestamp = None))]
    fn authorization(
        slf: PyRef<'_, Self>,
        method: &str,
        uri: &str,
        body: Option<&Bound<'_, PyAny>>,
        app_auth_token: Option<String>,
        nonce: Option<String>,
        timestamp: Option<i64>,
    ) -> PyResult<String> {
        let body = match body {
            None => Vec::new(),
            Some(body) => input::raw_bytes(body, "body")?
                .ok_or_else(|| PyTypeError::new_err("body must be bytes or str"))?
                .into_owned(),
        };
        let request = V3Request {
            method: method.into(),
            uri: uri.into(),
            body,
            app_auth_token,
            nonce,
            timestamp,
        };
        let inner = &slf.inner;
        crate::detached(slf.py(), || {
            inner.authorization(&request).map(|a| a.header())
        })
    }

    fn __repr__(&self) -> String {
        "<alipay_notify.V3Signer>".into()
    }
}
