//! The routes: the gateway, the checkout actions, and the JSON API under /api/.

use crate::App;
use crate::checkout::message_html;
use crate::clock::rfc3339;
use crate::gateway::gateway;
use crate::pay::{FaultForm, Faults, PayError, pay};
use crate::store::Order;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Form, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::sync::Arc;

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(crate::dashboard::handler))
        .route("/gateway.do", get(gateway).post(gateway))
        .route("/checkout/{out_trade_no}/pay", post(checkout_pay))
        .route("/checkout/{out_trade_no}/cancel", post(checkout_cancel))
        .route("/api/alipay-public-key", get(public_key))
        .route("/api/orders", get(orders_json))
        .route("/api/orders/{out_trade_no}", get(order_json))
        .route("/api/orders/{out_trade_no}/pay", post(api_pay))
        .with_state(app)
}

async fn public_key(State(app): State<Arc<App>>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        app.keys.public_base64().to_string(),
    )
        .into_response()
}

fn json_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": code, "message": message})),
    )
        .into_response()
}

fn pay_error(err: PayError) -> Response {
    match err {
        PayError::NotFound => json_error(StatusCode::NOT_FOUND, "ORDER_NOT_FOUND", "no such order"),
        PayError::NotWaiting(status) => json_error(
            StatusCode::CONFLICT,
            "ORDER_NOT_WAITING",
            &format!("the order is {status}, not WAIT_BUYER_PAY"),
        ),
        PayError::Invalid(why) => json_error(StatusCode::BAD_REQUEST, "INVALID_FAULTS", &why),
        PayError::Internal(why) => {
            json_error(StatusCode::INTERNAL_SERVER_ERROR, "SANDBOX_ERROR", &why)
        }
    }
}

/// What the Pay button does, as JSON; the body may name faults (`{"duplicate": true, ...}`).
async fn api_pay(
    State(app): State<Arc<App>>,
    Path(out_trade_no): Path<String>,
    body: Bytes,
) -> Response {
    let faults: Faults = if body.iter().all(u8::is_ascii_whitespace) {
        app.default_faults.clone()
    } else {
        match serde_json::from_slice(&body) {
            Ok(faults) => faults,
            Err(e) => return pay_error(PayError::Invalid(format!("the faults JSON: {e}"))),
        }
    };
    match pay(&app, &out_trade_no, faults).await {
        Ok(paid) => axum::Json(paid).into_response(),
        Err(err) => pay_error(err),
    }
}

/// The Pay button: pays, then sends the browser to the signed return URL (unless dropped).
async fn checkout_pay(
    State(app): State<Arc<App>>,
    Path(out_trade_no): Path<String>,
    Form(form): Form<FaultForm>,
) -> Response {
    let faults = match form.into_faults() {
        Ok(faults) => faults,
        Err(err) => return pay_error(err),
    };
    match pay(&app, &out_trade_no, faults).await {
        Ok(paid) => match paid.return_url {
            Some(url) => Redirect::to(&url).into_response(),
            None if faults_dropped_notify(&app, &out_trade_no) => Html(message_html(
                "付款成功 · Paid",
                "付款成功，但既没有跳转回商户，也不会发出异步通知（掉单）：商户只能通过主动查询 \
                 (alipay.trade.query) 对账发现这笔付款。 Paid, but the browser is not sent back \
                 and no notification will be sent: only reconciliation (a query) finds this \
                 payment.",
                None,
            ))
            .into_response(),
            None => Html(message_html(
                "付款成功 · Paid",
                "付款成功，但没有跳转回商户（掉单，或没有 return_url）：商户只能从异步通知得知。 \
                 Paid, but the browser is not sent back to the shop (dropped redirect, or no \
                 return_url): only the notification tells the shop.",
                None,
            ))
            .into_response(),
        },
        Err(err) => pay_error(err),
    }
}

fn faults_dropped_notify(app: &App, out_trade_no: &str) -> bool {
    matches!(app.store().order(out_trade_no), Ok(Some(order)) if order.drops_notifications())
}

async fn checkout_cancel(
    State(app): State<Arc<App>>,
    Path(out_trade_no): Path<String>,
) -> Response {
    let order = match app.store().order(&out_trade_no) {
        Ok(Some(order)) => order,
        Ok(None) => return pay_error(PayError::NotFound),
        Err(err) => return pay_error(err.into()),
    };
    if order.status == "WAIT_BUYER_PAY"
        && let Err(err) = app.store().set_status(&out_trade_no, "TRADE_CLOSED")
    {
        return pay_error(err.into());
    }
    let shop = order
        .return_url
        .split_once('?')
        .map_or(order.return_url.as_str(), |(base, _)| base);
    Html(message_html(
        "已取消 · Cancelled",
        "订单未付款，已关闭。 The order was not paid and is closed.",
        (!shop.is_empty()).then_some(shop),
    ))
    .into_response()
}

/// An order and its delivery attempts, as JSON.
pub(crate) fn order_value(app: &App, out_trade_no: &str) -> Result<Option<Value>, crate::Error> {
    let order = app.store().order(out_trade_no)?;
    order.map(|order| value_of(app, order)).transpose()
}

/// Every order, newest first, with its delivery attempts.
pub(crate) fn orders_value(app: &App) -> Result<Value, crate::Error> {
    let orders = app.store().orders()?;
    let values = orders
        .into_iter()
        .map(|order| value_of(app, order))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({ "orders": values }))
}

fn value_of(app: &App, order: Order) -> Result<Value, crate::Error> {
    let deliveries: Vec<Value> = app
        .store()
        .deliveries(&order.out_trade_no)?
        .into_iter()
        .map(|d| {
            json!({
                "attempt": d.attempt,
                "at": rfc3339(d.at_ms),
                "http_status": d.http_status,
                "reply": d.reply,
                "verdict": d.verdict,
                "notify_id": d.notify_id,
            })
        })
        .collect();
    let faults: Value = serde_json::from_str(&order.faults).unwrap_or_else(|_| json!({}));
    let notify_dropped = order.drops_notifications();
    Ok(json!({
        "out_trade_no": order.out_trade_no,
        "trade_no": order.trade_no,
        "status": order.status,
        "total_amount": order.total_amount,
        "refund_amount": order.refund_amount,
        "subject": order.subject,
        "app_id": order.app_id,
        "notify_url": order.notify_url,
        "faults": faults,
        // The drop_notify fault: no notification of this order was, or will be, sent.
        "notify_dropped": notify_dropped,
        "deliveries": deliveries,
    }))
}

async fn orders_json(State(app): State<Arc<App>>) -> Response {
    match orders_value(&app) {
        Ok(value) => axum::Json(value).into_response(),
        Err(err) => pay_error(err.into()),
    }
}

async fn order_json(State(app): State<Arc<App>>, Path(out_trade_no): Path<String>) -> Response {
    match order_value(&app, &out_trade_no) {
        Ok(Some(value)) => axum::Json(value).into_response(),
        Ok(None) => pay_error(PayError::NotFound),
        Err(err) => pay_error(err.into()),
    }
}
