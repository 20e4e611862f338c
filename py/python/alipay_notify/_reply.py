"""What the framework integrations share: how a delivery is handled without a ledger, and
how its outcome is logged. The reply itself is the framework's response object."""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional, Union

from ._native import FAIL, SUCCESS, Notification, Verifier
from .exceptions import AlipayNotifyError

logger = logging.getLogger("alipay_notify")

#: ``handler(notification)`` of the integrations used without a ledger: it must be
#: idempotent itself (Alipay retries, and duplicates arrive at the same moment).
Handler = Callable[[Notification], Any]


def verify(verifier: Verifier, body: bytes) -> Union[Notification, AlipayNotifyError]:
    """The verified notification, or the error that refused it (logged by its name)."""
    try:
        return verifier.verify_notify(body)
    except AlipayNotifyError as refused:
        logger.warning("alipay notify refused: %s", refused.name)
        return refused


def handler_failed(failure: Exception) -> tuple[str, Exception]:
    """Anything the handler raises is a ``fail``: Alipay retries."""
    logger.exception("alipay notify: the handler failed; answered fail (Alipay retries)")
    return FAIL, failure


def verify_only(verifier: Verifier, body: bytes, handler: Optional[Handler]) -> tuple[str, Any]:
    """Verifies and runs the handler; ``(reply, notification or error)``."""
    notification = verify(verifier, body)
    if isinstance(notification, AlipayNotifyError):
        return FAIL, notification
    try:
        if handler is not None:
            handler(notification)
    except Exception as failure:
        return handler_failed(failure)
    return SUCCESS, notification
