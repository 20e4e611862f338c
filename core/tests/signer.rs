//! The signer's defaults and its constructors for bindings: `new`, `with_key`, `from_options`
//! sign exactly as the explicit `rsa` and `md5` do.

use alipay_notify::{ErrorKind, Rule, SignType, Signer, SignerOptions};

/// A throwaway test key from the shared vectors: it protects nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const PARAMS: &[(&str, &str)] = &[
    ("out_trade_no", "20240102102028001"),
    ("total_amount", "88.00"),
];

/// The signature `signer` gives the test parameters (PKCS#1 v1.5 and MD5 are deterministic).
fn sign(signer: Signer) -> String {
    signer.sign(PARAMS).unwrap()
}

fn options(private_key: Option<&str>, md5_key: Option<&str>) -> SignerOptions {
    SignerOptions {
        private_key: private_key.map(String::from),
        md5_key: md5_key.map(String::from),
        ..SignerOptions::default()
    }
}

#[test]
fn new_signs_with_rsa2_and_rule_v1() {
    assert_eq!(Signer::DEFAULT_SIGN_TYPE, SignType::Rsa2);
    assert_eq!(Signer::DEFAULT_RULE, Rule::V1);
    let explicit = sign(Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V1).unwrap());
    assert_eq!(sign(Signer::new(ALIPAY_A).unwrap()), explicit);
    assert_ne!(
        sign(Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V2).unwrap()),
        explicit
    );
}

#[test]
fn with_key_takes_the_md5_key_for_md5_and_the_private_key_otherwise() {
    assert_eq!(
        sign(Signer::with_key("partner-key", SignType::Md5, Rule::V2).unwrap()),
        sign(Signer::md5("partner-key").unwrap())
    );
    for (sign_type, rule) in [(SignType::Rsa, Rule::V2), (SignType::Rsa2, Rule::V1)] {
        assert_eq!(
            sign(Signer::with_key(ALIPAY_A, sign_type, rule).unwrap()),
            sign(Signer::rsa(ALIPAY_A, sign_type, rule).unwrap())
        );
    }
    let err = Signer::with_key("partner-key", SignType::Rsa2, Rule::V1).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn options_left_unset_take_the_defaults() {
    assert_eq!(
        sign(Signer::from_options(&options(Some(ALIPAY_A), None)).unwrap()),
        sign(Signer::new(ALIPAY_A).unwrap())
    );
    let rsa_v2 = SignerOptions {
        sign_type: Some(SignType::Rsa),
        rule: Some(Rule::V2),
        ..options(Some(ALIPAY_A), None)
    };
    assert_eq!(
        sign(Signer::from_options(&rsa_v2).unwrap()),
        sign(Signer::rsa(ALIPAY_A, SignType::Rsa, Rule::V2).unwrap())
    );
    let md5 = sign(Signer::md5("partner-key").unwrap());
    for sign_type in [None, Some(SignType::Md5)] {
        let md5_options = SignerOptions {
            sign_type,
            ..options(None, Some("partner-key"))
        };
        assert_eq!(sign(Signer::from_options(&md5_options).unwrap()), md5);
    }
}

#[test]
fn options_that_contradict_each_other_are_config_errors() {
    let cases = [
        (options(None, None), "exactly one"),
        (options(Some(ALIPAY_A), Some("partner-key")), "exactly one"),
        (
            SignerOptions {
                sign_type: Some(SignType::Md5),
                ..options(Some(ALIPAY_A), None)
            },
            "md5_key",
        ),
        (
            SignerOptions {
                sign_type: Some(SignType::Rsa2),
                ..options(None, Some("partner-key"))
            },
            "MD5 only",
        ),
    ];
    for (options, says) in cases {
        let err = Signer::from_options(&options).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{options:?}");
        assert!(err.message().contains(says), "{err}");
    }
}

#[test]
fn options_debug_output_hides_the_keys() {
    let text = format!("{:?}", options(Some(ALIPAY_A), Some("s3cr3t-partner-key")));
    assert!(!text.contains("s3cr3t") && !text.contains("MII"), "{text}");
}

#[test]
fn sign_bytes_signs_response_text_that_verify_response_accepts() {
    let public = alipay_notify::PrivateKey::parse(ALIPAY_A)
        .and_then(|key| key.public_key())
        .unwrap();
    let verifier = alipay_notify::Verifier::builder()
        .public_key(public.to_pem())
        .sign_types([SignType::Rsa2, SignType::Rsa])
        .build()
        .unwrap();
    let node =
        r#"{"code":"10000","msg":"Success","out_trade_no":"T1","trade_status":"TRADE_SUCCESS"}"#;
    for sign_type in [SignType::Rsa2, SignType::Rsa] {
        let signer = Signer::rsa(ALIPAY_A, sign_type, Rule::V2).unwrap();
        let sign = signer.sign_bytes(node.as_bytes()).unwrap();
        let body = format!(r#"{{"alipay_trade_query_response":{node},"sign":"{sign}"}}"#);
        let verified = verifier
            .verify_response(&body, Some("alipay.trade.query"))
            .unwrap();
        assert_eq!(verified.sign_type(), sign_type);
        assert_eq!(verified.signed_content(), node);
    }
    let err = Signer::md5("key").unwrap().sign_bytes(b"{}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
}
