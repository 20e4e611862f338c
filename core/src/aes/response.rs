//! Encrypted OpenAPI responses: the `*_response` node is a JSON string, the base64 ciphertext.
//! Alipay signs that string as it appears in the body, quotes included (`"…"`), so the response
//! verifies like any other (`crate::response`); this module decrypts the verified node with the
//! `aes_key` option, and recognises a signature made without the quotes.

use crate::charset::Charset;
use crate::decryption::failed;
use crate::error::{Error, ErrorKind, Result};
use crate::response::node::parse_node;
use crate::verifier::Verifier;
use serde_json::Value;
use serde_json::value::RawValue;

impl Verifier {
    /// The node's value, decrypted when it is a string and the verifier has an `aes_key`, with
    /// the plaintext JSON text; otherwise `value` as it is. Called after the signature verified.
    pub(crate) fn decrypt_node(&self, value: Value) -> Result<(Value, Option<String>)> {
        let (Some(key), Value::String(ciphertext)) = (&self.decryption.aes, &value) else {
            return Ok((value, None));
        };
        let plaintext = key.decrypt_text(ciphertext, Charset::Utf8)?;
        let decrypted = decrypted_json(&plaintext)?;
        Ok((decrypted, Some(plaintext)))
    }

    /// When a string `content` (quotes included) did not verify: whether it verifies without
    /// its quotes, the mistake of a signer that signs the ciphertext instead of the JSON string.
    pub(crate) fn unquoted_signature(
        &self,
        what: &str,
        content: &str,
        signature: &[u8],
        candidates: Option<&[usize]>,
    ) -> Option<Error> {
        self.signs_unquoted(content, signature, candidates)
            .then(|| unquoted_error(what))
    }

    /// Whether `signature` signs the string `content` without its quotes; a diagnosis asks
    /// this too.
    pub(crate) fn signs_unquoted(
        &self,
        content: &str,
        signature: &[u8],
        candidates: Option<&[usize]>,
    ) -> bool {
        content
            .strip_prefix('"')
            .and_then(|c| c.strip_suffix('"'))
            .and_then(|bare| self.match_raw_content(bare.as_bytes(), signature, candidates))
            .is_some()
    }
}

fn unquoted_error(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidSignature,
        format!(
            "the signature covers the encrypted string without its quotes, but Alipay signs it \
             as a JSON string, quotes included (\"...\"): this {what} was signed by something \
             other than Alipay (a mock or a proxy that dropped the quotes), and is refused"
        ),
    )
}

/// Decrypted content read as JSON, with the strictness of a response node (no key twice, a
/// bounded depth). Text that is not JSON at all is taken for a wrong key's output.
pub(super) fn decrypted_json(plaintext: &str) -> Result<Value> {
    let raw: Box<RawValue> = serde_json::from_str(plaintext).map_err(|e| {
        // serde_json stops at 128 levels before `parse_node` can say so; too deep is a
        // malformed message, like a node in clear.
        if e.to_string().starts_with("recursion limit exceeded") {
            return Error::new(
                ErrorKind::MalformedInput,
                "the decrypted content is nested more than 100 levels deep; no Alipay response is",
            );
        }
        failed(
            "the content decrypts to text that is not JSON: the aes_key is not this app's, or \
             the content is not an encrypted Alipay response",
        )
    })?;
    parse_node(&raw)
}
