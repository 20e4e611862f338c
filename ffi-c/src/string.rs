//! Strings the library hands over as `char *`: made here and freed here, so the allocation and
//! its release cannot disagree; and `alipay_notify_printable`, the one export that makes a
//! string from the caller's own text.

use crate::boundary::{alipay_notify_error, call, guard};
use crate::ptr::{Out, bytes};
use alipay_notify::{Error, ErrorKind, Result};
use std::ffi::{CString, c_char};

/// A caller-owned C string, freed with `alipay_notify_string_free`.
pub(crate) fn owned_string(text: String) -> Result<*mut c_char> {
    CString::new(text)
        .map(CString::into_raw)
        .map_err(|_| Error::new(ErrorKind::Internal, "a returned string contains a NUL byte"))
}

/// Frees a string this library returned as `char *`. NULL is accepted and ignored. Strings
/// returned as `const char *` are borrowed or static and must never be passed here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_string_free(string: *mut c_char) {
    guard((), || {
        if !string.is_null() {
            // SAFETY: the caller guarantees `string` came from `owned_string` (a CString) and
            // is freed once.
            drop(unsafe { CString::from_raw(string) });
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
            alipay_notify_string_free(out);
        }
    }
}
