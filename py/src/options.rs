//! Keyword arguments applied through the core's option tables: a keyword is the option of the
//! same (snake_case) name, its value is converted by the option's kind, and the core's `set`
//! judges it. So `Verifier`, `diagnose` and `sign` accept exactly the options of
//! `VERIFIER_OPTIONS`, `DIAGNOSE_OPTIONS` and `SIGNER_OPTIONS`, checked as in every binding.
//! A keyword given as None is the option's default.

use crate::error::{IntoPy, to_py};
use crate::input;
use alipay_notify::options::{self, OptionKind, OptionSpec, OptionValue, Spelling};
use alipay_notify::{Error, ErrorKind};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt};

/// The core's `set` of what the options configure (`VerifierBuilder::set`, ...).
pub(crate) type Set<T> = fn(T, &str, OptionValue) -> alipay_notify::Result<T>;

/// `target` with the keyword arguments `options` set, in the order given.
pub(crate) fn apply<T>(
    mut target: T,
    table: &'static [OptionSpec],
    options: Option<&Bound<'_, PyDict>>,
    set: Set<T>,
) -> PyResult<T> {
    for (name, value) in options.into_iter().flat_map(|options| options.iter()) {
        let name = input::str_text(&name, "an option name", ErrorKind::InvalidConfig)?;
        target = apply_one(target, table, &name, &value, set)?;
    }
    Ok(target)
}

/// `target` with the option `name` set to `value` (None: left at its default).
pub(crate) fn apply_one<T>(
    target: T,
    table: &'static [OptionSpec],
    name: &str,
    value: &Bound<'_, PyAny>,
    set: Set<T>,
) -> PyResult<T> {
    // Python's spelling only: the core also knows Node's camelCase, which is no keyword here.
    let spec = options::find_spelt(table, name, Spelling::SnakeCase).py_err()?;
    if value.is_none() {
        return Ok(target);
    }
    set(target, name, convert(spec, value)?).py_err()
}

/// The Python value of an option as the core's value of its kind.
fn convert(spec: &OptionSpec, value: &Bound<'_, PyAny>) -> PyResult<OptionValue> {
    let name = spec.name;
    Ok(match spec.kind {
        OptionKind::Key => OptionValue::Text(input::key_text(value, name)?),
        OptionKind::Keys => OptionValue::Texts(input::key_list(value, name)?),
        // A secret that cannot be text is a bad key, as a key that cannot be is.
        OptionKind::Secret => {
            OptionValue::Text(input::str_text(value, name, ErrorKind::InvalidKey)?)
        }
        OptionKind::Strings | OptionKind::Choices => {
            OptionValue::Texts(input::str_list(value, name)?)
        }
        OptionKind::Integer => OptionValue::Integer(integer(value, name)?),
        OptionKind::Time => OptionValue::Time(seconds(value, name)?),
        // String, Choice: one text.
        _ => OptionValue::Text(input::str_text(value, name, ErrorKind::InvalidConfig)?),
    })
}

/// An `int` as an i64: one too large for it is a configuration error rather than the
/// OverflowError of a machine integer; one too small is passed on as the smallest i64, which
/// the core refuses as negative.
fn integer(value: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    let value = value
        .cast::<PyInt>()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be an int")))?;
    value.extract::<i64>().or_else(|_| match value.lt(0)? {
        true => Ok(i64::MIN),
        false => Err(config(format!("{name} is too large"))),
    })
}

/// Seconds since 1970, rounded down: a `datetime` (its `timestamp()`), an `int` or a `float`.
fn seconds(value: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    let out_of_range = || config(format!("{name} is out of range"));
    if let Ok(int) = value.cast::<PyInt>() {
        return int.extract::<i64>().map_err(|_| out_of_range());
    }
    let seconds = match value.hasattr("timestamp")? {
        true => value.call_method0("timestamp")?,
        false => value.clone(),
    };
    let seconds = seconds
        .extract::<f64>()
        .map_err(|_| PyTypeError::new_err(format!("{name} must be a datetime or Unix seconds")))?
        .floor();
    // 2**63 is exactly a float; i64::MAX is not.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    match (-LIMIT..LIMIT).contains(&seconds) {
        true => Ok(seconds as i64),
        false => Err(out_of_range()),
    }
}

fn config(message: String) -> PyErr {
    to_py(Error::new(ErrorKind::InvalidConfig, message))
}

/// An option table as plain data, for `_native`: `(name, kind, values, default, requires,
/// meaning)` for each option, in the table's order.
pub(crate) type Row = (
    &'static str,
    &'static str,
    Vec<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

pub(crate) fn rows(table: &'static [OptionSpec]) -> Vec<Row> {
    table
        .iter()
        .map(|o| {
            let values = o.values.to_vec();
            (
                o.name,
                o.kind.as_str(),
                values,
                o.default,
                o.requires,
                o.meaning,
            )
        })
        .collect()
}
