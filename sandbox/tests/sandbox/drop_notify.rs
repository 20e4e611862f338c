//! The dropped-notify fault (服务端掉单): the trade is paid and the query says so, but the
//! merchant's notify_url never receives anything, not even after a restart or a refund.

use super::common::*;
use alipay_notify::{SignType, TradeRef, TradeRequest, TradeStatus};
use alipay_notify_sandbox::{Faults, Sandbox};
use serde_json::json;
use std::time::Duration;

const FAST: f64 = 24_000.0;

async fn query(sandbox: &Sandbox, no: &str) -> alipay_notify::TradeResult {
    let request = TradeRequest::query(APP_ID, TradeRef::OutTradeNo(no.into()));
    trade_call(sandbox, &request).await
}

#[tokio::test]
async fn a_dropped_notification_is_never_sent_but_the_query_says_paid() {
    let dir = scratch("drop-notify");
    let sandbox = start(&dir, FAST, true).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "D1", &shop.url).await;
    let paid = pay(&sandbox, "D1", Some(json!({"drop_notify": true}))).await;
    assert!(paid["return_url"].is_string(), "the buyer still comes back");
    let result = query(&sandbox, "D1").await;
    assert!(result.is_paid(), "{result:?}");
    assert_eq!(result.trade_status, Some(TradeStatus::TradeSuccess));

    // A refund of such an order is not notified either: no notification of it is ever sent.
    let body = call(
        &sandbox,
        "alipay.trade.refund",
        json!({"out_trade_no": "D1", "refund_amount": "1.00", "out_request_no": "R1"}),
        APP_KEY,
        SignType::Rsa2,
    )
    .await;
    assert!(body.contains("\"fund_change\":\"Y\""), "{body}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    let order = order(&sandbox, "D1").await;
    assert_eq!(order["status"], "TRADE_SUCCESS");
    assert_eq!(order["faults"]["drop_notify"], true);
    assert_eq!(order["notify_dropped"], true);
    assert!(deliveries(&order).is_empty(), "{order}");
    let (_, page) = get(&sandbox, "/").await;
    assert!(page.contains("No notification was sent (fault drop_notify)"));

    // None scheduled: a restart has nothing to resume.
    sandbox.stop().await;
    let sandbox = start(&dir, FAST, true).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        shop.received.len(),
        0,
        "the notify_url never received anything"
    );
    assert!(query(&sandbox, "D1").await.is_paid());

    // An order without the fault, in the same sandbox, is still notified.
    checkout(&sandbox, "D2", &shop.url).await;
    pay(&sandbox, "D2", None).await;
    let order = wait_for(&sandbox, "D2", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    assert_eq!(order["notify_dropped"], false);
    assert_eq!(shop.received.len(), 1);
    sandbox.stop().await;
}

#[tokio::test]
async fn dropped_notify_and_return_leave_only_reconciliation() {
    let dir = scratch("drop-both");
    let defaults = Faults {
        drop_notify: true,
        ..Faults::default()
    };
    let sandbox = start_with(&dir, FAST, false, defaults).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    // --fault drop-notify: the checkout page's box starts ticked, and Pay without a body uses it.
    let page = checkout(&sandbox, "D3", &shop.url).await;
    assert!(
        page.contains("name=\"drop_notify\" value=\"1\" checked"),
        "{page}"
    );
    let paid = pay(&sandbox, "D3", None).await;
    assert!(paid["return_url"].is_string());

    // Both from the checkout page's boxes: no redirect, no notification, a page that says so.
    checkout(&sandbox, "D4", &shop.url).await;
    let response = pay_button(&sandbox, "D4", "drop_return=1&drop_notify=1&notify=normal").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(
        text.contains("only reconciliation (a query) finds"),
        "{text}"
    );

    tokio::time::sleep(Duration::from_millis(800)).await;
    for no in ["D3", "D4"] {
        assert!(query(&sandbox, no).await.is_paid(), "{no}");
        let order = order(&sandbox, no).await;
        assert_eq!(order["notify_dropped"], true, "{no}");
        assert!(deliveries(&order).is_empty(), "{no}");
    }
    assert_eq!(order(&sandbox, "D4").await["faults"]["drop_return"], true);
    assert_eq!(shop.received.len(), 0);
    sandbox.stop().await;
}
