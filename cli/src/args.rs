//! Arguments shared by several commands.

use crate::Failure;
use std::io::Read;
use std::path::Path;

/// What a key option holds, so its value is checked as soon as it is read, with the option's
/// name in the error.
#[derive(Clone, Copy)]
pub enum KeyRole {
    /// Alipay's public key or certificate, or an app public key.
    Public,
    /// A private key.
    Private,
    /// Alipay's root certificates, checked when the verifier is built.
    Roots,
}

/// Shorter than any key text: an argument this short, with no PEM marker, was meant as a path.
const SHORTEST_KEY_TEXT: usize = 100;

/// A key given on the command line: a path to a file, or the key text itself. Errors name the
/// option and what is wrong, never the value: it may be a private key, and stderr ends up in
/// logs.
pub fn read_key(arg: &str, option: &str, role: KeyRole) -> Result<String, Failure> {
    let path = Path::new(arg);
    let text = if path.is_file() {
        std::fs::read_to_string(path).map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::InvalidData {
                "is not text (binary DER?); give the PEM or base64 form".to_string()
            } else {
                format!("cannot be read: {e}")
            };
            Failure::Config(format!("INVALID_KEY: {option}: the file {why}"))
        })?
    } else if !arg.contains("-----") && arg.trim().chars().count() < SHORTEST_KEY_TEXT {
        return Err(Failure::Config(format!(
            "INVALID_KEY: {option}: no readable file has that name, and {} characters are too \
             few for key text",
            arg.chars().count()
        )));
    } else if !arg.contains("-----") && arg.contains('.') {
        // Neither PEM nor base64 has a dot; a path (`alipay_public_key.txt`) has.
        return Err(Failure::Config(format!(
            "INVALID_KEY: {option}: no readable file has that name, and it is not key text"
        )));
    } else {
        arg.to_string()
    };
    let checked = match role {
        KeyRole::Public => alipay_notify::PublicKey::parse(&text, "the key").map(drop),
        KeyRole::Private => alipay_notify::PrivateKey::parse(&text).map(drop),
        KeyRole::Roots => Ok(()),
    };
    checked.map_err(|e| Failure::Config(format!("{}: {option}: {}", e.name(), e.message())))?;
    Ok(text)
}

/// An AES key given on the command line: the base64 text, or a file holding it. Checked as
/// soon as it is read; errors never repeat it.
pub fn read_aes_key(arg: &str) -> Result<String, Failure> {
    let path = Path::new(arg);
    let text = match path.is_file() {
        true => std::fs::read_to_string(path).map_err(|e| {
            Failure::Config(format!(
                "INVALID_KEY: --aes-key: the file cannot be read: {e}"
            ))
        })?,
        false => arg.to_string(),
    };
    alipay_notify::AesKey::parse(&text)
        .map_err(|e| Failure::Config(format!("{}: --aes-key: {}", e.name(), e.message())))?;
    Ok(text)
}

/// All of standard input, with one trailing line break removed (shells and editors add one;
/// Alipay's bodies never end with one).
pub fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut input = read_stdin_exact()?;
    if input.ends_with(b"\r\n") {
        input.truncate(input.len() - 2);
    } else if input.ends_with(b"\n") {
        input.truncate(input.len() - 1);
    }
    Ok(input)
}

/// All of standard input, byte for byte: for bodies whose signature covers every byte.
pub fn read_stdin_exact() -> Result<Vec<u8>, Failure> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|e| Failure::Config(format!("cannot read standard input: {e}")))?;
    Ok(input)
}

/// Reads `name=value&...` (decoded once) or a JSON object of strings into pairs, in order.
pub fn read_params(input: &[u8]) -> Result<Vec<(String, String)>, Failure> {
    let text = std::str::from_utf8(input)
        .map_err(|_| Failure::Config("the parameters to sign must be UTF-8 text".into()))?;
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(trimmed)
            .map_err(|e| Failure::Config(format!("the parameters are not a JSON object: {e}")))?;
        return object
            .into_iter()
            .map(|(name, value)| match value {
                serde_json::Value::String(text) => Ok((name, text)),
                other => Err(Failure::Config(format!(
                    "parameter {name} is {other}, not a string: Alipay signs wire text, so give JSON values as strings"
                ))),
            })
            .collect();
    }
    let raw = alipay_notify::RawParams::from_form(trimmed.as_bytes(), usize::MAX)
        .map_err(|e| Failure::Config(e.to_string()))?;
    raw.pairs()
        .map(
            |(k, v)| match (String::from_utf8(k.to_vec()), String::from_utf8(v.to_vec())) {
                (Ok(k), Ok(v)) => Ok((k, v)),
                _ => Err(Failure::Config(
                    "the parameters to sign must decode to UTF-8 text".into(),
                )),
            },
        )
        .collect()
}

/// Writes a line to standard output. A reader that went away (`| head`) is not an error of
/// ours, so a broken pipe ends quietly instead of panicking like `println!`.
pub fn print_line(text: &str) -> Result<(), Failure> {
    print_bytes(format!("{text}\n").as_bytes())
}

/// Writes bytes to standard output as they are, with no line break added, as [`print_line`]
/// does its line.
pub fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Config(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}
