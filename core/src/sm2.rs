//! SM2 (国密), `sign_type=SM2`: SM3withSM2 (GM/T 0003.2 over SM3, GM/T 0004) with the user id
//! `1234567812345678`, Alipay's SDKs' only one. Keys come as for RSA (SubjectPublicKeyInfo,
//! PKCS#8, certificates); signatures are DER `SEQUENCE { r INTEGER, s INTEGER }`, base64 in
//! `sign`. The byte rules and their sources are in docs/rules.md ("SM2").
//!
//! Telling an SM2 key from an RSA key needs no SM2 arithmetic, so every build does it and says
//! why it refuses one; the arithmetic (RustCrypto's `sm2`) is behind the `sm2` cargo feature.

use crate::error::{Error, ErrorKind};
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::spki::AlgorithmIdentifierRef;

#[cfg(feature = "sm2")]
mod der_signature;
#[cfg(feature = "sm2")]
mod keys;

#[cfg(feature = "sm2")]
pub(crate) use keys::{Sm2PrivateKey, Sm2PublicKey, Sm2Verifying};

/// The user id (distinguishing identifier) in `Z`: every SDK's `DEFAULT_USER_ID`, GM/T 0009's
/// default; Alipay uses no other.
#[cfg(feature = "sm2")]
pub(crate) const USER_ID: &str = "1234567812345678";

/// The SM2 curve (sm2p256v1): the named curve of an `id-ecPublicKey` key, or in some encoders
/// the key's algorithm itself.
const SM2_CURVE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.156.10197.1.301");

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// SM3withSM2, the signature algorithm of SM2 certificates.
pub(crate) const SM3_WITH_SM2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.156.10197.1.501");

/// The lengths a DER SM2 signature can have: two INTEGERs of 1 to 33 bytes in a SEQUENCE.
#[cfg(feature = "sm2")]
pub(crate) const SIGNATURE_LENGTHS: std::ops::RangeInclusive<usize> = 8..=72;

/// Whether a SubjectPublicKeyInfo's or a PKCS#8 key's algorithm is SM2.
pub(crate) fn is_sm2(algorithm: &AlgorithmIdentifierRef<'_>) -> bool {
    algorithm.oid == SM2_CURVE
        || (algorithm.oid == EC_PUBLIC_KEY && algorithm.parameters_oid().ok() == Some(SM2_CURVE))
}

/// The name of an elliptic-curve key's curve, for errors about keys that are neither RSA nor
/// SM2.
pub(crate) fn curve_name(algorithm: &AlgorithmIdentifierRef<'_>) -> Option<&'static str> {
    if algorithm.oid != EC_PUBLIC_KEY {
        return None;
    }
    Some(
        match algorithm
            .parameters_oid()
            .map(|oid| oid.to_string())
            .as_deref()
        {
            Ok("1.2.840.10045.3.1.7") => "EC (P-256)",
            Ok("1.3.132.0.34") => "EC (P-384)",
            Ok("1.3.132.0.35") => "EC (P-521)",
            Ok("1.3.132.0.10") => "EC (secp256k1)",
            _ => "EC",
        },
    )
}

/// The error for SM2 in a build without the `sm2` feature: `subject` is what asked for it.
#[cfg_attr(feature = "sm2", allow(dead_code))]
pub(crate) fn unsupported(kind: ErrorKind, subject: &str) -> Error {
    Error::new(
        kind,
        format!(
            "{subject}: this alipay-notify was built without SM2 (国密) support; build it with \
             the `sm2` cargo feature (the Python, Node and PHP packages have it)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs8::PrivateKeyInfo;
    use x509_cert::der::Decode;
    use x509_cert::spki::SubjectPublicKeyInfoRef;

    const SM2_PRIVATE: &str = include_str!("../../tests/vectors/keys/sm2_alipay_a.key.pem");
    const P256_PRIVATE: &str = include_str!("../../tests/vectors/keys/ec_p256.key.pem");
    /// sm2_alipay_a's public key, its SubjectPublicKeyInfo naming the curve as its algorithm
    /// (as some encoders write it) instead of id-ecPublicKey with the curve as parameter.
    const SM2_AS_ALGORITHM: &str = "MFIwDAYIKoEcz1UBgi0FAANCAASzhfeTragyeRqEZECiT1VKCtOnVldxRzOG\
                                    ZdGU0yGLa4LhX7n6mZx9WtDsSd9MdEQKVxKgPKmh3smEU6jvwtFn";

    fn der(pem_text: &str) -> Vec<u8> {
        pem::parse(pem_text).unwrap().into_contents()
    }

    #[test]
    fn sm2_keys_are_told_from_other_elliptic_curve_keys_in_every_build() {
        let sm2 = der(SM2_PRIVATE);
        let sm2 = PrivateKeyInfo::try_from(sm2.as_slice()).unwrap();
        assert!(is_sm2(&sm2.algorithm));
        let p256 = der(P256_PRIVATE);
        let p256 = PrivateKeyInfo::try_from(p256.as_slice()).unwrap();
        assert!(!is_sm2(&p256.algorithm));
        assert_eq!(curve_name(&p256.algorithm), Some("EC (P-256)"));
        use base64::Engine as _;
        let spki = base64::engine::general_purpose::STANDARD
            .decode(SM2_AS_ALGORITHM)
            .unwrap();
        let spki = SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
        assert!(is_sm2(&spki.algorithm));
    }

    #[test]
    fn the_message_of_a_build_without_sm2_names_the_feature() {
        let err = unsupported(ErrorKind::InvalidConfig, "sign type SM2");
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        assert!(err.message().starts_with("sign type SM2: "), "{err}");
        assert!(err.message().contains("`sm2` cargo feature"), "{err}");
    }
}
