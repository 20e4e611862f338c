//! Reconciliation (主动查询): the signed `alipay.trade.query`, `alipay.trade.close` and
//! `alipay.trade.fastpay.refund.query` requests, and their verified answers. The caller POSTs
//! the form with its own HTTP client; the library reads no network.

use crate::boundary::alipay_notify_error;
use crate::handle::{create, handle_type, named, read_value};
use crate::ptr::{bytes, free_handle, handle, optional_text, text};
use crate::string::owned_string;
use crate::verifier::alipay_notify_verifier;
use alipay_notify::{
    AlipayTime, Amount, Error, ErrorKind, LedgerEntry, Result, TradeRef, TradeRequest, TradeResult,
};
use serde_json::json;
use std::ffi::c_char;
use std::time::{SystemTime, UNIX_EPOCH};

/// One reconciliation request before it is signed. Created by
/// `alipay_notify_trade_request_query()`, `_close()` or `_refund_query()`, freed by
/// `alipay_notify_trade_request_free()`. Immutable; may be shared by threads.
pub struct alipay_notify_trade_request {
    inner: TradeRequest,
}

handle_type!(alipay_notify_trade_request, "request");

/// A verified answer to a trade request, with the ledger row it makes. Created by
/// `alipay_notify_trade_request_verify_response()`, freed by
/// `alipay_notify_trade_result_free()`.
pub struct alipay_notify_trade_result {
    inner: TradeResult,
    entry: LedgerEntry,
}

handle_type!(alipay_notify_trade_result, "result");

/// The trade named by exactly one of its two numbers.
///
/// # Safety
/// Each pointer NULL or valid for its length.
unsafe fn trade_ref(
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    trade_no: *const c_char,
    trade_no_len: usize,
) -> Result<TradeRef> {
    let invalid = ErrorKind::InvalidConfig;
    // SAFETY (both): forwarded contract.
    let out_trade_no =
        unsafe { optional_text(out_trade_no, out_trade_no_len, "out_trade_no", invalid)? };
    let trade_no = unsafe { optional_text(trade_no, trade_no_len, "trade_no", invalid)? };
    match (out_trade_no, trade_no) {
        (Some(no), None) => Ok(TradeRef::OutTradeNo(no.into())),
        (None, Some(no)) => Ok(TradeRef::TradeNo(no.into())),
        _ => Err(Error::new(
            invalid,
            "give exactly one of out_trade_no and trade_no",
        )),
    }
}

/// The three constructors: the app and the trade every request names, then `make`.
fn new_request(
    function: &'static str,
    (app_id, app_id_len): (*const c_char, usize),
    (out_trade_no, out_trade_no_len): (*const c_char, usize),
    (trade_no, trade_no_len): (*const c_char, usize),
    request_out: *mut *mut alipay_notify_trade_request,
    err_out: *mut *mut alipay_notify_error,
    make: impl FnOnce(&str, TradeRef) -> Result<TradeRequest>,
) -> i32 {
    create(function, request_out, err_out, || {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid for its length.
        let app_id = unsafe { text(app_id, app_id_len, "app_id", ErrorKind::InvalidConfig)? };
        let trade = unsafe { trade_ref(out_trade_no, out_trade_no_len, trade_no, trade_no_len)? };
        Ok(alipay_notify_trade_request {
            inner: make(app_id, trade)?,
        })
    })
}

/// `alipay.trade.query` for the trade named by exactly one of `out_trade_no` (the merchant's
/// order number) and `trade_no` (Alipay's); the other is NULL. Numbers are checked when the
/// request is signed. On success `*request_out` receives a handle the caller must free with
/// `alipay_notify_trade_request_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_query(
    app_id: *const c_char,
    app_id_len: usize,
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    trade_no: *const c_char,
    trade_no_len: usize,
    request_out: *mut *mut alipay_notify_trade_request,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    new_request(
        "alipay_notify_trade_request_query",
        (app_id, app_id_len),
        (out_trade_no, out_trade_no_len),
        (trade_no, trade_no_len),
        request_out,
        err_out,
        |app_id, trade| Ok(TradeRequest::query(app_id, trade)),
    )
}

/// `alipay.trade.close` for an unpaid trade; arguments as for
/// `alipay_notify_trade_request_query()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_close(
    app_id: *const c_char,
    app_id_len: usize,
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    trade_no: *const c_char,
    trade_no_len: usize,
    request_out: *mut *mut alipay_notify_trade_request,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    new_request(
        "alipay_notify_trade_request_close",
        (app_id, app_id_len),
        (out_trade_no, out_trade_no_len),
        (trade_no, trade_no_len),
        request_out,
        err_out,
        |app_id, trade| Ok(TradeRequest::close(app_id, trade)),
    )
}

/// `alipay.trade.fastpay.refund.query` for the refund `out_request_no` of the trade named as
/// for `alipay_notify_trade_request_query()` (a refund made without an `out_request_no` is
/// found by the `out_trade_no`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_refund_query(
    app_id: *const c_char,
    app_id_len: usize,
    out_request_no: *const c_char,
    out_request_no_len: usize,
    out_trade_no: *const c_char,
    out_trade_no_len: usize,
    trade_no: *const c_char,
    trade_no_len: usize,
    request_out: *mut *mut alipay_notify_trade_request,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    new_request(
        "alipay_notify_trade_request_refund_query",
        (app_id, app_id_len),
        (out_trade_no, out_trade_no_len),
        (trade_no, trade_no_len),
        request_out,
        err_out,
        |app_id, trade| {
            let invalid = ErrorKind::InvalidConfig;
            // SAFETY: the caller guarantees `out_request_no` is NULL or valid for its length.
            let refund = unsafe {
                text(
                    out_request_no,
                    out_request_no_len,
                    "out_request_no",
                    invalid,
                )?
            };
            Ok(TradeRequest::refund_query(app_id, trade, refund))
        },
    )
}

/// Frees a trade request. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_free(
    request: *mut alipay_notify_trade_request,
) {
    // SAFETY: the caller guarantees `request` is NULL or a handle from this library.
    unsafe { free_handle(request) }
}

/// The signed `application/x-www-form-urlencoded` body to POST to the gateway (RSA2, rule v2),
/// signed with the app's private key (PKCS#8 or PKCS#1, PEM or bare base64). `timestamp` is
/// Beijing time `yyyy-MM-dd HH:mm:ss`, or NULL for this machine's clock now (Alipay refuses a
/// request more than 15 minutes off). On success `*form_out` receives a string the caller
/// must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_signed_form(
    request: *const alipay_notify_trade_request,
    app_private_key: *const c_char,
    app_private_key_len: usize,
    timestamp: *const c_char,
    timestamp_len: usize,
    form_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_request_signed_form";
    read_value(f, request, named!(form_out), err_out, |r| {
        let (key_error, invalid) = (ErrorKind::InvalidKey, ErrorKind::InvalidConfig);
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let key = unsafe {
            text(
                app_private_key,
                app_private_key_len,
                "app_private_key",
                key_error,
            )?
        };
        let timestamp = unsafe { optional_text(timestamp, timestamp_len, "timestamp", invalid)? };
        let timestamp = match timestamp {
            Some(timestamp) => timestamp.to_string(),
            None => now()?,
        };
        owned_string(r.inner.signed_form(key, &timestamp)?)
    })
}

/// This machine's clock in Beijing time: the bindings' default timestamp.
fn now() -> Result<String> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Error::new(ErrorKind::InvalidConfig, "the clock is before 1970"))?
        .as_secs();
    let seconds = i64::try_from(seconds)
        .map_err(|_| Error::new(ErrorKind::InvalidConfig, "the clock is past year 9999"))?;
    Ok(AlipayTime::from_unix_timestamp(seconds)?.to_string())
}

/// Verifies the gateway's answer `body` (the raw response, exactly as received) to `request`
/// with the Alipay public keys of `verifier`. A response that does not verify, answers
/// another method or names another trade is an error; a verified business failure such as
/// `ACQ.TRADE_NOT_EXIST` is a result (`alipay_notify_trade_result_is_not_found()`). On success
/// `*result_out` receives a handle the caller must free with
/// `alipay_notify_trade_result_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_request_verify_response(
    request: *const alipay_notify_trade_request,
    verifier: *const alipay_notify_verifier,
    body: *const c_char,
    body_len: usize,
    result_out: *mut *mut alipay_notify_trade_result,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_request_verify_response";
    create(f, result_out, err_out, || {
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let request = unsafe { &handle(request, "request")?.inner };
        let verifier = unsafe { &handle(verifier, "verifier")?.inner };
        let body = unsafe { bytes(body, body_len, "body")? };
        let inner = request.verify_response(verifier, body)?;
        let entry = LedgerEntry::for_trade_result(request, &inner, body);
        Ok(alipay_notify_trade_result { inner, entry })
    })
}

/// Frees a trade result. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_free(result: *mut alipay_notify_trade_result) {
    // SAFETY: the caller guarantees `result` is NULL or a handle from this library.
    unsafe { free_handle(result) }
}

/// The result as a JSON object: `method`, `code`, `msg`, `sub_code`, `sub_msg`,
/// `out_trade_no`, `trade_no`, `trade_status`, the amounts in integer fen
/// (`total_amount_fen`, `receipt_amount_fen`, `buyer_pay_amount_fen`, `refund_amount_fen`),
/// `out_request_no`, `refund_status`, `send_pay_date`, `buyer_logon_id`, `buyer_user_id`,
/// `buyer_open_id`, `sign_type`, `key_fingerprint`, and `is_success`, `is_not_found`,
/// `is_paid`; null for what the answer left out. On success `*json_out` receives a string
/// the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_to_json(
    result: *const alipay_notify_trade_result,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_result_to_json";
    read_value(f, result, named!(json_out), err_out, |r| {
        let r = &r.inner;
        let fen = |amount: Option<Amount>| amount.map(Amount::fen);
        let value = json!({
            "method": r.method.as_str(),
            "code": r.code,
            "msg": r.msg,
            "sub_code": r.sub_code,
            "sub_msg": r.sub_msg,
            "out_trade_no": r.out_trade_no,
            "trade_no": r.trade_no,
            "trade_status": r.trade_status.as_ref().map(|s| s.as_str()),
            "total_amount_fen": fen(r.total_amount),
            "receipt_amount_fen": fen(r.receipt_amount),
            "buyer_pay_amount_fen": fen(r.buyer_pay_amount),
            "refund_amount_fen": fen(r.refund_amount),
            "out_request_no": r.out_request_no,
            "refund_status": r.refund_status,
            "send_pay_date": r.send_pay_date,
            "buyer_logon_id": r.buyer_logon_id,
            "buyer_user_id": r.buyer_user_id,
            "buyer_open_id": r.buyer_open_id,
            "sign_type": r.sign_type.as_str(),
            "key_fingerprint": r.key_fingerprint,
            "is_success": r.is_success(),
            "is_not_found": r.is_not_found(),
            "is_paid": r.is_paid(),
        });
        owned_string(value.to_string())
    })
}

/// The ledger row of this answer (`source` `"query"`, `body_sha256` of the response body),
/// as JSON like `alipay_notify_notification_ledger_entry_json()`: a paid query answer applies
/// `"PAID"`, as the lost notification would have. On success `*json_out` receives a string
/// the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_ledger_entry_json(
    result: *const alipay_notify_trade_result,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_result_ledger_entry_json";
    read_value(f, result, named!(json_out), err_out, |r| {
        owned_string(r.entry.to_json())
    })
}

/// Whether the call succeeded (`code` `"10000"`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_is_success(
    result: *const alipay_notify_trade_result,
    success_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_result_is_success";
    read_value(f, result, named!(success_out), err_out, |r| {
        Ok(r.inner.is_success())
    })
}

/// Whether Alipay knows no such trade (`sub_code` `ACQ.TRADE_NOT_EXIST`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_is_not_found(
    result: *const alipay_notify_trade_result,
    not_found_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_result_is_not_found";
    read_value(f, result, named!(not_found_out), err_out, |r| {
        Ok(r.inner.is_not_found())
    })
}

/// Whether the trade is paid: a successful answer with `TRADE_SUCCESS` or `TRADE_FINISHED`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_trade_result_is_paid(
    result: *const alipay_notify_trade_result,
    paid_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_trade_result_is_paid";
    read_value(f, result, named!(paid_out), err_out, |r| {
        Ok(r.inner.is_paid())
    })
}
