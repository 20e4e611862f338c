//! alipay.trade.fastpay.refund.query: a refund that was made, one that was not, an unknown
//! trade; read by the core's `TradeRequest::refund_query(...).verify_response`.

use super::common::*;
use alipay_notify::{Amount, LedgerEntry, SignType, TradeRef, TradeRequest};
use serde_json::json;

#[tokio::test]
async fn refund_query_finds_made_refunds_and_answers_success_without_amount_otherwise() {
    let dir = scratch("refund-query");
    let sandbox = start(&dir, 24_000.0, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "Q1", &shop.url).await;
    let paid = pay(&sandbox, "Q1", None).await;
    let trade_no = paid["trade_no"].as_str().unwrap().to_string();
    let refund = |biz: serde_json::Value| {
        let sandbox = &sandbox;
        async move { call(sandbox, "alipay.trade.refund", biz, APP_KEY, SignType::Rsa2).await }
    };
    refund(json!({"out_trade_no": "Q1", "refund_amount": "10.00", "out_request_no": "R1"})).await;
    // Without out_request_no, Alipay files the refund under the out_trade_no.
    refund(json!({"trade_no": trade_no, "refund_amount": "5.00"})).await;

    let ask = |trade: TradeRef, no: &'static str| {
        let sandbox = &sandbox;
        async move {
            let request = TradeRequest::refund_query(APP_ID, trade, no);
            let result = trade_call(sandbox, &request).await;
            let entry = LedgerEntry::for_trade_result(&request, &result, b"");
            (result, entry.transition)
        }
    };
    let (made, transition) = ask(TradeRef::OutTradeNo("Q1".into()), "R1").await;
    assert!(made.is_success(), "{made:?}");
    assert_eq!(made.refund_amount, Some(Amount::from_fen(1000)));
    assert_eq!(made.total_amount, Some(Amount::from_fen(8800)));
    assert_eq!(made.refund_status.as_deref(), Some("REFUND_SUCCESS"));
    assert_eq!(made.out_request_no.as_deref(), Some("R1"));
    assert_eq!(made.trade_no.as_deref(), Some(trade_no.as_str()));
    assert_eq!(transition.as_deref(), Some("REFUND:R1"));

    let (by_trade_no, transition) = ask(TradeRef::TradeNo(trade_no.clone()), "Q1").await;
    assert_eq!(by_trade_no.refund_amount, Some(Amount::from_fen(500)));
    assert_eq!(transition.as_deref(), Some("REFUND:Q1"));

    // A refund Alipay never received: code 10000, no refund_amount, nothing to apply.
    let (unknown, transition) = ask(TradeRef::OutTradeNo("Q1".into()), "R9").await;
    assert!(unknown.is_success(), "{unknown:?}");
    assert_eq!((unknown.refund_amount, unknown.refund_status), (None, None));
    assert_eq!(transition, None);

    let (no_trade, transition) = ask(TradeRef::OutTradeNo("NOPE".into()), "R1").await;
    assert!(no_trade.is_not_found(), "{no_trade:?}");
    assert_eq!(transition, None);

    // The exact answer: Alipay's node name; a request without out_request_no is refused.
    let body = call(
        &sandbox,
        "alipay.trade.fastpay.refund.query",
        json!({"out_trade_no": "Q1", "out_request_no": "R1"}),
        APP_KEY,
        SignType::Rsa2,
    )
    .await;
    assert!(
        body.starts_with("{\"alipay_trade_fastpay_refund_query_response\":{\"code\":\"10000\""),
        "{body}"
    );
    let body = call(
        &sandbox,
        "alipay.trade.fastpay.refund.query",
        json!({"out_trade_no": "Q1"}),
        APP_KEY,
        SignType::Rsa2,
    )
    .await;
    let node = shop_verifier(&sandbox)
        .verify_response(&body, Some("alipay.trade.fastpay.refund.query"))
        .unwrap()
        .into_value();
    assert_eq!(node["sub_code"], "isv.missing-parameter");
    sandbox.stop().await;
}
