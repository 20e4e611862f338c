//! /gateway.do: what a merchant app's requests reach. Page and WAP payments get the checkout
//! page; the OpenAPI methods a JSON response; the legacy `notify_verify` service `true`/`false`.

use crate::App;
use crate::checkout::{SignatureNote, error_html, page_html};
use crate::clock::now_ms;
use crate::ids;
use crate::request::{GatewayRequest, SignatureCheck, biz_text};
use crate::store::Order;
use alipay_notify::{Amount, Charset};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;

pub(crate) async fn gateway(State(app): State<Arc<App>>, uri: Uri, body: Bytes) -> Response {
    let query = uri.query().unwrap_or_default().as_bytes();
    let request = match GatewayRequest::parse(query, &body) {
        Ok(request) => request,
        Err(err) => {
            return (
                StatusCode::BAD_REQUEST,
                Html(error_html("isv.invalid-parameter", err.message())),
            )
                .into_response();
        }
    };
    if request.get("service") == Some("notify_verify") {
        return notify_verify(&app, &request);
    }
    match request.get("method").unwrap_or_default() {
        "alipay.trade.page.pay" | "alipay.trade.wap.pay" => checkout(&app, &request),
        method => crate::openapi::answer(&app, &request, method),
    }
}

/// The legacy mapi check: `true` once per notify_id the sandbox sent, then `false`.
fn notify_verify(app: &App, request: &GatewayRequest) -> Response {
    let notify_id = request.get("notify_id").unwrap_or_default();
    let answer = match app.store().answer_notify_verify(notify_id) {
        Ok(true) => "true",
        Ok(false) => "false",
        Err(_) => "invalid",
    };
    ([(header::CONTENT_TYPE, "text/plain")], answer).into_response()
}

fn refused(sub_code: &str, sub_msg: &str) -> Response {
    (StatusCode::BAD_REQUEST, Html(error_html(sub_code, sub_msg))).into_response()
}

/// Alipay's rule for out_trade_no: letters, digits and underscores (and, in practice, `-` and
/// `.`), at most 64.
fn valid_out_trade_no(no: &str) -> bool {
    !no.is_empty()
        && no.len() <= 64
        && no
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
}

fn checkout(app: &Arc<App>, request: &GatewayRequest) -> Response {
    let note = match request.check_signature(app) {
        SignatureCheck::Verified => SignatureNote::Verified,
        SignatureCheck::Unchecked => SignatureNote::Unchecked,
        SignatureCheck::Refused(sub_code, why) => return refused(sub_code, &why),
    };
    let biz = match request.biz_content() {
        Ok(biz) => biz,
        Err(why) => return refused("isv.missing-biz-content", &why),
    };
    let out_trade_no = biz_text(&biz, "out_trade_no").unwrap_or_default();
    if !valid_out_trade_no(&out_trade_no) {
        return refused(
            "isv.invalid-out-trade-no",
            "out_trade_no is 1 to 64 letters, digits or underscores",
        );
    }
    let total_amount = match biz_text(&biz, "total_amount").map(|a| Amount::parse_yuan(&a)) {
        Some(Ok(amount)) if amount.fen() > 0 => amount.to_string(),
        _ => {
            return refused(
                "isv.invalid-total-amount",
                "total_amount is an amount in yuan, 0.01 or more",
            );
        }
    };
    let Some(subject) = biz_text(&biz, "subject").filter(|s| !s.is_empty()) else {
        return refused("isv.missing-subject", "subject is missing");
    };
    let charset = match Charset::from_label(request.text("charset").as_bytes()) {
        Ok(charset) => charset.label().to_string(),
        Err(err) => return refused("isv.invalid-charset", err.message()),
    };
    let sign_type = match request.get("sign_type") {
        Some("RSA") => "RSA",
        _ => "RSA2",
    };
    let order = Order {
        out_trade_no,
        trade_no: ids::trade_no(),
        app_id: request.text("app_id"),
        method: request.text("method"),
        subject,
        total_amount,
        notify_url: request.text("notify_url"),
        return_url: request.text("return_url"),
        charset,
        sign_type: sign_type.into(),
        status: "WAIT_BUYER_PAY".into(),
        refund_amount: "0.00".into(),
        faults: "{}".into(),
        created_ms: now_ms(),
        paid_ms: None,
    };
    match app.store().upsert_unpaid_order(&order) {
        Ok(stored) => Html(page_html(&stored, note, &app.default_faults)).into_response(),
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.0).into_response(),
    }
}
