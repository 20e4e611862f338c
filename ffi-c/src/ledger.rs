//! The notification ledger's row (docs/ledger.md) as JSON: the core fills it, the binding adds
//! what only it knows (when the delivery arrived, the reply, whether the order changed) and
//! writes it with its own database driver.

use crate::boundary::{alipay_notify_error, call};
use crate::handle::{named, read_value};
use crate::notification::alipay_notify_notification;
use crate::ptr::{Out, bytes, text};
use crate::string::owned_string;
use alipay_notify::{Error, ErrorKind, LedgerEntry};
use std::ffi::c_char;

/// The ledger row of a verified notification, as a JSON object whose members are the table's
/// column names (`source`, `app_id`, `notify_id`, ..., `body_sha256`, `transition`). `body`
/// is the raw body the notification was verified from: its SHA-256 is the row's
/// `body_sha256`. `transition` is `"PAID"`, `"CLOSED"`, `"REFUND:<no>"` or null; apply it at
/// most once (docs/ledger.md §2). On success `*json_out` receives a string the caller must
/// free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_ledger_entry_json(
    notification: *const alipay_notify_notification,
    body: *const c_char,
    body_len: usize,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_ledger_entry_json";
    read_value(f, notification, named!(json_out), err_out, |n| {
        // SAFETY: the caller guarantees `body` is NULL or valid for `body_len` bytes.
        let body = unsafe { bytes(body, body_len, "body")? };
        owned_string(LedgerEntry::for_notification(&n.inner, body).to_json())
    })
}

/// The ledger row of a delivery that was refused, as JSON like
/// `alipay_notify_notification_ledger_entry_json()`: `verdict` `"rejected"`, `error_name` the
/// name of `error_code` (the status the verification returned), `body_sha256` of `body`, and
/// nothing copied from the unverified body. `source` is `"notify"`, `"return"` or `"query"`;
/// anything else, or a code that is not one of `alipay_notify_status`, is `INVALID_CONFIG`.
/// On success `*json_out` receives a string the caller must free with
/// `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_rejected_ledger_entry_json(
    source: *const c_char,
    source_len: usize,
    body: *const c_char,
    body_len: usize,
    error_code: i32,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    call("alipay_notify_rejected_ledger_entry_json", err_out, || {
        let invalid = ErrorKind::InvalidConfig;
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let source = unsafe { text(source, source_len, "source", invalid)? };
        let body = unsafe { bytes(body, body_len, "body")? };
        let out = unsafe { Out::new(json_out, "json_out")? };
        if !matches!(source, "notify" | "return" | "query") {
            let message = "source is not \"notify\", \"return\" or \"query\"";
            return Err(Error::new(invalid, message));
        }
        let kind = ErrorKind::from_code(error_code).ok_or_else(|| {
            Error::new(
                invalid,
                format!("{error_code} is not an alipay_notify status"),
            )
        })?;
        let error = Error::new(kind, "");
        out.put(owned_string(
            LedgerEntry::rejected(source, body, &error).to_json(),
        )?);
        Ok(())
    })
}
