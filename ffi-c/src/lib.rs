//! The C ABI of alipay-notify: `libalipay_notify` and `include/alipay_notify.h`.
//!
//! This crate only converts: every rule lives in the `alipay-notify` core. Its conventions,
//! which ffi-c/README.md repeats for C programmers:
//!
//! - Objects are opaque handles created by a `_new` or `_build` function into an `_out`
//!   parameter and released by the matching `_free` function, which accepts NULL.
//! - Inputs are a pointer and a length (`const char *x, size_t x_len`); they need no NUL
//!   terminator and may hold any bytes.
//! - Every function that can fail returns an `int32_t` status: 0 on success, otherwise one of
//!   the stable codes of the core's error taxonomy (`alipay_notify_status`). Its last parameter
//!   is `alipay_notify_error **err_out`: when it is not NULL and the call fails, it receives an
//!   error object (code, name, message) that the caller frees with `alipay_notify_error_free`.
//!   There is no thread-local "last error".
//! - Output parameters are written only when the function succeeds.
//! - Every pointer is checked: NULL where a value is required gives `NULL_PARAMETER` (902).
//! - A panic never crosses the boundary: it becomes `PANIC` (901).
//! - Strings returned as `char *` belong to the caller (free them with
//!   `alipay_notify_string_free`); strings returned as `const char *` are borrowed from the
//!   object they were read from, or static.
//!
//! Every export dereferences the raw pointers it is given, so each one is `unsafe` to call from
//! Rust. The contract is the same for all of them and is stated once here instead of in a
//! `# Safety` section per function (the doc comments are copied into the C header): every
//! non-NULL pointer must be valid for the type and length it is passed with, handles must come
//! from this library and not be used after `_free`, and a handle passed as a non-const pointer
//! must not be used by another thread during the call.

#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]
#![warn(missing_docs)]

// Plumbing, each module using only the ones above it: the panic boundary (with the error
// object it makes), pointer conversions, the shapes of the exports that use a handle, and
// options set by name.
mod boundary;

mod ptr;

mod handle;

mod by_name;

// The API, one concept per file, in the order the header lists them.
mod status;

mod error;

mod string;

mod options;

mod setters;

mod verifier;

mod notification;

mod response;

mod params;

mod sign;

mod diagnose;
mod diagnose_responses;

mod cert;

mod legacy;

mod wap;
// SM2 (国密), family D of issue 11.
mod sm2;
// OpenAPI v3 (issue 11, family A).
mod v3;

// AES-encrypted content (encrypt_type=AES), open data, 生活号 encrypted biz_content.
mod aes;

// The notification ledger's row and reconciliation requests (issue 13).
mod ledger;
mod trade;

pub use aes::*;
pub use boundary::alipay_notify_error;
pub use cert::*;
pub use diagnose::*;
pub use diagnose_responses::*;
pub use error::*;
pub use ledger::*;
pub use legacy::*;
pub use notification::*;
pub use options::*;
pub use params::*;
pub use response::*;
pub use setters::*;
pub use sign::*;
pub use sm2::*;
pub use status::*;
pub use string::*;
pub use trade::*;
pub use v3::*;
pub use verifier::*;
pub use wap::*;

#[cfg(test)]
mod tests;
