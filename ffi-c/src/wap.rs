//! The legacy families: `mobile.securitypay` app results, and the 消息服务 fields of a
//! notification. Legacy WAP notifications need nothing here: `verify_notify` reads them, and
//! their trade fields are parameters like any other.

use crate::boundary::alipay_notify_error;
use crate::handle::{named, read, read_text_ref};
use crate::notification::alipay_notify_notification;
use crate::ptr::{OptionalOut, Out, bytes};
use crate::verifier::{alipay_notify_verifier, verify_into};
use std::ffi::c_char;

/// Verifies a legacy `mobile.securitypay.pay` app result: the `result` string the Alipay app
/// returned to the merchant's app (`partner="…"&…&success="true"&sign_type="RSA"&sign="…"`),
/// alone, not the whole `resultStatus`/`memo`/`result` answer. Alipay signs everything before
/// `&sign_type=`; `RSA` results need `RSA` among the sign types and, for Alipay's 1024-bit key,
/// `min_key_bits` 1024. On success `*notification_out` receives the signed pairs (values
/// without their quotes), kind `return`, rule `app_result`; free it with
/// `alipay_notify_notification_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_app_result(
    verifier: *const alipay_notify_verifier,
    result: *const c_char,
    result_len: usize,
    notification_out: *mut *mut alipay_notify_notification,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let function = "alipay_notify_verifier_verify_app_result";
    verify_into(function, verifier, notification_out, err_out, |verifier| {
        // SAFETY: the caller guarantees `result` is NULL or valid for `result_len` bytes.
        verifier.verify_app_result(unsafe { bytes(result, result_len, "result")? })
    })
}

/// The signed `msg_method` of a 消息服务 message (`alipay.fund.trans.order.changed`), borrowed
/// and NUL-terminated; NULL and 0 when the message has none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_msg_method(
    notification: *const alipay_notify_notification,
    msg_method_out: *mut *const c_char,
    msg_method_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_msg_method";
    read_text_ref(
        f,
        notification,
        named!(msg_method_out),
        msg_method_len_out,
        err_out,
        |n| Ok(n.param(b"msg_method")),
    )
}

/// The signed `biz_content` JSON text, borrowed and NUL-terminated, once it has been checked to
/// be JSON (`MALFORMED_INPUT` otherwise); NULL and 0 when the message has none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_biz_content(
    notification: *const alipay_notify_notification,
    json_out: *mut *const c_char,
    json_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_biz_content";
    read_text_ref(
        f,
        notification,
        named!(json_out),
        json_len_out,
        err_out,
        |n| {
            n.inner.biz_content()?;
            Ok(n.param(b"biz_content"))
        },
    )
}

/// `utc_timestamp` in milliseconds since 1970-01-01 UTC. On success `*ms_out` is the time and
/// `*present_out` (when not NULL) is true; 0 and false when the message has none. A value that
/// is not 1 to 15 digits is `MALFORMED_INPUT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_utc_timestamp_ms(
    notification: *const alipay_notify_notification,
    ms_out: *mut i64,
    present_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_utc_timestamp_ms";
    read(f, notification, err_out, |n| {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid for a write.
        let ms_out = unsafe { Out::new(ms_out, "ms_out")? };
        let present_out = unsafe { OptionalOut::new(present_out) };
        let ms = n.inner.utc_timestamp_millis()?;
        ms_out.put(ms.unwrap_or(0));
        present_out.put(ms.is_some());
        Ok(())
    })
}
