//! Step 3: Pay, the signed return URL, the notification and its retries.

use super::common::*;
use std::time::Duration;

/// 4 minutes become 10 ms, 15 hours 2.25 s: the whole schedule in under 4 seconds.
const FAST: f64 = 24_000.0;

fn form_value(body: &[u8], name: &str) -> String {
    form_urlencoded::parse(body)
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn pay_returns_a_signed_return_url_then_notifies_until_exactly_success() {
    let dir = scratch("pay");
    let sandbox = start(&dir, FAST, true).await;
    let shop = merchant(vec![
        Reply {
            status: 302,
            location: Some("/login"),
            body: "",
        },
        reply(200, "<html><body>success</body></html>"),
        reply(500, "success"),
        reply(200, "success\n"),
        reply(200, "SUCCESS"),
        reply(200, "fail"),
        reply(200, "success"),
    ])
    .await;
    checkout(&sandbox, "T400", &shop.url).await;
    let paid = pay(&sandbox, "T400", None).await;
    assert_eq!(paid["out_trade_no"], "T400");
    let trade_no = paid["trade_no"].as_str().unwrap().to_string();

    let verifier = shop_verifier(&sandbox);
    let return_url = paid["return_url"].as_str().unwrap();
    assert!(return_url.starts_with(&format!("{}/alipay/return?", shop.url)));
    let back = verifier.verify_return(return_url).unwrap();
    assert_eq!(back.get("out_trade_no"), Some("T400"));
    assert_eq!(back.get("trade_no"), Some(trade_no.as_str()));
    assert_eq!(back.get("total_amount"), Some("88.00"));
    assert_eq!(back.get("method"), Some("alipay.trade.page.pay.return"));
    assert_eq!(back.get("app_id"), Some(APP_ID));
    assert_eq!(back.get("trade_status"), None);

    let order = wait_for(&sandbox, "T400", Duration::from_secs(20), |o| {
        deliveries(o).len() >= 7
    })
    .await;
    let verdicts: Vec<&str> = deliveries(&order)
        .iter()
        .map(|d| d["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        [
            "near_miss",
            "near_miss",
            "near_miss",
            "near_miss",
            "near_miss",
            "failed",
            "acknowledged"
        ]
    );
    let first = &deliveries(&order)[0];
    assert_eq!(first["attempt"], 1);
    assert_eq!(first["http_status"], 302);
    assert_eq!(deliveries(&order)[2]["reply"], "success");
    assert_eq!(deliveries(&order)[6]["attempt"], 7);
    assert!(first["at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(order["status"], "TRADE_SUCCESS");
    assert_eq!(order["total_amount"], "88.00");
    assert_eq!(order["trade_no"], trade_no.as_str());

    // Acknowledged: no 8th try.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(shop.received.len(), 7);
    let bodies = shop.received.bodies();
    let notify_id = form_value(&bodies[0], "notify_id");
    for body in &bodies {
        let notification = verifier.verify_notify(body).unwrap();
        assert_eq!(notification.get("notify_type"), Some("trade_status_sync"));
        assert_eq!(notification.get("trade_status"), Some("TRADE_SUCCESS"));
        assert_eq!(notification.get("out_trade_no"), Some("T400"));
        assert_eq!(notification.get("trade_no"), Some(trade_no.as_str()));
        assert_eq!(notification.get("notify_id"), Some(notify_id.as_str()));
        for field in [
            "gmt_create",
            "gmt_payment",
            "notify_time",
            "buyer_id",
            "seller_id",
            "app_id",
            "auth_app_id",
            "receipt_amount",
            "buyer_pay_amount",
            "invoice_amount",
            "fund_bill_list",
            "charset",
            "version",
            "subject",
        ] {
            assert!(notification.get(field).is_some(), "{field}");
        }
        assert_eq!(form_value(body, "sign_type"), "RSA2");
    }
    let content_type = shop.received.0.lock().unwrap()[0].0.clone();
    assert_eq!(
        content_type,
        "application/x-www-form-urlencoded; charset=utf-8"
    );

    // Paid once: a second Pay is refused.
    let again = client()
        .post(format!("{}/api/orders/T400/pay", sandbox.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
    sandbox.stop().await;
}

#[tokio::test]
async fn retries_follow_alipays_schedule_and_stop_after_eight_tries() {
    let dir = scratch("schedule");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "fail")]).await;
    checkout(&sandbox, "T500", &shop.url).await;
    pay(&sandbox, "T500", None).await;
    let order = wait_for(&sandbox, "T500", Duration::from_secs(20), |o| {
        deliveries(o).len() >= 8
    })
    .await;
    assert_eq!(deliveries(&order).len(), 8);
    assert!(deliveries(&order).iter().all(|d| d["verdict"] == "failed"));
    let times: Vec<_> = shop
        .received
        .0
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.2)
        .collect();
    for (i, wait) in alipay_notify_sandbox::SCHEDULE.iter().enumerate() {
        let expected = wait.div_f64(FAST);
        let gap = times[i + 1] - times[i];
        // Never early; late by at most a scheduling hiccup.
        assert!(
            gap + Duration::from_millis(2) >= expected
                && gap < expected + Duration::from_millis(400),
            "gap {i}: {gap:?}, expected {expected:?}"
        );
    }
    tokio::time::sleep(Duration::from_millis(3000)).await;
    assert_eq!(shop.received.len(), 8, "no 9th try");
    sandbox.stop().await;
}

#[tokio::test]
async fn pending_retries_survive_a_restart() {
    let dir = scratch("restart");
    // 4 minutes become 1 second.
    let sandbox = start(&dir, 240.0, false).await;
    let shop = merchant(vec![reply(503, "busy"), reply(200, "success")]).await;
    checkout(&sandbox, "T600", &shop.url).await;
    pay(&sandbox, "T600", None).await;
    wait_for(&sandbox, "T600", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    let key = sandbox.alipay_public_key().to_string();
    sandbox.stop().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(shop.received.len(), 1, "a stopped sandbox does not deliver");

    let sandbox = start(&dir, 240.0, false).await;
    assert_eq!(sandbox.alipay_public_key(), key);
    let order = wait_for(&sandbox, "T600", Duration::from_secs(10), |o| {
        deliveries(o).len() >= 2
    })
    .await;
    let verdicts: Vec<_> = deliveries(&order)
        .iter()
        .map(|d| d["verdict"].clone())
        .collect();
    assert_eq!(verdicts, ["failed", "acknowledged"]);
    assert_eq!(deliveries(&order)[0]["http_status"], 503);
    assert_eq!(order["status"], "TRADE_SUCCESS");
    let bodies = shop.received.bodies();
    assert_eq!(bodies[0], bodies[1], "the retry is the same notification");
    sandbox.stop().await;
}

#[tokio::test]
async fn an_unreachable_notify_url_is_a_failed_delivery_and_unknown_orders_are_404() {
    let dir = scratch("unreachable");
    let sandbox = start(&dir, FAST, false).await;
    // Port 9 (discard) on 127.0.0.1: nothing listens there.
    checkout(&sandbox, "T700", "http://127.0.0.1:9").await;
    pay(&sandbox, "T700", None).await;
    let order = wait_for(&sandbox, "T700", Duration::from_secs(10), |o| {
        !deliveries(o).is_empty()
    })
    .await;
    let first = &deliveries(&order)[0];
    assert_eq!(first["verdict"], "failed");
    assert_eq!(first["http_status"], serde_json::Value::Null);
    assert!(first["reply"].as_str().unwrap().starts_with("no answer"));
    for path in ["/api/orders/NOPE", "/api/orders/NOPE/pay"] {
        let request = if path.ends_with("pay") {
            client().post(format!("{}{path}", sandbox.url()))
        } else {
            client().get(format!("{}{path}", sandbox.url()))
        };
        assert_eq!(request.send().await.unwrap().status(), 404, "{path}");
    }
    sandbox.stop().await;
}

#[tokio::test]
async fn the_pay_button_redirects_the_browser_to_the_signed_return_url() {
    let dir = scratch("button");
    let sandbox = start(&dir, FAST, false).await;
    let shop = merchant(vec![reply(200, "success")]).await;
    checkout(&sandbox, "T800", &shop.url).await;
    let response = pay_button(&sandbox, "T800", "notify=normal").await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    shop_verifier(&sandbox).verify_return(location).unwrap();
    sandbox.stop().await;
}

#[tokio::test]
async fn a_return_url_with_chinese_and_spaces_still_redirects() {
    let dir = scratch("unclean-return");
    let sandbox = start(&dir, FAST, false).await;
    let mut params = page_pay_params("T801", "1.00", "http://127.0.0.1:9", "utf-8");
    let return_url = params.iter_mut().find(|(k, _)| k == "return_url").unwrap();
    // (No query of its own: Alipay's parameters would not be the only ones, and the shop's
    // verification would fail, with Alipay as with the sandbox.)
    return_url.1 = "http://127.0.0.1:9/支付/return page".into();
    let query = signed(&params, APP_KEY);
    assert_eq!(get(&sandbox, &format!("/gateway.do?{query}")).await.0, 200);
    let response = pay_button(&sandbox, "T801", "notify=normal").await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("http://127.0.0.1:9/%E6%94%AF%E4%BB%98/return%20page?"));
    shop_verifier(&sandbox).verify_return(location).unwrap();
    let paid = order(&sandbox, "T801").await;
    assert_eq!(paid["status"], "TRADE_SUCCESS");
    sandbox.stop().await;
}
