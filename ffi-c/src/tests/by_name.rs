//! Options set by name through the C ABI: the names are the core's tables, the values are
//! judged by the core, and a refused value leaves the options as they were.

use super::fixture::{self as common, Fixture, c, key, run};
use crate::*;
use alipay_notify::ErrorKind;
use alipay_notify::options::{DIAGNOSE_OPTIONS, SIGNER_OPTIONS, VERIFIER_OPTIONS};
use std::ffi::{CStr, c_char};
use std::ptr;

const INVALID_KEY: i32 = ErrorKind::InvalidKey.code();
const INVALID_CONFIG: i32 = ErrorKind::InvalidConfig.code();

/// The names `alipay_notify_option_name` lists for `table`.
fn listed(table: &str) -> Vec<String> {
    let (t, tl) = c(table);
    (0..)
        // SAFETY: valid table text; the result is NULL or a static string.
        .map(|i| unsafe { alipay_notify_option_name(t, tl, i) })
        .take_while(|name| !name.is_null())
        .map(|name| {
            unsafe { CStr::from_ptr(name) }
                .to_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn option_name_lists_the_core_tables() {
    for (table, specs) in [
        ("verifier", VERIFIER_OPTIONS),
        ("diagnose", DIAGNOSE_OPTIONS),
        ("signer", SIGNER_OPTIONS),
    ] {
        let names: Vec<_> = specs.iter().map(|spec| spec.name.to_string()).collect();
        assert_eq!(listed(table), names, "{table}");
    }
    assert!(listed("Verifier").is_empty());
    assert!(listed("").is_empty());
    // SAFETY: NULL is documented as accepted.
    assert!(unsafe { alipay_notify_option_name(ptr::null(), 8, 0) }.is_null());
}

/// Fresh verifier options with the fixture's key, freed by the caller.
fn options_with_key(f: &Fixture) -> *mut alipay_notify_verifier_options {
    let mut options = ptr::null_mut();
    let (k, kl) = c(&f.public_key);
    // SAFETY: valid arguments.
    unsafe {
        common::ok(|e| alipay_notify_verifier_options_new(&mut options, e));
        common::ok(|e| alipay_notify_verifier_options_add_public_key(options, k, kl, e));
    }
    options
}

/// The status of verifying the fixture's body with a verifier built from `options` (the
/// build's status when it fails).
fn verify_body(f: &Fixture, options: *const alipay_notify_verifier_options) -> i32 {
    let mut verifier = ptr::null_mut();
    // SAFETY: valid handles; what is made is freed.
    unsafe {
        let (status, _) = run(|e| alipay_notify_verifier_build(options, &mut verifier, e));
        if status != 0 {
            return status;
        }
        let (b, bl) = c(&f.body);
        let mut n = ptr::null_mut();
        let (status, _) = run(|e| alipay_notify_verifier_verify_notify(verifier, b, bl, &mut n, e));
        alipay_notify_notification_free(n);
        alipay_notify_verifier_free(verifier);
        status
    }
}

fn set_text(o: *mut alipay_notify_verifier_options, name: &str, value: &[u8]) -> (i32, i32) {
    let (n, nl) = c(name);
    // SAFETY: valid arguments.
    run(|e| unsafe {
        alipay_notify_verifier_options_set_text(o, n, nl, value.as_ptr().cast(), value.len(), e)
    })
}

fn set_texts(o: *mut alipay_notify_verifier_options, name: &str, values: &[&str]) -> i32 {
    let (n, nl) = c(name);
    let ptrs: Vec<*const c_char> = values.iter().map(|v| v.as_ptr().cast()).collect();
    let lens: Vec<usize> = values.iter().map(|v| v.len()).collect();
    let (ptrs, lens) = match values.is_empty() {
        true => (ptr::null(), ptr::null()),
        false => (ptrs.as_ptr(), lens.as_ptr()),
    };
    // SAFETY: valid arguments (NULL arrays with a count of 0).
    run(|e| unsafe {
        alipay_notify_verifier_options_set_texts(o, n, nl, ptrs, lens, values.len(), e)
    })
    .0
}

#[test]
fn texts_by_name_reach_the_verifier_in_either_spelling() {
    let f = Fixture::new();
    let o = options_with_key(&f);
    assert_eq!(verify_body(&f, o), 0);
    assert_eq!(set_text(o, "appId", b"2021000000000009"), (0, 0));
    assert_eq!(verify_body(&f, o), ErrorKind::AppIdMismatch.code());
    assert_eq!(set_text(o, "app_id", b"2021000000000000"), (0, 0));
    assert_eq!(verify_body(&f, o), 0);
    // A list option adds: the fixture's body has no seller_id, so a seller check refuses it.
    assert_eq!(
        set_texts(o, "seller_id", &["2088000000000001", "2088000000000002"]),
        0
    );
    assert_eq!(verify_body(&f, o), ErrorKind::SellerIdMismatch.code());
    // SAFETY: a handle from the library, freed once.
    unsafe { alipay_notify_verifier_options_free(o) };
}

#[test]
fn refused_names_and_values_leave_the_options_unchanged() {
    let f = Fixture::new();
    let o = options_with_key(&f);
    assert_eq!(set_text(o, "app_id", b"2021000000000000"), (0, 0));
    for (name, value, expected) in [
        ("appid", &b"x"[..], INVALID_CONFIG),
        ("rule", b"v3", INVALID_CONFIG),
        ("default_charset", b"big5", INVALID_CONFIG),
        ("app_id", b"\xff", INVALID_CONFIG),
        ("md5_key", b"\xff", INVALID_KEY),
        ("alipay_public_key", b"\xff", INVALID_KEY),
        ("max_size", b"1", INVALID_CONFIG),
    ] {
        assert_eq!(set_text(o, name, value), (expected, expected), "{name}");
    }
    assert_eq!(
        set_texts(o, "rule", &["v1"]),
        INVALID_CONFIG,
        "one value only"
    );
    assert_eq!(
        set_texts(o, "sign_types", &["RSA2", "RSA3"]),
        INVALID_CONFIG
    );
    let (n, nl) = c("max_size");
    let (m, ml) = c("check_certificates_at");
    let (bad, bad_len) = (b"\xffname".as_ptr().cast(), 5);
    // SAFETY: valid arguments.
    unsafe {
        let set_integer =
            |n, nl, v| run(|e| alipay_notify_verifier_options_set_integer(o, n, nl, v, e));
        assert_eq!(set_integer(n, nl, -1).0, INVALID_CONFIG, "negative");
        assert_eq!(
            set_integer(bad, bad_len, 1).0,
            INVALID_CONFIG,
            "name not UTF-8"
        );
        let (status, _) = run(|e| alipay_notify_verifier_options_set_time(o, n, nl, 10, e));
        assert_eq!(status, INVALID_CONFIG, "a time is no size");
        // The sign type list is still the default: a list that failed halfway set nothing.
        assert_eq!(verify_body(&f, o), 0);
        assert_eq!(set_integer(n, nl, 10).0, 0);
        assert_eq!(verify_body(&f, o), ErrorKind::InputTooLarge.code());
        assert_eq!(
            set_integer(m, ml, 0).0,
            0,
            "check_certificates_at takes seconds"
        );
        alipay_notify_verifier_options_free(o);
    }
}

#[test]
fn an_empty_list_sets_nothing_and_null_arrays_need_a_count_of_zero() {
    let f = Fixture::new();
    let o = options_with_key(&f);
    assert_eq!(set_texts(o, "sign_types", &[]), 0);
    assert_eq!(verify_body(&f, o), 0, "still RSA2");
    let (n, nl) = c("sign_types");
    let lens = [4usize];
    // SAFETY: NULL arrays with a count of 1 and a NULL element are refused before any read.
    unsafe {
        let (status, _) = run(|e| {
            alipay_notify_verifier_options_set_texts(o, n, nl, ptr::null(), lens.as_ptr(), 1, e)
        });
        assert_eq!(status, ErrorKind::NullParameter.code());
        let values = [ptr::null::<c_char>()];
        let (status, _) = run(|e| {
            alipay_notify_verifier_options_set_texts(o, n, nl, values.as_ptr(), lens.as_ptr(), 1, e)
        });
        assert_eq!(status, ErrorKind::NullParameter.code(), "values[0] is NULL");
        alipay_notify_verifier_options_free(o);
    }
}

#[test]
fn the_first_sign_type_replaces_the_default_by_either_setter() {
    let f = Fixture::new();
    for by_name in [false, true] {
        let o = options_with_key(&f);
        let add = |t: &str| match by_name {
            true => set_text(o, "sign_types", t.as_bytes()).0,
            false => {
                let (t, tl) = c(t);
                // SAFETY: valid arguments.
                run(|e| unsafe { alipay_notify_verifier_options_add_sign_type(o, t, tl, e) }).0
            }
        };
        assert_eq!(add("RSA"), 0);
        assert_eq!(
            verify_body(&f, o),
            ErrorKind::SignTypeNotAllowed.code(),
            "RSA only"
        );
        assert_eq!(add("rsa2"), 0);
        assert_eq!(verify_body(&f, o), 0, "RSA and RSA2");
        // SAFETY: a handle from the library, freed once.
        unsafe { alipay_notify_verifier_options_free(o) };
    }
}

#[test]
fn the_certificate_time_may_come_before_the_roots() {
    let (cert, root) = (
        key("responses.json", "alipay_a_cert"),
        key("responses.json", "test_root"),
    );
    for (at, expected) in [
        (1_735_689_600, 0),
        (4_102_444_800, ErrorKind::CertExpired.code()),
    ] {
        let mut o = ptr::null_mut();
        let mut verifier = ptr::null_mut();
        let ((k, kl), (n, nl)) = (c(&cert), c("check_certificates_at"));
        // SAFETY: valid arguments; what is made is freed.
        unsafe {
            common::ok(|e| alipay_notify_verifier_options_new(&mut o, e));
            common::ok(|e| alipay_notify_verifier_options_add_public_key(o, k, kl, e));
            common::ok(|e| alipay_notify_verifier_options_set_time(o, n, nl, at, e));
            assert_eq!(set_text(o, "check_certificates", root.as_bytes()), (0, 0));
            let (status, _) = run(|e| alipay_notify_verifier_build(o, &mut verifier, e));
            assert_eq!(status, expected, "at {at}");
            alipay_notify_verifier_free(verifier);
            alipay_notify_verifier_options_free(o);
        }
    }
}

/// The diagnosis of `input` by the verifier of `public_key`, with the app key set by name.
fn diagnosis(public_key: &str, app_key: &str, input: &str) -> String {
    let (mut verifier, mut options, mut json) = (ptr::null_mut(), ptr::null_mut(), ptr::null_mut());
    let ((k, kl), (n, nl), (i, il)) = (c(public_key), c("app_public_keys"), c(input));
    let (values, lens) = ([app_key.as_ptr().cast::<c_char>()], [app_key.len()]);
    // SAFETY: valid arguments; what is made is freed.
    unsafe {
        common::ok(|e| alipay_notify_verifier_new(k, kl, &mut verifier, e));
        common::ok(|e| alipay_notify_diagnose_options_new(&mut options, e));
        common::ok(|e| {
            alipay_notify_diagnose_options_set_texts(
                options,
                n,
                nl,
                values.as_ptr(),
                lens.as_ptr(),
                1,
                e,
            )
        });
        let (t, tl) = c("kind");
        let (status, _) = run(|e| {
            alipay_notify_diagnose_options_set_text(options, t, tl, c"both".as_ptr(), 4, e)
        });
        assert_eq!(status, INVALID_CONFIG, "kind both");
        let (status, _) = run(|e| alipay_notify_diagnose_options_set_integer(options, t, tl, 1, e));
        assert_eq!(status, INVALID_CONFIG, "kind 1");
        common::ok(|e| alipay_notify_verifier_diagnose(verifier, i, il, options, &mut json, e));
        let text = CStr::from_ptr(json).to_str().unwrap().to_string();
        alipay_notify_string_free(json);
        alipay_notify_diagnose_options_free(options);
        alipay_notify_verifier_free(verifier);
        text
    }
}

#[test]
fn a_verifier_diagnoses_with_options_set_by_name() {
    let app = key("notify.json", "app");
    let notify = common::vectors("notify.json");
    let input = notify["vectors"][0]["input"].as_str().unwrap();
    let json = diagnosis(&app, &app, input);
    assert!(json.contains("\"verified\":false"), "{json}");
    assert!(json.contains("APP_PUBLIC_KEY_CONFIGURED"), "{json}");
}

#[test]
fn both_diagnose_exports_agree() {
    let f = Fixture::new();
    let (b, bl) = c(&f.body);
    let tampered = f.body.replace("88.00", "8.80");
    let (t, tl) = c(&tampered);
    for (input, len) in [(b, bl), (t, tl)] {
        let (mut by_verifier, mut by_options) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: valid arguments; the strings are freed.
        unsafe {
            common::ok(|e| {
                alipay_notify_verifier_diagnose(
                    f.verifier,
                    input,
                    len,
                    ptr::null(),
                    &mut by_verifier,
                    e,
                )
            });
            common::ok(|e| {
                alipay_notify_diagnose(f.options, input, len, ptr::null(), &mut by_options, e)
            });
            assert_eq!(CStr::from_ptr(by_verifier), CStr::from_ptr(by_options));
            alipay_notify_string_free(by_verifier);
            alipay_notify_string_free(by_options);
        }
    }
}

#[test]
fn a_signer_without_sign_type_or_rule_takes_the_core_defaults() {
    let f = Fixture::new();
    let key = key("sign.json", "alipay_a_pkcs8_pem");
    let (k, kl) = c(&key);
    let mut signer = ptr::null_mut();
    let (mut by_default, mut by_fixture) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: NULL where the documentation allows it; what is made is freed.
    unsafe {
        common::ok(|e| {
            alipay_notify_signer_new_rsa(k, kl, ptr::null(), 0, ptr::null(), 0, &mut signer, e)
        });
        common::ok(|e| alipay_notify_signer_signed_form(signer, f.params, &mut by_default, e));
        common::ok(|e| alipay_notify_signer_signed_form(f.signer, f.params, &mut by_fixture, e));
        // The fixture's signer is RSA2, v1: the same form, signature included.
        assert_eq!(CStr::from_ptr(by_default), CStr::from_ptr(by_fixture));
        let (md5, md5_len) = c("MD5");
        let (status, _) = run(|e| {
            alipay_notify_signer_new_rsa(k, kl, md5, md5_len, ptr::null(), 0, &mut signer, e)
        });
        assert_eq!(status, INVALID_CONFIG, "MD5 signs with an MD5 key");
        alipay_notify_string_free(by_default);
        alipay_notify_string_free(by_fixture);
        alipay_notify_signer_free(signer);
    }
}
