//! The message as it would be with one corruption undone: each function returns the
//! parameters to verify again, or `None` when undoing changes nothing.

use crate::input::RawParams;
use base64::Engine as _;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Decoding {
    /// No decoding at all.
    None,
    /// `%XX` decoded, `+` kept literal (a body rebuilt from already-decoded values).
    PercentOnly,
    /// Full form decoding (for re-splitting with duplicates allowed).
    Once,
}

/// Splits `k=v&…` with the given decoding, for inputs that are not what the form parser
/// expects. `None` when the result is not a usable parameter set.
pub(super) fn split_pairs(input: &[u8], decoding: Decoding) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let body = match input.iter().position(|&b| b == b'?') {
        Some(at)
            if input.starts_with(b"?") || input.starts_with(b"http") || input.starts_with(b"/") =>
        {
            &input[at + 1..]
        }
        _ => input,
    };
    let decode = |part: &[u8]| -> Vec<u8> {
        match decoding {
            Decoding::None => part.to_vec(),
            Decoding::PercentOnly => percent_encoding::percent_decode(part).collect(),
            Decoding::Once => form_decode(part),
        }
    };
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = body
        .split(|&b| b == b'&')
        .filter(|s| !s.is_empty())
        .map(|segment| match segment.iter().position(|&b| b == b'=') {
            Some(eq) => (decode(&segment[..eq]), decode(&segment[eq + 1..])),
            None => (decode(segment), Vec::new()),
        })
        .collect();
    (!pairs.is_empty()).then_some(pairs)
}

/// One more form decoding: `+` is a space, `%XX` a byte.
pub(super) fn form_decode(value: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = value
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_encoding::percent_decode(&spaced).collect()
}

/// Decodes base64 that may be cut anywhere: padding optional, trailing bits allowed, an
/// incomplete last character dropped.
pub(super) fn decode_partial_base64(
    text: &str,
) -> std::result::Result<Vec<u8>, base64::DecodeError> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    // Bytes, not `str` slicing: the text may end in a multi-byte character (which then fails
    // to decode, as any non-base64 text does), where cutting the last byte would panic.
    let body = text.trim_end_matches('=').as_bytes();
    let usable = if body.len() % 4 == 1 {
        &body[..body.len() - 1]
    } else {
        body
    };
    LENIENT.decode(usable)
}

pub(super) fn to_params(pairs: Option<Vec<(Vec<u8>, Vec<u8>)>>) -> Option<RawParams> {
    pairs.and_then(|pairs| RawParams::from_byte_pairs(pairs).ok())
}

/// Keeps the first value of each repeated name: what PHP's `$_REQUEST` or a merged query and
/// body would not do, and what shows whether the duplicate is the cause.
pub(super) fn first_of_duplicates(
    pairs: Vec<(Vec<u8>, Vec<u8>)>,
) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut seen = std::collections::HashSet::new();
    Some(
        pairs
            .into_iter()
            .filter(|(name, _)| seen.insert(name.clone()))
            .collect(),
    )
}

/// Changes every value but `sign` and `sign_type`; `None` when nothing changed.
pub(super) fn map_values(
    params: &RawParams,
    change: impl Fn(&[u8]) -> Vec<u8>,
) -> Option<RawParams> {
    map_values_where(
        params,
        |name| name != b"sign" && name != b"sign_type",
        change,
    )
}

/// Changes every value, `sign` and `sign_type` included; `None` when nothing changed.
pub(super) fn map_all_values(
    params: &RawParams,
    change: impl Fn(&[u8]) -> Vec<u8>,
) -> Option<RawParams> {
    map_values_where(params, |_| true, change)
}

fn map_values_where(
    params: &RawParams,
    selected: impl Fn(&[u8]) -> bool,
    change: impl Fn(&[u8]) -> Vec<u8>,
) -> Option<RawParams> {
    let mut changed = false;
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = params
        .pairs()
        .map(|(name, value)| {
            if !selected(name) {
                return (name.to_vec(), value.to_vec());
            }
            let new = change(value);
            changed |= new != value;
            (name.to_vec(), new)
        })
        .collect();
    if !changed {
        return None;
    }
    RawParams::from_byte_pairs(pairs).ok()
}

pub(super) fn replace_value(
    params: &RawParams,
    target: &str,
    change: impl Fn(&[u8]) -> Vec<u8>,
) -> Option<RawParams> {
    let pairs: Vec<(Vec<u8>, Vec<u8>)> = params
        .pairs()
        .map(|(name, value)| {
            if name == target.as_bytes() {
                (name.to_vec(), change(value))
            } else {
                (name.to_vec(), value.to_vec())
            }
        })
        .collect();
    RawParams::from_byte_pairs(pairs).ok()
}

pub(super) fn without(params: &RawParams, names: &[&[u8]]) -> Option<RawParams> {
    // A set: `names` may be every parameter of a message with thousands.
    let names: std::collections::HashSet<&[u8]> = names.iter().copied().collect();
    let pairs = params.pairs().filter(|(name, _)| !names.contains(name));
    RawParams::from_byte_pairs(pairs).ok()
}

pub(super) fn unescape_html(value: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(value);
    if !text.contains('&') {
        return value.to_vec();
    }
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .into_bytes()
}

/// Python's `str(['x'])`, `[u'x']`, JSON `["x"]` and PHP's `Array` wrap what was one string.
pub(super) fn unwrap_list_value(value: &[u8]) -> Vec<u8> {
    for (open, close) in [(&b"['"[..], &b"']"[..]), (b"[u'", b"']"), (b"[\"", b"\"]")] {
        if value.starts_with(open)
            && value.ends_with(close)
            && value.len() >= open.len() + close.len()
        {
            return value[open.len()..value.len() - close.len()].to_vec();
        }
    }
    value.to_vec()
}
