//! The charsets Alipay signs in, and conversion of signed bytes to UTF-8 for the caller.

use crate::error::{Error, ErrorKind, Result};
use encoding_rs::Encoding;
use std::str::FromStr;

/// The encoding of a message's signed bytes, from its `charset` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `utf-8` (also the default when `charset` is absent).
    Utf8,
    /// `gbk`, and `gb2312`, which GBK extends.
    Gbk,
    /// `gb18030`.
    Gb18030,
}

impl Charset {
    /// Reads a `charset` parameter value; empty means UTF-8.
    pub fn from_label(label: &[u8]) -> Result<Charset> {
        let label = label.trim_ascii();
        let lower = label.to_ascii_lowercase();
        match lower.as_slice() {
            b"" | b"utf-8" | b"utf8" => Ok(Charset::Utf8),
            b"gbk" | b"gb2312" | b"cp936" => Ok(Charset::Gbk),
            b"gb18030" => Ok(Charset::Gb18030),
            _ => Err(Error::new(
                ErrorKind::UnsupportedCharset,
                format!(
                    "charset {:?} is not one Alipay signs in (utf-8, gbk, gb2312, gb18030)",
                    printable_prefix(label, 32)
                ),
            )),
        }
    }

    /// The canonical label, as Alipay writes it.
    pub fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Gbk => "GBK",
            Charset::Gb18030 => "GB18030",
        }
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Charset::Utf8 => encoding_rs::UTF_8,
            Charset::Gbk => encoding_rs::GBK,
            Charset::Gb18030 => encoding_rs::GB18030,
        }
    }

    /// Decodes signed bytes to UTF-8, refusing (rather than replacing) invalid sequences, so the
    /// caller only ever sees what was signed.
    pub fn decode(self, bytes: &[u8], what: &str) -> Result<String> {
        let invalid = || {
            Error::new(
                ErrorKind::InvalidTextEncoding,
                format!("{what} is not valid {} text", self.label()),
            )
        };
        match self {
            Charset::Utf8 => String::from_utf8(bytes.to_vec()).map_err(|_| invalid()),
            _ => self
                .encoding()
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|text| text.into_owned())
                .ok_or_else(invalid),
        }
    }

    /// Appends the UTF-8 text of `bytes` to `out`, refusing invalid sequences; `what` names
    /// the bytes in the error, and is only built when there is one.
    pub(crate) fn decode_into(
        self,
        bytes: &[u8],
        out: &mut String,
        what: impl FnOnce() -> String,
    ) -> Result<()> {
        let invalid = || {
            Error::new(
                ErrorKind::InvalidTextEncoding,
                format!("{} is not valid {} text", what(), self.label()),
            )
        };
        if self == Charset::Utf8 {
            out.push_str(std::str::from_utf8(bytes).map_err(|_| invalid())?);
            return Ok(());
        }
        let mut decoder = self.encoding().new_decoder_without_bom_handling();
        let Some(room) = decoder.max_utf8_buffer_length_without_replacement(bytes.len()) else {
            return Err(invalid());
        };
        out.reserve(room);
        let (result, _) = decoder.decode_to_string_without_replacement(bytes, out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => Ok(()),
            _ => Err(invalid()),
        }
    }

    /// Encodes UTF-8 text to this charset's bytes, refusing characters it cannot represent.
    pub fn encode(self, text: &str, what: &str) -> Result<Vec<u8>> {
        if self == Charset::Utf8 {
            return Ok(text.as_bytes().to_vec());
        }
        let (bytes, _, unmappable) = self.encoding().encode(text);
        if unmappable {
            return Err(Error::new(
                ErrorKind::InvalidTextEncoding,
                format!(
                    "{what} has characters that {} cannot represent",
                    self.label()
                ),
            ));
        }
        Ok(bytes.into_owned())
    }
}

/// Reads a charset *option* (a verifier's `default_charset`): the labels
/// [`Charset::from_label`] accepts. Anything else is `INVALID_CONFIG`, not
/// `UNSUPPORTED_CHARSET`: the merchant's configuration is wrong, not a message, and an option
/// error is an operator error in every binding.
impl FromStr for Charset {
    type Err = Error;

    fn from_str(label: &str) -> Result<Charset> {
        Charset::from_label(label.as_bytes()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidConfig,
                format!(
                    "unknown charset {}: use utf-8, gbk, gb2312 or gb18030",
                    printable_quoted(label.as_bytes(), 32)
                ),
            )
        })
    }
}

/// A short, printable rendering of untrusted bytes for error messages.
pub(crate) fn printable_prefix(bytes: &[u8], max: usize) -> String {
    let mut out: String = String::from_utf8_lossy(&bytes[..bytes.len().min(max)])
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if bytes.len() > max {
        out.push('…');
    }
    out
}

/// Text from a sender or a caller (a parameter or option name) as this library's messages show
/// it: at most its first `max` bytes (`…` when cut), control characters as `?`, in double quotes
/// with any other unprintable character escaped. Bindings that write messages of their own use
/// it, so that no name can put a raw CR, LF or ESC into a log line.
pub fn printable_quoted(text: &[u8], max: usize) -> String {
    format!("{:?}", printable_prefix(text, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_has_no_control_characters() {
        assert_eq!(printable_quoted(b"a\r\n\x1b[2Jb", 40), "\"a???[2Jb\"");
        assert_eq!(printable_quoted(b"abcdef", 3), "\"abc…\"");
        assert_eq!(
            printable_quoted("x\u{2028}\"".as_bytes(), 40),
            "\"x\\u{2028}\\\"\""
        );
        assert_eq!(printable_quoted(b"\xff\0", 40), "\"\u{fffd}?\"");
    }

    #[test]
    fn labels_are_case_and_space_insensitive() {
        assert_eq!(Charset::from_label(b" UTF-8 ").unwrap(), Charset::Utf8);
        assert_eq!(Charset::from_label(b"").unwrap(), Charset::Utf8);
        assert_eq!(Charset::from_label(b"gb2312").unwrap(), Charset::Gbk);
        assert_eq!(Charset::from_label(b"GB18030").unwrap(), Charset::Gb18030);
        let err = Charset::from_label(b"big5").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsupportedCharset);
    }

    #[test]
    fn a_charset_option_is_a_configuration_error() {
        assert_eq!(" GBK ".parse::<Charset>().unwrap(), Charset::Gbk);
        assert_eq!("".parse::<Charset>().unwrap(), Charset::Utf8);
        let err = "big5\r\n".parse::<Charset>().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        assert_eq!(
            err.message(),
            "unknown charset \"big5??\": use utf-8, gbk, gb2312 or gb18030"
        );
    }

    #[test]
    fn gbk_round_trips_and_refuses_invalid_bytes() {
        let bytes = Charset::Gbk.encode("测试", "subject").unwrap();
        assert_eq!(bytes, [0xb2, 0xe2, 0xca, 0xd4]);
        assert_eq!(Charset::Gbk.decode(&bytes, "subject").unwrap(), "测试");
        let err = Charset::Gbk.decode(&[0x81], "subject").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidTextEncoding);
        let err = Charset::Utf8.decode(&[0xff], "subject").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidTextEncoding);
        assert!(Charset::Gbk.encode("😀", "subject").is_err());
    }
}
