//! `Notification`: a verified message, exactly its signed parameters, with typed getters.

use crate::error::{IntoJs, Result};
use alipay_notify::AlipayTime;
use napi::bindgen_prelude::{JsObjectValue, Object};
use napi::{Env, JsDate};
use napi_derive::napi;

/// How a notification verified.
#[napi(object)]
pub struct Verification {
    /// `'notify'` (notify_url POST) or `'return'` (return_url redirect).
    #[napi(ts_type = "'notify' | 'return'")]
    pub kind: String,
    /// The canonicalization rule that verified: `'v1'`, `'v2'` or `'md5'`; `'wap'` (a legacy
    /// WAP notification's fixed order) or `'app_result'` (a mobile.securitypay app result).
    #[napi(ts_type = "'v1' | 'v2' | 'md5' | 'wap' | 'app_result'")]
    pub rule: String,
    /// Whether empty values were signed: `'skipped'` (Alipay's rule) or `'kept'`.
    #[napi(ts_type = "'skipped' | 'kept'")]
    pub empty_values: String,
    /// The algorithm that verified: `'RSA2'`, `'RSA'`, `'SM2'` or `'MD5'`.
    #[napi(ts_type = "'RSA2' | 'RSA' | 'SM2' | 'MD5'")]
    pub sign_type: String,
    /// The charset of the signed bytes: `'utf-8'`, `'GBK'`, ...
    pub charset: String,
    /// Index of the configured public key that verified (absent for MD5).
    pub key_index: Option<u32>,
    /// Fingerprint of the key that verified (absent for MD5).
    pub key_fingerprint: Option<String>,
}

/// A verified Alipay message: exactly the signed parameters (never `sign`), as text, in message
/// order. Values are strings as signed; typed getters read the common fields. Created by
/// `Verifier.verifyNotify()` and `verifyReturn()`.
#[napi]
pub struct Notification {
    pub(crate) inner: alipay_notify::Notification,
}

impl Notification {
    pub(crate) fn new(inner: alipay_notify::Notification) -> Notification {
        Notification { inner }
    }

    fn text(&self, name: &str) -> Option<String> {
        self.inner.get(name).map(str::to_string)
    }
}

fn date<'env>(env: &'env Env, time: Option<AlipayTime>) -> napi::Result<Option<JsDate<'env>>> {
    time.map(|t| env.create_date(t.unix_timestamp() as f64 * 1000.0))
        .transpose()
}

#[napi]
impl Notification {
    /// The value of a signed parameter, or `null` when the message did not sign one.
    #[napi(catch_unwind, strict)]
    pub fn get(&self, name: String) -> Option<String> {
        self.text(&name)
    }

    /// True when the message signed a parameter of this name.
    #[napi(catch_unwind, strict)]
    pub fn has(&self, name: String) -> bool {
        self.inner.get(&name).is_some()
    }

    /// Every signed parameter as `[name, value]`, in message order.
    #[napi(catch_unwind, ts_return_type = "Array<[string, string]>")]
    pub fn entries(&self) -> Vec<Vec<String>> {
        self.inner
            .params()
            .map(|(name, value)| vec![name.to_string(), value.to_string()])
            .collect()
    }

    /// How many parameters were signed.
    #[napi(catch_unwind, getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// The signed parameters as one object, in message order (what `JSON.stringify` shows).
    #[napi(
        catch_unwind,
        js_name = "toJSON",
        ts_return_type = "Record<string, string>"
    )]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Object<'env>> {
        let mut object = Object::new(env)?;
        for (name, value) in self.inner.params() {
            object.set_named_property(name, value)?;
        }
        Ok(object)
    }

    /// How the message verified.
    #[napi(catch_unwind, getter)]
    pub fn verification(&self) -> Verification {
        let v = self.inner.verification();
        Verification {
            kind: v.kind.as_str().to_string(),
            rule: v.rule.as_str().to_string(),
            empty_values: v.empty_values.as_str().to_string(),
            sign_type: v.sign_type.as_str().to_string(),
            charset: v.charset.label().to_string(),
            key_index: v.key_index.map(|i| i as u32),
            key_fingerprint: v.key_fingerprint.clone(),
        }
    }

    /// `'notify'` or `'return'`.
    #[napi(catch_unwind, getter, ts_return_type = "'notify' | 'return'")]
    pub fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// `trade_status` as sent (`'TRADE_SUCCESS'`, ...); `null` in return_url messages.
    #[napi(catch_unwind, getter)]
    pub fn trade_status(&self) -> Option<String> {
        self.text("trade_status")
    }

    /// True when `trade_status` is `TRADE_SUCCESS` or `TRADE_FINISHED`, the only statuses that
    /// mean paid.
    #[napi(catch_unwind, getter)]
    pub fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }

    /// The order amount exactly as signed (`'88.00'`): `total_amount`, or `total_fee` in legacy
    /// mapi messages. Compare amounts with `totalAmountFen` or `checkOrder()`, never as floats.
    #[napi(catch_unwind, getter)]
    pub fn total_amount(&self) -> Option<String> {
        self.inner.order_amount_text().map(str::to_string)
    }

    /// The order amount in fen (integer cents: `'88.00'` is 8800), or `null`. Throws
    /// `INVALID_AMOUNT` when the signed value is not yuan with at most two decimals.
    #[napi(catch_unwind, getter)]
    pub fn total_amount_fen(&self) -> Result<Option<i64>> {
        Ok(self.inner.order_amount().js()?.map(|a| a.fen()))
    }

    /// Any amount parameter (`receipt_amount`, `refund_fee`, ...) in fen, or `null` when it was
    /// not signed. Throws `INVALID_AMOUNT` for a malformed value.
    #[napi(catch_unwind, strict)]
    pub fn amount_fen(&self, name: String) -> Result<Option<i64>> {
        Ok(self.inner.amount(&name).js()?.map(|a| a.fen()))
    }

    /// The second check Alipay requires after the signature: the message is for this order
    /// (`out_trade_no`) and this amount (a yuan string such as `'88.00'`, compared as fen).
    /// Throws `ORDER_MISMATCH`, `AMOUNT_MISMATCH` or `INVALID_AMOUNT`.
    #[napi(catch_unwind, strict)]
    pub fn check_order(&self, out_trade_no: String, total_amount: String) -> Result<()> {
        self.inner.check_order(&out_trade_no, &total_amount).js()
    }

    /// `fund_bill_list`, parsed from the JSON text that was signed, or `null`.
    #[napi(
        catch_unwind,
        getter,
        ts_return_type = "Array<Record<string, unknown>> | null"
    )]
    pub fn fund_bill_list(&self) -> Result<Option<serde_json::Value>> {
        self.inner.fund_bill_list().js()
    }

    /// `notify_time` as a `Date` (Alipay writes times in +08:00), or `null`.
    #[napi(catch_unwind, getter)]
    pub fn notify_time<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        date(env, self.inner.notify_time().js()?).js()
    }

    /// `gmt_create` as a `Date`, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn gmt_create<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        date(env, self.inner.gmt_create().js()?).js()
    }

    /// `gmt_payment` as a `Date`, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn gmt_payment<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        date(env, self.inner.gmt_payment().js()?).js()
    }

    /// `gmt_refund` as a `Date` (to the second), or `null`.
    #[napi(catch_unwind, getter)]
    pub fn gmt_refund<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        date(env, self.inner.gmt_refund().js()?).js()
    }

    /// `gmt_close` as a `Date`, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn gmt_close<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        date(env, self.inner.gmt_close().js()?).js()
    }
}

/// The text getters: one per common field, `null` when the message did not sign it.
#[napi]
impl Notification {
    /// `notify_type`, for example `'trade_status_sync'`.
    #[napi(catch_unwind, getter)]
    pub fn notify_type(&self) -> Option<String> {
        self.text("notify_type")
    }

    /// `notify_id`: the same across Alipay's retries of one notification; an idempotency key.
    #[napi(catch_unwind, getter)]
    pub fn notify_id(&self) -> Option<String> {
        self.text("notify_id")
    }

    /// `app_id`: the merchant's app.
    #[napi(catch_unwind, getter)]
    pub fn app_id(&self) -> Option<String> {
        self.text("app_id")
    }

    /// `auth_app_id`: the app that was authorized (third-party apps).
    #[napi(catch_unwind, getter)]
    pub fn auth_app_id(&self) -> Option<String> {
        self.text("auth_app_id")
    }

    /// `seller_id`: the merchant's Alipay user id (2088…).
    #[napi(catch_unwind, getter)]
    pub fn seller_id(&self) -> Option<String> {
        self.text("seller_id")
    }

    /// `seller_email`.
    #[napi(catch_unwind, getter)]
    pub fn seller_email(&self) -> Option<String> {
        self.text("seller_email")
    }

    /// `buyer_id`: the buyer's Alipay user id.
    #[napi(catch_unwind, getter)]
    pub fn buyer_id(&self) -> Option<String> {
        self.text("buyer_id")
    }

    /// `buyer_logon_id`: the buyer's masked account.
    #[napi(catch_unwind, getter)]
    pub fn buyer_logon_id(&self) -> Option<String> {
        self.text("buyer_logon_id")
    }

    /// `trade_no`: Alipay's trade number.
    #[napi(catch_unwind, getter)]
    pub fn trade_no(&self) -> Option<String> {
        self.text("trade_no")
    }

    /// `out_trade_no`: the merchant's order number.
    #[napi(catch_unwind, getter)]
    pub fn out_trade_no(&self) -> Option<String> {
        self.text("out_trade_no")
    }

    /// `out_biz_no`: the merchant's refund request number.
    #[napi(catch_unwind, getter)]
    pub fn out_biz_no(&self) -> Option<String> {
        self.text("out_biz_no")
    }

    /// `subject`.
    #[napi(catch_unwind, getter)]
    pub fn subject(&self) -> Option<String> {
        self.text("subject")
    }

    /// `body`.
    #[napi(catch_unwind, getter)]
    pub fn body(&self) -> Option<String> {
        self.text("body")
    }

    /// `passback_params`, echoed as the merchant sent it.
    #[napi(catch_unwind, getter)]
    pub fn passback_params(&self) -> Option<String> {
        self.text("passback_params")
    }
}
