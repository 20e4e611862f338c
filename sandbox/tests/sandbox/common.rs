//! Shared test fixtures: a scratch data directory, the sandbox, a scripted merchant, and
//! requests signed the way merchant apps sign them.

use alipay_notify::{PrivateKey, Rule, SignType, Signer, Verifier};
use alipay_notify_sandbox::{Config, Faults, Sandbox};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The merchant app's key pair from the shared vectors (a throwaway test key).
pub const APP_KEY: &str = include_str!("../../../tests/vectors/keys/app.key.pem");
/// Another key: what a request signed with the wrong key carries.
pub const OTHER_KEY: &str = include_str!("../../../tests/vectors/keys/alipay_b.key.pem");
pub const APP_ID: &str = "2021000000000001";

pub fn app_public_key() -> String {
    PrivateKey::parse(APP_KEY)
        .and_then(|key| key.public_key())
        .unwrap()
        .to_base64()
}

/// A fresh data directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "alipay-notify-sandbox-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub async fn start(dir: &Path, time_scale: f64, checked: bool) -> Sandbox {
    start_with(dir, time_scale, checked, Faults::default()).await
}

/// A sandbox whose orders get `faults` unless the checkout or Pay chooses others.
pub async fn start_with(dir: &Path, time_scale: f64, checked: bool, faults: Faults) -> Sandbox {
    Sandbox::start(Config {
        port: 0,
        data_dir: dir.to_path_buf(),
        time_scale,
        app_public_keys: if checked {
            vec![app_public_key()]
        } else {
            vec![]
        },
        default_faults: faults,
    })
    .await
    .unwrap()
}

/// A verifier of what the sandbox signs, with its public key, as a shop builds it.
pub fn shop_verifier(sandbox: &Sandbox) -> Verifier {
    Verifier::builder()
        .public_key(sandbox.alipay_public_key())
        .sign_types([SignType::Rsa2, SignType::Rsa])
        .build()
        .unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The parameters of a page payment, as a merchant app signs them (rule v2).
pub fn page_pay_params(
    out_trade_no: &str,
    amount: &str,
    merchant: &str,
    charset: &str,
) -> Vec<(String, String)> {
    let biz = serde_json::json!({
        "out_trade_no": out_trade_no,
        "total_amount": amount,
        "subject": "测试商品 Test item",
        "product_code": "FAST_INSTANT_TRADE_PAY",
    });
    [
        ("app_id", APP_ID.to_string()),
        ("method", "alipay.trade.page.pay".into()),
        ("format", "JSON".into()),
        ("charset", charset.into()),
        ("sign_type", "RSA2".into()),
        ("timestamp", "2024-01-02 10:20:00".into()),
        ("version", "1.0".into()),
        ("notify_url", format!("{merchant}/alipay/notify")),
        ("return_url", format!("{merchant}/alipay/return")),
        ("biz_content", biz.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// `params` signed with `key` under rule v2, as a query string or form body.
pub fn signed(params: &[(String, String)], key: &str) -> String {
    Signer::rsa(key, SignType::Rsa2, Rule::V2)
        .unwrap()
        .signed_form(params)
        .unwrap()
}

/// GET `path` (a path and query) on the sandbox: the status and the text.
pub async fn get(sandbox: &Sandbox, path: &str) -> (u16, String) {
    let response = client()
        .get(format!("{}{path}", sandbox.url()))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Opens the checkout page of a new order (GET, signed with the app key).
pub async fn checkout(sandbox: &Sandbox, out_trade_no: &str, merchant: &str) -> String {
    let query = signed(
        &page_pay_params(out_trade_no, "88.00", merchant, "utf-8"),
        APP_KEY,
    );
    let (status, page) = get(sandbox, &format!("/gateway.do?{query}")).await;
    assert_eq!(status, 200, "{page}");
    page
}

/// POST /api/orders/{no}/pay with `faults` (JSON, or nothing).
pub async fn pay(sandbox: &Sandbox, out_trade_no: &str, faults: Option<Value>) -> Value {
    let mut request = client().post(format!("{}/api/orders/{out_trade_no}/pay", sandbox.url()));
    if let Some(faults) = faults {
        request = request
            .header("content-type", "application/json")
            .body(faults.to_string());
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

/// The checkout page's Pay button, with the form's fault choices.
pub async fn pay_button(sandbox: &Sandbox, out_trade_no: &str, form: &str) -> reqwest::Response {
    client()
        .post(format!("{}/checkout/{out_trade_no}/pay", sandbox.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_string())
        .send()
        .await
        .unwrap()
}

pub async fn order(sandbox: &Sandbox, out_trade_no: &str) -> Value {
    let response = client()
        .get(format!("{}/api/orders/{out_trade_no}", sandbox.url()))
        .send()
        .await
        .unwrap();
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

/// Polls the order until `done` holds for it (at most `limit`).
pub async fn wait_for(
    sandbox: &Sandbox,
    out_trade_no: &str,
    limit: Duration,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let start = Instant::now();
    loop {
        let value = order(sandbox, out_trade_no).await;
        if done(&value) || start.elapsed() > limit {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

pub fn deliveries(order: &Value) -> &Vec<Value> {
    order["deliveries"].as_array().unwrap()
}

/// One scripted answer of the merchant's notify_url.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub location: Option<&'static str>,
    pub body: &'static str,
}

pub fn reply(status: u16, body: &'static str) -> Reply {
    Reply {
        status,
        location: None,
        body,
    }
}

/// What the merchant received: the content type and the raw body of each notification.
#[derive(Clone, Default)]
pub struct Received(pub Arc<Mutex<Vec<(String, Bytes, Instant)>>>);

impl Received {
    pub fn bodies(&self) -> Vec<Bytes> {
        self.0.lock().unwrap().iter().map(|r| r.1.clone()).collect()
    }
    pub fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

/// A merchant whose notify_url answers `script` in order (the last answer repeats).
pub struct Merchant {
    pub url: String,
    pub received: Received,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Merchant {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub async fn merchant(script: Vec<Reply>) -> Merchant {
    let received = Received::default();
    let script = Arc::new(script);
    let state = (received.clone(), script);
    let router = axum::Router::new()
        .route("/alipay/notify", axum::routing::post(notify_handler))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    Merchant {
        url: format!("http://{addr}"),
        received,
        task,
    }
}

async fn notify_handler(
    axum::extract::State((received, script)): axum::extract::State<(Received, Arc<Vec<Reply>>)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let n = {
        let mut list = received.0.lock().unwrap();
        list.push((content_type, body, Instant::now()));
        list.len()
    };
    let reply = script[(n - 1).min(script.len() - 1)].clone();
    let mut response = (StatusCode::from_u16(reply.status).unwrap(), reply.body).into_response();
    if let Some(location) = reply.location {
        response
            .headers_mut()
            .insert("location", location.parse().unwrap());
    }
    response
}

/// POSTs the core's reconciliation `request`, signed with the app key, as a binding does, and
/// reads the answer with `verify_response` (the sandbox's key as the shop's Alipay key).
pub async fn trade_call(
    sandbox: &Sandbox,
    request: &alipay_notify::TradeRequest,
) -> alipay_notify::TradeResult {
    let form = request.signed_form(APP_KEY, "2024-01-02 10:30:00").unwrap();
    let body = client()
        .post(sandbox.gateway_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    request
        .verify_response(&shop_verifier(sandbox), &body)
        .unwrap_or_else(|e| panic!("{}: {} in {body:?}", e.name(), e.message()))
}

/// POSTs an OpenAPI request signed with `key` (`sign_type`) and returns the raw body.
pub async fn call(
    sandbox: &Sandbox,
    method: &str,
    biz: Value,
    key: &str,
    sign_type: SignType,
) -> String {
    let params: Vec<(&str, String)> = vec![
        ("app_id", APP_ID.into()),
        ("method", method.into()),
        ("format", "JSON".into()),
        ("charset", "utf-8".into()),
        ("sign_type", sign_type.as_str().into()),
        ("timestamp", "2024-01-02 10:30:00".into()),
        ("version", "1.0".into()),
        ("biz_content", biz.to_string()),
    ];
    let body = Signer::rsa(key, sign_type, Rule::V2)
        .unwrap()
        .signed_form(&params)
        .unwrap();
    let response = client()
        .post(sandbox.gateway_url())
        .header(
            "content-type",
            "application/x-www-form-urlencoded;charset=utf-8",
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}
