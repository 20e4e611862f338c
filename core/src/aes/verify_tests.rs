//! Encrypted responses, open data and 生活号 biz_content through the verifier: signed here
//! with the test keys, as Alipay signs them.

use crate::decryption::AesKey;
use crate::error::ErrorKind;
use crate::sign_type::SignType;
use crate::{PrivateKey, Verifier};
use base64::Engine as _;

pub(crate) const ALIPAY_KEY: &str = include_str!("../../../tests/vectors/keys/alipay_a.key.pem");
pub(crate) const APP_KEY: &str = include_str!("../../../tests/vectors/keys/app.key.pem");
pub(crate) const AES_KEY: &str = "aa4BtZ4tspm2wnXLb1ThQA==";

pub(crate) fn sign(content: &[u8]) -> String {
    let key = PrivateKey::parse(ALIPAY_KEY).unwrap();
    let signature = crate::crypto::sign(&key, SignType::Rsa2, content).unwrap();
    base64::engine::general_purpose::STANDARD.encode(signature)
}

pub(crate) fn public_pem(private: &str) -> String {
    PrivateKey::parse(private)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

pub(crate) fn verifier(aes: bool) -> Verifier {
    let builder = Verifier::builder().public_key(public_pem(ALIPAY_KEY));
    match aes {
        true => builder.aes_key(AES_KEY).build().unwrap(),
        false => builder.build().unwrap(),
    }
}

/// A response whose node is `ciphertext` as a JSON string, signed as `signed` says.
pub(crate) fn encrypted_response(ciphertext: &str, signed: &str) -> String {
    format!(
        "{{\"alipay_trade_query_response\":\"{ciphertext}\",\"sign\":\"{}\"}}",
        sign(signed.as_bytes())
    )
}

const PLAIN: &str =
    r#"{"code":"10000","msg":"Success","out_trade_no":"20240102","total_amount":"88.00"}"#;

fn ciphertext(plain: &str) -> String {
    AesKey::parse(AES_KEY).unwrap().encrypt(plain)
}

#[test]
fn an_encrypted_response_verifies_with_its_quotes_then_decrypts() {
    let c = ciphertext(PLAIN);
    let body = encrypted_response(&c, &format!("\"{c}\""));
    let verified = verifier(true)
        .verify_response(&body, Some("alipay.trade.query"))
        .unwrap();
    assert!(verified.is_decrypted() && verified.is_success());
    assert_eq!(verified.value()["total_amount"], "88.00");
    assert_eq!(verified.decrypted_content(), Some(PLAIN));
    assert_eq!(verified.signed_content(), format!("\"{c}\""));
    // Without an aes_key: today's result, the ciphertext string.
    let verified = verifier(false).verify_response(&body, None).unwrap();
    assert!(!verified.is_decrypted() && verified.decrypted_content().is_none());
    assert_eq!(verified.value(), &serde_json::Value::String(c));
}

#[test]
fn a_signature_without_the_quotes_is_refused_and_named() {
    let c = ciphertext(PLAIN);
    let body = encrypted_response(&c, &c);
    for aes in [true, false] {
        let err = verifier(aes).verify_response(&body, None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature);
        assert!(err.message().contains("without its quotes"), "{err}");
    }
    // Another signature entirely gets the usual message.
    let body = encrypted_response(&c, "something else");
    let err = verifier(true).verify_response(&body, None).unwrap_err();
    assert!(!err.message().contains("quotes"), "{err}");
}

#[test]
fn the_signature_is_checked_before_the_decryption() {
    // Garbage that does not decrypt, signed wrongly: the signature error comes first, so no
    // padding check ever runs on content Alipay did not sign.
    let body = encrypted_response("AAAAAAAAAAAAAAAAAAAAAA==", "\"other\"");
    let err = verifier(true).verify_response(&body, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    // Signed garbage: authentic, but not for this key.
    let c = "AAAAAAAAAAAAAAAAAAAAAA==";
    let body = encrypted_response(c, &format!("\"{c}\""));
    let err = verifier(true).verify_response(&body, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
}

#[test]
fn decrypted_content_is_read_as_strictly_as_a_node() {
    for (plain, kind) in [
        ("not json", ErrorKind::DecryptionFailed),
        (
            r#"{"total_amount":"88.00","total_amount":"0.01"}"#,
            ErrorKind::DuplicateParameter,
        ),
        (
            &format!("{}{}", "[".repeat(150), "]".repeat(150)),
            ErrorKind::MalformedInput,
        ),
        (
            &format!("{}{}", "[".repeat(101), "]".repeat(101)),
            ErrorKind::MalformedInput,
        ),
    ] {
        let c = ciphertext(plain);
        let body = encrypted_response(&c, &format!("\"{c}\""));
        let err = verifier(true).verify_response(&body, None).unwrap_err();
        assert_eq!(err.kind(), kind, "{}: {err}", &plain[..plain.len().min(20)]);
    }
}

#[test]
fn a_plaintext_node_is_left_alone_with_an_aes_key() {
    // Alipay answers an error to an encrypted request in clear.
    let node = r#"{"code":"40003","sub_code":"isv.decryption-error-unknown"}"#;
    let body = format!(
        "{{\"alipay_trade_query_response\":{node},\"sign\":\"{}\"}}",
        sign(node.as_bytes())
    );
    let verified = verifier(true).verify_response(&body, None).unwrap();
    assert!(!verified.is_decrypted());
    assert_eq!(verified.code(), Some("40003"));
}

fn envelope(response: &str, sign: &str, extra: &str) -> String {
    format!(
        "{{\"response\":{},\"sign\":\"{sign}\"{extra}}}",
        serde_json::to_string(response).unwrap()
    )
}

#[test]
fn open_data_verifies_the_quoted_ciphertext_then_decrypts() {
    let phone = r#"{"code":"10000","msg":"Success","mobile":"15900000000"}"#;
    let c = ciphertext(phone);
    let sig = sign(format!("\"{c}\"").as_bytes());
    let text = envelope(
        &c,
        &sig,
        r#","sign_type":"RSA2","encrypt_type":"AES","charset":"UTF-8""#,
    );
    let data = verifier(true).verify_open_data(&text).unwrap();
    assert!(data.is_encrypted());
    assert_eq!(data.content(), phone);
    assert_eq!(data.value()["mobile"], "15900000000");
    assert_eq!(data.code(), Some("10000"));
    assert_eq!((data.sign_type(), data.key_index()), (SignType::Rsa2, 0));
    // Without an aes_key the signature still verifies, then the configuration is named.
    let err = verifier(false).verify_open_data(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    assert!(err.message().contains("aes_key"), "{err}");
}

#[test]
fn plaintext_open_data_is_signed_as_it_is() {
    let plain = r#"{"code":"10000","msg":"Success","mobile":"15900000000"}"#;
    let text = envelope(plain, &sign(plain.as_bytes()), "");
    let data = verifier(false).verify_open_data(&text).unwrap();
    assert!(!data.is_encrypted());
    assert_eq!(data.content(), plain);
    // Quoted, the plaintext is not what Alipay signed.
    let text = envelope(plain, &sign(format!("\"{plain}\"").as_bytes()), "");
    let err = verifier(false).verify_open_data(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
}

#[test]
fn the_envelopes_own_sign_type_is_not_used() {
    let c = ciphertext(PLAIN);
    let sig = sign(format!("\"{c}\"").as_bytes());
    // RSA2-signed, but the envelope says RSA: the verifier's allowlist decides.
    let text = envelope(&c, &sig, r#","sign_type":"RSA","encrypt_type":"AES_V2""#);
    let data = verifier(true).verify_open_data(&text).unwrap();
    assert_eq!(data.sign_type(), SignType::Rsa2);
    // A verifier allowing RSA only refuses an RSA2 signature, whatever the envelope says.
    let rsa_only = Verifier::builder()
        .public_key(public_pem(ALIPAY_KEY))
        .sign_types([SignType::Rsa])
        .aes_key(AES_KEY)
        .build()
        .unwrap();
    let text = envelope(&c, &sig, r#","sign_type":"RSA2""#);
    let err = rsa_only.verify_open_data(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
}

#[test]
fn open_data_mistakes_are_typed() {
    let v = verifier(true);
    let c = ciphertext(PLAIN);
    let quoted = format!("\"{c}\"");
    let sig = sign(quoted.as_bytes());
    let kind = |text: &str| v.verify_open_data(text).unwrap_err();
    assert_eq!(kind("[]").kind(), ErrorKind::MalformedInput);
    assert_eq!(kind("not json").kind(), ErrorKind::MalformedInput);
    assert_eq!(kind(r#"{"sign":"AA=="}"#).kind(), ErrorKind::MalformedInput);
    assert_eq!(
        kind(&envelope(&c, "", "")).kind(),
        ErrorKind::MissingSignature
    );
    assert_eq!(
        kind(&format!("{{\"response\":\"{c}\"}}")).kind(),
        ErrorKind::MissingSignature
    );
    assert_eq!(
        kind(&envelope(&c, &sig, r#","response":"x""#)).kind(),
        ErrorKind::DuplicateParameter
    );
    assert_eq!(
        kind(&envelope(&c, &sig, r#","charset":"big5""#)).kind(),
        ErrorKind::UnsupportedCharset
    );
    assert_eq!(
        kind(&envelope(&c, &sig, r#","sign_type":1"#)).kind(),
        ErrorKind::MalformedInput
    );
    // The response passed with quotes of its own (a JSON.stringify'd copy).
    let err = kind(&envelope(&quoted, &sig, ""));
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    assert!(err.message().contains("quotes of its own"), "{err}");
    // Signed without the quotes.
    let err = kind(&envelope(&c, &sign(c.as_bytes()), ""));
    assert!(err.message().contains("without its quotes"), "{err}");
    // Authentic ciphertext under another key.
    let other = AesKey::parse("aYA0GP8JEW+D7/UFaskCWA==")
        .unwrap()
        .encrypt(PLAIN);
    let sig = sign(format!("\"{other}\"").as_bytes());
    assert_eq!(
        kind(&envelope(&other, &sig, "")).kind(),
        ErrorKind::DecryptionFailed
    );
    let small = Verifier::builder()
        .public_key(public_pem(ALIPAY_KEY))
        .max_size(10)
        .build()
        .unwrap();
    assert_eq!(
        small
            .verify_open_data(envelope(&c, "x", ""))
            .unwrap_err()
            .kind(),
        ErrorKind::InputTooLarge
    );
}

#[test]
fn bad_decryption_keys_fail_the_build() {
    let base = || Verifier::builder().public_key(public_pem(ALIPAY_KEY));
    for builder in [
        base().aes_key("not a key"),
        base().aes_key("MTIzNDU2Nzg5MA=="),
        base().app_private_key("not a key"),
        base().app_private_key(public_pem(APP_KEY)),
    ] {
        let err = builder.build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    }
    let err = base().app_private_key("x").build().unwrap_err();
    assert!(err.message().starts_with("app_private_key"), "{err}");
    let debug = format!("{:?}", base().aes_key(AES_KEY).app_private_key(APP_KEY));
    assert!(
        !debug.contains("aa4B") && !debug.contains("PRIVATE"),
        "{debug}"
    );
}
