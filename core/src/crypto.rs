//! RSA PKCS#1 v1.5 verification and signing, and key generation. AWS-LC by default (fast,
//! constant-time); the pure-Rust `rsa` crate when the `aws-lc` feature is off.

use crate::error::{Error, ErrorKind, Result};
use crate::keys::{MAX_KEY_BITS, PrivateKey, PublicKey};
use crate::sign_type::SignType;

#[cfg(not(any(feature = "aws-lc", feature = "rustcrypto")))]
compile_error!("enable the `aws-lc` (default) or `rustcrypto` feature of alipay-notify");

/// The name of the RSA backend compiled in, for diagnostics and benchmarks.
pub const BACKEND: &str = if cfg!(feature = "aws-lc") {
    "aws-lc-rs"
} else {
    "rsa"
};

/// A public key prepared for one algorithm, so verification does no key parsing.
pub(crate) struct Verifying {
    #[cfg(feature = "aws-lc")]
    key: aws_lc_rs::signature::ParsedPublicKey,
    #[cfg(not(feature = "aws-lc"))]
    key: RustCryptoKey,
}

#[cfg(not(feature = "aws-lc"))]
enum RustCryptoKey {
    Sha256(rsa::pkcs1v15::VerifyingKey<sha2::Sha256>),
    Sha1(rsa::pkcs1v15::VerifyingKey<sha1::Sha1>),
}

impl Verifying {
    pub(crate) fn new(key: &PublicKey, sign_type: SignType) -> Result<Verifying> {
        #[cfg(feature = "aws-lc")]
        {
            use aws_lc_rs::signature as sig;
            let legacy = key.bits() < 2048;
            let algorithm: &'static sig::RsaParameters = match (sign_type, legacy) {
                (SignType::Rsa2, false) => &sig::RSA_PKCS1_2048_8192_SHA256,
                (SignType::Rsa2, true) => &sig::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
                (SignType::Rsa, false) => &sig::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
                (SignType::Rsa, true) => &sig::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
                (SignType::Md5 | SignType::Sm2, _) => return Err(not_rsa(sign_type)),
            };
            let der = key.pkcs1_der().ok_or_else(not_an_rsa_key)?;
            let key = sig::ParsedPublicKey::new(algorithm, der).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the RSA backend rejected the public key",
                )
            })?;
            Ok(Verifying { key })
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            let rsa_key = key.rsa().ok_or_else(not_an_rsa_key)?.clone();
            let key = match sign_type {
                SignType::Rsa2 => RustCryptoKey::Sha256(rsa::pkcs1v15::VerifyingKey::new(rsa_key)),
                SignType::Rsa => RustCryptoKey::Sha1(rsa::pkcs1v15::VerifyingKey::new(rsa_key)),
                SignType::Md5 | SignType::Sm2 => return Err(not_rsa(sign_type)),
            };
            Ok(Verifying { key })
        }
    }

    /// True when `signature` is a valid signature of `message`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        #[cfg(feature = "aws-lc")]
        {
            self.key.verify_sig(message, signature).is_ok()
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            use rsa::signature::Verifier as _;
            let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
                return false;
            };
            match &self.key {
                RustCryptoKey::Sha256(key) => key.verify(message, &signature).is_ok(),
                RustCryptoKey::Sha1(key) => key.verify(message, &signature).is_ok(),
            }
        }
    }
}

fn not_rsa(sign_type: SignType) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("{sign_type} is not an RSA algorithm"),
    )
}

/// Callers check that the key serves the sign type first; this is for a key that slipped by.
fn not_an_rsa_key() -> Error {
    Error::new(
        ErrorKind::Internal,
        "an RSA operation got a key that is not RSA",
    )
}

/// Signs `message` with PKCS#1 v1.5 and the hash of `sign_type`.
pub(crate) fn sign(key: &PrivateKey, sign_type: SignType, message: &[u8]) -> Result<Vec<u8>> {
    match sign_type {
        #[cfg(feature = "aws-lc")]
        SignType::Rsa2 => sign_aws_lc(key, message),
        #[cfg(not(feature = "aws-lc"))]
        SignType::Rsa2 => sign_rustcrypto::<sha2::Sha256>(key, message),
        // AWS-LC has no SHA-1 signing; legacy RSA signatures come from the `rsa` crate.
        SignType::Rsa => sign_rustcrypto::<sha1::Sha1>(key, message),
        SignType::Md5 | SignType::Sm2 => Err(not_rsa(sign_type)),
    }
}

#[cfg(feature = "aws-lc")]
fn sign_aws_lc(key: &PrivateKey, message: &[u8]) -> Result<Vec<u8>> {
    use aws_lc_rs::signature as sig;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    let der = key
        .rsa()
        .ok_or_else(not_an_rsa_key)?
        .to_pkcs1_der()
        .map_err(|_| Error::new(ErrorKind::InvalidKey, "the private key cannot be encoded"))?;
    let pair = match sig::RsaKeyPair::from_der(der.as_bytes()) {
        Ok(pair) => pair,
        // AWS-LC signs with 2048 to 8192 bits only; smaller legacy keys still sign here.
        Err(_) => return sign_rustcrypto::<sha2::Sha256>(key, message),
    };
    let mut signature = vec![0; pair.public_modulus_len()];
    pair.sign(
        &sig::RSA_PKCS1_SHA256,
        &aws_lc_rs::rand::SystemRandom::new(),
        message,
        &mut signature,
    )
    .map_err(|_| Error::new(ErrorKind::Internal, "RSA signing failed"))?;
    Ok(signature)
}

fn sign_rustcrypto<D>(key: &PrivateKey, message: &[u8]) -> Result<Vec<u8>>
where
    D: sha2::Digest + rsa::pkcs8::AssociatedOid,
{
    use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _};
    rsa::pkcs1v15::SigningKey::<D>::new(key.rsa().ok_or_else(not_an_rsa_key)?.clone())
        .try_sign_with_rng(&mut rsa::rand_core::OsRng, message)
        .map(|signature| signature.to_vec())
        .map_err(|_| Error::new(ErrorKind::Internal, "RSA signing failed"))
}

impl PrivateKey {
    /// Generates a new key, for tests, demos and sandboxes (Alipay's own tool makes production
    /// keys). `bits` is 1024 to [`MAX_KEY_BITS`].
    pub fn generate(bits: usize) -> Result<PrivateKey> {
        if !(1024..=MAX_KEY_BITS).contains(&bits) {
            return Err(Error::new(
                ErrorKind::InvalidConfig,
                format!("key size must be 1024 to {MAX_KEY_BITS} bits, not {bits}"),
            ));
        }
        use rsa::pkcs8::DecodePrivateKey as _;
        let pkcs8 = generate_pkcs8(bits)?;
        let key = rsa::RsaPrivateKey::from_pkcs8_der(&pkcs8)
            .map_err(|_| Error::new(ErrorKind::Internal, "RSA key generation failed"))?;
        Ok(PrivateKey::from_rsa(key))
    }
}

/// A new RSA private key as PKCS#8 DER.
fn generate_pkcs8(bits: usize) -> Result<Vec<u8>> {
    let failed = || Error::new(ErrorKind::Internal, "RSA key generation failed");
    #[cfg(feature = "aws-lc")]
    {
        use aws_lc_rs::encoding::AsDer;
        use aws_lc_rs::rsa::{KeySize, PrivateDecryptingKey};
        let size = match bits {
            2048 => Some(KeySize::Rsa2048),
            3072 => Some(KeySize::Rsa3072),
            4096 => Some(KeySize::Rsa4096),
            _ => None,
        };
        if let Some(size) = size {
            let key = PrivateDecryptingKey::generate(size).map_err(|_| failed())?;
            return key
                .as_der()
                .map(|der| der.as_ref().to_vec())
                .map_err(|_| failed());
        }
    }
    use rsa::pkcs8::EncodePrivateKey;
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, bits).map_err(|_| failed())?;
    key.to_pkcs8_der()
        .map(|der| der.as_bytes().to_vec())
        .map_err(|_| failed())
}
