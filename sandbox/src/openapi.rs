//! OpenAPI methods on /gateway.do (alipay.trade.query, alipay.trade.refund, and, in their own
//! modules, alipay.trade.close and alipay.trade.fastpay.refund.query), answered the way Alipay
//! answers: `{"<method>_response":{...},"sign":"..."}`, the sign over the exact text of
//! the response node, with the key type the request was signed with.

use crate::App;
use crate::clock::{beijing, now_ms};
use crate::messages::{BUYER_ID, BUYER_LOGON_ID, Outgoing, enqueue};
use crate::request::{GatewayRequest, SignatureCheck, biz_text};
use crate::store::Order;
use alipay_notify::{Amount, Rule, SignType};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The OpenAPI methods the sandbox implements; any other gets Alipay's invalid-method answer.
const METHODS: [&str; 4] = [
    "alipay.trade.query",
    "alipay.trade.refund",
    "alipay.trade.close",
    "alipay.trade.fastpay.refund.query",
];

pub(crate) fn answer(app: &Arc<App>, request: &GatewayRequest, method: &str) -> Response {
    let sign_type = match request.get("sign_type") {
        Some("RSA") => SignType::Rsa,
        _ => SignType::Rsa2,
    };
    let known = METHODS.contains(&method);
    let node_name = match known {
        true => format!("{}_response", method.replace('.', "_")),
        false => "error_response".to_string(),
    };
    let node = match request.check_signature(app) {
        SignatureCheck::Refused(sub_code, why) => invalid(sub_code, &why),
        _ if !known => invalid(
            "isv.invalid-method",
            &format!("不存在的方法名 · the sandbox does not implement {method:?}"),
        ),
        _ => match request.biz_content() {
            Err(why) => invalid("isv.missing-biz-content", &why),
            Ok(biz) => match method {
                "alipay.trade.query" => query(app, &biz),
                "alipay.trade.refund" => refund(app, &biz),
                "alipay.trade.close" => crate::trade_close::close(app, &biz),
                _ => crate::refund_query::refund_query(app, &biz),
            },
        },
    };
    signed_response(app, &node_name, &node, sign_type)
}

/// Alipay's shape for a refused request: code 40002, Invalid Arguments.
pub(crate) fn invalid(sub_code: &str, sub_msg: &str) -> Value {
    json!({
        "code": "40002",
        "msg": "Invalid Arguments",
        "sub_code": sub_code,
        "sub_msg": sub_msg,
    })
}

/// A business failure: code 40004.
pub(crate) fn business_failed(sub_code: &str, sub_msg: &str) -> Value {
    json!({
        "code": "40004",
        "msg": "Business Failed",
        "sub_code": sub_code,
        "sub_msg": sub_msg,
    })
}

/// The sandbox itself failed (its database): Alipay's code 20000.
pub(crate) fn unavailable(err: crate::Error) -> Value {
    json!({
        "code": "20000",
        "msg": "Service Currently Unavailable",
        "sub_code": "isp.unknow-error",
        "sub_msg": err.0,
    })
}

fn signed_response(app: &App, node_name: &str, node: &Value, sign_type: SignType) -> Response {
    let node_text = node.to_string();
    let sign = app
        .keys
        .signer(sign_type, Rule::V2)
        .and_then(|signer| signer.sign_bytes(node_text.as_bytes()));
    let body = match sign {
        Ok(sign) => format!("{{\"{node_name}\":{node_text},\"sign\":\"{sign}\"}}"),
        // The sandbox's own key always signs; were it to fail, an unsigned answer says so.
        Err(_) => format!("{{\"{node_name}\":{node_text}}}"),
    };
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

pub(crate) fn find(app: &App, biz: &Map<String, Value>) -> Result<Option<Order>, Value> {
    let out_trade_no = biz_text(biz, "out_trade_no");
    let trade_no = biz_text(biz, "trade_no");
    if out_trade_no.is_none() && trade_no.is_none() {
        return Err(invalid(
            "isv.missing-parameter",
            "biz_content needs out_trade_no or trade_no",
        ));
    }
    app.store()
        .find_order(out_trade_no.as_deref(), trade_no.as_deref())
        .map_err(unavailable)
}

pub(crate) fn not_found() -> Value {
    business_failed("ACQ.TRADE_NOT_EXIST", "交易不存在")
}

fn query(app: &App, biz: &Map<String, Value>) -> Value {
    let order = match find(app, biz) {
        Ok(Some(order)) => order,
        Ok(None) => return not_found(),
        Err(node) => return node,
    };
    let paid = order.paid_ms.is_some();
    let amount = |value: &str| match paid {
        true => value.to_string(),
        false => "0.00".to_string(),
    };
    let mut node = json!({
        "code": "10000",
        "msg": "Success",
        "buyer_logon_id": BUYER_LOGON_ID,
        "buyer_pay_amount": amount(&order.total_amount),
        "buyer_user_id": BUYER_ID,
        "invoice_amount": amount(&order.total_amount),
        "out_trade_no": order.out_trade_no,
        "point_amount": "0.00",
        "receipt_amount": amount(&order.total_amount),
        "total_amount": order.total_amount,
        "trade_no": order.trade_no,
        "trade_status": order.status,
    });
    if let Some(paid_ms) = order.paid_ms {
        node["send_pay_date"] = json!(beijing(paid_ms));
    }
    node
}

fn refund(app: &Arc<App>, biz: &Map<String, Value>) -> Value {
    let order = match find(app, biz) {
        Ok(Some(order)) => order,
        Ok(None) => return not_found(),
        Err(node) => return node,
    };
    let Some(Ok(amount)) = biz_text(biz, "refund_amount").map(|a| Amount::parse_yuan(&a)) else {
        return invalid(
            "isv.invalid-parameter",
            "refund_amount is an amount in yuan",
        );
    };
    if amount.fen() <= 0 {
        return invalid("isv.invalid-parameter", "refund_amount must be above 0");
    }
    if order.paid_ms.is_none() {
        return business_failed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法");
    }
    // Without one, Alipay files the refund under the out_trade_no: the refund query finds it so.
    let out_request_no = biz_text(biz, "out_request_no").unwrap_or(order.out_trade_no.clone());
    let total = Amount::parse_yuan(&order.total_amount).map_or(0, |a| a.fen());
    let refunded = Amount::parse_yuan(&order.refund_amount).map_or(0, |a| a.fen());
    let now = now_ms();
    let new_total = refunded + amount.fen();
    if new_total > total {
        return business_failed("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
    }
    let new_total_text = Amount::from_fen(new_total).to_string();
    let status = if new_total == total {
        "TRADE_CLOSED"
    } else {
        "TRADE_SUCCESS"
    };
    let refunded_now = app.store().add_refund(
        &order.out_trade_no,
        &out_request_no,
        &amount.to_string(),
        &new_total_text,
        status,
        now,
    );
    let fund_change = match refunded_now {
        Ok(true) => {
            refund_notify(app, &order, status, &new_total_text, &out_request_no, now);
            "Y"
        }
        // The same out_request_no again: nothing more is refunded.
        Ok(false) => "N",
        Err(e) => return unavailable(e),
    };
    let refund_fee = match fund_change {
        "Y" => new_total_text,
        _ => order.refund_amount.clone(),
    };
    json!({
        "code": "10000",
        "msg": "Success",
        "buyer_logon_id": BUYER_LOGON_ID,
        "buyer_user_id": BUYER_ID,
        "fund_change": fund_change,
        "gmt_refund_pay": beijing(now),
        "out_trade_no": order.out_trade_no,
        "refund_fee": refund_fee,
        "send_back_fee": "0.00",
        "trade_no": order.trade_no,
    })
}

/// The notification a refund sends (trade_status_sync with refund_fee, gmt_refund and
/// out_biz_no), delivered and retried like the payment's.
fn refund_notify(
    app: &Arc<App>,
    order: &Order,
    status: &str,
    refund_fee: &str,
    out_request_no: &str,
    now: i64,
) {
    let sign_type = match order.sign_type.as_str() {
        "RSA" => SignType::Rsa,
        _ => SignType::Rsa2,
    };
    let mut outgoing = Outgoing::new(order, &order.charset, sign_type, status, now);
    outgoing.extra = vec![
        ("refund_fee".into(), refund_fee.into()),
        ("gmt_refund".into(), format!("{}.000", beijing(now))),
        ("out_biz_no".into(), out_request_no.into()),
    ];
    if let Ok((notify_id, body)) = outgoing.sign(app) {
        let _ = enqueue(app, order, &notify_id, &body, &order.charset, 0, now);
    }
}
