//! Requests signed with a generated app key; answers shaped as the sandbox and Alipay send them,
//! signed with a generated "Alipay" key.

use super::*;
use crate::keys::PrivateKey;
use std::sync::OnceLock;

const APP_ID: &str = "2021000000000001";
const NOW: &str = "2024-01-02 10:30:00";

struct Keys {
    app: String,
    app_public: String,
    alipay: String,
    alipay_public: String,
}

/// Two 2048-bit key pairs, generated once for the module.
fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let pair = || {
            let key = PrivateKey::generate(2048).unwrap();
            let public = key.public_key().unwrap().to_base64();
            (key.to_pkcs8_pem().unwrap(), public)
        };
        let (app, app_public) = pair();
        let (alipay, alipay_public) = pair();
        Keys {
            app,
            app_public,
            alipay,
            alipay_public,
        }
    })
}

fn verifier() -> Verifier {
    Verifier::builder()
        .public_key(keys().alipay_public.clone())
        .build()
        .unwrap()
}

/// `{"<node>":<node text>,"sign":"..."}` signed as Alipay signs it.
fn answer(node: &str, content: &Value) -> String {
    let text = content.to_string();
    let sign = Signer::rsa(&keys().alipay, SignType::Rsa2, Rule::V2)
        .unwrap()
        .sign_bytes(text.as_bytes())
        .unwrap();
    format!("{{\"{node}\":{text},\"sign\":\"{sign}\"}}")
}

fn by_out(no: &str) -> TradeRef {
    TradeRef::OutTradeNo(no.into())
}

fn paid_node() -> Value {
    json!({
        "code": "10000", "msg": "Success",
        "buyer_logon_id": "tes***@example.com", "buyer_pay_amount": "88.00",
        "buyer_user_id": "2088102177846880", "invoice_amount": "88.00",
        "out_trade_no": "T900", "point_amount": "0.00", "receipt_amount": "88.00",
        "send_pay_date": "2024-01-02 10:21:00", "total_amount": "88.00",
        "trade_no": "2024010222001446880000000001", "trade_status": "TRADE_SUCCESS",
    })
}

#[test]
fn the_form_is_signed_with_rule_v2_over_the_app_parameters() {
    let request = TradeRequest::query(APP_ID, by_out("T900"));
    let form = request.signed_form(&keys().app, NOW).unwrap();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("method"), Some("alipay.trade.query"));
    assert_eq!(get("app_id"), Some(APP_ID));
    assert_eq!(get("sign_type"), Some("RSA2"));
    assert_eq!(get("timestamp"), Some(NOW));
    assert_eq!(get("biz_content"), Some(r#"{"out_trade_no":"T900"}"#));
    // The gateway checks the app's signature with sign_type in the signed content (v2).
    let app_verifier = Verifier::builder()
        .public_key(keys().app_public.clone())
        .rule(Rule::V2)
        .build()
        .unwrap();
    app_verifier.verify_notify(&form).unwrap();
    let v1 = Verifier::builder()
        .public_key(keys().app_public.clone())
        .rule(Rule::V1)
        .build()
        .unwrap();
    assert!(v1.verify_notify(&form).is_err());
}

#[test]
fn the_refund_query_names_its_refund_and_close_its_trade() {
    let request = TradeRequest::refund_query(APP_ID, TradeRef::TradeNo("2024X".into()), "R1");
    let params = request.params(NOW).unwrap();
    let biz = &params.iter().find(|(k, _)| k == "biz_content").unwrap().1;
    assert_eq!(biz, r#"{"out_request_no":"R1","trade_no":"2024X"}"#);
    assert!(params.contains(&("method".into(), "alipay.trade.fastpay.refund.query".into())));
    let close = TradeRequest::close(APP_ID, by_out("T1"))
        .params(NOW)
        .unwrap();
    assert!(close.contains(&("method".into(), "alipay.trade.close".into())));
}

#[test]
fn bad_request_values_are_configuration_errors() {
    let cases = [
        TradeRequest::query(APP_ID, by_out("")).params(NOW),
        TradeRequest::query(APP_ID, by_out(&"9".repeat(65))).params(NOW),
        TradeRequest::query(APP_ID, by_out("T1\r\nX")).params(NOW),
        TradeRequest::query("", by_out("T1")).params(NOW),
        TradeRequest::query(APP_ID, by_out("T1")).params("2024-01-02T10:30:00"),
        TradeRequest::refund_query(APP_ID, by_out("T1"), "").params(NOW),
    ];
    for case in cases {
        let err = case.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{err}");
        assert!(!err.message().contains('\n'), "{err}");
    }
    let err = TradeRequest::query(APP_ID, by_out("T1"))
        .signed_form("not a key", NOW)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
}

#[test]
fn a_paid_trade_reads_into_fen_and_its_status() {
    let request = TradeRequest::query(APP_ID, by_out("T900"));
    let body = answer("alipay_trade_query_response", &paid_node());
    let result = request.verify_response(&verifier(), &body).unwrap();
    assert!(result.is_success() && result.is_paid() && !result.is_not_found());
    assert_eq!(result.trade_status, Some(TradeStatus::TradeSuccess));
    assert_eq!(result.total_amount, Some(Amount::from_fen(8800)));
    assert_eq!(result.receipt_amount, Some(Amount::from_fen(8800)));
    assert_eq!(result.buyer_pay_amount, Some(Amount::from_fen(8800)));
    assert_eq!(result.refund_amount, None);
    assert_eq!(
        result.trade_no.as_deref(),
        Some("2024010222001446880000000001")
    );
    assert_eq!(result.buyer_user_id.as_deref(), Some("2088102177846880"));
    assert_eq!(result.send_pay_date.as_deref(), Some("2024-01-02 10:21:00"));
    assert_eq!(result.sign_type, SignType::Rsa2);
    assert!(!result.key_fingerprint.is_empty());
}

#[test]
fn an_unpaid_trade_is_found_but_not_paid() {
    let mut node = paid_node();
    node["trade_status"] = json!("WAIT_BUYER_PAY");
    node["receipt_amount"] = json!("0.00");
    let body = answer("alipay_trade_query_response", &node);
    let result = TradeRequest::query(APP_ID, by_out("T900"))
        .verify_response(&verifier(), &body)
        .unwrap();
    assert!(result.is_success() && !result.is_paid());
    assert_eq!(result.receipt_amount, Some(Amount::from_fen(0)));
}

#[test]
fn an_unknown_trade_is_a_verified_business_failure() {
    let node = json!({"code": "40004", "msg": "Business Failed",
        "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"});
    let body = answer("alipay_trade_query_response", &node);
    let result = TradeRequest::query(APP_ID, by_out("NOPE"))
        .verify_response(&verifier(), &body)
        .unwrap();
    assert!(!result.is_success() && result.is_not_found() && !result.is_paid());
    assert_eq!(result.sub_msg.as_deref(), Some("交易不存在"));
    assert_eq!(result.trade_status, None);
}

#[test]
fn an_answer_about_another_trade_is_refused() {
    let body = answer("alipay_trade_query_response", &paid_node());
    let err = TradeRequest::query(APP_ID, by_out("T901"))
        .verify_response(&verifier(), &body)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OrderMismatch);
    let by_trade_no = TradeRequest::query(APP_ID, TradeRef::TradeNo("2024OTHER".into()));
    let err = by_trade_no.verify_response(&verifier(), &body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OrderMismatch);
    // A successful query answer that names no trade cannot say this one is paid.
    let mut node = paid_node();
    node.as_object_mut().unwrap().remove("out_trade_no");
    let body = answer("alipay_trade_query_response", &node);
    let err = TradeRequest::query(APP_ID, by_out("T900"))
        .verify_response(&verifier(), &body)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OrderMismatch);
    assert!(err.message().contains("no out_trade_no"), "{err}");
}

#[test]
fn a_tampered_or_misdirected_answer_is_refused() {
    let body = answer("alipay_trade_query_response", &paid_node());
    let tampered = body.replace("\"88.00\"", "\"8800.00\"");
    let request = TradeRequest::query(APP_ID, by_out("T900"));
    let err = request.verify_response(&verifier(), &tampered).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    let close = TradeRequest::close(APP_ID, by_out("T900"));
    let err = close.verify_response(&verifier(), &body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MethodMismatch);
}

#[test]
fn a_signed_amount_that_is_not_yuan_is_invalid_amount() {
    let mut node = paid_node();
    node["total_amount"] = json!("88.001");
    let body = answer("alipay_trade_query_response", &node);
    let err = TradeRequest::query(APP_ID, by_out("T900"))
        .verify_response(&verifier(), &body)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidAmount);
}

#[test]
fn a_refund_query_reads_the_refund() {
    let node = json!({"code": "10000", "msg": "Success", "out_request_no": "R1",
        "out_trade_no": "T900", "refund_amount": "10.00", "refund_status": "REFUND_SUCCESS",
        "total_amount": "88.00", "trade_no": "2024010222001446880000000001"});
    let body = answer("alipay_trade_fastpay_refund_query_response", &node);
    let request = TradeRequest::refund_query(APP_ID, by_out("T900"), "R1");
    let result = request.verify_response(&verifier(), &body).unwrap();
    assert_eq!(result.method, TradeMethod::RefundQuery);
    assert_eq!(result.refund_amount, Some(Amount::from_fen(1000)));
    assert_eq!(result.refund_status.as_deref(), Some("REFUND_SUCCESS"));
    assert_eq!(result.out_request_no.as_deref(), Some("R1"));
    let other_refund = TradeRequest::refund_query(APP_ID, by_out("T900"), "R2");
    let err = other_refund
        .verify_response(&verifier(), &body)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OrderMismatch);
}
