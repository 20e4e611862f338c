//! Building a verifier: the options are checked and the keys parsed once, in this order, so
//! that a configuration with several mistakes always reports the same one first.

use super::{KeyEntry, Verifier};
use crate::builder::{LEGACY_MIN_KEY_BITS, MAX_PUBLIC_KEYS, VerifierBuilder};
use crate::canonical::is_parameter_name;
use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PublicKey;
use crate::sign_type::SignType;

impl VerifierBuilder {
    /// Parses the keys and checks the options.
    pub fn build(self) -> Result<Verifier> {
        self.check_limits()?;
        self.check_embedded_pair_fields()?;
        let key_types = self.key_sign_types();
        check_sm2_support(&key_types)?;
        self.check_some_key(&key_types)?;
        let keys = self.parse_keys(&key_types)?;
        let decryption = self.decryption_keys()?;
        self.check_certificate_chains()?;
        let allowed = self.accepted_sign_types(&keys, key_types);
        Ok(Verifier {
            keys,
            allowed,
            config: self,
            decryption,
        })
    }

    fn check_limits(&self) -> Result<()> {
        if self.max_size == 0 {
            return Err(config("max_size must be at least 1 byte"));
        }
        if self.max_response_age == Some(0) {
            return Err(config("max_response_age must be at least 1 second"));
        }
        if self.public_keys.len() > MAX_PUBLIC_KEYS {
            return Err(config(&format!(
                "{} public keys are configured, over the maximum of {MAX_PUBLIC_KEYS}: each is \
                 tried on every message that does not verify; keep the current key, and the next \
                 one during a rotation",
                self.public_keys.len()
            )));
        }
        if self.min_key_bits < LEGACY_MIN_KEY_BITS {
            return Err(config("min_key_bits must be at least 1024"));
        }
        if matches!(&self.md5_key, Some(key) if key.is_empty()) {
            return Err(config("the MD5 key is empty"));
        }
        if self.cert_check_at.is_some() && self.cert_check.is_none() {
            return Err(config(
                "check_certificates_at needs check_certificates (Alipay's root bundle, alipayRootCert.crt)",
            ));
        }
        Ok(())
    }

    fn check_embedded_pair_fields(&self) -> Result<()> {
        match self
            .embedded_pairs_allowed
            .iter()
            .find(|field| !is_parameter_name(field.as_bytes()))
        {
            Some(field) => Err(config(&format!(
                "allow_embedded_pairs: {:?} is not a parameter name (ASCII letters, digits, _)",
                printable_prefix(field.as_bytes(), 40)
            ))),
            None => Ok(()),
        }
    }

    /// The public-key sign types asked for (RSA2, RSA, SM2), each once, in the order given (the
    /// order they are tried). MD5 is not among them: it is allowed by setting an MD5 key.
    fn key_sign_types(&self) -> Vec<SignType> {
        let mut key_types: Vec<SignType> = Vec::new();
        for sign_type in self.requested_sign_types().iter().copied() {
            if sign_type != SignType::Md5 && !key_types.contains(&sign_type) {
                key_types.push(sign_type);
            }
        }
        key_types
    }

    fn check_some_key(&self, key_types: &[SignType]) -> Result<()> {
        if self.public_keys.is_empty() && self.md5_key.is_none() {
            return Err(config(
                "no key configured: give Alipay's public key (支付宝公钥), or an MD5 key for legacy mapi",
            ));
        }
        if !self.public_keys.is_empty() && key_types.is_empty() {
            return Err(config(
                "public keys are configured but no sign type for them (RSA2, RSA, SM2) is allowed",
            ));
        }
        Ok(())
    }

    fn parse_keys(&self, key_types: &[SignType]) -> Result<Vec<KeyEntry>> {
        self.public_keys
            .iter()
            .enumerate()
            .map(|(index, text)| self.parse_key(text, &self.key_name(index), key_types))
            .collect()
    }

    /// One key, prepared for each allowed sign type it serves.
    fn parse_key(&self, text: &str, what: &str, key_types: &[SignType]) -> Result<KeyEntry> {
        let public = PublicKey::parse(text, what)?;
        check_key_serves(&public, what, key_types)?;
        if public.algorithm() == "RSA" && public.bits() < self.min_key_bits {
            return Err(Error::new(
                ErrorKind::WeakKey,
                format!(
                    "{what} has {} bits, under the minimum of {}; allow legacy keys with min_key_bits 1024",
                    public.bits(),
                    self.min_key_bits
                ),
            ));
        }
        KeyEntry::new(public, key_types)
    }

    fn check_certificate_chains(&self) -> Result<()> {
        match &self.cert_check {
            Some(check) => check.check_all(&self.public_keys, |index| self.key_name(index)),
            None => Ok(()),
        }
    }

    /// The sign types the verifier accepts, in the order they are tried: the public-key ones
    /// when it has keys, then MD5 when it has an MD5 key.
    fn accepted_sign_types(&self, keys: &[KeyEntry], key_types: Vec<SignType>) -> Vec<SignType> {
        let mut allowed = if keys.is_empty() {
            Vec::new()
        } else {
            key_types
        };
        if self.md5_key.is_some() {
            allowed.push(SignType::Md5);
        }
        allowed
    }

    /// How errors name the key at `index`: "the key" when there is one.
    fn key_name(&self, index: usize) -> String {
        match self.public_keys.len() > 1 {
            true => format!("key {}", index + 1),
            false => "the key".into(),
        }
    }
}

fn config(message: &str) -> Error {
    Error::new(ErrorKind::InvalidConfig, message)
}

/// SM2 asked of a build without it is a configuration error, found before any key is read.
fn check_sm2_support(key_types: &[SignType]) -> Result<()> {
    if !cfg!(feature = "sm2") && key_types.contains(&SignType::Sm2) {
        return Err(crate::sm2::unsupported(
            ErrorKind::InvalidConfig,
            "sign type SM2",
        ));
    }
    Ok(())
}

/// A key that serves none of the allowed sign types is a mistake: an SM2 key while only RSA is
/// allowed, or the other way round. Said with both sides, so the merchant sees which to fix.
fn check_key_serves(public: &PublicKey, what: &str, key_types: &[SignType]) -> Result<()> {
    if key_types.iter().any(|&t| public.serves(t)) {
        return Ok(());
    }
    let allowed = key_types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let reason = match public.algorithm() {
        "SM2" => format!(
            "is an SM2 (国密) public key, but sign_types allows only {allowed}: add SM2 to \
             sign_types if your app signs with SM2, or give Alipay's RSA public key"
        ),
        _ => format!(
            "is an RSA public key, but sign_types allows only {allowed}: give Alipay's SM2 \
             public key (支付宝公钥, SM2), or add RSA2 to sign_types"
        ),
    };
    Err(Error::new(
        ErrorKind::InvalidKey,
        format!("{what} {reason}"),
    ))
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorKind;
    use crate::verifier::Verifier;

    #[test]
    fn rejects_bad_configuration() {
        let err = Verifier::builder().build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder().md5_key("").build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .md5_key("k")
            .max_size(0)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .md5_key("k")
            .min_key_bits(512)
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        let err = Verifier::builder()
            .public_key("x")
            .sign_types([])
            .build()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    }
}
