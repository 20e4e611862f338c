//! Signing: the verification rules in reverse, for tests, simulators and signed request URLs.

use crate::boundary::alipay_notify_error;
use crate::handle::{Named, create, handle_type, named, read_value};
use crate::params::alipay_notify_params;
use crate::ptr::{free_handle, handle, optional_text, text};
use crate::string::owned_string;
use alipay_notify::{ErrorKind, Result, Signer, SignerOptions};
use std::ffi::c_char;

/// A signer holding a private key (RSA2, RSA or SM2) or a legacy MD5 key. Created by
/// `alipay_notify_signer_new_rsa()`, `alipay_notify_signer_new_sm2()` or
/// `alipay_notify_signer_new_md5()`, freed by `alipay_notify_signer_free()`. It is immutable
/// and may be shared by threads.
pub struct alipay_notify_signer {
    inner: Signer,
}

impl From<Signer> for alipay_notify_signer {
    fn from(inner: Signer) -> Self {
        alipay_notify_signer { inner }
    }
}

handle_type!(alipay_notify_signer, "signer");

/// Creates an RSA signer from a PKCS#8 or PKCS#1 private key (PEM or bare base64).
/// `sign_type` is `"RSA2"` or `"RSA"` (`"SM2"` with an SM2 key signs as
/// `alipay_notify_signer_new_sm2()` does); `rule` is `"v1"` (`sign_type` not signed: notifications,
/// also what `"auto"` means here) or `"v2"` (app-gateway messages). Either may be NULL for the
/// default, `"RSA2"` and `"v1"` (what Alipay signs notifications with). On success
/// `*signer_out` receives a handle the caller must free with `alipay_notify_signer_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_new_rsa(
    private_key: *const c_char,
    private_key_len: usize,
    sign_type: *const c_char,
    sign_type_len: usize,
    rule: *const c_char,
    rule_len: usize,
    signer_out: *mut *mut alipay_notify_signer,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_signer_new_rsa", signer_out, err_out, || {
        let (key_error, config_error) = (ErrorKind::InvalidKey, ErrorKind::InvalidConfig);
        // SAFETY (all three): the caller guarantees each pointer is NULL or valid.
        let key = unsafe { text(private_key, private_key_len, "private_key", key_error)? };
        let sign_type =
            unsafe { optional_text(sign_type, sign_type_len, "sign_type", config_error)? };
        let rule = unsafe { optional_text(rule, rule_len, "rule", config_error)? };
        let options = SignerOptions {
            private_key: Some(key.into()),
            sign_type: sign_type.map(str::parse).transpose()?,
            rule: rule.map(str::parse).transpose()?,
            ..SignerOptions::default()
        };
        let inner = Signer::from_options(&options)?;
        Ok(alipay_notify_signer { inner })
    })
}

/// Creates a legacy mapi MD5 signer with the partner's key. On success `*signer_out` receives a
/// handle the caller must free with `alipay_notify_signer_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_new_md5(
    md5_key: *const c_char,
    md5_key_len: usize,
    signer_out: *mut *mut alipay_notify_signer,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_signer_new_md5", signer_out, err_out, || {
        // SAFETY: the caller guarantees `md5_key` is NULL or valid for its length.
        let key = unsafe { text(md5_key, md5_key_len, "md5_key", ErrorKind::InvalidKey)? };
        let inner = Signer::md5(key)?;
        Ok(alipay_notify_signer { inner })
    })
}

/// Frees a signer. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_free(signer: *mut alipay_notify_signer) {
    // SAFETY: the caller guarantees `signer` is NULL or a handle from this library.
    unsafe { free_handle(signer) }
}

fn sign_with(
    function: &'static str,
    signer: *const alipay_notify_signer,
    params: *const alipay_notify_params,
    out: Named<*mut *mut c_char>,
    err_out: *mut *mut alipay_notify_error,
    produce: impl FnOnce(&Signer, &[(String, String)]) -> Result<String>,
) -> i32 {
    read_value(function, signer, out, err_out, |signer| {
        // SAFETY: the caller guarantees `params` is NULL or a live handle.
        let params = unsafe { handle(params, "params")? };
        owned_string(produce(&signer.inner, params.pairs())?)
    })
}

/// The `sign` value for `params` (encoded to the charset their `charset` parameter names
/// before signing; `sign` in `params` is ignored, `sign_type` is added when missing). On
/// success `*sign_out` receives a string the caller must free with
/// `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_sign(
    signer: *const alipay_notify_signer,
    params: *const alipay_notify_params,
    sign_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_signer_sign";
    sign_with(f, signer, params, named!(sign_out), err_out, |s, p| {
        s.sign(p)
    })
}

/// A complete signed `application/x-www-form-urlencoded` body (or query string without `?`):
/// the parameters in order, then `sign_type` if it was missing, then `sign`. On success
/// `*form_out` receives a string the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_signed_form(
    signer: *const alipay_notify_signer,
    params: *const alipay_notify_params,
    form_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_signer_signed_form";
    sign_with(f, signer, params, named!(form_out), err_out, |s, p| {
        s.signed_form(p)
    })
}
