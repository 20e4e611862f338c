//! Python arguments to core inputs, extracted while attached to the interpreter so the core
//! can run detached from it. The caller's objects are not trusted: nothing is sized from
//! `len()`, and every iteration is bounded, so a lying or endless object gets an exception.

use crate::error::to_py;
use alipay_notify::{Error, ErrorKind};
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString, PyTuple};
use std::borrow::Cow;

/// How many entries an option list (`sign_types`, `seller_id`, keys) may have: far more than
/// any configuration needs, and a bound for a generator that never ends.
const MAX_OPTION_ITEMS: usize = 10_000;

/// A `str` as Rust text. A lone surrogate, which UTF-8 cannot hold, is the core error
/// `kind` with `message` rather than the codec's exception.
pub(crate) fn text(s: &Bound<'_, PyString>, kind: ErrorKind, message: &str) -> PyResult<String> {
    match s.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(e) if e.is_instance_of::<PyUnicodeEncodeError>(s.py()) => {
            Err(to_py(Error::new(kind, message)))
        }
        Err(e) => Err(e),
    }
}

/// `bytes`, `bytearray`, `memoryview` or `str` (its UTF-8 bytes), for raw bodies and key or
/// certificate text; `None` when `obj` is none of them. `what` names it in errors.
pub(crate) fn raw_bytes<'a>(
    obj: &'a Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Option<Cow<'a, [u8]>>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Some(Cow::Borrowed(bytes.as_bytes())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let message = format!("{what} is not valid text: it holds a lone surrogate");
        return Ok(Some(Cow::Owned(
            text(s, ErrorKind::MalformedInput, &message)?.into_bytes(),
        )));
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

/// [`raw_bytes`] for a message to verify: one over `max_size` is refused before it is copied
/// (a memoryview can map a file larger than memory).
pub(crate) fn raw_message<'a>(
    obj: &'a Bound<'_, PyAny>,
    what: &str,
    max_size: usize,
) -> PyResult<Option<Cow<'a, [u8]>>> {
    let py = obj.py();
    let (size, unit) = if let Ok(array) = obj.cast::<PyByteArray>() {
        (array.len(), "bytes")
    } else if obj.is_instance_of::<PyMemoryView>() {
        (obj.getattr(intern!(py, "nbytes"))?.extract()?, "bytes")
    } else if obj.is_instance_of::<PyString>() {
        // str.__len__ itself, which a subclass cannot override: a lower bound of the UTF-8
        // size.
        let len = py
            .get_type::<PyString>()
            .call_method1(intern!(py, "__len__"), (obj,))?;
        (len.extract()?, "characters")
    } else {
        (0, "bytes")
    };
    if size > max_size {
        return Err(to_py(Error::new(
            ErrorKind::InputTooLarge,
            format!("{what} is {size} {unit}, over the limit of {max_size} bytes"),
        )));
    }
    raw_bytes(obj, what)
}

/// The items of a list, tuple or other iterable, at most `max` of them: `Err` with `too_many`
/// past that. Lists and tuples are read directly, whatever their `__iter__` claims.
pub(crate) fn bounded_items<'py>(
    obj: &Bound<'py, PyAny>,
    max: usize,
    too_many: impl Fn() -> PyErr,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let mut items = Vec::new();
    let mut push = |item: Bound<'py, PyAny>| {
        if items.len() == max {
            return Err(too_many());
        }
        items.push(item);
        Ok(())
    };
    if let Ok(list) = obj.cast::<PyList>() {
        for item in list.iter() {
            push(item)?;
        }
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        for item in tuple.iter() {
            push(item)?;
        }
    } else {
        for item in obj.try_iter()? {
            push(item?)?;
        }
    }
    Ok(items)
}

fn too_many_options(what: &str) -> impl Fn() -> PyErr + '_ {
    move || {
        to_py(Error::new(
            ErrorKind::InvalidConfig,
            format!("{what} has more than {MAX_OPTION_ITEMS} entries"),
        ))
    }
}

/// Key or certificate text: `str` or `bytes` (UTF-8; PEM and base64 are ASCII).
pub(crate) fn key_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let not_text = format!("{what} is not text (PEM or base64 expected)");
    if let Ok(s) = obj.cast::<PyString>() {
        return text(s, ErrorKind::InvalidKey, &not_text);
    }
    let Some(raw) = raw_bytes(obj, what)? else {
        return Err(PyTypeError::new_err(format!(
            "{what} must be str or bytes, not {}",
            obj.get_type().name()?
        )));
    };
    String::from_utf8(raw.into_owned())
        .map_err(|_| to_py(Error::new(ErrorKind::InvalidKey, not_text)))
}

/// One key text or a list of them.
pub(crate) fn key_list(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return bounded_items(obj, MAX_OPTION_ITEMS, too_many_options(what))?
            .iter()
            .map(|item| key_text(item, what))
            .collect();
    }
    Ok(vec![key_text(obj, what)?])
}

/// One string or a list of them (`sign_types`, `seller_id`).
pub(crate) fn str_list(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    let not_text = format!("{what} holds a lone surrogate");
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(vec![text(s, ErrorKind::InvalidConfig, &not_text)?]);
    }
    if obj.is_instance_of::<PyBytes>() || !obj.hasattr(intern!(obj.py(), "__iter__"))? {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a str or a list of str"
        )));
    }
    bounded_items(obj, MAX_OPTION_ITEMS, too_many_options(what))?
        .iter()
        .map(|item| {
            let s = item
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("{what} must hold str values")))?;
            text(s, ErrorKind::InvalidConfig, &not_text)
        })
        .collect()
}

/// A `str` option (`rule`, `app_id`, `md5_key`, ...). A lone surrogate, which no option value
/// can hold, is the configuration error `kind` like any other bad value of the option, rather
/// than the codec's exception.
pub(crate) fn str_text(obj: &Bound<'_, PyAny>, what: &str, kind: ErrorKind) -> PyResult<String> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let found = obj.get_type().name().map(|n| n.to_string());
        PyTypeError::new_err(format!(
            "{what} must be a str, not {}",
            found.as_deref().unwrap_or("?")
        ))
    })?;
    text(s, kind, &format!("{what} holds a lone surrogate"))
}
