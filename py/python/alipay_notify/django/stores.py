"""Notify-id stores: how the notify view tells a handler that a notification is a retry.

Alipay resends a notification (same ``notify_id``) until it gets ``success``, for about 25
hours. A store remembers the ids whose handler completed; the handler is then called with
``is_retry=True`` for a resend. It is a hint, not a lock: two copies can arrive at once, and a
``success`` can be lost after the store was written. Handlers must still be idempotent (see
the README: a unique constraint on ``notify_id`` or ``(out_trade_no, trade_status)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from django.core.cache.backends.base import BaseCache

#: How long a notify_id is remembered: longer than Alipay's 25 hours of retries.
DEFAULT_TIMEOUT = 3 * 24 * 3600


@runtime_checkable
class NotifyIdStore(Protocol):
    """What the notify view needs from a store."""

    def seen(self, notify_id: str) -> bool:
        """True when a handler already completed for this notify_id."""
        ...

    def remember(self, notify_id: str) -> None:
        """Records that the handler completed for this notify_id."""
        ...


class CacheNotifyIdStore:
    """A store in one of Django's caches (``CACHES``). Use a cache shared by every server
    process (Redis, Memcached, the database cache): the local-memory cache is per process."""

    def __init__(
        self, alias: str = "default", prefix: str = "alipay_notify:", timeout: int = DEFAULT_TIMEOUT
    ) -> None:
        self.alias = alias
        self.prefix = prefix
        self.timeout = timeout

    def _cache(self) -> BaseCache:
        from django.core.cache import caches

        return caches[self.alias]

    def seen(self, notify_id: str) -> bool:
        return self._cache().get(self.prefix + notify_id) is not None

    def remember(self, notify_id: str) -> None:
        self._cache().set(self.prefix + notify_id, 1, self.timeout)
