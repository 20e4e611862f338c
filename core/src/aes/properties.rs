//! Properties: encryption round-trips for every key size, encrypted responses and open data
//! verify then decrypt to what was encrypted, and a change to any signed byte is refused.

use super::verify_tests::{AES_KEY, encrypted_response, sign, verifier};
use crate::decryption::AesKey;
use crate::error::ErrorKind;
use base64::Engine as _;
use proptest::prelude::*;

fn key_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![Just(16usize), Just(24), Just(32)]
        .prop_flat_map(|len| proptest::collection::vec(any::<u8>(), len))
}

/// A JSON object as Alipay's responses hold them: string members, CJK included.
fn plaintext() -> impl Strategy<Value = String> {
    proptest::collection::btree_map("[a-z_]{1,12}", "[a-zA-Z0-9 .:/+=中文测试]{0,20}", 0..6)
        .prop_map(|map| serde_json::to_string(&map).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn encryption_round_trips_for_every_key_size(key in key_bytes(), plain in proptest::collection::vec(any::<u8>(), 0..100)) {
        let key = AesKey::parse(&base64::engine::general_purpose::STANDARD.encode(&key)).unwrap();
        let ciphertext = key.encrypt(&plain);
        prop_assert_eq!(key.decrypt(&ciphertext).unwrap(), plain);
    }

    #[test]
    fn decryption_never_panics(key in key_bytes(), data in proptest::collection::vec(any::<u8>(), 0..80)) {
        let key = AesKey::parse(&base64::engine::general_purpose::STANDARD.encode(&key)).unwrap();
        let text = base64::engine::general_purpose::STANDARD.encode(&data);
        if let Err(err) = key.decrypt(&text) {
            prop_assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
        }
        let _ = key.decrypt(&data);
    }

    #[test]
    fn an_encrypted_response_verifies_and_decrypts(plain in plaintext()) {
        let c = AesKey::parse(AES_KEY).unwrap().encrypt(&plain);
        let body = encrypted_response(&c, &format!("\"{c}\""));
        let verified = verifier(true).verify_response(&body, None).unwrap();
        prop_assert_eq!(verified.decrypted_content(), Some(plain.as_str()));
        let expected: serde_json::Value = serde_json::from_str(&plain).unwrap();
        prop_assert_eq!(verified.value(), &expected);
    }

    #[test]
    fn any_changed_byte_of_an_encrypted_node_is_refused(plain in plaintext(), at in any::<prop::sample::Index>(), to in any::<u8>()) {
        let c = AesKey::parse(AES_KEY).unwrap().encrypt(&plain);
        let body = encrypted_response(&c, &format!("\"{c}\""));
        // The signed text: the string from its opening quote to its closing one.
        let start = body.find(":\"").unwrap() + 1;
        let end = start + c.len() + 2;
        let index = start + at.index(end - start);
        let mut altered = body.into_bytes();
        prop_assume!(altered[index] != to);
        altered[index] = to;
        prop_assert!(verifier(true).verify_response(&altered, None).is_err());
    }

    #[test]
    fn any_changed_byte_of_open_data_is_refused(plain in plaintext(), at in any::<prop::sample::Index>(), to in any::<u8>()) {
        let c = AesKey::parse(AES_KEY).unwrap().encrypt(&plain);
        let text = format!("{{\"response\":\"{c}\",\"sign\":\"{}\"}}", sign(format!("\"{c}\"").as_bytes()));
        let data = verifier(true).verify_open_data(&text).unwrap();
        prop_assert_eq!(data.content(), plain.as_str());
        let start = text.find(":\"").unwrap() + 2;
        let index = start + at.index(c.len());
        let mut altered = text.into_bytes();
        prop_assume!(altered[index] != to);
        altered[index] = to;
        prop_assert!(verifier(true).verify_open_data(&altered).is_err());
    }
}
