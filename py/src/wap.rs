//! The legacy families' conversions: a 消息服务 message's `utc_timestamp` as an aware
//! `datetime` in UTC. (Legacy WAP notifications and app results are notifications like any.)

use crate::error::IntoPy;
use alipay_notify::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::IntoPyDict;

/// 9999-12-31T23:59:59.999Z, the last instant `datetime` holds; the core accepts up to 15
/// digits, which reach further.
const DATETIME_MAX_MS: i64 = 253_402_300_799_999;

/// `utc_timestamp` (milliseconds since 1970) as an aware `datetime` in UTC, or None.
pub(crate) fn utc_datetime<'py>(
    py: Python<'py>,
    millis: alipay_notify::Result<Option<i64>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let Some(ms) = millis.py_err()? else {
        return Ok(None);
    };
    if ms > DATETIME_MAX_MS {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            "utc_timestamp is after the year 9999, which datetime cannot hold",
        ))
        .py_err();
    }
    let module = py.import("datetime")?;
    let epoch = EPOCH.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let utc = module.getattr("timezone")?.getattr("utc")?;
        Ok(module
            .getattr("datetime")?
            .call1((1970, 1, 1, 0, 0, 0, 0, utc))?
            .unbind())
    })?;
    // The epoch plus a timedelta of whole milliseconds: exact, where a float would round.
    let delta = module
        .getattr("timedelta")?
        .call((), Some(&[("milliseconds", ms)].into_py_dict(py)?))?;
    Ok(Some(epoch.bind(py).add(delta)?))
}
