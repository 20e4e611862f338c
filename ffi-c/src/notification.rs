//! The verified notification handle and its accessors.

use crate::boundary::alipay_notify_error;
use crate::handle::{handle_type, named, read, read_text, read_text_ref, read_value};
use crate::ptr::{CText, CTextRef, CTexts, OptionalOut, Out, bytes, free_handle, put_text, text};
use crate::string::owned_string;
use alipay_notify::{Amount, ErrorKind, Notification, Result};
use std::ffi::c_char;

/// A verified notification or return_url message: exactly the signed parameters, as UTF-8
/// text, in message order, and how they verified. Created by the `alipay_notify_verifier_verify_*`
/// functions, freed by `alipay_notify_notification_free()`. Strings read from it are borrowed:
/// they stay valid until the notification is freed and must not be freed themselves.
pub struct alipay_notify_notification {
    pub(crate) inner: Notification,
    /// Each parameter's name and value, NUL-terminated for C, in message order: the name of
    /// parameter `i` is text `2 * i`, its value text `2 * i + 1`.
    params: CTexts,
    kind: CText,
    rule: CText,
    empty_values: CText,
    sign_type: CText,
    charset: CText,
    key_fingerprint: Option<CText>,
    /// A 生活号 `biz_content` decrypted with the `app_private_key` option (`crate::aes`).
    decrypted_biz_content: Option<CText>,
}

impl alipay_notify_notification {
    pub(crate) fn new(inner: Notification) -> alipay_notify_notification {
        let v = inner.verification();
        alipay_notify_notification {
            params: {
                let mut texts = CTexts::with_capacity(
                    inner.params().map(|(n, v)| n.len() + v.len()).sum(),
                    2 * inner.len(),
                );
                for (name, value) in inner.params() {
                    texts.push(name);
                    texts.push(value);
                }
                texts
            },
            kind: CText::new(v.kind.as_str()),
            rule: CText::new(v.rule.as_str()),
            empty_values: CText::new(v.empty_values.as_str()),
            sign_type: CText::new(v.sign_type.as_str()),
            charset: CText::new(v.charset.label()),
            key_fingerprint: v.key_fingerprint.as_deref().map(CText::new),
            decrypted_biz_content: inner.decrypted_biz_content().map(CText::new),
            inner,
        }
    }

    pub(crate) fn decrypted_biz_content(&self) -> Option<&CText> {
        self.decrypted_biz_content.as_ref()
    }

    pub(crate) fn param(&self, name: &[u8]) -> Option<CTextRef<'_>> {
        let index = self
            .inner
            .params()
            .position(|(n, _)| n.as_bytes() == name)?;
        self.params.get(2 * index + 1)
    }
}

handle_type!(alipay_notify_notification, "notification");

/// Frees a notification and every string borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_free(
    notification: *mut alipay_notify_notification,
) {
    // SAFETY: the caller guarantees `notification` is NULL or a handle from this library.
    unsafe { free_handle(notification) }
}

/// Reads the signed parameter `name`. On success `*value_out` points to its value, borrowed
/// from the notification and NUL-terminated, and `*value_len_out` (when `value_len_out` is not
/// NULL) is its length in bytes. When the message has no such signed parameter, the call still
/// succeeds and writes NULL and 0: an unsigned parameter is never visible here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_get(
    notification: *const alipay_notify_notification,
    name: *const c_char,
    name_len: usize,
    value_out: *mut *const c_char,
    value_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_get";
    read_text_ref(
        f,
        notification,
        named!(value_out),
        value_len_out,
        err_out,
        |n| {
            // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
            Ok(n.param(unsafe { bytes(name, name_len, "name")? }))
        },
    )
}

/// The number of signed parameters, for iterating with `alipay_notify_notification_param()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_param_count(
    notification: *const alipay_notify_notification,
    count_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_param_count";
    read_value(f, notification, named!(count_out), err_out, |n| {
        Ok(n.inner.len())
    })
}

/// The signed parameter at `index` (message order). On success `*name_out` and `*value_out`
/// point to borrowed, NUL-terminated text, with lengths in `*name_len_out` and
/// `*value_len_out` when those are not NULL. For an index at or past the end, the call
/// succeeds and writes NULL and 0, so a loop can also stop on NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_param(
    notification: *const alipay_notify_notification,
    index: usize,
    name_out: *mut *const c_char,
    name_len_out: *mut usize,
    value_out: *mut *const c_char,
    value_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    read(
        "alipay_notify_notification_param",
        notification,
        err_out,
        |n| {
            // SAFETY (all four): the caller guarantees each pointer is NULL or valid.
            let name_out = unsafe { Out::new(name_out, "name_out")? };
            let value_out = unsafe { Out::new(value_out, "value_out")? };
            let name_len_out = unsafe { OptionalOut::new(name_len_out) };
            let value_len_out = unsafe { OptionalOut::new(value_len_out) };
            let (name, value) = match index.checked_mul(2) {
                Some(at) => (n.params.get(at), n.params.get(at + 1)),
                None => (None, None),
            };
            put_text(name, name_out, name_len_out);
            put_text(value, value_out, value_len_out);
            Ok(())
        },
    )
}

/// The signed parameters as one JSON object, in message order. On success `*json_out`
/// receives a string the caller owns and must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_to_json(
    notification: *const alipay_notify_notification,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_to_json";
    read_value(f, notification, named!(json_out), err_out, |n| {
        owned_string(n.inner.to_json())
    })
}

/// How the message arrived: `"notify"` (notify_url, authoritative) or `"return"`
/// (return_url, for display only). Borrowed from the notification; the length goes to
/// `*kind_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_kind(
    notification: *const alipay_notify_notification,
    kind_out: *mut *const c_char,
    kind_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_kind";
    read_text(
        f,
        notification,
        named!(kind_out),
        kind_len_out,
        err_out,
        |n| Ok(Some(&n.kind)),
    )
}

/// The rule that verified: `"v1"`, `"v2"` or `"md5"`. Borrowed from the notification, with
/// its length as for `alipay_notify_notification_kind()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_rule(
    notification: *const alipay_notify_notification,
    rule_out: *mut *const c_char,
    rule_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_rule";
    read_text(
        f,
        notification,
        named!(rule_out),
        rule_len_out,
        err_out,
        |n| Ok(Some(&n.rule)),
    )
}

/// Whether empty values were part of the signed content: `"skipped"` or `"kept"`. Borrowed
/// from the notification, with its length as for `alipay_notify_notification_kind()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_empty_values(
    notification: *const alipay_notify_notification,
    empty_values_out: *mut *const c_char,
    empty_values_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_empty_values";
    read_text(
        f,
        notification,
        named!(empty_values_out),
        empty_values_len_out,
        err_out,
        |n| Ok(Some(&n.empty_values)),
    )
}

/// The algorithm that verified: `"RSA2"`, `"RSA"` or `"MD5"`. Borrowed from the notification,
/// with its length as for `alipay_notify_notification_kind()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_sign_type(
    notification: *const alipay_notify_notification,
    sign_type_out: *mut *const c_char,
    sign_type_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_sign_type";
    read_text(
        f,
        notification,
        named!(sign_type_out),
        sign_type_len_out,
        err_out,
        |n| Ok(Some(&n.sign_type)),
    )
}

/// The charset of the signed bytes: `"utf-8"`, `"GBK"` or `"GB18030"` (values are always
/// returned as UTF-8). Borrowed from the notification, with its length as for
/// `alipay_notify_notification_kind()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_charset(
    notification: *const alipay_notify_notification,
    charset_out: *mut *const c_char,
    charset_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_charset";
    read_text(
        f,
        notification,
        named!(charset_out),
        charset_len_out,
        err_out,
        |n| Ok(Some(&n.charset)),
    )
}

/// The fingerprint of the key that verified, to log which key of a rotation is in use; NULL
/// and 0 for MD5 messages. Borrowed from the notification, with its length as for
/// `alipay_notify_notification_kind()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_key_fingerprint(
    notification: *const alipay_notify_notification,
    fingerprint_out: *mut *const c_char,
    fingerprint_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_key_fingerprint";
    read_text(
        f,
        notification,
        named!(fingerprint_out),
        fingerprint_len_out,
        err_out,
        |n| Ok(n.key_fingerprint.as_ref()),
    )
}

/// The index of the key that verified, in the order the keys were added; -1 for MD5
/// messages.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_key_index(
    notification: *const alipay_notify_notification,
    key_index_out: *mut i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_key_index";
    read_value(f, notification, named!(key_index_out), err_out, |n| {
        let index = n.inner.verification().key_index;
        Ok(index.and_then(|i| i64::try_from(i).ok()).unwrap_or(-1))
    })
}

/// The `trade_status` as sent (`"TRADE_SUCCESS"`, `"WAIT_BUYER_PAY"`, ...), borrowed from the
/// notification, with its length in `*trade_status_len_out` when that is not NULL. NULL and 0
/// when the message has none (return_url messages have none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_trade_status(
    notification: *const alipay_notify_notification,
    trade_status_out: *mut *const c_char,
    trade_status_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_trade_status";
    read_text_ref(
        f,
        notification,
        named!(trade_status_out),
        trade_status_len_out,
        err_out,
        |n| Ok(n.param(b"trade_status")),
    )
}

/// Whether the order is paid: true exactly for `TRADE_SUCCESS` and `TRADE_FINISHED`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_is_paid(
    notification: *const alipay_notify_notification,
    paid_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_is_paid";
    read_value(f, notification, named!(paid_out), err_out, |n| {
        Ok(n.inner.is_paid())
    })
}

/// The amount accessors: `*fen_out` and, when `present_out` is not NULL, `*present_out`.
fn read_amount(
    function: &'static str,
    notification: *const alipay_notify_notification,
    fen_out: *mut i64,
    present_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
    pick: impl FnOnce(&alipay_notify_notification) -> Result<Option<Amount>>,
) -> i32 {
    read(function, notification, err_out, |n| {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid for a write.
        let fen_out = unsafe { Out::new(fen_out, "fen_out")? };
        let present_out = unsafe { OptionalOut::new(present_out) };
        let amount = pick(n)?;
        fen_out.put(amount.map_or(0, Amount::fen));
        present_out.put(amount.is_some());
        Ok(())
    })
}

/// Reads an amount parameter by name (`"total_amount"`, `"receipt_amount"`,
/// `"buyer_pay_amount"`, `"refund_fee"`, legacy `"total_fee"`, ...) as integer fen, never a
/// float. On success `*fen_out` is the amount and `*present_out` (when not NULL) is true; when
/// the message has no such signed parameter, 0 and false. A value that is not yuan with at
/// most two decimals is `INVALID_AMOUNT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_amount_fen(
    notification: *const alipay_notify_notification,
    name: *const c_char,
    name_len: usize,
    fen_out: *mut i64,
    present_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_amount_fen";
    read_amount(f, notification, fen_out, present_out, err_out, |n| {
        // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
        let name = unsafe { bytes(name, name_len, "name")? };
        // A name that is not UTF-8 names no parameter.
        std::str::from_utf8(name).map_or(Ok(None), |name| n.inner.amount(name))
    })
}

/// The order amount in fen: `total_amount`, or `total_fee` in legacy mapi messages. Outputs
/// and errors as for `alipay_notify_notification_amount_fen()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_order_amount_fen(
    notification: *const alipay_notify_notification,
    fen_out: *mut i64,
    present_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_order_amount_fen";
    read_amount(f, notification, fen_out, present_out, err_out, |n| {
        n.inner.order_amount()
    })
}

/// The business check Alipay requires after the signature: the message is for the order
/// `out_trade_no` and pays `total_amount` (a yuan string such as `"88.00"`, compared as integer
/// fen). Returns 0 when both match, else `ORDER_MISMATCH`, `AMOUNT_MISMATCH` or
/// `INVALID_AMOUNT`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_check_order(
    notification: *const alipay_notify_notification,
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    total_amount: *const c_char,
    total_amount_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_check_order";
    read(f, notification, err_out, |n| {
        let invalid = ErrorKind::InvalidAmount;
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let order = unsafe { order_text(out_trade_no, out_trade_no_len)? };
        let amount = unsafe { text(total_amount, total_amount_len, "total_amount", invalid)? };
        n.inner.check_order(order, amount)
    })
}

/// `alipay_notify_notification_check_order()` with the order amount already in fen.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_check_order_fen(
    notification: *const alipay_notify_notification,
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    total_amount_fen: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    read(
        "alipay_notify_notification_check_order_fen",
        notification,
        err_out,
        |n| {
            // SAFETY: the caller guarantees `out_trade_no` is NULL or valid for its length.
            let order = unsafe { order_text(out_trade_no, out_trade_no_len)? };
            n.inner
                .check_order_fen(order, Amount::from_fen(total_amount_fen))
        },
    )
}

/// The expected order number. Verified values are UTF-8, so an expected number that is not
/// UTF-8 matches no message: `ORDER_MISMATCH`, the answer a comparison would give.
///
/// # Safety
/// As [`crate::ptr::bytes`].
unsafe fn order_text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str> {
    // SAFETY: forwarded contract.
    unsafe { text(ptr, len, "out_trade_no", ErrorKind::OrderMismatch) }
}
