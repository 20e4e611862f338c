//! Conversions between C arguments and Rust values. Every pointer goes through one of these
//! functions, which turn NULL into `NULL_PARAMETER` before anything is read or written.

use crate::boundary::guard;
use alipay_notify::{Error, ErrorGroup, ErrorKind, Result};
use std::ffi::c_char;

fn null(name: &str) -> Error {
    Error::new(ErrorKind::NullParameter, format!("{name} is NULL"))
}

/// The bytes `ptr[0..len]`.
///
/// # Safety
/// `ptr` must be NULL or valid for reads of `len` bytes for `'a`.
pub(crate) unsafe fn bytes<'a>(ptr: *const c_char, len: usize, name: &str) -> Result<&'a [u8]> {
    if ptr.is_null() {
        return Err(null(name));
    }
    if len > isize::MAX as usize {
        return Err(Error::new(
            ErrorKind::InputTooLarge,
            format!("{name}_len is larger than any object can be"),
        ));
    }
    // SAFETY: non-NULL, length checked above; the caller guarantees validity.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// The UTF-8 text `ptr[0..len]`; bytes that are not UTF-8 give an error of kind `kind`. When
/// `kind` is a configuration error (the text is a key or an option), so is an impossible
/// length: an option error is an operator error, never the sender's `INPUT_TOO_LARGE`.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
    kind: ErrorKind,
) -> Result<&'a str> {
    // SAFETY: forwarded contract.
    let bytes = unsafe { bytes(ptr, len, name) }.map_err(|err| {
        match err.kind() == ErrorKind::InputTooLarge && kind.group() == ErrorGroup::Configuration {
            true => Error::new(kind, err.message()),
            false => err,
        }
    })?;
    std::str::from_utf8(bytes).map_err(|_| Error::new(kind, format!("{name} is not UTF-8 text")))
}

/// The array `ptr[0..count]` (of pointers or lengths); NULL is accepted when `count` is 0. An
/// impossible count gives an error of kind `kind`.
///
/// # Safety
/// `ptr` must be NULL or valid for reads of `count` values of `T` for `'a`.
pub(crate) unsafe fn array<'a, T>(
    ptr: *const T,
    count: usize,
    name: &str,
    kind: ErrorKind,
) -> Result<&'a [T]> {
    if count == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(null(name));
    }
    if count > isize::MAX as usize / size_of::<T>().max(1) {
        return Err(Error::new(
            kind,
            format!("{name}: the count is larger than any array can be"),
        ));
    }
    // SAFETY: non-NULL, count checked above; the caller guarantees validity.
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// [`text`], with NULL meaning "not given".
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn optional_text<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
    kind: ErrorKind,
) -> Result<Option<&'a str>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { text(ptr, len, name, kind).map(Some) }
}

/// A shared reference to a handle.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` for `'a`.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, name: &str) -> Result<&'a T> {
    // SAFETY: the caller guarantees `ptr` is NULL or valid.
    unsafe { ptr.as_ref() }.ok_or_else(|| null(name))
}

/// An exclusive reference to a handle.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` that nothing else uses for `'a`.
pub(crate) unsafe fn handle_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T> {
    // SAFETY: the caller guarantees `ptr` is NULL or valid and unaliased.
    unsafe { ptr.as_mut() }.ok_or_else(|| null(name))
}

/// An output parameter, checked for NULL when the call starts and written when it succeeds.
pub(crate) struct Out<T>(*mut T);

impl<T> Out<T> {
    /// # Safety
    /// `ptr` must be NULL or valid for a write of `T` until the call returns.
    pub(crate) unsafe fn new(ptr: *mut T, name: &str) -> Result<Out<T>> {
        if ptr.is_null() {
            Err(null(name))
        } else {
            Ok(Out(ptr))
        }
    }

    /// Writes the value (the previous content is overwritten, not dropped).
    pub(crate) fn put(self, value: T) {
        // SAFETY: non-NULL and valid for a write, as promised to `Out::new`.
        unsafe { self.0.write(value) }
    }
}

/// An optional output parameter: NULL means the caller does not want the value.
pub(crate) struct OptionalOut<T>(*mut T);

impl<T> OptionalOut<T> {
    /// # Safety
    /// `ptr` must be NULL or valid for a write of `T` until the call returns.
    pub(crate) unsafe fn new(ptr: *mut T) -> OptionalOut<T> {
        OptionalOut(ptr)
    }

    /// Writes the value if the caller asked for it.
    pub(crate) fn put(self, value: T) {
        if !self.0.is_null() {
            // SAFETY: non-NULL and valid for a write, as promised to `OptionalOut::new`.
            unsafe { self.0.write(value) }
        }
    }
}

/// Moves a value to the heap for C; `_free` functions give it back with [`free_handle`].
pub(crate) fn into_handle<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Drops a handle made by [`into_handle`] (or boxed the same way, as the error object is);
/// NULL is ignored.
///
/// # Safety
/// `ptr` must be NULL or come from [`into_handle`] with the same `T`, and not be used again.
pub(crate) unsafe fn free_handle<T>(ptr: *mut T) {
    guard((), || {
        if !ptr.is_null() {
            // SAFETY: the caller guarantees `ptr` came from `into_handle` and is freed once.
            drop(unsafe { Box::from_raw(ptr) });
        }
    })
}

/// Text kept inside a handle with a NUL terminator, so C can borrow it both as a
/// NUL-terminated string and as pointer plus length (it may contain NUL bytes itself).
#[derive(Debug)]
pub(crate) struct CText(Box<[u8]>);

impl CText {
    pub(crate) fn new(text: &str) -> CText {
        CText::from_bytes(text.as_bytes())
    }

    /// Bytes that need not be UTF-8 (a verified body), kept the same way.
    pub(crate) fn from_bytes(text: &[u8]) -> CText {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        bytes.extend_from_slice(text);
        bytes.push(0);
        CText(bytes.into_boxed_slice())
    }

    pub(crate) fn as_ref(&self) -> CTextRef<'_> {
        CTextRef(&self.0)
    }
}

/// A [`CText`] or one of the texts of a [`CTexts`], borrowed: its bytes and the NUL after them.
#[derive(Clone, Copy)]
pub(crate) struct CTextRef<'a>(&'a [u8]);

impl CTextRef<'_> {
    fn ptr(&self) -> *const c_char {
        self.0.as_ptr().cast()
    }

    /// The length without the terminator.
    fn len(&self) -> usize {
        self.0.len() - 1
    }
}

/// Many texts kept as [`CText`] keeps one, back to back in one buffer: a notification's names
/// and values cost one allocation, not two per parameter.
#[derive(Debug, Default)]
pub(crate) struct CTexts {
    bytes: Vec<u8>,
    /// Where each text starts; it ends at its NUL, just before the next one's start.
    starts: Vec<usize>,
}

impl CTexts {
    pub(crate) fn with_capacity(bytes: usize, texts: usize) -> CTexts {
        CTexts {
            bytes: Vec::with_capacity(bytes + texts),
            starts: Vec::with_capacity(texts),
        }
    }

    pub(crate) fn push(&mut self, text: &str) {
        self.starts.push(self.bytes.len());
        self.bytes.extend_from_slice(text.as_bytes());
        self.bytes.push(0);
    }

    pub(crate) fn get(&self, index: usize) -> Option<CTextRef<'_>> {
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.bytes.len());
        Some(CTextRef(&self.bytes[start..end]))
    }
}

/// Writes borrowed text (or NULL and 0 for `None`) to a pointer and an optional length output.
pub(crate) fn put_text(
    text: Option<CTextRef<'_>>,
    ptr_out: Out<*const c_char>,
    len_out: OptionalOut<usize>,
) {
    match text {
        Some(text) => {
            ptr_out.put(text.ptr());
            len_out.put(text.len());
        }
        None => {
            ptr_out.put(std::ptr::null());
            len_out.put(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_in_one_buffer_keep_their_lengths_and_terminators() {
        let mut texts = CTexts::with_capacity(8, 3);
        for text in ["a", "", "x\0y"] {
            texts.push(text);
        }
        let read = |index: usize| texts.get(index).map(|t| (t.0.to_vec(), t.len()));
        assert_eq!(read(0), Some((b"a\0".to_vec(), 1)));
        assert_eq!(read(1), Some((b"\0".to_vec(), 0)));
        // A NUL inside a value stays part of it: the length, not the terminator, ends it.
        assert_eq!(read(2), Some((b"x\0y\0".to_vec(), 3)));
        assert_eq!(read(3), None);
        assert_eq!(read(usize::MAX), None);
    }
}
