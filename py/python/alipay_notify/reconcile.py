"""Reconciliation (主动查询, docs/ledger.md §5): ask Alipay about an order whose notification
never came, and apply a paid answer once, through the ledger, with ``source`` ``query``.

::

    from alipay_notify import TradeRequest, Verifier
    from alipay_notify.reconcile import query_trade, reconcile

    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    result = query_trade(request, APP_PRIVATE_KEY, verifier)      # TradeResult, verified
    if result.is_paid: ...

    # Every pending order: paid answers go through ledger.apply_once, once per order.
    for item in reconcile(ledger, pending_out_trade_nos, mark_paid,
                          app_id=APP_ID, app_private_key=APP_PRIVATE_KEY):
        print(item.out_trade_no, item.status)

The request is built and signed by the core (RSA2), POSTed with httpx2 or httpx when one is
installed, else with the standard library's urllib, always with a timeout and with TLS certificates
verified; the answer is verified by the core before anything reads it. A failure to reach the
gateway raises :class:`GatewayError` (an ``OSError``; :class:`GatewayTimeout` is also a
``TimeoutError``); everything about the answer raises the library's own errors
(``InvalidSignature``, ``OrderMismatch``, ``MethodMismatch`` ...).
"""

from __future__ import annotations

import importlib
import ipaddress
import socket
import ssl
import types
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Union

from ._native import TradeRequest, TradeResult, Verifier
from .exceptions import BY_NAME, AlipayNotifyError

if TYPE_CHECKING:
    from .ledger import Callback, Ledger, Outcome


def _http_client() -> Optional[types.ModuleType]:
    """httpx2 or httpx (the same API) when installed; else None, and urllib does the job."""
    for name in ("httpx2", "httpx"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_httpx = _http_client()

__all__ = [
    "DEFAULT_GATEWAY",
    "DEFAULT_TIMEOUT",
    "GatewayError",
    "GatewayTimeout",
    "Reconciled",
    "query_trade",
    "reconcile",
]

#: Alipay's OpenAPI gateway.
DEFAULT_GATEWAY = "https://openapi.alipay.com/gateway.do"
#: Seconds to connect, and between bytes of the answer.
DEFAULT_TIMEOUT = 10.0
#: More than any trade answer: the verifier refuses what is over its max_size anyway, and
#: nothing more is read into memory.
_MAX_ANSWER = 1 << 20
_FORM = "application/x-www-form-urlencoded;charset=utf-8"


class GatewayError(OSError):
    """The gateway could not be reached, or answered with another HTTP status than 200: try
    again later (the order stays as it is). ``status`` is the HTTP status, if there was one."""

    def __init__(self, message: str, *, url: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class GatewayTimeout(GatewayError, TimeoutError):
    """The gateway did not answer within ``timeout`` seconds."""


def query_trade(
    request: TradeRequest,
    app_private_key: Union[str, bytes],
    verifier: Verifier,
    *,
    gateway: str = DEFAULT_GATEWAY,
    timeout: float = DEFAULT_TIMEOUT,
    timestamp: Any = None,
) -> TradeResult:
    """Sends ``request`` (``TradeRequest.query``, ``.close`` or ``.refund_query``) signed with
    the app's private key (应用私钥) to ``gateway`` and returns the verified answer.
    ``verifier`` holds Alipay's public key (支付宝公钥). A business failure such as
    ``ACQ.TRADE_NOT_EXIST`` is a result (``result.is_not_found``), not an exception."""
    return _ask(request, app_private_key, verifier, gateway, timeout, timestamp)[0]


@dataclass(frozen=True)
class Reconciled:
    """What reconciliation did for one order. ``status``: ``applied`` (this query changed the
    order), ``already`` (the transition was in the ledger), ``unchanged`` (Alipay's answer
    applies nothing: unpaid, or not found), ``failed`` (``error`` says why; the order is
    left as it was and can be asked about again)."""

    out_trade_no: str
    status: str
    result: Optional[TradeResult] = None
    outcome: Optional[Outcome] = None
    error: Optional[BaseException] = None


def reconcile(
    ledger: Ledger,
    out_trade_nos: Iterable[str],
    callback: Optional[Callback],
    *,
    app_id: str,
    app_private_key: Union[str, bytes],
    verifier: Optional[Verifier] = None,
    gateway: str = DEFAULT_GATEWAY,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Reconciled]:
    """Asks Alipay (``alipay.trade.query``) about each order and runs every answer that applies
    a transition (paid; closed) through ``ledger.apply_once`` with ``source`` ``query``, so
    ``callback(connection, result, transition)`` runs at most once per order and transition,
    whether the notification or the query comes first. ``verifier`` defaults to the ledger's.
    One order's failure never stops the others."""
    verifier = verifier or ledger.verifier
    if verifier is None:
        raise BY_NAME["INVALID_CONFIG"]("reconcile needs a verifier with Alipay's public key")
    done = []
    for out_trade_no in out_trade_nos:
        try:
            request = TradeRequest.query(app_id, out_trade_no=out_trade_no)
            result, body = _ask(request, app_private_key, verifier, gateway, timeout, None)
        except (AlipayNotifyError, OSError) as error:
            done.append(Reconciled(out_trade_no, "failed", error=error))
            continue
        if not result.ledger_entry()["transition"]:
            done.append(Reconciled(out_trade_no, "unchanged", result))
            continue
        outcome = ledger.apply_once(result, callback, body=body)
        status = (
            "failed"
            if outcome.error is not None
            else "applied"
            if outcome.changed_order
            else "already"
        )
        done.append(Reconciled(out_trade_no, status, result, outcome, outcome.error))
    return done


def _ask(
    request: TradeRequest,
    app_private_key: Union[str, bytes],
    verifier: Verifier,
    gateway: str,
    timeout: float,
    timestamp: Any,
) -> tuple[TradeResult, bytes]:
    _check_gateway(gateway, timeout)
    form = request.signed_form(app_private_key, timestamp)
    body = _post(gateway, form.encode("ascii"), float(timeout))
    return request.verify_response(verifier, body), body


def _check_gateway(gateway: str, timeout: float) -> None:
    """https, or http to this machine only (the sandbox): a payment status read over plain
    HTTP from the network could be anyone's."""
    config = BY_NAME["INVALID_CONFIG"]
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise config("timeout must be a positive number of seconds")
    if not isinstance(gateway, str):
        raise config("gateway must be a URL (str)")
    url = urllib.parse.urlsplit(gateway)
    if url.scheme == "https" and url.hostname:
        return
    if url.scheme == "http" and url.hostname and _is_loopback(url.hostname):
        return
    raise config(
        "gateway must be an https:// URL (http:// only on 127.0.0.1, for the sandbox), "
        f"not {_shown(gateway)!r}"
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown(url: str) -> str:
    """The URL without its query or credentials, for a message."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"[:200]


def _post(gateway: str, form: bytes, timeout: float) -> bytes:
    """The raw answer's bytes (the signature covers their exact text)."""
    if _httpx is not None:
        return _post_httpx(gateway, form, timeout)
    return _post_urllib(gateway, form, timeout)


def _post_httpx(gateway: str, form: bytes, timeout: float) -> bytes:
    assert _httpx is not None
    shown = _shown(gateway)
    try:
        with _httpx.Client(timeout=timeout, verify=True, follow_redirects=False) as client:
            with client.stream("POST", gateway, content=form, headers={"Content-Type": _FORM}) as r:
                if r.status_code != 200:
                    raise GatewayError(
                        f"{shown} answered HTTP {r.status_code}", url=shown, status=r.status_code
                    )
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > _MAX_ANSWER:
                        break
                return bytes(body)
    except _httpx.TimeoutException as error:
        raise GatewayTimeout(f"{shown} did not answer within {timeout}s", url=shown) from error
    except _httpx.HTTPError as error:
        raise GatewayError(f"{shown}: {type(error).__name__}: {error}", url=shown) from error


def _post_urllib(gateway: str, form: bytes, timeout: float) -> bytes:
    shown = _shown(gateway)
    request = urllib.request.Request(
        gateway, data=form, method="POST", headers={"Content-Type": _FORM}
    )
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context()), _NoRedirect()
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            body: bytes = response.read(_MAX_ANSWER + 1)
            return body
    except urllib.error.HTTPError as error:
        error.close()
        raise GatewayError(
            f"{shown} answered HTTP {error.code}", url=shown, status=error.code
        ) from None
    except (socket.timeout, TimeoutError) as error:
        raise GatewayTimeout(f"{shown} did not answer within {timeout}s", url=shown) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, (socket.timeout, TimeoutError)):
            raise GatewayTimeout(f"{shown} did not answer within {timeout}s", url=shown) from error
        raise GatewayError(f"{shown}: {error.reason}", url=shown) from error
    except OSError as error:
        raise GatewayError(f"{shown}: {type(error).__name__}: {error}", url=shown) from error


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an HTTP error here, as with httpx: the gateway answers, or it fails."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
