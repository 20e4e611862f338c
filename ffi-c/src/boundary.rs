//! The panic boundary and the error object: every export runs its body through [`call`]
//! (functions that return a status) or [`guard`] (the few that return a value), so no panic
//! unwinds into C, and a failure becomes a status code and, when the caller asked for it, an
//! [`alipay_notify_error`]. The error object lives here, with the one function that makes it;
//! `error.rs` holds the exports that read and free it.

use alipay_notify::{Error, ErrorKind, Result};
use std::any::Any;
use std::ffi::{CStr, CString};
use std::panic::{AssertUnwindSafe, catch_unwind};

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

    pub(crate) fn code(&self) -> i32 {
        self.code
    }

    pub(crate) fn name(&self) -> &CStr {
        &self.name
    }

    pub(crate) fn message(&self) -> &CStr {
        &self.message
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
unsafe fn store_error(err_out: *mut *mut alipay_notify_error, error: Error) {
    if !err_out.is_null() {
        let object = Box::into_raw(Box::new(alipay_notify_error::new(&error)));
        // SAFETY: checked non-NULL; the caller guarantees it is valid for a write.
        unsafe { err_out.write(object) };
    }
}

/// Runs `body`, turning its error or panic into a status code and, when `err_out` is not NULL,
/// an error object. `function` names the export in `NULL_PARAMETER` and `PANIC` messages.
pub(crate) fn call(
    function: &'static str,
    err_out: *mut *mut alipay_notify_error,
    body: impl FnOnce() -> Result<()>,
) -> i32 {
    // AssertUnwindSafe: after a panic the caller only gets a status; a handle that was being
    // mutated may be half-updated, which ffi-c/README.md tells callers (free it, do not reuse it).
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|payload| {
        Err(Error::new(
            ErrorKind::Panic,
            format!(
                "a panic was caught: {}; please report it",
                panic_message(payload.as_ref())
            ),
        ))
    });
    match outcome {
        Ok(()) => 0,
        Err(error) => {
            let error = match error.kind() {
                ErrorKind::NullParameter | ErrorKind::Panic => {
                    Error::new(error.kind(), format!("{function}: {}", error.message()))
                }
                _ => error,
            };
            let code = error.code();
            // SAFETY: the caller guarantees `err_out` is NULL or valid for a write.
            unsafe { store_error(err_out, error) };
            code
        }
    }
}

/// Runs `body`, returning `fallback` if it panics. For exports that return a value instead of
/// a status (accessors of the error object, `_free` functions, version).
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "no message"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    /// Takes back an error object a test received.
    fn take(err: *mut alipay_notify_error) -> alipay_notify_error {
        assert!(!err.is_null());
        // SAFETY: made by `store_error` with Box::into_raw, taken back once.
        *unsafe { Box::from_raw(err) }
    }

    #[test]
    fn a_panic_becomes_the_panic_status_with_its_message() {
        let mut err = ptr::null_mut();
        let status = call("alipay_notify_test", &mut err, || panic!("boom"));
        assert_eq!(status, ErrorKind::Panic.code());
        let err = take(err);
        assert_eq!(err.code(), 901);
        assert_eq!(
            err.message().to_str().unwrap(),
            "alipay_notify_test: a panic was caught: boom; please report it"
        );
        let status = call("f", ptr::null_mut(), || panic!("{}", String::from("owned")));
        assert_eq!(status, 901);
        assert_eq!(guard(7, || panic!("in a value export")), 7);
    }

    #[test]
    fn success_leaves_err_out_untouched() {
        let mut err = ptr::dangling_mut::<alipay_notify_error>();
        assert_eq!(call("f", &mut err, || Ok(())), 0);
        assert_eq!(err, ptr::dangling_mut());
    }

    #[test]
    fn the_error_object_carries_code_name_and_message() {
        let mut err = ptr::null_mut();
        let status = call("f", &mut err, || {
            Err(Error::new(ErrorKind::InvalidKey, "bad\0key"))
        });
        assert_eq!(status, 300);
        let err = take(err);
        assert_eq!((err.code(), err.name()), (300, c"INVALID_KEY"));
        assert_eq!(err.message().to_str().unwrap(), "bad\u{fffd}key");
        // No err_out: the status alone.
        let status = call("f", ptr::null_mut(), || {
            Err(Error::new(ErrorKind::Internal, "dropped"))
        });
        assert_eq!(status, 900);
    }
}
