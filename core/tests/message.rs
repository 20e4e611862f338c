//! One entry point for every input shape and kind: `verify_message` and `is_valid_message` do
//! what the shape-specific methods do.

use alipay_notify::{
    ErrorKind, Message, MessageKind, PrivateKey, Rule, SignType, Signer, Verifier,
};

/// A throwaway test key from the shared vectors: it protects nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const APP_ID: &str = "2021000117600000";

fn verifier() -> Verifier {
    let public = PrivateKey::parse(ALIPAY_A)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem();
    Verifier::builder()
        .public_key(public)
        .app_id(APP_ID)
        .build()
        .unwrap()
}

fn pairs(app_id: &str) -> Vec<(String, String)> {
    [
        ("charset", "utf-8"),
        ("app_id", app_id),
        ("out_trade_no", "20240102102028001"),
        ("total_amount", "88.00"),
        ("trade_status", "TRADE_SUCCESS"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect()
}

fn signed_form(app_id: &str) -> String {
    Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V1)
        .unwrap()
        .signed_form(&pairs(app_id))
        .unwrap()
}

/// The signed parameters of `form`, as a framework would parse them.
fn parsed(form: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(form.as_bytes())
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect()
}

#[test]
fn every_shape_and_kind_verifies_as_its_own_method_does() {
    let verifier = verifier();
    let body = signed_form(APP_ID);
    let query = format!("?{body}");
    let fields = parsed(&body);

    let notify = verifier
        .verify_message(Message::Raw(body.as_bytes()), MessageKind::Notify)
        .unwrap();
    assert_eq!(
        notify.to_pairs(),
        verifier.verify_notify(&body).unwrap().to_pairs()
    );
    assert_eq!(notify.kind(), MessageKind::Notify);

    let ret = verifier
        .verify_message(query.as_str().into(), MessageKind::Return)
        .unwrap();
    assert_eq!(
        ret.to_pairs(),
        verifier.verify_return(&query).unwrap().to_pairs()
    );
    assert_eq!(ret.kind(), MessageKind::Return);

    for kind in MessageKind::ALL {
        let from_pairs = verifier
            .verify_message(Message::Pairs(&fields), kind)
            .unwrap();
        assert_eq!(from_pairs.kind(), kind);
        assert_eq!(
            from_pairs.to_pairs(),
            verifier.verify_pairs(&fields, kind).unwrap().to_pairs()
        );
    }

    // A query read as a notify body keeps its `?` in the first name, which is then signed
    // under another name: the kind decides how raw bytes are read.
    let err = verifier
        .verify_message(query.as_str().into(), MessageKind::Notify)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature, "{err}");
}

#[test]
fn is_valid_message_is_false_only_for_a_signature_that_fails() {
    let verifier = verifier();
    let body = signed_form(APP_ID);
    assert!(
        verifier
            .is_valid_message(body.as_str().into(), MessageKind::Notify)
            .unwrap()
    );

    let tampered = body.replace("88.00", "0.01");
    assert!(
        !verifier
            .is_valid_message(tampered.as_str().into(), MessageKind::Notify)
            .unwrap()
    );
    assert!(!verifier.is_valid_notify(&tampered).unwrap());
    let mut tampered_pairs = parsed(&body);
    tampered_pairs[3].1 = "0.01".into();
    assert!(
        !verifier
            .is_valid_message(Message::Pairs(&tampered_pairs), MessageKind::Return)
            .unwrap()
    );

    // Authentic but for another app; unsigned; parsed from a GBK message: errors, not false.
    let other_app = signed_form("2021000117609999");
    let unsigned: Vec<(String, String)> = pairs(APP_ID);
    let mut gbk = parsed(&body);
    gbk[0].1 = "gbk".into();
    for (message, expected) in [
        (Message::from(other_app.as_str()), ErrorKind::AppIdMismatch),
        (Message::Pairs(&unsigned), ErrorKind::MissingSignature),
        (Message::Pairs(&gbk), ErrorKind::UnsupportedCharset),
    ] {
        let err = verifier
            .is_valid_message(message, MessageKind::Notify)
            .unwrap_err();
        assert_eq!(err.kind(), expected);
    }
}
