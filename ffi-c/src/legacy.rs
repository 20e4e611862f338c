//! Legacy mapi: the remote `notify_verify` check. The library builds the URL and reads the
//! answer; the caller does the HTTP GET with its own client.

use crate::boundary::{alipay_notify_error, call};
use crate::ptr::{Out, bytes, optional_text, text};
use crate::string::owned_string;
use alipay_notify::{ErrorKind, legacy};
use std::ffi::c_char;

/// The URL of the `notify_verify` check for a legacy notification: GET it and pass the body of
/// the answer to `alipay_notify_legacy_classify_notify_verify()`. `gateway` may be NULL for
/// Alipay's (`https://mapi.alipay.com/gateway.do`); `partner` is the partner id (2088...) and
/// `notify_id` the notification's decoded `notify_id`, encoded exactly once here. On success
/// `*url_out` receives a string the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_legacy_notify_verify_url(
    gateway: *const c_char,
    gateway_len: usize,
    partner: *const c_char,
    partner_len: usize,
    notify_id: *const c_char,
    notify_id_len: usize,
    url_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    call("alipay_notify_legacy_notify_verify_url", err_out, || {
        // SAFETY (all four): the caller guarantees each pointer is NULL or valid.
        let config = ErrorKind::InvalidConfig;
        let gateway = unsafe { optional_text(gateway, gateway_len, "gateway", config)? };
        let partner = unsafe { text(partner, partner_len, "partner", config)? };
        let notify_id = unsafe { text(notify_id, notify_id_len, "notify_id", config)? };
        let out = unsafe { Out::new(url_out, "url_out")? };
        out.put(owned_string(legacy::notify_verify_url(
            gateway, partner, notify_id,
        )?)?);
        Ok(())
    })
}

/// Reads the body `notify_verify` answered: returns 0 for `true`; `NOTIFY_VERIFY_REJECTED` for
/// `false` (not sent by Alipay, or the notify_id expired); `NOTIFY_VERIFY_INVALID` for
/// `invalid` (wrong partner id); `NOTIFY_VERIFY_UNEXPECTED` for anything else.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_legacy_classify_notify_verify(
    answer: *const c_char,
    answer_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    call(
        "alipay_notify_legacy_classify_notify_verify",
        err_out,
        || {
            // SAFETY: the caller guarantees `answer` is NULL or valid for `answer_len` bytes.
            let answer = unsafe { bytes(answer, answer_len, "answer")? };
            // Replacement characters can never spell true, false or invalid, so a lossy reading
            // classifies bytes that are not UTF-8 as unexpected, which they are.
            legacy::classify_notify_verify(&String::from_utf8_lossy(answer))
        },
    )
}
