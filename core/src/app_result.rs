//! The legacy `mobile.securitypay.pay` app result (无线快捷支付 / 移动支付 SDK): the `result`
//! string the Alipay app hands back to the merchant's app, `k="v"` pairs joined by `&`, in the
//! order the order string had them, then Alipay's `&success="true"&sign_type="RSA"&sign="…"`.
//! Alipay signs everything before `&sign_type=`, quotes included, unsorted. Like a return_url
//! it travelled through the buyer's device: show it, but ship on the async notification.

use crate::canonical::is_parameter_name;
use crate::charset::{Charset, printable_prefix};
use crate::error::{Error, ErrorKind, Result};
use crate::notify::{MessageKind, Notification, Verification};
use crate::sign_type::{EmptyValues, MatchedRule, SignType};
use crate::verifier::Verifier;
use base64::Engine as _;

/// One `name="value"` of the result string: where it starts (its `name`) and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pair<'a> {
    start: usize,
    name: &'a [u8],
    value: &'a [u8],
}

fn malformed(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::MalformedInput, message)
}

/// Splits `name="value"&name="value"…`. A value ends at the first `"` that ends the input or
/// is followed by `&`, a name and `="`, so values may hold `"` and `&` otherwise.
fn split(input: &[u8]) -> Result<Vec<Pair<'_>>> {
    let mut pairs: Vec<Pair<'_>> = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let start = at;
        let eq = input[at..]
            .iter()
            .position(|&b| b == b'=')
            .map(|i| at + i)
            .ok_or_else(|| malformed("the app result is not name=\"value\" pairs"))?;
        let name = &input[at..eq];
        if !is_parameter_name(name) || input.get(eq + 1) != Some(&b'"') {
            return Err(malformed(format!(
                "the app result is not name=\"value\" pairs (at {:?})",
                printable_prefix(&input[start..], 24)
            )));
        }
        let value_start = eq + 2;
        let end = value_end(input, value_start).ok_or_else(|| {
            malformed(format!(
                "the value of {} has no closing quote",
                printable_prefix(name, 40)
            ))
        })?;
        if pairs.iter().any(|p| p.name == name) {
            return Err(Error::new(
                ErrorKind::DuplicateParameter,
                format!(
                    "parameter {:?} occurs more than once in the app result",
                    printable_prefix(name, 40)
                ),
            ));
        }
        pairs.push(Pair {
            start,
            name,
            value: &input[value_start..end],
        });
        // Past the closing quote, and the `&` when another pair follows.
        at = end + 1;
        if at < input.len() {
            at += 1;
        }
    }
    Ok(pairs)
}

/// The index of the quote that closes the value starting at `from`.
fn value_end(input: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = input.get(at..)?.iter().position(|&b| b == b'"') {
        let quote = at + i;
        let rest = &input[quote + 1..];
        if rest.is_empty() || starts_pair(rest) {
            return Some(quote);
        }
        at = quote + 1;
    }
    None
}

/// True for `&name="`.
fn starts_pair(rest: &[u8]) -> bool {
    let Some(after) = rest.strip_prefix(b"&") else {
        return false;
    };
    let name_len = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    name_len > 0 && after[name_len..].starts_with(b"=\"")
}

/// The signed content of a legacy app result (everything before `&sign_type=`), or `None` when
/// `result` does not end in `sign_type` and `sign`.
pub fn app_result_sign_content(result: &[u8]) -> Option<&[u8]> {
    let pairs = split(result).ok()?;
    signed_part(result, &pairs).ok()
}

/// The bytes before the `&` that precedes `sign_type`, which with `sign` must end the result.
fn signed_part<'a>(input: &'a [u8], pairs: &[Pair<'_>]) -> Result<&'a [u8]> {
    match pairs {
        [_, .., sign_type, sign] if sign_type.name == b"sign_type" && sign.name == b"sign" => {
            Ok(&input[..sign_type.start - 1])
        }
        _ if !pairs.iter().any(|p| p.name == b"sign") => Err(Error::new(
            ErrorKind::MissingSignature,
            "the app result has no sign",
        )),
        _ => Err(malformed(
            "the app result must end with sign_type=\"…\"&sign=\"…\" after at least one signed pair",
        )),
    }
}

impl Verifier {
    /// Verifies a legacy `mobile.securitypay.pay` app result: the `result` string the Alipay app
    /// returned to the merchant's app (`partner="…"&…&success="true"&sign_type="RSA"&sign="…"`).
    /// The signature covers everything before `&sign_type=`, as Alipay wrote it; `sign_type`
    /// must be an allowed RSA type (`RSA` is SHA1withRSA with Alipay's 1024-bit key, so allow
    /// `RSA` and `min_key_bits` 1024). The result holds the signed pairs, values without their
    /// quotes, as a [`MessageKind::Return`] message: display only; the async notification is
    /// what proves payment.
    pub fn verify_app_result(&self, result: impl AsRef<[u8]>) -> Result<Notification> {
        let input = result.as_ref();
        if input.len() > self.config.max_size {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "input is {} bytes, over the limit of {} bytes",
                    input.len(),
                    self.config.max_size
                ),
            ));
        }
        let trimmed = input.trim_ascii();
        if trimmed.starts_with(b"resultStatus") || trimmed.starts_with(b"{") {
            return Err(malformed(
                "pass the value of result alone (partner=\"…\"&…&sign=\"…\"), not the whole resultStatus/memo/result answer",
            ));
        }
        let pairs = split(trimmed)?;
        let content = signed_part(trimmed, &pairs)?;
        let (sign_type_pair, sign_pair) = (&pairs[pairs.len() - 2], &pairs[pairs.len() - 1]);
        let sign_type = self.app_result_sign_type(sign_type_pair.value)?;
        if sign_pair.value.trim_ascii().is_empty() {
            return Err(Error::new(
                ErrorKind::MissingSignature,
                "the app result has an empty sign",
            ));
        }
        let repaired: Vec<u8> = sign_pair
            .value
            .iter()
            .map(|&b| if b == b' ' { b'+' } else { b })
            .collect();
        let signature = base64::engine::general_purpose::STANDARD
            .decode(&repaired)
            .map_err(|_| Error::new(ErrorKind::InvalidSignature, "sign is not valid base64"))?;
        let key_index = self
            .verify_raw_content(content, &signature, sign_type, None)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidSignature,
                    format!(
                        "the app result's {sign_type} signature over everything before &sign_type= does not verify with the configured keys (Alipay's public key; for mobile.securitypay usually the 1024-bit RSA one)"
                    ),
                )
            })?;
        let charset = pairs
            .iter()
            .find(|p| p.name == b"_input_charset")
            .map(|p| Charset::from_label(p.value))
            .transpose()?
            .unwrap_or(self.config.default_charset);
        let mut text_pairs = Vec::with_capacity(pairs.len() - 2);
        for pair in &pairs[..pairs.len() - 2] {
            let name = String::from_utf8_lossy(pair.name).into_owned();
            let value = charset.decode(pair.value, &format!("the value of {name}"))?;
            text_pairs.push((name, value));
        }
        let verification = Verification {
            kind: MessageKind::Return,
            rule: MatchedRule::AppResult,
            empty_values: EmptyValues::Kept,
            sign_type,
            charset,
            key_index: Some(key_index),
            key_fingerprint: Some(self.keys[key_index].public.fingerprint().to_string()),
        };
        let notification = Notification::from_text_pairs(text_pairs, verification);
        self.check_business(&notification)?;
        Ok(notification)
    }

    fn app_result_sign_type(&self, declared: &[u8]) -> Result<SignType> {
        match SignType::parse_message_value(declared) {
            Some(SignType::Md5) | None => Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sign_type {:?} is not an RSA sign type; app results are signed RSA or RSA2",
                    printable_prefix(declared, 16)
                ),
            )),
            Some(sign_type) if !self.allowed.contains(&sign_type) => Err(Error::new(
                ErrorKind::SignTypeNotAllowed,
                format!(
                    "sign_type {sign_type} is not allowed by this verifier; legacy app results are RSA (SHA1withRSA, 1024-bit key): add RSA to sign_types and set min_key_bits 1024"
                ),
            )),
            Some(sign_type) => Ok(sign_type),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_pairs_and_finds_the_signed_part() {
        let input = br#"a="1"&b="x"y&z"&sign_type="RSA"&sign="c2ln""#;
        let pairs = split(input).unwrap();
        let names: Vec<&[u8]> = pairs.iter().map(|p| p.name).collect();
        assert_eq!(names, [&b"a"[..], b"b", b"sign_type", b"sign"]);
        assert_eq!(pairs[1].value, br#"x"y&z"#);
        assert_eq!(
            app_result_sign_content(input),
            Some(&br#"a="1"&b="x"y&z""#[..])
        );
    }

    #[test]
    fn malformed_results_are_typed_errors() {
        for bad in [
            &b"a=1&sign_type=\"RSA\"&sign=\"x\""[..],
            b"a=\"1",
            b"=\"1\"",
            b"a.b=\"1\"&sign_type=\"RSA\"&sign=\"x\"",
            b"sign_type=\"RSA\"&sign=\"x\"",
            b"a=\"1\"&sign=\"x\"&sign_type=\"RSA\"",
        ] {
            let err = split(bad).and_then(|pairs| signed_part(bad, &pairs).map(|_| ()));
            assert_eq!(
                err.unwrap_err().kind(),
                ErrorKind::MalformedInput,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let missing = b"a=\"1\"&sign_type=\"RSA\"";
        let err = signed_part(missing, &split(missing).unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingSignature);
        let twice = b"a=\"1\"&a=\"2\"&sign_type=\"RSA\"&sign=\"x\"";
        assert_eq!(
            split(twice).unwrap_err().kind(),
            ErrorKind::DuplicateParameter
        );
    }
}
