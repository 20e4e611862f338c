"""Alipay's notify_url for Flask: the raw body verified, the delivery applied once through the
ledger, and exactly ``success`` or ``fail`` (text/plain) answered.

::

    from flask import Flask
    from alipay_notify.flask import notify_view

    app = Flask(__name__)
    app.add_url_rule("/alipay/notify", view_func=notify_view(ledger, mark_paid),
                     methods=["POST"])

With a :class:`~alipay_notify.ledger.Ledger`, ``mark_paid(connection, notification,
transition)`` runs at most once per order and transition, in the ledger's transaction (see
:mod:`alipay_notify.ledger`). With a bare :class:`~alipay_notify.Verifier`,
``handler(notification)`` runs for every verified delivery and must be idempotent itself.
The view reads ``request.get_data()``, never ``request.form``: the signature covers the bytes
as sent, and a GBK body or a ``+`` in a value only survive there. Of a body longer than the
verifier's ``max_size`` (or of unknown length) it reads no more than ``max_size`` and one byte,
and answers ``fail`` (``InputTooLarge``). The outcome is in
``flask.g.alipay_notify`` for ``after_request`` hooks and logs.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Union

from flask import Response, g, request

from ._native import Verifier
from ._reply import Handler, read_bounded, read_limit, verify_only
from .ledger import Callback, Ledger

__all__ = ["notify_view"]


def notify_view(
    target: Union[Ledger, Verifier],
    callback: Optional[Union[Callback, Handler]] = None,
    *,
    source: str = "notify",
) -> Callable[[], Response]:
    """A Flask view for notify_url (POST), on a ledger or a verifier."""
    if not isinstance(target, (Ledger, Verifier)):
        raise TypeError("notify_view needs a Ledger or a Verifier")

    limit = read_limit(target)

    def alipay_notify() -> Response:
        length = request.content_length
        if length is not None and length < limit:
            body = request.get_data(cache=True)
        else:
            # Longer than max_size, or of unknown length: no more than the verifier reads.
            body = read_bounded(request.stream.read, limit)
        outcome: Any
        if isinstance(target, Ledger):
            outcome = target.apply_once(body, callback, source=source)  # type: ignore[arg-type]
            reply = outcome.reply
        else:
            reply, outcome = verify_only(target, body, callback)  # type: ignore[arg-type]
        g.alipay_notify = outcome
        return Response(reply, status=200, mimetype="text/plain")

    return alipay_notify
