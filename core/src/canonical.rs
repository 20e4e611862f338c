//! The signed content: which parameters, in which order, joined how; and the rule that it has
//! exactly one reading.

use crate::charset::{Charset, printable_prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::sign_type::{EmptyValues, MatchedRule};

/// Which parameters a signature covers: the rule, the empty-value policy, and the charset in
/// which values are judged blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Coverage {
    pub(crate) rule: MatchedRule,
    pub(crate) empties: EmptyValues,
    pub(crate) charset: Charset,
}

impl Coverage {
    pub(crate) fn new(rule: MatchedRule, empties: EmptyValues, charset: Charset) -> Coverage {
        Coverage {
            rule,
            empties,
            charset,
        }
    }

    /// Whether a parameter takes part in the content.
    pub(crate) fn covers(&self, name: &[u8], value: &[u8]) -> bool {
        if name == b"sign" {
            return false;
        }
        match self.rule {
            MatchedRule::V1 if name == b"sign_type" => return false,
            MatchedRule::Md5 => return name != b"sign_type" && !value.is_empty(),
            _ => {}
        }
        self.empties == EmptyValues::Kept || !is_blank(value, self.charset)
    }

    /// True when some parameter would be signed if empty values were kept but is not under
    /// this coverage, i.e. when trying both policies can make a difference.
    pub(crate) fn skips_blank_values(&self, params: &RawParams) -> bool {
        let kept = Coverage {
            empties: EmptyValues::Kept,
            ..*self
        };
        params
            .pairs()
            .any(|(name, value)| kept.covers(name, value) && !self.covers(name, value))
    }
}

/// Java's `Character.isWhitespace`, which Alipay's `StringUtils.isEmpty` applies to every
/// character: the Unicode space, line and paragraph separators except the no-break spaces
/// (U+00A0, U+2007, U+202F), and the ASCII controls TAB, LF, VT, FF, CR and 0x1C–0x1F.
fn is_java_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{1680}'
            | '\u{2000}'..='\u{2006}'
            | '\u{2008}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whether Alipay's Java signer treats `value` (bytes in `charset`) as empty: no characters,
/// or only whitespace. Bytes that are not text in the charset are not blank.
pub(crate) fn is_blank(value: &[u8], charset: Charset) -> bool {
    // Nearly every value starts with a character that settles it: the rest is not read (the
    // content is built several times per message, each judging every value).
    match value.first() {
        None => return true,
        Some(&b) if b.is_ascii() && !is_java_whitespace(b as char) => return false,
        Some(_) => {}
    }
    if value.is_ascii() {
        return value.iter().all(|&b| is_java_whitespace(b as char));
    }
    // A non-blank ASCII character anywhere settles it without decoding.
    if value
        .iter()
        .any(|&b| b.is_ascii() && !is_java_whitespace(b as char))
    {
        return false;
    }
    match charset {
        Charset::Utf8 => {
            std::str::from_utf8(value).is_ok_and(|t| t.chars().all(is_java_whitespace))
        }
        _ => charset
            .decode(value, "value")
            .is_ok_and(|t| t.chars().all(is_java_whitespace)),
    }
}

/// Builds `k=v&k=v` over the covered parameters, sorted by name bytes, values verbatim.
pub(crate) fn content(params: &RawParams, coverage: Coverage) -> Vec<u8> {
    // Room for every parameter and its separators: one allocation, no second pass to size it.
    let mut content = Vec::with_capacity(params.bytes().len() + 2 * params.len());
    for (name, value) in params
        .sorted_pairs()
        .filter(|(name, value)| coverage.covers(name, value))
    {
        if !content.is_empty() {
            content.push(b'&');
        }
        content.extend_from_slice(name);
        content.push(b'=');
        content.extend_from_slice(value);
    }
    content
}

/// Builds `k=v&k=v` over the signed parameters, sorted by name bytes, values verbatim. Blank
/// values are judged in the message's `charset` (UTF-8 when it has none or an unknown one).
pub fn sign_content(params: &RawParams, rule: MatchedRule, empties: EmptyValues) -> Vec<u8> {
    let charset = params
        .get("charset")
        .and_then(|label| Charset::from_label(label).ok())
        .unwrap_or(Charset::Utf8);
    content(params, Coverage::new(rule, empties, charset))
}

/// A name as Alipay writes parameter names: one or more ASCII letters, digits or `_`.
pub(crate) fn is_parameter_name(name: &[u8]) -> bool {
    !name.is_empty() && name.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The first `&name=` inside `value`: the name, if any. Such text is where the signed content
/// can be split differently than the message was.
pub(crate) fn embedded_pair(value: &[u8]) -> Option<&[u8]> {
    // Most values hold no `&` at all; `contains` on bytes is a fast memchr.
    if !value.contains(&b'&') {
        return None;
    }
    value.split(|&b| b == b'&').skip(1).find_map(|after| {
        let name_len = after
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        (name_len > 0 && after.get(name_len) == Some(&b'=')).then(|| &after[..name_len])
    })
}

/// Why the signed content reads as another set of parameters than the one received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ambiguity {
    /// A signed name holds `=` or `&`.
    SeparatorInName { field: Vec<u8> },
    /// A signed name (not the first in sorted order) is not a [parameter name](is_parameter_name),
    /// so the content does not split before it.
    NotAName { field: Vec<u8> },
    /// The value of `field` holds `&embedded=`.
    EmbeddedPair { field: Vec<u8>, embedded: Vec<u8> },
}

impl Ambiguity {
    /// The parameter whose name or value causes the ambiguity.
    pub(crate) fn field(&self) -> &[u8] {
        match self {
            Ambiguity::SeparatorInName { field }
            | Ambiguity::NotAName { field }
            | Ambiguity::EmbeddedPair { field, .. } => field,
        }
    }

    pub(crate) fn to_error(&self) -> Error {
        let field = printable_prefix(self.field(), 40);
        let message = match self {
            Ambiguity::SeparatorInName { .. } => format!(
                "parameter name {field:?} holds '=' or '&', so the signed text reads as other parameters than the ones received"
            ),
            Ambiguity::NotAName { .. } => format!(
                "parameter name {field:?} is not a name as Alipay writes them (ASCII letters, digits, _), so the signed text does not split back into the parameters received"
            ),
            Ambiguity::EmbeddedPair { embedded, .. } => format!(
                "the value of {field} holds \"&{}=\", so the signed text also reads as a parameter {0:?}: either a forgery that re-split a genuine message, or unencoded query text in {field} (Alipay requires such values URL-encoded). If {field} legitimately carries such text, accept the risk for it alone with allow_embedded_pairs",
                printable_prefix(embedded, 40)
            ),
        };
        Error::new(ErrorKind::AmbiguousSignedContent, message)
    }
}

/// Checks that the covered parameters are the one reading of their signed content: the
/// content split at every `&` that is followed by a parameter name and `=`. Alipay signs raw
/// values, so one signed text can otherwise be re-split by whoever holds it into other
/// parameters that verify just as well. Values of the `allowed` fields may hold `&name=`.
pub(crate) fn find_ambiguity(
    params: &RawParams,
    coverage: Coverage,
    allowed: &[String],
) -> Option<Ambiguity> {
    let covered = || {
        params
            .pairs()
            .filter(move |(name, value)| coverage.covers(name, value))
    };
    // Names that are not parameter names; real messages have none, so the rest of their
    // handling runs only when there is one.
    let mut not_names: [Option<&[u8]>; 2] = [None, None];
    for (name, value) in covered() {
        if !is_parameter_name(name) {
            if name.contains(&b'=') || name.contains(&b'&') {
                return Some(Ambiguity::SeparatorInName {
                    field: name.to_vec(),
                });
            }
            match not_names {
                [None, _] => not_names[0] = Some(name),
                [Some(_), None] => not_names[1] = Some(name),
                _ => {}
            }
        }
        if allowed.iter().any(|field| field.as_bytes() == name) {
            continue;
        }
        if let Some(embedded) = embedded_pair(value) {
            return Some(Ambiguity::EmbeddedPair {
                field: name.to_vec(),
                embedded: embedded.to_vec(),
            });
        }
    }
    not_names[0]?;
    // The first name in sorted order starts the content: no `&` precedes it, so it need not
    // be a parameter name to split there. Of two names, at least one is not the first.
    let first = covered().map(|(name, _)| name).min();
    not_names
        .into_iter()
        .flatten()
        .find(|name| Some(*name) != first)
        .map(|name| Ambiguity::NotAName {
            field: name.to_vec(),
        })
}

/// [`find_ambiguity`] as a result.
pub(crate) fn check_one_reading(
    params: &RawParams,
    coverage: Coverage,
    allowed: &[String],
) -> Result<()> {
    match find_ambiguity(params, coverage, allowed) {
        Some(ambiguity) => Err(ambiguity.to_error()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(s: &str) -> RawParams {
        RawParams::from_form(s.as_bytes(), 1 << 16).unwrap()
    }

    fn utf8(rule: MatchedRule, empties: EmptyValues) -> Coverage {
        Coverage::new(rule, empties, Charset::Utf8)
    }

    #[test]
    fn v1_drops_sign_and_sign_type_and_sorts() {
        let p = params("b=2&sign=x&a=1&sign_type=RSA2&c=%20");
        assert_eq!(
            sign_content(&p, MatchedRule::V1, EmptyValues::Skipped),
            b"a=1&b=2"
        );
        assert_eq!(
            sign_content(&p, MatchedRule::V1, EmptyValues::Kept),
            b"a=1&b=2&c= "
        );
        assert_eq!(
            sign_content(&p, MatchedRule::V2, EmptyValues::Skipped),
            b"a=1&b=2&sign_type=RSA2"
        );
        assert!(utf8(MatchedRule::V1, EmptyValues::Skipped).skips_blank_values(&p));
    }

    #[test]
    fn md5_drops_only_exactly_empty_values() {
        let p = params("b=%20&a=&sign=x&sign_type=MD5");
        assert_eq!(
            sign_content(&p, MatchedRule::Md5, EmptyValues::Kept),
            b"b= "
        );
    }

    #[test]
    fn never_drops_at_sign_values() {
        let p = params("a=%40evil&sign=x");
        assert_eq!(
            sign_content(&p, MatchedRule::V1, EmptyValues::Skipped),
            b"a=@evil"
        );
    }

    #[test]
    fn sorts_by_bytes_not_by_pair() {
        let p = params("ab=1&a=2&a_b=3&B=4");
        assert_eq!(
            sign_content(&p, MatchedRule::V1, EmptyValues::Skipped),
            b"B=4&a=2&a_b=3&ab=1"
        );
    }

    #[test]
    fn blank_is_javas_character_is_whitespace() {
        let blank = |s: &str| is_blank(s.as_bytes(), Charset::Utf8);
        for text in [
            "",
            " ",
            "\t\n\r\x0b\x0c",
            "\x1c\x1d\x1e\x1f",
            "\u{3000}",
            " \u{3000} ",
            "\u{1680}",
            "\u{2000}\u{2006}\u{2008}\u{200a}",
            "\u{2028}\u{2029}",
            "\u{205f}",
        ] {
            assert!(blank(text), "{text:?} is blank to Java");
        }
        for text in [
            "a",
            " a",
            "\u{a0}",
            "\u{2007}",
            "\u{202f}",
            "\u{3000}x",
            "\u{200b}",
            "\u{180e}",
            "\u{85}",
            "\u{feff}",
            "\0",
        ] {
            assert!(!blank(text), "{text:?} is not blank to Java");
        }
        // U+3000 in GBK is A1 A1; the same bytes are not UTF-8 text.
        assert!(is_blank(&[0xa1, 0xa1], Charset::Gbk));
        assert!(is_blank(&[0xa1, 0xa1], Charset::Gb18030));
        assert!(!is_blank(&[0xa1, 0xa1], Charset::Utf8));
        assert!(!is_blank(&[0xff], Charset::Gbk));
    }

    #[test]
    fn ideographic_space_is_skipped_like_an_empty_value() {
        let p = params("a=1&b=%E3%80%80&sign=x");
        assert_eq!(
            sign_content(&p, MatchedRule::V1, EmptyValues::Skipped),
            b"a=1"
        );
        let gbk = params("a=1&b=%A1%A1&charset=GBK&sign=x");
        assert_eq!(
            sign_content(&gbk, MatchedRule::V1, EmptyValues::Skipped),
            b"a=1&charset=GBK"
        );
    }

    #[test]
    fn finds_embedded_pairs() {
        assert_eq!(
            embedded_pair(b"x&total_amount=88.88"),
            Some(&b"total_amount"[..])
        );
        assert_eq!(embedded_pair(b"&a="), Some(&b"a"[..]));
        assert_eq!(embedded_pair(b"a&b&C_9=1"), Some(&b"C_9"[..]));
        for genuine in [
            "A&B 套餐",
            "AT&T & co",
            "x&=y",
            "100% & more=fun",
            "a&b",
            "a&",
            "&",
            "q&a-b=1",
            "满100减5&返现=1",
        ] {
            assert_eq!(embedded_pair(genuine.as_bytes()), None, "{genuine}");
        }
    }

    /// The definition in docs/rules.md, literally: split the content at every `&` followed by
    /// a parameter name and `=`, then at each piece's first `=`.
    fn canonical_split(content: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut pieces = Vec::new();
        let mut start = 0;
        for at in 0..content.len() {
            let name_len = content[at + 1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            if content[at] == b'&' && name_len > 0 && content.get(at + 1 + name_len) == Some(&b'=')
            {
                pieces.push(&content[start..at]);
                start = at + 1;
            }
        }
        pieces.push(&content[start..]);
        pieces
            .into_iter()
            .map(|piece| match piece.iter().position(|&b| b == b'=') {
                Some(eq) => (piece[..eq].to_vec(), piece[eq + 1..].to_vec()),
                None => (piece.to_vec(), Vec::new()),
            })
            .collect()
    }

    fn sorted_covered(params: &RawParams, coverage: Coverage) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = params
            .pairs()
            .filter(|(n, v)| coverage.covers(n, v))
            .map(|(n, v)| (n.to_vec(), v.to_vec()))
            .collect();
        pairs.sort();
        pairs
    }

    #[test]
    fn the_re_split_attack_is_rejected() {
        let coverage = utf8(MatchedRule::V1, EmptyValues::Skipped);
        let genuine = RawParams::from_byte_pairs([
            ("subject", "x&total_amount=88.88&total_amount_x="),
            ("total_amount", "0.01"),
            ("sign", "s"),
        ])
        .unwrap();
        let forged = RawParams::from_byte_pairs([
            ("subject", "x"),
            ("total_amount", "88.88"),
            ("total_amount_x", "&total_amount=0.01"),
            ("sign", "s"),
        ])
        .unwrap();
        assert_eq!(content(&genuine, coverage), content(&forged, coverage));
        for message in [&genuine, &forged] {
            let err = check_one_reading(message, coverage, &[]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::AmbiguousSignedContent);
        }
        let err = check_one_reading(&genuine, coverage, &[]).unwrap_err();
        assert!(err.message().contains("subject"), "{}", err.message());
        // Allowing `subject` accepts the genuine reading, never the forged one.
        let allowed = ["subject".to_string()];
        assert!(check_one_reading(&genuine, coverage, &allowed).is_ok());
        assert!(check_one_reading(&forged, coverage, &allowed).is_err());
    }

    #[test]
    fn names_must_split_back() {
        let coverage = utf8(MatchedRule::V2, EmptyValues::Kept);
        let bad = |pairs: &[(&str, &str)]| {
            let p = RawParams::from_byte_pairs(pairs.iter().copied()).unwrap();
            check_one_reading(&p, coverage, &[]).map_err(|e| e.kind())
        };
        let ambiguous = Err(ErrorKind::AmbiguousSignedContent);
        assert_eq!(bad(&[("a", "1"), ("b=c", "2")]), ambiguous);
        assert_eq!(bad(&[("a", "1"), ("b&c", "2")]), ambiguous);
        assert_eq!(bad(&[("a", "1"), ("b.c", "2")]), ambiguous);
        assert_eq!(bad(&[("a", "1"), ("b c", "2")]), ambiguous);
        // The first name in sorted order is not preceded by `&`.
        assert_eq!(bad(&[("-x", "1"), ("b", "2")]), Ok(()));
        assert_eq!(bad(&[("=x", "1"), ("b", "2")]), ambiguous);
        // Parameters the rule does not cover are not in the content.
        let skipped = RawParams::from_byte_pairs([("a", "1"), ("b.c", " ")]).unwrap();
        assert!(
            check_one_reading(&skipped, utf8(MatchedRule::V1, EmptyValues::Skipped), &[]).is_ok()
        );
    }

    proptest::proptest! {
        /// The per-parameter check accepts exactly the messages whose covered parameters are
        /// the literal canonical split of their content and whose names hold no separator.
        #[test]
        fn check_agrees_with_the_literal_split(pairs in proptest::collection::vec(
            (
                proptest::string::string_regex("[a-c_.&=]{1,3}").unwrap(),
                proptest::string::string_regex("[a-c&= ]{0,6}").unwrap(),
            ),
            1..5,
        )) {
            let Ok(params) = RawParams::from_byte_pairs(pairs) else { return Ok(()) };
            let coverage = utf8(MatchedRule::V2, EmptyValues::Skipped);
            let covered = sorted_covered(&params, coverage);
            let literal = canonical_split(&content(&params, coverage));
            let separator_in_name = covered.iter().any(|(n, _)| n.contains(&b'&') || n.contains(&b'='));
            let one_reading = covered.is_empty() || (covered == literal && !separator_in_name);
            proptest::prop_assert_eq!(
                check_one_reading(&params, coverage, &[]).is_ok(),
                one_reading,
                "{:?}",
                covered
            );
        }
    }
}
