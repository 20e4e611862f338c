//! Why a v3 body that does not verify may have been changed on its way to the verifier: the
//! most common cause is code that parsed the JSON and encoded it again (`json.dumps`,
//! `json_encode`, `JSON.stringify` of a parsed object, a pretty-printer), which changes the
//! bytes Alipay signed while keeping the data. Alipay sends compact JSON (no spaces between
//! tokens, non-ASCII text as UTF-8, `/` unescaped), so re-encoding the body received in that
//! form often gives back the original: when it verifies, the error can say what happened.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What a body that does not verify went through, as far as it can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// This many bytes of whitespace were added at the end: without them it verifies.
    TrailingWhitespace(usize),
    /// It was parsed and encoded again: its compact form verifies.
    Reencoded,
    /// It is JSON but not compact, and its compact form does not verify either.
    NotAsSent,
    /// Nothing to tell: compact JSON, or not JSON at all.
    Unknown,
}

/// Tells what happened to `body`, given `verifies`, which says whether a candidate original
/// verifies. At most two candidates are tried, each once: the body without trailing whitespace,
/// and its compact re-encoding. A diagnosis reads the result; verification turns it into a sentence.
pub(crate) fn find(body: &[u8], mut verifies: impl FnMut(&[u8]) -> bool) -> Change {
    let trimmed = body.trim_ascii_end();
    if trimmed.len() < body.len() && verifies(trimmed) {
        return Change::TrailingWhitespace(body.len() - trimmed.len());
    }
    match compact(body) {
        // Compact JSON with whitespace after it compacts to the trimmed body, just checked.
        Some(original) if original != body && original != trimmed && verifies(&original) => {
            Change::Reencoded
        }
        Some(original) if original != body => Change::NotAsSent,
        _ => Change::Unknown,
    }
}

/// One sentence on what happened to `body` ([`find`]), for an error message.
pub(super) fn explain(body: &[u8], verifies: impl FnMut(&[u8]) -> bool) -> String {
    match find(body, verifies) {
        Change::TrailingWhitespace(bytes) => format!(
            "The body ends with {bytes} byte(s) of whitespace Alipay did not send (a line break \
             added by a shell, an editor or a logger?): without them it verifies; pass the body \
             exactly as received"
        ),
        Change::Reencoded => "The body was parsed and encoded again: its compact form, as Alipay \
             sends it, verifies. Pass the raw body bytes (requests' response.content, PHP's \
             (string) $response->getBody(), Node's text before JSON.parse), never re-encoded \
             JSON"
            .to_string(),
        Change::NotAsSent => "The body does not look as Alipay sends it (spaces between JSON \
             tokens, \\u or \\/ escapes, or another number format): if it was parsed and \
             encoded again, pass the raw body bytes instead; otherwise check that the key is \
             Alipay's public key (支付宝公钥) for this app and environment"
            .to_string(),
        Change::Unknown => "Check that the key is Alipay's public key (支付宝公钥) for this app \
             and environment, and that the timestamp, nonce and body are exactly as received"
            .to_string(),
    }
}

/// The deepest nesting re-encoded; Alipay's bodies nest a few levels.
const MAX_DEPTH: usize = 100;

/// `body` as compact JSON in the original key order, or `None` when it is not JSON.
fn compact(body: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(body).ok()?;
    let mut reader = serde_json::Deserializer::from_str(text);
    let mut out = String::with_capacity(text.len());
    Compact {
        out: &mut out,
        depth: 0,
    }
    .deserialize(&mut reader)
    .ok()?;
    reader.end().ok()?;
    Some(out.into_bytes())
}

/// Writes the value it reads, compactly, as it reads it.
struct Compact<'a> {
    out: &'a mut String,
    depth: usize,
}

impl Compact<'_> {
    fn write(self, text: &str) {
        self.out.push_str(text);
    }

    fn child(&mut self) -> Compact<'_> {
        Compact {
            out: &mut *self.out,
            depth: self.depth + 1,
        }
    }

    fn open<E: serde::de::Error>(&self) -> Result<(), E> {
        match self.depth < MAX_DEPTH {
            true => Ok(()),
            false => Err(E::custom("nested too deeply")),
        }
    }
}

/// serde_json's string form: quotes, backslashes and control characters escaped; nothing else.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

impl<'de> DeserializeSeed<'de> for Compact<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Compact<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.write(if v { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.write(&v.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.write(&v.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.write(&serde_json::to_string(&v).unwrap_or_default());
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.write(&quoted(v));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.write("null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.open()?;
        self.out.push('[');
        let mut first = true;
        loop {
            let len = self.out.len();
            if !first {
                self.out.push(',');
            }
            if seq.next_element_seed(self.child())?.is_none() {
                self.out.truncate(len);
                break;
            }
            first = false;
        }
        self.out.push(']');
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.open()?;
        self.out.push('{');
        let mut first = true;
        while let Some(key) = map.next_key::<String>()? {
            if !first {
                self.out.push(',');
            }
            first = false;
            self.out.push_str(&quoted(&key));
            self.out.push(':');
            map.next_value_seed(self.child())?;
        }
        self.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> String {
        String::from_utf8(compact(body.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn re_encodings_go_back_to_alipays_compact_form() {
        let original = r#"{"trade_no":"2024","url":"https://a.example/x","s":"中","n":[1,2.5,true,null],"o":{}}"#;
        // Python json.dumps, PHP json_encode and a pretty-printer, in the key order kept.
        for changed in [
            r#"{"trade_no": "2024", "url": "https://a.example/x", "s": "\u4e2d", "n": [1, 2.5, true, null], "o": {}}"#,
            r#"{"trade_no":"2024","url":"https:\/\/a.example\/x","s":"\u4e2d","n":[1,2.5,true,null],"o":{}}"#,
            "{\n  \"trade_no\": \"2024\",\n  \"url\": \"https://a.example/x\",\n  \"s\": \"中\",\n  \"n\": [\n    1,\n    2.5,\n    true,\n    null\n  ],\n  \"o\": {}\n}",
        ] {
            assert_eq!(text(changed), original);
        }
        assert_eq!(text(original), original);
        assert_eq!(text(r#"[ ]"#), "[]");
        assert_eq!(text(r#""a\"b\\c\n""#), r#""a\"b\\c\n""#);
    }

    #[test]
    fn what_is_not_json_has_no_compact_form() {
        for body in ["", "not json", "{} {}", "{\"a\":1", "\u{fffd}"] {
            assert_eq!(compact(body.as_bytes()), None, "{body:?}");
        }
        assert_eq!(compact(b"\xff"), None);
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(compact(deep.as_bytes()), None);
    }

    #[test]
    fn the_explanation_names_what_verified() {
        let body = br#"{"a": "b"}"#;
        let said = explain(body, |candidate| candidate == br#"{"a":"b"}"#);
        assert!(said.contains("parsed and encoded again"), "{said}");
        let said = explain(body, |_| false);
        assert!(said.contains("does not look as Alipay sends it"), "{said}");
        let said = explain(b"{\"a\":\"b\"}\n", |candidate| {
            candidate == b"{\"a\":\"b\"}"
        });
        assert!(said.contains("1 byte(s) of whitespace"), "{said}");
        let said = explain(b"{\"a\":\"b\"}", |_| false);
        assert!(said.contains("exactly as received"), "{said}");
        let mut tried = 0;
        explain(b"ciphertext==", |_| {
            tried += 1;
            false
        });
        assert_eq!(tried, 0, "a body that is not JSON has nothing to try");
    }
}
