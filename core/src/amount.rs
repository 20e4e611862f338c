//! Exact money: yuan strings with at most two decimals, held as integer fen.

use crate::error::{Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

/// An amount of money in fen (1/100 yuan). Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount {
    fen: i64,
}

impl Amount {
    /// An amount from integer fen.
    pub const fn from_fen(fen: i64) -> Amount {
        Amount { fen }
    }

    /// Parses a yuan amount as Alipay writes it: digits, optionally a dot and one or two
    /// digits (`0.01`, `88`, `12.5`). No sign, exponent, spaces or thousands separators.
    pub fn parse_yuan(text: &str) -> Result<Amount> {
        let invalid = || {
            Error::new(
                ErrorKind::InvalidAmount,
                format!(
                    "{:?} is not a yuan amount with at most two decimals",
                    crate::charset::printable_prefix(text.as_bytes(), 24)
                ),
            )
        };
        let (whole, fraction) = match text.split_once('.') {
            Some((whole, fraction)) => (whole, fraction),
            None => (text, ""),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (text.contains('.') && !digits(fraction)) || fraction.len() > 2 {
            return Err(invalid());
        }
        let whole: i64 = whole.parse().map_err(|_| invalid())?;
        let mut fraction_fen: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| invalid())?
        };
        if fraction.len() == 1 {
            fraction_fen *= 10;
        }
        let fen = whole
            .checked_mul(100)
            .and_then(|f| f.checked_add(fraction_fen))
            .ok_or_else(invalid)?;
        Ok(Amount { fen })
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.fen
    }
}

impl FromStr for Amount {
    type Err = Error;

    fn from_str(s: &str) -> Result<Amount> {
        Amount::parse_yuan(s)
    }
}

impl fmt::Display for Amount {
    /// Formats as yuan with two decimals, as Alipay writes amounts (`0.01`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.fen < 0 { "-" } else { "" };
        let abs = self.fen.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan_to_fen() {
        for (text, fen) in [
            ("0.01", 1),
            ("88", 8800),
            ("12.5", 1250),
            ("1.00", 100),
            ("0", 0),
            ("007.10", 710),
        ] {
            assert_eq!(Amount::parse_yuan(text).unwrap().fen(), fen, "{text}");
        }
        assert_eq!(Amount::from_fen(1).to_string(), "0.01");
        assert_eq!(Amount::from_fen(123456).to_string(), "1234.56");
    }

    #[test]
    fn rejects_everything_else() {
        for text in [
            "",
            ".5",
            "1.",
            "1.234",
            "-1",
            "+1",
            "1e3",
            " 1",
            "1 ",
            "1,000.00",
            "0x10",
            "1.2.3",
            "99999999999999999999",
        ] {
            let err = Amount::parse_yuan(text).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidAmount, "{text:?}");
        }
    }
}
