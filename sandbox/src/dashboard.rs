//! The dashboard at `/`: every order and every delivery attempt, reloaded every 2 seconds (no
//! script: a meta refresh). The same data is JSON at /api/orders.

use crate::App;
use crate::api::orders_value;
use crate::html::{escape, page};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;
use std::sync::Arc;

pub(crate) async fn handler(State(app): State<Arc<App>>) -> Response {
    match orders_value(&app) {
        Ok(value) => Html(render(&value)).into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.0).into_response(),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => escape(s),
        Value::Null => "—".into(),
        other => escape(&other.to_string()),
    }
}

fn verdict_class(verdict: &Value) -> &'static str {
    match verdict.as_str() {
        Some("acknowledged") => "ok",
        Some("near_miss") => "warn",
        _ => "bad",
    }
}

/// The drop_notify fault's line: an empty table must not read as "not delivered yet".
fn dropped_note(notify_dropped: &Value) -> &'static str {
    match notify_dropped.as_bool() {
        Some(true) => {
            "<p class=\"warn\">未发送任何异步通知（故障 drop_notify）：只有主动查询能发现这笔付款 · \
             No notification was sent (fault drop_notify): only a query finds this payment.</p>"
        }
        _ => "",
    }
}

fn render(value: &Value) -> String {
    let orders = value["orders"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut body = String::from(
        "<div class=\"card\"><h1>订单与通知 · Orders and notifications</h1>\
         <p>每 2 秒刷新 · Refreshed every 2 seconds. JSON: <a href=\"/api/orders\">/api/orders</a>\
         · <a href=\"/api/alipay-public-key\">支付宝公钥 Alipay public key</a></p></div>",
    );
    if orders.is_empty() {
        body.push_str("<div class=\"card\"><p>还没有订单 · No orders yet.</p></div>");
    }
    for order in orders {
        body.push_str(&format!(
            "<div class=\"card order\"><h2><code>{no}</code> · ¥{amount} · {status}</h2>\
             <p>{subject} · trade_no <code>{trade_no}</code> · refunded ¥{refund}<br>\
             notify_url: <code>{notify_url}</code><br>faults: <code>{faults}</code></p>{dropped}\
             <table><tr><th>#</th><th>time (UTC)</th><th>HTTP</th><th>reply</th><th>verdict</th></tr>",
            no = text(&order["out_trade_no"]),
            amount = text(&order["total_amount"]),
            status = text(&order["status"]),
            subject = text(&order["subject"]),
            trade_no = text(&order["trade_no"]),
            refund = text(&order["refund_amount"]),
            notify_url = text(&order["notify_url"]),
            faults = text(&order["faults"]),
            dropped = dropped_note(&order["notify_dropped"]),
        ));
        for d in order["deliveries"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>\
                 <td class=\"{}\">{}</td></tr>",
                text(&d["attempt"]),
                text(&d["at"]),
                text(&d["http_status"]),
                text(&d["reply"]),
                verdict_class(&d["verdict"]),
                text(&d["verdict"]),
            ));
        }
        body.push_str("</table></div>");
    }
    page(
        "Dashboard",
        "<meta http-equiv=\"refresh\" content=\"2\">",
        &body,
    )
}
