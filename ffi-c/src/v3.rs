//! OpenAPI v3 (`/v3/` REST API): responses verified from their headers and raw body, and the
//! v3 signer that builds a request's `Authorization` header.

use crate::boundary::alipay_notify_error;
use crate::handle::{Named, create, handle_type, named, read_text, read_value, update};
use crate::options::alipay_notify_verifier_options;
use crate::params::alipay_notify_params;
use crate::ptr::{CText, bytes, free_handle, handle, optional_text, text};
use crate::string::owned_string;
use crate::verifier::alipay_notify_verifier;
use alipay_notify::{
    ErrorKind, Result, V3Headers, V3Request, V3Signer, VerifiedV3Response, Verifier,
};
use std::ffi::c_char;

/// A verified OpenAPI v3 response: its body, exactly as signed, and how it verified. Created by
/// `alipay_notify_verifier_verify_v3()`, freed by `alipay_notify_v3_response_free()`. Strings
/// read from it are borrowed: they stay valid until it is freed.
pub struct alipay_notify_v3_response {
    inner: VerifiedV3Response,
    body: CText,
    timestamp: CText,
    nonce: CText,
    cert_sn: Option<CText>,
    key_fingerprint: CText,
}

handle_type!(alipay_notify_v3_response, "response");

impl alipay_notify_v3_response {
    fn new(inner: VerifiedV3Response) -> alipay_notify_v3_response {
        alipay_notify_v3_response {
            body: CText::from_bytes(inner.body()),
            timestamp: CText::new(inner.timestamp()),
            nonce: CText::new(inner.nonce()),
            cert_sn: inner.cert_sn().map(CText::new),
            key_fingerprint: CText::new(inner.key_fingerprint()),
            inner,
        }
    }
}

fn verify_v3_into(
    function: &'static str,
    verifier: *const alipay_notify_verifier,
    headers: *const alipay_notify_params,
    (body, body_len): (*const c_char, usize),
    response_out: *mut *mut alipay_notify_v3_response,
    err_out: *mut *mut alipay_notify_error,
    verify: impl FnOnce(&Verifier, &V3Headers, &[u8]) -> Result<VerifiedV3Response>,
) -> i32 {
    create(function, response_out, err_out, || {
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let verifier = unsafe { handle(verifier, "verifier")? };
        let headers = unsafe { handle(headers, "headers")? };
        let body = unsafe { bytes(body, body_len, "body")? };
        let headers = V3Headers::from_pairs(headers.pairs().iter().map(|(n, v)| (n, v)))?;
        let verified = verify(verifier.inner(), &headers, body)?;
        Ok(alipay_notify_v3_response::new(verified))
    })
}

/// Refuses a signed v3 response whose `alipay-timestamp` is more than `seconds` from now, before
/// or after, with `STALE_RESPONSE` (a replayed response, or a wrong clock). Off by default, as
/// in Alipay's SDKs; 0 is refused by `alipay_notify_verifier_build()`.
/// By name: `max_response_age`, with `alipay_notify_verifier_options_set_integer()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_max_response_age(
    options: *mut alipay_notify_verifier_options,
    seconds: u64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_max_response_age";
    update(f, options, err_out, |o| {
        o.update(|b| b.max_response_age(seconds));
        Ok(())
    })
}

/// Verifies an OpenAPI v3 response from its headers and its raw body (exactly the bytes
/// received; an empty body is valid, but `body` must not be NULL). `headers` holds the response's headers as (name, value)
/// pairs, from `alipay_notify_params_new()` and `alipay_notify_params_add()`: every header or
/// only `alipay-timestamp`, `alipay-nonce`, `alipay-signature` and `alipay-sn`; names match
/// ignoring case, and any of those four twice is `DUPLICATE_PARAMETER`. Verify every response
/// this way, whatever its HTTP status. A response without `alipay-signature` is
/// `UNSIGNED_RESPONSE`; in certificate mode `alipay-sn` picks the certificate
/// (`UNKNOWN_CERT_SN`); with the `max_response_age` option, a timestamp too far from now is
/// `STALE_RESPONSE`. On success `*response_out` receives a handle the caller must free with
/// `alipay_notify_v3_response_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_v3(
    verifier: *const alipay_notify_verifier,
    headers: *const alipay_notify_params,
    body: *const c_char,
    body_len: usize,
    response_out: *mut *mut alipay_notify_v3_response,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_verify_v3";
    verify_v3_into(
        f,
        verifier,
        headers,
        (body, body_len),
        response_out,
        err_out,
        |v, h, b| v.verify_v3(h, b),
    )
}

/// `alipay_notify_verifier_verify_v3()` with "now" given in milliseconds since 1970 for the
/// `max_response_age` check: for tests, and for callers with a clock of their own.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_v3_at(
    verifier: *const alipay_notify_verifier,
    headers: *const alipay_notify_params,
    body: *const c_char,
    body_len: usize,
    now_millis: i64,
    response_out: *mut *mut alipay_notify_v3_response,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_verify_v3_at";
    verify_v3_into(
        f,
        verifier,
        headers,
        (body, body_len),
        response_out,
        err_out,
        |v, h, b| v.verify_v3_at(h, b, now_millis),
    )
}

/// Frees a v3 response and every string borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_free(response: *mut alipay_notify_v3_response) {
    // SAFETY: the caller guarantees `response` is NULL or a handle from this library.
    unsafe { free_handle(response) }
}

/// The verified body, byte for byte as signed (JSON for most APIs; it may be empty). It is
/// NUL-terminated for convenience, but may hold NUL bytes itself: use `*body_len_out`, written
/// when that is not NULL. Borrowed from the response.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_body(
    response: *const alipay_notify_v3_response,
    body_out: *mut *const c_char,
    body_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_body";
    read_text(f, response, named!(body_out), body_len_out, err_out, |r| {
        Ok(Some(&r.body))
    })
}

/// The signed `alipay-timestamp` (milliseconds since 1970, as Alipay writes it). Borrowed
/// from the response; the length goes to `*timestamp_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_timestamp(
    response: *const alipay_notify_v3_response,
    timestamp_out: *mut *const c_char,
    timestamp_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_timestamp";
    let out = named!(timestamp_out);
    read_text(f, response, out, timestamp_len_out, err_out, |r| {
        Ok(Some(&r.timestamp))
    })
}

/// The signed `alipay-nonce`. Borrowed from the response, with its length as for
/// `alipay_notify_v3_response_timestamp()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_nonce(
    response: *const alipay_notify_v3_response,
    nonce_out: *mut *const c_char,
    nonce_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_nonce";
    read_text(
        f,
        response,
        named!(nonce_out),
        nonce_len_out,
        err_out,
        |r| Ok(Some(&r.nonce)),
    )
}

/// The `alipay-sn` header (certificate mode), as sent; NULL and 0 when there was none. It is not
/// signed: it only picked the certificate. Borrowed from the response.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_cert_sn(
    response: *const alipay_notify_v3_response,
    cert_sn_out: *mut *const c_char,
    cert_sn_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_cert_sn";
    let out = named!(cert_sn_out);
    read_text(f, response, out, cert_sn_len_out, err_out, |r| {
        Ok(r.cert_sn.as_ref())
    })
}

/// The fingerprint of the key that verified. Borrowed from the response.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_key_fingerprint(
    response: *const alipay_notify_v3_response,
    fingerprint_out: *mut *const c_char,
    fingerprint_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_key_fingerprint";
    let out = named!(fingerprint_out);
    read_text(f, response, out, fingerprint_len_out, err_out, |r| {
        Ok(Some(&r.key_fingerprint))
    })
}

/// The index of the key that verified, in the order the keys were added.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_response_key_index(
    response: *const alipay_notify_v3_response,
    key_index_out: *mut i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_response_key_index";
    read_value(f, response, named!(key_index_out), err_out, |r| {
        Ok(i64::try_from(r.inner.key_index()).unwrap_or(i64::MAX))
    })
}

/// Builds the `Authorization` header of OpenAPI v3 requests for one app. Created by
/// `alipay_notify_v3_signer_new()`, freed by `alipay_notify_v3_signer_free()`. It is immutable
/// and may be shared by threads.
pub struct alipay_notify_v3_signer {
    inner: V3Signer,
}

handle_type!(alipay_notify_v3_signer, "signer");

/// Creates a v3 signer from the app's private key (应用私钥: PKCS#8 or PKCS#1, PEM or bare
/// base64), its `app_id` and, in certificate mode, `app_cert_sn` (the SN of
/// `appCertPublicKey_<app_id>.crt`, from `alipay_notify_cert_sn()`; NULL otherwise). A bad key
/// is `INVALID_KEY`; an `app_id` or SN that cannot go into the header (empty, or holding `,` or
/// `=`) is `INVALID_CONFIG`. On success `*signer_out` receives a handle the caller must free
/// with `alipay_notify_v3_signer_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_signer_new(
    private_key: *const c_char,
    private_key_len: usize,
    app_id: *const c_char,
    app_id_len: usize,
    app_cert_sn: *const c_char,
    app_cert_sn_len: usize,
    signer_out: *mut *mut alipay_notify_v3_signer,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_v3_signer_new", signer_out, err_out, || {
        let config = ErrorKind::InvalidConfig;
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let key = unsafe {
            text(
                private_key,
                private_key_len,
                "private_key",
                ErrorKind::InvalidKey,
            )?
        };
        let app_id = unsafe { text(app_id, app_id_len, "app_id", config)? };
        let sn = unsafe { optional_text(app_cert_sn, app_cert_sn_len, "app_cert_sn", config)? };
        let inner = V3Signer::new(key, app_id, sn)?;
        Ok(alipay_notify_v3_signer { inner })
    })
}

/// Frees a v3 signer. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_signer_free(signer: *mut alipay_notify_v3_signer) {
    // SAFETY: the caller guarantees `signer` is NULL or a handle from this library.
    unsafe { free_handle(signer) }
}

/// The text parts of a request as C passes them.
type Part = (*const c_char, usize);

fn authorize(
    function: &'static str,
    signer: *const alipay_notify_v3_signer,
    [method, uri, body, token]: [Part; 4],
    chosen: (Option<Part>, Option<i64>),
    out: Named<*mut *mut c_char>,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    read_value(function, signer, out, err_out, |signer| {
        let config = ErrorKind::InvalidConfig;
        // SAFETY (all): the caller guarantees each pointer is NULL or valid for its length.
        let request = unsafe {
            V3Request {
                method: text(method.0, method.1, "method", config)?.into(),
                uri: text(uri.0, uri.1, "uri", config)?.into(),
                body: bytes(body.0, body.1, "body")?.to_vec(),
                app_auth_token: optional_text(token.0, token.1, "app_auth_token", config)?
                    .map(String::from),
                nonce: match chosen.0 {
                    Some((nonce, len)) => {
                        optional_text(nonce, len, "nonce", config)?.map(String::from)
                    }
                    None => None,
                },
                timestamp: chosen.1,
            }
        };
        owned_string(signer.inner.authorization(&request)?.header())
    })
}

/// The value of the `Authorization` header of a v3 request:
/// `ALIPAY-SHA256withRSA app_id=…,[app_cert_sn=…,]nonce=…,timestamp=…,sign=…`, signed over
/// `authString\nMETHOD\nuri\nbody\n` and, with an `app_auth_token` (NULL for none; send it in
/// the `alipay-app-auth-token` header too), `token\n`. `uri` is the path and query as sent
/// (`/v3/alipay/trade/query?...`, percent-encoded, no scheme or host); `body` the exact bytes
/// sent (empty for GET). The nonce is a random UUID and the timestamp now. A part that cannot be
/// signed is `INVALID_CONFIG`. On success `*authorization_out` receives a string the caller
/// must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_signer_authorization(
    signer: *const alipay_notify_v3_signer,
    method: *const c_char,
    method_len: usize,
    uri: *const c_char,
    uri_len: usize,
    body: *const c_char,
    body_len: usize,
    app_auth_token: *const c_char,
    app_auth_token_len: usize,
    authorization_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_signer_authorization";
    let parts = [
        (method, method_len),
        (uri, uri_len),
        (body, body_len),
        (app_auth_token, app_auth_token_len),
    ];
    authorize(
        f,
        signer,
        parts,
        (None, None),
        named!(authorization_out),
        err_out,
    )
}

/// `alipay_notify_v3_signer_authorization()` with the nonce (NULL for a random UUID) and the
/// timestamp in milliseconds since 1970 given: to reproduce a signature.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_v3_signer_authorization_at(
    signer: *const alipay_notify_v3_signer,
    method: *const c_char,
    method_len: usize,
    uri: *const c_char,
    uri_len: usize,
    body: *const c_char,
    body_len: usize,
    app_auth_token: *const c_char,
    app_auth_token_len: usize,
    nonce: *const c_char,
    nonce_len: usize,
    timestamp_millis: i64,
    authorization_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_v3_signer_authorization_at";
    let parts = [
        (method, method_len),
        (uri, uri_len),
        (body, body_len),
        (app_auth_token, app_auth_token_len),
    ];
    let chosen = (Some((nonce, nonce_len)), Some(timestamp_millis));
    authorize(f, signer, parts, chosen, named!(authorization_out), err_out)
}
