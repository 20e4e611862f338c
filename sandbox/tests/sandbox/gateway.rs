//! Steps 1 and 2: the key pair and its endpoint, the checkout page, request signatures.

use super::common::*;
use alipay_notify::PublicKey;

#[tokio::test]
async fn the_public_key_is_bare_base64_and_kept_across_restarts() {
    let dir = scratch("public-key");
    let sandbox = start(&dir, 1.0, false).await;
    let served = client()
        .get(format!("{}/api/alipay-public-key", sandbox.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(served, sandbox.alipay_public_key());
    assert!(!served.contains("-----") && !served.contains('\n'));
    assert_eq!(PublicKey::parse(&served, "key").unwrap().bits(), 2048);
    let banner = sandbox.banner();
    assert_eq!(banner.lines().next().unwrap(), sandbox.gateway_url());
    assert!(sandbox.gateway_url().starts_with("http://127.0.0.1:"));
    for setting in [
        "ALIPAY_NOTIFY",
        "alipayPublicKey",
        "'alipay_public_key'",
        "NOT checked",
    ] {
        assert!(banner.contains(setting), "{setting}");
    }
    assert!(banner.contains(&served));
    sandbox.stop().await;

    let again = start(&dir, 1.0, true).await;
    assert_eq!(again.alipay_public_key(), served);
    assert!(!again.banner().contains("NOT checked"));
    again.stop().await;
}

#[tokio::test]
async fn page_pay_by_get_or_posted_form_shows_the_checkout_page() {
    let dir = scratch("checkout");
    let sandbox = start(&dir, 1.0, false).await;
    let page = checkout(&sandbox, "T100", "http://127.0.0.1:9").await;
    for text in [
        "T100",
        "88.00",
        "测试商品 Test item",
        "id=\"pay\"",
        "id=\"cancel\"",
        "NOT checked",
    ] {
        assert!(page.contains(text), "{text} in {page}");
    }
    // An auto-submitted form, the Java SDK's way: some parameters in the action URL, a WAP
    // payment, signed in GBK.
    let mut params = page_pay_params("T101", "0.01", "http://127.0.0.1:9", "GBK");
    params[1].1 = "alipay.trade.wap.pay".into();
    let body = signed(&params, APP_KEY);
    let response = client()
        .post(format!("{}?charset=GBK", sandbox.gateway_url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("T101") && page.contains("0.01") && page.contains("测试商品"));
    let order = order(&sandbox, "T101").await;
    assert_eq!(order["status"], "WAIT_BUYER_PAY");
    assert_eq!(order["total_amount"], "0.01");
    assert_eq!(order["trade_no"].as_str().unwrap().len(), 28);
    sandbox.stop().await;
}

#[tokio::test]
async fn requests_are_signature_checked_with_the_app_public_key() {
    let dir = scratch("signatures");
    let sandbox = start(&dir, 1.0, true).await;
    let params = page_pay_params("T200", "88.00", "http://127.0.0.1:9", "utf-8");
    let good = signed(&params, APP_KEY);
    let gateway = |query: String| {
        let sandbox = &sandbox;
        async move { get(sandbox, &format!("/gateway.do?{query}")).await }
    };
    let (status, page) = gateway(good.clone()).await;
    assert_eq!(status, 200);
    assert!(page.contains("verified with your app public key"), "{page}");

    // Refused requests create no order: they are for another one.
    let params = page_pay_params("T201", "88.00", "http://127.0.0.1:9", "utf-8");
    let good = signed(&params, APP_KEY);
    let tampered = good.replace("88.00", "0.01");
    assert_ne!(tampered, good);
    let wrong_key = signed(&params, OTHER_KEY);
    let unsigned = good.split("&sign=").next().unwrap().to_string();
    for (query, sub_code) in [
        (tampered, "isv.invalid-signature"),
        (wrong_key, "isv.invalid-signature"),
        (unsigned, "isv.missing-signature"),
    ] {
        let (status, page) = gateway(query).await;
        assert_eq!(status, 400);
        assert!(page.contains(sub_code), "{sub_code}: {page}");
    }
    assert_eq!(get(&sandbox, "/api/orders/T201").await.0, 404);
    assert_eq!(get(&sandbox, "/api/orders/T200").await.0, 200);
    sandbox.stop().await;
}

#[tokio::test]
async fn bad_business_fields_are_refused_with_a_clear_page() {
    let dir = scratch("business");
    let sandbox = start(&dir, 1.0, false).await;
    for (no, amount, sub_code) in [
        ("T 1", "1.00", "isv.invalid-out-trade-no"),
        ("T300", "0", "isv.invalid-total-amount"),
        ("T301", "abc", "isv.invalid-total-amount"),
    ] {
        let query = signed(
            &page_pay_params(no, amount, "http://127.0.0.1:9", "utf-8"),
            APP_KEY,
        );
        let (status, page) = get(&sandbox, &format!("/gateway.do?{query}")).await;
        assert_eq!(status, 400);
        assert!(page.contains(sub_code), "{sub_code}");
    }
    sandbox.stop().await;
}
