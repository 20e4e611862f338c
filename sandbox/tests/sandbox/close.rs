//! alipay.trade.close: a waiting trade is closed for good, answered as Alipay answers, read by
//! the core's `TradeRequest::close(...).verify_response`, and notified as TRADE_CLOSED.

use super::common::*;
use alipay_notify::{LedgerEntry, SignType, TradeRef, TradeRequest, TradeStatus};
use alipay_notify_sandbox::Sandbox;
use serde_json::{Value, json};
use std::time::Duration;

async fn close(sandbox: &Sandbox, trade: TradeRef) -> alipay_notify::TradeResult {
    trade_call(sandbox, &TradeRequest::close(APP_ID, trade)).await
}

#[tokio::test]
async fn close_ends_a_waiting_trade_refuses_a_later_pay_and_notifies_trade_closed() {
    let dir = scratch("close");
    let sandbox = start(&dir, 24_000.0, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "C1", &shop.url).await;
    let request = TradeRequest::close(APP_ID, TradeRef::OutTradeNo("C1".into()));
    let result = trade_call(&sandbox, &request).await;
    assert!(result.is_success(), "{result:?}");
    assert_eq!(result.out_trade_no.as_deref(), Some("C1"));
    let trade_no = result
        .trade_no
        .clone()
        .expect("the close answer names trade_no");
    let entry = LedgerEntry::for_trade_result(&request, &result, b"");
    assert_eq!(entry.transition.as_deref(), Some("CLOSED"));

    let closed = trade_query(&sandbox, "C1").await;
    assert_eq!(closed.trade_status, Some(TradeStatus::TradeClosed));
    assert!(!closed.is_paid());
    // A later Pay is refused, and sending the buyer to the checkout again does not reopen it.
    let refused = client()
        .post(format!("{}/api/orders/C1/pay", sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    let page = checkout(&sandbox, "C1", &shop.url).await;
    assert!(!page.contains("id=\"pay\""), "{page}");
    assert!(page.contains("TRADE_CLOSED"));
    assert_eq!(
        trade_query(&sandbox, "C1").await.trade_status,
        Some(TradeStatus::TradeClosed)
    );
    // Closing it again: Alipay closes only a waiting trade.
    let again = close(&sandbox, TradeRef::TradeNo(trade_no.clone())).await;
    assert_eq!(again.sub_code.as_deref(), Some("ACQ.TRADE_STATUS_ERROR"));

    // The TRADE_CLOSED notification: signed like the payment's, no payment fields.
    let order = wait_for(&sandbox, "C1", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    assert_eq!(deliveries(&order).len(), 1, "{order}");
    assert_eq!(deliveries(&order)[0]["verdict"], "acknowledged");
    let body = shop.received.bodies()[0].clone();
    let notification = shop_verifier(&sandbox).verify_notify(&body).unwrap();
    for (name, value) in [
        ("notify_type", Some("trade_status_sync")),
        ("trade_status", Some("TRADE_CLOSED")),
        ("out_trade_no", Some("C1")),
        ("trade_no", Some(trade_no.as_str())),
        ("total_amount", Some("88.00")),
        ("gmt_payment", None),
        ("receipt_amount", None),
        ("refund_fee", None),
    ] {
        assert_eq!(notification.get(name), value, "{name}");
    }
    assert!(notification.get("gmt_close").is_some());
    let entry = LedgerEntry::for_notification(&notification, &body);
    assert_eq!(entry.transition.as_deref(), Some("CLOSED"));
    sandbox.stop().await;
}

#[tokio::test]
async fn close_refuses_a_paid_trade_and_an_unknown_one_as_alipay_does() {
    let dir = scratch("close-refused");
    let sandbox = start(&dir, 24_000.0, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "C2", &shop.url).await;
    pay(&sandbox, "C2", None).await;
    let paid = close(&sandbox, TradeRef::OutTradeNo("C2".into())).await;
    assert_eq!(
        (paid.code.as_str(), paid.sub_code.as_deref()),
        ("40004", Some("ACQ.TRADE_STATUS_ERROR"))
    );
    assert!(trade_query(&sandbox, "C2").await.is_paid(), "still paid");
    let unknown = close(&sandbox, TradeRef::OutTradeNo("NOPE".into())).await;
    assert!(unknown.is_not_found(), "{unknown:?}");

    // The exact answer, as a merchant's SDK sees it: Alipay's node name and fields, signed
    // like the request (RSA here).
    checkout(&sandbox, "C3", &shop.url).await;
    let body = call(
        &sandbox,
        "alipay.trade.close",
        json!({"out_trade_no": "C3"}),
        APP_KEY,
        SignType::Rsa,
    )
    .await;
    assert!(
        body.starts_with("{\"alipay_trade_close_response\":{\"code\":\"10000\""),
        "{body}"
    );
    let response = shop_verifier(&sandbox)
        .verify_response(&body, Some("alipay.trade.close"))
        .unwrap();
    assert_eq!(response.sign_type(), SignType::Rsa);
    let node: Value = response.into_value();
    let mut keys: Vec<_> = node.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(keys, ["code", "msg", "out_trade_no", "trade_no"]);
    sandbox.stop().await;
}
