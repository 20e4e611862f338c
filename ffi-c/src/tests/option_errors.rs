//! An option error is an operator error: every setter of an option or key, given a value it
//! refuses or an impossible length, returns a code of the `configuration` group
//! (`INVALID_CONFIG` or `INVALID_KEY`), never a sender's code such as `UNSUPPORTED_CHARSET` or
//! `INPUT_TOO_LARGE`.

use super::fixture::{Fixture, c, run};
use crate::*;
use std::ffi::{CStr, c_char};
use std::ptr;

const INVALID_KEY: i32 = 300;
const INVALID_CONFIG: i32 = 302;

fn group(status: i32) -> &'static str {
    // SAFETY: alipay_notify_status_group returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(alipay_notify_status_group(status)) }
        .to_str()
        .unwrap()
}

/// Checks that the call fails with `expected`, the error object agreeing.
fn refused(what: &str, expected: i32, call: impl FnOnce(*mut *mut alipay_notify_error) -> i32) {
    let (status, code) = run(call);
    assert_eq!((status, code), (expected, expected), "{what}");
    assert_eq!(group(status), "configuration", "{what}");
}

#[test]
fn an_unknown_default_charset_is_invalid_config() {
    let f = Fixture::new();
    let (latin1, latin1_len) = c("latin1");
    refused("default_charset latin1", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_set_default_charset(f.options, latin1, latin1_len, e)
    });
    let (not_utf8, not_utf8_len) = (b"\xff".as_ptr().cast::<c_char>(), 1);
    refused("default_charset not UTF-8", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_set_default_charset(f.options, not_utf8, not_utf8_len, e)
    });
    let (gbk, gbk_len) = c("GBK");
    let (status, _) = run(|e| unsafe {
        alipay_notify_verifier_options_set_default_charset(f.options, gbk, gbk_len, e)
    });
    assert_eq!(status, 0);
}

#[test]
fn bad_option_values_are_invalid_config() {
    let f = Fixture::new();
    let (v3, v3_len) = c("v3");
    let (rsa3, rsa3_len) = c("RSA3");
    let (key, key_len) = c(&f.public_key);
    refused("rule v3", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_set_rule(f.options, v3, v3_len, e)
    });
    refused("sign type RSA3", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_add_sign_type(f.options, rsa3, rsa3_len, e)
    });
    refused("diagnose kind", INVALID_CONFIG, |e| unsafe {
        alipay_notify_diagnose_options_set_kind(f.diagnose_options, v3, v3_len, e)
    });
    let mut signer = ptr::null_mut();
    refused("signer rule", INVALID_CONFIG, |e| unsafe {
        alipay_notify_signer_new_rsa(key, key_len, rsa3, 0, v3, v3_len, &mut signer, e)
    });
}

/// A length no object can have (a negative `int` cast to `size_t`) in a key or option text.
#[test]
fn an_impossible_option_length_is_a_configuration_error() {
    let f = Fixture::new();
    let text = c"x".as_ptr();
    let huge = usize::MAX;
    type Setter = unsafe extern "C" fn(
        *mut alipay_notify_verifier_options,
        *const c_char,
        usize,
        *mut *mut alipay_notify_error,
    ) -> i32;
    let setters: [(&str, Setter, i32); 9] = [
        (
            "add_public_key",
            alipay_notify_verifier_options_add_public_key,
            INVALID_KEY,
        ),
        (
            "add_sign_type",
            alipay_notify_verifier_options_add_sign_type,
            INVALID_CONFIG,
        ),
        (
            "set_rule",
            alipay_notify_verifier_options_set_rule,
            INVALID_CONFIG,
        ),
        (
            "set_app_id",
            alipay_notify_verifier_options_set_app_id,
            INVALID_CONFIG,
        ),
        (
            "add_seller_id",
            alipay_notify_verifier_options_add_seller_id,
            INVALID_CONFIG,
        ),
        (
            "allow_embedded_pairs",
            alipay_notify_verifier_options_allow_embedded_pairs,
            INVALID_CONFIG,
        ),
        (
            "set_md5_key",
            alipay_notify_verifier_options_set_md5_key,
            INVALID_KEY,
        ),
        (
            "set_default_charset",
            alipay_notify_verifier_options_set_default_charset,
            INVALID_CONFIG,
        ),
        (
            "check_certificates",
            alipay_notify_verifier_options_check_certificates,
            INVALID_KEY,
        ),
    ];
    for (name, setter, expected) in setters {
        refused(name, expected, |e| unsafe {
            setter(f.options, text, huge, e)
        });
    }
    // By name: the value's error follows the option (a key's is INVALID_KEY), the name's is
    // INVALID_CONFIG.
    let (key_name, key_name_len) = c("alipay_public_key");
    let (app_id, app_id_len) = c("app_id");
    refused("set_text alipay_public_key", INVALID_KEY, |e| unsafe {
        alipay_notify_verifier_options_set_text(f.options, key_name, key_name_len, text, huge, e)
    });
    refused("set_text app_id", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_set_text(f.options, app_id, app_id_len, text, huge, e)
    });
    refused("set_text name", INVALID_CONFIG, |e| unsafe {
        alipay_notify_verifier_options_set_text(f.options, text, huge, text, 1, e)
    });
    let (values, lens) = ([text], [1usize]);
    refused("set_texts count", INVALID_KEY, |e| unsafe {
        alipay_notify_verifier_options_set_texts(
            f.options,
            key_name,
            key_name_len,
            values.as_ptr(),
            lens.as_ptr(),
            huge,
            e,
        )
    });
    refused("check_certificates_at", INVALID_KEY, |e| unsafe {
        alipay_notify_verifier_options_check_certificates_at(f.options, text, huge, 0, e)
    });
    refused("diagnose app key", INVALID_KEY, |e| unsafe {
        alipay_notify_diagnose_options_add_app_public_key(f.diagnose_options, text, huge, e)
    });
    refused("diagnose kind", INVALID_CONFIG, |e| unsafe {
        alipay_notify_diagnose_options_set_kind(f.diagnose_options, text, huge, e)
    });
    let mut signer = ptr::null_mut();
    refused("signer md5 key", INVALID_KEY, |e| unsafe {
        alipay_notify_signer_new_md5(text, huge, &mut signer, e)
    });
    // The message's own text keeps the sender's code.
    let mut params = ptr::null_mut();
    let (status, _) = run(|e| unsafe { alipay_notify_params_new(&mut params, e) });
    assert_eq!(status, 0);
    let (status, _) = run(|e| unsafe { alipay_notify_params_add(params, text, huge, text, 1, e) });
    assert_eq!(status, 101, "INPUT_TOO_LARGE for a parameter");
    unsafe { alipay_notify_params_free(params) };
}
