//! Step 4: alipay.trade.query and alipay.trade.refund answered as Alipay signs them, the refund
//! notification, and the legacy notify_verify service.

use super::common::*;
use alipay_notify::SignType;
use alipay_notify_sandbox::Sandbox;
use serde_json::{Value, json};
use std::time::Duration;

/// The response node, after checking the signature the way a shop's SDK does.
fn verified(sandbox: &Sandbox, body: &str, method: &str, sign_type: SignType) -> Value {
    let response = shop_verifier(sandbox)
        .verify_response(body, Some(method))
        .unwrap_or_else(|e| panic!("{}: {} in {body}", e.name(), e.message()));
    assert_eq!(response.sign_type(), sign_type);
    response.into_value()
}

#[tokio::test]
async fn query_answers_a_signed_alipay_trade_query_response() {
    let dir = scratch("query");
    let sandbox = start(&dir, 24_000.0, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "T900", &shop.url).await;
    let query = |biz: Value, key: &'static str, sign_type: SignType| {
        let sandbox = &sandbox;
        async move { call(sandbox, "alipay.trade.query", biz, key, sign_type).await }
    };
    let body = query(json!({"out_trade_no": "T900"}), APP_KEY, SignType::Rsa2).await;
    assert!(
        body.starts_with("{\"alipay_trade_query_response\":{"),
        "{body}"
    );
    let node = verified(&sandbox, &body, "alipay.trade.query", SignType::Rsa2);
    assert_eq!(node["code"], "10000");
    assert_eq!(node["trade_status"], "WAIT_BUYER_PAY");

    let paid = pay(&sandbox, "T900", None).await;
    let trade_no = paid["trade_no"].as_str().unwrap();
    // By trade_no, signed with RSA (SHA1): answered in kind.
    let body = query(json!({"trade_no": trade_no}), APP_KEY, SignType::Rsa).await;
    let node = verified(&sandbox, &body, "alipay.trade.query", SignType::Rsa);
    assert_eq!(node["trade_status"], "TRADE_SUCCESS");
    assert_eq!(node["out_trade_no"], "T900");
    assert_eq!(node["total_amount"], "88.00");
    assert_eq!(node["buyer_pay_amount"], "88.00");
    assert!(node["send_pay_date"].is_string());

    let body = query(json!({"out_trade_no": "NOPE"}), APP_KEY, SignType::Rsa2).await;
    let node = verified(&sandbox, &body, "alipay.trade.query", SignType::Rsa2);
    assert_eq!(
        (node["code"].as_str(), node["sub_code"].as_str()),
        (Some("40004"), Some("ACQ.TRADE_NOT_EXIST"))
    );

    // Signed with another key: Alipay's invalid-signature answer, itself signed.
    let body = query(json!({"out_trade_no": "T900"}), OTHER_KEY, SignType::Rsa2).await;
    let node = verified(&sandbox, &body, "alipay.trade.query", SignType::Rsa2);
    assert_eq!(node["code"], "40002");
    assert_eq!(node["sub_code"], "isv.invalid-signature");
    assert!(node.get("trade_status").is_none());

    let body = call(
        &sandbox,
        "alipay.trade.nope",
        json!({}),
        APP_KEY,
        SignType::Rsa2,
    )
    .await;
    assert!(body.starts_with("{\"error_response\":{"), "{body}");
    sandbox.stop().await;
}

#[tokio::test]
async fn refund_answers_signed_then_notifies_and_never_refunds_twice() {
    let dir = scratch("refund");
    let sandbox = start(&dir, 24_000.0, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "T1000", &shop.url).await;
    let refund = |biz: Value| {
        let sandbox = &sandbox;
        async move {
            let body = call(sandbox, "alipay.trade.refund", biz, APP_KEY, SignType::Rsa2).await;
            verified(sandbox, &body, "alipay.trade.refund", SignType::Rsa2)
        }
    };
    // Not paid yet.
    let node = refund(json!({"out_trade_no": "T1000", "refund_amount": "1.00"})).await;
    assert_eq!(node["sub_code"], "ACQ.TRADE_STATUS_ERROR");

    pay(&sandbox, "T1000", None).await;
    wait_for(&sandbox, "T1000", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    let partial =
        json!({"out_trade_no": "T1000", "refund_amount": "10.00", "out_request_no": "R1"});
    let node = refund(partial.clone()).await;
    assert_eq!(node["code"], "10000");
    assert_eq!(node["fund_change"], "Y");
    assert_eq!(node["refund_fee"], "10.00");
    // The same out_request_no again: answered, nothing more refunded.
    let node = refund(partial).await;
    assert_eq!(
        (node["fund_change"].as_str(), node["refund_fee"].as_str()),
        (Some("N"), Some("10.00"))
    );
    let node =
        refund(json!({"out_trade_no": "T1000", "refund_amount": "78.01", "out_request_no": "R2"}))
            .await;
    assert_eq!(node["sub_code"], "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    let node =
        refund(json!({"out_trade_no": "T1000", "refund_amount": "78.00", "out_request_no": "R3"}))
            .await;
    assert_eq!(node["refund_fee"], "88.00");

    let order = wait_for(&sandbox, "T1000", Duration::from_secs(10), |o| {
        deliveries(o).len() >= 3
    })
    .await;
    assert_eq!(order["status"], "TRADE_CLOSED");
    assert_eq!(order["refund_amount"], "88.00");
    assert_eq!(
        deliveries(&order).len(),
        3,
        "one payment and two refund notifications"
    );
    let verifier = shop_verifier(&sandbox);
    let bodies = shop.received.bodies();
    let refunds: Vec<_> = bodies[1..]
        .iter()
        .map(|body| verifier.verify_notify(body).unwrap())
        .collect();
    let fields = |n: &alipay_notify::Notification| {
        (
            n.get("trade_status").map(String::from),
            n.get("refund_fee").map(String::from),
            n.get("out_biz_no").map(String::from),
        )
    };
    assert_eq!(
        fields(&refunds[0]),
        (
            Some("TRADE_SUCCESS".into()),
            Some("10.00".into()),
            Some("R1".into())
        )
    );
    assert_eq!(
        fields(&refunds[1]),
        (
            Some("TRADE_CLOSED".into()),
            Some("88.00".into()),
            Some("R3".into())
        )
    );
    assert!(refunds[0].get("gmt_refund").is_some());
    assert_ne!(refunds[0].get("notify_id"), refunds[1].get("notify_id"));
    sandbox.stop().await;
}

#[tokio::test]
async fn notify_verify_answers_true_once_per_notify_id() {
    let dir = scratch("notify-verify");
    let sandbox = start(&dir, 24_000.0, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "T1100", &shop.url).await;
    pay(&sandbox, "T1100", None).await;
    wait_for(&sandbox, "T1100", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    let body = shop.received.bodies()[0].clone();
    let notify_id = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "notify_id")
        .unwrap()
        .1
        .into_owned();
    let ask = |id: String| {
        let sandbox = &sandbox;
        async move {
            get(
                sandbox,
                &format!(
                    "/gateway.do?service=notify_verify&partner=2088000000000000&notify_id={id}"
                ),
            )
            .await
        }
    };
    assert_eq!(ask(notify_id.clone()).await, (200, "true".to_string()));
    assert_eq!(ask(notify_id).await, (200, "false".to_string()));
    assert_eq!(
        ask("2024010200222102030000000000000001".into()).await,
        (200, "false".to_string())
    );
    sandbox.stop().await;
}

/// The core's reconciliation request, POSTed as a binding does, for a paid, an unpaid and an
/// unknown order: the typed result says which.
#[tokio::test]
async fn the_core_reconciliation_query_reads_paid_unpaid_and_unknown_orders() {
    use alipay_notify::{Amount, TradeRef, TradeRequest, TradeResult, TradeStatus};
    let dir = scratch("reconcile");
    let sandbox = start(&dir, 24_000.0, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "T1200", &shop.url).await;
    checkout(&sandbox, "T1201", &shop.url).await;
    let paid = pay(&sandbox, "T1200", None).await;
    let query = |trade: TradeRef| {
        let sandbox = &sandbox;
        async move { trade_call(sandbox, &TradeRequest::query(APP_ID, trade)).await }
    };
    let result: TradeResult = query(TradeRef::OutTradeNo("T1200".into())).await;
    assert!(result.is_paid(), "{result:?}");
    assert_eq!(result.trade_status, Some(TradeStatus::TradeSuccess));
    assert_eq!(result.total_amount, Some(Amount::from_fen(8800)));
    assert_eq!(result.receipt_amount, Some(Amount::from_fen(8800)));
    assert_eq!(result.trade_no.as_deref(), paid["trade_no"].as_str());

    let by_trade_no = query(TradeRef::TradeNo(result.trade_no.clone().unwrap())).await;
    assert_eq!(by_trade_no.out_trade_no.as_deref(), Some("T1200"));

    let unpaid = query(TradeRef::OutTradeNo("T1201".into())).await;
    assert!(unpaid.is_success() && !unpaid.is_paid());
    assert_eq!(unpaid.trade_status, Some(TradeStatus::WaitBuyerPay));
    assert_eq!(unpaid.receipt_amount, Some(Amount::from_fen(0)));

    let unknown = query(TradeRef::OutTradeNo("NOPE".into())).await;
    assert!(unknown.is_not_found() && !unknown.is_success());
    assert_eq!(unknown.trade_status, None);
    sandbox.stop().await;
}
