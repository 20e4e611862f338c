//! `alipay_notify.TradeRequest` and `alipay_notify.TradeResult`: reconciliation (主动查询)
//! requests built and signed by the core, and their verified answers. No I/O here: the
//! `alipay_notify.reconcile` module POSTs the form.

use crate::convert::decimal;
use crate::error::{IntoPy, to_py};
use crate::verifier::Verifier;
use crate::{detached, input, ledger};
use alipay_notify::{AlipayTime, Amount, Error, ErrorKind, TradeRef};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

/// A reconciliation request (`alipay.trade.query`, `alipay.trade.close`,
/// `alipay.trade.fastpay.refund.query`), before it is signed. Immutable.
#[pyclass(frozen, module = "alipay_notify")]
pub struct TradeRequest {
    inner: alipay_notify::TradeRequest,
}

#[pymethods]
impl TradeRequest {
    /// `alipay.trade.query` for the order `out_trade_no` or the trade `trade_no` (one of them).
    #[staticmethod]
    #[pyo3(signature = (app_id, *, out_trade_no = None, trade_no = None))]
    fn query(app_id: &str, out_trade_no: Option<&str>, trade_no: Option<&str>) -> PyResult<Self> {
        let trade = trade_ref(out_trade_no, trade_no)?;
        Ok(alipay_notify::TradeRequest::query(app_id, trade).into())
    }

    /// `alipay.trade.close` for the order `out_trade_no` or the trade `trade_no` (one of them).
    #[staticmethod]
    #[pyo3(signature = (app_id, *, out_trade_no = None, trade_no = None))]
    fn close(app_id: &str, out_trade_no: Option<&str>, trade_no: Option<&str>) -> PyResult<Self> {
        let trade = trade_ref(out_trade_no, trade_no)?;
        Ok(alipay_notify::TradeRequest::close(app_id, trade).into())
    }

    /// `alipay.trade.fastpay.refund.query` for the refund `out_request_no` (for a refund made
    /// without one, the `out_trade_no`) of the order or trade.
    #[staticmethod]
    #[pyo3(signature = (app_id, out_request_no, *, out_trade_no = None, trade_no = None))]
    fn refund_query(
        app_id: &str,
        out_request_no: &str,
        out_trade_no: Option<&str>,
        trade_no: Option<&str>,
    ) -> PyResult<Self> {
        let trade = trade_ref(out_trade_no, trade_no)?;
        Ok(alipay_notify::TradeRequest::refund_query(app_id, trade, out_request_no).into())
    }

    /// The method called (`"alipay.trade.query"`, ...).
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method().as_str()
    }

    #[getter]
    fn app_id(&self) -> &str {
        self.inner.app_id()
    }

    /// The order number, when the request names the trade by it.
    #[getter]
    fn out_trade_no(&self) -> Option<&str> {
        self.inner.out_trade_no()
    }

    /// Alipay's trade number, when the request names the trade by it.
    #[getter]
    fn trade_no(&self) -> Option<&str> {
        match self.inner.trade() {
            TradeRef::TradeNo(value) => Some(value),
            TradeRef::OutTradeNo(_) => None,
        }
    }

    /// The refund asked about (refund query).
    #[getter]
    fn out_request_no(&self) -> Option<&str> {
        self.inner.out_request_no()
    }

    /// The unsigned parameters, in form order. `timestamp`: Beijing time as
    /// `"yyyy-MM-dd HH:mm:ss"`, an aware `datetime`, or None for now.
    #[pyo3(signature = (timestamp = None))]
    fn params(&self, timestamp: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
        self.inner.params(&beijing_time(timestamp)?).py_err()
    }

    /// The signed `application/x-www-form-urlencoded` body to POST to the gateway (RSA2 with
    /// the app's private key). `timestamp` as in `params`; Alipay refuses one more than 15
    /// minutes off.
    #[pyo3(signature = (app_private_key, timestamp = None))]
    fn signed_form(
        &self,
        py: Python<'_>,
        app_private_key: &Bound<'_, PyAny>,
        timestamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let key = input::key_text(app_private_key, "the app private key")?;
        let timestamp = beijing_time(timestamp)?;
        let inner = &self.inner;
        detached(py, || inner.signed_form(&key, &timestamp))
    }

    /// Verifies the gateway's raw answer to this request with `verifier` (Alipay's public
    /// key) and reads it. A verified business failure (`ACQ.TRADE_NOT_EXIST`) is a result; an
    /// answer that does not verify, or is about another trade, raises.
    fn verify_response(
        &self,
        py: Python<'_>,
        verifier: &Verifier,
        body: &Bound<'_, PyAny>,
    ) -> PyResult<TradeResult> {
        let core = verifier.core();
        let raw = input::raw_message(body, "body", core.max_size())?.ok_or_else(|| {
            PyTypeError::new_err("body must be bytes or str (the raw HTTP response body)")
        })?;
        let inner = &self.inner;
        let result = detached(py, || inner.verify_response(core, &raw))?;
        Ok(TradeResult {
            request: self.inner.clone(),
            result,
            body: raw.into_owned(),
        })
    }

    fn __repr__(&self) -> String {
        let trade = match self.inner.trade() {
            TradeRef::OutTradeNo(value) => format!("out_trade_no={value:?}"),
            TradeRef::TradeNo(value) => format!("trade_no={value:?}"),
        };
        format!(
            "<alipay_notify.TradeRequest {} app_id={:?} {trade}>",
            self.inner.method().as_str(),
            self.inner.app_id()
        )
    }
}

impl From<alipay_notify::TradeRequest> for TradeRequest {
    fn from(inner: alipay_notify::TradeRequest) -> Self {
        TradeRequest { inner }
    }
}

/// A verified answer to a `TradeRequest`. It keeps the request and the body, so
/// `ledger_entry()` needs no argument.
#[pyclass(frozen, module = "alipay_notify")]
pub struct TradeResult {
    request: alipay_notify::TradeRequest,
    result: alipay_notify::TradeResult,
    body: Vec<u8>,
}

#[pymethods]
impl TradeResult {
    /// The method answered.
    #[getter]
    fn method(&self) -> &'static str {
        self.result.method.as_str()
    }

    /// `"10000"` for success; `"40004"` for a business failure, with `sub_code`.
    #[getter]
    fn code(&self) -> &str {
        &self.result.code
    }

    #[getter]
    fn msg(&self) -> &str {
        &self.result.msg
    }

    /// The business error, e.g. `"ACQ.TRADE_NOT_EXIST"`.
    #[getter]
    fn sub_code(&self) -> Option<&str> {
        self.result.sub_code.as_deref()
    }

    #[getter]
    fn sub_msg(&self) -> Option<&str> {
        self.result.sub_msg.as_deref()
    }

    #[getter]
    fn out_trade_no(&self) -> Option<&str> {
        self.result.out_trade_no.as_deref()
    }

    #[getter]
    fn trade_no(&self) -> Option<&str> {
        self.result.trade_no.as_deref()
    }

    /// `trade_status` as sent (`"TRADE_SUCCESS"`, ...).
    #[getter]
    fn trade_status(&self) -> Option<&str> {
        self.result.trade_status.as_ref().map(|s| s.as_str())
    }

    /// `total_amount` in yuan, exact (`decimal.Decimal`).
    #[getter]
    fn total_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        yuan(py, self.result.total_amount)
    }

    /// `total_amount` in fen (an int).
    #[getter]
    fn total_amount_fen(&self) -> Option<i64> {
        self.result.total_amount.map(Amount::fen)
    }

    #[getter]
    fn receipt_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        yuan(py, self.result.receipt_amount)
    }

    #[getter]
    fn receipt_amount_fen(&self) -> Option<i64> {
        self.result.receipt_amount.map(Amount::fen)
    }

    #[getter]
    fn buyer_pay_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        yuan(py, self.result.buyer_pay_amount)
    }

    #[getter]
    fn buyer_pay_amount_fen(&self) -> Option<i64> {
        self.result.buyer_pay_amount.map(Amount::fen)
    }

    /// The refund's amount (refund query; None when no such refund was made).
    #[getter]
    fn refund_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        yuan(py, self.result.refund_amount)
    }

    #[getter]
    fn refund_amount_fen(&self) -> Option<i64> {
        self.result.refund_amount.map(Amount::fen)
    }

    #[getter]
    fn out_request_no(&self) -> Option<&str> {
        self.result.out_request_no.as_deref()
    }

    /// `"REFUND_SUCCESS"` when the refund was made (refund query, when Alipay sends it).
    #[getter]
    fn refund_status(&self) -> Option<&str> {
        self.result.refund_status.as_deref()
    }

    /// When the buyer paid, Beijing time as sent (`"2024-01-02 10:20:30"`).
    #[getter]
    fn send_pay_date(&self) -> Option<&str> {
        self.result.send_pay_date.as_deref()
    }

    #[getter]
    fn buyer_logon_id(&self) -> Option<&str> {
        self.result.buyer_logon_id.as_deref()
    }

    #[getter]
    fn buyer_user_id(&self) -> Option<&str> {
        self.result.buyer_user_id.as_deref()
    }

    #[getter]
    fn buyer_open_id(&self) -> Option<&str> {
        self.result.buyer_open_id.as_deref()
    }

    /// The algorithm that verified the answer.
    #[getter]
    fn sign_type(&self) -> &'static str {
        self.result.sign_type.as_str()
    }

    /// The fingerprint of the Alipay key that verified it.
    #[getter]
    fn key_fingerprint(&self) -> &str {
        &self.result.key_fingerprint
    }

    /// True when `code` is `"10000"`.
    #[getter]
    fn is_success(&self) -> bool {
        self.result.is_success()
    }

    /// True when Alipay knows no such trade (`ACQ.TRADE_NOT_EXIST`).
    #[getter]
    fn is_not_found(&self) -> bool {
        self.result.is_not_found()
    }

    /// True when the trade is paid (`TRADE_SUCCESS` or `TRADE_FINISHED`).
    #[getter]
    fn is_paid(&self) -> bool {
        self.result.is_paid()
    }

    /// The ledger row of this answer (`docs/ledger.md`): `source` `"query"`, `transition`
    /// `"PAID"` for a paid answer.
    fn ledger_entry<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let entry =
            alipay_notify::LedgerEntry::for_trade_result(&self.request, &self.result, &self.body);
        ledger::to_dict(py, &entry)
    }

    fn __repr__(&self) -> String {
        let field = |name: &str, value: Option<&str>| {
            value.map(|v| format!(" {name}={v:?}")).unwrap_or_default()
        };
        format!(
            "<alipay_notify.TradeResult {} code={:?}{}{}{}>",
            self.result.method.as_str(),
            self.result.code,
            field("sub_code", self.result.sub_code.as_deref()),
            field("out_trade_no", self.result.out_trade_no.as_deref()),
            field("trade_status", self.trade_status()),
        )
    }
}

/// Exactly one of the two ways to name a trade.
fn trade_ref(out_trade_no: Option<&str>, trade_no: Option<&str>) -> PyResult<TradeRef> {
    match (out_trade_no, trade_no) {
        (Some(value), None) => Ok(TradeRef::OutTradeNo(value.to_string())),
        (None, Some(value)) => Ok(TradeRef::TradeNo(value.to_string())),
        _ => Err(to_py(Error::new(
            ErrorKind::InvalidConfig,
            "name the trade by exactly one of out_trade_no= and trade_no=",
        ))),
    }
}

/// The request's timestamp as the gateway wants it: Beijing `yyyy-MM-dd HH:mm:ss`. A `str` is
/// passed as given (the core checks it); an aware `datetime` is converted; None is now.
fn beijing_time(timestamp: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
    let seconds = match timestamp {
        Some(text) if text.is_instance_of::<PyString>() => {
            let text = text.cast::<PyString>()?;
            return input::text(
                text,
                ErrorKind::InvalidConfig,
                "the timestamp holds a lone surrogate",
            );
        }
        Some(time) => {
            let py = time.py();
            let datetime = py.import(intern!(py, "datetime"))?.getattr("datetime")?;
            if !time.is_instance(&datetime)? || time.getattr(intern!(py, "tzinfo"))?.is_none() {
                return Err(PyTypeError::new_err(
                    "timestamp must be an aware datetime, a str in Beijing time \
                     (yyyy-MM-dd HH:mm:ss) or None",
                ));
            }
            time.call_method0(intern!(py, "timestamp"))?
                .extract::<f64>()?
                .floor() as i64
        }
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(AlipayTime::from_unix_timestamp(seconds)
        .py_err()?
        .to_string())
}

fn yuan(py: Python<'_>, amount: Option<Amount>) -> PyResult<Option<Bound<'_, PyAny>>> {
    amount
        .map(|a| decimal(py)?.call1((a.to_string(),)))
        .transpose()
}
