//! `alipay.trade.fastpay.refund.query`: one refund of a trade, by its out_request_no (for a
//! refund made without one, the out_trade_no), answered as Alipay answers.

use crate::App;
use crate::openapi::{find, invalid, not_found, unavailable};
use crate::request::biz_text;
use serde_json::{Map, Value, json};

pub(crate) fn refund_query(app: &App, biz: &Map<String, Value>) -> Value {
    let Some(out_request_no) = biz_text(biz, "out_request_no").filter(|no| !no.is_empty()) else {
        return invalid("isv.missing-parameter", "biz_content needs out_request_no");
    };
    let order = match find(app, biz) {
        Ok(Some(order)) => order,
        Ok(None) => return not_found(),
        Err(node) => return node,
    };
    let refund = match app.store().refund(&order.out_trade_no, &out_request_no) {
        Ok(refund) => refund,
        Err(e) => return unavailable(e),
    };
    match refund {
        Some(refund_amount) => json!({
            "code": "10000",
            "msg": "Success",
            "out_request_no": out_request_no,
            "out_trade_no": order.out_trade_no,
            "refund_amount": refund_amount,
            "refund_status": "REFUND_SUCCESS",
            "total_amount": order.total_amount,
            "trade_no": order.trade_no,
        }),
        // Alipay's answer for a refund it never received: success, and no refund fields. The
        // merchant reads "no refund_amount" as "not refunded", and may retry the refund with
        // the same out_request_no (refunds are idempotent on it).
        None => json!({
            "code": "10000",
            "msg": "Success",
            "out_trade_no": order.out_trade_no,
            "trade_no": order.trade_no,
        }),
    }
}
