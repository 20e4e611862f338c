"""Apply once (docs/ledger.md §2) on Django's database: record the delivery and run the
merchant's callback at most once per (app_id, out_trade_no, transition), inside the
transaction, on the connection of the merchant's order table. The unique constraint decides,
so this holds for any number of processes and servers on one database."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone

from .. import FAIL, SUCCESS
from ..exceptions import AlipayNotifyError

if TYPE_CHECKING:
    from .models import LedgerEntry

logger = logging.getLogger("alipay_notify")

#: The columns the core's row carries (``Notification.ledger_entry``), in table order.
ENTRY_COLUMNS = (
    "source",
    "app_id",
    "notify_id",
    "notify_type",
    "out_trade_no",
    "trade_no",
    "out_biz_no",
    "trade_status",
    "total_amount_fen",
    "receipt_amount_fen",
    "buyer_pay_amount_fen",
    "refund_fee_fen",
    "verdict",
    "error_name",
    "rule",
    "sign_type",
    "key_fingerprint",
    "body_sha256",
    "transition",
)


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery. ``reply`` is ``success`` only once the transaction that
    recorded it committed; ``error`` is the callback's (or the database's) failure."""

    reply: str
    changed_order: bool
    duplicate: bool
    transition: Optional[str]
    row_id: Optional[int]
    error: Optional[BaseException] = None


def error_name(error: BaseException) -> str:
    """The name recorded for a failure: the stable name of a library error (``AMOUNT_MISMATCH``
    from ``check_order``), else the exception's class name. Never its message."""
    if isinstance(error, AlipayNotifyError):
        return str(error.name)[:64]
    return type(error).__name__[:64]


def _row(entry: Mapping[str, Any], body: bytes, keep_raw_body: bool) -> dict[str, Any]:
    row = {column: entry.get(column) for column in ENTRY_COLUMNS}
    row["app_id"] = row["app_id"] or ""
    row["received_at"] = timezone.now()
    row["raw_body"] = bytes(body) if keep_raw_body else None
    row["changed_order"] = False
    row["reply"] = None
    return row


def _model() -> type[LedgerEntry]:
    # Imported on use: this module is imported with the app's package, before Django's app
    # registry is ready for models.
    from .models import LedgerEntry

    return LedgerEntry


def _insert(row: dict[str, Any], using: str) -> int:
    return int(_model().objects.using(using).create(**row).pk)


def _claim(row: dict[str, Any], using: str) -> Optional[int]:
    """Inserts the row with its transition; its id when this delivery owns the transition,
    None when another delivery's row holds it. On PostgreSQL the insert waits for a concurrent
    transaction holding the same key and then sees its outcome; SQLite lets one writer in at a
    time. Must run inside the transaction."""
    connection = connections[using]
    if connection.vendor in ("postgresql", "sqlite"):
        model = _model()
        fields = [model._meta.get_field(name) for name in row]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        values = [field.get_db_prep_save(row[field.name], connection) for field in fields]
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            "ON CONFLICT (app_id, out_trade_no, transition) DO NOTHING RETURNING id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            found = cursor.fetchone()
        return int(found[0]) if found else None
    # MySQL and the rest: a savepoint, so that the duplicate key error leaves the transaction
    # usable. Not `ON DUPLICATE KEY UPDATE` and the affected-row count: Django's MySQL
    # connections set CLIENT_FOUND_ROWS, which reports 1 for an existing row too.
    try:
        with transaction.atomic(using=using):
            return _insert(row, using)
    except IntegrityError:
        return None


def record(
    entry: Mapping[str, Any],
    body: bytes,
    *,
    reply: Optional[str],
    error: Optional[str] = None,
    using: str = DEFAULT_DB_ALIAS,
    keep_raw_body: bool = False,
) -> int:
    """Records a delivery that applies nothing (a rejected message, a failure, a delivery
    without a transition) in a transaction of its own; returns its row id."""
    row = _row(entry, body, keep_raw_body)
    row["transition"] = None
    row["reply"] = reply
    if error is not None:
        row["error_name"] = error
    with transaction.atomic(using=using):
        return _insert(row, using)


def apply_once(
    entry: Mapping[str, Any],
    body: bytes,
    callback: Optional[Callable[[str], Any]],
    *,
    using: str = DEFAULT_DB_ALIAS,
    keep_raw_body: bool = False,
) -> Outcome:
    """Runs docs/ledger.md §2 for a verified delivery: ``entry`` is the core's row
    (``notification.ledger_entry(body)``, ``result.ledger_entry()``), ``body`` the raw bytes
    received, ``callback(transition)`` the merchant's order change, run only by the delivery
    that owns the transition, inside the transaction and on the connection of ``using``.

    Never raises for a failure of the callback or the database: the transaction is rolled
    back, the delivery recorded with ``reply`` ``fail`` and the error's name, and the outcome
    says ``fail`` (Alipay retries; the retry applies it once). A query (``source`` ``query``)
    records no reply."""
    is_query = entry.get("source") == "query"
    answered = None if is_query else SUCCESS
    failed = None if is_query else FAIL
    transition = entry.get("transition")
    try:
        if not transition:
            row_id = record(entry, body, reply=answered, using=using, keep_raw_body=keep_raw_body)
            return Outcome(SUCCESS, False, False, None, row_id)
        row = _row(entry, body, keep_raw_body)
        with transaction.atomic(using=using):
            # The claim is the transaction's first statement: on SQLite it takes the write
            # lock before anything is read, so writers queue on the busy timeout.
            row_id = _claim(row, using)
            if row_id is not None:
                if callback is not None:
                    callback(transition)
                _model().objects.using(using).filter(pk=row_id).update(
                    changed_order=True, reply=answered
                )
                changed = True
            else:
                row.update(transition=None, reply=answered)
                row_id = _insert(row, using)
                changed = False
    except Exception as error:
        return _failed(entry, body, failed, error, using, keep_raw_body)
    # Committed: only now may the delivery be answered success.
    return Outcome(SUCCESS, changed, not changed, transition, row_id)


def _failed(
    entry: Mapping[str, Any],
    body: bytes,
    reply: Optional[str],
    error: Exception,
    using: str,
    keep_raw_body: bool,
) -> Outcome:
    row_id: Optional[int] = None
    try:
        row_id = record(
            entry,
            body,
            reply=reply,
            error=error_name(error),
            using=using,
            keep_raw_body=keep_raw_body,
        )
    except Exception:  # the database is down: nothing to record; Alipay retries anyway
        logger.exception("alipay notify: the ledger could not record a failed delivery")
    return Outcome(FAIL, False, False, entry.get("transition"), row_id, error)
