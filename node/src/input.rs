//! JavaScript inputs as core inputs: raw bytes, key text, and parameter objects.
//!
//! Parameter objects come from frameworks, so their shape is the sender's: they are read
//! element by element against the size limit, and a length JavaScript reports never sizes an
//! allocation (a sparse array claims 2**32-1 elements and holds none).

use crate::error::{IntoJs, Result, error, to_js};
use alipay_notify::{ErrorKind, PairBudget, printable_quoted};
use napi::bindgen_prelude::{
    Buffer, Either, Either3, FromNapiValue, JsObjectValue, Object, Unknown,
};
use napi::{Env, JsString, JsValue, ValueType};

/// The size limit of `sign()` and `signedForm()`, which no verifier bounds: far above any
/// request Alipay's gateway takes, far below what would hurt the process.
pub const SIGN_MAX_SIZE: usize = 1 << 20;

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
    /// Reads a message argument; parameters are refused past `max_size` bytes.
    pub fn read(message: Message<'a>, max_size: usize) -> Result<Input<'a>> {
        Ok(match message {
            Either3::A(bytes) => Input::Raw(bytes.into()),
            Either3::B(text) => Input::Raw(text.into_bytes().into()),
            Either3::C(object) => Input::Pairs(pairs(&object, max_size)?),
        })
    }
}

impl Input<'_> {
    /// The message as the core takes it.
    pub fn as_core(&self) -> alipay_notify::Message<'_> {
        match self {
            Input::Raw(bytes) => alipay_notify::Message::Raw(bytes),
            Input::Pairs(pairs) => alipay_notify::Message::Pairs(pairs),
        }
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

/// The names of an object's enumerable string properties (its own and inherited, as `for
/// ... in` sees them), as a JavaScript array to read one by one.
pub fn property_names<'env>(object: &Object<'env>) -> Result<(Object<'env>, u32)> {
    let names = object.get_property_names().js()?;
    let count = names.get_array_length().js()?;
    Ok((names, count))
}

/// The pairs of `{ name: value }` or `[[name, value], ...]`, in order. Every value must be a
/// string: query-string parsers such as `qs` turn repeated or bracketed names into arrays and
/// objects, which were not what Alipay signed.
pub fn pairs(object: &Object, max_size: usize) -> Result<Vec<(String, String)>> {
    let mut budget = PairBudget::new(max_size);
    if object.is_array().js()? {
        return array_pairs(object, &mut budget);
    }
    if is_iterable(object)? {
        return Err(error(
            ErrorKind::MalformedInput,
            "the message is an iterable such as URLSearchParams or Map: pass the raw body (a \
             Buffer or string), or the parameters as a plain object or an array of [name, value] \
             pairs",
        ));
    }
    object_pairs(object, &mut budget)
}

/// `[[name, value], ...]`.
fn array_pairs(array: &Object, budget: &mut PairBudget) -> Result<Vec<(String, String)>> {
    let length = array.get_array_length().js()?;
    budget
        .check_count(length as usize, "the array")
        .map_err(to_js)?;
    let mut pairs = Vec::new();
    for index in 0..length {
        let pair: Unknown = array.get_element(index).js()?;
        let pair = match pair.get_type().js()? {
            ValueType::Object => Object::from_unknown(pair).js()?,
            _ => return Err(not_a_pair(index)),
        };
        if !pair.is_array().js()? || pair.get_array_length().js()? != 2 {
            return Err(not_a_pair(index));
        }
        let name = string(pair.get_element(0).js()?, budget, || {
            format!("the name of pair {index}")
        })?;
        let value = string(pair.get_element(1).js()?, budget, || {
            format!("the value of {}", shown(&name))
        })?;
        budget.spend(2).map_err(to_js)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// `{ name: value }`.
fn object_pairs(object: &Object, budget: &mut PairBudget) -> Result<Vec<(String, String)>> {
    let (names, count) = property_names(object)?;
    budget
        .check_count(count as usize, "the object")
        .map_err(to_js)?;
    let mut pairs = Vec::new();
    for index in 0..count {
        let key: JsString = names.get_element(index).js()?;
        let name = string(key.to_unknown(), budget, || {
            format!("property name {index}")
        })?;
        // Read through the JavaScript key: a name may hold NUL, which no C string can.
        let value: Unknown = object.get_property_unchecked(key).js()?;
        let value = string(value, budget, || format!("the value of {}", shown(&name)))?;
        budget.spend(2).map_err(to_js)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// True for an object with a `Symbol.iterator` (URLSearchParams, Map, Set, FormData, ...),
/// whose entries are not its properties.
fn is_iterable(object: &Object) -> Result<bool> {
    let env = Env::from_raw(object.value().env);
    let symbol: Object = env
        .get_global()
        .js()?
        .get_named_property_unchecked("Symbol")
        .js()?;
    let iterator: Unknown = symbol.get_named_property_unchecked("iterator").js()?;
    object.has_property_js(iterator).js()
}

/// A string value within the budget, or `MALFORMED_INPUT` naming what it was instead.
fn string(
    value: Unknown,
    budget: &mut PairBudget,
    what: impl FnOnce() -> String,
) -> Result<String> {
    if value.get_type().js()? == ValueType::String {
        // The length first: the conversion allocates it.
        budget
            .spend(JsString::from_unknown(value).js()?.utf8_len().js()?)
            .map_err(to_js)?;
        return String::from_unknown(value).js();
    }
    let found = type_name(&value)?;
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

/// What a value that is not a string is, for messages.
fn type_name(value: &Unknown) -> Result<&'static str> {
    Ok(match value.get_type().js()? {
        ValueType::String => "a string",
        ValueType::Object if value.is_array().js()? => "an array",
        ValueType::Object => "an object",
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Number => "a number",
        ValueType::Boolean => "a boolean",
        ValueType::Symbol => "a symbol",
        ValueType::Function => "a function",
        // napi 5 has no BigInt type: `typeof` 9 reads as Unknown.
        ValueType::Unknown => "a bigint",
        ValueType::External => "a native value",
    })
}

fn not_a_pair(index: u32) -> crate::error::Error {
    error(
        ErrorKind::MalformedInput,
        format!("element {index} is not a [name, value] pair of strings"),
    )
}

/// A parameter name for a message: names come from the sender, so only a short prefix, quoted
/// without control characters as the core quotes names.
fn shown(name: &str) -> String {
    format!("parameter {}", printable_quoted(name.as_bytes(), 40))
}
