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


def read_limit(target: Any) -> int:
    """How much of a request body to read at most: the verifier's ``max_size`` and one byte, so
    that a longer body is refused as ``InputTooLarge`` without being read whole (Flask and
    Starlette read a body of any length into memory). ``target`` is a verifier, a ledger or an
    async ledger."""
    ledger = getattr(target, "ledger", target)
    verifier = getattr(ledger, "verifier", ledger)
    max_size = getattr(verifier, "max_size", None)
    return (max_size if isinstance(max_size, int) else 64 * 1024) + 1


def read_bounded(read: Callable[[int], bytes], limit: int) -> bytes:
    """At most ``limit`` bytes from ``read``, which may return fewer than asked."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = read(limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


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
