//! Messages as the caller passed them: raw bytes or text, or parameters a framework already
//! parsed (a Mapping or a list of pairs). Parsed parameters are read under the byte budget
//! the core would apply (`max_size`), counted while iterating: a Mapping can report any
//! `len()` and iterate forever, and a value can nest lists without end, so nothing is sized
//! from `len()` and nothing recurses.

use crate::error::to_py;
use crate::input::{raw_message, text};
use alipay_notify::{Error, ErrorKind, PairBudget};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyTuple, PyType};
use std::borrow::Cow;

/// The budget of `sign` and `signed_form`, which have no verifier: a gateway request with
/// the largest `biz_content` (a batch of a thousand transfers) is a few hundred KiB.
pub(crate) const SIGN_MAX_SIZE: usize = 1 << 20;

/// A message as the caller passed it: raw bytes (borrowed from a `bytes` object, which is
/// immutable) or text, or parameters a framework already parsed.
pub(crate) enum Message<'a> {
    Raw(Cow<'a, [u8]>),
    Pairs(Vec<(String, String)>),
}

impl Message<'_> {
    /// The message as the core takes it.
    pub(crate) fn as_core(&self) -> alipay_notify::Message<'_> {
        match self {
            Message::Raw(raw) => alipay_notify::Message::Raw(raw),
            Message::Pairs(pairs) => alipay_notify::Message::Pairs(pairs),
        }
    }
}

/// A body, query or parameter set: `bytes | str | Mapping[str, str] | Sequence[tuple[str, str]]`,
/// at most `max_size` bytes.
pub(crate) fn message<'a>(
    obj: &'a Bound<'_, PyAny>,
    what: &str,
    max_size: usize,
) -> PyResult<Message<'a>> {
    if let Some(raw) = raw_message(obj, what, max_size)? {
        return Ok(Message::Raw(raw));
    }
    if let Some(pairs) = pairs(obj, max_size)? {
        return Ok(Message::Pairs(pairs));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be bytes (the raw body), str, a Mapping of str to str, or a list of \
         (name, value) pairs, not {}",
        obj.get_type().name()?
    )))
}

/// `collections.abc.Mapping`.
fn mapping_abc(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static MAPPING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    MAPPING.import(py, "collections.abc", "Mapping")
}

/// Parameters from a Mapping (a `dict`, Django's `QueryDict`, Werkzeug's `MultiDict`) or a
/// list or tuple of pairs, at most `max_size` bytes; `None` for anything else. A name with
/// several values is refused, never flattened: Alipay sends each parameter once, so a second
/// value was added on the way.
pub(crate) fn pairs(
    obj: &Bound<'_, PyAny>,
    max_size: usize,
) -> PyResult<Option<Vec<(String, String)>>> {
    let mut budget = PairBudget::new(max_size);
    // The items of a list or tuple themselves, whatever a subclass's __iter__ or __len__ say.
    if let Ok(list) = obj.cast::<PyList>() {
        return listed_pairs(list.iter(), &mut budget).map(Some);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return listed_pairs(tuple.iter(), &mut budget).map(Some);
    }
    if !obj.is_instance(mapping_abc(obj.py())?)? {
        return Ok(None);
    }
    mapping_pairs(obj, &mut budget).map(Some)
}

fn listed_pairs<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    budget: &mut PairBudget,
) -> PyResult<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for item in items {
        pairs.push(pair_of(&item, budget)?);
    }
    Ok(pairs)
}

fn mapping_pairs(
    mapping: &Bound<'_, PyAny>,
    budget: &mut PairBudget,
) -> PyResult<Vec<(String, String)>> {
    // Multi-value dicts answer `[name]` with one of the values: ask for all of them.
    let getlist = mapping
        .getattr(intern!(mapping.py(), "getlist"))
        .ok()
        .filter(|f| f.is_callable());
    let mut pairs = Vec::new();
    for name in mapping.try_iter()? {
        budget.spend(2).map_err(to_py)?;
        let name = name?;
        let name_text = name_of(&name, budget)?;
        let value = match &getlist {
            Some(getlist) => one_value(&name_text, &getlist.call1((&name,))?)?,
            None => value_of(&name_text, &mapping.get_item(&name)?)?,
        };
        budget.spend(value.len()).map_err(to_py)?;
        pairs.push((name_text, value));
    }
    Ok(pairs)
}

fn pair_of(item: &Bound<'_, PyAny>, budget: &mut PairBudget) -> PyResult<(String, String)> {
    budget.spend(2).map_err(to_py)?;
    let not_a_pair = || PyTypeError::new_err("a parameter list must hold (name, value) pairs");
    let tuple = item.cast::<PyTuple>().map_err(|_| not_a_pair())?;
    if tuple.len() != 2 {
        return Err(not_a_pair());
    }
    let name = name_of(&tuple.get_item(0)?, budget)?;
    let value = value_of(&name, &tuple.get_item(1)?)?;
    budget.spend(value.len()).map_err(to_py)?;
    Ok((name, value))
}

fn name_of(name: &Bound<'_, PyAny>, budget: &mut PairBudget) -> PyResult<String> {
    let name = name
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err("parameter names must be str"))?;
    let name = text(
        name,
        ErrorKind::MalformedInput,
        "a parameter name is not valid text: it holds a lone surrogate",
    )?;
    budget.spend(name.len()).map_err(to_py)?;
    Ok(name)
}

/// A value: a `str`, or a list or tuple holding exactly one `str` (as `parse_qs` gives).
/// Nothing deeper: a list in a list is no form value.
fn value_of(name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return value_text(name, s);
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        return one_value(name, value);
    }
    Err(wrong_value(name, value))
}

/// The only value of a `getlist` answer or a `parse_qs` list: none is the empty string.
fn one_value(name: &str, values: &Bound<'_, PyAny>) -> PyResult<String> {
    let first_and_count = if let Ok(list) = values.cast::<PyList>() {
        (list.iter().next(), list.len())
    } else if let Ok(tuple) = values.cast::<PyTuple>() {
        (tuple.iter().next(), tuple.len())
    } else {
        return Err(wrong_value(name, values));
    };
    match first_and_count {
        (_, 0) | (None, _) => Ok(String::new()),
        (Some(value), 1) => match value.cast::<PyString>() {
            Ok(s) => value_text(name, s),
            Err(_) => Err(wrong_value(name, &value)),
        },
        (_, n) => Err(to_py(Error::new(
            ErrorKind::DuplicateParameter,
            format!(
                "parameter {:?} has {n} values; Alipay sends each once, so the others were \
                 added on the way (query and body merged?): pass the raw body instead",
                printable(name)
            ),
        ))),
    }
}

fn value_text(name: &str, value: &Bound<'_, PyString>) -> PyResult<String> {
    text(
        value,
        ErrorKind::MalformedInput,
        &format!(
            "the value of parameter {:?} is not valid text: it holds a lone surrogate",
            printable(name)
        ),
    )
}

fn wrong_value(name: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let kind = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!(
        "the value of parameter {:?} must be str or a list holding one str, not {kind}",
        printable(name)
    ))
}

/// At most 40 characters of a parameter name for a message.
fn printable(name: &str) -> String {
    name.chars().take(40).collect()
}
