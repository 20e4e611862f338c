"""The exceptions of alipay_notify: one class per stable error name of the core.

Every class carries the stable ``code`` (int) and ``name`` (str) of the core's error taxonomy,
shared with the C library, the command line tool and the other bindings, and a ``category``:
who controls the cause (``"sender"``, ``"business"``, ``"operator"`` or ``"library"``).

The grouping classes let a caller catch by meaning::

    AlipayNotifyError
    ├── InvalidSignature                 the signature does not verify
    │   └── AmbiguousSignedContent       genuine bytes, but they read as other parameters
    ├── MalformedInput (ValueError)      not a well-formed message
    │   ├── InputTooLarge, MalformedPercentEncoding, DuplicateParameter,
    │   └── MissingSignature, UnsupportedCharset, InvalidTextEncoding, InvalidAmount
    ├── SignTypeNotAllowed, UnsignedResponse
    ├── NotifyVerifyRejected, NotifyVerifyUnexpected
    ├── BusinessMismatch                 authentic, but not for this app, seller or order
    │   └── AppIdMismatch, SellerIdMismatch, OrderMismatch, AmountMismatch, MethodMismatch
    ├── ConfigError (ValueError)         the merchant's keys or options are wrong
    │   └── InvalidKey, WeakKey, InvalidConfig, NotifyVerifyInvalid, UnknownCertSn,
    │       CertExpired, CertUntrusted
    └── InternalError, PanicError, NullParameter   a bug in this library

Messages are written for the engineer reading a log and never contain key material,
signatures or whole messages.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "AlipayNotifyError",
    "InvalidSignature",
    "AmbiguousSignedContent",
    "MalformedInput",
    "InputTooLarge",
    "MalformedPercentEncoding",
    "DuplicateParameter",
    "MissingSignature",
    "SignTypeNotAllowed",
    "UnsupportedCharset",
    "InvalidTextEncoding",
    "InvalidAmount",
    "NotifyVerifyRejected",
    "NotifyVerifyUnexpected",
    "UnsignedResponse",
    "BusinessMismatch",
    "AppIdMismatch",
    "SellerIdMismatch",
    "OrderMismatch",
    "AmountMismatch",
    "MethodMismatch",
    "ConfigError",
    "InvalidKey",
    "WeakKey",
    "InvalidConfig",
    "NotifyVerifyInvalid",
    "UnknownCertSn",
    "CertExpired",
    "CertUntrusted",
    "InternalError",
    "PanicError",
    "NullParameter",
    "BY_NAME",
    "BY_CODE",
]


class AlipayNotifyError(Exception):
    """Base class of every error raised by alipay_notify."""

    code: ClassVar[int] = 0
    name: ClassVar[str] = ""
    category: ClassVar[str] = ""

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.name}: {self.message}" if self.name else self.message


# Sender: the message is malformed, unsigned, or its signature does not verify.


class InvalidSignature(AlipayNotifyError):
    """The signature does not verify with any configured key under any allowed rule."""

    code, name, category = 107, "INVALID_SIGNATURE", "sender"


class AmbiguousSignedContent(InvalidSignature):
    """The signature verifies, but the signed text splits into other parameters than the
    ones received: a value holds ``&name=`` (or a name is not one Alipay writes). Either a
    forgery that re-split a genuine message to change or hide fields, or unencoded query text
    in a field such as ``passback_params``; see ``allow_embedded_pairs``."""

    code, name, category = 113, "AMBIGUOUS_SIGNED_CONTENT", "sender"


class MalformedInput(AlipayNotifyError, ValueError):
    """The input is not a well-formed form body, query string or parameter list."""

    code, name, category = 100, "MALFORMED_INPUT", "sender"


class InputTooLarge(MalformedInput):
    """The input is larger than the configured ``max_size``."""

    code, name, category = 101, "INPUT_TOO_LARGE", "sender"


class MalformedPercentEncoding(MalformedInput):
    """A ``%`` is not followed by two hexadecimal digits."""

    code, name, category = 102, "MALFORMED_PERCENT_ENCODING", "sender"


class DuplicateParameter(MalformedInput):
    """A parameter name occurs more than once (or a Mapping holds several values for it)."""

    code, name, category = 103, "DUPLICATE_PARAMETER", "sender"


class MissingSignature(MalformedInput):
    """The ``sign`` parameter is missing or empty."""

    code, name, category = 104, "MISSING_SIGNATURE", "sender"


class SignTypeNotAllowed(AlipayNotifyError):
    """The message's ``sign_type`` is not in the verifier's ``sign_types``."""

    code, name, category = 105, "SIGN_TYPE_NOT_ALLOWED", "sender"


class UnsupportedCharset(MalformedInput):
    """The message's ``charset`` is not UTF-8, GBK, GB2312 or GB18030 (or a parsed
    Mapping claims a charset other than UTF-8: pass the raw body for those)."""

    code, name, category = 106, "UNSUPPORTED_CHARSET", "sender"


class InvalidTextEncoding(MalformedInput):
    """A verified value is not valid text in the message's charset."""

    code, name, category = 108, "INVALID_TEXT_ENCODING", "sender"


class InvalidAmount(MalformedInput):
    """An amount is not yuan with at most two decimals."""

    code, name, category = 109, "INVALID_AMOUNT", "sender"


class NotifyVerifyRejected(AlipayNotifyError):
    """The legacy ``notify_verify`` call answered ``false``."""

    code, name, category = 110, "NOTIFY_VERIFY_REJECTED", "sender"


class NotifyVerifyUnexpected(AlipayNotifyError):
    """The legacy ``notify_verify`` call answered something unexpected."""

    code, name, category = 111, "NOTIFY_VERIFY_UNEXPECTED", "sender"


class UnsignedResponse(AlipayNotifyError):
    """An API response carries an empty ``sign``: nothing in it can be trusted."""

    code, name, category = 112, "UNSIGNED_RESPONSE", "sender"


# Business: the message is authentic but not for this merchant's app, seller or order.


class BusinessMismatch(AlipayNotifyError):
    """The signature verified, but the message is not for this app, seller or order."""

    category = "business"


class AppIdMismatch(BusinessMismatch):
    """The message is for another ``app_id`` than the configured one."""

    code, name = 200, "APP_ID_MISMATCH"


class SellerIdMismatch(BusinessMismatch):
    """The message is for a ``seller_id`` that is not configured."""

    code, name = 201, "SELLER_ID_MISMATCH"


class OrderMismatch(BusinessMismatch):
    """The message's ``out_trade_no`` is not the expected order."""

    code, name = 202, "ORDER_MISMATCH"


class AmountMismatch(BusinessMismatch):
    """The message's amount is not the order's amount."""

    code, name = 203, "AMOUNT_MISMATCH"


class MethodMismatch(BusinessMismatch):
    """A verified API response answers another method than the one requested."""

    code, name = 204, "METHOD_MISMATCH"


# Operator: the merchant's configuration is wrong; the messages may be fine.


class ConfigError(AlipayNotifyError, ValueError):
    """A configured key or option is wrong: fix the configuration."""

    category = "operator"


class InvalidKey(ConfigError):
    """A configured key cannot be used (not a key, not RSA, a private key, truncated...)."""

    code, name = 300, "INVALID_KEY"


class WeakKey(ConfigError):
    """A configured key is shorter than ``min_key_bits``."""

    code, name = 301, "WEAK_KEY"


class InvalidConfig(ConfigError):
    """A verifier option is invalid."""

    code, name = 302, "INVALID_CONFIG"


class NotifyVerifyInvalid(ConfigError):
    """The legacy ``notify_verify`` call answered ``invalid``: check the partner id."""

    code, name = 303, "NOTIFY_VERIFY_INVALID"


class UnknownCertSn(ConfigError):
    """A response's ``alipay_cert_sn`` matches no configured certificate: Alipay rotated
    its certificate; download the new one and add it."""

    code, name = 304, "UNKNOWN_CERT_SN"


class CertExpired(ConfigError):
    """A configured certificate is outside its validity period."""

    code, name = 305, "CERT_EXPIRED"


class CertUntrusted(ConfigError):
    """A configured certificate does not chain to Alipay's root bundle."""

    code, name = 306, "CERT_UNTRUSTED"


# Library: a bug in alipay_notify.


class InternalError(AlipayNotifyError):
    """A bug in this library; please report it."""

    code, name, category = 900, "INTERNAL", "library"


class PanicError(AlipayNotifyError):
    """A panic was caught in the Rust core; please report it."""

    code, name, category = 901, "PANIC", "library"


class NullParameter(AlipayNotifyError):
    """A NULL pointer was passed to the C ABI (never raised from Python; here so the
    classes match the core's names one to one)."""

    code, name, category = 902, "NULL_PARAMETER", "library"


def _concrete() -> list[type[AlipayNotifyError]]:
    found: list[type[AlipayNotifyError]] = []
    pending: list[type[AlipayNotifyError]] = [AlipayNotifyError]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.name and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda c: c.code)


#: Every concrete class by its stable name (``"INVALID_SIGNATURE"``).
BY_NAME: dict[str, type[AlipayNotifyError]] = {c.name: c for c in _concrete()}
#: Every concrete class by its stable code (``107``).
BY_CODE: dict[int, type[AlipayNotifyError]] = {c.code: c for c in _concrete()}
