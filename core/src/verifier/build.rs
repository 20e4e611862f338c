//! Building a verifier: the options are checked and the keys parsed once.

use super::{KeyEntry, Verifier};
use crate::builder::{LEGACY_MIN_KEY_BITS, VerifierBuilder};
use crate::canonical::is_parameter_name;
use crate::crypto::Verifying;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PublicKey;
use crate::sign_type::SignType;

impl VerifierBuilder {
    /// Parses the keys and checks the options.
    pub fn build(self) -> Result<Verifier> {
        let config = |message: &str| Error::new(ErrorKind::InvalidConfig, message);
        if self.max_size == 0 {
            return Err(config("max_size must be at least 1 byte"));
        }
        if self.min_key_bits < LEGACY_MIN_KEY_BITS {
            return Err(config("min_key_bits must be at least 1024"));
        }
        if matches!(&self.md5_key, Some(key) if key.is_empty()) {
            return Err(config("the MD5 key is empty"));
        }
        if let Some(field) = self
            .embedded_pairs_allowed
            .iter()
            .find(|field| !is_parameter_name(field.as_bytes()))
        {
            return Err(config(&format!(
                "allow_embedded_pairs: {:?} is not a parameter name (ASCII letters, digits, _)",
                crate::charset::printable_prefix(field.as_bytes(), 40)
            )));
        }
        let mut rsa_types: Vec<SignType> = Vec::new();
        for sign_type in self
            .sign_types
            .iter()
            .copied()
            .filter(|t| *t != SignType::Md5)
        {
            if !rsa_types.contains(&sign_type) {
                rsa_types.push(sign_type);
            }
        }
        if self.public_keys.is_empty() && self.md5_key.is_none() {
            return Err(config(
                "no key configured: give Alipay's public key (支付宝公钥), or an MD5 key for legacy mapi",
            ));
        }
        if !self.public_keys.is_empty() && rsa_types.is_empty() {
            return Err(config(
                "public keys are configured but no RSA sign type is allowed",
            ));
        }
        let numbered = self.public_keys.len() > 1;
        let mut keys = Vec::with_capacity(self.public_keys.len());
        for (index, text) in self.public_keys.iter().enumerate() {
            let what = if numbered {
                format!("key {}", index + 1)
            } else {
                "the key".into()
            };
            let public = PublicKey::parse(text, &what)?;
            if public.bits() < self.min_key_bits {
                return Err(Error::new(
                    ErrorKind::WeakKey,
                    format!(
                        "{what} has {} bits, under the minimum of {}; allow legacy keys with min_key_bits 1024",
                        public.bits(),
                        self.min_key_bits
                    ),
                ));
            }
            let rsa2 = rsa_types
                .contains(&SignType::Rsa2)
                .then(|| Verifying::new(&public, SignType::Rsa2))
                .transpose()?;
            let rsa = rsa_types
                .contains(&SignType::Rsa)
                .then(|| Verifying::new(&public, SignType::Rsa))
                .transpose()?;
            keys.push(KeyEntry { public, rsa2, rsa });
        }
        if let Some(check) = &self.cert_check {
            check.check_all(&self.public_keys, |index| match numbered {
                true => format!("key {}", index + 1),
                false => "the key".into(),
            })?;
        }
        let mut allowed = if keys.is_empty() {
            Vec::new()
        } else {
            rsa_types
        };
        if self.md5_key.is_some() {
            allowed.push(SignType::Md5);
        }
        Ok(Verifier {
            keys,
            allowed,
            rule: self.rule,
            app_id: self.app_id,
            seller_ids: self.seller_ids,
            max_size: self.max_size,
            md5_key: self.md5_key,
            default_charset: self.default_charset,
            embedded_pairs_allowed: self.embedded_pairs_allowed,
        })
    }
}
