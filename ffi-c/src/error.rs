//! The error object a failed call hands to the caller through `err_out`.

use crate::boundary::{call, guard};
use crate::ptr::{Out, bytes, owned_string};
use alipay_notify::{Error, ErrorKind};
use std::ffi::{CString, c_char};

/// The details of a failed call: the stable code and name (the same as the status the function
/// returned) and a message for logs. Messages never contain key material.
///
/// An error object is created by a failing function when its `err_out` parameter is not NULL,
/// and belongs to the caller, who must free it with `alipay_notify_error_free()`. A function
/// never frees or reuses an error object: set the variable back to NULL after freeing it.
pub struct alipay_notify_error {
    code: i32,
    name: CString,
    message: CString,
}

impl alipay_notify_error {
    fn new(error: &Error) -> alipay_notify_error {
        alipay_notify_error {
            code: error.code(),
            name: c_text(error.name()),
            message: c_text(error.message()),
        }
    }
}

/// Text for C: an interior NUL (impossible in the core's messages) becomes U+FFFD rather than
/// cutting the message short.
fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', "\u{fffd}")).unwrap_or_default()
}

/// Stores `error` in `*err_out` when `err_out` is not NULL.
///
/// # Safety
/// `err_out` must be NULL or valid for a write.
pub(crate) unsafe fn store_error(err_out: *mut *mut alipay_notify_error, error: Error) {
    if !err_out.is_null() {
        let object = Box::into_raw(Box::new(alipay_notify_error::new(&error)));
        // SAFETY: checked non-NULL; the caller guarantees it is valid for a write.
        unsafe { err_out.write(object) };
    }
}

const NULL_ERROR_MESSAGE: &std::ffi::CStr = c"the error object is NULL";

/// The status code of `err` (one of `alipay_notify_status`). For a NULL `err` it returns
/// `ALIPAY_NOTIFY_STATUS_NULL_PARAMETER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_code(err: *const alipay_notify_error) -> i32 {
    guard(ErrorKind::Panic.code(), || {
        // SAFETY: the caller guarantees `err` is NULL or a live error object.
        match unsafe { err.as_ref() } {
            Some(err) => err.code,
            None => ErrorKind::NullParameter.code(),
        }
    })
}

/// The stable name of the error's code, such as `"INVALID_SIGNATURE"`. The string is borrowed
/// from `err`: it stays valid until `alipay_notify_error_free(err)` and must not be freed. For a
/// NULL `err` it returns the static string `"NULL_PARAMETER"`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_name(
    err: *const alipay_notify_error,
) -> *const c_char {
    guard(c"PANIC".as_ptr(), || {
        // SAFETY: the caller guarantees `err` is NULL or a live error object.
        match unsafe { err.as_ref() } {
            Some(err) => err.name.as_ptr(),
            None => c"NULL_PARAMETER".as_ptr(),
        }
    })
}

/// The explanation, in English, for logs (without the name). The string is borrowed from
/// `err`: it stays valid until `alipay_notify_error_free(err)` and must not be freed. For a
/// NULL `err` it returns a static string saying so.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_message(
    err: *const alipay_notify_error,
) -> *const c_char {
    guard(c"a panic was caught".as_ptr(), || {
        // SAFETY: the caller guarantees `err` is NULL or a live error object.
        match unsafe { err.as_ref() } {
            Some(err) => err.message.as_ptr(),
            None => NULL_ERROR_MESSAGE.as_ptr(),
        }
    })
}

/// Frees an error object and the strings borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_free(err: *mut alipay_notify_error) {
    guard((), || {
        if !err.is_null() {
            // SAFETY: the caller guarantees `err` came from this library and is freed once.
            drop(unsafe { Box::from_raw(err) });
        }
    })
}

/// Text for a message of the caller's own that quotes a name it got from a message or a
/// caller (a parameter or option name), shown as this library's messages show such text: at most
/// its first `max_len` bytes (`…` when cut), control characters as `?`, in double quotes with
/// any other unprintable character escaped; never a raw CR, LF, ESC or NUL. On success
/// `*quoted_out` receives a string the caller must free with `alipay_notify_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_printable(
    text: *const c_char,
    text_len: usize,
    max_len: usize,
    quoted_out: *mut *mut c_char,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    call("alipay_notify_printable", err_out, || {
        // SAFETY: the caller guarantees both pointers are NULL or valid.
        let text = unsafe { bytes(text, text_len, "text")? };
        let out = unsafe { Out::new(quoted_out, "quoted_out")? };
        out.put(owned_string(alipay_notify::printable_quoted(
            text, max_len,
        ))?);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr;

    #[test]
    fn the_error_object_carries_code_name_and_message() {
        let mut err = ptr::null_mut();
        unsafe {
            store_error(&mut err, Error::new(ErrorKind::InvalidKey, "bad\0key"));
            assert_eq!(alipay_notify_error_code(err), 300);
            assert_eq!(
                CStr::from_ptr(alipay_notify_error_name(err)),
                c"INVALID_KEY"
            );
            assert_eq!(
                CStr::from_ptr(alipay_notify_error_message(err))
                    .to_str()
                    .unwrap(),
                "bad\u{fffd}key"
            );
            alipay_notify_error_free(err);
            alipay_notify_error_free(ptr::null_mut());
            store_error(ptr::null_mut(), Error::new(ErrorKind::Internal, "dropped"));
        }
    }

    #[test]
    fn a_null_error_object_reads_as_null_parameter() {
        unsafe {
            assert_eq!(alipay_notify_error_code(ptr::null()), 902);
            assert_eq!(
                CStr::from_ptr(alipay_notify_error_name(ptr::null())),
                c"NULL_PARAMETER"
            );
            assert_eq!(
                CStr::from_ptr(alipay_notify_error_message(ptr::null())),
                NULL_ERROR_MESSAGE
            );
        }
    }

    #[test]
    fn printable_text_has_no_control_characters() {
        let name = b"a\r\n\x1b[31mb\0c";
        let mut out = ptr::null_mut();
        unsafe {
            let status = alipay_notify_printable(
                name.as_ptr().cast(),
                name.len(),
                40,
                &mut out,
                ptr::null_mut(),
            );
            assert_eq!(status, 0);
            assert_eq!(CStr::from_ptr(out).to_str().unwrap(), "\"a???[31mb?c\"");
            crate::alipay_notify_string_free(out);
        }
    }
}
