//! The signed content: which parameters, in which order, joined how.

use crate::input::RawParams;
use crate::sign_type::{EmptyValues, MatchedRule};

/// Java's `StringUtils.isEmpty` treats whitespace-only values as empty
/// (`Character.isWhitespace`); for bytes that is ASCII whitespace plus the separators 0x1C–0x1F.
pub(crate) fn is_blank(value: &[u8]) -> bool {
    value
        .iter()
        .all(|&b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1f))
}

/// Whether a parameter takes part in the content for a rule and empty-value policy.
pub(crate) fn is_signed(
    name: &[u8],
    value: &[u8],
    rule: MatchedRule,
    empties: EmptyValues,
) -> bool {
    if name == b"sign" {
        return false;
    }
    match rule {
        MatchedRule::V1 if name == b"sign_type" => return false,
        MatchedRule::Md5 => return name != b"sign_type" && !value.is_empty(),
        _ => {}
    }
    empties == EmptyValues::Kept || !is_blank(value)
}

/// Builds `k=v&k=v` over the signed parameters, sorted by name bytes, values verbatim.
pub fn sign_content(params: &RawParams, rule: MatchedRule, empties: EmptyValues) -> Vec<u8> {
    let mut signed: Vec<(&[u8], &[u8])> = params
        .pairs()
        .filter(|(name, value)| is_signed(name, value, rule, empties))
        .collect();
    signed.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let size = signed.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut content = Vec::with_capacity(size);
    for (i, (name, value)) in signed.into_iter().enumerate() {
        if i > 0 {
            content.push(b'&');
        }
        content.extend_from_slice(name);
        content.push(b'=');
        content.extend_from_slice(value);
    }
    content
}

/// True when some parameter would be signed under [`EmptyValues::Kept`] but not under
/// [`EmptyValues::Skipped`], i.e. when trying both policies can make a difference.
pub(crate) fn has_blank_values(params: &RawParams, rule: MatchedRule) -> bool {
    params.pairs().any(|(name, value)| {
        is_signed(name, value, rule, EmptyValues::Kept)
            && !is_signed(name, value, rule, EmptyValues::Skipped)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(s: &str) -> RawParams {
        RawParams::from_form(s.as_bytes(), 1 << 16).unwrap()
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
        assert!(has_blank_values(&p, MatchedRule::V1));
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
}
