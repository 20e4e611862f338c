//! Certificate mode (公钥证书模式): the SNs Alipay computes for certificates.

use crate::boundary::{alipay_notify_error, call};
use crate::ptr::{Out, text};
use crate::string::owned_string;
use alipay_notify::{ErrorKind, Result};
use std::ffi::c_char;

fn sn(
    function: &'static str,
    pem: *const c_char,
    pem_len: usize,
    sn_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
    compute: fn(&str) -> Result<String>,
) -> i32 {
    call(function, err_out, || {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let pem = unsafe { text(pem, pem_len, "pem", ErrorKind::InvalidKey)? };
        let out = unsafe { Out::new(sn_out, "sn_out")? };
        out.put(owned_string(compute(pem)?)?);
        Ok(())
    })
}

/// The SN of the first certificate in a PEM text: the app certificate
/// (`appCertPublicKey_*.crt`, sent as `app_cert_sn`) or Alipay's public certificate
/// (`alipayCertPublicKey_RSA2.crt`). Text that holds no certificate is `INVALID_KEY`. On
/// success `*sn_out` receives a string the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_cert_sn(
    pem: *const c_char,
    pem_len: usize,
    sn_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_cert_sn";
    sn(f, pem, pem_len, sn_out, err_out, alipay_notify::cert_sn)
}

/// The root SN (`alipay_root_cert_sn`) of Alipay's root bundle (`alipayRootCert.crt`): the SNs
/// of its RSA-signed certificates joined with `_`. Ownership as for `alipay_notify_cert_sn()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_root_cert_sn(
    pem: *const c_char,
    pem_len: usize,
    sn_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_root_cert_sn";
    sn(
        f,
        pem,
        pem_len,
        sn_out,
        err_out,
        alipay_notify::root_cert_sn,
    )
}
