//! Calls every export with NULL in each required pointer parameter in turn (and in all of them
//! at once) and expects `NULL_PARAMETER` (902), an error object with the same code, and output
//! parameters left untouched. The list is checked against the header, so a new export without
//! a case here fails the test.

use super::fixture::{self as common, Fixture, c};
use super::null_cases::cases;
use crate::*;
use std::collections::BTreeSet;
use std::ffi::CStr;
use std::ptr;

const NULL_PARAMETER: i32 = 902;

/// Exports that return no status: `_free` functions (NULL is a no-op), static strings, and
/// the accessors of the error object itself (NULL reads as NULL_PARAMETER); they are tested
/// by `value_exports_accept_null` below.
const NO_STATUS: &[&str] = &[
    "alipay_notify_string_free",
    "alipay_notify_status_name",
    "alipay_notify_status_group",
    "alipay_notify_option_name",
    "alipay_notify_version",
    "alipay_notify_error_code",
    "alipay_notify_error_name",
    "alipay_notify_error_message",
    "alipay_notify_error_free",
    "alipay_notify_verifier_options_free",
    "alipay_notify_verifier_free",
    "alipay_notify_notification_free",
    "alipay_notify_response_free",
    "alipay_notify_params_free",
    "alipay_notify_signer_free",
    "alipay_notify_diagnose_options_free",
    "alipay_notify_v3_response_free",
    "alipay_notify_v3_signer_free",
    "alipay_notify_open_data_free",
    "alipay_notify_trade_request_free",
    "alipay_notify_trade_result_free",
];

fn header_functions() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../include/alipay_notify.h");
    let header = std::fs::read_to_string(path).expect("include/alipay_notify.h");
    // Every identifier directly followed by `(`: the declared functions.
    let is_ident = |ch: char| ch.is_ascii_alphanumeric() || ch == '_';
    header
        .match_indices('(')
        .filter_map(|(end, _)| {
            let start = header[..end]
                .rfind(|ch: char| !is_ident(ch))
                .map_or(0, |i| i + 1);
            Some(&header[start..end]).filter(|name| name.starts_with("alipay_notify_"))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_export_is_covered() {
    let covered: BTreeSet<String> = cases()
        .iter()
        .map(|case| case.name.to_string())
        .chain(NO_STATUS.iter().map(|name| name.to_string()))
        .collect();
    let exports = header_functions();
    let missing: Vec<_> = exports.difference(&covered).collect();
    let unknown: Vec<_> = covered.difference(&exports).collect();
    assert!(
        missing.is_empty(),
        "exports without a NULL case: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "cases for functions not in the header: {unknown:?}"
    );
}

#[test]
fn every_required_pointer_rejects_null() {
    let fixture = Fixture::new();
    let mut failures = Vec::new();
    for case in cases() {
        let (status, code, _) = (case.call)(&fixture, 0);
        if status != case.valid || (code != 0 && code != case.valid) {
            failures.push(format!("{}: valid arguments gave {status}", case.name));
        }
        let all = (1u32 << case.pointers) - 1;
        for mask in (0..case.pointers).map(|bit| 1 << bit).chain([all]) {
            let (status, code, untouched) = (case.call)(&fixture, mask);
            if (status, code, untouched) != (NULL_PARAMETER, NULL_PARAMETER, true) {
                failures.push(format!(
                    "{} with NULL mask {mask:#b}: status {status}, error code {code}, outputs untouched {untouched}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn null_error_messages_name_the_function_and_parameter() {
    let mut err = ptr::null_mut();
    let mut out = ptr::null_mut();
    // SAFETY: NULL where NULL is tested; valid pointers otherwise.
    unsafe {
        let status = alipay_notify_verifier_build(ptr::null(), &mut out, &mut err);
        assert_eq!(status, NULL_PARAMETER);
        let message = CStr::from_ptr(alipay_notify_error_message(err));
        assert_eq!(message, c"alipay_notify_verifier_build: options is NULL");
        assert_eq!(
            CStr::from_ptr(alipay_notify_error_name(err)),
            c"NULL_PARAMETER"
        );
        alipay_notify_error_free(err);
    }
}

#[test]
fn null_outputs_are_named_in_the_message() {
    let f = Fixture::new();
    let message = |call: &dyn Fn(*mut *mut alipay_notify_error) -> i32| {
        let mut err = ptr::null_mut();
        assert_eq!(call(&mut err), NULL_PARAMETER);
        // SAFETY: an error object the call returned, freed once.
        unsafe {
            let message = CStr::from_ptr(alipay_notify_error_message(err)).to_owned();
            alipay_notify_error_free(err);
            message
        }
    };
    // SAFETY: NULL where NULL is tested; valid handles otherwise.
    unsafe {
        assert_eq!(
            message(&|e| alipay_notify_notification_kind(
                f.notification,
                ptr::null_mut(),
                ptr::null_mut(),
                e
            )),
            c"alipay_notify_notification_kind: kind_out is NULL"
        );
        assert_eq!(
            message(&|e| alipay_notify_response_sign_type(
                f.response,
                ptr::null_mut(),
                ptr::null_mut(),
                e
            )),
            c"alipay_notify_response_sign_type: sign_type_out is NULL"
        );
        assert_eq!(
            message(&|e| alipay_notify_signer_sign(f.signer, f.params, ptr::null_mut(), e)),
            c"alipay_notify_signer_sign: sign_out is NULL"
        );
    }
}

#[test]
fn text_accessors_write_the_length_too() {
    let f = Fixture::new();
    // SAFETY: valid handles and outputs.
    unsafe {
        let (mut text, mut len) = (ptr::null(), usize::MAX);
        common::ok(|e| {
            alipay_notify_notification_sign_type(f.notification, &mut text, &mut len, e)
        });
        assert_eq!((CStr::from_ptr(text), len), (c"RSA2", 4));
        common::ok(|e| alipay_notify_response_key_fingerprint(f.response, &mut text, &mut len, e));
        assert_eq!(CStr::from_ptr(text).to_bytes().len(), len);
        common::ok(|e| {
            alipay_notify_notification_kind(f.notification, &mut text, ptr::null_mut(), e)
        });
        assert_eq!(CStr::from_ptr(text), c"notify");
    }
}

#[test]
fn optional_pointers_accept_null() {
    let f = Fixture::new();
    // SAFETY: NULL only where the documentation allows it; valid pointers otherwise.
    unsafe {
        let (n, nl) = c("total_amount");
        let mut fen = 0;
        common::ok(|e| {
            alipay_notify_notification_amount_fen(
                f.notification,
                n,
                nl,
                &mut fen,
                ptr::null_mut(),
                e,
            )
        });
        assert_eq!(fen, 8800);
        let mut value = ptr::null();
        let (n, nl) = c("out_trade_no");
        common::ok(|e| {
            alipay_notify_notification_get(f.notification, n, nl, &mut value, ptr::null_mut(), e)
        });
        assert_eq!(CStr::from_ptr(value), c"T1001");
        let (b, bl) = c(&f.body);
        let mut json = ptr::null_mut();
        common::ok(|e| alipay_notify_diagnose(f.options, b, bl, ptr::null(), &mut json, e));
        alipay_notify_string_free(json);
        // No err_out at all: the status alone.
        let status = alipay_notify_verifier_build(ptr::null(), ptr::null_mut(), ptr::null_mut());
        assert_eq!(status, NULL_PARAMETER);
    }
}

#[test]
fn value_exports_accept_null() {
    // SAFETY: NULL is documented as accepted by each of these.
    unsafe {
        alipay_notify_string_free(ptr::null_mut());
        alipay_notify_error_free(ptr::null_mut());
        alipay_notify_verifier_options_free(ptr::null_mut());
        alipay_notify_verifier_free(ptr::null_mut());
        alipay_notify_notification_free(ptr::null_mut());
        alipay_notify_response_free(ptr::null_mut());
        alipay_notify_params_free(ptr::null_mut());
        alipay_notify_signer_free(ptr::null_mut());
        alipay_notify_diagnose_options_free(ptr::null_mut());
        alipay_notify_v3_response_free(ptr::null_mut());
        alipay_notify_v3_signer_free(ptr::null_mut());
        assert_eq!(alipay_notify_error_code(ptr::null()), NULL_PARAMETER);
        assert_eq!(
            CStr::from_ptr(alipay_notify_error_name(ptr::null())),
            c"NULL_PARAMETER"
        );
        assert!(!alipay_notify_error_message(ptr::null()).is_null());
        assert!(!alipay_notify_version().is_null());
        assert_eq!(CStr::from_ptr(alipay_notify_status_name(0)), c"OK");
    }
}
