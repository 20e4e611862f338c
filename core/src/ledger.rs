//! The notification ledger's row (`docs/ledger.md`): what one delivery records, and the state
//! transition it applies at most once.
//!
//! No I/O here: every binding writes the row with its own database driver, and they all read
//! the same fields from the same verified message through [`LedgerEntry`], so a shop that runs
//! PHP and Python side by side fills one table the same way.

use crate::error::Error;
use crate::notify::{MessageKind, Notification, TradeStatus};
use crate::reconcile::{TradeMethod, TradeRequest, TradeResult};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt;

#[cfg(test)]
mod tests;

/// What a delivery asks the merchant to do, at most once per order (`docs/ledger.md` §3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Transition {
    /// `TRADE_SUCCESS` or `TRADE_FINISHED`: mark the order paid.
    Paid,
    /// `TRADE_CLOSED` without a refund: close the unpaid order.
    Closed,
    /// A refund, by its number (`out_biz_no`, `out_request_no`, or the `out_trade_no` when the
    /// refund was made without one).
    Refund(String),
}

impl Transition {
    /// The trade status a message carries, and its refund number when it is about a refund.
    fn of(status: Option<&TradeStatus>, refund_no: Option<&str>) -> Option<Transition> {
        if let Some(refund_no) = refund_no {
            return Some(Transition::Refund(refund_no.to_string()));
        }
        match status? {
            status if status.is_paid() => Some(Transition::Paid),
            TradeStatus::TradeClosed => Some(Transition::Closed),
            _ => None,
        }
    }
}

impl fmt::Display for Transition {
    /// The ledger's `transition` column: `PAID`, `CLOSED` or `REFUND:<number>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transition::Paid => f.write_str("PAID"),
            Transition::Closed => f.write_str("CLOSED"),
            Transition::Refund(number) => write!(f, "REFUND:{number}"),
        }
    }
}

/// The ledger row of one delivery, without what only the caller knows (when it arrived, the
/// reply, whether the merchant's callback ran, the raw body). Field names are the table's
/// column names; `transition` is what the row applies if it wins the unique constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    /// `notify`, `return` or `query`.
    pub source: String,
    /// The message's `app_id`; for legacy messages without one, the `seller_id`; else `""`.
    pub app_id: String,
    /// `notify_id` (the same on every retry of one notification).
    pub notify_id: Option<String>,
    /// `notify_type`; for a query, the method called.
    pub notify_type: Option<String>,
    /// The merchant's order number.
    pub out_trade_no: Option<String>,
    /// Alipay's trade number.
    pub trade_no: Option<String>,
    /// The refund's number (`out_biz_no`, or a refund query's `out_request_no`).
    pub out_biz_no: Option<String>,
    /// `trade_status` as sent.
    pub trade_status: Option<String>,
    /// `total_amount` in fen.
    pub total_amount_fen: Option<i64>,
    /// `receipt_amount` in fen.
    pub receipt_amount_fen: Option<i64>,
    /// `buyer_pay_amount` in fen.
    pub buyer_pay_amount_fen: Option<i64>,
    /// `refund_fee` in fen (a refund query's `refund_amount`).
    pub refund_fee_fen: Option<i64>,
    /// `verified` or `rejected`.
    pub verdict: String,
    /// The stable error name of a rejected delivery.
    pub error_name: Option<String>,
    /// The rule that verified: `v1`, `v2`, `wap`, `md5` (`None` for a query answer).
    pub rule: Option<String>,
    /// The algorithm that verified.
    pub sign_type: Option<String>,
    /// The fingerprint of the Alipay key that verified.
    pub key_fingerprint: Option<String>,
    /// Lower-case hex SHA-256 of the raw body exactly as received.
    pub body_sha256: String,
    /// The transition this delivery applies if no earlier one did.
    pub transition: Option<String>,
}

impl LedgerEntry {
    /// The row of a verified notify_url or return_url message. `body` is the raw body (or
    /// query) it was verified from. A return_url message is display only: it never has a
    /// transition, whatever it says.
    pub fn for_notification(notification: &Notification, body: &[u8]) -> LedgerEntry {
        let text = |value: Option<&str>| value.map(String::from);
        let fen = |name: &str| notification.amount(name).ok().flatten().map(|a| a.fen());
        let verification = notification.verification();
        let is_notify = notification.kind() == MessageKind::Notify;
        let refund_no = notification
            .get("refund_fee")
            .filter(|fee| !fee.is_empty())
            .and(non_empty(notification.out_biz_no()).or(non_empty(notification.out_trade_no())));
        let transition = is_notify
            .then(|| Transition::of(notification.trade_status().as_ref(), refund_no))
            .flatten();
        LedgerEntry {
            source: notification.kind().as_str().to_string(),
            app_id: non_empty(notification.app_id())
                .or(non_empty(notification.seller_id()))
                .unwrap_or_default()
                .to_string(),
            notify_id: text(notification.notify_id()),
            notify_type: text(notification.notify_type()),
            out_trade_no: text(notification.out_trade_no()),
            trade_no: text(notification.trade_no()),
            out_biz_no: text(notification.out_biz_no()),
            trade_status: text(notification.get("trade_status")),
            total_amount_fen: fen("total_amount"),
            receipt_amount_fen: fen("receipt_amount"),
            buyer_pay_amount_fen: fen("buyer_pay_amount"),
            refund_fee_fen: fen("refund_fee"),
            verdict: "verified".into(),
            error_name: None,
            rule: Some(verification.rule.as_str().to_string()),
            sign_type: Some(verification.sign_type.as_str().to_string()),
            key_fingerprint: verification.key_fingerprint.clone(),
            body_sha256: sha256_hex(body),
            transition: transition.map(|t| t.to_string()),
        }
    }

    /// The row of a verified reconciliation answer to `request`; `body` is the response body.
    /// A paid query answer applies `PAID`, as the notification would have; a successful close
    /// applies `CLOSED`; a refund query that found the refund applies `REFUND:<out_request_no>`.
    pub fn for_trade_result(
        request: &TradeRequest,
        result: &TradeResult,
        body: &[u8],
    ) -> LedgerEntry {
        let fen = |amount: Option<crate::Amount>| amount.map(|a| a.fen());
        let refund_no = result
            .out_request_no
            .as_deref()
            .or(request.out_request_no())
            .map(String::from);
        let transition = if !result.is_success() {
            None
        } else {
            match request.method() {
                TradeMethod::Query => Transition::of(result.trade_status.as_ref(), None),
                TradeMethod::Close => Some(Transition::Closed),
                TradeMethod::RefundQuery => {
                    let refunded = result.refund_amount.is_some()
                        && matches!(
                            result.refund_status.as_deref(),
                            None | Some("REFUND_SUCCESS")
                        );
                    refunded
                        .then_some(())
                        .and(refund_no.clone())
                        .map(Transition::Refund)
                }
            }
        };
        LedgerEntry {
            source: "query".into(),
            app_id: request.app_id().to_string(),
            notify_id: None,
            notify_type: Some(request.method().as_str().to_string()),
            out_trade_no: result
                .out_trade_no
                .clone()
                .or(request.out_trade_no().map(String::from)),
            trade_no: result.trade_no.clone(),
            out_biz_no: match request.method() {
                TradeMethod::RefundQuery => refund_no,
                _ => None,
            },
            trade_status: result.trade_status.as_ref().map(|s| s.as_str().to_string()),
            total_amount_fen: fen(result.total_amount),
            receipt_amount_fen: fen(result.receipt_amount),
            buyer_pay_amount_fen: fen(result.buyer_pay_amount),
            refund_fee_fen: fen(result.refund_amount),
            verdict: "verified".into(),
            error_name: None,
            rule: None,
            sign_type: Some(result.sign_type.as_str().to_string()),
            key_fingerprint: Some(result.key_fingerprint.clone()),
            body_sha256: sha256_hex(body),
            transition: transition.map(|t| t.to_string()),
        }
    }

    /// The row of a delivery that was refused. Nothing of an unverified body is copied into it:
    /// its claims (order number, amount) are the attacker's, and the row is evidence. The
    /// body's digest (and the raw body, when the caller keeps it) say what was sent.
    pub fn rejected(source: &str, body: &[u8], error: &Error) -> LedgerEntry {
        LedgerEntry {
            source: source.to_string(),
            app_id: String::new(),
            notify_id: None,
            notify_type: None,
            out_trade_no: None,
            trade_no: None,
            out_biz_no: None,
            trade_status: None,
            total_amount_fen: None,
            receipt_amount_fen: None,
            buyer_pay_amount_fen: None,
            refund_fee_fen: None,
            verdict: "rejected".into(),
            error_name: Some(error.kind().name().to_string()),
            rule: None,
            sign_type: None,
            key_fingerprint: None,
            body_sha256: sha256_hex(body),
            transition: None,
        }
    }

    /// The row as a JSON object with the table's column names (what the bindings hand over).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a LedgerEntry always serializes")
    }
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// Lower-case hex SHA-256, the ledger's `body_sha256`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
