//! SM2 (国密) through the public API, in builds with the `sm2` feature: signing then verifying
//! round-trips, any changed byte is caught, and SM2 and RSA keys are told apart wherever one
//! stands for the other. (OpenSSL-made notifications and responses are in
//! tests/vectors/sm2.json; the CLI tests check this crate's signatures with OpenSSL.)
#![cfg(feature = "sm2")]

use alipay_notify::{
    ErrorKind, MessageKind, PrivateKey, PublicKey, Rule, SignType, Signer, SignerOptions, Verifier,
    diagnose,
};
use base64::Engine as _;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Throwaway test keys from the shared vectors: they protect nothing.
const SM2_PRIVATE: &str = include_str!("../../tests/vectors/keys/sm2_alipay_a.key.pem");
const SM2_OTHER_PRIVATE: &str = include_str!("../../tests/vectors/keys/sm2_alipay_b.key.pem");
const SM2_CERT: &str = include_str!("../../tests/vectors/keys/sm2_alipay_a.crt.pem");
const RSA_PRIVATE: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

const PARAMS: &[(&str, &str)] = &[
    ("app_id", "2021000117600000"),
    ("out_trade_no", "20240102102028001"),
    ("subject", "测试商品"),
    ("total_amount", "88.00"),
    ("trade_status", "TRADE_SUCCESS"),
    ("sign_type", "SM2"),
];

fn public_pem(private: &str) -> String {
    PrivateKey::parse(private)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

fn sm2_verifier(rule: Rule) -> Verifier {
    Verifier::builder()
        .public_key(public_pem(SM2_PRIVATE))
        .sign_types([SignType::Sm2])
        .rule(rule)
        .build()
        .unwrap()
}

fn signed(signer: &Signer, params: &[(&str, &str)]) -> Vec<(String, String)> {
    let sign = signer.sign(params).unwrap();
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    pairs.push(("sign".into(), sign));
    pairs
}

#[test]
fn a_signed_notification_verifies_under_its_rule() {
    for (rule, matched) in [(Rule::V1, "v1"), (Rule::V2, "v2")] {
        let signer = Signer::sm2(SM2_PRIVATE, rule).unwrap();
        let pairs = signed(&signer, PARAMS);
        let notification = sm2_verifier(Rule::Auto)
            .verify_pairs(&pairs, MessageKind::Notify)
            .unwrap();
        let verification = notification.verification();
        assert_eq!(verification.sign_type, SignType::Sm2);
        assert_eq!(verification.rule.as_str(), matched);
        assert_eq!(notification.get("subject"), Some("测试商品"));
    }
}

#[test]
fn a_signed_form_verifies_as_a_notify_body_in_gbk_too() {
    let mut params = PARAMS.to_vec();
    params.push(("charset", "GBK"));
    let body = Signer::sm2(SM2_PRIVATE, Rule::V1)
        .unwrap()
        .signed_form(&params)
        .unwrap();
    let notification = sm2_verifier(Rule::V1)
        .verify_notify(body.as_bytes())
        .unwrap();
    assert_eq!(notification.get("subject"), Some("测试商品"));
}

#[test]
fn signatures_are_randomized_der_and_each_verifies() {
    let signer = Signer::sm2(SM2_PRIVATE, Rule::V1).unwrap();
    let (a, b) = (signer.sign(PARAMS).unwrap(), signer.sign(PARAMS).unwrap());
    assert_ne!(a, b, "the nonce is hedged with fresh randomness");
    for sign in [a, b] {
        let der = base64::engine::general_purpose::STANDARD
            .decode(&sign)
            .unwrap();
        assert_eq!(der[0], 0x30, "a DER SEQUENCE");
        assert!((8..=72).contains(&der.len()), "{} bytes", der.len());
    }
}

#[test]
fn the_options_and_with_key_constructors_sign_sm2() {
    let from_options = Signer::from_options(&SignerOptions {
        private_key: Some(SM2_PRIVATE.into()),
        sign_type: Some(SignType::Sm2),
        ..SignerOptions::default()
    })
    .unwrap();
    let with_key = Signer::with_key(SM2_PRIVATE, SignType::Sm2, Rule::V1).unwrap();
    for signer in [from_options, with_key] {
        let pairs = signed(&signer, PARAMS);
        sm2_verifier(Rule::V1)
            .verify_pairs(&pairs, MessageKind::Notify)
            .unwrap();
    }
    let err = Signer::rsa(SM2_PRIVATE, SignType::Sm2, Rule::V1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    assert!(err.message().contains("Signer::sm2"), "{err}");
}

#[test]
fn another_sm2_key_does_not_verify() {
    let signer = Signer::sm2(SM2_OTHER_PRIVATE, Rule::V1).unwrap();
    let err = sm2_verifier(Rule::V1)
        .verify_pairs(&signed(&signer, PARAMS), MessageKind::Notify)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    assert!(err.message().starts_with("the SM2 signature"), "{err}");
}

#[test]
fn an_sm2_key_where_rsa_is_expected_is_an_invalid_key_saying_so() {
    let err = Verifier::builder()
        .public_key(public_pem(SM2_PRIVATE))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.message()
            .contains("is an SM2 (国密) public key, but sign_types allows only RSA2"),
        "{err}"
    );
    for signer in [
        Signer::new(SM2_PRIVATE),
        Signer::rsa(SM2_PRIVATE, SignType::Rsa, Rule::V1),
    ] {
        let err = signer.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains("is an SM2 private key"), "{err}");
    }
}

#[test]
fn an_rsa_key_where_sm2_is_expected_is_an_invalid_key_saying_so() {
    let err = Verifier::builder()
        .public_key(public_pem(RSA_PRIVATE))
        .sign_types([SignType::Sm2])
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.message()
            .contains("is an RSA public key, but sign_types allows only SM2"),
        "{err}"
    );
    let err = Signer::sm2(RSA_PRIVATE, Rule::V1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("is an RSA private key"), "{err}");
}

#[test]
fn rsa_and_sm2_keys_serve_their_own_sign_types_side_by_side() {
    let verifier = Verifier::builder()
        .public_key(public_pem(RSA_PRIVATE))
        .public_key(SM2_CERT)
        .sign_types([SignType::Rsa2, SignType::Sm2])
        .build()
        .unwrap();
    let rsa = Signer::new(RSA_PRIVATE).unwrap();
    let sm2 = Signer::sm2(SM2_PRIVATE, Rule::V1).unwrap();
    let rsa_params: Vec<(&str, &str)> = PARAMS
        .iter()
        .map(|&(k, v)| (k, if k == "sign_type" { "RSA2" } else { v }))
        .collect();
    for (signer, params, index) in [(&rsa, &rsa_params[..], 0), (&sm2, PARAMS, 1)] {
        let notification = verifier
            .verify_pairs(&signed(signer, params), MessageKind::Notify)
            .unwrap();
        assert_eq!(notification.verification().key_index, Some(index));
    }
}

#[test]
fn keys_round_trip_and_say_what_they_are() {
    let key = PrivateKey::generate_sm2().unwrap();
    assert_eq!((key.algorithm(), key.bits()), ("SM2", 256));
    let again = PrivateKey::parse(&key.to_pkcs8_pem().unwrap()).unwrap();
    let public = key.public_key().unwrap();
    assert_eq!(
        again.public_key().unwrap().fingerprint(),
        public.fingerprint()
    );
    for text in [public.to_pem(), public.to_base64()] {
        let parsed = PublicKey::parse(&text, "the key").unwrap();
        assert_eq!((parsed.algorithm(), parsed.bits()), ("SM2", 256));
        assert_eq!(parsed.fingerprint(), public.fingerprint());
    }
    // The curve's OID as the algorithm, as some encoders write it: the same key.
    let curve_as_algorithm = PublicKey::parse(
        "MFIwDAYIKoEcz1UBgi0FAANCAASzhfeTragyeRqEZECiT1VKCtOnVldxRzOGZdGU0yGLa4LhX7n6mZx9WtDsSd9M\
         dEQKVxKgPKmh3smEU6jvwtFn",
        "the key",
    )
    .unwrap();
    let cert = PublicKey::parse(SM2_CERT, "the key").unwrap();
    assert_eq!(curve_as_algorithm.fingerprint(), cert.fingerprint());
    assert_eq!(cert.algorithm(), "SM2");
    assert!(cert.cert_sn().is_some());
    assert_eq!(
        cert.fingerprint(),
        PrivateKey::parse(SM2_PRIVATE)
            .unwrap()
            .public_key()
            .unwrap()
            .fingerprint()
    );
}

#[test]
fn a_sec1_key_is_refused_with_the_conversion_to_pkcs8() {
    let sec1 = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
    let err = Signer::sm2(sec1, Rule::V1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("openssl pkcs8 -topk8"), "{err}");
}

#[test]
fn diagnosis_of_an_sm2_message_runs() {
    let signer = Signer::sm2(SM2_PRIVATE, Rule::V1).unwrap();
    let body = signer.signed_form(PARAMS).unwrap();
    let builder = Verifier::builder()
        .public_key(public_pem(SM2_PRIVATE))
        .sign_types([SignType::Sm2]);
    let diagnosis = diagnose(body.as_bytes(), &builder, &Default::default()).unwrap();
    assert!(diagnosis.verified, "{diagnosis:?}");
    let tampered = body.replace("88.00", "98.00");
    let diagnosis = diagnose(tampered.as_bytes(), &builder, &Default::default()).unwrap();
    assert!(!diagnosis.verified);
}

struct Fixture {
    signer: Signer,
    verifier: Verifier,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| Fixture {
        signer: Signer::sm2(SM2_PRIVATE, Rule::V1).unwrap(),
        verifier: sm2_verifier(Rule::V1),
    })
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("[a-z][a-z_]{0,11}", "[a-zA-Z0-9 .:测试商品-]{1,16}", 1..10)
        .prop_map(|map| {
            map.into_iter()
                .filter(|(name, value)| {
                    !matches!(name.as_str(), "sign" | "sign_type" | "charset")
                        && !value.trim().is_empty()
                })
                .chain([("sign_type".to_string(), "SM2".to_string())])
                .collect()
        })
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn sign_then_verify_round_trips(pairs in params()) {
        let f = fixture();
        let signed = signed(&f.signer, &as_refs(&pairs));
        let notification = f.verifier.verify_pairs(&signed, MessageKind::Notify).unwrap();
        for (name, value) in pairs.iter().filter(|(name, _)| name != "sign_type") {
            prop_assert_eq!(notification.get(name), Some(value.as_str()));
        }
    }

    #[test]
    fn any_changed_signature_byte_is_rejected(pairs in params(), at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let f = fixture();
        let mut signed = signed(&f.signer, &as_refs(&pairs));
        let sign = &mut signed.last_mut().unwrap().1;
        let mut der = base64::engine::general_purpose::STANDARD.decode(&*sign).unwrap();
        let i = at.index(der.len());
        der[i] ^= flip;
        *sign = base64::engine::general_purpose::STANDARD.encode(&der);
        let err = f.verifier.verify_pairs(&signed, MessageKind::Notify).unwrap_err();
        prop_assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    }

    #[test]
    fn any_changed_content_byte_is_rejected(pairs in params(), which in any::<prop::sample::Index>(), at in any::<prop::sample::Index>()) {
        let f = fixture();
        let mut signed = signed(&f.signer, &as_refs(&pairs));
        let fields = signed.len() - 1;
        let value = &mut signed[which.index(fields)].1;
        let mut bytes = value.clone().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = if bytes[i] == b'Z' { b'Y' } else { b'Z' };
        *value = String::from_utf8_lossy(&bytes).into_owned();
        let err = f.verifier.verify_pairs(&signed, MessageKind::Notify).unwrap_err();
        prop_assert!(
            matches!(err.kind(), ErrorKind::InvalidSignature | ErrorKind::SignTypeNotAllowed),
            "{}", err
        );
    }

    #[test]
    fn arbitrary_signature_bytes_never_panic(der in proptest::collection::vec(any::<u8>(), 0..80)) {
        let f = fixture();
        let mut pairs = vec![("a".to_string(), "1".to_string()), ("sign_type".to_string(), "SM2".to_string())];
        pairs.push(("sign".into(), base64::engine::general_purpose::STANDARD.encode(&der)));
        let err = f.verifier.verify_pairs(&pairs, MessageKind::Notify).unwrap_err();
        prop_assert!(matches!(err.kind(), ErrorKind::InvalidSignature | ErrorKind::MissingSignature));
    }
}
