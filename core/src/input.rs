//! Reading raw form bodies and query strings into byte pairs, decoding exactly once.

use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use std::collections::HashSet;

mod limits;
pub use limits::MAX_PARAMETERS;

/// Parameters exactly as received: names and values are percent-decoded bytes, in message
/// order, with no duplicate names. They are kept back to back in one buffer, because a
/// notification has some 30 parameters and an allocation for each would cost as much as
/// everything else but the RSA operation.
#[derive(Debug, Clone, Default)]
pub struct RawParams {
    bytes: Vec<u8>,
    spans: Vec<PairSpan>,
    /// The pairs in the order of their names' bytes, the order of the signed content: sorted
    /// once, by the duplicate check, which needs that order anyway. Each entry is the name's
    /// first 8 bytes as a number, which orders most names without comparing them, and the
    /// index of the pair.
    by_name: Vec<(u64, usize)>,
}

/// Equal when the pairs are; the order by name follows from them.
impl PartialEq for RawParams {
    fn eq(&self, other: &RawParams) -> bool {
        self.bytes == other.bytes && self.spans == other.spans
    }
}

impl Eq for RawParams {}

/// Where one parameter lies in a buffer: the name at `start..name_end`, the value right after
/// it, at `name_end..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PairSpan {
    pub(crate) start: usize,
    pub(crate) name_end: usize,
    pub(crate) end: usize,
}

impl PairSpan {
    pub(crate) fn name<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        &bytes[self.start..self.name_end]
    }

    pub(crate) fn value<'a>(&self, bytes: &'a [u8]) -> &'a [u8] {
        &bytes[self.name_end..self.end]
    }
}

impl RawParams {
    /// Parses an `application/x-www-form-urlencoded` body. Over `max_size` bytes or
    /// [`MAX_PARAMETERS`] parameters is `INPUT_TOO_LARGE`, before anything is decoded.
    pub fn from_form(body: &[u8], max_size: usize) -> Result<RawParams> {
        check_size(body, max_size)?;
        limits::check_pieces(body)?;
        parse_form(body)
    }

    /// Parses a query string: with or without a leading `?`, or a whole URL or path, whose part
    /// after the first `?` is read and whose `#fragment` is dropped. The limits are those of
    /// [`RawParams::from_form`].
    pub fn from_query(query: &[u8], max_size: usize) -> Result<RawParams> {
        check_size(query, max_size)?;
        limits::check_pieces(query)?;
        parse_form(query_part(query))
    }

    /// Takes already-parsed UTF-8 pairs (a framework's form), still refusing duplicates. More
    /// than [`MAX_PARAMETERS`] pairs are refused before any is read.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: &[(K, V)],
        max_size: usize,
    ) -> Result<RawParams> {
        limits::check_count(pairs.len())?;
        let size: usize = pairs
            .iter()
            .map(|(k, v)| k.as_ref().len() + v.as_ref().len() + 2)
            .sum();
        if size > max_size {
            return Err(too_large(size, max_size));
        }
        let mut params = RawParams::with_capacity(size, pairs.len());
        for (name, value) in pairs {
            params.push(name.as_ref().as_bytes(), value.as_ref().as_bytes())?;
        }
        params.check_duplicates()?;
        Ok(params)
    }

    /// Takes byte pairs (already decoded), refusing empty and duplicate names.
    pub fn from_byte_pairs<N: AsRef<[u8]>, V: AsRef<[u8]>>(
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Result<RawParams> {
        let mut params = RawParams::default();
        for (name, value) in pairs {
            params.push(name.as_ref(), value.as_ref())?;
        }
        params.check_duplicates()?;
        Ok(params)
    }

    fn with_capacity(bytes: usize, pairs: usize) -> RawParams {
        RawParams {
            bytes: Vec::with_capacity(bytes),
            spans: Vec::with_capacity(pairs),
            by_name: Vec::new(),
        }
    }

    fn push(&mut self, name: &[u8], value: &[u8]) -> Result<()> {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(name);
        let name_end = self.bytes.len();
        self.bytes.extend_from_slice(value);
        self.close_pair(start, name_end)
    }

    /// Records the pair whose name starts at `start` and ends at `name_end`, and whose value
    /// runs to the end of the buffer.
    fn close_pair(&mut self, start: usize, name_end: usize) -> Result<()> {
        if name_end == start {
            return Err(Error::new(
                ErrorKind::MalformedInput,
                "a parameter has an empty name",
            ));
        }
        self.spans.push(PairSpan {
            start,
            name_end,
            end: self.bytes.len(),
        });
        Ok(())
    }

    /// Sorts the pairs by name, and refuses a name that occurs twice.
    fn check_duplicates(&mut self) -> Result<()> {
        let name = |index: usize| self.spans[index].name(&self.bytes);
        let mut by_name: Vec<(u64, usize)> = (0..self.spans.len())
            .map(|index| (name_prefix(name(index)), index))
            .collect();
        by_name.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| name(a.1).cmp(name(b.1))));
        // A real message has no duplicate, so the error (which names the first repeated
        // parameter in message order) is only worked out when there is one.
        if by_name
            .windows(2)
            .all(|w| w[0].0 != w[1].0 || name(w[0].1) != name(w[1].1))
        {
            self.by_name = by_name;
            return Ok(());
        }
        let mut seen = HashSet::with_capacity(self.spans.len());
        for (name, _) in self.pairs() {
            if !seen.insert(name) {
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
        self.pairs()
            .find(|(n, _)| *n == name.as_bytes())
            .map(|(_, v)| v)
    }

    /// All pairs as `(name, value)`, in message order.
    pub fn pairs(
        &self,
    ) -> impl ExactSizeIterator<Item = (&[u8], &[u8])> + DoubleEndedIterator + Clone + '_ {
        self.spans
            .iter()
            .map(|span| (span.name(&self.bytes), span.value(&self.bytes)))
    }

    /// All pairs as `(name, value)`, sorted by name bytes.
    pub(crate) fn sorted_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        self.by_name.iter().map(|&(_, index)| {
            let span = &self.spans[index];
            (span.name(&self.bytes), span.value(&self.bytes))
        })
    }

    /// The buffer and the spans, for a result that takes the bytes over.
    pub(crate) fn into_parts(self) -> (Vec<u8>, Vec<PairSpan>) {
        (self.bytes, self.spans)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn spans(&self) -> &[PairSpan] {
        &self.spans
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// The size limit of parameters that a binding reads one by one from a framework's object (a
/// Python Mapping, a JavaScript object or array), counted as [`RawParams::from_pairs`] counts
/// them: each name and value, plus 2 bytes per pair (its `=` and `&`). Spent while reading, it
/// stops an object that misreports its size or never ends before anything past the limit is
/// converted, so bindings never size an allocation from a length the caller controls.
#[derive(Debug, Clone)]
pub struct PairBudget {
    max_size: usize,
    left: usize,
}

impl PairBudget {
    /// A budget of `max_size` bytes.
    pub fn new(max_size: usize) -> PairBudget {
        PairBudget {
            max_size,
            left: max_size,
        }
    }

    /// Refuses `count` pairs before any is read: more than [`MAX_PARAMETERS`], or more than
    /// the size limit holds (each costs 2 bytes at least). `what` names the container in the
    /// error ("the array").
    pub fn check_count(&self, count: usize, what: &str) -> Result<()> {
        limits::check_count(count)?;
        if count.saturating_mul(2) > self.left {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "{what} has {count} entries, more parameters than the limit of {} bytes holds",
                    self.max_size
                ),
            ));
        }
        Ok(())
    }

    /// Spends `bytes` (a name, a value, or 2 for a pair's separators).
    pub fn spend(&mut self, bytes: usize) -> Result<()> {
        self.left = self
            .left
            .checked_sub(bytes)
            .ok_or_else(|| too_large_parameters(self.max_size))?;
        Ok(())
    }
}

/// The first 8 bytes of `name` (zeros past its end) as a big-endian number: when two names'
/// numbers differ, they order the names as their bytes do.
fn name_prefix(name: &[u8]) -> u64 {
    let mut prefix = [0; 8];
    let len = name.len().min(8);
    prefix[..len].copy_from_slice(&name[..len]);
    u64::from_be_bytes(prefix)
}

fn too_large_parameters(max_size: usize) -> Error {
    Error::new(
        ErrorKind::InputTooLarge,
        format!("the parameters are over the limit of {max_size} bytes"),
    )
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
    // One pass over the input: each `&`-separated segment is a name, up to its first `=`, and a
    // value (which may hold more `=`); empty segments are skipped. Both are decoded straight
    // into the one buffer.
    let mut params = RawParams::with_capacity(input.len(), 32);
    let mut at = 0;
    while at < input.len() {
        let segment_start = at;
        let start = params.bytes.len();
        at = decode_component(input, at, Component::Name, &mut params.bytes)?;
        let name_end = params.bytes.len();
        if input.get(at) == Some(&b'=') {
            at = decode_component(input, at + 1, Component::Value, &mut params.bytes)?;
        }
        if at > segment_start {
            params.close_pair(start, name_end)?;
        }
        at += 1;
    }
    params.check_duplicates()?;
    Ok(params)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Component {
    /// Ends at the first `=` or `&`.
    Name,
    /// Ends at `&`.
    Value,
}

/// What form decoding does with each byte value: most bytes are copied as they are.
const LITERAL: u8 = 0;
const AMPERSAND: u8 = 1;
const EQUALS: u8 = 2;
const PLUS: u8 = 3;
const PERCENT: u8 = 4;

const BYTE_CLASS: [u8; 256] = {
    let mut table = [LITERAL; 256];
    table[b'&' as usize] = AMPERSAND;
    table[b'=' as usize] = EQUALS;
    table[b'+' as usize] = PLUS;
    table[b'%' as usize] = PERCENT;
    table
};

/// Non-zero for the bytes that end a literal run in a name (`&`, `=`, `+`, `%`) and in a value
/// (where `=` is literal).
const STOPS_NAME: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (BYTE_CLASS[byte] != LITERAL) as u8;
        byte += 1;
    }
    table
};
const STOPS_VALUE: [u8; 256] = {
    let mut table = STOPS_NAME;
    table[b'=' as usize] = 0;
    table
};

/// The value of each hex digit, and `NOT_HEX` for every other byte: one lookup per digit, as
/// a notification is mostly `%XX` escapes (Chinese text, JSON, times).
const NOT_HEX: u8 = 0xff;
const HEX_VALUE: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut digit = 0;
    while digit < 16 {
        table[b"0123456789abcdef"[digit] as usize] = digit as u8;
        table[b"0123456789ABCDEF"[digit] as usize] = digit as u8;
        digit += 1;
    }
    table
};

/// Form decoding of the component of `input` that starts at `start`, appended to `out`;
/// returns where the component ends. `+` is a space and `%XX` a byte; a stray `%` is an
/// error rather than being passed through, because a lenient decoder would verify different
/// bytes than Alipay signed.
fn decode_component(
    input: &[u8],
    start: usize,
    kind: Component,
    out: &mut Vec<u8>,
) -> Result<usize> {
    let mut at = start;
    // Literal bytes since the last one decoding rewrote, copied in one go.
    let mut run = start;
    let stops = match kind {
        Component::Name => &STOPS_NAME,
        Component::Value => &STOPS_VALUE,
    };
    while let Some(&byte) = input.get(at) {
        if stops[usize::from(byte)] == 0 {
            at += 1;
            // Four bytes at a time while none ends the run: one branch per word, not per byte.
            while let Some(&[a, b, c, d]) = input.get(at..at + 4) {
                let stop = |x: u8| stops[usize::from(x)];
                if stop(a) | stop(b) | stop(c) | stop(d) != 0 {
                    break;
                }
                at += 4;
            }
            continue;
        }
        out.extend_from_slice(&input[run..at]);
        match BYTE_CLASS[usize::from(byte)] {
            AMPERSAND | EQUALS => return Ok(at),
            PLUS => {
                out.push(b' ');
                at += 1;
            }
            _ => {
                // '%': neither separator is a hex digit, so the digits are in this component.
                let high = input
                    .get(at + 1)
                    .map_or(NOT_HEX, |&b| HEX_VALUE[usize::from(b)]);
                let low = input
                    .get(at + 2)
                    .map_or(NOT_HEX, |&b| HEX_VALUE[usize::from(b)]);
                if high == NOT_HEX || low == NOT_HEX {
                    return Err(stray_percent(input, at, kind));
                }
                out.push(high << 4 | low);
                at += 3;
            }
        }
        run = at;
    }
    out.extend_from_slice(&input[run..]);
    Ok(at)
}

/// The error for the `%` at `at` that two hex digits do not follow, quoting what follows it
/// up to the end of its component.
fn stray_percent(input: &[u8], at: usize, kind: Component) -> Error {
    let end = input[at..]
        .iter()
        .position(|&b| b == b'&' || (b == b'=' && kind == Component::Name))
        .map_or(input.len(), |len| at + len);
    Error::new(
        ErrorKind::MalformedPercentEncoding,
        format!(
            "'%' not followed by two hex digits near {:?}",
            printable_prefix(&input[at..end], 12)
        ),
    )
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
            .map(|(k, v)| {
                (
                    String::from_utf8(k.to_vec()).unwrap(),
                    String::from_utf8(v.to_vec()).unwrap(),
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

    /// The straightforward parser the one-pass `parse_form` replaced: split on `&`, then on the
    /// first `=`, validate every `%`, turn `+` into spaces, percent-decode. Both must agree on
    /// every input, errors included.
    fn reference_parse(input: &[u8]) -> Result<RawParams> {
        fn decode(component: &[u8]) -> Result<Vec<u8>> {
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
        let mut params = RawParams::default();
        for segment in input.split(|&b| b == b'&').filter(|s| !s.is_empty()) {
            let (name, value) = match segment.iter().position(|&b| b == b'=') {
                Some(eq) => (&segment[..eq], &segment[eq + 1..]),
                None => (segment, &b""[..]),
            };
            params.push(&decode(name)?, &decode(value)?)?;
        }
        let mut seen = HashSet::new();
        for (name, _) in params.pairs() {
            if !seen.insert(name) {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "parameter {:?} occurs more than once; Alipay sends each once",
                        printable_prefix(name, 40)
                    ),
                ));
            }
        }
        Ok(params)
    }

    fn same_outcome(input: &[u8]) -> bool {
        // Inputs with no '=' (and the other whole-input checks) stop before the loop.
        let mut input = input.to_vec();
        input.insert(0, b'=');
        input.insert(0, b'z');
        match (parse_form(&input), reference_parse(&input)) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a.kind() == b.kind() && a.message() == b.message(),
            _ => false,
        }
    }

    #[test]
    fn pairs_sort_by_name_bytes_past_the_first_eight() {
        // Names that tie on their first 8 bytes, that are prefixes of one another, or that
        // end in NUL bytes (which the zero padding of the 8-byte prefix also holds).
        let names: [&[u8]; 10] = [
            b"notify_type",
            b"notify_time",
            b"notify_id",
            b"notify",
            b"a\0",
            b"a",
            b"a\0\0",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\x01",
            b"\xff\xff\xff\xff\xff\xff\xff\xff",
            b"sign_type",
        ];
        let params = RawParams::from_byte_pairs(names.iter().map(|n| (*n, b"v"))).unwrap();
        let sorted: Vec<&[u8]> = params.sorted_pairs().map(|(name, _)| name).collect();
        let mut expected = names.to_vec();
        expected.sort();
        assert_eq!(sorted, expected);
        let err = RawParams::from_byte_pairs([
            ("notify_time", "1"),
            ("notify_type", "2"),
            ("notify_time", "3"),
        ])
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DuplicateParameter);
        assert!(err.message().contains("notify_time"), "{}", err.message());
    }

    #[test]
    fn parser_matches_the_reference_on_edge_cases() {
        for input in [
            &b""[..],
            b"+",
            b"%",
            b"%2",
            b"%2B",
            b"%2b+",
            b"%+1",
            b"+%41+",
            b"%%41",
            b"%4%41",
            b"%zz%41",
            b"&a=%e4%b8%ad",
            b"&a=100%",
            b"&%41%=1",
            b"&a=%FF%00",
            b"&a=\xff%41",
            b"&&a=1&&",
            b"&=",
            b"&=1",
            b"&a",
            b"&a=",
            b"&a==",
            b"&a=%=1",
            b"&a%=1",
            b"&a=%4&b=1",
            b"&a=1&%61=2",
            b"&b=1&a=2&b=3&a=4",
            b"&a%zz=1&=",
            b"&=%zz",
            b"&a=%41%4",
            b"&a=1&b=%0123456789012345&c",
            b"&a=%0123456789012345",
        ] {
            assert!(same_outcome(input), "{:?}", String::from_utf8_lossy(input));
        }
    }

    proptest::proptest! {
        #[test]
        fn parser_matches_the_reference(input in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(b"%+&=aAfF09gz \x80".to_vec()),
                proptest::num::u8::ANY,
            ],
            0..40,
        )) {
            proptest::prop_assert!(same_outcome(&input));
        }
    }

    #[test]
    fn the_pair_budget_counts_like_from_pairs() {
        let mut budget = PairBudget::new(8);
        assert!(budget.check_count(4, "the array").is_ok());
        assert_eq!(
            budget.check_count(5, "the array").unwrap_err().kind(),
            ErrorKind::InputTooLarge
        );
        // ("a", "1234"): 1 + 4 + 2 bytes, as from_pairs counts it.
        budget.spend(1).unwrap();
        budget.spend(4).unwrap();
        budget.spend(2).unwrap();
        assert!(RawParams::from_pairs(&[("a", "1234")], 7).is_ok());
        assert_eq!(
            budget.spend(2).unwrap_err().kind(),
            ErrorKind::InputTooLarge
        );
        assert!(RawParams::from_pairs(&[("a", "1234"), ("", "")], 8).is_err());
    }

    #[test]
    fn keeps_non_utf8_bytes() {
        let params = RawParams::from_form(b"s=%B2%E2", 100).unwrap();
        assert_eq!(params.get("s"), Some(&[0xb2, 0xe2][..]));
    }
}
