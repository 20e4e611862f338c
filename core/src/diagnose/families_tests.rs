//! Diagnoses of API responses, open data and v3 responses: each common mistake is made here
//! to a message signed as Alipay signs it, and the diagnosis must name it.

use crate::aes::verify_tests::{AES_KEY, APP_KEY, encrypted_response, public_pem, sign, verifier};
use crate::{AesKey, DiagnoseOptions, Diagnosis, PrivateKey, V3Headers, Verifier};

const NODE: &str = r#"{"code":"10000","msg":"Success","out_trade_no":"T1","s":"中"}"#;
const TS: &str = "1717756911576";
const NONCE: &str = "4f14052a-803e-6219-a069-e9635961a5a5";

fn response(node: &str, signed: &str) -> String {
    format!(
        "{{\"alipay_trade_query_response\":{node},\"sign\":\"{}\"}}",
        sign(signed.as_bytes())
    )
}

fn diagnose(body: &str) -> Diagnosis {
    verifier(true)
        .diagnose_response(body, None, &DiagnoseOptions::default())
        .unwrap()
}

fn codes(d: &Diagnosis) -> Vec<&str> {
    d.findings.iter().map(|f| f.code).collect()
}

fn certain(d: &Diagnosis, code: &str) {
    assert!(d.causes().any(|f| f.code == code), "{code}: {d:?}");
}

#[test]
fn a_response_as_received_verifies_with_no_finding() {
    let d = diagnose(&response(NODE, NODE));
    assert!(
        d.verified && d.error.is_none() && d.findings.is_empty(),
        "{d:?}"
    );
    assert_eq!(d.content_sha256.as_deref().map(str::len), Some(64));
    assert_eq!(d.content_preview, None);
}

#[test]
fn a_re_encoded_node_is_named() {
    let pretty = r#"{"code": "10000", "msg": "Success", "out_trade_no": "T1", "s": "\u4e2d"}"#;
    let d = diagnose(&response(pretty, NODE));
    assert!(!d.verified);
    assert_eq!(d.error.as_ref().unwrap().0, "INVALID_SIGNATURE");
    certain(&d, "RESPONSE_REENCODED");
    assert!(!d.has("KEY_OR_CONTENT_UNKNOWN"), "{d:?}");
    // Another key's signature: re-encoding is only a hint, the key is in doubt.
    let d = diagnose(&response(pretty, "other"));
    assert_eq!(codes(&d), ["RESPONSE_REENCODED", "KEY_OR_CONTENT_UNKNOWN"]);
    assert!(d.findings.iter().all(|f| !f.certain), "{d:?}");
    let d = diagnose(&response(NODE, "other"));
    assert_eq!(codes(&d), ["KEY_OR_CONTENT_UNKNOWN"]);
    assert_eq!(d.ruled_out, ["RESPONSE_REENCODED"]);
}

#[test]
fn an_encrypted_node_signed_without_its_quotes_is_named() {
    let c = AesKey::parse(AES_KEY).unwrap().encrypt(NODE);
    let d = diagnose(&encrypted_response(&c, &c));
    certain(&d, "ENCRYPTED_RESPONSE_UNQUOTED");
    let d = diagnose(&encrypted_response(&c, &format!("\"{c}\"")));
    assert!(d.verified, "{d:?}");
    let d = diagnose(&encrypted_response(&c, "other"));
    assert!(
        d.ruled_out.contains(&"ENCRYPTED_RESPONSE_UNQUOTED"),
        "{d:?}"
    );
    assert!(d.has("KEY_OR_CONTENT_UNKNOWN"), "{d:?}");
}

#[test]
fn open_data_signed_without_its_quotes_is_named() {
    let c = AesKey::parse(AES_KEY)
        .unwrap()
        .encrypt(r#"{"code":"10000","mobile":"1"}"#);
    let envelope = |signed: &str| {
        format!(
            "{{\"response\":\"{c}\",\"sign\":\"{}\",\"sign_type\":\"RSA2\",\"encrypt_type\":\"AES\",\"charset\":\"UTF-8\"}}",
            sign(signed.as_bytes())
        )
    };
    assert!(diagnose(&envelope(&format!("\"{c}\""))).verified);
    certain(&diagnose(&envelope(&c)), "ENCRYPTED_RESPONSE_UNQUOTED");
    // A wrong aes_key: the signature holds, the decryption fails.
    let other = Verifier::builder()
        .public_key(public_pem(crate::aes::verify_tests::ALIPAY_KEY))
        .aes_key("bb4BtZ4tspm2wnXLb1ThQA==")
        .build()
        .unwrap();
    let d = other
        .diagnose_response(
            envelope(&format!("\"{c}\"")),
            None,
            &DiagnoseOptions::default(),
        )
        .unwrap();
    assert!(!d.verified);
    certain(&d, "AES_KEY_MISMATCH");
}

#[test]
fn structure_errors_get_their_finding_and_no_key_doubt() {
    for (body, code) in [
        ("trade_status=TRADE_SUCCESS&sign=abc", "BODY_IS_FORM"),
        ("[1]", "NOT_A_RESPONSE"),
        (r#"{"a_response":{}}"#, "MISSING_SIGNATURE"),
        (
            r#"{"error_response":{"code":"40002"},"sign":""}"#,
            "RESPONSE_UNSIGNED",
        ),
        (
            r#"{"a_response":{},"sign":"not base64"}"#,
            "SIGNATURE_NOT_BASE64",
        ),
        (r#"{"a_response":{},"sign":"AAAA"}"#, "SIGNATURE_TRUNCATED"),
        (
            r#"{"a_response":{},"a_response":{},"sign":"AA=="}"#,
            "DUPLICATE_PARAMETER",
        ),
    ] {
        let d = diagnose(body);
        assert!(!d.verified, "{body}");
        assert_eq!(codes(&d), [code], "{body}: {d:?}");
    }
    let small = Verifier::builder()
        .public_key(public_pem(crate::aes::verify_tests::ALIPAY_KEY))
        .max_size(10)
        .build()
        .unwrap();
    let d = small
        .diagnose_response(response(NODE, NODE), None, &DiagnoseOptions::default())
        .unwrap();
    assert_eq!(codes(&d), ["INPUT_TOO_LARGE"]);
    let body = response(NODE, NODE);
    let d = verifier(false)
        .diagnose_response(&body, Some("alipay.trade.pay"), &DiagnoseOptions::default())
        .unwrap();
    assert_eq!(codes(&d), ["METHOD_MISMATCH"]);
}

#[test]
fn the_app_key_configured_is_named_and_text_from_the_input_is_escaped() {
    let app_public = public_pem(APP_KEY);
    let v = Verifier::new(&app_public).unwrap();
    let options = DiagnoseOptions {
        app_public_keys: vec![app_public],
        ..Default::default()
    };
    let d = v
        .diagnose_response(response(NODE, NODE), None, &options)
        .unwrap();
    assert!(d.has("APP_PUBLIC_KEY_CONFIGURED"), "{d:?}");
    let d = diagnose(r#"{"a\u001b[31m_response":{},"a\u001b[31m_response":{},"sign":"AA=="}"#);
    let text = format!("{:?}{:?}", d.error, d.findings);
    assert!(
        !text.contains('\x1b') && text.contains("DUPLICATE_PARAMETER"),
        "{text}"
    );
}

#[test]
fn a_json_body_given_to_diagnose_points_to_diagnose_response() {
    let d = verifier(false)
        .diagnose(response(NODE, NODE), &DiagnoseOptions::default())
        .unwrap();
    let json = d
        .findings
        .iter()
        .find(|f| f.code == "BODY_IS_JSON")
        .unwrap();
    assert!(json.fix.contains("diagnose_response") && json.fix.contains("diagnose_v3"));
}

fn v3_headers(signature: &str) -> V3Headers {
    V3Headers::from_pairs([
        ("alipay-timestamp", TS),
        ("alipay-nonce", NONCE),
        ("alipay-signature", signature),
    ])
    .unwrap()
}

fn v3_signature(body: &[u8]) -> String {
    let key = PrivateKey::parse(crate::aes::verify_tests::ALIPAY_KEY).unwrap();
    crate::v3::sign_response(&key, TS, NONCE, body).unwrap()
}

fn diagnose_v3(headers: &V3Headers, body: &[u8]) -> Diagnosis {
    verifier(false)
        .diagnose_v3(headers, body, &DiagnoseOptions::default())
        .unwrap()
}

#[test]
fn v3_bodies_re_encoded_or_with_a_line_break_added_are_named() {
    let body = r#"{"out_trade_no":"T1","s":"中"}"#.as_bytes();
    let headers = v3_headers(&v3_signature(body));
    let d = diagnose_v3(&headers, body);
    assert!(d.verified && d.findings.is_empty(), "{d:?}");
    assert_eq!(d.content_sha256.as_deref().map(str::len), Some(64));

    let d = diagnose_v3(&headers, br#"{"out_trade_no": "T1", "s": "\u4e2d"}"#);
    assert!(!d.verified);
    assert_eq!(codes(&d), ["V3_BODY_REENCODED"]);
    certain(&d, "V3_BODY_REENCODED");

    let mut with_line_break = body.to_vec();
    with_line_break.push(b'\n');
    let d = diagnose_v3(&headers, &with_line_break);
    assert_eq!(codes(&d), ["BODY_TRAILING_WHITESPACE"]);
    assert!(d.findings[0].explanation.contains("1 byte(s)"), "{d:?}");

    let d = diagnose_v3(&v3_headers(&v3_signature(b"other")), body);
    assert_eq!(codes(&d), ["KEY_OR_CONTENT_UNKNOWN"]);
    assert_eq!(
        d.ruled_out,
        ["BODY_TRAILING_WHITESPACE", "V3_BODY_REENCODED"]
    );
}

#[test]
fn v3_header_problems_get_their_finding() {
    let body = b"{}";
    let unsigned = V3Headers::from_pairs([("alipay-timestamp", TS)]).unwrap();
    assert_eq!(codes(&diagnose_v3(&unsigned, body)), ["RESPONSE_UNSIGNED"]);
    let no_nonce =
        V3Headers::from_pairs([("alipay-timestamp", TS), ("alipay-signature", "AA==")]).unwrap();
    let d = diagnose_v3(&no_nonce, body);
    assert_eq!(codes(&d), ["V3_HEADERS_INCOMPLETE"]);
    assert_eq!(d.content_sha256, None);
    let d = diagnose_v3(&v3_headers("%%%"), body);
    assert_eq!(codes(&d), ["SIGNATURE_NOT_BASE64"]);
    // A verifier that cannot verify v3 at all is a configuration error.
    let rsa_only = Verifier::builder()
        .public_key(public_pem(crate::aes::verify_tests::ALIPAY_KEY))
        .sign_types([crate::SignType::Rsa])
        .build()
        .unwrap();
    let err = rsa_only
        .diagnose_v3(&v3_headers("AA=="), body, &DiagnoseOptions::default())
        .unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::InvalidConfig);
}
