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
}
