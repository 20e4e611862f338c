//! A list of parameters built from C: the input of `alipay_notify_verifier_verify_params` and
//! of the signer.

use crate::boundary::alipay_notify_error;
use crate::handle::{create, handle_type, update};
use crate::ptr::{free_handle, text};
use alipay_notify::ErrorKind;
use std::ffi::c_char;

/// An ordered list of (name, value) text pairs, as a framework parsed them or as they are to be
/// signed. Created by `alipay_notify_params_new()`, filled by `alipay_notify_params_add()`,
/// freed by `alipay_notify_params_free()`. Functions that take it only read it.
pub struct alipay_notify_params {
    pairs: Vec<(String, String)>,
}

handle_type!(alipay_notify_params, "params");

impl alipay_notify_params {
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// Creates an empty parameter list. On success `*params_out` receives a handle the caller must
/// free with `alipay_notify_params_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_params_new(
    params_out: *mut *mut alipay_notify_params,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_params_new", params_out, err_out, || {
        Ok(alipay_notify_params { pairs: Vec::new() })
    })
}

/// Appends a parameter. Name and value must be UTF-8 text (else `MALFORMED_INPUT`); both are
/// copied. Duplicates are kept here and refused by the functions that read the list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_params_add(
    params: *mut alipay_notify_params,
    name: *const c_char,
    name_len: usize,
    value: *const c_char,
    value_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    update("alipay_notify_params_add", params, err_out, |params| {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let name = unsafe { text(name, name_len, "name", ErrorKind::MalformedInput)? };
        let value = unsafe { text(value, value_len, "value", ErrorKind::MalformedInput)? };
        params.pairs.push((name.to_string(), value.to_string()));
        Ok(())
    })
}

/// Frees a parameter list. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_params_free(params: *mut alipay_notify_params) {
    // SAFETY: the caller guarantees `params` is NULL or a handle from this library.
    unsafe { free_handle(params) }
}
