//! `alipay_notify.Verifier`: built once from the merchant's configuration, shared by every
//! thread of the server.

use crate::diagnose::Diagnosis;
use crate::error::{IntoPy, to_py};
use crate::input;
use crate::notification::Notification;
use crate::params::{self, Message};
use crate::response::VerifiedResponse;
use alipay_notify::{
    Charset, DEFAULT_MAX_SIZE, DEFAULT_MIN_KEY_BITS, DiagnoseOptions, ErrorKind, MessageKind, Rule,
    SignType, VerifierBuilder,
};
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

// The signature's defaults are literals, so Python's introspection shows them; they are the
// core's.
const _: () = assert!(DEFAULT_MAX_SIZE == 65536 && DEFAULT_MIN_KEY_BITS == 2048);

/// Verifies Alipay notifications, return_url queries and API responses. Immutable, so one
/// instance serves every thread; verification runs without the GIL.
#[pyclass(frozen, module = "alipay_notify")]
pub struct Verifier {
    inner: alipay_notify::Verifier,
    /// Kept for `diagnose`, which rebuilds lenient variants of this configuration.
    builder: VerifierBuilder,
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (
        alipay_public_key = None,
        *,
        sign_types = None,
        rule = None,
        app_id = None,
        seller_id = None,
        allow_embedded_pairs = None,
        md5_key = None,
        max_size = None,
        min_key_bits = None,
        default_charset = None,
        check_certificates = None,
        check_certificates_at = None,
    ),
    // `None` means the core's default, which Python's introspection shows.
    text_signature = "(alipay_public_key=None, *, sign_types=['RSA2'], rule='auto', app_id=None, \
                      seller_id=None, allow_embedded_pairs=None, md5_key=None, max_size=65536, \
                      min_key_bits=2048, default_charset='utf-8', check_certificates=None, \
                      check_certificates_at=None)")]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        alipay_public_key: Option<&Bound<'_, PyAny>>,
        sign_types: Option<&Bound<'_, PyAny>>,
        rule: Option<&Bound<'_, PyString>>,
        app_id: Option<&Bound<'_, PyString>>,
        seller_id: Option<&Bound<'_, PyAny>>,
        allow_embedded_pairs: Option<&Bound<'_, PyAny>>,
        md5_key: Option<&Bound<'_, PyString>>,
        max_size: Option<&Bound<'_, PyAny>>,
        min_key_bits: Option<&Bound<'_, PyAny>>,
        default_charset: Option<&Bound<'_, PyString>>,
        check_certificates: Option<&Bound<'_, PyAny>>,
        check_certificates_at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verifier> {
        // Option values are parsed by the core: a bad one is INVALID_CONFIG, as in every
        // binding.
        let config = ErrorKind::InvalidConfig;
        let mut builder = alipay_notify::Verifier::builder()
            .public_keys(input::key_list(alipay_public_key, "alipay_public_key")?)
            .max_size(count("max_size", max_size, DEFAULT_MAX_SIZE)?)
            .min_key_bits(count("min_key_bits", min_key_bits, DEFAULT_MIN_KEY_BITS)?);
        if let Some(rule) = input::option_text(rule, "rule", config)? {
            builder = builder.rule(rule.parse::<Rule>().py_err()?);
        }
        if let Some(label) = input::option_text(default_charset, "default_charset", config)? {
            builder = builder.default_charset(label.parse::<Charset>().py_err()?);
        }
        if sign_types.is_some_and(|s| !s.is_none()) {
            let names = input::str_list(sign_types, "sign_types")?;
            let types = names
                .iter()
                .map(|name| name.parse::<SignType>().py_err())
                .collect::<PyResult<Vec<_>>>()?;
            builder = builder.sign_types(types);
        }
        if let Some(app_id) = input::option_text(app_id, "app_id", config)? {
            builder = builder.app_id(app_id);
        }
        for seller in input::str_list(seller_id, "seller_id")? {
            builder = builder.seller_id(seller);
        }
        for field in input::str_list(allow_embedded_pairs, "allow_embedded_pairs")? {
            builder = builder.allow_embedded_pairs(field);
        }
        if let Some(key) = input::option_text(md5_key, "md5_key", ErrorKind::InvalidKey)? {
            builder = builder.md5_key(key);
        }
        if let Some(root) = check_certificates.filter(|r| !r.is_none()) {
            let root = input::key_text(root, "check_certificates")?;
            builder = match check_certificates_at.filter(|a| !a.is_none()) {
                Some(at) => builder.check_certificates_at(root, system_time(at)?),
                None => builder.check_certificates(root),
            };
        } else if check_certificates_at.is_some_and(|a| !a.is_none()) {
            return Err(to_py(alipay_notify::Error::new(
                config,
                "check_certificates_at needs check_certificates (Alipay's root bundle)",
            )));
        }
        let inner = crate::detached(py, {
            let builder = builder.clone();
            move || builder.build()
        })?;
        Ok(Verifier { inner, builder })
    }

    /// Verifies a notify_url POST. Pass the raw body (`request.body`), not a re-encoded form.
    fn verify_notify(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Notification> {
        self.verify(py, body, MessageKind::Notify, "body")
    }

    /// Verifies a return_url redirect from its raw query string (with or without `?`) or URL.
    fn verify_return(&self, py: Python<'_>, query: &Bound<'_, PyAny>) -> PyResult<Notification> {
        self.verify(py, query, MessageKind::Return, "query")
    }

    /// True when the message verifies; False only for `InvalidSignature` (and its subclass
    /// `AmbiguousSignedContent`: genuine bytes read as other parameters). Every other
    /// error (malformed input, business mismatch, configuration) is still raised.
    #[pyo3(signature = (body, kind = "notify"))]
    fn is_valid(&self, py: Python<'_>, body: &Bound<'_, PyAny>, kind: &str) -> PyResult<bool> {
        match self.verify(py, body, message_kind(kind)?, "body") {
            Ok(_) => Ok(true),
            Err(err) if err.is_instance_of::<crate::error::InvalidSignature>(py) => Ok(false),
            Err(err) => Err(err),
        }
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

    /// Explains why a message does or does not verify with this configuration. Raises only
    /// for configuration errors (a bad app key); every problem of the message is a finding.
    #[pyo3(signature = (body, *, app_public_keys = None, app_private_key = None, kind = None))]
    fn diagnose(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        app_public_keys: Option<&Bound<'_, PyAny>>,
        app_private_key: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyString>>,
    ) -> PyResult<Diagnosis> {
        let raw = input::raw_bytes(body, "body")?.ok_or_else(|| {
            PyTypeError::new_err("diagnose needs the raw body or query, as bytes or str")
        })?;
        let options = DiagnoseOptions {
            app_public_keys: input::key_list(app_public_keys, "app_public_keys")?,
            app_private_key: app_private_key
                .filter(|k| !k.is_none())
                .map(|k| input::key_text(k, "app_private_key"))
                .transpose()?,
            kind: input::option_text(kind, "kind", ErrorKind::InvalidConfig)?
                .map(|kind| message_kind(&kind))
                .transpose()?,
        };
        let builder = &self.builder;
        crate::detached(py, || alipay_notify::diagnose(&raw, builder, &options))
            .map(Diagnosis::from)
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
    fn verify(
        &self,
        py: Python<'_>,
        message: &Bound<'_, PyAny>,
        kind: MessageKind,
        what: &str,
    ) -> PyResult<Notification> {
        let message = params::message(message, what, self.inner.max_size())?;
        let inner = &self.inner;
        crate::detached(py, || match (&message, kind) {
            (Message::Raw(raw), MessageKind::Notify) => inner.verify_notify(raw),
            (Message::Raw(raw), MessageKind::Return) => inner.verify_return(raw),
            (Message::Pairs(pairs), kind) => inner.verify_pairs(pairs, kind),
        })
        .map(Notification::from)
    }
}

/// A size option, `default` when None: negative or huge values are configuration errors,
/// like the core's zero, rather than the OverflowError of a machine integer.
fn count(what: &str, value: Option<&Bound<'_, PyAny>>, default: usize) -> PyResult<usize> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(default);
    };
    let value = value
        .cast::<PyInt>()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be an int")))?;
    value.extract::<usize>().or_else(|_| {
        let problem = match value.lt(0)? {
            true => "must not be negative",
            false => "is too large",
        };
        Err(to_py(alipay_notify::Error::new(
            ErrorKind::InvalidConfig,
            format!("{what} {problem}"),
        )))
    })
}

/// A bad `kind` is an option error: `InvalidConfig` (a `ValueError`), as in every binding.
fn message_kind(kind: &str) -> PyResult<MessageKind> {
    match kind {
        "notify" => Ok(MessageKind::Notify),
        "return" => Ok(MessageKind::Return),
        other => Err(to_py(alipay_notify::Error::new(
            ErrorKind::InvalidConfig,
            format!(
                "kind must be \"notify\" or \"return\", not {}",
                alipay_notify::printable_quoted(other.as_bytes(), 20)
            ),
        ))),
    }
}

/// A `datetime` (its `timestamp()`) or Unix seconds.
fn system_time(at: &Bound<'_, PyAny>) -> PyResult<SystemTime> {
    let out_of_range = || {
        to_py(alipay_notify::Error::new(
            ErrorKind::InvalidConfig,
            "check_certificates_at is out of range",
        ))
    };
    let seconds = match at.hasattr("timestamp")? {
        true => at.call_method0("timestamp")?,
        false => at.clone(),
    };
    let seconds = seconds.extract::<f64>().map_err(|e| {
        // An int too large for a float.
        if e.is_instance_of::<PyOverflowError>(at.py()) {
            return out_of_range();
        }
        PyTypeError::new_err("check_certificates_at must be a datetime or Unix seconds")
    })?;
    let offset = Duration::try_from_secs_f64(seconds.abs()).map_err(|_| out_of_range())?;
    let at = match seconds < 0.0 {
        true => UNIX_EPOCH.checked_sub(offset),
        false => UNIX_EPOCH.checked_add(offset),
    };
    at.ok_or_else(out_of_range)
}
