//! The signed node of a response, read strictly before its signature is checked: a key twice
//! in one object, or nesting past a fixed depth, is refused like a duplicated top-level key.
//!
//! Duplicates matter at every depth: a JSON parser keeps the last one (or the first, depending
//! on the language), so the merchant's code could read another value than the one a reviewer of
//! the signed text sees.

use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::HashSet;
use std::fmt;

/// The deepest nesting of objects and arrays accepted in the node, counting the node itself as
/// level one. Alipay's responses nest a few levels; the limit stays under serde_json's recursion
/// limit (128), so this check, with its own message, always comes first.
pub(crate) const MAX_NODE_DEPTH: usize = 100;

/// The node's value, once every object in it is known to have distinct keys.
pub(crate) fn parse_node(raw: &RawValue) -> Result<Value> {
    let mut problem = None;
    let mut reader = serde_json::Deserializer::from_str(raw.get());
    let checked = Checker {
        depth: 1,
        problem: &mut problem,
    }
    .deserialize(&mut reader);
    match (checked, problem) {
        (Ok(()), _) => {}
        (Err(_), Some(Problem::Duplicate(key))) => {
            return Err(Error::new(
                ErrorKind::DuplicateParameter,
                format!(
                    "the response node has the key {:?} twice in one object; which value was \
                     meant is ambiguous, so the response is refused",
                    printable_prefix(key.as_bytes(), 64)
                ),
            ));
        }
        (Err(_), Some(Problem::TooDeep)) => {
            return Err(Error::new(
                ErrorKind::MalformedInput,
                format!(
                    "the response node is nested more than {MAX_NODE_DEPTH} levels deep; no \
                     Alipay response is"
                ),
            ));
        }
        (Err(e), None) => return Err(unreadable(&e)),
    }
    serde_json::from_str(raw.get()).map_err(|e| unreadable(&e))
}

/// serde_json's messages name the problem and its position, never the text.
fn unreadable(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorKind::MalformedInput,
        format!("the response node cannot be read: {e}"),
    )
}

enum Problem {
    Duplicate(String),
    TooDeep,
}

/// Walks a value without building it, recording the first problem it meets.
struct Checker<'a> {
    depth: usize,
    problem: &'a mut Option<Problem>,
}

impl Checker<'_> {
    /// Called by each object and array, so only containers count towards the depth.
    fn open<E: serde::de::Error>(&mut self) -> std::result::Result<(), E> {
        if self.depth > MAX_NODE_DEPTH {
            *self.problem = Some(Problem::TooDeep);
            return Err(E::custom("nested too deeply"));
        }
        Ok(())
    }

    fn child(&mut self) -> Checker<'_> {
        Checker {
            depth: self.depth + 1,
            problem: &mut *self.problem,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Checker<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checker<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> std::result::Result<(), A::Error> {
        self.open()?;
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> std::result::Result<(), A::Error> {
        self.open()?;
        let mut keys = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                *self.problem = Some(Problem::Duplicate(key));
                return Err(A::Error::custom("duplicate key"));
            }
            map.next_value_seed(self.child())?;
        }
        Ok(())
    }
}
