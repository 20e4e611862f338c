//! The headers of a v3 response that its verification reads, picked from whatever the HTTP
//! library gave: names in any case (HTTP header names are case-insensitive), every other header
//! ignored, and any of the four given twice refused, because which copy Alipay signed would be
//! ambiguous.

use super::{NONCE_HEADER, SIGNATURE_HEADER, SN_HEADER, TIMESTAMP_HEADER};
use crate::charset::printable_quoted;
use crate::error::{Error, ErrorKind, Result};

/// The `alipay-timestamp`, `alipay-nonce`, `alipay-signature` and `alipay-sn` headers of a v3
/// response, as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct V3Headers {
    timestamp: Header,
    nonce: Header,
    signature: Header,
    cert_sn: Header,
}

/// One header's value and whether it was given. Not an `Option<String>`: its `None` leaves the
/// pointer and length unwritten, optimised code reads them speculatively before it checks, and
/// valgrind (the C and PHP suites run under it) reports that as a jump on uninitialised memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Header {
    given: bool,
    value: String,
}

impl Header {
    fn get(&self) -> Option<&str> {
        self.given.then_some(self.value.as_str())
    }
}

impl V3Headers {
    /// Picks the four headers from `(name, value)` pairs, such as every header of a response in
    /// the order the HTTP library lists them. Names match ignoring ASCII case; a header that is
    /// not one of the four is ignored. A header of the four given twice (in any case, even with
    /// the same value) is `DUPLICATE_PARAMETER`. Values are taken as given: frameworks already
    /// strip the spaces around them.
    pub fn from_pairs<I, N, V>(headers: I) -> Result<V3Headers>
    where
        I: IntoIterator<Item = (N, V)>,
        N: AsRef<str>,
        V: AsRef<str>,
    {
        let mut out = V3Headers::default();
        for (name, value) in headers {
            let name = name.as_ref();
            let (canonical, slot) = if name.eq_ignore_ascii_case(TIMESTAMP_HEADER) {
                (TIMESTAMP_HEADER, &mut out.timestamp)
            } else if name.eq_ignore_ascii_case(NONCE_HEADER) {
                (NONCE_HEADER, &mut out.nonce)
            } else if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                (SIGNATURE_HEADER, &mut out.signature)
            } else if name.eq_ignore_ascii_case(SN_HEADER) {
                (SN_HEADER, &mut out.cert_sn)
            } else {
                continue;
            };
            if slot.given {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "the response has the header {canonical} twice (the second as {}); which \
                         one Alipay sent is ambiguous, so the response is refused",
                        printable_quoted(name.as_bytes(), 40)
                    ),
                ));
            }
            *slot = Header {
                given: true,
                value: value.as_ref().to_string(),
            };
        }
        Ok(out)
    }

    /// Whether `name` is one of the four headers verification reads (in any case): a binding
    /// converts only those, so another header in a shape it does not take (Node's array of
    /// `set-cookie` values) is no reason to refuse the response.
    pub fn reads(name: &str) -> bool {
        [TIMESTAMP_HEADER, NONCE_HEADER, SIGNATURE_HEADER, SN_HEADER]
            .iter()
            .any(|header| name.eq_ignore_ascii_case(header))
    }

    /// `alipay-timestamp`, when present.
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.get()
    }

    /// `alipay-nonce`, when present.
    pub fn nonce(&self) -> Option<&str> {
        self.nonce.get()
    }

    /// `alipay-signature`, when present.
    pub fn signature(&self) -> Option<&str> {
        self.signature.get()
    }

    /// `alipay-sn`, when present (certificate mode).
    pub fn cert_sn(&self) -> Option<&str> {
        self.cert_sn.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_any_case_and_others_are_ignored() {
        let headers = V3Headers::from_pairs([
            ("Content-Type", "application/json"),
            ("Alipay-Timestamp", "1717756911576"),
            ("ALIPAY-NONCE", "n"),
            ("alipay-signature", "c2ln"),
            ("alipay-trace-id", "t"),
        ])
        .unwrap();
        assert_eq!(headers.timestamp(), Some("1717756911576"));
        assert_eq!(headers.nonce(), Some("n"));
        assert_eq!(headers.signature(), Some("c2ln"));
        assert_eq!(headers.cert_sn(), None);
    }

    #[test]
    fn any_of_the_four_twice_is_a_duplicate() {
        for name in [
            "alipay-signature",
            "Alipay-Timestamp",
            "alipay-nonce",
            "ALIPAY-SN",
        ] {
            let err = V3Headers::from_pairs([(name.to_lowercase(), "a"), (name.to_string(), "a")])
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DuplicateParameter, "{name}");
            assert!(
                err.message().contains(&name.to_lowercase()),
                "{}",
                err.message()
            );
        }
        V3Headers::from_pairs([("x-other", "1"), ("X-Other", "2")]).unwrap();
    }

    #[test]
    fn reads_the_four_names_in_any_case_only() {
        for name in [
            "alipay-timestamp",
            "Alipay-Nonce",
            "ALIPAY-SIGNATURE",
            "alipay-sn",
        ] {
            assert!(V3Headers::reads(name), "{name}");
        }
        for name in [
            "set-cookie",
            "alipay-trace-id",
            "alipay-sn2",
            "",
            "alipay_sn",
        ] {
            assert!(!V3Headers::reads(name), "{name}");
        }
    }
}
