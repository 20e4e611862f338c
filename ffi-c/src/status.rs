//! Status codes, their names, and the library version.

use crate::boundary::guard;
use std::ffi::{CStr, c_char};

/// The status codes functions return: 0 for success, otherwise the stable code of the core's
/// error taxonomy (the same numbers in every binding; a retired code is never reused).
/// Functions return them as `int32_t`, so a newer library may return a code this header does
/// not list: treat unknown codes like their hundred (1xx sender, 2xx business check,
/// 3xx configuration, 9xx library).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum alipay_notify_status {
    /// Success.
    Ok = 0,
    /// The input is not a well-formed form body, query string or parameter list.
    MalformedInput = 100,
    /// The input is larger than the configured limit.
    InputTooLarge = 101,
    /// A `%` is not followed by two hexadecimal digits.
    MalformedPercentEncoding = 102,
    /// A parameter name occurs more than once.
    DuplicateParameter = 103,
    /// The `sign` parameter is missing or empty.
    MissingSignature = 104,
    /// The message's `sign_type` is not in the verifier's allowlist.
    SignTypeNotAllowed = 105,
    /// The message's `charset` is not one Alipay uses.
    UnsupportedCharset = 106,
    /// The signature does not verify with any configured key under any allowed rule.
    InvalidSignature = 107,
    /// A verified value is not valid text in the message's charset.
    InvalidTextEncoding = 108,
    /// An amount is not a yuan amount with at most two decimals.
    InvalidAmount = 109,
    /// The legacy `notify_verify` call answered `false`.
    NotifyVerifyRejected = 110,
    /// The legacy `notify_verify` call answered something unexpected.
    NotifyVerifyUnexpected = 111,
    /// An API response carries an empty `sign`: Alipay did not sign it.
    UnsignedResponse = 112,
    /// The signature verifies, but the signed text splits into other parameters than the ones
    /// received (a value holds `&name=`): a re-split forgery, or unencoded query text.
    AmbiguousSignedContent = 113,
    /// The message is for another `app_id`.
    AppIdMismatch = 200,
    /// The message is for a `seller_id` that is not configured.
    SellerIdMismatch = 201,
    /// The message's `out_trade_no` is not the order's.
    OrderMismatch = 202,
    /// The message's amount is not the order's.
    AmountMismatch = 203,
    /// A verified API response answers another method than the requested one.
    MethodMismatch = 204,
    /// A configured key cannot be used.
    InvalidKey = 300,
    /// A configured key is shorter than the allowed minimum.
    WeakKey = 301,
    /// An option is invalid.
    InvalidConfig = 302,
    /// The legacy `notify_verify` call answered `invalid` (wrong partner id).
    NotifyVerifyInvalid = 303,
    /// An API response names an `alipay_cert_sn` that no configured certificate has.
    UnknownCertSn = 304,
    /// A configured certificate is outside its validity period.
    CertExpired = 305,
    /// A configured certificate does not chain to Alipay's root certificates.
    CertUntrusted = 306,
    /// A bug in this library; please report it.
    Internal = 900,
    /// A panic was caught at the boundary; please report it.
    Panic = 901,
    /// A required pointer argument was NULL.
    NullParameter = 902,
}

/// The static NUL-terminated name of every status, in code order.
pub(crate) const STATUS_NAMES: &[(alipay_notify_status, &CStr)] = {
    use alipay_notify_status as S;
    &[
        (S::Ok, c"OK"),
        (S::MalformedInput, c"MALFORMED_INPUT"),
        (S::InputTooLarge, c"INPUT_TOO_LARGE"),
        (S::MalformedPercentEncoding, c"MALFORMED_PERCENT_ENCODING"),
        (S::DuplicateParameter, c"DUPLICATE_PARAMETER"),
        (S::MissingSignature, c"MISSING_SIGNATURE"),
        (S::SignTypeNotAllowed, c"SIGN_TYPE_NOT_ALLOWED"),
        (S::UnsupportedCharset, c"UNSUPPORTED_CHARSET"),
        (S::InvalidSignature, c"INVALID_SIGNATURE"),
        (S::InvalidTextEncoding, c"INVALID_TEXT_ENCODING"),
        (S::InvalidAmount, c"INVALID_AMOUNT"),
        (S::NotifyVerifyRejected, c"NOTIFY_VERIFY_REJECTED"),
        (S::NotifyVerifyUnexpected, c"NOTIFY_VERIFY_UNEXPECTED"),
        (S::UnsignedResponse, c"UNSIGNED_RESPONSE"),
        (S::AmbiguousSignedContent, c"AMBIGUOUS_SIGNED_CONTENT"),
        (S::AppIdMismatch, c"APP_ID_MISMATCH"),
        (S::SellerIdMismatch, c"SELLER_ID_MISMATCH"),
        (S::OrderMismatch, c"ORDER_MISMATCH"),
        (S::AmountMismatch, c"AMOUNT_MISMATCH"),
        (S::MethodMismatch, c"METHOD_MISMATCH"),
        (S::InvalidKey, c"INVALID_KEY"),
        (S::WeakKey, c"WEAK_KEY"),
        (S::InvalidConfig, c"INVALID_CONFIG"),
        (S::NotifyVerifyInvalid, c"NOTIFY_VERIFY_INVALID"),
        (S::UnknownCertSn, c"UNKNOWN_CERT_SN"),
        (S::CertExpired, c"CERT_EXPIRED"),
        (S::CertUntrusted, c"CERT_UNTRUSTED"),
        (S::Internal, c"INTERNAL"),
        (S::Panic, c"PANIC"),
        (S::NullParameter, c"NULL_PARAMETER"),
    ]
};

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
    guard(c"UNKNOWN".as_ptr(), || {
        STATUS_NAMES
            .iter()
            .find(|(code, _)| *code as i32 == status)
            .map_or(c"UNKNOWN", |(_, name)| name)
            .as_ptr()
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
    use alipay_notify::ErrorKind;

    #[test]
    fn every_error_kind_has_its_status_with_the_same_code_and_name() {
        for &kind in ErrorKind::ALL {
            // SAFETY: alipay_notify_status_name returns a static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(alipay_notify_status_name(kind.code())) };
            assert_eq!(name.to_str().unwrap(), kind.name(), "code {}", kind.code());
        }
        assert_eq!(
            STATUS_NAMES.len(),
            ErrorKind::ALL.len() + 1,
            "a status has no ErrorKind"
        );
        for (status, name) in STATUS_NAMES {
            let code = *status as i32;
            match ErrorKind::from_code(code) {
                Some(kind) => assert_eq!(kind.name(), name.to_str().unwrap()),
                None => assert_eq!((code, *name), (0, c"OK")),
            }
        }
    }

    #[test]
    fn unknown_codes_and_version() {
        for code in [-1, 1, 99, 999, i32::MIN, i32::MAX] {
            // SAFETY: static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(alipay_notify_status_name(code)) };
            assert_eq!(name, c"UNKNOWN");
        }
        // SAFETY: static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(alipay_notify_version()) };
        assert_eq!(
            version.to_str().unwrap(),
            format!("alipay_notify/{}", alipay_notify::VERSION)
        );
    }
}
