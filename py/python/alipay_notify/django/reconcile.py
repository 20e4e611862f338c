"""Reconciliation for Django (docs/ledger.md §5): the orders still unpaid after a while are
asked about with ``alipay.trade.query``, and the answers that apply a transition (paid, or
closed) go through the same apply-once path as the notify view, with ``source`` ``query``.
``manage.py alipay_reconcile`` is the command; this module is what it runs."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Optional

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from . import apply, conf

#: Alipay's gateway, where alipay_reconcile sends its queries unless GATEWAY says otherwise.
DEFAULT_GATEWAY = "https://openapi.alipay.com/gateway.do"
DEFAULT_TIMEOUT = 10.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_age(text: str) -> timedelta:
    """``15m``, ``2h``, ``1d``, ``90s``: how old a pending order must be."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", text)
    if not match:
        raise ValueError(f"{text!r} is not an age such as 90s, 15m, 2h or 1d")
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])


def _callable(config: Mapping[str, Any], key: str) -> Callable[..., Any]:
    value = config.get(key)
    if value is None:
        raise ImproperlyConfigured(f"{conf.SETTING}: set {key} ({conf.KEYS[key]})")
    if isinstance(value, str):
        try:
            value = import_string(value)
        except ImportError as error:
            raise ImproperlyConfigured(f"{conf.SETTING}: {key}: {error}") from None
    if not callable(value):
        raise ImproperlyConfigured(f"{conf.SETTING}: {key} must be a callable or its path")
    return value  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ReconcileSettings:
    app_id: str
    app_private_key: str
    gateway: str
    timeout: float
    pending_orders: Callable[[datetime], Iterable[str]]
    handler: Callable[[Any, str], Any]


def build_settings(config: Any) -> ReconcileSettings:
    """The reconciliation keys of ``ALIPAY_NOTIFY``; ImproperlyConfigured names what is
    missing (never a key's text)."""
    if not isinstance(config, Mapping):
        raise ImproperlyConfigured(f"{conf.SETTING} is not set")
    app_id = config.get("APP_ID")
    if not isinstance(app_id, str) or not app_id:
        raise ImproperlyConfigured(f"{conf.SETTING}: set APP_ID: the queries are for your app")
    key = config.get("APP_PRIVATE_KEY")
    if key is None and config.get("APP_PRIVATE_KEY_FILE"):
        # The verifier's option (it also decrypts encrypted biz_content): a path or a list.
        paths = conf._texts(config["APP_PRIVATE_KEY_FILE"], "APP_PRIVATE_KEY_FILE")
        key = conf._read(paths[0], "APP_PRIVATE_KEY_FILE")
    if isinstance(key, (list, tuple)) and key:
        key = key[0]
    if isinstance(key, bytes):
        key = key.decode("utf-8", "replace")
    if not isinstance(key, str) or not key.strip():
        raise ImproperlyConfigured(
            f"{conf.SETTING}: set APP_PRIVATE_KEY_FILE (your app private key, 应用私钥: the "
            "queries are signed with it)"
        )
    timeout = config.get("TIMEOUT", DEFAULT_TIMEOUT)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ImproperlyConfigured(f"{conf.SETTING}: TIMEOUT must be a number of seconds")
    gateway = config.get("GATEWAY") or DEFAULT_GATEWAY
    if not isinstance(gateway, str) or not gateway.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{conf.SETTING}: GATEWAY must be an http(s) URL")
    return ReconcileSettings(
        app_id=app_id,
        app_private_key=key,
        gateway=gateway,
        timeout=float(timeout),
        pending_orders=_callable(config, "PENDING_ORDERS"),
        handler=_callable(config, "RECONCILE_HANDLER"),
    )


@dataclass
class Report:
    """What one run did, order by order: ``(out_trade_no, outcome, detail)`` where outcome
    is ``fixed``, ``would-fix``, ``already``, ``unpaid``, ``not-found`` or ``failed``."""

    lines: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, out_trade_no: str, outcome: str, detail: str = "") -> None:
        self.lines.append((out_trade_no, outcome, detail))

    def count(self, outcome: str) -> int:
        return sum(1 for _, found, _ in self.lines if found == outcome)

    @property
    def failed(self) -> int:
        return self.count("failed")


def reconcile_pending(
    older_than: timedelta,
    *,
    dry_run: bool = False,
    settings: Optional[ReconcileSettings] = None,
    query: Optional[Callable[[str], Any]] = None,
) -> Report:
    """Asks Alipay about each pending order older than ``older_than`` and applies the
    answers that change it, once, through the ledger; never raises for one order's failure
    (it is reported and the next order is asked)."""
    from django.conf import settings as django_settings

    from .. import TradeRequest
    from ..exceptions import AlipayNotifyError
    from ..reconcile import query_trade

    config = getattr(django_settings, conf.SETTING, None)
    settings = settings or build_settings(config)
    ledger = conf.get_ledger()
    verifier = conf.get_verifier()

    def query_alipay(out_trade_no: str) -> Any:
        request = TradeRequest.query(settings.app_id, out_trade_no=out_trade_no)
        return query_trade(
            request,
            settings.app_private_key,
            verifier,
            gateway=settings.gateway,
            timeout=settings.timeout,
        )

    ask: Callable[[str], Any] = query or query_alipay
    report = Report()
    cutoff = timezone.now() - older_than
    for out_trade_no in list(settings.pending_orders(cutoff)):
        try:
            result = ask(out_trade_no)
        except (AlipayNotifyError, OSError) as error:
            name = getattr(error, "name", type(error).__name__)
            report.add(out_trade_no, "failed", f"the query failed: {name}")
            continue
        if result.is_not_found:
            report.add(out_trade_no, "not-found", "Alipay has no such trade (never paid)")
            continue
        if not result.is_success:
            report.add(out_trade_no, "failed", f"Alipay answered {result.code} {result.sub_code}")
            continue
        entry = result.ledger_entry()
        transition = entry.get("transition")
        status = result.trade_status or "-"
        if not transition:
            report.add(out_trade_no, "unpaid", status)
            continue
        if dry_run:
            report.add(out_trade_no, "would-fix", f"{status}: would apply {transition}")
            continue
        outcome = apply.apply_once(
            entry, b"", functools.partial(settings.handler, result), using=ledger.database
        )
        if outcome.error is not None:
            report.add(
                out_trade_no,
                "failed",
                f"{status}: {transition} not applied: {apply.error_name(outcome.error)}",
            )
        elif outcome.changed_order:
            report.add(
                out_trade_no,
                "fixed",
                f"{status}: applied {transition} (ledger row {outcome.row_id})",
            )
        else:
            report.add(out_trade_no, "already", f"{status}: {transition} was already applied")
    return report
