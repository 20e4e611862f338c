//! `TradeRequest` and `TradeResult`: the core's reconciliation requests (主动查询) and their
//! verified answers. The binding builds and reads; `reconcile.js` does the HTTP POST.

use crate::error::{IntoJs, Result, error};
use crate::input::{KeyText, key_text, raw};
use crate::ledger::to_object;
use crate::verifier::Verifier;
use alipay_notify::{AlipayTime, Amount, ErrorKind, LedgerEntry, TradeRef};
use napi::bindgen_prelude::Either;
use napi_derive::napi;
use std::time::{SystemTime, UNIX_EPOCH};

/// Which trade a request names: exactly one of the two.
#[napi(object)]
pub struct TradeRefOptions {
    /// The merchant's order number.
    pub out_trade_no: Option<String>,
    /// Alipay's trade number.
    pub trade_no: Option<String>,
}

fn trade_ref(trade: TradeRefOptions, caller: &str) -> Result<TradeRef> {
    match (trade.out_trade_no, trade.trade_no) {
        (Some(no), None) => Ok(TradeRef::OutTradeNo(no)),
        (None, Some(no)) => Ok(TradeRef::TradeNo(no)),
        _ => Err(error(
            ErrorKind::InvalidConfig,
            format!("{caller}: give exactly one of outTradeNo and tradeNo"),
        )),
    }
}

/// A reconciliation request (`alipay.trade.query`, `alipay.trade.close`,
/// `alipay.trade.fastpay.refund.query`), before it is signed.
#[napi]
pub struct TradeRequest {
    inner: alipay_notify::TradeRequest,
}

#[napi]
impl TradeRequest {
    /// `alipay.trade.query` for `{ outTradeNo }` or `{ tradeNo }`.
    #[napi(catch_unwind, factory)]
    pub fn query(app_id: String, trade: TradeRefOptions) -> Result<TradeRequest> {
        let trade = trade_ref(trade, "TradeRequest.query()")?;
        Ok(TradeRequest {
            inner: alipay_notify::TradeRequest::query(&app_id, trade),
        })
    }

    /// `alipay.trade.close` for `{ outTradeNo }` or `{ tradeNo }`.
    #[napi(catch_unwind, factory)]
    pub fn close(app_id: String, trade: TradeRefOptions) -> Result<TradeRequest> {
        let trade = trade_ref(trade, "TradeRequest.close()")?;
        Ok(TradeRequest {
            inner: alipay_notify::TradeRequest::close(&app_id, trade),
        })
    }

    /// `alipay.trade.fastpay.refund.query` for the refund `outRequestNo` of a trade.
    #[napi(catch_unwind, factory)]
    pub fn refund_query(
        app_id: String,
        out_request_no: String,
        trade: TradeRefOptions,
    ) -> Result<TradeRequest> {
        let trade = trade_ref(trade, "TradeRequest.refundQuery()")?;
        Ok(TradeRequest {
            inner: alipay_notify::TradeRequest::refund_query(&app_id, trade, &out_request_no),
        })
    }

    /// The method: `'alipay.trade.query'`, ...
    #[napi(catch_unwind, getter)]
    pub fn method(&self) -> &'static str {
        self.inner.method().as_str()
    }

    /// The app the request is signed for.
    #[napi(catch_unwind, getter)]
    pub fn app_id(&self) -> String {
        self.inner.app_id().to_string()
    }

    /// The order number, when the request names the trade by it.
    #[napi(catch_unwind, getter)]
    pub fn out_trade_no(&self) -> Option<String> {
        self.inner.out_trade_no().map(String::from)
    }

    /// The refund asked about (refund query).
    #[napi(catch_unwind, getter)]
    pub fn out_request_no(&self) -> Option<String> {
        self.inner.out_request_no().map(String::from)
    }

    /// The signed form body to POST to the gateway (RSA2, rule v2). `timestamp` is Beijing
    /// time `yyyy-MM-dd HH:mm:ss`; by default now, by this machine's clock.
    #[napi(
        catch_unwind,
        ts_args_type = "appPrivateKey: string | Buffer, timestamp?: string | null"
    )]
    pub fn signed_form(
        &self,
        app_private_key: KeyText,
        timestamp: Option<String>,
    ) -> Result<String> {
        let key = key_text(app_private_key, "the app private key")?;
        let timestamp = match timestamp {
            Some(timestamp) => timestamp,
            None => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64);
                AlipayTime::from_unix_timestamp(now).js()?.to_string()
            }
        };
        self.inner.signed_form(&key, &timestamp).js()
    }

    /// Verifies the gateway's answer to this request (the response body, byte-exact) and
    /// reads it. A business failure (`ACQ.TRADE_NOT_EXIST`) is a result, not an error.
    #[napi(
        catch_unwind,
        ts_args_type = "verifier: Verifier, body: Buffer | Uint8Array | string"
    )]
    pub fn verify_response(
        &self,
        verifier: &Verifier,
        body: Either<&[u8], String>,
    ) -> Result<TradeResult> {
        let body = raw(&body);
        let result = self.inner.verify_response(&verifier.inner, body).js()?;
        let entry = LedgerEntry::for_trade_result(&self.inner, &result, body);
        Ok(TradeResult {
            inner: result,
            entry,
        })
    }
}

/// A verified answer to a TradeRequest. Amounts come in fen (`totalAmountFen`) and as the yuan
/// strings Alipay sent (`totalAmount`); fields the answer left out are `null`.
#[napi]
pub struct TradeResult {
    inner: alipay_notify::TradeResult,
    // Built at verification, while the request and the body are at hand.
    entry: LedgerEntry,
}

fn yuan(amount: Option<Amount>) -> Option<String> {
    amount.map(|a| a.to_string())
}

fn fen(amount: Option<Amount>) -> Option<i64> {
    amount.map(|a| a.fen())
}

#[napi]
impl TradeResult {
    /// The method answered.
    #[napi(catch_unwind, getter)]
    pub fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// `'10000'` for success; `'40004'` for a business failure, with `subCode`.
    #[napi(catch_unwind, getter)]
    pub fn code(&self) -> String {
        self.inner.code.clone()
    }

    /// Alipay's message for `code`.
    #[napi(catch_unwind, getter)]
    pub fn msg(&self) -> String {
        self.inner.msg.clone()
    }

    /// The business error, e.g. `'ACQ.TRADE_NOT_EXIST'`.
    #[napi(catch_unwind, getter)]
    pub fn sub_code(&self) -> Option<String> {
        self.inner.sub_code.clone()
    }

    /// Alipay's explanation of `subCode`.
    #[napi(catch_unwind, getter)]
    pub fn sub_msg(&self) -> Option<String> {
        self.inner.sub_msg.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn out_trade_no(&self) -> Option<String> {
        self.inner.out_trade_no.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn trade_no(&self) -> Option<String> {
        self.inner.trade_no.clone()
    }

    /// `'WAIT_BUYER_PAY'`, `'TRADE_SUCCESS'`, ... as sent (query).
    #[napi(catch_unwind, getter)]
    pub fn trade_status(&self) -> Option<String> {
        self.inner
            .trade_status
            .as_ref()
            .map(|s| s.as_str().to_string())
    }

    /// The order amount as sent, yuan (`'88.00'`).
    #[napi(catch_unwind, getter)]
    pub fn total_amount(&self) -> Option<String> {
        yuan(self.inner.total_amount)
    }

    /// The order amount in fen.
    #[napi(catch_unwind, getter)]
    pub fn total_amount_fen(&self) -> Option<i64> {
        fen(self.inner.total_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn receipt_amount(&self) -> Option<String> {
        yuan(self.inner.receipt_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn receipt_amount_fen(&self) -> Option<i64> {
        fen(self.inner.receipt_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn buyer_pay_amount(&self) -> Option<String> {
        yuan(self.inner.buyer_pay_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn buyer_pay_amount_fen(&self) -> Option<i64> {
        fen(self.inner.buyer_pay_amount)
    }

    /// The refund's amount (refund query).
    #[napi(catch_unwind, getter)]
    pub fn refund_amount(&self) -> Option<String> {
        yuan(self.inner.refund_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn refund_amount_fen(&self) -> Option<i64> {
        fen(self.inner.refund_amount)
    }

    #[napi(catch_unwind, getter)]
    pub fn out_request_no(&self) -> Option<String> {
        self.inner.out_request_no.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn refund_status(&self) -> Option<String> {
        self.inner.refund_status.clone()
    }

    /// When the buyer paid, Beijing time, as sent.
    #[napi(catch_unwind, getter)]
    pub fn send_pay_date(&self) -> Option<String> {
        self.inner.send_pay_date.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn buyer_logon_id(&self) -> Option<String> {
        self.inner.buyer_logon_id.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn buyer_user_id(&self) -> Option<String> {
        self.inner.buyer_user_id.clone()
    }

    #[napi(catch_unwind, getter)]
    pub fn buyer_open_id(&self) -> Option<String> {
        self.inner.buyer_open_id.clone()
    }

    /// The algorithm that verified the answer.
    #[napi(catch_unwind, getter)]
    pub fn sign_type(&self) -> &'static str {
        self.inner.sign_type.as_str()
    }

    /// The fingerprint of the Alipay key that verified it.
    #[napi(catch_unwind, getter)]
    pub fn key_fingerprint(&self) -> String {
        self.inner.key_fingerprint.clone()
    }

    /// True when `code` is `'10000'`.
    #[napi(catch_unwind, getter)]
    pub fn is_success(&self) -> bool {
        self.inner.is_success()
    }

    /// True when Alipay knows no such trade (`ACQ.TRADE_NOT_EXIST`).
    #[napi(catch_unwind, getter)]
    pub fn is_not_found(&self) -> bool {
        self.inner.is_not_found()
    }

    /// True when the trade is paid (`TRADE_SUCCESS` or `TRADE_FINISHED`).
    #[napi(catch_unwind, getter)]
    pub fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }

    /// The transition this answer applies (`PAID`, `CLOSED`, `REFUND:<no>`) or null.
    #[napi(catch_unwind, getter)]
    pub fn transition(&self) -> Option<String> {
        self.entry.transition.clone()
    }

    /// The ledger row of this answer (source `query`), as the core builds it.
    #[napi(catch_unwind, ts_return_type = "import('./ledger/index').LedgerEntry")]
    pub fn ledger_entry(&self) -> serde_json::Value {
        to_object(&self.entry)
    }
}
