//! Generated from the core's `ErrorKind` table by ffi-c/tests/header.rs: do not edit. After
//! a change to the core's error kinds, run `make header`, which rewrites this file and the
//! header.

/// The status codes functions return: 0 for success, otherwise the stable code of the core's error
/// taxonomy (the same numbers in every binding; a retired code is never reused). Functions return
/// them as `int32_t`, so a newer library may return a code this header does not list: treat unknown
/// codes like their hundred (1xx sender, 2xx business check, 3xx configuration, 9xx library).
/// `alipay_notify_status_group()` tells what a code means for the caller.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum alipay_notify_status {
    /// Success.
    Ok = 0,
    /// The input is not a well-formed form body, query string or parameter list. Group
    /// `malformed_input`.
    MalformedInput = 100,
    /// The input is larger than the configured size limit. Group `malformed_input`.
    InputTooLarge = 101,
    /// A `%` is not followed by two hexadecimal digits. Group `malformed_input`.
    MalformedPercentEncoding = 102,
    /// A parameter name occurs more than once. Group `malformed_input`.
    DuplicateParameter = 103,
    /// The `sign` parameter is missing or empty. Group `signature`.
    MissingSignature = 104,
    /// The message's `sign_type` is not in the verifier's allowlist. Group `signature`.
    SignTypeNotAllowed = 105,
    /// The message's `charset` is not one Alipay uses (UTF-8, GBK, GB2312, GB18030). Group
    /// `malformed_input`.
    UnsupportedCharset = 106,
    /// The signature does not verify with any configured key under any allowed rule. Group
    /// `signature`.
    InvalidSignature = 107,
    /// A verified value is not valid text in the message's charset. Group `malformed_input`.
    InvalidTextEncoding = 108,
    /// An amount is not a yuan amount with at most two decimals. Group `malformed_input`.
    InvalidAmount = 109,
    /// The legacy `notify_verify` call answered `false`: not sent by Alipay, or expired. Group
    /// `notify_verify`.
    NotifyVerifyRejected = 110,
    /// The legacy `notify_verify` call answered neither `true`, `false` nor `invalid`. Group
    /// `notify_verify`.
    NotifyVerifyUnexpected = 111,
    /// An API response carries an empty `sign`: Alipay did not sign it. Group `signature`.
    UnsignedResponse = 112,
    /// The signature verifies, but the signed text reads as other parameters than the ones received
    /// (a value holds `&name=`): a re-split forgery, or unencoded query text. Group `signature`.
    AmbiguousSignedContent = 113,
    /// Signed content does not decrypt (invalid base64 or padding), or not with the configured
    /// `aes_key` or app private key. Group `malformed_input`.
    DecryptionFailed = 114,
    /// The message is for another `app_id`. Group `business_mismatch`.
    AppIdMismatch = 200,
    /// The message is for a `seller_id` that is not configured. Group `business_mismatch`.
    SellerIdMismatch = 201,
    /// The message's `out_trade_no` is not the order's. Group `business_mismatch`.
    OrderMismatch = 202,
    /// The message's amount is not the order's. Group `business_mismatch`.
    AmountMismatch = 203,
    /// A verified API response answers another method than the requested one. Group
    /// `business_mismatch`.
    MethodMismatch = 204,
    /// A configured key cannot be used. Group `configuration`.
    InvalidKey = 300,
    /// A configured key is shorter than the allowed minimum. Group `configuration`.
    WeakKey = 301,
    /// An option is invalid. Group `configuration`.
    InvalidConfig = 302,
    /// The legacy `notify_verify` call answered `invalid`: the partner id is wrong. Group
    /// `notify_verify`.
    NotifyVerifyInvalid = 303,
    /// An API response names an `alipay_cert_sn` that no configured certificate has. Group
    /// `configuration`.
    UnknownCertSn = 304,
    /// A configured certificate is outside its validity period. Group `configuration`.
    CertExpired = 305,
    /// A configured certificate does not chain to Alipay's root certificates. Group
    /// `configuration`.
    CertUntrusted = 306,
    /// A bug in this library; please report it. Group `library`.
    Internal = 900,
    /// A panic was caught at a binding boundary; please report it. Group `library`.
    Panic = 901,
    /// A required pointer argument was NULL (C ABI only). Group `library`.
    NullParameter = 902,
}
