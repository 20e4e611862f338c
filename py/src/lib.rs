//! The `alipay_notify._native` extension module: conversion glue between Python and the
//! `alipay-notify` core, which holds every rule. The public API is re-exported by the pure
//! Python package `alipay_notify`; its exceptions are plain Python (`alipay_notify.exceptions`).
//!
//! Arguments are extracted while attached to the interpreter; the core then runs detached
//! ([`detached`]), so threads verify in parallel, and a panic becomes `PanicError` instead of
//! unwinding into Python.

mod convert;
mod diagnose;
mod error;
mod input;
mod ledger;
mod notification;
mod options;
mod params;
mod reconcile;
mod response;
mod sign;
mod v3;
mod verifier;
mod wap;

// AES-encrypted content (encrypt_type=AES), open data, 生活号 encrypted biz_content.
mod aes;

use alipay_notify::options::{DIAGNOSE_OPTIONS, SIGNER_OPTIONS, VERIFIER_OPTIONS};
use alipay_notify::{Error, ErrorGroup, ErrorKind};
use error::{IntoPy, to_py};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Runs core work detached from the interpreter, turning a panic into `ErrorKind::Panic`.
pub(crate) fn detached<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> alipay_notify::Result<T> + Send,
{
    py.detach(|| {
        catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown payload".into());
            Err(Error::new(
                ErrorKind::Panic,
                format!("a panic was caught: {what}; please report it"),
            ))
        })
    })
    .py_err()
}

/// The SN of a certificate (`app_cert_sn`, or the `alipay_cert_sn` of Alipay's certificate).
#[pyfunction]
fn cert_sn(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<String> {
    let pem = input::key_text(pem, "the certificate")?;
    detached(py, || alipay_notify::cert_sn(&pem))
}

/// The `alipay_root_cert_sn` of Alipay's root bundle (`alipayRootCert.crt`).
#[pyfunction]
fn root_cert_sn(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<String> {
    let pem = input::key_text(pem, "the root bundle")?;
    detached(py, || alipay_notify::root_cert_sn(&pem))
}

/// The URL of the legacy mapi `notify_verify` check; GET it and pass the answer to
/// `check_notify_verify_answer`.
#[pyfunction]
#[pyo3(signature = (partner, notify_id, gateway = None))]
fn notify_verify_url(partner: &str, notify_id: &str, gateway: Option<&str>) -> PyResult<String> {
    alipay_notify::legacy::notify_verify_url(gateway, partner, notify_id).py_err()
}

/// Reads the body `notify_verify` answered: returns for `true`, raises NotifyVerifyRejected,
/// NotifyVerifyInvalid or NotifyVerifyUnexpected otherwise.
#[pyfunction]
fn check_notify_verify_answer(answer: &Bound<'_, PyAny>) -> PyResult<()> {
    let raw = input::raw_bytes(answer, "answer")?
        .ok_or_else(|| PyTypeError::new_err("answer must be bytes or str"))?;
    alipay_notify::legacy::classify_notify_verify(&String::from_utf8_lossy(&raw)).py_err()
}

/// The exception object for an error code, as a verification would raise it (for tests of
/// the one-to-one mapping, including kinds Python cannot trigger).
#[pyfunction]
fn _error_for(py: Python<'_>, code: i32, message: &str) -> PyResult<Py<PyAny>> {
    let kind = ErrorKind::from_code(code)
        .ok_or_else(|| PyValueError::new_err(format!("no error has code {code}")))?;
    Ok(to_py(Error::new(kind, message)).into_value(py).into_any())
}

#[pymodule(gil_used = false)]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<verifier::Verifier>()?;
    m.add_class::<notification::Notification>()?;
    m.add_class::<response::VerifiedResponse>()?;
    m.add_class::<diagnose::Diagnosis>()?;
    m.add_class::<diagnose::Finding>()?;
    m.add_class::<v3::VerifiedV3Response>()?;
    m.add_class::<v3::V3Signer>()?;
    m.add_function(wrap_pyfunction!(sign::sign, m)?)?;
    m.add_function(wrap_pyfunction!(sign::signed_form, m)?)?;
    m.add_function(wrap_pyfunction!(cert_sn, m)?)?;
    m.add_function(wrap_pyfunction!(root_cert_sn, m)?)?;
    m.add_function(wrap_pyfunction!(notify_verify_url, m)?)?;
    m.add_function(wrap_pyfunction!(check_notify_verify_answer, m)?)?;
    m.add_function(wrap_pyfunction!(_error_for, m)?)?;
    // The notification ledger and reconciliation (docs/ledger.md).
    m.add_class::<reconcile::TradeRequest>()?;
    m.add_class::<reconcile::TradeResult>()?;
    m.add_function(wrap_pyfunction!(ledger::rejected_ledger_entry, m)?)?;
    // AES-encrypted content.
    m.add_class::<aes::OpenData>()?;
    m.add_function(wrap_pyfunction!(aes::decrypt, m)?)?;
    m.add("SUCCESS", alipay_notify::SUCCESS)?;
    m.add("FAIL", alipay_notify::FAIL)?;
    m.add("VERSION", alipay_notify::VERSION)?;
    m.add("BACKEND", alipay_notify::BACKEND)?;
    add_tables(m)
}

/// The core's tables as plain data: the errors, from which `alipay_notify.exceptions` is
/// generated and checked, and the options, whose names are the keyword arguments (a test
/// checks it).
fn add_tables(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let kinds: Vec<_> = ErrorKind::ALL
        .iter()
        .map(|k| {
            let (category, group) = (k.category().name(), k.group().name());
            (k.code(), k.name(), category, group, k.summary())
        })
        .collect();
    m.add("ERROR_KINDS", kinds)?;
    let groups: Vec<&str> = ErrorGroup::ALL.iter().map(|g| g.name()).collect();
    m.add("ERROR_GROUPS", groups)?;
    m.add("VERIFIER_OPTIONS", options::rows(VERIFIER_OPTIONS))?;
    m.add("DIAGNOSE_OPTIONS", options::rows(DIAGNOSE_OPTIONS))?;
    m.add("SIGNER_OPTIONS", options::rows(SIGNER_OPTIONS))?;
    Ok(())
}
