"""The ledger for asyncio servers (Starlette, FastAPI, aiohttp ...).

It runs the synchronous :class:`Ledger` in a worker thread (``asyncio.to_thread``) rather than
on psycopg's AsyncConnection: one implementation of docs/ledger.md §2 for both worlds, so the
two cannot drift; SQLite has no asyncio driver in the standard library; the event loop is never
blocked, since the waits (a duplicate waiting on the unique key's lock, SQLite's busy timeout)
happen in the thread; and notifications are a trickle, where a thread hop costs nothing. The
callback is therefore a plain function that receives the same DB-API connection, inside the
transaction. Starlette runs its own synchronous endpoints the same way.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Optional, Union

from ._ledger import Callback, Ledger, Message, Outcome, _Body


class AsyncLedger:
    """:class:`Ledger` with awaitable methods; the same arguments."""

    def __init__(
        self, ledger_or_connect: Union[Ledger, Callable[[], Any]], *args: Any, **kwargs: Any
    ) -> None:
        if isinstance(ledger_or_connect, Ledger):
            if args or kwargs:
                raise TypeError("AsyncLedger(ledger) takes no other argument")
            self.ledger = ledger_or_connect
        else:
            self.ledger = Ledger(ledger_or_connect, *args, **kwargs)

    async def create_table(self) -> bool:
        return await asyncio.to_thread(self.ledger.create_table)

    async def apply_once(
        self,
        message: Union[_Body, Message],
        callback: Optional[Callback] = None,
        *,
        body: Optional[_Body] = None,
        source: str = "notify",
    ) -> Outcome:
        """:meth:`Ledger.apply_once` in a worker thread; ``callback`` runs there."""
        return await asyncio.to_thread(
            self.ledger.apply_once, message, callback, body=body, source=source
        )
