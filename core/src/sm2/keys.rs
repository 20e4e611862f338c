//! SM2 keys: Alipay's public key, prepared once for verification, and a private key that signs
//! (tests, simulators, a sandbox).

use super::{USER_ID, der_signature};
use ::sm2::dsa::signature::{RandomizedSigner as _, Verifier as _};
use ::sm2::dsa::{SigningKey, VerifyingKey};
use ::sm2::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use ::sm2::{PublicKey, SecretKey};

/// An SM2 public key (a point of the SM2 curve).
#[derive(Clone)]
pub(crate) struct Sm2PublicKey {
    key: PublicKey,
}

impl Sm2PublicKey {
    /// The key of a SubjectPublicKeyInfo whose algorithm is SM2, from its SEC1 point (the BIT
    /// STRING); `None` when the point is not on the curve.
    pub(crate) fn from_point(sec1: &[u8]) -> Option<Sm2PublicKey> {
        PublicKey::from_sec1_bytes(sec1)
            .ok()
            .map(|key| Sm2PublicKey { key })
    }

    /// The SubjectPublicKeyInfo DER, in the form the SDKs and OpenSSL write: `id-ecPublicKey`
    /// with the named curve sm2p256v1.
    pub(crate) fn spki_der(&self) -> Option<Vec<u8>> {
        self.key
            .to_public_key_der()
            .ok()
            .map(|der| der.as_bytes().to_vec())
    }

    /// The key ready to verify: `Z`, the hash of the user id and the key, is computed once.
    pub(crate) fn verifying(&self) -> Option<Sm2Verifying> {
        VerifyingKey::new(USER_ID, self.key).ok().map(Sm2Verifying)
    }
}

/// An SM2 public key with its `Z`, ready to verify SM3withSM2 signatures.
pub(crate) struct Sm2Verifying(VerifyingKey);

impl Sm2Verifying {
    /// True when `signature` (DER) is a valid signature of `message`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        der_signature::decode(signature)
            .is_some_and(|signature| self.0.verify(message, &signature).is_ok())
    }
}

/// An SM2 private key. The secret is wiped from memory when the key is dropped.
#[derive(Clone)]
pub(crate) struct Sm2PrivateKey {
    key: SecretKey,
}

impl Sm2PrivateKey {
    /// The key of a PKCS#8 `PrivateKeyInfo` whose algorithm is SM2, from its SEC1
    /// `ECPrivateKey`; `None` when it does not parse, or the public key it carries is not its
    /// own.
    pub(crate) fn from_sec1(der: &[u8]) -> Option<Sm2PrivateKey> {
        SecretKey::from_sec1_der(der)
            .ok()
            .map(|key| Sm2PrivateKey { key })
    }

    /// A new random key.
    pub(crate) fn generate() -> Sm2PrivateKey {
        Sm2PrivateKey {
            key: SecretKey::random(&mut rsa::rand_core::OsRng),
        }
    }

    /// The matching public key.
    pub(crate) fn public_key(&self) -> Sm2PublicKey {
        Sm2PublicKey {
            key: self.key.public_key(),
        }
    }

    /// The key as PKCS#8 PEM, the form the SDKs read (bare, without the PEM lines).
    pub(crate) fn to_pkcs8_pem(&self) -> Option<String> {
        self.key
            .to_pkcs8_pem(LineEnding::LF)
            .ok()
            .map(|pem| pem.to_string())
    }

    /// The DER signature of `message`. The nonce is RFC 6979's, hedged with fresh randomness:
    /// a failing random generator cannot leak the key.
    pub(crate) fn sign(&self, message: &[u8]) -> Option<Vec<u8>> {
        let signing = SigningKey::new(USER_ID, &self.key).ok()?;
        let signature = signing
            .try_sign_with_rng(&mut rsa::rand_core::OsRng, message)
            .ok()?;
        der_signature::encode(&signature)
    }
}
