//! Ledger rows (`docs/ledger.md`) as `dict`s with the table's column names: the core builds
//! the row, this only converts it.

use crate::convert::json_to_py;
use crate::input;
use alipay_notify::{Error, ErrorKind, LedgerEntry};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// The core's row as a new `dict`.
pub(crate) fn to_dict<'py>(py: Python<'py>, entry: &LedgerEntry) -> PyResult<Bound<'py, PyDict>> {
    let value: serde_json::Value = serde_json::from_str(&entry.to_json())
        .map_err(|_| PyValueError::new_err("the ledger row did not convert"))?;
    Ok(json_to_py(py, &value)?.cast_into::<PyDict>()?)
}

/// The raw body a row is about: `bytes`, `bytearray`, `memoryview` or `str` (its UTF-8 bytes).
pub(crate) fn body_bytes(body: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    input::raw_bytes(body, "body")?
        .map(|raw| raw.into_owned())
        .ok_or_else(|| PyTypeError::new_err("body must be bytes or str (the raw body received)"))
}

/// The ledger row of a refused delivery: `verdict` `rejected`, the error's stable name, and
/// nothing copied from the unverified body but its digest. `error` is the exception raised
/// (an `AlipayNotifyError`) or a stable error name (`"INVALID_SIGNATURE"`).
#[pyfunction]
pub(crate) fn rejected_ledger_entry<'py>(
    py: Python<'py>,
    source: &str,
    body: &Bound<'py, PyAny>,
    error: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let name = if let Ok(name) = error.cast::<PyString>() {
        name.to_cow()?.into_owned()
    } else if error.is_instance(&py.get_type::<crate::error::AlipayNotifyError>())? {
        error.getattr(intern!(py, "name"))?.extract::<String>()?
    } else {
        return Err(PyTypeError::new_err(
            "error must be an AlipayNotifyError or a stable error name",
        ));
    };
    let kind = ErrorKind::from_name(&name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{} is not a stable error name (see alipay_notify.exceptions.BY_NAME)",
            alipay_notify::printable_quoted(name.as_bytes(), 64)
        ))
    })?;
    let body = body_bytes(body)?;
    let entry = LedgerEntry::rejected(source, &body, &Error::new(kind, ""));
    to_dict(py, &entry)
}
