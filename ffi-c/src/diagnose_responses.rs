//! Diagnosis of API responses (v2, open data, v3) as JSON: the exports beside
//! `alipay_notify_verifier_diagnose()`, converting only.

use crate::boundary::alipay_notify_error;
use crate::diagnose::{alipay_notify_diagnose_options, diagnosis_json};
use crate::params::alipay_notify_params;
use crate::ptr::{handle, optional_text};
use crate::verifier::alipay_notify_verifier;
use alipay_notify::{ErrorKind, V3Headers};
use std::ffi::c_char;

/// Explains why a v2 API response body (同步响应, plain or `encrypt_type=AES`) or a
/// mini-program open-data envelope does or does not verify with `verifier`, as
/// `alipay_notify_verifier_verify_response()` with `method` (NULL: any method) or
/// `alipay_notify_verifier_verify_open_data()` would; `diagnose_options` may be NULL (its app
/// keys are compared with the configured keys; its kind is not used). It names a re-encoded
/// `*_response` node (`RESPONSE_REENCODED`) and an encrypted one signed without its quotes
/// (`ENCRYPTED_RESPONSE_UNQUOTED`), among others. `*json_out` receives the diagnosis as JSON,
/// with the members of `alipay_notify_verifier_diagnose()`'s (`content_sha256` is the SHA-256
/// of the node's raw text, `content_preview` null), to free with `alipay_notify_string_free()`.
/// The call fails only for a verifier without a public key or a bad diagnosis option.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_diagnose_response(
    verifier: *const alipay_notify_verifier,
    body: *const c_char,
    body_len: usize,
    method: *const c_char,
    method_len: usize,
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_diagnose_response";
    let body = (body, body_len, "body");
    diagnosis_json(
        f,
        body,
        diagnose_options,
        json_out,
        err_out,
        |body, extra| {
            // SAFETY (both): the caller guarantees each pointer is NULL or valid.
            let verifier = unsafe { handle(verifier, "verifier")? };
            let method =
                unsafe { optional_text(method, method_len, "method", ErrorKind::InvalidConfig)? };
            verifier.inner().diagnose_response(body, method, extra)
        },
    )
}

/// Explains why an OpenAPI v3 response does or does not verify with `verifier`, as
/// `alipay_notify_verifier_verify_v3()` would: `headers` are its (name, value) pairs, `body`
/// its raw bytes. `diagnose_options` may be NULL. It names a body re-encoded after parsing
/// (`V3_BODY_REENCODED`) or with whitespace added at its end (`BODY_TRAILING_WHITESPACE`),
/// among others. `*json_out` receives the diagnosis as JSON, as for
/// `alipay_notify_verifier_diagnose()` (`content_sha256` is the SHA-256 of
/// `timestamp\nnonce\nbody\n`), to free with `alipay_notify_string_free()`. The call fails for
/// headers given twice (`DUPLICATE_PARAMETER`), a verifier that cannot verify v3
/// (`INVALID_CONFIG`) or a bad diagnosis option.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_diagnose_v3(
    verifier: *const alipay_notify_verifier,
    headers: *const alipay_notify_params,
    body: *const c_char,
    body_len: usize,
    diagnose_options: *const alipay_notify_diagnose_options,
    json_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_diagnose_v3";
    let body = (body, body_len, "body");
    diagnosis_json(
        f,
        body,
        diagnose_options,
        json_out,
        err_out,
        |body, extra| {
            // SAFETY (both): the caller guarantees each pointer is NULL or valid.
            let verifier = unsafe { handle(verifier, "verifier")? };
            let headers = unsafe { handle(headers, "headers")? };
            let headers = V3Headers::from_pairs(headers.pairs().iter().map(|(n, v)| (n, v)))?;
            verifier.inner().diagnose_v3(&headers, body, extra)
        },
    )
}
