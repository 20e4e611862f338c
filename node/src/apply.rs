//! Option objects applied through the core's option tables: each key must be the camelCase
//! name of an option (an `INVALID_CONFIG` error naming it otherwise, so a misspelt option is
//! never a silently ignored check), its value is converted by the option's kind, and the
//! core's `set` judges it. An option set to `undefined` or `null` is left at its default.

use crate::error::{Error, IntoJs, Result, error};
use crate::input::{KeyText, key_text, object, property_names};
use alipay_notify::ErrorKind;
use alipay_notify::options::{self, OptionKind, OptionSpec, OptionValue, Spelling};
use napi::bindgen_prelude::{FromNapiValue, JsObjectValue, Object, TypeName, Unknown};
use napi::{JsDate, JsValue, ValueType};

/// The core's `set` of what the options configure (`VerifierBuilder::set`, ...).
pub type Set<T> = fn(T, &str, OptionValue) -> alipay_notify::Result<T>;

/// The most items an option list (keys, sign types, seller ids) may hold: more than any
/// configuration needs, and checked before one is read.
const MAX_ITEMS: u32 = 1000;

/// `target` with the options of `argument` (an object; none at all when absent) set. `what`
/// names the call in errors (`"new Verifier()"`).
pub fn apply<T>(
    mut target: T,
    argument: Option<Unknown>,
    what: &str,
    table: &'static [OptionSpec],
    set: Set<T>,
) -> Result<T> {
    let Some(argument) = argument else {
        return Ok(target);
    };
    let what_options = format!("{what}: options");
    let object = object(argument, &what_options, ErrorKind::InvalidConfig)?;
    // One name at a time: names are distinct, so the first one that is not an option stops
    // the loop within `table.len() + 1` steps, however many the object has.
    let (names, count) = property_names(&object)?;
    for index in 0..count {
        let name: String = names.get_element(index).js()?;
        let spec = options::find_spelt(table, &name, Spelling::CamelCase)
            .map_err(|err| in_call(what, err))?;
        let reading = Reading {
            what,
            name: &name,
            spec,
        };
        if let Some(value) = reading.value(object.get_named_property_unchecked(&name).js()?)? {
            target = set(target, &name, value).map_err(|err| in_call(what, err))?;
        }
    }
    Ok(target)
}

/// A core error about an option, prefixed with the call it was given to.
fn in_call(what: &str, err: alipay_notify::Error) -> Error {
    error(err.kind(), format!("{what}: {}", err.message()))
}

/// One option's value being converted.
struct Reading<'a> {
    what: &'a str,
    name: &'a str,
    spec: &'static OptionSpec,
}

impl Reading<'_> {
    /// The value as the core takes an option of this kind; none for `undefined` or `null`. (A
    /// getter that throws leaves its exception pending, and that is what JavaScript sees.)
    fn value(&self, value: Unknown) -> Result<Option<OptionValue>> {
        if matches!(
            value.get_type().js()?,
            ValueType::Undefined | ValueType::Null
        ) {
            return Ok(None);
        }
        Ok(Some(match self.spec.kind {
            OptionKind::Key => OptionValue::Text(self.key(value)?),
            OptionKind::Keys => OptionValue::Texts(self.list(value, Self::key)?),
            OptionKind::Strings | OptionKind::Choices => {
                OptionValue::Texts(self.list(value, Self::typed::<String>)?)
            }
            OptionKind::Integer => OptionValue::Integer(self.whole(self.typed::<f64>(value)?)?),
            OptionKind::Time => OptionValue::Time(self.seconds(value)?),
            // String, Choice, Secret: one string.
            _ => OptionValue::Text(self.typed::<String>(value)?),
        }))
    }

    /// What a value of this option's kind is, for errors.
    fn expected(&self) -> &'static str {
        match self.spec.kind {
            OptionKind::Key => "a string or a Buffer",
            OptionKind::Keys => "a string, a Buffer, or an array of them",
            OptionKind::Strings | OptionKind::Choices => "a string or an array of strings",
            OptionKind::Integer => "a whole number",
            OptionKind::Time => "a Date or a number of milliseconds",
            _ => "a string",
        }
    }

    fn invalid(&self) -> Error {
        error(
            ErrorKind::InvalidConfig,
            format!(
                "{}: option {} must be {}",
                self.what,
                self.name,
                self.expected()
            ),
        )
    }

    /// The value as `T` when it has `T`'s JavaScript type. The type is checked first: napi's
    /// own conversion errors describe the value (with `JSON.stringify`, which runs the
    /// caller's `toJSON` and getters).
    fn typed<T: FromNapiValue + TypeName>(&self, value: Unknown) -> Result<T> {
        let wanted = T::value_type();
        // Unknown: `T` is an `Either` that checks each type it tries.
        if wanted != ValueType::Unknown && value.get_type().js()? != wanted {
            return Err(self.invalid());
        }
        T::from_unknown(value).map_err(|_| self.invalid())
    }

    /// Key or certificate text: a string, or a `Buffer` read from a file.
    fn key(&self, value: Unknown) -> Result<String> {
        key_text(self.typed::<KeyText>(value)?, self.name)
    }

    /// One item, or an array of them read item by item (never napi's `Vec`, which allocates
    /// the length the array claims).
    fn list<T>(&self, value: Unknown, item: fn(&Self, Unknown) -> Result<T>) -> Result<Vec<T>> {
        if !value.is_array().js()? {
            return Ok(vec![item(self, value)?]);
        }
        let array = Object::from_unknown(value).js()?;
        let length = array.get_array_length().js()?;
        if length > MAX_ITEMS {
            return Err(error(
                ErrorKind::InvalidConfig,
                format!(
                    "{}: option {} has {length} items; at most {MAX_ITEMS}",
                    self.what, self.name
                ),
            ));
        }
        (0..length)
            .map(|index| item(self, array.get_element(index).js()?))
            .collect()
    }

    /// A JavaScript number that is a whole number an i64 holds (whether it may be negative is
    /// the core's to say).
    fn whole(&self, number: f64) -> Result<i64> {
        match number.fract() == 0.0 && (-I64_LIMIT..I64_LIMIT).contains(&number) {
            true => Ok(number as i64),
            false => Err(self.invalid()),
        }
    }

    /// Whole seconds since 1970, rounded down, from a `Date` or epoch milliseconds.
    fn seconds(&self, value: Unknown) -> Result<i64> {
        let millis = match value.get_type().js()? {
            ValueType::Number => f64::from_unknown(value).js()?,
            ValueType::Object => JsDate::from_unknown(value)
                .and_then(|date| date.value_of())
                .map_err(|_| self.invalid())?,
            _ => return Err(self.invalid()),
        };
        self.whole((millis / 1000.0).floor())
    }
}

/// 2**63, exactly a float (i64::MAX is not): the whole numbers under it fit an i64.
const I64_LIMIT: f64 = 9_223_372_036_854_775_808.0;
