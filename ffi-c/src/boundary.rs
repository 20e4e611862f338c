//! The panic boundary: every export runs its body through [`call`] (functions that return a
//! status) or [`guard`] (the few that return a value), so no panic unwinds into C.

use crate::error::alipay_notify_error;
use crate::error::store_error;
use alipay_notify::{Error, ErrorKind, Result};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

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
    use crate::error::{
        alipay_notify_error_code, alipay_notify_error_free, alipay_notify_error_message,
    };
    use std::ffi::CStr;
    use std::ptr;

    #[test]
    fn a_panic_becomes_the_panic_status_with_its_message() {
        let mut err = ptr::null_mut();
        let status = call("alipay_notify_test", &mut err, || panic!("boom"));
        assert_eq!(status, ErrorKind::Panic.code());
        unsafe {
            assert_eq!(alipay_notify_error_code(err), 901);
            let message = CStr::from_ptr(alipay_notify_error_message(err))
                .to_str()
                .unwrap();
            assert_eq!(
                message,
                "alipay_notify_test: a panic was caught: boom; please report it"
            );
            alipay_notify_error_free(err);
        }
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
}
