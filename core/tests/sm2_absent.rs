//! A build without the `sm2` feature still knows SM2 when it sees it, and says why it refuses
//! it: a configuration that asks for SM2 is INVALID_CONFIG, an SM2 key INVALID_KEY, each
//! naming the missing feature.
#![cfg(not(feature = "sm2"))]

use alipay_notify::{ErrorKind, PrivateKey, PublicKey, Rule, SignType, Signer, Verifier};

/// Throwaway test keys from the shared vectors: they protect nothing.
const SM2_PRIVATE: &str = include_str!("../../tests/vectors/keys/sm2_alipay_a.key.pem");
const SM2_CERT: &str = include_str!("../../tests/vectors/keys/sm2_alipay_a.crt.pem");
const RSA_PRIVATE: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

fn names_the_feature(message: &str) {
    assert!(
        message.contains("built without SM2") && message.contains("`sm2` cargo feature"),
        "{message}"
    );
}

#[test]
fn asking_for_sm2_is_a_configuration_error() {
    let rsa_public = PrivateKey::parse(RSA_PRIVATE)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem();
    let err = Verifier::builder()
        .public_key(rsa_public)
        .sign_types([SignType::Rsa2, SignType::Sm2])
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    names_the_feature(err.message());
    for err in [
        Signer::sm2(SM2_PRIVATE, Rule::V1).unwrap_err(),
        Signer::with_key(RSA_PRIVATE, SignType::Sm2, Rule::V1).unwrap_err(),
        PrivateKey::generate_sm2().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        names_the_feature(err.message());
    }
}

#[test]
fn an_sm2_key_is_an_invalid_key_naming_the_feature() {
    for err in [
        PrivateKey::parse(SM2_PRIVATE).unwrap_err(),
        PublicKey::parse(SM2_CERT, "the key").unwrap_err(),
        Verifier::new(SM2_CERT).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains("is an SM2 (国密)"), "{err}");
        names_the_feature(err.message());
    }
}

#[test]
fn an_sm2_message_is_refused_by_its_sign_type() {
    let verifier = Verifier::new(
        &PrivateKey::parse(RSA_PRIVATE)
            .unwrap()
            .public_key()
            .unwrap()
            .to_pem(),
    )
    .unwrap();
    let err = verifier
        .verify_notify(b"a=1&sign_type=SM2&sign=MEUCIQ==")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignTypeNotAllowed);
}
