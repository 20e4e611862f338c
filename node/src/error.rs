//! Core errors as JavaScript errors whose `code` is the core's stable name.
//!
//! napi's `Error<S>` sets the thrown error's `code` to `S::as_ref()`, so a status that is the
//! core's [`ErrorKind::name`] gives `err.code === 'INVALID_SIGNATURE'` with no JavaScript glue.
//! `index.js` turns these errors into `AlipayNotifyError` instances.

use alipay_notify::ErrorKind;

/// The status of a thrown error: a core error name, or napi's own status when a conversion
/// failed in napi (a JavaScript exception already pending keeps its `PendingException` status,
/// so napi rethrows the original exception).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// A core error.
    Kind(ErrorKind),
    /// A napi failure.
    Napi(napi::Status),
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        match self {
            Code::Kind(kind) => kind.name(),
            Code::Napi(status) => status.as_ref(),
        }
    }
}

/// A JavaScript error carrying a core error name.
pub type Error = napi::Error<Code>;

/// Results of the exported functions.
pub type Result<T> = std::result::Result<T, Error>;

/// The JavaScript error for a core error: `code` is its name, `message` its explanation.
pub fn to_js(err: alipay_notify::Error) -> Error {
    napi::Error::new(Code::Kind(err.kind()), err.message())
}

/// A JavaScript error of the given kind, for input the binding itself refuses.
pub fn error(kind: ErrorKind, message: impl Into<String>) -> Error {
    napi::Error::new(Code::Kind(kind), message.into())
}

/// Converts core results.
pub trait IntoJs<T> {
    /// The result with a core error turned into a JavaScript error.
    fn js(self) -> Result<T>;
}

impl<T> IntoJs<T> for alipay_notify::Result<T> {
    fn js(self) -> Result<T> {
        self.map_err(to_js)
    }
}

impl<T> IntoJs<T> for napi::Result<T> {
    fn js(self) -> Result<T> {
        self.map_err(|err| napi::Error::new(Code::Napi(err.status), err.reason))
    }
}
