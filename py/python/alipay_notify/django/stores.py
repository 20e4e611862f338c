"""Notify-id stores: how the notify view tells a handler that a notification is a retry.

Alipay resends a notification (same ``notify_id``) until it gets ``success``, for about 25
hours. A store remembers the ids whose handler completed; the handler is then called with
``is_retry=True`` for a resend. It is a hint, not a lock: two copies can arrive at once, and a
``success`` can be lost after the store was written. Handlers must still be idempotent (see
the README: a unique constraint on ``notify_id`` or ``(out_trade_no, trade_status)``).

The async view (an ``async def`` handler) calls a store's ``aseen`` and ``aremember`` when it
has them, and otherwise runs ``seen`` and ``remember`` in a thread: a store that queries a
database must not be called from the event loop (Django raises SynchronousOnlyOperation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from asgiref.sync import sync_to_async

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

    async def aseen(self, notify_id: str) -> bool:
        return await self._cache().aget(self.prefix + notify_id) is not None

    async def aremember(self, notify_id: str) -> None:
        await self._cache().aset(self.prefix + notify_id, 1, self.timeout)


async def aseen(store: Any, notify_id: str) -> bool:
    """``store.aseen(notify_id)``, or ``store.seen`` in a thread."""
    method = getattr(store, "aseen", None)
    if callable(method):
        return bool(await method(notify_id))
    return bool(await sync_to_async(store.seen)(notify_id))


async def aremember(store: Any, notify_id: str) -> None:
    """``store.aremember(notify_id)``, or ``store.remember`` in a thread."""
    method = getattr(store, "aremember", None)
    if callable(method):
        await method(notify_id)
    else:
        await sync_to_async(store.remember)(notify_id)
