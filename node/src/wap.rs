//! The legacy families: `mobile.securitypay` app results, and the 消息服务 fields of a
//! notification. Legacy WAP notifications need nothing here: `verifyNotify()` reads them, and
//! their trade fields are parameters like any other.

use crate::error::{IntoJs, Result};
use crate::input::raw;
use crate::notification::Notification;
use crate::verifier::Verifier;
use napi::bindgen_prelude::Either;
use napi::{Env, JsDate};
use napi_derive::napi;

#[napi]
impl Verifier {
    /// Verifies a legacy `mobile.securitypay.pay` app result: the `result` string the Alipay app
    /// returned (`partner="…"&…&success="true"&sign_type="RSA"&sign="…"`), alone, not the whole
    /// `resultStatus`/`memo`/`result` answer. Alipay signs everything before `&sign_type=`;
    /// `RSA` results need `signTypes: ['RSA']` and, for Alipay's 1024-bit key,
    /// `minKeyBits: 1024`. The notification holds the signed pairs without their quotes.
    #[napi(
        catch_unwind,
        strict,
        ts_args_type = "result: Buffer | Uint8Array | string"
    )]
    pub fn verify_app_result(&self, result: Either<&[u8], String>) -> Result<Notification> {
        let notification = self.inner.verify_app_result(raw(&result)).js()?;
        Ok(Notification::new(notification))
    }
}

#[napi]
impl Notification {
    /// `msg_method` of a 消息服务 message (`'alipay.fund.trans.order.changed'`), or `null`.
    #[napi(catch_unwind, getter)]
    pub fn msg_method(&self) -> Option<String> {
        self.inner.msg_method().map(str::to_string)
    }

    /// `biz_content` parsed from the JSON text that was signed, or `null`. Throws
    /// `MALFORMED_INPUT` when the signed text is not JSON.
    #[napi(
        catch_unwind,
        getter,
        ts_return_type = "Record<string, unknown> | null"
    )]
    pub fn biz_content(&self) -> Result<Option<serde_json::Value>> {
        self.inner.biz_content().js()
    }

    /// `utc_timestamp` (milliseconds since 1970, UTC) as a `Date`, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn utc_timestamp<'env>(&self, env: &'env Env) -> Result<Option<JsDate<'env>>> {
        let ms = self.inner.utc_timestamp_millis().js()?;
        // At most 15 digits: well inside a Date's range and exact as a double.
        ms.map(|ms| env.create_date(ms as f64)).transpose().js()
    }

    /// `utc_timestamp` as Alipay sends it: milliseconds since 1970, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn utc_timestamp_ms(&self) -> Result<Option<i64>> {
        self.inner.utc_timestamp_millis().js()
    }
}
