//! Diagnosis: why a message does not verify, as JSON.

use crate::boundary::{alipay_notify_error, call};
use crate::by_name::{ByName, CValue, set_by_name, set_text_as};
use crate::handle::{create, handle_type};
use crate::options::alipay_notify_verifier_options;
use crate::ptr::{Out, bytes, free_handle, handle};
use crate::string::owned_string;
use crate::verifier::alipay_notify_verifier;
use alipay_notify::options::{DIAGNOSE_OPTIONS, OptionSpec, OptionValue};
use alipay_notify::{DiagnoseOptions, Diagnosis, Error, ErrorKind, Result, diagnose};
use std::ffi::c_char;

/// Extra facts that sharpen a diagnosis: the merchant's own app keys (configuring one of them
/// instead of Alipay's public key is the most common mistake) and the message kind. Created by
/// `alipay_notify_diagnose_options_new()`, freed by `alipay_notify_diagnose_options_free()`.
pub struct alipay_notify_diagnose_options {
    inner: DiagnoseOptions,
}

handle_type!(alipay_notify_diagnose_options, "options");

impl ByName for alipay_notify_diagnose_options {
    const TABLE: &'static [OptionSpec] = DIAGNOSE_OPTIONS;

    fn set(&mut self, name: &str, value: OptionValue) -> Result<()> {
        self.inner = self.inner.clone().set(name, value)?;
        Ok(())
    }
}

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

/// Sets the diagnosis option `name` to the text `value`, as
/// `alipay_notify_verifier_options_set_text()` does for verifier options: `name` is one of
/// `alipay_notify_option_name("diagnose", ...)`: `app_public_keys` (adds a key),
/// `app_private_key`, `kind` (`"notify"` or `"return"`). Unknown names and values an option
/// does not take are `INVALID_CONFIG`; key text that is not UTF-8 is `INVALID_KEY`. Keys are
/// parsed by the diagnosis. On failure the options are unchanged.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_text(
    options: *mut alipay_notify_diagnose_options,
    name: *const c_char,
    name_len: usize,
    value: *const c_char,
    value_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_text";
    let value = CValue::Text(value, value_len);
    // SAFETY: the caller guarantees each pointer is NULL or valid for its length.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// Sets the diagnosis option `name` to a list of `count` texts, as
/// `alipay_notify_verifier_options_set_texts()` does: `app_public_keys` takes a list, the
/// other options refuse one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_texts(
    options: *mut alipay_notify_diagnose_options,
    name: *const c_char,
    name_len: usize,
    values: *const *const c_char,
    value_lens: *const usize,
    count: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_texts";
    let value = CValue::Texts(values, value_lens, count);
    // SAFETY: the caller guarantees each pointer is NULL or valid for its length or count.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// Sets the diagnosis option `name` to a whole number. No diagnosis option takes one today
/// (`INVALID_CONFIG` naming the option): with the text, list and time setters, a caller
/// applying options by name hands every value to the library in the shape it has.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_integer(
    options: *mut alipay_notify_diagnose_options,
    name: *const c_char,
    name_len: usize,
    value: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_integer";
    // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
    unsafe {
        set_by_name(
            f,
            options,
            (name, name_len),
            CValue::Integer(value),
            err_out,
        )
    }
}

/// Sets the diagnosis option `name` to a point in time (seconds since 1970-01-01 UTC). No
/// diagnosis option takes one today; see `alipay_notify_diagnose_options_set_integer()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_time(
    options: *mut alipay_notify_diagnose_options,
    name: *const c_char,
    name_len: usize,
    unix_seconds: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_time";
    let value = CValue::Time(unix_seconds);
    // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// Adds one of the merchant's own app public keys (应用公钥), in any shape a public key is
/// accepted. The text is copied; it is parsed by the diagnosis. By name: `app_public_keys`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_add_app_public_key(
    options: *mut alipay_notify_diagnose_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_add_app_public_key";
    let key = (key, key_len, "key");
    // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "app_public_keys",
            key,
            ErrorKind::InvalidKey,
            err_out,
        )
    }
}

/// Sets the merchant's app private key; its public half is compared like the app public keys.
/// The text is copied, used only for that comparison, and never appears in the diagnosis. By
/// name: `app_private_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_app_private_key(
    options: *mut alipay_notify_diagnose_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_app_private_key";
    let key = (key, key_len, "key");
    // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "app_private_key",
            key,
            ErrorKind::InvalidKey,
            err_out,
        )
    }
}

/// Says whether the input is a notify body (`"notify"`) or a return_url query (`"return"`)
/// instead of guessing from its shape. By name: `kind`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose_options_set_kind(
    options: *mut alipay_notify_diagnose_options,
    kind: *const c_char,
    kind_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose_options_set_kind";
    let kind = (kind, kind_len, "kind");
    // SAFETY: the caller guarantees `kind` is NULL or valid for `kind_len` bytes.
    unsafe { set_text_as(f, options, "kind", kind, ErrorKind::InvalidConfig, err_out) }
}

/// The shared part of the diagnose exports: reads the input and the optional diagnosis
/// options, runs `diagnose` and writes its result as JSON.
pub(crate) fn diagnosis_json(
    function: &'static str,
    (input, input_len, input_name): (*const c_char, usize, &'static str),
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
    diagnose: impl FnOnce(&[u8], &DiagnoseOptions) -> Result<Diagnosis>,
) -> i32 {
    call(function, err_out, || {
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let input = unsafe { bytes(input, input_len, input_name)? };
        let extra = unsafe { diagnose_options.as_ref() };
        let out = unsafe { Out::new(json_out, "json_out")? };
        let default = DiagnoseOptions::default();
        let diagnosis = diagnose(input, extra.map_or(&default, |o| &o.inner))?;
        let json = serde_json::to_string(&diagnosis)
            .map_err(|e| Error::new(ErrorKind::Internal, format!("diagnosis to JSON: {e}")))?;
        out.put(owned_string(json)?);
        Ok(())
    })
}

/// Explains why `input` (a raw notify body or return_url query) does or does not verify with
/// `verifier`. `diagnose_options` may be NULL. A diagnosis never accepts a message: it is
/// advice for the engineer.
///
/// On success `*json_out` receives the diagnosis as a JSON object, a string the caller must
/// free with `alipay_notify_string_free()`. Its members: `verified` (bool), `error` (null or
/// `[name, message]`), `findings` (objects with `code`, `certain`, `explanation`,
/// `explanation_zh`, `fix`, `fix_zh`; certain ones first), `ruled_out` (codes),
/// `content_sha256` and `content_preview` (string or null), and `search_capped` (bool: true when
/// the search stopped at its work limit before trying every candidate, so a cause may be
/// missing). Text taken from the message has its control characters escaped (`\r`, `\n`,
/// `\x1b`). The input is read up to the verifier's `max_size`. Every problem of the message is
/// a finding; the call itself fails only for a bad diagnosis option (`INVALID_KEY`,
/// `INVALID_CONFIG`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_diagnose(
    verifier: *const alipay_notify_verifier,
    input: *const c_char,
    input_len: usize,
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_diagnose";
    let input = (input, input_len, "input");
    diagnosis_json(
        f,
        input,
        diagnose_options,
        json_out,
        err_out,
        |input, extra| {
            // SAFETY: the caller guarantees `verifier` is NULL or a live handle.
            unsafe { handle(verifier, "verifier")? }
                .inner()
                .diagnose(input, extra)
        },
    )
}

/// `alipay_notify_verifier_diagnose()` for the verifier `verifier_options` describe, built for
/// the call, for a caller that holds the options and no verifier. The call also fails when
/// the verifier cannot be built (`INVALID_KEY`, `WEAK_KEY`, `INVALID_CONFIG`, ...).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_diagnose(
    verifier_options: *const alipay_notify_verifier_options,
    input: *const c_char,
    input_len: usize,
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_diagnose";
    let input = (input, input_len, "input");
    diagnosis_json(
        f,
        input,
        diagnose_options,
        json_out,
        err_out,
        |input, extra| {
            // SAFETY: the caller guarantees `verifier_options` is NULL or a live handle.
            let options = unsafe { handle(verifier_options, "verifier_options")? };
            diagnose(input, options.builder(), extra)
        },
    )
}
