//! The decryption keys and ciphers of encrypted content (`crate::aes` has the messages that
//! carry it): the AES key the Alipay console shows as base64 (接口内容加密密钥), AES in CBC mode
//! with a zero IV and PKCS#7 padding as Alipay's SDKs use it (docs/rules.md §AES), and the app
//! private key for RSA-encrypted `biz_content`.

use crate::charset::Charset;
use crate::error::{Error, ErrorKind, Result};
use base64::Engine as _;

mod backend;
mod keys;
mod rsa;

pub(crate) use keys::Decryption;
pub(crate) use rsa::RsaDecrypting;

/// An AES key as the Alipay console shows it: base64 of 16 bytes (AES-128, the console's
/// keys), 24 or 32 bytes (AES-192 and AES-256, which the Java and Node SDKs accept too).
#[derive(Clone, PartialEq, Eq)]
pub struct AesKey {
    bytes: Vec<u8>,
}

impl AesKey {
    /// Reads a key from its base64 text; whitespace around or inside it (a line break from a
    /// configuration file) is ignored. Anything else is [`ErrorKind::InvalidKey`], without
    /// quoting the text.
    pub fn parse(text: &str) -> Result<AesKey> {
        let invalid = |why: &str| Error::new(ErrorKind::InvalidKey, format!("the aes_key {why}"));
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(invalid("is empty"));
        }
        let quotes: &[char] = &['"', '\'', '`', '\u{201c}', '\u{201d}'];
        if compact.starts_with(quotes) || compact.ends_with(quotes) {
            return Err(invalid(
                "is wrapped in quotes, as copied from a JSON, YAML or .env file: remove them",
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|_| {
                invalid(
                    "is not base64: give it exactly as the Alipay console shows it \
                     (接口内容加密密钥, 24 characters ending in ==)",
                )
            })?;
        match bytes.len() {
            16 | 24 | 32 => Ok(AesKey { bytes }),
            n => Err(invalid(&format!(
                "decodes to {n} bytes; an AES key has 16 (AES-128, the console's), 24 or 32: \
                 is it the AES key (接口内容加密密钥), not an RSA key?"
            ))),
        }
    }

    /// The key size in bits: 128, 192 or 256.
    pub fn bits(&self) -> usize {
        self.bytes.len() * 8
    }

    /// Decrypts base64 ciphertext (whitespace ignored) to its bytes. Invalid base64, a length
    /// that is not whole blocks, or invalid padding (as with another app's key) is
    /// [`ErrorKind::DecryptionFailed`]; the message never holds the key or the content.
    pub fn decrypt(&self, ciphertext_base64: impl AsRef<[u8]>) -> Result<Vec<u8>> {
        let compact: Vec<u8> = ciphertext_base64
            .as_ref()
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if compact.is_empty() {
            return Err(failed("the ciphertext is empty"));
        }
        let ciphertext = base64::engine::general_purpose::STANDARD
            .decode(&compact)
            .map_err(|_| failed("the ciphertext is not base64"))?;
        if ciphertext.len() % backend::BLOCK != 0 {
            return Err(failed(&format!(
                "the ciphertext has {} bytes, not whole 16-byte AES blocks: it is cut off or \
                 altered",
                ciphertext.len()
            )));
        }
        backend::cbc_decrypt(&self.bytes, ciphertext).ok_or_else(|| {
            failed(
                "the content does not decrypt with the configured aes_key (its padding is \
                 invalid): the aes_key is not this app's (each app has its own \
                 接口内容加密密钥), or the content was altered",
            )
        })
    }

    /// Decrypts base64 ciphertext to text in `charset` (UTF-8 for responses). Bytes that are
    /// not text in it are [`ErrorKind::DecryptionFailed`]: with a wrong key, one message in
    /// about 256 still has valid padding, and this is how it shows.
    pub fn decrypt_text(
        &self,
        ciphertext_base64: impl AsRef<[u8]>,
        charset: Charset,
    ) -> Result<String> {
        let plaintext = self.decrypt(ciphertext_base64)?;
        charset.decode(&plaintext, "x").map_err(|_| {
            failed(&format!(
                "the content decrypts to bytes that are not {} text: the aes_key is not this \
                 app's, or the charset is another",
                charset.label()
            ))
        })
    }

    /// Encrypts `plaintext` the way Alipay does, to base64: for tests and sandboxes that play
    /// Alipay (the zero IV makes equal plaintexts give equal ciphertexts: fine for a protocol
    /// that signs every message, not for anything else).
    pub fn encrypt(&self, plaintext: impl AsRef<[u8]>) -> String {
        let ciphertext = backend::cbc_encrypt(&self.bytes, plaintext.as_ref());
        base64::engine::general_purpose::STANDARD.encode(ciphertext)
    }
}

impl std::fmt::Debug for AesKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AesKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

/// Decrypts base64 `ciphertext` with the base64 `aes_key` to UTF-8 text: what the SDKs'
/// `aesDecrypt` does for a value a merchant holds (the `response` of `my.getPhoneNumber`
/// before its signature is checked is not such a value: verify it with
/// [`crate::Verifier::verify_open_data`]). A bad key is [`ErrorKind::InvalidKey`]; content that does
/// not decrypt is [`ErrorKind::DecryptionFailed`].
pub fn decrypt(aes_key: &str, ciphertext: impl AsRef<[u8]>) -> Result<String> {
    AesKey::parse(aes_key)?.decrypt_text(ciphertext, Charset::Utf8)
}

/// A `DECRYPTION_FAILED` error.
pub(crate) fn failed(why: &str) -> Error {
    Error::new(ErrorKind::DecryptionFailed, why)
}

#[cfg(test)]
mod tests;
