//! `alipay_notify.Notification`: a read-only Mapping of exactly the signed parameters, with
//! typed properties. Amounts become `decimal.Decimal`, times aware `datetime`s in +08:00.

use crate::convert::{decimal, json_to_py, shanghai_datetime};
use crate::error::{IntoPy, to_py};
use alipay_notify::{AlipayTime, Amount, EmptyValues, Error, ErrorKind};
use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyInt, PyList, PyMapping, PyString};

/// A verified Alipay message. Only signed parameters are in it: `sign`, unsigned extras and
/// (under rule V1) `sign_type` are not.
#[pyclass(frozen, mapping, module = "alipay_notify")]
pub struct Notification {
    inner: alipay_notify::Notification,
}

impl From<alipay_notify::Notification> for Notification {
    fn from(inner: alipay_notify::Notification) -> Self {
        Notification { inner }
    }
}

#[pymethods]
impl Notification {
    fn __getitem__(&self, name: &str) -> PyResult<&str> {
        self.inner
            .get(name)
            .ok_or_else(|| PyKeyError::new_err(name.to_string()))
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __contains__(&self, name: &Bound<'_, PyAny>) -> bool {
        name.cast::<PyString>()
            .ok()
            .and_then(|n| n.to_cow().ok())
            .is_some_and(|n| self.inner.get(&n).is_some())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.inner.params().map(|(name, _)| name))?
            .as_any()
            .try_iter()
            .map(Bound::into_any)
    }

    fn __eq__<'py>(&self, py: Python<'py>, other: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        if let Ok(other) = other.cast::<Notification>() {
            let equal = self.inner.params().eq(other.get().inner.params());
            return Ok(equal.into_pyobject(py)?.to_owned().into_any().unbind());
        }
        if other.cast::<PyMapping>().is_ok() {
            let equal = self.to_dict(py)?.eq(other)?;
            return Ok(equal.into_pyobject(py)?.to_owned().into_any().unbind());
        }
        Ok(py.NotImplemented())
    }

    /// The value of a signed parameter, or `default`.
    #[pyo3(signature = (key, default = None, /))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        key: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let value = key
            .cast::<PyString>()
            .ok()
            .and_then(|n| n.to_cow().ok())
            .and_then(|n| self.inner.get(&n).map(|v| PyString::new(py, v).into_any()));
        Ok(value.or(default))
    }

    fn keys<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        view(slf, "KeysView")
    }

    fn values<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        view(slf, "ValuesView")
    }

    fn items<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        view(slf, "ItemsView")
    }

    /// The signed parameters as a new `dict`, in message order.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in self.inner.params() {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    /// The signed parameters as one JSON object, in message order.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        let field = |name: &str| {
            self.inner
                .get(name)
                .map(|v| format!(" {name}={v:?}"))
                .unwrap_or_default()
        };
        format!(
            "<alipay_notify.Notification {}{}{}{}>",
            self.inner.kind().as_str(),
            field("out_trade_no"),
            field("trade_status"),
            field("total_amount"),
        )
    }

    // How it verified.

    /// `"notify"` or `"return"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// The canonicalization rule that verified: `"v1"`, `"v2"` or `"md5"`.
    #[getter]
    fn rule(&self) -> &'static str {
        self.inner.verification().rule.as_str()
    }

    /// The algorithm that verified: `"RSA2"`, `"RSA"` or `"MD5"`.
    #[getter]
    fn sign_type(&self) -> &'static str {
        self.inner.verification().sign_type.as_str()
    }

    /// The charset of the signed bytes (`"utf-8"`, `"GBK"`, `"GB18030"`).
    #[getter]
    fn charset(&self) -> &'static str {
        self.inner.verification().charset.label()
    }

    /// True when empty values were part of the signed content (a non-standard signer).
    #[getter]
    fn empty_values_signed(&self) -> bool {
        self.inner.verification().empty_values == EmptyValues::Kept
    }

    /// Index of the configured key that verified (None for MD5).
    #[getter]
    fn key_index(&self) -> Option<usize> {
        self.inner.verification().key_index
    }

    /// Fingerprint of the key that verified (None for MD5).
    #[getter]
    fn key_fingerprint(&self) -> Option<&str> {
        self.inner.verification().key_fingerprint.as_deref()
    }

    // Typed fields.

    /// `trade_status` as sent (`"TRADE_SUCCESS"`, ...); None in return_url messages.
    #[getter]
    fn trade_status(&self) -> Option<&str> {
        self.inner.get("trade_status")
    }

    /// True when `trade_status` is `TRADE_SUCCESS` or `TRADE_FINISHED`, the only statuses
    /// that mean paid.
    #[getter]
    fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }

    #[getter]
    fn notify_type(&self) -> Option<&str> {
        self.inner.notify_type()
    }

    /// Identical across Alipay's retries of one notification: an idempotency key.
    #[getter]
    fn notify_id(&self) -> Option<&str> {
        self.inner.notify_id()
    }

    #[getter]
    fn app_id(&self) -> Option<&str> {
        self.inner.app_id()
    }

    #[getter]
    fn auth_app_id(&self) -> Option<&str> {
        self.inner.auth_app_id()
    }

    #[getter]
    fn seller_id(&self) -> Option<&str> {
        self.inner.seller_id()
    }

    #[getter]
    fn seller_email(&self) -> Option<&str> {
        self.inner.seller_email()
    }

    #[getter]
    fn buyer_id(&self) -> Option<&str> {
        self.inner.buyer_id()
    }

    #[getter]
    fn buyer_logon_id(&self) -> Option<&str> {
        self.inner.buyer_logon_id()
    }

    #[getter]
    fn trade_no(&self) -> Option<&str> {
        self.inner.trade_no()
    }

    #[getter]
    fn out_trade_no(&self) -> Option<&str> {
        self.inner.out_trade_no()
    }

    #[getter]
    fn out_biz_no(&self) -> Option<&str> {
        self.inner.out_biz_no()
    }

    #[getter]
    fn subject(&self) -> Option<&str> {
        self.inner.subject()
    }

    #[getter]
    fn body(&self) -> Option<&str> {
        self.inner.body()
    }

    #[getter]
    fn passback_params(&self) -> Option<&str> {
        self.inner.passback_params()
    }

    /// `total_amount` in yuan, exact.
    #[getter]
    fn total_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.total_amount())
    }

    /// `total_amount` in fen (an int: 88.00 yuan is 8800).
    #[getter]
    fn total_amount_fen(&self) -> PyResult<Option<i64>> {
        Ok(self.inner.total_amount().py_err()?.map(Amount::fen))
    }

    #[getter]
    fn receipt_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.receipt_amount())
    }

    #[getter]
    fn invoice_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.invoice_amount())
    }

    #[getter]
    fn buyer_pay_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.buyer_pay_amount())
    }

    #[getter]
    fn point_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.point_amount())
    }

    #[getter]
    fn refund_fee<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.refund_fee())
    }

    /// The order amount: `total_amount`, or `total_fee` in legacy mapi messages.
    #[getter]
    fn order_amount<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.order_amount())
    }

    /// The order amount in fen.
    #[getter]
    fn order_amount_fen(&self) -> PyResult<Option<i64>> {
        Ok(self.inner.order_amount().py_err()?.map(Amount::fen))
    }

    /// Any amount parameter by name, in yuan (None when the message has no such parameter).
    fn amount<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        decimal_of(py, self.inner.amount(name))
    }

    /// Any amount parameter by name, in fen.
    fn amount_fen(&self, name: &str) -> PyResult<Option<i64>> {
        Ok(self.inner.amount(name).py_err()?.map(Amount::fen))
    }

    #[getter]
    fn notify_time<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of(py, self.inner.notify_time())
    }

    #[getter]
    fn gmt_create<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of(py, self.inner.gmt_create())
    }

    #[getter]
    fn gmt_payment<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of(py, self.inner.gmt_payment())
    }

    #[getter]
    fn gmt_refund<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of(py, self.inner.gmt_refund())
    }

    #[getter]
    fn gmt_close<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        datetime_of(py, self.inner.gmt_close())
    }

    /// `fund_bill_list` parsed from its signed JSON text (a list of dicts).
    #[getter]
    fn fund_bill_list<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .fund_bill_list()
            .py_err()?
            .map(|value| json_to_py(py, &value))
            .transpose()
    }

    /// `msg_method` of a 消息服务 message, e.g. `alipay.fund.trans.order.changed`.
    #[getter]
    fn msg_method(&self) -> Option<&str> {
        self.inner.msg_method()
    }

    /// `biz_content` parsed from its signed JSON text (消息服务 and 生活号 messages).
    #[getter]
    fn biz_content<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .biz_content()
            .py_err()?
            .map(|value| json_to_py(py, &value))
            .transpose()
    }

    /// `utc_timestamp` (milliseconds since 1970) as an aware `datetime` in UTC.
    #[getter]
    fn utc_timestamp<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        crate::wap::utc_datetime(py, self.inner.utc_timestamp_millis())
    }

    /// `utc_timestamp` as Alipay sends it: milliseconds since 1970.
    #[getter]
    fn utc_timestamp_ms(&self) -> PyResult<Option<i64>> {
        self.inner.utc_timestamp_millis().py_err()
    }

    /// A 生活号 `biz_content` that Alipay encrypted for the app, decrypted with the
    /// `app_private_key` option after the signature verified; None when nothing was decrypted
    /// (`self["biz_content"]` is always the signed value).
    #[getter]
    fn decrypted_biz_content(&self) -> Option<&str> {
        self.inner.decrypted_biz_content()
    }

    /// The second step Alipay requires after the signature: the message is for this order and
    /// this amount. `total_amount` is yuan, as `str` (`"88.00"`) or `decimal.Decimal`; it is
    /// compared exactly, as fen. Raises OrderMismatch or AmountMismatch.
    fn check_order(&self, out_trade_no: &str, total_amount: &Bound<'_, PyAny>) -> PyResult<()> {
        let yuan = if let Ok(text) = total_amount.cast::<PyString>() {
            text.to_cow()?.into_owned()
        } else if total_amount.is_instance(decimal(total_amount.py())?)? {
            plain_decimal(total_amount)?
        } else {
            return Err(PyTypeError::new_err(
                "total_amount must be yuan as str or decimal.Decimal (never a float); \
                 use check_order_fen for an int amount in fen",
            ));
        };
        self.inner.check_order(out_trade_no, &yuan).py_err()
    }

    /// The ledger row of this delivery (`docs/ledger.md`) as a `dict` with the table's column
    /// names; `body` is the raw body it was verified from. What only the caller knows
    /// (`received_at`, `raw_body`, `changed_order`, `reply`) is not in it.
    fn ledger_entry<'py>(
        &self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let body = crate::ledger::body_bytes(body)?;
        let entry = alipay_notify::LedgerEntry::for_notification(&self.inner, &body);
        crate::ledger::to_dict(py, &entry)
    }

    /// `check_order` with the order amount in fen (an int).
    fn check_order_fen(
        &self,
        out_trade_no: &str,
        total_amount_fen: &Bound<'_, PyInt>,
    ) -> PyResult<()> {
        // No amount Alipay sends is beyond i64 fen: such an int is a mistake, not a mismatch.
        let fen = total_amount_fen.extract::<i64>().map_err(|_| {
            to_py(Error::new(
                ErrorKind::InvalidAmount,
                "the expected order amount is out of range",
            ))
        })?;
        self.inner
            .check_order_fen(out_trade_no, Amount::from_fen(fen))
            .py_err()
    }
}

/// A `Decimal` in plain notation, never an exponent: `Decimal("8.8E+1")` is `"88"`. An
/// exponent far from a yuan amount's is refused first: `Decimal("1E+999999999")` would
/// spell a billion digits.
fn plain_decimal(amount: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = amount.py();
    let exponent = amount
        .call_method0(intern!(py, "as_tuple"))?
        .getattr(intern!(py, "exponent"))?;
    // NaN and infinities have a str exponent, and the core refuses their text.
    if exponent
        .extract::<i64>()
        .is_ok_and(|e| !(-MAX_EXPONENT..=MAX_EXPONENT).contains(&e))
    {
        return Err(to_py(Error::new(
            ErrorKind::InvalidAmount,
            "the expected order amount: not yuan with at most two decimals",
        )));
    }
    py.get_type::<PyString>()
        .call_method1(intern!(py, "format"), ("{:f}", amount))?
        .extract()
}

/// The largest exponent `plain_decimal` spells out: more than any amount in fen, in i64.
const MAX_EXPONENT: i64 = 32;

fn view<'py>(slf: &Bound<'py, Notification>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    slf.py()
        .import("collections.abc")?
        .getattr(name)?
        .call1((slf,))
}

fn decimal_of<'py>(
    py: Python<'py>,
    amount: alipay_notify::Result<Option<Amount>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    amount
        .py_err()?
        .map(|a| decimal(py)?.call1((a.to_string(),)))
        .transpose()
}

fn datetime_of<'py>(
    py: Python<'py>,
    time: alipay_notify::Result<Option<AlipayTime>>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    time.py_err()?
        .map(|t| shanghai_datetime(py, &t))
        .transpose()
}
