//! Verifier options: a mutable builder handle, turned into a verifier by
//! `alipay_notify_verifier_build` (and read by `alipay_notify_diagnose`), set by the name of
//! each option (`setters.rs` has the setters named after them).

use crate::boundary::{alipay_notify_error, guard};
use crate::by_name::{ByName, CValue, set_by_name};
use crate::handle::{create, handle_type};
use crate::ptr::{bytes, free_handle};
use alipay_notify::options::{
    DIAGNOSE_OPTIONS, OptionSpec, OptionValue, SIGNER_OPTIONS, VERIFIER_OPTIONS,
};
use alipay_notify::{Result, VerifierBuilder};
use std::ffi::{CString, c_char};
use std::sync::OnceLock;

/// The options of a verifier, set one by one, then passed to `alipay_notify_verifier_build()`.
/// Created by `alipay_notify_verifier_options_new()`, freed by
/// `alipay_notify_verifier_options_free()`; building does not consume it.
pub struct alipay_notify_verifier_options {
    builder: VerifierBuilder,
}

impl alipay_notify_verifier_options {
    pub(crate) fn builder(&self) -> &VerifierBuilder {
        &self.builder
    }

    pub(crate) fn update(&mut self, change: impl FnOnce(VerifierBuilder) -> VerifierBuilder) {
        self.builder = change(std::mem::take(&mut self.builder));
    }
}

handle_type!(alipay_notify_verifier_options, "options");

impl ByName for alipay_notify_verifier_options {
    const TABLE: &'static [OptionSpec] = VERIFIER_OPTIONS;

    fn set(&mut self, name: &str, value: OptionValue) -> Result<()> {
        self.builder = self.builder.clone().set(name, value)?;
        Ok(())
    }
}

/// Creates verifier options with the defaults: no key, sign types `RSA2` only, rule `auto`, no
/// `app_id` or seller check, a 65536-byte size limit, 2048-bit minimum keys, UTF-8 as the
/// default charset. On success `*options_out` receives a handle the caller must free with
/// `alipay_notify_verifier_options_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_new(
    options_out: *mut *mut alipay_notify_verifier_options,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create(
        "alipay_notify_verifier_options_new",
        options_out,
        err_out,
        || {
            Ok(alipay_notify_verifier_options {
                builder: VerifierBuilder::default(),
            })
        },
    )
}

/// Frees verifier options. NULL is accepted and ignored. Verifiers built from them are
/// independent and stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_free(
    options: *mut alipay_notify_verifier_options,
) {
    // SAFETY: the caller guarantees `options` is NULL or a handle from this library.
    unsafe { free_handle(options) }
}

/// Sets the verifier option `name` to the text `value`: the way to apply options read from a
/// configuration by name, with every option and check the library knows and no table of your
/// own. `name` is one of the names `alipay_notify_option_name("verifier", ...)` lists, the same
/// in every binding: `alipay_public_key`, `sign_types`, `rule`, `app_id`, `seller_id`,
/// `allow_embedded_pairs`, `md5_key`, `max_size`, `min_key_bits`, `default_charset`,
/// `check_certificates` (the text of Alipay's root bundle), `check_certificates_at` (a time);
/// the camelCase spelling (`appId`) is accepted too. Options that take a list (keys, sign
/// types, seller ids, fields) add the text to what is set; the first sign type given replaces
/// the default `RSA2`. An unknown name, or a value the option does not take, is
/// `INVALID_CONFIG` naming the option; text that is not UTF-8 is `INVALID_KEY` for a key or
/// secret option. Keys are parsed by `alipay_notify_verifier_build()`. The text is copied; on
/// failure the options are unchanged.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_text(
    options: *mut alipay_notify_verifier_options,
    name: *const c_char,
    name_len: usize,
    value: *const c_char,
    value_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_text";
    let value = CValue::Text(value, value_len);
    // SAFETY: the caller guarantees each pointer is NULL or valid for its length.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// Sets the verifier option `name` to a list of `count` texts (`values[i]`, `value_lens[i]`
/// bytes each; both arrays may be NULL when `count` is 0): for an option that takes a list, as
/// many calls of `alipay_notify_verifier_options_set_text()`; any other option refuses a list
/// (`INVALID_CONFIG`), which a configuration giving `rule = ["v1"]` should hear. Otherwise as
/// `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_texts(
    options: *mut alipay_notify_verifier_options,
    name: *const c_char,
    name_len: usize,
    values: *const *const c_char,
    value_lens: *const usize,
    count: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_texts";
    let value = CValue::Texts(values, value_lens, count);
    // SAFETY: the caller guarantees each pointer is NULL or valid for its length or count.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// Sets the verifier option `name` to a whole number: `max_size`, `min_key_bits` (a negative
/// number is `INVALID_CONFIG`), or `check_certificates_at` in seconds since 1970-01-01 UTC.
/// Otherwise as `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_integer(
    options: *mut alipay_notify_verifier_options,
    name: *const c_char,
    name_len: usize,
    value: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_integer";
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

/// Sets the verifier option `name` to a point in time, `unix_seconds` since 1970-01-01 UTC:
/// `check_certificates_at`, the time the certificates are checked at instead of now (for tests
/// and for checking ahead of an expiry), given before or after `check_certificates`. Only a
/// time option takes a time: `max_size` refuses one (`INVALID_CONFIG`), so a date read from a
/// configuration cannot land in a size. Otherwise as
/// `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_time(
    options: *mut alipay_notify_verifier_options,
    name: *const c_char,
    name_len: usize,
    unix_seconds: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_time";
    let value = CValue::Time(unix_seconds);
    // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
    unsafe { set_by_name(f, options, (name, name_len), value, err_out) }
}

/// The names of each table as NUL-terminated strings, made once from the core's tables.
fn c_names(table: &[u8]) -> &'static [CString] {
    static NAMES: OnceLock<[Vec<CString>; 3]> = OnceLock::new();
    // The core's names are ASCII without NUL bytes; the default (empty) is unreachable.
    let c = |specs: &[OptionSpec]| {
        let name = |spec: &OptionSpec| CString::new(spec.name).unwrap_or_default();
        specs.iter().map(name).collect()
    };
    let [verifier, diagnose, signer] =
        NAMES.get_or_init(|| [c(VERIFIER_OPTIONS), c(DIAGNOSE_OPTIONS), c(SIGNER_OPTIONS)]);
    match table {
        b"verifier" => verifier,
        b"diagnose" => diagnose,
        b"signer" => signer,
        _ => &[],
    }
}

/// The canonical (snake_case) name of option number `index` (from 0) of the table `table`:
/// `"verifier"` (what `alipay_notify_verifier_options_set_text()` and its siblings take),
/// `"diagnose"` (`alipay_notify_diagnose_options_set_text()`) or `"signer"` (the parameters
/// of the signer constructors). NULL past the last option and for any other table (or a NULL
/// `table`): loop from 0 until NULL, to check a configuration's names or to list them for the
/// operator. The strings are static: never free them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_option_name(
    table: *const c_char,
    table_len: usize,
    index: usize,
) -> *const c_char {
    guard(std::ptr::null(), || {
        // SAFETY: the caller guarantees `table` is NULL or valid for `table_len` bytes.
        let table = unsafe { bytes(table, table_len, "table") }.unwrap_or_default();
        c_names(table)
            .get(index)
            .map_or(std::ptr::null(), |name| name.as_ptr())
    })
}
