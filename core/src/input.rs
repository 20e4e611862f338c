//! Reading raw form bodies and query strings into byte pairs, decoding exactly once.

use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use std::collections::HashSet;

/// Parameters exactly as received: names and values are percent-decoded bytes, in message
/// order, with no duplicate names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawParams {
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
}

impl RawParams {
    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn from_form(body: &[u8], max_size: usize) -> Result<RawParams> {
        check_size(body, max_size)?;
        parse_form(body)
    }

    /// Parses a query string: with or without a leading `?`, or a whole URL or path, whose part
    /// after the first `?` is read and whose `#fragment` is dropped.
    pub fn from_query(query: &[u8], max_size: usize) -> Result<RawParams> {
        check_size(query, max_size)?;
        parse_form(query_part(query))
    }

    /// Takes already-parsed UTF-8 pairs (a framework's form), still refusing duplicates.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: &[(K, V)],
        max_size: usize,
    ) -> Result<RawParams> {
        let size: usize = pairs
            .iter()
            .map(|(k, v)| k.as_ref().len() + v.as_ref().len() + 2)
            .sum();
        if size > max_size {
            return Err(too_large(size, max_size));
        }
        let mut params = RawParams::default();
        for (name, value) in pairs {
            params.push(
                name.as_ref().as_bytes().to_vec(),
                value.as_ref().as_bytes().to_vec(),
            )?;
        }
        params.check_duplicates()?;
        Ok(params)
    }

    /// Takes byte pairs (already decoded), refusing empty and duplicate names.
    pub fn from_byte_pairs(pairs: Vec<(Vec<u8>, Vec<u8>)>) -> Result<RawParams> {
        let mut params = RawParams::default();
        for (name, value) in pairs {
            params.push(name, value)?;
        }
        params.check_duplicates()?;
        Ok(params)
    }

    fn push(&mut self, name: Vec<u8>, value: Vec<u8>) -> Result<()> {
        if name.is_empty() {
            return Err(Error::new(
                ErrorKind::MalformedInput,
                "a parameter has an empty name",
            ));
        }
        self.pairs.push((name, value));
        Ok(())
    }

    fn check_duplicates(&self) -> Result<()> {
        let mut seen = HashSet::with_capacity(self.pairs.len());
        for (name, _) in &self.pairs {
            if !seen.insert(name.as_slice()) {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "parameter {:?} occurs more than once; Alipay sends each once",
                        printable_prefix(name, 40)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name.as_bytes())
            .map(|(_, v)| v.as_slice())
    }

    /// All pairs, in message order.
    pub fn pairs(&self) -> &[(Vec<u8>, Vec<u8>)] {
        &self.pairs
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// True when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

fn check_size(input: &[u8], max_size: usize) -> Result<()> {
    if input.len() > max_size {
        return Err(too_large(input.len(), max_size));
    }
    Ok(())
}

fn too_large(size: usize, max_size: usize) -> Error {
    Error::new(
        ErrorKind::InputTooLarge,
        format!("input is {size} bytes, over the limit of {max_size} bytes"),
    )
}

fn query_part(input: &[u8]) -> &[u8] {
    if let Some(rest) = input.strip_prefix(b"?") {
        return rest;
    }
    let is_url =
        input.starts_with(b"http://") || input.starts_with(b"https://") || input.starts_with(b"/");
    if !is_url {
        return input;
    }
    let Some(start) = input.iter().position(|&b| b == b'?') else {
        return &[];
    };
    let query = &input[start + 1..];
    match query.iter().position(|&b| b == b'#') {
        Some(end) => &query[..end],
        None => query,
    }
}

fn parse_form(input: &[u8]) -> Result<RawParams> {
    let trimmed = input.trim_ascii();
    if trimmed.is_empty() {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            "the message is empty",
        ));
    }
    if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            "the message is JSON, not a form body: notifications are application/x-www-form-urlencoded \
             (signed API responses are verified with verify_response)",
        ));
    }
    if trimmed.starts_with(b"--") {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            "the message looks like multipart/form-data, not a form body",
        ));
    }
    if !input.contains(&b'=') {
        return Err(Error::new(
            ErrorKind::MalformedInput,
            "the message has no name=value pair: it is not a form body or query string",
        ));
    }
    let mut params = RawParams::default();
    for segment in input.split(|&b| b == b'&').filter(|s| !s.is_empty()) {
        let (name, value) = match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (&segment[..eq], &segment[eq + 1..]),
            None => (segment, &b""[..]),
        };
        params.push(decode_component(name)?, decode_component(value)?)?;
    }
    params.check_duplicates()?;
    Ok(params)
}

/// Form decoding: `+` is a space and `%XX` a byte; a stray `%` is an error rather than being
/// passed through, because a lenient decoder would verify different bytes than Alipay signed.
fn decode_component(component: &[u8]) -> Result<Vec<u8>> {
    let mut rest = component;
    while let Some(at) = rest.iter().position(|&b| b == b'%') {
        let hex = rest.get(at + 1..at + 3);
        if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
            return Err(Error::new(
                ErrorKind::MalformedPercentEncoding,
                format!(
                    "'%' not followed by two hex digits near {:?}",
                    printable_prefix(&rest[at..], 12)
                ),
            ));
        }
        rest = &rest[at + 3..];
    }
    let plus_as_space: Vec<u8> = component
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    Ok(percent_encoding::percent_decode(&plus_as_space).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(input: &str) -> Result<Vec<(String, String)>> {
        RawParams::from_form(input.as_bytes(), 1 << 16).map(to_strings)
    }

    fn to_strings(params: RawParams) -> Vec<(String, String)> {
        params
            .pairs()
            .iter()
            .map(|(k, v)| {
                (
                    String::from_utf8(k.clone()).unwrap(),
                    String::from_utf8(v.clone()).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn decodes_plus_and_percent_exactly_once() {
        let pairs = form("a=x+y%2Bz&b=%2541&c=&d").unwrap();
        assert_eq!(
            pairs,
            [
                ("a".into(), "x y+z".into()),
                ("b".into(), "%41".into()),
                ("c".into(), "".into()),
                ("d".into(), "".into()),
            ]
        );
    }

    #[test]
    fn value_may_contain_equals_sign() {
        assert_eq!(form("a=b=c").unwrap(), [("a".into(), "b=c".into())]);
    }

    #[test]
    fn skips_empty_segments() {
        assert_eq!(form("&a=1&&b=2&").unwrap().len(), 2);
    }

    #[test]
    fn rejects_malformed_percent() {
        for bad in ["a=%zz", "a=%4", "a=100%", "a%=1"] {
            let err = form(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MalformedPercentEncoding, "{bad}");
        }
    }

    #[test]
    fn rejects_duplicates_empty_names_and_non_forms() {
        assert_eq!(
            form("a=1&a=2").unwrap_err().kind(),
            ErrorKind::DuplicateParameter
        );
        assert_eq!(
            form("a=1&%61=2").unwrap_err().kind(),
            ErrorKind::DuplicateParameter
        );
        assert_eq!(form("=1").unwrap_err().kind(), ErrorKind::MalformedInput);
        assert_eq!(form("").unwrap_err().kind(), ErrorKind::MalformedInput);
        assert_eq!(
            form(" {\"a\":1}").unwrap_err().kind(),
            ErrorKind::MalformedInput
        );
        assert_eq!(form("hello").unwrap_err().kind(), ErrorKind::MalformedInput);
    }

    #[test]
    fn enforces_the_size_limit() {
        let err = RawParams::from_form(b"a=12345", 6).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InputTooLarge);
        assert!(RawParams::from_form(b"a=1234", 6).is_ok());
        let err = RawParams::from_pairs(&[("a", "123456")], 6).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InputTooLarge);
    }

    #[test]
    fn reads_query_strings_and_urls() {
        let query = |q: &str| RawParams::from_query(q.as_bytes(), 1 << 16).map(to_strings);
        let expected = vec![("a".to_string(), "1".to_string())];
        assert_eq!(query("?a=1").unwrap(), expected);
        assert_eq!(query("a=1").unwrap(), expected);
        assert_eq!(query("https://shop.example/r?a=1#top").unwrap(), expected);
        assert_eq!(query("/pay/return?a=1").unwrap(), expected);
        assert_eq!(query("a=b?c").unwrap(), [("a".into(), "b?c".into())]);
        assert_eq!(
            query("https://shop.example/r").unwrap_err().kind(),
            ErrorKind::MalformedInput
        );
    }

    #[test]
    fn keeps_non_utf8_bytes() {
        let params = RawParams::from_form(b"s=%B2%E2", 100).unwrap();
        assert_eq!(params.get("s"), Some(&[0xb2, 0xe2][..]));
    }
}
