//! The shapes exports that create, read or change a handle share: inside the panic boundary,
//! check the handle and the outputs for NULL, then run the part that is the export's own.

use crate::boundary::{alipay_notify_error, call};
use crate::ptr::{CText, CTextRef, OptionalOut, Out, handle, handle_mut, into_handle, put_text};
use alipay_notify::Result;
use std::ffi::c_char;

/// An output parameter with its name, for `NULL_PARAMETER` messages: `named!(count_out)`.
macro_rules! named {
    ($out:ident) => {
        ($out, stringify!($out))
    };
}
pub(crate) use named;

/// A pointer and the name of the parameter it came in.
pub(crate) type Named<T> = (T, &'static str);

/// A handle type, with the parameter names its exports use in `NULL_PARAMETER` messages.
pub(crate) trait Handle {
    /// The name of a parameter holding the handle (`notification`).
    const NAME: &'static str;
    /// The name of the output parameter that receives a new one (`notification_out`).
    const OUT: &'static str;
}

/// `handle_type!(alipay_notify_signer, "signer")`: a [`Handle`] whose exports name it `signer` and
/// `signer_out`.
macro_rules! handle_type {
    ($type:ty, $name:literal) => {
        impl $crate::handle::Handle for $type {
            const NAME: &'static str = $name;
            const OUT: &'static str = concat!($name, "_out");
        }
    };
}
pub(crate) use handle_type;

/// Makes a handle with `make` and writes it to `*out`, which the caller then owns.
pub(crate) fn create<H: Handle>(
    function: &'static str,
    out: *mut *mut H,
    err_out: *mut *mut alipay_notify_error,
    make: impl FnOnce() -> Result<H>,
) -> i32 {
    call(function, err_out, || {
        // SAFETY: the caller guarantees `out` is NULL or valid for a write.
        let out = unsafe { Out::new(out, H::OUT)? };
        out.put(into_handle(make()?));
        Ok(())
    })
}

/// Runs `body` with the handle behind `ptr`.
pub(crate) fn read<H: Handle>(
    function: &'static str,
    ptr: *const H,
    err_out: *mut *mut alipay_notify_error,
    body: impl FnOnce(&H) -> Result<()>,
) -> i32 {
    call(function, err_out, || {
        // SAFETY: the caller guarantees `ptr` is NULL or a live handle.
        body(unsafe { handle(ptr, H::NAME)? })
    })
}

/// Runs `body` with exclusive access to the handle behind `ptr`.
pub(crate) fn update<H: Handle>(
    function: &'static str,
    ptr: *mut H,
    err_out: *mut *mut alipay_notify_error,
    body: impl FnOnce(&mut H) -> Result<()>,
) -> i32 {
    call(function, err_out, || {
        // SAFETY: the caller guarantees `ptr` is NULL or a live handle nothing else uses.
        body(unsafe { handle_mut(ptr, H::NAME)? })
    })
}

/// Writes a value read from the handle to `*out`.
pub(crate) fn read_value<H: Handle, V>(
    function: &'static str,
    ptr: *const H,
    (out, out_name): Named<*mut V>,
    err_out: *mut *mut alipay_notify_error,
    pick: impl FnOnce(&H) -> Result<V>,
) -> i32 {
    read(function, ptr, err_out, |h| {
        // SAFETY: the caller guarantees `out` is NULL or valid for a write.
        let out = unsafe { Out::new(out, out_name)? };
        out.put(pick(h)?);
        Ok(())
    })
}

/// The text accessors: writes text borrowed from the handle to `*out` and its length to
/// `*len_out` (when not NULL); NULL and 0 when `pick` finds none.
pub(crate) fn read_text<H: Handle>(
    function: &'static str,
    ptr: *const H,
    (out, out_name): Named<*mut *const c_char>,
    len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
    pick: impl FnOnce(&H) -> Result<Option<&CText>>,
) -> i32 {
    read_text_ref(function, ptr, (out, out_name), len_out, err_out, |h| {
        Ok(pick(h)?.map(CText::as_ref))
    })
}

/// [`read_text`] for text kept in a [`crate::ptr::CTexts`].
pub(crate) fn read_text_ref<H: Handle>(
    function: &'static str,
    ptr: *const H,
    (out, out_name): Named<*mut *const c_char>,
    len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
    pick: impl FnOnce(&H) -> Result<Option<CTextRef<'_>>>,
) -> i32 {
    read(function, ptr, err_out, |h| {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid for a write.
        let out = unsafe { Out::new(out, out_name)? };
        let len_out = unsafe { OptionalOut::new(len_out) };
        put_text(pick(h)?, out, len_out);
        Ok(())
    })
}
