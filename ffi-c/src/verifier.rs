//! The verifier handle and the verify functions.

use crate::boundary::alipay_notify_error;
use crate::handle::{Handle, create, handle_type, named, read_value};
use crate::notification::alipay_notify_notification;
use crate::options::alipay_notify_verifier_options;
use crate::params::alipay_notify_params;
use crate::ptr::{bytes, free_handle, handle, optional_text, text};
use crate::response::alipay_notify_response;
use alipay_notify::{ErrorKind, Message, MessageKind, Notification, Result, Verifier};
use std::ffi::c_char;

/// A verifier: keys and policy, parsed once. It is immutable, so one verifier may be shared by
/// any number of threads (every function takes it as `const`). Created by
/// `alipay_notify_verifier_build()` or `alipay_notify_verifier_new()`, freed by
/// `alipay_notify_verifier_free()`.
pub struct alipay_notify_verifier {
    pub(crate) inner: Verifier,
}

handle_type!(alipay_notify_verifier, "verifier");

impl alipay_notify_verifier {
    pub(crate) fn inner(&self) -> &Verifier {
        &self.inner
    }
}

/// Builds a verifier from `options`, parsing its keys: errors are `INVALID_KEY`, `WEAK_KEY`,
/// `INVALID_CONFIG`, `CERT_EXPIRED` or `CERT_UNTRUSTED`. `options` is only read: the caller
/// still owns it and may free it right away. On success `*verifier_out` receives a handle the
/// caller must free with `alipay_notify_verifier_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_build(
    options: *const alipay_notify_verifier_options,
    verifier_out: *mut *mut alipay_notify_verifier,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create(
        "alipay_notify_verifier_build",
        verifier_out,
        err_out,
        || {
            // SAFETY: the caller guarantees `options` is NULL or a live handle.
            let options = unsafe { handle(options, "options")? };
            let inner = options.builder().clone().build()?;
            Ok(alipay_notify_verifier { inner })
        },
    )
}

/// Builds a verifier with one Alipay public key and every default (RSA2 only, rule `auto`),
/// the shortcut for the common case. On success `*verifier_out` receives a handle the caller
/// must free with `alipay_notify_verifier_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_new(
    alipay_public_key: *const c_char,
    alipay_public_key_len: usize,
    verifier_out: *mut *mut alipay_notify_verifier,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_verifier_new", verifier_out, err_out, || {
        // SAFETY: the caller guarantees `alipay_public_key` is NULL or valid for its length.
        let key = unsafe {
            text(
                alipay_public_key,
                alipay_public_key_len,
                "alipay_public_key",
                ErrorKind::InvalidKey,
            )?
        };
        let inner = Verifier::new(key)?;
        Ok(alipay_notify_verifier { inner })
    })
}

/// Frees a verifier. NULL is accepted and ignored. Notifications and responses it verified are
/// independent and stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_free(verifier: *mut alipay_notify_verifier) {
    // SAFETY: the caller guarantees `verifier` is NULL or a handle from this library.
    unsafe { free_handle(verifier) }
}

/// The shared shape of the three verify functions that produce a notification.
pub(crate) fn verify_into(
    function: &'static str,
    verifier: *const alipay_notify_verifier,
    notification_out: *mut *mut alipay_notify_notification,
    err_out: *mut *mut alipay_notify_error,
    verify: impl FnOnce(&Verifier) -> Result<Notification>,
) -> i32 {
    create(function, notification_out, err_out, || {
        // SAFETY: the caller guarantees `verifier` is NULL or a live handle.
        let verifier = unsafe { handle(verifier, alipay_notify_verifier::NAME)? };
        Ok(alipay_notify_notification::new(verify(&verifier.inner)?))
    })
}

/// Verifies a notify_url POST from its raw body (`application/x-www-form-urlencoded`, exactly
/// the bytes received: never a re-encoded form). On success `*notification_out` receives the
/// verified notification, holding exactly the signed parameters; the caller must free it with
/// `alipay_notify_notification_free()`. A bad signature is `INVALID_SIGNATURE`; see
/// `alipay_notify_status` for the other codes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_notify(
    verifier: *const alipay_notify_verifier,
    body: *const c_char,
    body_len: usize,
    notification_out: *mut *mut alipay_notify_notification,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let function = "alipay_notify_verifier_verify_notify";
    verify_into(function, verifier, notification_out, err_out, |verifier| {
        // SAFETY: the caller guarantees `body` is NULL or valid for `body_len` bytes.
        verifier.verify_notify(unsafe { bytes(body, body_len, "body")? })
    })
}

/// Verifies a return_url redirect from its raw query string (with or without the leading `?`)
/// or the whole URL. Ownership as for `alipay_notify_verifier_verify_notify()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_return(
    verifier: *const alipay_notify_verifier,
    query: *const c_char,
    query_len: usize,
    notification_out: *mut *mut alipay_notify_notification,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let function = "alipay_notify_verifier_verify_return";
    verify_into(function, verifier, notification_out, err_out, |verifier| {
        // SAFETY: the caller guarantees `query` is NULL or valid for `query_len` bytes.
        verifier.verify_return(unsafe { bytes(query, query_len, "query")? })
    })
}

/// Verifies parameters a framework already parsed (UTF-8 text; a message whose `charset` is
/// not UTF-8 is refused with `UNSUPPORTED_CHARSET`: pass the raw body instead). `kind` is
/// `"notify"` or `"return"`. `params` is only read. Ownership as for
/// `alipay_notify_verifier_verify_notify()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_params(
    verifier: *const alipay_notify_verifier,
    params: *const alipay_notify_params,
    kind: *const c_char,
    kind_len: usize,
    notification_out: *mut *mut alipay_notify_notification,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let function = "alipay_notify_verifier_verify_params";
    verify_into(function, verifier, notification_out, err_out, |verifier| {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let params = unsafe { handle(params, "params")? };
        let kind: MessageKind =
            unsafe { text(kind, kind_len, "kind", ErrorKind::InvalidConfig)? }.parse()?;
        verifier.verify_message(Message::Pairs(params.pairs()), kind)
    })
}

/// Checks a notify_url body and answers with a boolean: on success `*valid_out` is true when
/// the message verifies (and passes the `app_id` and seller checks) and false when its
/// signature is bad. Every other problem (malformed body, business mismatch, ...) is still
/// returned as an error status, so a false can only mean `INVALID_SIGNATURE` or
/// `AMBIGUOUS_SIGNED_CONTENT` (genuine bytes that read as other parameters).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_is_valid_notify(
    verifier: *const alipay_notify_verifier,
    body: *const c_char,
    body_len: usize,
    valid_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_is_valid_notify";
    read_value(f, verifier, named!(valid_out), err_out, |verifier| {
        // SAFETY: the caller guarantees `body` is NULL or valid for `body_len` bytes.
        verifier
            .inner
            .is_valid_notify(unsafe { bytes(body, body_len, "body")? })
    })
}

/// Verifies a signed OpenAPI response body (同步响应), such as
/// `{"alipay_trade_query_response":{...},"sign":"..."}`, over the exact text Alipay signed.
/// `method` (for example `"alipay.trade.query"`) may be NULL; when given, a response for
/// another method is `METHOD_MISMATCH` (an `error_response` is always accepted); Alipay does
/// not sign the node's name, so a renamed node is not detected: check that the content
/// answers the request too (`out_trade_no`). In certificate mode the response's `alipay_cert_sn` picks the configured certificate. On
/// success `*response_out` receives a handle the caller must free with
/// `alipay_notify_response_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_response(
    verifier: *const alipay_notify_verifier,
    body: *const c_char,
    body_len: usize,
    method: *const c_char,
    method_len: usize,
    response_out: *mut *mut alipay_notify_response,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create(
        "alipay_notify_verifier_verify_response",
        response_out,
        err_out,
        || {
            // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
            let verifier = unsafe { handle(verifier, alipay_notify_verifier::NAME)? };
            let body = unsafe { bytes(body, body_len, "body")? };
            let method =
                unsafe { optional_text(method, method_len, "method", ErrorKind::InvalidConfig)? };
            let response = verifier.inner.verify_response(body, method)?;
            Ok(alipay_notify_response::new(response))
        },
    )
}
