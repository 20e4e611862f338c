//! Step 5: the faults to rehearse (per order from the checkout page or the Pay API, or for
//! every order from the sandbox's flags), and the dashboard.

use super::common::*;
use alipay_notify::{ErrorKind, SignType, Verifier};
use alipay_notify_sandbox::{Faults, NotifyTiming, Sandbox};
use serde_json::json;
use std::time::Duration;

const FAST: f64 = 24_000.0;

fn field(body: &[u8], name: &str) -> String {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

async fn paid_order(
    sandbox: &Sandbox,
    no: &str,
    shop: &Merchant,
    faults: serde_json::Value,
) -> serde_json::Value {
    checkout(sandbox, no, &shop.url).await;
    pay(sandbox, no, Some(faults)).await
}

#[tokio::test]
async fn a_duplicate_delivery_repeats_the_acknowledged_notification() {
    let dir = scratch("duplicate");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    paid_order(&sandbox, "F1", &shop, json!({"duplicate": true})).await;
    let order = wait_for(&sandbox, "F1", Duration::from_secs(10), |o| {
        deliveries(o).len() >= 2
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(shop.received.len(), 2, "exactly one duplicate");
    assert!(
        deliveries(&order)
            .iter()
            .all(|d| d["verdict"] == "acknowledged")
    );
    assert_eq!(order["faults"]["duplicate"], true);
    let bodies = shop.received.bodies();
    assert_eq!(
        field(&bodies[0], "notify_id"),
        field(&bodies[1], "notify_id")
    );
    sandbox.stop().await;
}

#[tokio::test]
async fn the_notification_can_come_before_or_long_after_the_return() {
    let dir = scratch("timing");
    // Late: 10 minutes become 1 second.
    let sandbox = start(&dir, 600.0, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    paid_order(&sandbox, "F2", &shop, json!({"notify": "early"})).await;
    assert_eq!(
        deliveries(&order(&sandbox, "F2").await).len(),
        1,
        "delivered before Pay answered"
    );

    let paid = paid_order(&sandbox, "F3", &shop, json!({"notify": "late"})).await;
    assert!(paid["return_url"].is_string());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        deliveries(&order(&sandbox, "F3").await).is_empty(),
        "not yet"
    );
    let order = wait_for(&sandbox, "F3", Duration::from_secs(5), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    assert_eq!(deliveries(&order)[0]["verdict"], "acknowledged");
    sandbox.stop().await;
}

#[tokio::test]
async fn a_dropped_return_leaves_only_the_notification() {
    let dir = scratch("drop");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    let paid = paid_order(&sandbox, "F4", &shop, json!({"drop_return": true})).await;
    assert!(paid["return_url"].is_null());
    let order = wait_for(&sandbox, "F4", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    assert_eq!(order["status"], "TRADE_SUCCESS");

    // The Pay button with the same choice: no redirect, a page that says why.
    checkout(&sandbox, "F5", &shop.url).await;
    let response = pay_button(&sandbox, "F5", "drop_return=1&notify=normal").await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("掉单"));
    sandbox.stop().await;
}

#[tokio::test]
async fn gbk_and_rsa_faults_sign_as_alipay_would_in_that_charset_and_type() {
    let dir = scratch("gbk-rsa");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    // Both from the checkout form, as a merchant clicks them.
    checkout(&sandbox, "F6", &shop.url).await;
    let response = pay_button(&sandbox, "F6", "charset=GBK&sign_type=RSA&notify=normal").await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    wait_for(&sandbox, "F6", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    let (content_type, body, _) = shop.received.0.lock().unwrap()[0].clone();
    assert_eq!(
        content_type,
        "application/x-www-form-urlencoded; charset=GBK"
    );
    assert_eq!(field(&body, "charset"), "GBK");
    assert_eq!(field(&body, "sign_type"), "RSA");

    // A shop that allows RSA verifies both; the subject is read in GBK.
    let notification = shop_verifier(&sandbox).verify_notify(&body).unwrap();
    assert_eq!(notification.get("subject"), Some("测试商品 Test item"));
    shop_verifier(&sandbox).verify_return(&location).unwrap();
    // A shop that allows RSA2 only refuses them: the fault shows that configuration.
    let rsa2_only = Verifier::builder()
        .public_key(sandbox.alipay_public_key())
        .sign_types([SignType::Rsa2])
        .build()
        .unwrap();
    let err = rsa2_only.verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignTypeNotAllowed);
    let order = order(&sandbox, "F6").await;
    assert_eq!(order["faults"]["charset"], "GBK");
    assert_eq!(order["faults"]["sign_type"], "RSA");
    sandbox.stop().await;
}

#[tokio::test]
async fn the_sandboxs_default_faults_apply_unless_pay_chooses_others() {
    let dir = scratch("defaults");
    let defaults = Faults {
        duplicate: true,
        notify: NotifyTiming::Early,
        ..Faults::default()
    };
    let sandbox = start_with(&dir, FAST, false, defaults).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    let page = checkout(&sandbox, "F7", &shop.url).await;
    assert!(
        page.contains("name=\"duplicate\" value=\"1\" checked"),
        "{page}"
    );
    assert!(page.contains("<option value=\"early\" selected>"));
    pay(&sandbox, "F7", None).await;
    let order = wait_for(&sandbox, "F7", Duration::from_secs(10), |o| {
        deliveries(o).len() >= 2
    })
    .await;
    assert_eq!(order["faults"]["duplicate"], true);
    assert_eq!(order["faults"]["notify"], "early");
    paid_order(&sandbox, "F8", &shop, json!({})).await;
    assert_eq!(
        order_faults(&sandbox, "F8").await,
        json!({"duplicate": false, "notify": "normal", "drop_return": false, "drop_notify": false, "charset": null, "sign_type": null})
    );
    let bad = client()
        .post(format!("{}/api/orders/F9/pay", sandbox.url()))
        .body("{\"duplicat\": true}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        bad.status(),
        400,
        "an unknown fault is refused, not ignored"
    );
    sandbox.stop().await;
}

async fn order_faults(sandbox: &Sandbox, no: &str) -> serde_json::Value {
    order(sandbox, no).await["faults"].clone()
}

#[tokio::test]
async fn the_dashboard_lists_orders_and_attempts_and_refreshes() {
    let dir = scratch("dashboard");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "<b>success</b>"), reply(200, "success")]).await;
    paid_order(&sandbox, "F10", &shop, json!({})).await;
    wait_for(&sandbox, "F10", Duration::from_secs(10), |o| {
        deliveries(o).len() >= 2
    })
    .await;
    let (status, page) = get(&sandbox, "/").await;
    assert_eq!(status, 200);
    for text in [
        "F10",
        "near_miss",
        "acknowledged",
        "&lt;b&gt;success&lt;/b&gt;",
        "http-equiv=\"refresh\"",
    ] {
        assert!(page.contains(text), "{text}");
    }
    let (status, json) = get(&sandbox, "/api/orders").await;
    assert_eq!(status, 200);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["orders"][0]["out_trade_no"], "F10");
    assert_eq!(
        value["orders"][0]["deliveries"].as_array().unwrap().len(),
        2
    );
    sandbox.stop().await;
}
