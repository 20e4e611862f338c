//! OpenAPI v3 signatures: responses signed in headers round-trip and any changed byte of
//! timestamp, nonce, body or signature is rejected; requests sign exactly the documented lines.

use alipay_notify::options::OptionValue;
use alipay_notify::v3::sign_response;
use alipay_notify::{
    ErrorKind, PrivateKey, V3Headers, V3Request, V3Signer, Verifier, VerifierBuilder,
};
use proptest::prelude::*;
use std::sync::OnceLock;

const ALIPAY_KEY: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const OTHER_KEY: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");
const CHAIN_A: &str = include_str!("../../tests/vectors/keys/alipay_a.chain.crt.pem");
const TS: &str = "1717756911576";
const NONCE: &str = "4f14052a-803e-6219-a069-e9635961a5a5";

fn key() -> &'static PrivateKey {
    static KEY: OnceLock<PrivateKey> = OnceLock::new();
    KEY.get_or_init(|| PrivateKey::parse(ALIPAY_KEY).unwrap())
}

fn public_pem(private: &str) -> String {
    PrivateKey::parse(private)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

fn verifier() -> &'static Verifier {
    static VERIFIER: OnceLock<Verifier> = OnceLock::new();
    VERIFIER.get_or_init(|| Verifier::new(&public_pem(ALIPAY_KEY)).unwrap())
}

fn headers(ts: &str, nonce: &str, signature: &str) -> V3Headers {
    V3Headers::from_pairs([
        ("alipay-timestamp", ts),
        ("alipay-nonce", nonce),
        ("alipay-signature", signature),
    ])
    .unwrap()
}

fn signed(body: &[u8]) -> V3Headers {
    headers(TS, NONCE, &sign_response(key(), TS, NONCE, body).unwrap())
}

#[test]
fn a_signed_response_verifies_over_its_exact_bytes() {
    let body = r#"{"trade_no":"2024","subject":"测试/test"}"#;
    let verified = verifier()
        .verify_v3(&signed(body.as_bytes()), body)
        .unwrap();
    assert_eq!(verified.body(), body.as_bytes());
    assert_eq!(verified.text().unwrap(), body);
    assert_eq!(verified.json().unwrap()["subject"], "测试/test");
    assert_eq!(verified.timestamp(), TS);
    assert_eq!(verified.timestamp_millis(), Some(1_717_756_911_576));
    assert_eq!(verified.nonce(), NONCE);
    assert_eq!((verified.key_index(), verified.cert_sn()), (0, None));
    assert_eq!(
        verified.signed_content(),
        format!("{TS}\n{NONCE}\n{body}\n").into_bytes()
    );
}

#[test]
fn an_empty_body_signs_an_empty_line() {
    let verified = verifier().verify_v3(&signed(b""), b"").unwrap();
    assert_eq!(
        verified.signed_content(),
        format!("{TS}\n{NONCE}\n\n").into_bytes()
    );
    assert_eq!(
        verified.json().unwrap_err().kind(),
        ErrorKind::MalformedInput
    );
}

#[test]
fn the_verified_body_is_read_strictly_as_json() {
    let body = br#"{"total_amount":"88.00","total_amount":"0.01"}"#;
    let verified = verifier().verify_v3(&signed(body), body).unwrap();
    assert_eq!(
        verified.json().unwrap_err().kind(),
        ErrorKind::DuplicateParameter
    );
    let body = b"\xff\xfe";
    let verified = verifier().verify_v3(&signed(body), body).unwrap();
    assert_eq!(verified.body(), body);
    assert_eq!(
        verified.text().unwrap_err().kind(),
        ErrorKind::MalformedInput
    );
}

#[test]
fn a_response_without_a_signature_is_unsigned_never_accepted() {
    for pairs in [
        vec![],
        vec![("alipay-timestamp", TS), ("alipay-nonce", NONCE)],
        vec![("alipay-signature", "")],
        vec![("alipay-signature", "  ")],
        vec![("alipay-signature", "null")],
    ] {
        let headers = V3Headers::from_pairs(pairs.clone()).unwrap();
        let err = verifier().verify_v3(&headers, "{}").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnsignedResponse, "{pairs:?}");
    }
}

#[test]
fn missing_or_multi_line_signed_headers_are_malformed() {
    let sign = sign_response(key(), TS, NONCE, b"{}").unwrap();
    let cases: [(&str, &str); 5] = [
        ("", NONCE),
        (TS, ""),
        ("17177569\n11576", NONCE),
        (TS, "nonce\twith tab"),
        (TS, "随机"),
    ];
    for (ts, nonce) in cases {
        let err = verifier()
            .verify_v3(&headers(ts, nonce, &sign), "{}")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MalformedInput, "{ts:?} {nonce:?}");
        assert!(!err.message().chars().any(char::is_control), "{err}");
    }
    let long = "1".repeat(2000);
    let err = verifier()
        .verify_v3(&headers(&long, NONCE, &sign), "{}")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedInput);
    assert!(err.message().len() < 200, "{err}");
}

/// Without the one-line rule, a nonce holding the head of a genuine body would make the same
/// signed bytes read as a shorter body: the signature covers `ts\nnonce\nbody\n`, and the
/// lines are only told apart by their line breaks.
#[test]
fn a_line_break_in_the_nonce_cannot_move_body_bytes_into_it() {
    let genuine = b"{\"a\":1}\n{\"total_amount\":\"0.01\"}";
    let headers_genuine = signed(genuine);
    verifier().verify_v3(&headers_genuine, genuine).unwrap();
    let moved = format!("{NONCE}\n{{\"a\":1}}");
    let shifted = headers(TS, &moved, headers_genuine.signature().unwrap());
    let tail = b"{\"total_amount\":\"0.01\"}";
    let err = verifier().verify_v3(&shifted, tail).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedInput, "{err}");
}

#[test]
fn headers_twice_or_joined_are_refused_as_duplicates() {
    let sign = sign_response(key(), TS, NONCE, b"{}").unwrap();
    let err = V3Headers::from_pairs([
        ("alipay-signature", sign.as_str()),
        ("Alipay-Signature", sign.as_str()),
    ])
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateParameter);
    let joined = format!("{sign}, {sign}");
    let err = verifier()
        .verify_v3(&headers(TS, NONCE, &joined), "{}")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateParameter, "{err}");
}

#[test]
fn certificate_mode_picks_the_key_by_alipay_sn() {
    let sn = alipay_notify::cert_sn(CHAIN_A).unwrap();
    let other = public_pem(OTHER_KEY);
    let v = Verifier::builder()
        .public_key(&other)
        .public_key(CHAIN_A)
        .build()
        .unwrap();
    let sign = sign_response(key(), TS, NONCE, b"{}").unwrap();
    let with_sn = |sn: &str| {
        V3Headers::from_pairs([
            ("alipay-timestamp", TS),
            ("alipay-nonce", NONCE),
            ("alipay-signature", &sign),
            ("alipay-sn", sn),
        ])
        .unwrap()
    };
    let verified = v.verify_v3(&with_sn(&sn), "{}").unwrap();
    assert_eq!((verified.key_index(), verified.cert_sn()), (1, Some(&*sn)));
    let err = v
        .verify_v3(&with_sn("0123456789abcdef0123456789abcdef"), "{}")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownCertSn);
    // An empty alipay-sn is no SN: every key is tried.
    assert_eq!(v.verify_v3(&with_sn(""), "{}").unwrap().cert_sn(), None);
}

#[test]
fn the_maximum_age_is_off_by_default_and_checked_when_set() {
    let body = b"{}";
    let at = 1_717_756_911_576_i64;
    let far = at + 86_400_000 * 365;
    verifier().verify_v3_at(&signed(body), body, far).unwrap();
    let v = VerifierBuilder::default()
        .public_key(public_pem(ALIPAY_KEY))
        .set("maxResponseAge", OptionValue::Integer(300))
        .unwrap()
        .build()
        .unwrap();
    v.verify_v3_at(&signed(body), body, at + 300_000).unwrap();
    for now in [at + 300_001, at - 300_001, far] {
        let err = v.verify_v3_at(&signed(body), body, now).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::StaleResponse, "{now}");
    }
    // The real clock is far past 2024-06-07.
    let err = v.verify_v3(&signed(body), body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::StaleResponse);
    let err = Verifier::builder()
        .public_key(public_pem(ALIPAY_KEY))
        .max_response_age(0)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
}

#[test]
fn v3_needs_an_rsa2_key() {
    let rsa_only = Verifier::builder()
        .public_key(public_pem(ALIPAY_KEY))
        .sign_types([alipay_notify::SignType::Rsa])
        .build()
        .unwrap();
    let err = rsa_only.verify_v3(&signed(b"{}"), "{}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    let md5_only = Verifier::builder().md5_key("k").build().unwrap();
    let err = md5_only.verify_v3(&signed(b"{}"), "{}").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
}

#[test]
fn a_re_encoded_body_is_explained() {
    let original = r#"{"trade_no":"2024","url":"https://a.example/x","subject":"测试"}"#;
    let headers = signed(original.as_bytes());
    for changed in [
        r#"{"trade_no": "2024", "url": "https://a.example/x", "subject": "\u6d4b\u8bd5"}"#,
        r#"{"trade_no":"2024","url":"https:\/\/a.example\/x","subject":"\u6d4b\u8bd5"}"#,
    ] {
        let err = verifier().verify_v3(&headers, changed).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert!(
            err.message().contains("parsed and encoded again"),
            "{}",
            err.message()
        );
    }
    let reordered = r#"{"url": "https://a.example/x", "trade_no": "2024", "subject": "测试"}"#;
    let err = verifier().verify_v3(&headers, reordered).unwrap_err();
    assert!(
        err.message().contains("does not look as Alipay sends it"),
        "{}",
        err.message()
    );
    let err = verifier()
        .verify_v3(&headers, format!("{original}\n"))
        .unwrap_err();
    assert!(err.message().contains("whitespace"), "{}", err.message());
    let err = verifier()
        .verify_v3(&signed(b"other"), original)
        .unwrap_err();
    assert!(
        err.message().contains("支付宝公钥"),
        "a compact body that does not verify names the key: {}",
        err.message()
    );
}

#[test]
fn a_request_signs_the_documented_lines() {
    let signer = V3Signer::new(ALIPAY_KEY, "2014060600164699", None).unwrap();
    let request = V3Request {
        method: "post".into(),
        uri: "/v3/alipay/trade/query?x=1".into(),
        body: br#"{"out_trade_no":"1"}"#.to_vec(),
        nonce: Some(NONCE.into()),
        timestamp: Some(1_717_756_911_576),
        ..V3Request::default()
    };
    let auth = signer.authorization(&request).unwrap();
    let line = format!("app_id=2014060600164699,nonce={NONCE},timestamp=1717756911576");
    assert_eq!(auth.auth_string(), line);
    assert_eq!(
        auth.signed_content(),
        format!("{line}\nPOST\n/v3/alipay/trade/query?x=1\n{{\"out_trade_no\":\"1\"}}\n")
            .as_bytes()
    );
    assert_eq!(
        auth.header(),
        format!("ALIPAY-SHA256withRSA {line},sign={}", auth.sign())
    );
    // SHA256withRSA (PKCS#1 v1.5), checked with the `rsa` crate.
    use base64::Engine as _;
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::signature::Verifier as _;
    let public = rsa::RsaPublicKey::from_public_key_pem(&public_pem(ALIPAY_KEY)).unwrap();
    let signature = base64::engine::general_purpose::STANDARD
        .decode(auth.sign())
        .unwrap();
    rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(public)
        .verify(
            auth.signed_content(),
            &rsa::pkcs1v15::Signature::try_from(&signature[..]).unwrap(),
        )
        .unwrap();
    let with_token = V3Request {
        app_auth_token: Some("202212BBd64b".into()),
        ..request.clone()
    };
    let auth = V3Signer::new(
        ALIPAY_KEY,
        "2014060600164699",
        Some("866efef280dec9137a87d047ac446315"),
    )
    .unwrap()
    .authorization(&with_token)
    .unwrap();
    assert!(auth.auth_string().starts_with(
        "app_id=2014060600164699,app_cert_sn=866efef280dec9137a87d047ac446315,nonce="
    ));
    assert!(auth.signed_content().ends_with(b"}\n202212BBd64b\n"));
}

#[test]
fn a_request_chooses_a_fresh_nonce_and_the_current_time() {
    let signer = V3Signer::new(ALIPAY_KEY, "2014060600164699", None).unwrap();
    let request = V3Request {
        method: "GET".into(),
        uri: "/v3/alipay/trade/query".into(),
        ..V3Request::default()
    };
    let (a, b) = (
        signer.authorization(&request).unwrap(),
        signer.authorization(&request).unwrap(),
    );
    assert_ne!(a.nonce(), b.nonce());
    assert!(a.timestamp() > 1_704_067_200_000, "{}", a.timestamp());
    assert!(
        a.signed_content()
            .ends_with(b"\nGET\n/v3/alipay/trade/query\n\n")
    );
}

#[test]
fn request_parts_that_cannot_be_signed_are_configuration_errors() {
    let signer = V3Signer::new(ALIPAY_KEY, "2014060600164699", None).unwrap();
    let base = V3Request {
        method: "GET".into(),
        uri: "/v3/alipay/trade/query".into(),
        ..V3Request::default()
    };
    for request in [
        V3Request {
            uri: "https://openapi.alipay.com/v3/x".into(),
            ..base.clone()
        },
        V3Request {
            uri: "/v3/x?s=a b".into(),
            ..base.clone()
        },
        V3Request {
            uri: "/v3/x?s=中".into(),
            ..base.clone()
        },
        V3Request {
            method: "GET /x".into(),
            ..base.clone()
        },
        V3Request {
            method: String::new(),
            ..base.clone()
        },
        V3Request {
            nonce: Some("a,b".into()),
            ..base.clone()
        },
        V3Request {
            nonce: Some("a\nb".into()),
            ..base.clone()
        },
        V3Request {
            app_auth_token: Some("t\n".into()),
            ..base.clone()
        },
        V3Request {
            timestamp: Some(-1),
            ..base.clone()
        },
    ] {
        let err = signer.authorization(&request).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{request:?}");
        assert!(!err.message().chars().any(char::is_control), "{err}");
    }
    for (app_id, sn) in [("", None), ("1,2", None), ("1", Some("a=b"))] {
        let err = V3Signer::new(ALIPAY_KEY, app_id, sn).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{app_id:?}");
    }
    let err = V3Signer::new(&public_pem(ALIPAY_KEY), "1", None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    let debug = format!("{signer:?}");
    assert!(!debug.contains("PRIVATE"), "{debug}");
}

/// Header values Alipay could send: printable ASCII.
fn line() -> impl Strategy<Value = String> {
    "[ -~]{1,40}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(
        ts in line(),
        nonce in line(),
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let sign = sign_response(key(), &ts, &nonce, &body).unwrap();
        let verified = verifier().verify_v3(&headers(&ts, &nonce, &sign), &body).unwrap();
        prop_assert_eq!(verified.body(), &body[..]);
        prop_assert_eq!(verified.timestamp(), ts.as_str());
    }

    #[test]
    fn any_changed_byte_of_timestamp_nonce_body_or_signature_is_rejected(
        ts in "[0-9]{13}",
        nonce in line(),
        body in proptest::collection::vec(any::<u8>(), 1..200),
        part in 0usize..4,
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let sign = sign_response(key(), &ts, &nonce, &body).unwrap();
        let (mut ts, mut nonce, mut body, mut sign) =
            (ts.into_bytes(), nonce.into_bytes(), body, sign.into_bytes());
        let target = match part {
            0 => &mut ts,
            1 => &mut nonce,
            2 => &mut body,
            _ => &mut sign,
        };
        let i = at.index(target.len());
        target[i] ^= flip;
        // Header values are text: a change that leaves UTF-8 is refused before verifying.
        let (Ok(ts), Ok(nonce), Ok(sign)) =
            (String::from_utf8(ts), String::from_utf8(nonce), String::from_utf8(sign))
        else {
            return Ok(());
        };
        let result = verifier().verify_v3(&headers(&ts, &nonce, &sign), &body);
        prop_assert!(result.is_err(), "part {} byte {} ^ {}", part, i, flip);
    }

    #[test]
    fn arbitrary_headers_and_bodies_never_panic(
        pairs in proptest::collection::vec(
            (prop_oneof![Just("alipay-signature".to_string()), Just("Alipay-Nonce".to_string()),
                         Just("alipay-timestamp".to_string()), Just("alipay-sn".to_string()),
                         "[a-zA-Z-]{0,12}"],
             "\\PC{0,80}"),
            0..6),
        body in "\\PC{0,200}",
    ) {
        if let Ok(headers) = V3Headers::from_pairs(pairs) {
            let _ = verifier().verify_v3(&headers, &body);
        }
    }
}
