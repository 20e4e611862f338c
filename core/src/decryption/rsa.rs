//! The app private key for 生活号 `biz_content` that Alipay encrypted with the app public key:
//! RSA PKCS#1 v1.5, in blocks of the key's size, base64 as a whole (`RSAEncryptor.doDecrypt`
//! in the Java SDK; docs/rules.md §AES). AWS-LC decrypts by default; the `rsa` crate when the
//! `aws-lc` feature is off, and for keys under 2048 bits, which AWS-LC does not take.

use super::failed;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PrivateKey;
use base64::Engine as _;

/// The app private key, prepared for PKCS#1 v1.5 decryption.
pub(crate) struct RsaDecrypting {
    /// AWS-LC's key, for 2048 to 4096 bits (AWS-LC takes no smaller key).
    #[cfg(feature = "aws-lc")]
    aws_lc: Option<aws_lc_rs::rsa::Pkcs1PrivateDecryptingKey>,
    key: rsa::RsaPrivateKey,
}

impl RsaDecrypting {
    pub(crate) fn new(key: &PrivateKey) -> Result<RsaDecrypting> {
        // Alipay encrypts a 生活号 biz_content with the app's RSA public key only.
        let rsa_key = key.rsa().ok_or_else(|| {
            Error::new(ErrorKind::InvalidKey, "app_private_key must be an RSA key")
        })?;
        #[cfg(feature = "aws-lc")]
        let aws_lc = {
            use rsa::pkcs8::EncodePrivateKey as _;
            let der = rsa_key.to_pkcs8_der().map_err(|_| {
                Error::new(ErrorKind::InvalidKey, "app_private_key cannot be encoded")
            })?;
            aws_lc_rs::rsa::PrivateDecryptingKey::from_pkcs8(der.as_bytes())
                .ok()
                .and_then(|key| aws_lc_rs::rsa::Pkcs1PrivateDecryptingKey::new(key).ok())
        };
        Ok(RsaDecrypting {
            #[cfg(feature = "aws-lc")]
            aws_lc,
            key: rsa_key.clone(),
        })
    }

    /// The size of one ciphertext block: the modulus in bytes.
    fn block_len(&self) -> usize {
        use rsa::traits::PublicKeyParts as _;
        self.key.size()
    }

    /// One block decrypted, `None` when its padding is invalid.
    fn decrypt_block(&self, block: &[u8]) -> Option<Vec<u8>> {
        #[cfg(feature = "aws-lc")]
        if let Some(key) = &self.aws_lc {
            let mut out = vec![0; key.min_output_size()];
            return key
                .decrypt(block, &mut out)
                .ok()
                .map(|plain| plain.to_vec());
        }
        self.key
            .decrypt_blinded(&mut rsa::rand_core::OsRng, rsa::Pkcs1v15Encrypt, block)
            .ok()
    }

    /// The plaintext bytes of base64 `ciphertext`: each key-sized block decrypted on its own
    /// and the results joined, as the Java SDK does.
    pub(crate) fn decrypt(&self, ciphertext: &str) -> Result<Vec<u8>> {
        let data = base64::engine::general_purpose::STANDARD
            .decode(ciphertext.trim())
            .map_err(|_| failed("the encrypted biz_content is not base64"))?;
        let block = self.block_len();
        if data.is_empty() || data.len() % block != 0 {
            return Err(failed(&format!(
                "the encrypted biz_content has {} bytes, not whole {block}-byte blocks of the \
                 app private key: it is cut off, or encrypted for another key",
                data.len()
            )));
        }
        let mut plain = Vec::with_capacity(data.len());
        for chunk in data.chunks(block) {
            let part = self.decrypt_block(chunk).ok_or_else(|| {
                failed(
                    "the biz_content does not decrypt with the configured app_private_key: \
                     Alipay encrypted it for another app's key, or it was altered",
                )
            })?;
            plain.extend_from_slice(&part);
        }
        Ok(plain)
    }
}
