//! Reconciliation (主动查询): the signed requests of `alipay.trade.query`, `alipay.trade.close`
//! and `alipay.trade.fastpay.refund.query`, and their signed answers read into a typed result.
//!
//! No I/O here: the caller gives the time (Beijing, `yyyy-MM-dd HH:mm:ss`) and performs the
//! HTTP POST with its own client, so every binding shares one way to build and to read.

use crate::amount::Amount;
use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use crate::notify::TradeStatus;
use crate::response::VerifiedResponse;
use crate::sign_type::{Rule, SignType};
use crate::signing::Signer;
use crate::time::AlipayTime;
use crate::verifier::Verifier;
use serde_json::{Value, json};

#[cfg(test)]
mod tests;

/// Alipay's limit on `out_trade_no`, `trade_no` and `out_request_no`.
const MAX_ID_CHARS: usize = 64;

/// The OpenAPI methods a reconciliation calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeMethod {
    /// `alipay.trade.query`: the trade's status and amounts.
    Query,
    /// `alipay.trade.close`: close an unpaid trade so it can no longer be paid.
    Close,
    /// `alipay.trade.fastpay.refund.query`: one refund, by its `out_request_no`.
    RefundQuery,
}

impl TradeMethod {
    /// The method name as the gateway's `method` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            TradeMethod::Query => "alipay.trade.query",
            TradeMethod::Close => "alipay.trade.close",
            TradeMethod::RefundQuery => "alipay.trade.fastpay.refund.query",
        }
    }
}

/// Which trade a request is about: the merchant's order number or Alipay's trade number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TradeRef {
    /// The merchant's `out_trade_no`.
    OutTradeNo(String),
    /// Alipay's `trade_no`.
    TradeNo(String),
}

/// One reconciliation request, before it is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TradeRequest {
    method: TradeMethod,
    app_id: String,
    trade: TradeRef,
    out_request_no: Option<String>,
}

impl TradeRequest {
    /// `alipay.trade.query` for `trade`.
    pub fn query(app_id: &str, trade: TradeRef) -> TradeRequest {
        TradeRequest::new(TradeMethod::Query, app_id, trade, None)
    }

    /// `alipay.trade.close` for `trade`.
    pub fn close(app_id: &str, trade: TradeRef) -> TradeRequest {
        TradeRequest::new(TradeMethod::Close, app_id, trade, None)
    }

    /// `alipay.trade.fastpay.refund.query` for the refund `out_request_no` of `trade` (for a
    /// refund made without one, Alipay takes the `out_trade_no`).
    pub fn refund_query(app_id: &str, trade: TradeRef, out_request_no: &str) -> TradeRequest {
        let out_request_no = Some(out_request_no.to_string());
        TradeRequest::new(TradeMethod::RefundQuery, app_id, trade, out_request_no)
    }

    fn new(
        method: TradeMethod,
        app_id: &str,
        trade: TradeRef,
        out_request_no: Option<String>,
    ) -> TradeRequest {
        TradeRequest {
            method,
            app_id: app_id.to_string(),
            trade,
            out_request_no,
        }
    }

    /// The method called.
    pub fn method(&self) -> TradeMethod {
        self.method
    }

    /// The trade asked about.
    pub fn trade(&self) -> &TradeRef {
        &self.trade
    }

    /// The app the request is signed for.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The merchant's order number, when the request names the trade by it.
    pub fn out_trade_no(&self) -> Option<&str> {
        match &self.trade {
            TradeRef::OutTradeNo(value) => Some(value),
            TradeRef::TradeNo(_) => None,
        }
    }

    /// The refund asked about (refund query).
    pub fn out_request_no(&self) -> Option<&str> {
        self.out_request_no.as_deref()
    }

    /// The request's parameters, unsigned, in the order the form body carries them. `timestamp`
    /// is Beijing time, `yyyy-MM-dd HH:mm:ss`; Alipay refuses a request more than 15 minutes
    /// off, so the caller's clock decides, not this library.
    pub fn params(&self, timestamp: &str) -> Result<Vec<(String, String)>> {
        check_text("app_id", &self.app_id, 32)?;
        AlipayTime::parse(timestamp).map_err(|_| {
            config(format!(
                "the timestamp {:?} is not Beijing time in the form yyyy-MM-dd HH:mm:ss",
                printable_prefix(timestamp.as_bytes(), 32)
            ))
        })?;
        // Inserted in sorted key order: the text is then the same whether serde_json keeps
        // insertion order (`preserve_order`, which another crate in the build may turn on) or
        // sorts, so one request signs the same in every build.
        let mut biz = serde_json::Map::new();
        if let Some(out_request_no) = &self.out_request_no {
            check_text("out_request_no", out_request_no, MAX_ID_CHARS)?;
            biz.insert("out_request_no".into(), json!(out_request_no));
        }
        let (name, value) = match &self.trade {
            TradeRef::OutTradeNo(value) => ("out_trade_no", value),
            TradeRef::TradeNo(value) => ("trade_no", value),
        };
        check_text(name, value, MAX_ID_CHARS)?;
        biz.insert(name.into(), json!(value));
        let pairs = [
            ("app_id", self.app_id.clone()),
            ("method", self.method.as_str().to_string()),
            ("format", "JSON".into()),
            ("charset", "utf-8".into()),
            ("sign_type", SignType::Rsa2.as_str().into()),
            ("timestamp", timestamp.to_string()),
            ("version", "1.0".into()),
            ("biz_content", Value::Object(biz).to_string()),
        ];
        Ok(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// The signed `application/x-www-form-urlencoded` body to POST to the gateway: RSA2 over
    /// the sorted parameters with `sign_type` signed (rule v2), as the app gateway requires.
    pub fn signed_form(&self, app_private_key: &str, timestamp: &str) -> Result<String> {
        let params = self.params(timestamp)?;
        Signer::rsa(app_private_key, SignType::Rsa2, Rule::V2)?.signed_form(&params)
    }

    /// Verifies the gateway's answer to this request and reads it (see [`TradeResult`]).
    ///
    /// A response that does not verify, answers another method, or (when successful) is about
    /// another trade is an error; a verified business failure such as `ACQ.TRADE_NOT_EXIST` is
    /// a result whose [`TradeResult::sub_code`] says so.
    pub fn verify_response(
        &self,
        verifier: &Verifier,
        body: impl AsRef<[u8]>,
    ) -> Result<TradeResult> {
        let response = verifier.verify_response(body, Some(self.method.as_str()))?;
        let result = TradeResult::read(self.method, &response)?;
        if result.is_success() {
            self.check_same_trade(&result)?;
        }
        Ok(result)
    }

    /// A signed response names its node but not the request it answers: an answer about
    /// another trade (a cache, a proxy, a mix-up of connections) must not mark this one paid.
    /// A query's answer decides whether an order is paid, so it must name the trade asked
    /// about; the other methods' answers are checked when they name it.
    fn check_same_trade(&self, result: &TradeResult) -> Result<()> {
        let (name, wanted, got) = match &self.trade {
            TradeRef::OutTradeNo(wanted) => ("out_trade_no", wanted, &result.out_trade_no),
            TradeRef::TradeNo(wanted) => ("trade_no", wanted, &result.trade_no),
        };
        let required = self.method == TradeMethod::Query;
        check_same(name, wanted, got.as_deref(), required)?;
        match &self.out_request_no {
            Some(wanted) => check_same(
                "out_request_no",
                wanted,
                result.out_request_no.as_deref(),
                false,
            ),
            None => Ok(()),
        }
    }
}

/// A verified answer to a [`TradeRequest`]. Fields are `None` when the answer leaves them out
/// (an error answer carries only `code`, `msg`, `sub_code`, `sub_msg`).
#[derive(Debug, Clone, PartialEq)]
pub struct TradeResult {
    /// The method answered.
    pub method: TradeMethod,
    /// `10000` for success; `40004` for a business failure, with `sub_code`.
    pub code: String,
    /// Alipay's message for `code`.
    pub msg: String,
    /// The business error, e.g. `ACQ.TRADE_NOT_EXIST`.
    pub sub_code: Option<String>,
    /// Alipay's explanation of `sub_code`, as sent.
    pub sub_msg: Option<String>,
    /// The merchant's order number.
    pub out_trade_no: Option<String>,
    /// Alipay's trade number.
    pub trade_no: Option<String>,
    /// The trade's status (query).
    pub trade_status: Option<TradeStatus>,
    /// The order amount (query; refund query).
    pub total_amount: Option<Amount>,
    /// What the merchant received (query).
    pub receipt_amount: Option<Amount>,
    /// What the buyer paid (query).
    pub buyer_pay_amount: Option<Amount>,
    /// The refund's amount (refund query; absent when no such refund was made).
    pub refund_amount: Option<Amount>,
    /// The refund's number (refund query).
    pub out_request_no: Option<String>,
    /// `REFUND_SUCCESS` when the refund was made (refund query, when Alipay sends it).
    pub refund_status: Option<String>,
    /// When the buyer paid, Beijing time (query).
    pub send_pay_date: Option<String>,
    /// The buyer's masked logon id, as given.
    pub buyer_logon_id: Option<String>,
    /// The buyer's user id (2088...), as given.
    pub buyer_user_id: Option<String>,
    /// The buyer's open id (apps on open_id), as given.
    pub buyer_open_id: Option<String>,
    /// The algorithm that verified the response.
    pub sign_type: SignType,
    /// The fingerprint of the Alipay key that verified it.
    pub key_fingerprint: String,
}

impl TradeResult {
    fn read(method: TradeMethod, response: &VerifiedResponse) -> Result<TradeResult> {
        let value = response.value();
        let text = |name: &str| value.get(name).and_then(Value::as_str).map(String::from);
        let amount = |name: &str| -> Result<Option<Amount>> {
            match value.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(yuan)) => Amount::parse_yuan(yuan).map(Some).map_err(|e| {
                    Error::new(ErrorKind::InvalidAmount, format!("{name}: {}", e.message()))
                }),
                Some(_) => Err(Error::new(
                    ErrorKind::InvalidAmount,
                    format!("{name} is not a yuan amount string"),
                )),
            }
        };
        Ok(TradeResult {
            method,
            code: text("code").unwrap_or_default(),
            msg: text("msg").unwrap_or_default(),
            sub_code: text("sub_code"),
            sub_msg: text("sub_msg"),
            out_trade_no: text("out_trade_no"),
            trade_no: text("trade_no"),
            trade_status: text("trade_status").map(|s| TradeStatus::parse(&s)),
            total_amount: amount("total_amount")?,
            receipt_amount: amount("receipt_amount")?,
            buyer_pay_amount: amount("buyer_pay_amount")?,
            refund_amount: amount("refund_amount")?,
            out_request_no: text("out_request_no"),
            refund_status: text("refund_status"),
            send_pay_date: text("send_pay_date"),
            buyer_logon_id: text("buyer_logon_id"),
            buyer_user_id: text("buyer_user_id"),
            buyer_open_id: text("buyer_open_id"),
            sign_type: response.sign_type(),
            key_fingerprint: response.key_fingerprint().to_string(),
        })
    }

    /// True when `code` is `10000`.
    pub fn is_success(&self) -> bool {
        self.code == "10000"
    }

    /// True when Alipay knows no such trade (`ACQ.TRADE_NOT_EXIST`): for a query, the buyer
    /// never opened the cashier, or the order number is not this app's.
    pub fn is_not_found(&self) -> bool {
        self.sub_code.as_deref() == Some("ACQ.TRADE_NOT_EXIST")
    }

    /// True when the trade is paid (`TRADE_SUCCESS` or `TRADE_FINISHED`).
    pub fn is_paid(&self) -> bool {
        self.is_success() && self.trade_status.as_ref().is_some_and(TradeStatus::is_paid)
    }
}

/// `ORDER_MISMATCH` when the answer names another `name` than `wanted` (or none, if required).
fn check_same(name: &str, wanted: &str, got: Option<&str>, required: bool) -> Result<()> {
    let mismatch = |what: String| {
        Error::new(
            ErrorKind::OrderMismatch,
            format!(
                "the response is about {what}, not the {name} {:?} asked for",
                printable_prefix(wanted.as_bytes(), MAX_ID_CHARS)
            ),
        )
    };
    match got {
        Some(got) if got != wanted => Err(mismatch(format!(
            "{name} {:?}",
            printable_prefix(got.as_bytes(), MAX_ID_CHARS)
        ))),
        None if required => Err(mismatch(format!("no {name}"))),
        _ => Ok(()),
    }
}

fn config(message: String) -> Error {
    Error::new(ErrorKind::InvalidConfig, message)
}

/// Identifiers go into the signed request: empty, over-long or control-character values are
/// the caller's mistake, refused before anything is signed.
fn check_text(name: &str, value: &str, max_chars: usize) -> Result<()> {
    if value.is_empty() {
        return Err(config(format!("{name} is empty")));
    }
    if value.chars().count() > max_chars || value.chars().any(char::is_control) {
        return Err(config(format!(
            "{name} {:?} is not an identifier of at most {max_chars} printable characters",
            printable_prefix(value.as_bytes(), max_chars)
        )));
    }
    Ok(())
}
