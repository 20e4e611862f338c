//! Status codes, their names and groups, and the library version.

use crate::boundary::guard;
use alipay_notify::{ErrorGroup, ErrorKind};
use std::ffi::{CStr, CString, c_char};
use std::sync::OnceLock;

// The enum is generated from the core's table (`make header`), so that the header lists every
// code the library can return.
mod codes;
pub use codes::alipay_notify_status;

/// The names of the status codes and groups as NUL-terminated strings, made once from the
/// core's tables: C gets static strings, and a kind added to the core needs no edit here.
struct CNames {
    kinds: Vec<(i32, CString)>,
    groups: Vec<(ErrorGroup, CString)>,
}

fn c_names() -> &'static CNames {
    static NAMES: OnceLock<CNames> = OnceLock::new();
    // The core's names are ASCII without NUL bytes; the default (empty) is unreachable.
    let c = |name: &str| CString::new(name).unwrap_or_default();
    NAMES.get_or_init(|| CNames {
        kinds: ErrorKind::ALL
            .iter()
            .map(|kind| (kind.code(), c(kind.name())))
            .collect(),
        groups: ErrorGroup::ALL
            .iter()
            .map(|&group| (group, c(group.name())))
            .collect(),
    })
}

const VERSION: &CStr = match CStr::from_bytes_with_nul(
    concat!("alipay_notify/", env!("CARGO_PKG_VERSION"), "\0").as_bytes(),
) {
    Ok(version) => version,
    Err(_) => panic!("the version contains a NUL byte"),
};

/// The stable name of a status code: `"OK"` for 0, `"INVALID_SIGNATURE"` for 107, and so on;
/// `"UNKNOWN"` for a code this library does not know. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn alipay_notify_status_name(status: i32) -> *const c_char {
    guard(c"UNKNOWN".as_ptr(), || match status {
        0 => c"OK".as_ptr(),
        _ => lookup(&c_names().kinds, &status, c"UNKNOWN"),
    })
}

/// The static string `table` holds for `key`, or `fallback`.
fn lookup<K: PartialEq>(
    table: &'static [(K, CString)],
    key: &K,
    fallback: &'static CStr,
) -> *const c_char {
    table
        .iter()
        .find(|(known, _)| known == key)
        .map_or(fallback, |(_, name)| name.as_c_str())
        .as_ptr()
}

/// The group of a status code: what the error means for the caller, and so who must act. The
/// same six groups in every binding (PHP's exception classes and Python's grouping classes
/// follow them):
/// - `"signature"`: the message is not authentic, or not signed as the policy requires
///   (`MISSING_SIGNATURE`, `SIGN_TYPE_NOT_ALLOWED`, `INVALID_SIGNATURE`, `UNSIGNED_RESPONSE`,
///   `AMBIGUOUS_SIGNED_CONTENT`): answer `fail`, do not act on it;
/// - `"malformed_input"`: not a well-formed message (the other 1xx codes but the
///   `notify_verify` ones): answer `fail`; if genuine messages land here, the body you pass
///   is not the raw request;
/// - `"business_mismatch"`: authentic, but not for this app, seller, order, amount or method
///   (2xx): do not fulfil the order;
/// - `"notify_verify"`: the legacy `notify_verify` call did not confirm the notification
///   (`NOTIFY_VERIFY_REJECTED`, `NOTIFY_VERIFY_UNEXPECTED`, `NOTIFY_VERIFY_INVALID`);
/// - `"configuration"`: the merchant's keys, certificates or options are wrong (the other 3xx
///   codes): the operator must fix them;
/// - `"library"`: a bug in this library, or a NULL argument (9xx): report it.
///
/// A code this library does not know takes the group of its hundred, as unknown codes are read
/// by their hundred: 1xx `"malformed_input"`, 2xx `"business_mismatch"`, 3xx `"configuration"`,
/// 9xx `"library"`. 0 (success) and any other code give `"unknown"`. The string is static:
/// never free it.
#[unsafe(no_mangle)]
pub extern "C" fn alipay_notify_status_group(status: i32) -> *const c_char {
    guard(c"unknown".as_ptr(), || match ErrorGroup::of_code(status) {
        Some(group) => lookup(&c_names().groups, &group, c"unknown"),
        None => c"unknown".as_ptr(),
    })
}

/// The library's name and version, `"alipay_notify/X.Y.Z"`. The string is static: never free
/// it.
#[unsafe(no_mangle)]
pub extern "C" fn alipay_notify_version() -> *const c_char {
    // Nothing here can panic; the guard keeps the rule "every export is guarded" checkable.
    guard(VERSION.as_ptr(), || VERSION.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: *const c_char) -> &'static str {
        // SAFETY: the functions under test return static NUL-terminated strings.
        unsafe { CStr::from_ptr(name) }.to_str().unwrap()
    }

    #[test]
    fn every_error_kind_has_its_name_and_group() {
        assert_eq!(text(alipay_notify_status_name(0)), "OK");
        assert_eq!(alipay_notify_status::Ok as i32, 0);
        for &kind in ErrorKind::ALL {
            let code = kind.code();
            assert_eq!(text(alipay_notify_status_name(code)), kind.name());
            assert_eq!(text(alipay_notify_status_group(code)), kind.group().name());
            // Static: the same pointer every time.
            assert_eq!(
                alipay_notify_status_group(code),
                alipay_notify_status_group(code)
            );
        }
    }

    #[test]
    fn unknown_codes_and_version() {
        for code in [-1, 1, 99, 999, i32::MIN, i32::MAX] {
            assert_eq!(text(alipay_notify_status_name(code)), "UNKNOWN");
        }
        // Groups: a newer library's code by its hundred; anything else has none.
        for (code, group) in [(199, "malformed_input"), (250, "business_mismatch")] {
            assert_eq!(text(alipay_notify_status_group(code)), group);
        }
        for (code, group) in [(399, "configuration"), (999, "library")] {
            assert_eq!(text(alipay_notify_status_group(code)), group);
        }
        for code in [0, -1, 1, 42, 99, 400, 1000, i32::MIN, i32::MAX] {
            assert_eq!(text(alipay_notify_status_group(code)), "unknown", "{code}");
        }
        assert_eq!(
            text(alipay_notify_version()),
            format!("alipay_notify/{}", alipay_notify::VERSION)
        );
    }
}
