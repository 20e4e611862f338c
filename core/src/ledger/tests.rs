//! Rows read from notifications signed with a generated key, and from sandbox-shaped answers.

use super::*;
use crate::ErrorKind;
use crate::keys::PrivateKey;
use crate::reconcile::TradeRef;
use crate::sign_type::{Rule, SignType};
use crate::signing::Signer;
use crate::verifier::Verifier;
use serde_json::{Value, json};
use std::sync::OnceLock;

const APP_ID: &str = "2021000000000001";

fn key_pair() -> &'static (String, String) {
    static KEYS: OnceLock<(String, String)> = OnceLock::new();
    KEYS.get_or_init(|| {
        let key = PrivateKey::generate(2048).unwrap();
        let public = key.public_key().unwrap().to_base64();
        (key.to_pkcs8_pem().unwrap(), public)
    })
}

fn verifier() -> Verifier {
    Verifier::builder()
        .public_key(key_pair().1.clone())
        .build()
        .unwrap()
}

fn signed(params: &[(&str, &str)]) -> String {
    Signer::rsa(&key_pair().0, SignType::Rsa2, Rule::V1)
        .unwrap()
        .signed_form(params)
        .unwrap()
}

fn notify_entry(extra: &[(&str, &str)]) -> LedgerEntry {
    let mut params = vec![
        ("app_id", APP_ID),
        ("notify_id", "N1"),
        ("notify_type", "trade_status_sync"),
        ("out_trade_no", "T1"),
        ("trade_no", "2024A"),
        ("total_amount", "88.88"),
        ("seller_id", "2088000000000001"),
    ];
    params.extend_from_slice(extra);
    let body = signed(&params);
    let notification = verifier().verify_notify(&body).unwrap();
    LedgerEntry::for_notification(&notification, body.as_bytes())
}

#[test]
fn a_paid_notification_applies_paid_with_its_amounts_in_fen() {
    for status in ["TRADE_SUCCESS", "TRADE_FINISHED"] {
        let entry = notify_entry(&[("trade_status", status), ("receipt_amount", "80.01")]);
        assert_eq!(entry.transition.as_deref(), Some("PAID"));
        assert_eq!(entry.total_amount_fen, Some(8888));
        assert_eq!(entry.receipt_amount_fen, Some(8001));
        assert_eq!(entry.refund_fee_fen, None);
        assert_eq!(entry.source, "notify");
        assert_eq!(entry.app_id, APP_ID);
        assert_eq!(entry.verdict, "verified");
        assert_eq!(entry.rule.as_deref(), Some("v1"));
        assert_eq!(entry.sign_type.as_deref(), Some("RSA2"));
        assert_eq!(entry.key_fingerprint.as_ref().map(String::len), Some(16));
        assert_eq!(entry.trade_status.as_deref(), Some(status));
    }
}

#[test]
fn closed_waiting_and_refund_notifications_apply_their_own_transitions() {
    let closed = notify_entry(&[("trade_status", "TRADE_CLOSED")]);
    assert_eq!(closed.transition.as_deref(), Some("CLOSED"));
    let waiting = notify_entry(&[("trade_status", "WAIT_BUYER_PAY")]);
    assert_eq!(waiting.transition, None);
    let refund = notify_entry(&[
        ("trade_status", "TRADE_SUCCESS"),
        ("refund_fee", "10.00"),
        ("out_biz_no", "R7"),
    ]);
    assert_eq!(refund.transition.as_deref(), Some("REFUND:R7"));
    assert_eq!(refund.refund_fee_fen, Some(1000));
    assert_eq!(refund.out_biz_no.as_deref(), Some("R7"));
    // Refunded without a refund number: Alipay uses the order number in its place.
    let full = notify_entry(&[("trade_status", "TRADE_CLOSED"), ("refund_fee", "88.88")]);
    assert_eq!(full.transition.as_deref(), Some("REFUND:T1"));
}

#[test]
fn a_return_message_is_recorded_and_never_applies_anything() {
    let query = signed(&[
        ("app_id", APP_ID),
        ("method", "alipay.trade.page.pay.return"),
        ("out_trade_no", "T1"),
        ("total_amount", "1.00"),
        ("trade_status", "TRADE_SUCCESS"),
    ]);
    let notification = verifier().verify_return(&query).unwrap();
    let entry = LedgerEntry::for_notification(&notification, query.as_bytes());
    assert_eq!(entry.source, "return");
    assert_eq!(entry.transition, None);
}

#[test]
fn a_legacy_message_without_app_id_is_filed_under_its_seller() {
    let body = signed(&[
        ("notify_id", "N2"),
        ("out_trade_no", "T2"),
        ("seller_id", "2088000000000009"),
        ("trade_status", "TRADE_FINISHED"),
        ("total_fee", "1.00"),
    ]);
    let notification = verifier().verify_notify(&body).unwrap();
    let entry = LedgerEntry::for_notification(&notification, body.as_bytes());
    assert_eq!(entry.app_id, "2088000000000009");
    assert_eq!(entry.transition.as_deref(), Some("PAID"));
}

#[test]
fn the_body_digest_is_of_the_exact_bytes() {
    let entry = notify_entry(&[("trade_status", "TRADE_SUCCESS")]);
    assert_eq!(entry.body_sha256.len(), 64);
    assert!(
        entry
            .body_sha256
            .chars()
            .all(|c| matches!(c, '0'..='9' | 'a'..='f'))
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_rejected_delivery_copies_nothing_of_the_unverified_body() {
    let mut body = signed(&[("out_trade_no", "T1"), ("trade_status", "TRADE_SUCCESS")]);
    body = body.replace("T1", "T9");
    let error = verifier().verify_notify(&body).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidSignature);
    let entry = LedgerEntry::rejected("notify", body.as_bytes(), &error);
    assert_eq!(entry.verdict, "rejected");
    assert_eq!(entry.error_name.as_deref(), Some(error.name()));
    assert_eq!(entry.out_trade_no, None);
    assert_eq!(entry.transition, None);
    assert_eq!(entry.body_sha256, sha256_hex(body.as_bytes()));
    let json: Value = serde_json::from_str(&entry.to_json()).unwrap();
    assert_eq!(json["verdict"], "rejected");
    assert_eq!(json["out_trade_no"], Value::Null);
}

/// `{"<node>":<content>,"sign":"..."}` signed with the test key.
fn answer(node: &str, content: &Value) -> String {
    let text = content.to_string();
    let sign = Signer::rsa(&key_pair().0, SignType::Rsa2, Rule::V2)
        .unwrap()
        .sign_bytes(text.as_bytes())
        .unwrap();
    format!("{{\"{node}\":{text},\"sign\":\"{sign}\"}}")
}

fn query_entry(request: &TradeRequest, node: &str, content: Value) -> LedgerEntry {
    let body = answer(node, &content);
    let result = request.verify_response(&verifier(), &body).unwrap();
    LedgerEntry::for_trade_result(request, &result, body.as_bytes())
}

#[test]
fn a_paid_query_answer_applies_paid_like_the_notification() {
    let request = TradeRequest::query(APP_ID, TradeRef::OutTradeNo("T1".into()));
    let entry = query_entry(
        &request,
        "alipay_trade_query_response",
        json!({"code": "10000", "msg": "Success", "out_trade_no": "T1", "trade_no": "2024A",
               "trade_status": "TRADE_SUCCESS", "total_amount": "88.88"}),
    );
    assert_eq!(entry.source, "query");
    assert_eq!(entry.notify_type.as_deref(), Some("alipay.trade.query"));
    assert_eq!(entry.notify_id, None);
    assert_eq!(entry.app_id, APP_ID);
    assert_eq!(entry.transition.as_deref(), Some("PAID"));
    assert_eq!(entry.total_amount_fen, Some(8888));
    assert_eq!(entry.rule, None);

    let unpaid = query_entry(
        &request,
        "alipay_trade_query_response",
        json!({"code": "10000", "msg": "Success", "out_trade_no": "T1",
               "trade_status": "WAIT_BUYER_PAY", "total_amount": "88.88"}),
    );
    assert_eq!(unpaid.transition, None);
    let missing = query_entry(
        &request,
        "alipay_trade_query_response",
        json!({"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_NOT_EXIST"}),
    );
    assert_eq!(missing.transition, None);
    assert_eq!(missing.out_trade_no.as_deref(), Some("T1"));
}

#[test]
fn close_and_refund_query_answers_apply_closed_and_the_refund() {
    let close = TradeRequest::close(APP_ID, TradeRef::OutTradeNo("T1".into()));
    let closed = query_entry(
        &close,
        "alipay_trade_close_response",
        json!({"code": "10000", "msg": "Success", "out_trade_no": "T1"}),
    );
    assert_eq!(closed.transition.as_deref(), Some("CLOSED"));

    let refund = TradeRequest::refund_query(APP_ID, TradeRef::OutTradeNo("T1".into()), "R1");
    let found = query_entry(
        &refund,
        "alipay_trade_fastpay_refund_query_response",
        json!({"code": "10000", "msg": "Success", "out_trade_no": "T1", "out_request_no": "R1",
               "refund_amount": "5.00", "total_amount": "88.88", "refund_status": "REFUND_SUCCESS"}),
    );
    assert_eq!(found.transition.as_deref(), Some("REFUND:R1"));
    assert_eq!(found.refund_fee_fen, Some(500));
    assert_eq!(found.out_biz_no.as_deref(), Some("R1"));
    // No refund_amount: no such refund was made.
    let none = query_entry(
        &refund,
        "alipay_trade_fastpay_refund_query_response",
        json!({"code": "10000", "msg": "Success", "out_trade_no": "T1"}),
    );
    assert_eq!(none.transition, None);
}
