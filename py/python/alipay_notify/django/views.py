"""The notify_url view and the return_url helper."""

from __future__ import annotations

import functools
import inspect
import logging
import weakref
from typing import Any, Callable, Optional, TypeVar, Union, overload

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.http.request import RawPostDataException
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from .. import FAIL, SUCCESS, Notification, Verifier
from ..exceptions import AlipayNotifyError
from . import apply, conf, stores

logger = logging.getLogger("alipay_notify")

Handler = Callable[..., Any]
F = TypeVar("F", bound=Handler)

#: The keyword parameters a handler function takes (None: ``**kwargs``), by function:
#: signatures are read once.
_PARAMETERS: weakref.WeakKeyDictionary[Any, Optional[frozenset[str]]] = weakref.WeakKeyDictionary()


def _takes(handler: Handler, name: str) -> bool:
    """True when ``handler`` has a parameter ``name`` (``is_retry``, ``transition``) or
    ``**kwargs``: only those get it, so that a handler written without it (as in the docs'
    first example) still works once a store or the ledger is configured."""
    key = getattr(handler, "__func__", handler)  # a bound method: one answer per function
    try:
        names = _PARAMETERS[key]
    except (KeyError, TypeError):
        try:
            parameters = inspect.signature(handler).parameters.values()
        except (TypeError, ValueError):  # no signature to read (a builtin): not passed
            names = frozenset()
        else:
            if any(p.kind is p.VAR_KEYWORD for p in parameters):
                names = None
            else:
                names = frozenset(
                    p.name
                    for p in parameters
                    if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
                )
        try:
            _PARAMETERS[key] = names
        except TypeError:  # not weakly referenceable: read again next time
            pass
    return names is None or name in names


def success_response() -> HttpResponse:
    """Exactly ``success``, text/plain, 200: Alipay stops resending."""
    return HttpResponse(SUCCESS, content_type="text/plain")


def fail_response() -> HttpResponse:
    """``fail``: Alipay resends the notification later (for about 25 hours)."""
    return HttpResponse(FAIL, content_type="text/plain")


class _Exchange:
    """One notify_url request, split around the handler call so that the sync and the async
    view share everything else."""

    def __init__(
        self,
        request: HttpRequest,
        handler: Handler,
        verifier: Optional[Verifier],
        store: Optional[Any],
        ledger: Optional[conf.LedgerSettings] = None,
    ) -> None:
        configured = verifier is None
        if verifier is None:
            verifier = conf.get_verifier()
            if store is None:
                store = conf.get_store()
        self.request = request
        self.verifier = verifier
        self.store = store
        self.pass_retry = store is not None and _takes(handler, "is_retry")
        self.pass_transition = _takes(handler, "transition")
        self.retry = False
        self.ledger = (
            ledger
            if ledger is not None
            else conf.get_ledger()
            if configured
            else conf.build_ledger(getattr(settings, conf.SETTING, None))
        )
        self.rejection: Optional[AlipayNotifyError] = None
        self.outcome: Optional[apply.Outcome] = None

    def start(self) -> Union[Notification, HttpResponse]:
        """The verified notification, or the response to send without calling the handler."""
        if self.request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            # The raw bytes Alipay signed; request.POST would be a re-decoded copy.
            body = self.request.body
        except RawPostDataException:
            logger.error(
                "alipay notify: request.body is unavailable (something read request.POST of a "
                "multipart request first); answering fail"
            )
            return fail_response()
        self.body = body
        try:
            self.notification = self.verifier.verify_notify(body)
        except AlipayNotifyError as error:
            logger.warning("alipay notify rejected: %s: %s", error.name, error.message)
            self.rejection = error
            return fail_response()
        return self.notification

    def record_rejection(self) -> None:
        """With the ledger: records the refused delivery (verdict ``rejected``, its error
        name, the body's digest; nothing the unverified body claims)."""
        if not self.ledger.enabled or self.rejection is None:
            return
        try:
            from .. import rejected_ledger_entry

            entry = rejected_ledger_entry("notify", self.body, self.rejection)
            apply.record(
                entry,
                self.body,
                reply=FAIL,
                using=self.ledger.database,
                keep_raw_body=self.ledger.keep_raw_body,
            )
        except Exception:  # the answer is fail anyway: Alipay retries
            logger.exception("alipay notify: the ledger could not record a rejected delivery")

    def through_ledger(self, call: Callable[[str], Any]) -> HttpResponse:
        """docs/ledger.md §2: ``call(transition)`` runs the handler, only for the delivery
        that owns the transition, inside the transaction on the ledger's database; the
        answer is ``success`` only after the commit. Blocking: the async view runs it in a
        thread."""
        try:
            entry = self.notification.ledger_entry(self.body)
        except Exception as error:
            return self.failed(error)
        outcome = apply.apply_once(
            entry,
            self.body,
            call,
            using=self.ledger.database,
            keep_raw_body=self.ledger.keep_raw_body,
        )
        self.outcome = outcome
        if outcome.error is not None:
            return self.failed(outcome.error)
        if outcome.duplicate:
            logger.info(
                "alipay notify: %s already applied; duplicate recorded (%s)",
                outcome.transition,
                self.describe(),
            )
        return self.finished()

    def handler_kwargs(self, kwargs: Optional[dict[str, Any]]) -> dict[str, Any]:
        notify_id = self.notification.notify_id
        if self.store is not None and notify_id:
            try:
                self.retry = bool(self.store.seen(notify_id))
            except Exception:  # a store outage must not block payments: the handler is idempotent
                logger.exception("alipay notify: the notify_id store failed to answer")
        return self._with_retry(kwargs)

    async def ahandler_kwargs(self, kwargs: Optional[dict[str, Any]]) -> dict[str, Any]:
        notify_id = self.notification.notify_id
        if self.store is not None and notify_id:
            try:
                self.retry = bool(await stores.aseen(self.store, notify_id))
            except Exception:  # as in handler_kwargs
                logger.exception("alipay notify: the notify_id store failed to answer")
        return self._with_retry(kwargs)

    def _with_retry(self, kwargs: Optional[dict[str, Any]]) -> dict[str, Any]:
        extra = dict(kwargs or {})
        if self.pass_retry:
            extra["is_retry"] = self.retry
        return extra

    def with_transition(self, kwargs: dict[str, Any], transition: str) -> dict[str, Any]:
        """The handler's keyword arguments with ``transition`` (``PAID``, ``CLOSED``,
        ``REFUND:<out_biz_no>``) when it takes it: ledger mode only."""
        if self.pass_transition:
            return {**kwargs, "transition": transition}
        return kwargs

    def failed(self, error: BaseException) -> HttpResponse:
        if isinstance(error, AlipayNotifyError):  # check_order in the handler: OrderMismatch...
            logger.warning(
                "alipay notify refused by the handler: %s: %s (%s)",
                error.name,
                error.message,
                self.describe(),
            )
        else:
            logger.error("alipay notify handler failed (%s)", self.describe(), exc_info=error)
        return fail_response()

    def to_remember(self) -> Optional[str]:
        """The notify_id to record now that the handler completed, if any."""
        return None if self.retry else self.notification.notify_id

    def finished(self) -> HttpResponse:
        notify_id = self.to_remember()
        if self.store is not None and notify_id:
            try:
                self.store.remember(notify_id)
            except Exception:  # the order is handled: a store outage must not make Alipay resend
                logger.exception("alipay notify: the notify_id store failed to remember")
        return self.succeeded()

    async def afinished(self) -> HttpResponse:
        notify_id = self.to_remember()
        if self.store is not None and notify_id:
            try:
                await stores.aremember(self.store, notify_id)
            except Exception:  # as in finished
                logger.exception("alipay notify: the notify_id store failed to remember")
        return self.succeeded()

    def succeeded(self) -> HttpResponse:
        logger.info(
            "alipay notify handled: %s trade_status=%s%s",
            self.describe(),
            self.notification.trade_status,
            " (retry)" if self.retry else "",
        )
        return success_response()

    def describe(self) -> str:
        n = self.notification
        return f"out_trade_no={n.out_trade_no} notify_id={n.notify_id}"


def handle_notify(
    request: HttpRequest,
    handler: Handler,
    verifier: Optional[Verifier] = None,
    store: Optional[Any] = None,
    args: tuple[Any, ...] = (),
    kwargs: Optional[dict[str, Any]] = None,
    ledger: Optional[conf.LedgerSettings] = None,
) -> HttpResponse:
    """Verifies ``request.body`` and runs ``handler(request, notification, *args, **kwargs)``
    (with ``is_retry=`` when there is a store and the handler takes it): ``success`` when it
    returns, ``fail`` when the message does not verify or the handler raises. Errors are
    logged by name, never keys.

    With the ledger (``"LEDGER": True`` in ``ALIPAY_NOTIFY``, or ``ledger=``), every delivery
    is recorded and ``handler`` runs only for the delivery that owns its transition, inside
    the transaction (with ``transition=`` when it takes it); duplicates and deliveries that
    apply nothing (``WAIT_BUYER_PAY``) are recorded and answered ``success`` without calling
    it (docs/ledger.md)."""
    exchange = _Exchange(request, handler, verifier, store, ledger)
    started = exchange.start()
    if isinstance(started, HttpResponse):
        exchange.record_rejection()
        return started
    if exchange.ledger.enabled:
        extra = exchange.handler_kwargs(kwargs)
        return exchange.through_ledger(
            lambda transition: handler(
                request, started, *args, **exchange.with_transition(extra, transition)
            )
        )
    try:
        handler(request, started, *args, **exchange.handler_kwargs(kwargs))
    except Exception as error:
        return exchange.failed(error)
    return exchange.finished()


async def ahandle_notify(
    request: HttpRequest,
    handler: Handler,
    verifier: Optional[Verifier] = None,
    store: Optional[Any] = None,
    args: tuple[Any, ...] = (),
    kwargs: Optional[dict[str, Any]] = None,
    ledger: Optional[conf.LedgerSettings] = None,
) -> HttpResponse:
    """:func:`handle_notify` for an ``async def`` handler (ASGI servers). Verification takes
    microseconds and runs inline; the store is asked through its async methods (Django's
    ``cache.aget``), or in a thread (``sync_to_async``), since a database-backed store must
    not be called from the event loop. With the ledger, the database part and the handler run
    in Django's thread-sensitive thread (``sync_to_async(thread_sensitive=True)``), the
    handler driven by ``async_to_sync``: its ORM calls run inside the ledger's transaction."""
    exchange = _Exchange(request, handler, verifier, store, ledger)
    started = exchange.start()
    if isinstance(started, HttpResponse):
        if exchange.ledger.enabled:
            await sync_to_async(exchange.record_rejection, thread_sensitive=True)()
        return started
    if exchange.ledger.enabled:
        extra = await exchange.ahandler_kwargs(kwargs)
        # The transaction lives on one thread's connection: the ledger part runs in Django's
        # thread-sensitive thread, and the async handler is driven from there with
        # async_to_sync, so its ORM calls (``await ...aupdate()``, sync_to_async) come back to
        # that thread and run inside the transaction.
        call = async_to_sync(handler)
        return await sync_to_async(exchange.through_ledger, thread_sensitive=True)(
            lambda transition: call(
                request, started, *args, **exchange.with_transition(extra, transition)
            )
        )
    try:
        await handler(request, started, *args, **(await exchange.ahandler_kwargs(kwargs)))
    except Exception as error:
        return exchange.failed(error)
    return await exchange.afinished()


@overload
def alipay_notify_view(func: F) -> Callable[..., Any]: ...
@overload
def alipay_notify_view(
    func: None = None,
    *,
    verifier: Optional[Verifier] = None,
    store: Optional[Any] = None,
    ledger: Optional[conf.LedgerSettings] = None,
) -> Callable[[F], Callable[..., Any]]: ...
def alipay_notify_view(
    func: Optional[F] = None,
    *,
    verifier: Optional[Verifier] = None,
    store: Optional[Any] = None,
    ledger: Optional[conf.LedgerSettings] = None,
) -> Union[Callable[..., Any], Callable[[F], Callable[..., Any]]]:
    """Turns a handler into the notify_url view::

        @alipay_notify_view
        def alipay_notify(request, notification):
            ...  # raise to answer fail; return to answer success

    The view is CSRF-exempt and POST-only, verifies the raw ``request.body`` with the
    Verifier of ``settings.ALIPAY_NOTIFY`` (or ``verifier=``), and answers exactly
    ``success`` (text/plain, 200) when the handler returns, ``fail`` otherwise. With a store
    (``store=`` or ``NOTIFY_ID_STORE``), a handler that has an ``is_retry`` parameter (or
    ``**kwargs``) also gets ``is_retry``: True when a handler already completed for this
    ``notify_id``. An ``async def`` handler gives an async view (ASGI).

    With the ledger (``"LEDGER": True``, or ``ledger=LedgerSettings(enabled=True)``) the
    handler runs once per transition, inside the transaction, and may take ``transition``
    (``PAID``, ``CLOSED``, ``REFUND:<out_biz_no>``); see :func:`handle_notify`.
    """

    def decorate(handler: F) -> Callable[..., Any]:
        view: Callable[..., Any]
        if inspect.iscoroutinefunction(handler):

            async def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                return await ahandle_notify(request, handler, verifier, store, args, kwargs, ledger)

        else:

            def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
                return handle_notify(request, handler, verifier, store, args, kwargs, ledger)

        # What @csrf_exempt sets; the decorator itself only keeps async views async from
        # Django 5.0 on.
        view = functools.wraps(handler)(view)
        view.csrf_exempt = True  # type: ignore[attr-defined]
        return view

    if func is not None:
        return decorate(func)
    return decorate


@method_decorator(csrf_exempt, name="dispatch")
class NotifyView(View):
    """The class-based notify_url view: override ``handle``. ``verifier`` and ``store``
    default to ``settings.ALIPAY_NOTIFY``."""

    http_method_names = ["post"]
    verifier: Optional[Verifier] = None
    store: Optional[Any] = None
    ledger: Optional[conf.LedgerSettings] = None

    def handle(self, request: HttpRequest, notification: Notification, **kwargs: Any) -> None:
        raise NotImplementedError("override NotifyView.handle(request, notification)")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if inspect.iscoroutinefunction(self.handle):
            raise TypeError("NotifyView.handle must be sync; use @alipay_notify_view for async")
        return handle_notify(
            request, self.handle, self.verifier, self.store, args, kwargs, self.ledger
        )


def verify_return(request: HttpRequest, verifier: Optional[Verifier] = None) -> Notification:
    """Verifies a return_url redirect from the raw query string
    (``request.META["QUERY_STRING"]``, not ``request.GET``). Raises AlipayNotifyError.

    return_url is for display only: the buyer's browser may never arrive, and the query has
    no ``trade_status``. Show "payment received, confirming…" and let the notify_url view
    decide that an order is paid.
    """
    if verifier is None:
        verifier = conf.get_verifier()
    query = request.META.get("QUERY_STRING", "")
    # WSGI and ASGI servers hand the query over as latin-1-decoded bytes (PEP 3333).
    try:
        raw = query.encode("iso-8859-1")
    except UnicodeEncodeError:
        raw = query.encode("utf-8")
    return verifier.verify_return(raw)
