//! The exports that read and free the error object a failed call hands to the caller through
//! `err_out` (the object itself is made by the boundary).

use crate::boundary::{alipay_notify_error, guard};
use crate::ptr::free_handle;
use alipay_notify::ErrorKind;
use std::ffi::{CStr, c_char};

const NULL_ERROR_MESSAGE: &CStr = c"the error object is NULL";

/// The status code of `err` (one of `alipay_notify_status`). For a NULL `err` it returns
/// `ALIPAY_NOTIFY_STATUS_NULL_PARAMETER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_code(err: *const alipay_notify_error) -> i32 {
    guard(ErrorKind::Panic.code(), || {
        // SAFETY: the caller guarantees `err` is NULL or a live error object.
        match unsafe { err.as_ref() } {
            Some(err) => err.code(),
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
            Some(err) => err.name().as_ptr(),
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
            Some(err) => err.message().as_ptr(),
            None => NULL_ERROR_MESSAGE.as_ptr(),
        }
    })
}

/// Frees an error object and the strings borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_error_free(err: *mut alipay_notify_error) {
    // SAFETY: the caller guarantees `err` is NULL or an error object from this library, which
    // boxes it as it boxes handles, and frees it once.
    unsafe { free_handle(err) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boundary::call;
    use alipay_notify::Error;
    use std::ptr;

    #[test]
    fn the_accessors_read_code_name_and_message() {
        let mut err = ptr::null_mut();
        call("f", &mut err, || {
            Err(Error::new(ErrorKind::InvalidKey, "bad\0key"))
        });
        unsafe {
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
}
