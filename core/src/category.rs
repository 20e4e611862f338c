//! Reading and showing [`Category`] names, which bindings show (Python's and Node's error tables, logs): one
//! table here instead of a `match` in each binding.

use crate::charset::printable_quoted;
use crate::error::{Category, Error, ErrorKind, Result};
use std::fmt;
use std::str::FromStr;

impl Category {
    /// Every category, in the order of their code ranges (1xx, 2xx, 3xx, then the rest).
    pub const ALL: [Category; 4] = [
        Category::Sender,
        Category::Business,
        Category::Operator,
        Category::Library,
    ];
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = Error;

    /// Exactly one of the names [`Category::name`] gives.
    fn from_str(s: &str) -> Result<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.name() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidConfig,
                    format!(
                        "unknown category {}: use sender, business, operator or library",
                        printable_quoted(s.as_bytes(), 20)
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_error_kinds() {
        for category in Category::ALL {
            assert_eq!(category.name().parse::<Category>().unwrap(), category);
            assert_eq!(category.to_string(), category.name());
        }
        assert_eq!(ErrorKind::InvalidSignature.category().name(), "sender");
        assert_eq!(ErrorKind::AmountMismatch.category().name(), "business");
        assert_eq!(ErrorKind::InvalidKey.category().name(), "operator");
        assert_eq!(ErrorKind::Internal.category().name(), "library");
        // Every kind's category is in ALL.
        for kind in ErrorKind::ALL {
            assert!(Category::ALL.contains(&kind.category()), "{kind}");
        }
        let err = "Sender\r\n".parse::<Category>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        assert!(!err.message().contains('\r'), "{err}");
    }
}
