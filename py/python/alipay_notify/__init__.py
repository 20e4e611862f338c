"""Verify Alipay (支付宝) payment notifications from their raw bytes.

::

    from alipay_notify import Verifier, SUCCESS, FAIL

    verifier = Verifier(ALIPAY_PUBLIC_KEY, app_id="2021000000000000")  # once, at startup

    def notify(raw_body: bytes) -> str:
        try:
            n = verifier.verify_notify(raw_body)
            n.check_order(order.out_trade_no, order.total_amount)
        except AlipayNotifyError:
            return FAIL
        if n.is_paid:
            ...  # mark the order paid, idempotently
        return SUCCESS

Every rule lives in the Rust core (``alipay_notify._native``); errors are the classes of
:mod:`alipay_notify.exceptions`. The Django integration is :mod:`alipay_notify.django`.
"""

from __future__ import annotations

import collections.abc

from . import exceptions
from ._native import (
    BACKEND,
    FAIL,
    SUCCESS,
    VERSION,
    Diagnosis,
    Finding,
    Notification,
    OpenData,
    TradeRequest,
    TradeResult,
    V3Signer,
    VerifiedResponse,
    VerifiedV3Response,
    Verifier,
    cert_sn,
    check_notify_verify_answer,
    decrypt,
    notify_verify_url,
    rejected_ledger_entry,
    root_cert_sn,
    sign,
    signed_form,
)
from .exceptions import (
    AlipayNotifyError,
    BusinessMismatch,
    ConfigError,
    InvalidSignature,
    LibraryError,
    MalformedInput,
    NotifyVerifyError,
    SignatureError,
)

__all__ = [
    "Verifier",
    "Notification",
    "VerifiedResponse",
    "VerifiedV3Response",
    "V3Signer",
    "Diagnosis",
    "Finding",
    "sign",
    "signed_form",
    "cert_sn",
    "root_cert_sn",
    "notify_verify_url",
    "check_notify_verify_answer",
    "OpenData",
    "decrypt",
    "TradeRequest",
    "TradeResult",
    "rejected_ledger_entry",
    "SUCCESS",
    "FAIL",
    "BACKEND",
    "VERSION",
    "AlipayNotifyError",
    "SignatureError",
    "InvalidSignature",
    "MalformedInput",
    "BusinessMismatch",
    "NotifyVerifyError",
    "ConfigError",
    "LibraryError",
    "exceptions",
    "__version__",
]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("alipay-notify")
    except Exception:  # not installed as a distribution (a bare build of the extension)
        return VERSION


#: The package version (PEP 440; the Rust crates' version otherwise).
__version__: str = _version()

# A Notification is a read-only Mapping of its signed parameters.
collections.abc.Mapping.register(Notification)
