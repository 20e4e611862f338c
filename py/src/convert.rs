//! Core values as Python objects: `decimal.Decimal`, aware `datetime`, JSON values.

use alipay_notify::AlipayTime;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};
use serde_json::Value;

/// The `decimal.Decimal` class.
pub(crate) fn decimal(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// An aware `datetime` in China Standard Time (UTC+08:00), which every Alipay time is in.
pub(crate) fn shanghai_datetime<'py>(
    py: Python<'py>,
    time: &AlipayTime,
) -> PyResult<Bound<'py, PyAny>> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static CST: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let tz = CST.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        let datetime = py.import("datetime")?;
        let offset = datetime.getattr("timedelta")?.call1((0, 8 * 3600))?;
        Ok(datetime.getattr("timezone")?.call1((offset,))?.unbind())
    })?;
    // A leap second (:60, which datetime cannot hold) is read as :59.
    let second = time.second.min(59);
    DATETIME.import(py, "datetime", "datetime")?.call1((
        time.year,
        time.month,
        time.day,
        time.hour,
        time.minute,
        second,
        0,
        tz.bind(py),
    ))
}

/// A JSON value as Python objects (`dict`, `list`, `str`, `int`, `float`, `bool`, None).
pub(crate) fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => {
            let dict = PyDict::new(py);
            for (name, member) in members {
                dict.set_item(name, json_to_py(py, member)?)?;
            }
            dict.into_any()
        }
    })
}
