//! Options set by name: the generic setters of verifier and diagnosis options hand the name, and
//! the value in the shape C gave it, to the core's `set`, which owns the option tables
//! (`alipay_notify::options`): which names exist, what each takes, and the errors. This crate
//! only reads the C arguments.

use crate::boundary::alipay_notify_error;
use crate::handle::{Handle, update};
use crate::ptr::{array, text};
use alipay_notify::options::{self, OptionKind, OptionSpec, OptionValue};
use alipay_notify::{ErrorKind, Result};
use std::ffi::c_char;

/// A handle of options the core sets by name.
pub(crate) trait ByName: Handle {
    /// The core's table of these options.
    const TABLE: &'static [OptionSpec];

    /// Sets one option; when the core refuses it, the handle keeps what it held.
    fn set(&mut self, name: &str, value: OptionValue) -> Result<()>;
}

/// A value as C passes it, read once the option is known.
pub(crate) enum CValue {
    /// `value`, `value_len`.
    Text(*const c_char, usize),
    /// `values`, `value_lens`, `count`.
    Texts(*const *const c_char, *const usize, usize),
    /// A whole number.
    Integer(i64),
    /// Seconds since 1970-01-01 UTC.
    Time(i64),
}

impl CValue {
    /// The value for the core. Text that is not UTF-8 is `INVALID_KEY` for an option that
    /// holds a key or a secret, like the typed setters of keys, and `INVALID_CONFIG` otherwise.
    ///
    /// # Safety
    /// The pointers must be NULL or valid for their lengths and counts.
    unsafe fn read(self, spec: &OptionSpec) -> Result<OptionValue> {
        let kind = match spec.kind {
            OptionKind::Key | OptionKind::Keys | OptionKind::Secret => ErrorKind::InvalidKey,
            _ => ErrorKind::InvalidConfig,
        };
        // SAFETY (both): forwarded contract.
        Ok(match self {
            CValue::Text(ptr, len) => {
                OptionValue::Text(unsafe { text(ptr, len, "value", kind)? }.into())
            }
            CValue::Texts(ptrs, lens, count) => {
                let ptrs = unsafe { array(ptrs, count, "values", kind)? };
                let lens = unsafe { array(lens, count, "value_lens", kind)? };
                let texts = ptrs.iter().zip(lens).enumerate().map(|(i, (&ptr, &len))| {
                    unsafe { text(ptr, len, &format!("values[{i}]"), kind) }.map(String::from)
                });
                OptionValue::Texts(texts.collect::<Result<_>>()?)
            }
            CValue::Integer(n) => OptionValue::Integer(n),
            CValue::Time(seconds) => OptionValue::Time(seconds),
        })
    }
}

/// The body of every generic setter: the handle, the option's name (snake_case, or camelCase),
/// then the value; an unknown name is refused before the value is read.
///
/// # Safety
/// `name` must be NULL or valid for `name_len` bytes; `value` as [`CValue::read`].
pub(crate) unsafe fn set_by_name<H: ByName>(
    function: &'static str,
    options: *mut H,
    (name, name_len): (*const c_char, usize),
    value: CValue,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    update(function, options, err_out, |o| {
        // SAFETY (both): forwarded contract.
        let name = unsafe { text(name, name_len, "name", ErrorKind::InvalidConfig)? };
        let value = unsafe { value.read(options::find(H::TABLE, name)?)? };
        o.set(name, value)
    })
}

/// The body of a setter named after a text option (`_set_rule`, ...): the text of the C
/// parameter `param`, set as `option`, its NULL and UTF-8 errors naming that parameter.
///
/// # Safety
/// `ptr` must be NULL or valid for `len` bytes.
pub(crate) unsafe fn set_text_as<H: ByName>(
    function: &'static str,
    options: *mut H,
    option: &'static str,
    (ptr, len, param): (*const c_char, usize, &'static str),
    kind: ErrorKind,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    update(function, options, err_out, |o| {
        // SAFETY: forwarded contract.
        let text = unsafe { text(ptr, len, param, kind)? };
        o.set(option, OptionValue::Text(text.into()))
    })
}
