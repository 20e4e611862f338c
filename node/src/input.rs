//! JavaScript inputs as core inputs: raw bytes, key text, and parameter objects.

use crate::error::{IntoJs, Result, error};
use alipay_notify::ErrorKind;
use napi::bindgen_prelude::{
    Buffer, Either, Either3, FromNapiValue, JsObjectValue, Object, Unknown,
};
use napi::{JsValue, ValueType};

/// A message as JavaScript passes it: raw bytes (`Buffer`/`Uint8Array`), a string (its UTF-8
/// bytes), or parameters a framework already parsed (`{ name: value }` or `[[name, value]]`).
pub type Message<'a> = Either3<&'a [u8], String, Object<'a>>;

/// A message in the shape the core verifies.
pub enum Input<'a> {
    /// Raw bytes, exactly as received.
    Raw(std::borrow::Cow<'a, [u8]>),
    /// Parsed UTF-8 parameters.
    Pairs(Vec<(String, String)>),
}

impl<'a> Input<'a> {
    /// Reads a message argument.
    pub fn read(message: Message<'a>) -> Result<Input<'a>> {
        Ok(match message {
            Either3::A(bytes) => Input::Raw(bytes.into()),
            Either3::B(text) => Input::Raw(text.into_bytes().into()),
            Either3::C(object) => Input::Pairs(pairs(&object)?),
        })
    }
}

/// Raw bytes from a `Buffer`/`Uint8Array` or a string (its UTF-8 bytes).
pub fn raw<'a>(value: &'a Either<&[u8], String>) -> &'a [u8] {
    match value {
        Either::A(bytes) => bytes,
        Either::B(text) => text.as_bytes(),
    }
}

/// Key or certificate text as JavaScript passes it: a string, or a `Buffer` read from a file.
pub type KeyText = Either<String, Buffer>;

/// The text of a key or certificate (a `Buffer` must be UTF-8: PEM and base64 are ASCII).
pub fn key_text(value: KeyText, what: &str) -> Result<String> {
    match value {
        Either::A(text) => Ok(text),
        Either::B(bytes) => String::from_utf8(bytes.to_vec()).map_err(|_| {
            error(
                ErrorKind::InvalidKey,
                format!("{what} is a Buffer that is not UTF-8 text: give the PEM or base64 text"),
            )
        }),
    }
}

/// An argument or option that must be an object (or an array).
pub fn object<'env>(value: Unknown<'env>, what: &str, kind: ErrorKind) -> Result<Object<'env>> {
    match value.get_type().js()? {
        ValueType::Object => Object::from_unknown(value).js(),
        _ => Err(error(kind, format!("{what} must be an object"))),
    }
}

/// The pairs of `{ name: value }` or `[[name, value], ...]`, in order. Every value must be a
/// string: query-string parsers such as `qs` turn repeated or bracketed names into arrays and
/// objects, which were not what Alipay signed.
pub fn pairs(object: &Object) -> Result<Vec<(String, String)>> {
    if object.is_array().js()? {
        let length = object.get_array_length().js()?;
        let mut pairs = Vec::with_capacity(length as usize);
        for index in 0..length {
            let pair: Unknown = object.get_element(index).js()?;
            let pair = match pair.get_type().js()? {
                ValueType::Object => Object::from_unknown(pair).js()?,
                _ => return Err(not_a_pair(index)),
            };
            if !pair.is_array().js()? || pair.get_array_length().js()? != 2 {
                return Err(not_a_pair(index));
            }
            let name = string(pair.get_element(0).js()?, || {
                format!("the name of pair {index}")
            })?;
            let value = string(pair.get_element(1).js()?, || {
                format!("the value of {}", shown(&name))
            })?;
            pairs.push((name, value));
        }
        return Ok(pairs);
    }
    let names = Object::keys(object).js()?;
    let mut pairs = Vec::with_capacity(names.len());
    for name in names {
        let value: Unknown = object.get_named_property(&name).js()?;
        let value = string(value, || format!("the value of {}", shown(&name)))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// A string value, or `MALFORMED_INPUT` naming what it was instead.
fn string(value: Unknown, what: impl FnOnce() -> String) -> Result<String> {
    let found = match value.get_type().js()? {
        ValueType::String => return String::from_unknown(value).js(),
        ValueType::Object if value.is_array().js()? => "an array",
        ValueType::Object => "an object",
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Number => "a number",
        ValueType::Boolean => "a boolean",
        _ => "not a string",
    };
    Err(error(
        ErrorKind::MalformedInput,
        format!(
            "{} is {found}, not a string: every parameter value must be a string (a parser such \
             as qs turns repeated or bracketed names into arrays and objects); verify the raw \
             body instead",
            what()
        ),
    ))
}

fn not_a_pair(index: u32) -> crate::error::Error {
    error(
        ErrorKind::MalformedInput,
        format!("element {index} is not a [name, value] pair of strings"),
    )
}

/// A parameter name for a message: names come from the sender, so only a short prefix.
fn shown(name: &str) -> String {
    let prefix: String = name.chars().take(40).collect();
    let ellipsis = if prefix.len() < name.len() { "…" } else { "" };
    format!("parameter {prefix:?}{ellipsis}")
}
