//! Python arguments to core inputs, extracted while attached to the interpreter so the core
//! can run detached from it.

use crate::error::to_py;
use alipay_notify::{Error, ErrorKind, Result};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMapping, PyMemoryView, PyString, PyTuple};
use std::borrow::Cow;

/// A message as the caller passed it: raw bytes (borrowed from a `bytes` object, which is
/// immutable) or text, or parameters a framework already parsed.
pub(crate) enum Message<'a> {
    Raw(Cow<'a, [u8]>),
    Pairs(Vec<(String, String)>),
}

/// `bytes`, `bytearray`, `memoryview` or `str` (its UTF-8 bytes), for raw bodies and key or
/// certificate text; `None` when `obj` is none of them.
pub(crate) fn raw_bytes<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<Cow<'a, [u8]>>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Some(Cow::Borrowed(bytes.as_bytes())));
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(Some(Cow::Owned(text.to_cow()?.into_owned().into_bytes())));
    }
    if let Ok(array) = obj.cast::<PyByteArray>() {
        return Ok(Some(Cow::Owned(array.to_vec())));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let copy = obj.py().get_type::<PyBytes>().call1((obj,))?;
        return Ok(Some(Cow::Owned(
            copy.cast::<PyBytes>()?.as_bytes().to_vec(),
        )));
    }
    Ok(None)
}

/// A body, query or parameter set: `bytes | str | Mapping[str, str] | Sequence[tuple[str, str]]`.
pub(crate) fn message<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Message<'a>> {
    if let Some(raw) = raw_bytes(obj)? {
        return Ok(Message::Raw(raw));
    }
    if let Some(pairs) = pairs(obj)? {
        return Ok(Message::Pairs(pairs));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes (the raw body), str, a Mapping of str to str, or a list of \
         (name, value) pairs, not {}",
        obj.get_type().name()?
    )))
}

/// Parameters from a Mapping (a `dict`, Django's `QueryDict`, Werkzeug's `MultiDict`) or a
/// sequence of pairs; `None` for anything else. A name with several values is refused, never
/// flattened: Alipay sends each parameter once, so a second value was added on the way.
pub(crate) fn pairs(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<(String, String)>>> {
    if let Ok(mapping) = obj.cast::<PyMapping>() {
        // Multi-value dicts answer `[name]` with one of the values: ask for all of them.
        let getlist = obj.getattr("getlist").ok().filter(|f| f.is_callable());
        let mut pairs = Vec::with_capacity(mapping.len()?);
        for name in obj.try_iter()? {
            let name = name?;
            let name_text = name_of(&name)?;
            let value = match &getlist {
                Some(getlist) => {
                    let values = getlist.call1((&name,))?;
                    one_value(&name_text, &values)?
                }
                None => value_of(&name_text, &mapping.get_item(&name)?)?,
            };
            pairs.push((name_text, value));
        }
        return Ok(Some(pairs));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut pairs = Vec::with_capacity(obj.len()?);
        for item in obj.try_iter()? {
            let item = item?;
            let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                item.extract().map_err(|_| {
                    PyTypeError::new_err("a parameter list must hold (name, value) pairs")
                })?;
            let name = name_of(&name)?;
            let value = value_of(&name, &value)?;
            pairs.push((name, value));
        }
        return Ok(Some(pairs));
    }
    Ok(None)
}

fn name_of(name: &Bound<'_, PyAny>) -> PyResult<String> {
    name.cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("parameter names must be str"))?
        .to_cow()
        .map(Cow::into_owned)
}

/// A value: a `str`, or a list holding exactly one (as `parse_qs` gives).
fn value_of(name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return one_value(name, value);
    }
    Err(PyTypeError::new_err(format!(
        "the value of parameter {name:?} must be str, not {}",
        value.get_type().name()?
    )))
}

fn one_value(name: &str, values: &Bound<'_, PyAny>) -> PyResult<String> {
    match values.len()? {
        0 => Ok(String::new()),
        1 => value_of(name, &values.get_item(0)?),
        n => Err(to_py(Error::new(
            ErrorKind::DuplicateParameter,
            format!(
                "parameter {:?} has {n} values; Alipay sends each once, so the others were \
                 added on the way (query and body merged?): pass the raw body instead",
                printable(name)
            ),
        ))),
    }
}

/// At most 40 characters of a parameter name for a message.
fn printable(name: &str) -> String {
    name.chars().take(40).collect()
}

/// Key or certificate text: `str` or `bytes` (UTF-8; PEM and base64 are ASCII).
pub(crate) fn key_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let Some(raw) = raw_bytes(obj)? else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be str or bytes, not {}",
            obj.get_type().name()?
        )));
    };
    String::from_utf8(raw.into_owned()).map_err(|_| {
        to_py(Error::new(
            ErrorKind::InvalidKey,
            format!("{what} is not text (PEM or base64 expected)"),
        ))
    })
}

/// One key text or a list of them; `None` is no key.
pub(crate) fn key_list(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return obj.try_iter()?.map(|item| key_text(&item?, what)).collect();
    }
    Ok(vec![key_text(obj, what)?])
}

/// One string or a list of them (`sign_types`, `seller_id`, `app_public_keys`); `None` is none.
pub(crate) fn str_list(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Vec<String>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(vec![text.to_cow()?.into_owned()]);
    }
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what} must be a str or a list of str")))?
        .map(|item| {
            item?
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("{what} must hold str values")))?
                .to_cow()
                .map(Cow::into_owned)
        })
        .collect()
}

/// An option value parsed by the core, whose errors become `InvalidConfig`.
pub(crate) fn option<T>(what: &str, parsed: Result<T>) -> PyResult<T> {
    parsed.map_err(|e| {
        to_py(Error::new(
            ErrorKind::InvalidConfig,
            format!("{what}: {}", e.message()),
        ))
    })
}
