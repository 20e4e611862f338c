"""What the framework integrations share: how a delivery is handled without a ledger, and
how its outcome is logged. The reply itself is the framework's response object."""

from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from ._native import FAIL, SUCCESS, Notification, Verifier
from .exceptions import AlipayNotifyError

logger = logging.getLogger("alipay_notify")

#: ``handler(notification)`` of the integrations used without a ledger: it must be
#: idempotent itself (Alipay retries, and duplicates arrive at the same moment).
Handler = Callable[[Notification], Any]


def verify_only(verifier: Verifier, body: bytes, handler: Optional[Handler]) -> tuple[str, Any]:
    """Verifies and runs the handler; ``(reply, notification or error)``. Anything the
    handler raises is a ``fail``: Alipay retries."""
    try:
        notification = verifier.verify_notify(body)
    except AlipayNotifyError as refused:
        logger.warning("alipay notify refused: %s", refused.name)
        return FAIL, refused
    try:
        if handler is not None:
            handler(notification)
    except Exception as failure:
        logger.exception("alipay notify: the handler failed; answered fail (Alipay retries)")
        return FAIL, failure
    return SUCCESS, notification
