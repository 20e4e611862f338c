//! `alipay.trade.close`: the merchant closes a trade the buyer has not paid, so it can no longer
//! be paid (a later Pay is refused, and the checkout does not reopen it).
//!
//! The TRADE_CLOSED notification: Alipay sends `trade_status_sync` with `TRADE_CLOSED` for a
//! close only when the trade exists at Alipay (the buyer reached the cashier); for an order the
//! buyer never opened, Alipay answers ACQ.TRADE_NOT_EXIST and has nothing to notify. In the
//! sandbox an order exists only once its checkout page was shown, so every trade it closes
//! existed: each close is notified, with gmt_close and without the payment's fields, as page
//! and WAP payments (the only ones the sandbox serves) notify TRADE_CLOSED by default.

use crate::App;
use crate::clock::{beijing, now_ms};
use crate::messages::{Outgoing, enqueue};
use crate::openapi::{business_failed, find, not_found, unavailable};
use crate::store::Order;
use alipay_notify::SignType;
use serde_json::{Map, Value, json};
use std::sync::Arc;

pub(crate) fn close(app: &Arc<App>, biz: &Map<String, Value>) -> Value {
    let order = match find(app, biz) {
        Ok(Some(order)) => order,
        Ok(None) => return not_found(),
        Err(node) => return node,
    };
    let now = now_ms();
    match app.store().close(&order.out_trade_no, now) {
        Ok(true) => {}
        // Paid, refunded, or closed already: Alipay closes only a trade waiting for payment.
        Ok(false) => return business_failed("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
        Err(e) => return unavailable(e),
    }
    close_notify(app, &order, now);
    json!({
        "code": "10000",
        "msg": "Success",
        "trade_no": order.trade_no,
        "out_trade_no": order.out_trade_no,
    })
}

/// Queues the TRADE_CLOSED notification, delivered and retried like the payment's.
fn close_notify(app: &Arc<App>, order: &Order, now: i64) {
    let sign_type = match order.sign_type.as_str() {
        "RSA" => SignType::Rsa,
        _ => SignType::Rsa2,
    };
    let mut outgoing = Outgoing::new(order, &order.charset, sign_type, "TRADE_CLOSED", now);
    outgoing.unpaid = true;
    outgoing.extra = vec![("gmt_close".into(), beijing(now))];
    if let Ok((notify_id, body)) = outgoing.sign(app) {
        let _ = enqueue(app, order, &notify_id, &body, &order.charset, 0, now);
    }
}
