//! Diagnosis: why a message does not verify, as JSON.

use crate::boundary::{alipay_notify_error, call};
use crate::handle::{create, handle_type, update};
use crate::options::alipay_notify_verifier_options;
use crate::params::message_kind;
use crate::ptr::{Out, bytes, free_handle, handle, text};
use crate::string::owned_string;
use alipay_notify::{DiagnoseOptions, Error, ErrorKind, diagnose};
use std::ffi::c_char;

/// Extra facts that sharpen a diagnosis: the merchant's own app keys (configuring one of them
/// instead of Alipay's public key is the most common mistake) and the message kind. Created by
/// `alipay_notify_diagnose_options_new()`, freed by `alipay_notify_diagnose_options_free()`.
pub struct alipay_notify_diagnose_options {
    inner: DiagnoseOptions,
}

handle_type!(alipay_notify_diagnose_options, "options");

/// Creates empty diagnosis options (no app keys; the kind guessed from the input's shape). On
/// success `*options_out` receives a handle the caller must free with
/// `alipay_notify_diagnose_options_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_new(
    options_out: *mut *mut alipay_notify_diagnose_options,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create(
        "alipay_notify_diagnose_options_new",
        options_out,
        err_out,
        || {
            Ok(alipay_notify_diagnose_options {
                inner: DiagnoseOptions::default(),
            })
        },
    )
}

/// Frees diagnosis options. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_free(
    options: *mut alipay_notify_diagnose_options,
) {
    // SAFETY: the caller guarantees `options` is NULL or a handle from this library.
    unsafe { free_handle(options) }
}

/// Adds one of the merchant's own app public keys (应用公钥), in any shape a public key is
/// accepted. The text is copied; it is parsed by `alipay_notify_diagnose()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_add_app_public_key(
    options: *mut alipay_notify_diagnose_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_add_app_public_key";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
        let key = unsafe { text(key, key_len, "key", ErrorKind::InvalidKey)? };
        o.inner.app_public_keys.push(key.to_string());
        Ok(())
    })
}

/// Sets the merchant's app private key; its public half is compared like the app public keys.
/// The text is copied, used only for that comparison, and never appears in the diagnosis.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_app_private_key(
    options: *mut alipay_notify_diagnose_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_app_private_key";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
        let key = unsafe { text(key, key_len, "key", ErrorKind::InvalidKey)? };
        o.inner.app_private_key = Some(key.to_string());
        Ok(())
    })
}

/// Says whether the input is a notify body (`"notify"`) or a return_url query (`"return"`)
/// instead of guessing from its shape.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_kind(
    options: *mut alipay_notify_diagnose_options,
    kind: *const c_char,
    kind_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_kind";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `kind` is NULL or valid for `kind_len` bytes.
        let kind = unsafe { text(kind, kind_len, "kind", ErrorKind::InvalidConfig)? };
        o.inner.kind = Some(message_kind(kind)?);
        Ok(())
    })
}

/// Explains why `input` (a raw notify body or return_url query) does or does not verify with
/// the verifier `verifier_options` describe. `diagnose_options` may be NULL. A diagnosis never
/// accepts a message: it is advice for the engineer.
///
/// On success `*json_out` receives the diagnosis as a JSON object, a string the caller must
/// free with `alipay_notify_string_free()`. Its members: `verified` (bool), `error` (null or
/// `[name, message]`), `findings` (objects with `code`, `certain`, `explanation`,
/// `explanation_zh`, `fix`, `fix_zh`; certain ones first), `ruled_out` (codes),
/// `content_sha256` and `content_preview` (string or null), and `search_capped` (bool: true when
/// the search stopped at its work limit before trying every candidate, so a cause may be
/// missing). Text taken from the message has its control characters escaped (`\r`, `\n`,
/// `\x1b`). The input is read up to the verifier's `max_size`. Every problem of the message is
/// a finding; the call itself fails only for a bad configuration (`INVALID_KEY`,
/// `INVALID_CONFIG`, ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose(
    verifier_options: *const alipay_notify_verifier_options,
    input: *const c_char,
    input_len: usize,
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    call("alipay_notify_diagnose", err_out, || {
        // SAFETY (all four): the caller guarantees each pointer is NULL or valid.
        let verifier_options = unsafe { handle(verifier_options, "verifier_options")? };
        let input = unsafe { bytes(input, input_len, "input")? };
        let extra = unsafe { diagnose_options.as_ref() };
        let out = unsafe { Out::new(json_out, "json_out")? };
        let default = DiagnoseOptions::default();
        let extra = extra.map_or(&default, |o| &o.inner);
        let diagnosis = diagnose(input, verifier_options.builder(), extra)?;
        let json = serde_json::to_string(&diagnosis)
            .map_err(|e| Error::new(ErrorKind::Internal, format!("diagnosis to JSON: {e}")))?;
        out.put(owned_string(json)?);
        Ok(())
    })
}
