//! The text merchants paste as keys and certificates: PEM blocks in any wrapping (one line,
//! CRLF, indented), or bare base64 as Alipay's console shows keys. Certificates ([`crate::cert`])
//! and keys ([`crate::keys`]) both start here, so the copy-and-paste mistakes are caught once,
//! with their own reasons, before anything reads the DER.

use crate::error::{Error, ErrorKind, Result};
use base64::Engine as _;

/// An `INVALID_KEY` error about the key or certificate `what` names (never quoting its text).
pub(crate) fn invalid(what: &str, reason: &str) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("{what} {reason}"))
}

/// A PEM label as errors may show it. Labels are short upper-case words (`EC PRIVATE KEY`);
/// anything else may be pasted key text, which errors never repeat.
pub(crate) fn pem_block_name(tag: &str) -> String {
    let plain = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ';
    if !tag.is_empty() && tag.len() <= 40 && tag.chars().all(plain) {
        format!("PEM {tag:?} block")
    } else {
        "PEM block with an unusual label".into()
    }
}

/// Refuses the usual mistakes of copying a key out of a configuration file with their own
/// reason: the generic "does not parse" would not tell the merchant what to fix.
fn check_shape(text: &str, what: &str) -> Result<()> {
    const QUOTES: &[char] = &[
        '"', '\'', '`', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}',
    ];
    let trimmed = text.trim();
    if trimmed.starts_with(QUOTES) || trimmed.ends_with(QUOTES) {
        return Err(invalid(
            what,
            "is wrapped in quotes, as copied from a JSON, YAML or .env file: remove the quotes",
        ));
    }
    if trimmed.contains("\\n") || trimmed.contains("\\r") {
        return Err(invalid(
            what,
            "contains literal \\n escapes (as in a JSON or .env file) where line breaks belong: \
             turn each \\n into a line break, or give the key's file",
        ));
    }
    Ok(())
}

/// Parses PEM blocks when the text has any; `None` when it has no PEM header at all.
/// Every key and certificate text comes through here first, so its shape is checked here.
pub(crate) fn pem_blocks(text: &str, what: &str) -> Result<Option<Vec<pem::Pem>>> {
    check_shape(text, what)?;
    if !text.contains("-----BEGIN") {
        return Ok(None);
    }
    let normalized = normalize_pem(text);
    let blocks = pem::parse_many(normalized.as_bytes()).map_err(|_| {
        invalid(
            what,
            "is a PEM text that does not parse (bad base64 or mismatched BEGIN/END lines)",
        )
    })?;
    if blocks.is_empty() || normalized.matches("-----BEGIN").count() != blocks.len() {
        return Err(invalid(
            what,
            "is a PEM text that is cut off: a BEGIN line has no matching END line",
        ));
    }
    Ok(Some(blocks))
}

/// Puts PEM markers on lines of their own and drops blank or indented lines, so keys pasted on
/// one line, with CRLF or with surrounding whitespace parse like well-formed PEM.
fn normalize_pem(text: &str) -> String {
    let spaced = text
        .replace("-----BEGIN", "\n-----BEGIN")
        .replace("-----END", "\n-----END");
    let mut out = String::with_capacity(spaced.len() + 16);
    for line in spaced.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(marker_end) = marker_end(line) {
            out.push_str(&line[..marker_end]);
            out.push('\n');
            let rest = line[marker_end..].trim();
            if !rest.is_empty() {
                out.push_str(rest);
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The end of a `-----BEGIN X-----` / `-----END X-----` marker at the start of a line.
fn marker_end(line: &str) -> Option<usize> {
    if !line.starts_with("-----BEGIN") && !line.starts_with("-----END") {
        return None;
    }
    let after_dashes = line[5..].find("-----")? + 5;
    Some(after_dashes + 5)
}

pub(crate) fn bare_base64(text: &str, what: &str) -> Result<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(invalid(what, "is empty"));
    }
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| {
            let alphabet = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=';
            if compact.chars().all(alphabet) {
                invalid(what, "is base64 of the wrong length: it looks cut off; copy the whole key")
            } else {
                invalid(
                    what,
                    "is neither PEM nor base64: paste the key exactly as the Alipay console shows it",
                )
            }
        })
}
