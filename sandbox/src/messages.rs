//! The messages the sandbox signs as Alipay: the return_url query and the asynchronous
//! notifications (payment and refund), and queueing a notification for delivery.

use crate::App;
use crate::clock::beijing;
use crate::delivery;
use crate::ids;
use crate::store::{NewNotify, Order};
use alipay_notify::{Rule, SignType};
use std::sync::Arc;

/// The merchant's Alipay user id (seller_id) in everything the sandbox signs.
pub const SELLER_ID: &str = "2088000000000000";
pub const BUYER_ID: &str = "2088102000000001";
pub const BUYER_LOGON_ID: &str = "138****0000";

/// A notification about `order`, before it is signed.
pub(crate) struct Outgoing<'a> {
    order: &'a Order,
    charset: &'a str,
    sign_type: SignType,
    trade_status: &'a str,
    now: i64,
    /// Fields a refund notification adds (refund_fee, gmt_refund, out_biz_no).
    pub extra: Vec<(String, String)>,
}

impl<'a> Outgoing<'a> {
    pub fn new(
        order: &'a Order,
        charset: &'a str,
        sign_type: SignType,
        trade_status: &'a str,
        now: i64,
    ) -> Outgoing<'a> {
        Outgoing {
            order,
            charset,
            sign_type,
            trade_status,
            now,
            extra: Vec::new(),
        }
    }

    /// A new notify_id and the signed form body.
    pub fn sign(&self, app: &App) -> Result<(String, String), alipay_notify::Error> {
        let notify_id = ids::notify_id();
        let mut params = notify_params(self.order, self.charset, &notify_id, self.now);
        for (name, value) in &mut params {
            if name == "trade_status" {
                *value = self.trade_status.to_string();
            }
        }
        params.extend(self.extra.iter().cloned());
        let body = app
            .keys
            .signer(self.sign_type, Rule::V1)?
            .signed_form(&params)?;
        Ok((notify_id, body))
    }
}

/// Queues a signed notification of `order` for delivery from `due_ms`; `None` when the order
/// has no notify_url, or has the drop_notify fault: then none of its notifications (payment,
/// refund, close) is ever stored, so neither a retry nor a restart can send it.
pub(crate) fn enqueue(
    app: &Arc<App>,
    order: &Order,
    notify_id: &str,
    body: &str,
    charset: &str,
    duplicates: u32,
    due_ms: i64,
) -> Result<Option<i64>, crate::Error> {
    if order.notify_url.is_empty() || order.drops_notifications() {
        return Ok(None);
    }
    let id = app.store().add_notify(&NewNotify {
        out_trade_no: &order.out_trade_no,
        notify_id,
        notify_url: &order.notify_url,
        body,
        charset,
        duplicates,
        due_ms,
    })?;
    delivery::spawn(app, id);
    Ok(Some(id))
}

/// The return_url parameters of an OpenAPI page or WAP payment (no trade_status: Alipay sends
/// none on return).
pub(crate) fn return_params(order: &Order, charset: &str, now: i64) -> Vec<(String, String)> {
    [
        ("charset", charset.to_string()),
        ("out_trade_no", order.out_trade_no.clone()),
        ("method", format!("{}.return", order.method)),
        ("total_amount", order.total_amount.clone()),
        ("trade_no", order.trade_no.clone()),
        ("auth_app_id", order.app_id.clone()),
        ("version", "1.0".into()),
        ("app_id", order.app_id.clone()),
        ("seller_id", SELLER_ID.into()),
        ("timestamp", beijing(now)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The asynchronous notification of a paid trade: every field Alipay sends.
fn notify_params(order: &Order, charset: &str, notify_id: &str, now: i64) -> Vec<(String, String)> {
    let amount = order.total_amount.clone();
    [
        ("gmt_create", beijing(order.created_ms)),
        ("charset", charset.to_string()),
        ("seller_email", "merchant@example.com".into()),
        ("subject", order.subject.clone()),
        ("buyer_id", BUYER_ID.into()),
        ("invoice_amount", amount.clone()),
        ("notify_id", notify_id.to_string()),
        (
            "fund_bill_list",
            format!(r#"[{{"amount":"{amount}","fundChannel":"ALIPAYACCOUNT"}}]"#),
        ),
        ("notify_type", "trade_status_sync".into()),
        ("trade_status", "TRADE_SUCCESS".into()),
        ("receipt_amount", amount.clone()),
        ("app_id", order.app_id.clone()),
        ("buyer_pay_amount", amount.clone()),
        ("notify_time", beijing(now)),
        ("point_amount", "0.00".into()),
        ("total_amount", amount),
        ("trade_no", order.trade_no.clone()),
        ("auth_app_id", order.app_id.clone()),
        ("buyer_logon_id", BUYER_LOGON_ID.into()),
        ("gmt_payment", beijing(now)),
        ("seller_id", SELLER_ID.into()),
        ("version", "1.0".into()),
        ("out_trade_no", order.out_trade_no.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}
