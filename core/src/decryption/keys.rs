//! The decryption keys of a verifier: the `aes_key` and `app_private_key` options, parsed when
//! the verifier is built so that a bad key is a configuration error at startup, not a failure
//! of the first encrypted message.

use super::AesKey;
use super::RsaDecrypting;
use crate::builder::VerifierBuilder;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PrivateKey;

/// What a verifier decrypts with; both are optional.
#[derive(Default)]
pub(crate) struct Decryption {
    pub(crate) aes: Option<AesKey>,
    pub(crate) rsa: Option<RsaDecrypting>,
}

impl std::fmt::Debug for Decryption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decryption")
            .field("aes_bits", &self.aes.as_ref().map(AesKey::bits))
            .field("app_private_key", &self.rsa.is_some())
            .finish()
    }
}

impl VerifierBuilder {
    /// Parses the `aes_key` and `app_private_key` options.
    pub(crate) fn decryption_keys(&self) -> Result<Decryption> {
        let aes = self.aes_key.as_deref().map(AesKey::parse).transpose()?;
        let rsa = match self.app_private_key.as_deref() {
            None => None,
            Some(text) => {
                let key = PrivateKey::parse(text).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidKey,
                        format!(
                            "app_private_key: {}",
                            e.message().replacen("the private key", "the key", 1)
                        ),
                    )
                })?;
                Some(RsaDecrypting::new(&key)?)
            }
        };
        Ok(Decryption { aes, rsa })
    }
}
