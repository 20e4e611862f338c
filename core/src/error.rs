//! One error taxonomy for the core and every binding.
//!
//! Names and numeric codes are stable: bindings expose them unchanged (Python `.name`/`.code`,
//! Node `err.code`, PHP exception codes, C status values). A retired code is never reused.
//! Codes are grouped by who controls the cause:
//! - 1xx: the sender (the message is malformed, unsigned, or its signature does not verify);
//! - 2xx: the business check after a valid signature (the message is for another app, seller,
//!   order or amount);
//! - 3xx: the operator (a key or option the merchant configured is wrong);
//! - 9xx: this library or the binding layer.
//!
//! Across that axis, each kind belongs to one [`ErrorGroup`]: what the error means for the
//! merchant's code, and so who must act. Every binding derives its exception classes (PHP),
//! grouping classes (Python) or `group` property (Node, C) from [`ErrorKind::group`], so the
//! same error means the same thing in every language.
//!
//! Messages are written for the merchant engineer reading a log. They never contain key
//! material, signatures or whole messages.

use std::fmt;

/// The stable kind of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not a well-formed form body, query string or parameter list.
    MalformedInput,
    /// The input is larger than the configured limit.
    InputTooLarge,
    /// A `%` is not followed by two hexadecimal digits.
    MalformedPercentEncoding,
    /// A parameter name occurs more than once.
    DuplicateParameter,
    /// The `sign` parameter is missing or empty.
    MissingSignature,
    /// The message's `sign_type` is not in the verifier's allowlist.
    SignTypeNotAllowed,
    /// The message's `charset` is not one Alipay uses (UTF-8, GBK, GB2312, GB18030).
    UnsupportedCharset,
    /// The signature does not verify with any configured key under any allowed rule.
    InvalidSignature,
    /// A verified value is not valid text in the message's charset.
    InvalidTextEncoding,
    /// An amount field is not a yuan amount with at most two decimals.
    InvalidAmount,
    /// The legacy `notify_verify` call answered `false`: Alipay did not send this notification,
    /// or its `notify_id` has expired.
    NotifyVerifyRejected,
    /// The legacy `notify_verify` call answered something other than `true`, `false` or
    /// `invalid`.
    NotifyVerifyUnexpected,
    /// An API response carries an empty `sign`: Alipay did not sign it (it does so for some
    /// error responses, such as an unknown `app_id`), so nothing in it can be trusted.
    UnsignedResponse,
    /// The signature verifies, but the signed text splits into other parameters than the ones
    /// received: a value holds `&name=` (or a name is not one Alipay writes), so whoever holds
    /// the message could re-split it to change or hide fields. Rejected unless the field is
    /// allowed with `allow_embedded_pairs`.
    AmbiguousSignedContent,
    /// Signed content does not decrypt: its base64 or its AES padding (or the RSA blocks of an
    /// encrypted `biz_content`) is invalid, or it decrypts to something that is not text of
    /// the expected shape. Alipay's own ciphertexts decrypt, so the content was altered, or
    /// the configured `aes_key` (or app private key) is not the one Alipay encrypted for. A
    /// key that cannot be a key at all is [`ErrorKind::InvalidKey`].
    DecryptionFailed,
    /// A signed OpenAPI v3 response's `alipay-timestamp` is further from now than the
    /// configured `max_response_age`: a replayed (or delayed) response, or a wrong clock.
    StaleResponse,
    /// The message is for another `app_id` than the configured one.
    AppIdMismatch,
    /// The message is for a `seller_id` the verifier was not configured with.
    SellerIdMismatch,
    /// The message's `out_trade_no` is not the merchant's order.
    OrderMismatch,
    /// The message's `total_amount` is not the order's amount.
    AmountMismatch,
    /// A verified API response answers another method than the one the caller requested.
    MethodMismatch,
    /// A configured key cannot be used (not a key, not RSA, a private key where a public key
    /// belongs, truncated, ...).
    InvalidKey,
    /// A configured key is shorter than the allowed minimum.
    WeakKey,
    /// A verifier option is invalid.
    InvalidConfig,
    /// The legacy `notify_verify` call answered `invalid`: the partner id or notify id sent
    /// was wrong.
    NotifyVerifyInvalid,
    /// An API response names an `alipay_cert_sn` that none of the configured Alipay
    /// certificates has: Alipay rotated its certificate, download and add the new one.
    UnknownCertSn,
    /// A configured certificate is outside its validity period (only when certificate checks
    /// are on).
    CertExpired,
    /// A configured certificate does not chain to Alipay's root certificates (only when
    /// certificate checks are on).
    CertUntrusted,
    /// A bug in this library; please report it.
    Internal,
    /// A panic was caught at a binding boundary; please report it.
    Panic,
    /// A required pointer argument was NULL (C ABI only).
    NullParameter,
}

impl ErrorKind {
    /// Every kind, in code order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::MalformedInput,
        ErrorKind::InputTooLarge,
        ErrorKind::MalformedPercentEncoding,
        ErrorKind::DuplicateParameter,
        ErrorKind::MissingSignature,
        ErrorKind::SignTypeNotAllowed,
        ErrorKind::UnsupportedCharset,
        ErrorKind::InvalidSignature,
        ErrorKind::InvalidTextEncoding,
        ErrorKind::InvalidAmount,
        ErrorKind::NotifyVerifyRejected,
        ErrorKind::NotifyVerifyUnexpected,
        ErrorKind::UnsignedResponse,
        ErrorKind::AmbiguousSignedContent,
        ErrorKind::DecryptionFailed,
        ErrorKind::StaleResponse,
        ErrorKind::AppIdMismatch,
        ErrorKind::SellerIdMismatch,
        ErrorKind::OrderMismatch,
        ErrorKind::AmountMismatch,
        ErrorKind::MethodMismatch,
        ErrorKind::InvalidKey,
        ErrorKind::WeakKey,
        ErrorKind::InvalidConfig,
        ErrorKind::NotifyVerifyInvalid,
        ErrorKind::UnknownCertSn,
        ErrorKind::CertExpired,
        ErrorKind::CertUntrusted,
        ErrorKind::Internal,
        ErrorKind::Panic,
        ErrorKind::NullParameter,
    ];

    /// The stable numeric code (0 is reserved for success).
    pub const fn code(self) -> i32 {
        match self {
            ErrorKind::MalformedInput => 100,
            ErrorKind::InputTooLarge => 101,
            ErrorKind::MalformedPercentEncoding => 102,
            ErrorKind::DuplicateParameter => 103,
            ErrorKind::MissingSignature => 104,
            ErrorKind::SignTypeNotAllowed => 105,
            ErrorKind::UnsupportedCharset => 106,
            ErrorKind::InvalidSignature => 107,
            ErrorKind::InvalidTextEncoding => 108,
            ErrorKind::InvalidAmount => 109,
            ErrorKind::NotifyVerifyRejected => 110,
            ErrorKind::NotifyVerifyUnexpected => 111,
            ErrorKind::UnsignedResponse => 112,
            ErrorKind::AmbiguousSignedContent => 113,
            ErrorKind::DecryptionFailed => 114,
            ErrorKind::StaleResponse => 115,
            ErrorKind::AppIdMismatch => 200,
            ErrorKind::SellerIdMismatch => 201,
            ErrorKind::OrderMismatch => 202,
            ErrorKind::AmountMismatch => 203,
            ErrorKind::MethodMismatch => 204,
            ErrorKind::InvalidKey => 300,
            ErrorKind::WeakKey => 301,
            ErrorKind::InvalidConfig => 302,
            ErrorKind::NotifyVerifyInvalid => 303,
            ErrorKind::UnknownCertSn => 304,
            ErrorKind::CertExpired => 305,
            ErrorKind::CertUntrusted => 306,
            ErrorKind::Internal => 900,
            ErrorKind::Panic => 901,
            ErrorKind::NullParameter => 902,
        }
    }

    /// The stable UPPER_SNAKE name.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::MalformedInput => "MALFORMED_INPUT",
            ErrorKind::InputTooLarge => "INPUT_TOO_LARGE",
            ErrorKind::MalformedPercentEncoding => "MALFORMED_PERCENT_ENCODING",
            ErrorKind::DuplicateParameter => "DUPLICATE_PARAMETER",
            ErrorKind::MissingSignature => "MISSING_SIGNATURE",
            ErrorKind::SignTypeNotAllowed => "SIGN_TYPE_NOT_ALLOWED",
            ErrorKind::UnsupportedCharset => "UNSUPPORTED_CHARSET",
            ErrorKind::InvalidSignature => "INVALID_SIGNATURE",
            ErrorKind::InvalidTextEncoding => "INVALID_TEXT_ENCODING",
            ErrorKind::InvalidAmount => "INVALID_AMOUNT",
            ErrorKind::NotifyVerifyRejected => "NOTIFY_VERIFY_REJECTED",
            ErrorKind::NotifyVerifyUnexpected => "NOTIFY_VERIFY_UNEXPECTED",
            ErrorKind::UnsignedResponse => "UNSIGNED_RESPONSE",
            ErrorKind::AmbiguousSignedContent => "AMBIGUOUS_SIGNED_CONTENT",
            ErrorKind::DecryptionFailed => "DECRYPTION_FAILED",
            ErrorKind::StaleResponse => "STALE_RESPONSE",
            ErrorKind::AppIdMismatch => "APP_ID_MISMATCH",
            ErrorKind::SellerIdMismatch => "SELLER_ID_MISMATCH",
            ErrorKind::OrderMismatch => "ORDER_MISMATCH",
            ErrorKind::AmountMismatch => "AMOUNT_MISMATCH",
            ErrorKind::MethodMismatch => "METHOD_MISMATCH",
            ErrorKind::InvalidKey => "INVALID_KEY",
            ErrorKind::WeakKey => "WEAK_KEY",
            ErrorKind::InvalidConfig => "INVALID_CONFIG",
            ErrorKind::NotifyVerifyInvalid => "NOTIFY_VERIFY_INVALID",
            ErrorKind::UnknownCertSn => "UNKNOWN_CERT_SN",
            ErrorKind::CertExpired => "CERT_EXPIRED",
            ErrorKind::CertUntrusted => "CERT_UNTRUSTED",
            ErrorKind::Internal => "INTERNAL",
            ErrorKind::Panic => "PANIC",
            ErrorKind::NullParameter => "NULL_PARAMETER",
        }
    }

    /// Who controls the cause, for routing errors to the right people.
    pub const fn category(self) -> Category {
        match self.code() {
            100..=199 => Category::Sender,
            200..=299 => Category::Business,
            300..=399 => Category::Operator,
            _ => Category::Library,
        }
    }

    /// What the error means for the caller's code, and so who must act. Unlike
    /// [`category`](Self::category), which follows the code's hundred, this groups the kinds a
    /// program handles alike: a `MISSING_SIGNATURE` (1xx, sent by the sender) is a signature
    /// failure like `INVALID_SIGNATURE`, and `NOTIFY_VERIFY_INVALID` (3xx) belongs with the
    /// other answers of the legacy `notify_verify` check.
    pub const fn group(self) -> ErrorGroup {
        match self {
            ErrorKind::MissingSignature
            | ErrorKind::SignTypeNotAllowed
            | ErrorKind::InvalidSignature
            | ErrorKind::UnsignedResponse
            | ErrorKind::AmbiguousSignedContent
            | ErrorKind::StaleResponse => ErrorGroup::Signature,
            ErrorKind::MalformedInput
            | ErrorKind::InputTooLarge
            | ErrorKind::MalformedPercentEncoding
            | ErrorKind::DuplicateParameter
            | ErrorKind::UnsupportedCharset
            | ErrorKind::InvalidTextEncoding
            | ErrorKind::InvalidAmount
            | ErrorKind::DecryptionFailed => ErrorGroup::MalformedInput,
            ErrorKind::AppIdMismatch
            | ErrorKind::SellerIdMismatch
            | ErrorKind::OrderMismatch
            | ErrorKind::AmountMismatch
            | ErrorKind::MethodMismatch => ErrorGroup::BusinessMismatch,
            ErrorKind::NotifyVerifyRejected
            | ErrorKind::NotifyVerifyUnexpected
            | ErrorKind::NotifyVerifyInvalid => ErrorGroup::NotifyVerify,
            ErrorKind::InvalidKey
            | ErrorKind::WeakKey
            | ErrorKind::InvalidConfig
            | ErrorKind::UnknownCertSn
            | ErrorKind::CertExpired
            | ErrorKind::CertUntrusted => ErrorGroup::Configuration,
            ErrorKind::Internal | ErrorKind::Panic | ErrorKind::NullParameter => {
                ErrorGroup::Library
            }
        }
    }

    /// One line saying what the kind means, for documentation and the tables generated from
    /// this one (the C status enum, Python's exception classes); an [`Error`]'s message
    /// explains the instance.
    pub const fn summary(self) -> &'static str {
        match self {
            ErrorKind::MalformedInput => {
                "The input is not a well-formed form body, query string or parameter list."
            }
            ErrorKind::InputTooLarge => "The input is larger than the configured size limit.",
            ErrorKind::MalformedPercentEncoding => {
                "A `%` is not followed by two hexadecimal digits."
            }
            ErrorKind::DuplicateParameter => "A parameter name occurs more than once.",
            ErrorKind::MissingSignature => "The `sign` parameter is missing or empty.",
            ErrorKind::SignTypeNotAllowed => {
                "The message's `sign_type` is not in the verifier's allowlist."
            }
            ErrorKind::UnsupportedCharset => {
                "The message's `charset` is not one Alipay uses (UTF-8, GBK, GB2312, GB18030)."
            }
            ErrorKind::InvalidSignature => {
                "The signature does not verify with any configured key under any allowed rule."
            }
            ErrorKind::InvalidTextEncoding => {
                "A verified value is not valid text in the message's charset."
            }
            ErrorKind::InvalidAmount => "An amount is not a yuan amount with at most two decimals.",
            ErrorKind::NotifyVerifyRejected => {
                "The legacy `notify_verify` call answered `false`: not sent by Alipay, or expired."
            }
            ErrorKind::NotifyVerifyUnexpected => {
                "The legacy `notify_verify` call answered neither `true`, `false` nor `invalid`."
            }
            ErrorKind::UnsignedResponse => {
                "An API response carries an empty `sign`: Alipay did not sign it."
            }
            ErrorKind::AmbiguousSignedContent => {
                "The signature verifies, but the signed text reads as other parameters than the \
                 ones received (a value holds `&name=`): a re-split forgery, or unencoded query \
                 text."
            }
            ErrorKind::DecryptionFailed => {
                "Signed content does not decrypt (invalid base64 or padding), or not with the \
                 configured `aes_key` or app private key."
            }
            ErrorKind::StaleResponse => {
                "A signed v3 response is older than the configured maximum age (max_response_age)."
            }
            ErrorKind::AppIdMismatch => "The message is for another `app_id`.",
            ErrorKind::SellerIdMismatch => {
                "The message is for a `seller_id` that is not configured."
            }
            ErrorKind::OrderMismatch => "The message's `out_trade_no` is not the order's.",
            ErrorKind::AmountMismatch => "The message's amount is not the order's.",
            ErrorKind::MethodMismatch => {
                "A verified API response answers another method than the requested one."
            }
            ErrorKind::InvalidKey => "A configured key cannot be used.",
            ErrorKind::WeakKey => "A configured key is shorter than the allowed minimum.",
            ErrorKind::InvalidConfig => "An option is invalid.",
            ErrorKind::NotifyVerifyInvalid => {
                "The legacy `notify_verify` call answered `invalid`: the partner id is wrong."
            }
            ErrorKind::UnknownCertSn => {
                "An API response names an `alipay_cert_sn` that no configured certificate has."
            }
            ErrorKind::CertExpired => "A configured certificate is outside its validity period.",
            ErrorKind::CertUntrusted => {
                "A configured certificate does not chain to Alipay's root certificates."
            }
            ErrorKind::Internal => "A bug in this library; please report it.",
            ErrorKind::Panic => "A panic was caught at a binding boundary; please report it.",
            ErrorKind::NullParameter => "A required pointer argument was NULL (C ABI only).",
        }
    }

    /// Looks a kind up by its stable name.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|kind| kind.name() == name)
    }

    /// Looks a kind up by its stable code.
    pub fn from_code(code: i32) -> Option<ErrorKind> {
        Self::ALL.iter().copied().find(|kind| kind.code() == code)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who controls the cause of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The message's sender: reject the message (answer `fail`).
    Sender,
    /// The message is authentic but not for this merchant's order.
    Business,
    /// The merchant's configuration: fix it, the messages may be fine.
    Operator,
    /// This library.
    Library,
}

impl Category {
    /// `"sender"`, `"business"`, `"operator"` or `"library"`.
    pub const fn name(self) -> &'static str {
        match self {
            Category::Sender => "sender",
            Category::Business => "business",
            Category::Operator => "operator",
            Category::Library => "library",
        }
    }
}

/// What an error means for the merchant's code, and so who must act: the grouping every
/// binding's exception hierarchy follows ([`ErrorKind::group`]). The set is fixed; each group
/// has a stable lower snake case [`name`](Self::name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorGroup {
    /// `signature`: the message is not authentic, or not signed as the verifier's policy
    /// requires (`MISSING_SIGNATURE`, `SIGN_TYPE_NOT_ALLOWED`, `INVALID_SIGNATURE`,
    /// `UNSIGNED_RESPONSE`, `AMBIGUOUS_SIGNED_CONTENT`, `STALE_RESPONSE`). Answer `fail` and do
    /// not act on it. Nobody has to act for one such message; when every message fails, check
    /// the key with `diagnose`.
    Signature,
    /// `malformed_input`: not a well-formed Alipay message (`MALFORMED_INPUT`,
    /// `INPUT_TOO_LARGE`, `MALFORMED_PERCENT_ENCODING`, `DUPLICATE_PARAMETER`,
    /// `UNSUPPORTED_CHARSET`, `INVALID_TEXT_ENCODING`, `INVALID_AMOUNT`, `DECRYPTION_FAILED`).
    /// Answer `fail`; when genuine notifications land here, the merchant's code passes
    /// something other than the raw request (a parsed, re-encoded or truncated body); when
    /// every encrypted message is `DECRYPTION_FAILED`, the configured `aes_key` is another
    /// app's.
    MalformedInput,
    /// `business_mismatch`: authentic, but not for this app, seller, order, amount or method
    /// (`APP_ID_MISMATCH`, `SELLER_ID_MISMATCH`, `ORDER_MISMATCH`, `AMOUNT_MISMATCH`,
    /// `METHOD_MISMATCH`). Do not fulfil the order; the merchant looks into why (another app's
    /// notify_url, a replayed message, a changed order).
    BusinessMismatch,
    /// `notify_verify`: the legacy mapi `notify_verify` call did not confirm the notification
    /// (`NOTIFY_VERIFY_REJECTED`, `NOTIFY_VERIFY_UNEXPECTED`, `NOTIFY_VERIFY_INVALID`). Answer
    /// `fail`; `NOTIFY_VERIFY_INVALID` (a wrong partner id) needs the operator.
    NotifyVerify,
    /// `configuration`: the merchant's keys, certificates or options are wrong (`INVALID_KEY`,
    /// `WEAK_KEY`, `INVALID_CONFIG`, `UNKNOWN_CERT_SN`, `CERT_EXPIRED`, `CERT_UNTRUSTED`). The
    /// operator must fix the configuration; the messages may be fine. Alert someone: every
    /// message fails until then.
    Configuration,
    /// `library`: a bug in this library, or a NULL pointer passed to the C ABI (`INTERNAL`,
    /// `PANIC`, `NULL_PARAMETER`). Report it.
    Library,
}

impl ErrorGroup {
    /// Every group, in the order of the codes' first kinds.
    pub const ALL: &'static [ErrorGroup] = &[
        ErrorGroup::Signature,
        ErrorGroup::MalformedInput,
        ErrorGroup::BusinessMismatch,
        ErrorGroup::NotifyVerify,
        ErrorGroup::Configuration,
        ErrorGroup::Library,
    ];

    /// The stable lower snake case name: `"signature"`, `"malformed_input"`,
    /// `"business_mismatch"`, `"notify_verify"`, `"configuration"` or `"library"`.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorGroup::Signature => "signature",
            ErrorGroup::MalformedInput => "malformed_input",
            ErrorGroup::BusinessMismatch => "business_mismatch",
            ErrorGroup::NotifyVerify => "notify_verify",
            ErrorGroup::Configuration => "configuration",
            ErrorGroup::Library => "library",
        }
    }

    /// Looks a group up by its stable name.
    pub fn from_name(name: &str) -> Option<ErrorGroup> {
        Self::ALL.iter().copied().find(|group| group.name() == name)
    }

    /// The group of a status code: its kind's group; for a code this version does not know (a
    /// newer library's, read from a log or a queue), the group that stands for its hundred, as
    /// codes are read by their hundred: 1xx `malformed_input` (the sender's message is
    /// rejected), 2xx `business_mismatch`, 3xx `configuration`, 9xx `library`. `None` for 0
    /// (success) and codes outside those hundreds.
    pub fn of_code(code: i32) -> Option<ErrorGroup> {
        if let Some(kind) = ErrorKind::from_code(code) {
            return Some(kind.group());
        }
        match code {
            100..=199 => Some(ErrorGroup::MalformedInput),
            200..=299 => Some(ErrorGroup::BusinessMismatch),
            300..=399 => Some(ErrorGroup::Configuration),
            900..=999 => Some(ErrorGroup::Library),
            _ => None,
        }
    }
}

impl fmt::Display for ErrorGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error with a stable [`ErrorKind`] and an actionable message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Creates an error. `message` must not contain key material.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The stable kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable numeric code, shortcut for `kind().code()`.
    pub fn code(&self) -> i32 {
        self.kind.code()
    }

    /// The stable name, shortcut for `kind().name()`.
    pub fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The human-readable explanation, without the name.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_round_trip() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for &kind in ErrorKind::ALL {
            assert!(codes.insert(kind.code()), "duplicate code {}", kind.code());
            assert!(names.insert(kind.name()), "duplicate name {}", kind.name());
            assert_eq!(ErrorKind::from_code(kind.code()), Some(kind));
            assert_eq!(ErrorKind::from_name(kind.name()), Some(kind));
            assert_ne!(kind.code(), 0);
        }
    }

    #[test]
    fn display_starts_with_the_stable_name() {
        let err = Error::new(ErrorKind::InvalidSignature, "no key verified");
        assert_eq!(err.to_string(), "INVALID_SIGNATURE: no key verified");
        assert_eq!(err.kind().category(), Category::Sender);
        assert_eq!(ErrorKind::InvalidKey.category(), Category::Operator);
        assert_eq!(ErrorKind::AmountMismatch.category(), Category::Business);
    }

    /// The groups every binding's hierarchy follows: written out here, name by name, so that
    /// moving a kind to another group is a deliberate change of this test too.
    #[test]
    fn each_kind_is_in_its_documented_group() {
        let groups: [(&str, &[&str]); 6] = [
            (
                "signature",
                &[
                    "MISSING_SIGNATURE",
                    "SIGN_TYPE_NOT_ALLOWED",
                    "INVALID_SIGNATURE",
                    "UNSIGNED_RESPONSE",
                    "AMBIGUOUS_SIGNED_CONTENT",
                    "STALE_RESPONSE",
                ],
            ),
            (
                "malformed_input",
                &[
                    "MALFORMED_INPUT",
                    "INPUT_TOO_LARGE",
                    "MALFORMED_PERCENT_ENCODING",
                    "DUPLICATE_PARAMETER",
                    "UNSUPPORTED_CHARSET",
                    "INVALID_TEXT_ENCODING",
                    "INVALID_AMOUNT",
                    "DECRYPTION_FAILED",
                ],
            ),
            (
                "business_mismatch",
                &[
                    "APP_ID_MISMATCH",
                    "SELLER_ID_MISMATCH",
                    "ORDER_MISMATCH",
                    "AMOUNT_MISMATCH",
                    "METHOD_MISMATCH",
                ],
            ),
            (
                "notify_verify",
                &[
                    "NOTIFY_VERIFY_REJECTED",
                    "NOTIFY_VERIFY_UNEXPECTED",
                    "NOTIFY_VERIFY_INVALID",
                ],
            ),
            (
                "configuration",
                &[
                    "INVALID_KEY",
                    "WEAK_KEY",
                    "INVALID_CONFIG",
                    "UNKNOWN_CERT_SN",
                    "CERT_EXPIRED",
                    "CERT_UNTRUSTED",
                ],
            ),
            ("library", &["INTERNAL", "PANIC", "NULL_PARAMETER"]),
        ];
        let names: Vec<&str> = ErrorGroup::ALL.iter().map(|g| g.name()).collect();
        assert_eq!(names, groups.map(|(name, _)| name));
        let mut listed = 0;
        for (name, kinds) in groups {
            let group = ErrorGroup::from_name(name).unwrap();
            assert_eq!(group.to_string(), name);
            for kind in kinds {
                assert_eq!(ErrorKind::from_name(kind).unwrap().group(), group, "{kind}");
                listed += 1;
            }
        }
        assert_eq!(
            listed,
            ErrorKind::ALL.len(),
            "a kind is in no group of this test"
        );
        assert_eq!(ErrorGroup::from_name("Signature"), None);
    }

    #[test]
    fn group_names_are_lower_snake_case() {
        for group in ErrorGroup::ALL {
            let name = group.name();
            assert!(
                !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    && !name.starts_with('_')
                    && !name.ends_with('_'),
                "{name}"
            );
        }
    }

    #[test]
    fn unknown_codes_take_the_group_of_their_hundred() {
        for &kind in ErrorKind::ALL {
            assert_eq!(ErrorGroup::of_code(kind.code()), Some(kind.group()));
        }
        assert_eq!(ErrorGroup::of_code(199), Some(ErrorGroup::MalformedInput));
        assert_eq!(ErrorGroup::of_code(299), Some(ErrorGroup::BusinessMismatch));
        assert_eq!(ErrorGroup::of_code(399), Some(ErrorGroup::Configuration));
        assert_eq!(ErrorGroup::of_code(999), Some(ErrorGroup::Library));
        for code in [0, 1, 42, 99, 400, 899, 1000, -107, i32::MIN, i32::MAX] {
            assert_eq!(ErrorGroup::of_code(code), None, "{code}");
        }
    }

    #[test]
    fn summaries_are_one_sentence_without_c_comment_ends() {
        for &kind in ErrorKind::ALL {
            let summary = kind.summary();
            assert!(summary.ends_with('.'), "{kind}: {summary}");
            assert!(!summary.contains("*/") && !summary.contains('\n'), "{kind}");
            assert!(
                !summary.contains('"'),
                "{kind}: quotes break generated string literals"
            );
        }
        assert_eq!(Category::Operator.name(), "operator");
    }
}
