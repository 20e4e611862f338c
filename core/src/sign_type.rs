//! Signature algorithms and canonicalization rules.

use crate::charset::printable_quoted;
use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

/// A signature algorithm, named as in Alipay's `sign_type` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignType {
    /// `RSA2`: SHA256withRSA, RSASSA-PKCS1-v1_5. Alipay's current default.
    Rsa2,
    /// `RSA`: SHA1withRSA, RSASSA-PKCS1-v1_5. Legacy; allow it only for merchants still on it.
    Rsa,
    /// `MD5`: legacy mapi shared-key signature, `md5(content + key)`.
    Md5,
    /// `SM2`: SM3withSM2 (国密) with the user id `1234567812345678`, DER signatures. Verified
    /// and signed in builds with the `sm2` feature; other builds refuse it as
    /// [`ErrorKind::InvalidConfig`] when asked for it.
    Sm2,
}

impl SignType {
    /// The name Alipay uses in `sign_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignType::Rsa2 => "RSA2",
            SignType::Rsa => "RSA",
            SignType::Md5 => "MD5",
            SignType::Sm2 => "SM2",
        }
    }

    pub(crate) fn parse_message_value(value: &[u8]) -> Option<SignType> {
        match value.trim_ascii().to_ascii_uppercase().as_slice() {
            b"RSA2" => Some(SignType::Rsa2),
            b"RSA" => Some(SignType::Rsa),
            b"MD5" => Some(SignType::Md5),
            b"SM2" => Some(SignType::Sm2),
            _ => None,
        }
    }
}

impl fmt::Display for SignType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SignType {
    type Err = Error;

    fn from_str(s: &str) -> Result<SignType> {
        SignType::parse_message_value(s.as_bytes()).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidConfig,
                format!(
                    "unknown sign type {}: use RSA2, RSA, SM2 or MD5",
                    printable_quoted(s.as_bytes(), 32)
                ),
            )
        })
    }
}

/// Which parameters a signature covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Rule {
    /// Try [`Rule::V1`], then [`Rule::V2`]. Safe: both forms come from the same parameters.
    #[default]
    Auto,
    /// `rsaCheckV1`: `sign` and `sign_type` are not signed (trade notifications, return_url).
    V1,
    /// `rsaCheckV2`: only `sign` is not signed (app-gateway messages).
    V2,
    /// Legacy WAP notifications (`alipay.wap.trade.create.direct`): `service`, `v`, `sec_id`
    /// and `notify_data` signed in that fixed order. [`Rule::Auto`] recognises them by those
    /// parameters; this forces it.
    Wap,
}

impl Rule {
    /// `auto`, `v1`, `v2` or `wap`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Auto => "auto",
            Rule::V1 => "v1",
            Rule::V2 => "v2",
            Rule::Wap => "wap",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = Error;

    fn from_str(s: &str) -> Result<Rule> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(Rule::Auto),
            "v1" => Ok(Rule::V1),
            "v2" => Ok(Rule::V2),
            "wap" => Ok(Rule::Wap),
            _ => Err(Error::new(
                ErrorKind::InvalidConfig,
                format!(
                    "unknown rule {}: use auto, v1, v2 or wap",
                    printable_quoted(s.as_bytes(), 32)
                ),
            )),
        }
    }
}

/// The rule that verified a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchedRule {
    /// `sign` and `sign_type` excluded.
    V1,
    /// Only `sign` excluded.
    V2,
    /// Legacy MD5 content (`sign`, `sign_type` and empty values excluded).
    Md5,
    /// Legacy WAP: `service`, `v`, `sec_id`, `notify_data` in that fixed order.
    Wap,
    /// A legacy `mobile.securitypay` app result: everything before `&sign_type=`.
    AppResult,
}

impl MatchedRule {
    /// `v1`, `v2`, `md5`, `wap` or `app_result`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedRule::V1 => "v1",
            MatchedRule::V2 => "v2",
            MatchedRule::Md5 => "md5",
            MatchedRule::Wap => "wap",
            MatchedRule::AppResult => "app_result",
        }
    }
}

impl fmt::Display for MatchedRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How empty values were treated in the content that verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EmptyValues {
    /// Empty and whitespace-only values were left out (Java SDK rule, Alipay's documented rule).
    Skipped,
    /// Empty values were signed too.
    Kept,
}

impl EmptyValues {
    /// `skipped` or `kept`.
    pub fn as_str(self) -> &'static str {
        match self {
            EmptyValues::Skipped => "skipped",
            EmptyValues::Kept => "kept",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_or_unprintable_name_is_quoted_short() {
        let long = "x".repeat(70_000);
        for message in [
            long.parse::<SignType>().unwrap_err().message().to_string(),
            long.parse::<Rule>().unwrap_err().message().to_string(),
        ] {
            assert!(message.len() < 200, "{} bytes", message.len());
        }
        let err = "v1\r\n\x1b".parse::<Rule>().unwrap_err();
        assert_eq!(
            err.message(),
            "unknown rule \"v1???\": use auto, v1, v2 or wap"
        );
    }
}
