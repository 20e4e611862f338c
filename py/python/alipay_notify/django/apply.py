"""Apply once (docs/ledger.md §2) on Django's database: record the delivery and run the
merchant's callback at most once per (app_id, out_trade_no, transition), inside the
transaction, on the connection of the merchant's order table. The unique constraint decides,
so this holds for any number of processes and servers on one database."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable, Optional, cast

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone

from .. import FAIL, SUCCESS
from ..ledger import Outcome, error_name

__all__ = ["Outcome", "apply_once", "error_name", "record"]

if TYPE_CHECKING:
    from django.db.models import Field

    from .models import LedgerEntry

logger = logging.getLogger("alipay_notify")


def _row(entry: Mapping[str, Any], body: bytes, keep_raw_body: bool) -> dict[str, Any]:
    # The core's row has the table's column names (docs/ledger.md §1); what only the caller
    # knows is added here.
    columns = {field.name for field in _model()._meta.concrete_fields}
    row = {name: value for name, value in entry.items() if name in columns and name != "id"}
    row["app_id"] = row.get("app_id") or ""
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
        # The ledger has no relations: every name is a concrete field.
        fields = [cast("Field[Any, Any]", model._meta.get_field(name)) for name in row]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(field.column)) for field in fields)
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
            claimed = _claim(row, using)
            if claimed is not None:
                row_id = claimed
                if transition.startswith("REFUND:"):
                    _paid_first(row, callback, answered, using)
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


def _paid_first(
    row: dict[str, Any],
    callback: Optional[Callable[[str], Any]],
    answered: Optional[str],
    using: str,
) -> None:
    """docs/ledger.md §3: a refund for an order whose PAID is not in the ledger yet applies
    PAID first, in the same transaction (a refund implies the payment), as
    ``alipay_notify.ledger`` does on the same table. The PAID row is this delivery's too."""
    paid_id = _claim(dict(row, transition="PAID"), using)
    if paid_id is None:
        return
    if callback is not None:
        callback("PAID")
    _model().objects.using(using).filter(pk=paid_id).update(changed_order=True, reply=answered)


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
