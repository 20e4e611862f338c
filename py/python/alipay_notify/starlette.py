"""Alipay's notify_url for Starlette and FastAPI (asyncio): the raw body verified, the delivery
applied once through the ledger, and exactly ``success`` or ``fail`` (text/plain) answered.

::

    from starlette.applications import Starlette
    from starlette.routing import Route
    from alipay_notify.starlette import notify_endpoint

    app = Starlette(routes=[
        Route("/alipay/notify", notify_endpoint(ledger, mark_paid), methods=["POST"]),
    ])
    # FastAPI: app.add_api_route("/alipay/notify", notify_endpoint(ledger, mark_paid),
    #                            methods=["POST"])

``ledger`` is an :class:`~alipay_notify.ledger.AsyncLedger` (a plain ``Ledger`` is wrapped in
one): the recipe and ``mark_paid(connection, notification, transition)`` run in a worker
thread, on the ledger's connection, inside its transaction; the event loop never waits on the
database. With a bare :class:`~alipay_notify.Verifier`, ``handler(notification)`` (a function
or a coroutine function) runs for every verified delivery and must be idempotent itself.
The endpoint reads ``await request.body()``, never ``request.form()``: the signature covers
the bytes as sent. Of a body longer than the verifier's ``max_size`` (or of unknown length) it
reads no more than ``max_size`` and one chunk, and answers ``fail`` (``InputTooLarge``). The outcome is in ``request.state.alipay_notify``.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Awaitable, Callable, Optional, Union

from starlette.requests import Request
from starlette.responses import PlainTextResponse

from ._native import FAIL, SUCCESS, Notification, Verifier
from ._reply import handler_failed, read_limit, verify, verify_only
from .exceptions import AlipayNotifyError
from .ledger import AsyncLedger, Callback, Ledger

__all__ = ["notify_endpoint"]

AsyncHandler = Callable[[Notification], Union[Any, Awaitable[Any]]]


def notify_endpoint(
    target: Union[AsyncLedger, Ledger, Verifier],
    callback: Optional[Union[Callback, AsyncHandler]] = None,
    *,
    source: str = "notify",
) -> Callable[[Request], Awaitable[PlainTextResponse]]:
    """A Starlette/FastAPI endpoint for notify_url (POST), on a ledger or a verifier."""
    if isinstance(target, Ledger):
        target = AsyncLedger(target)
    if not isinstance(target, (AsyncLedger, Verifier)):
        raise TypeError("notify_endpoint needs an AsyncLedger, a Ledger or a Verifier")

    limit = read_limit(target)

    async def alipay_notify(request: Request) -> PlainTextResponse:
        body = await _read(request, limit)
        outcome: Any
        if isinstance(target, AsyncLedger):
            outcome = await target.apply_once(body, callback, source=source)  # type: ignore[arg-type]
            reply = outcome.reply
        elif inspect.iscoroutinefunction(callback):
            reply, outcome = await _verify_then_await(target, body, callback)
        else:
            # A plain handler may block (a database call): off the event loop.
            reply, outcome = await asyncio.to_thread(verify_only, target, body, callback)  # type: ignore[arg-type]
        request.state.alipay_notify = outcome
        return PlainTextResponse(reply)

    return alipay_notify


async def _read(request: Request, limit: int) -> bytes:
    """The body, or its first ``limit`` bytes when it is longer: the verifier refuses it then
    (``InputTooLarge``), and the rest is never read into memory."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) < limit:
        return await request.body()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


async def _verify_then_await(
    verifier: Verifier, body: bytes, handler: Callable[[Notification], Awaitable[Any]]
) -> tuple[str, Any]:
    notification = verify(verifier, body)
    if isinstance(notification, AlipayNotifyError):
        return FAIL, notification
    try:
        await handler(notification)
    except Exception as failure:
        return handler_failed(failure)
    return SUCCESS, notification
