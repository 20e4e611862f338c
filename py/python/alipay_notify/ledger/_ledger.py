"""docs/ledger.md §2, the transaction recipe, on a DB-API connection."""

from __future__ import annotations

import datetime
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Union

from .._native import FAIL, SUCCESS, Notification, TradeResult, Verifier, rejected_ledger_entry
from ..exceptions import BY_NAME, AlipayNotifyError
from ._dialects import TABLE, Dialect, database_code, dialect_of, transient

logger = logging.getLogger("alipay_notify")

#: A verified message the ledger acts on.
Message = Union[Notification, TradeResult]
#: The merchant's order change: ``callback(connection, message, transition)``, run on the
#: ledger's connection inside its transaction. It must not commit or roll back; raising rolls
#: everything back and the delivery is answered ``fail``.
Callback = Callable[[Any, Message, str], Any]
_Body = Union[bytes, bytearray, memoryview, str]
#: How many times a delivery runs when the database asks for a retry (a deadlock); PHP's
#: Ledger runs it as many.
ATTEMPTS = 5
#: Seconds: before attempt n+1 a delivery waits a random time below RETRY_PAUSE * 2**n.
RETRY_PAUSE = 0.01


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery. ``reply`` is what to answer Alipay: ``success`` only once
    the transaction that recorded the delivery committed (``fail`` otherwise, and Alipay
    retries). ``changed_order``: this delivery ran the callback; ``duplicate``: its transition
    was already applied by an earlier delivery. ``error``: why it failed (a rejected message,
    the callback's exception, the database's)."""

    reply: str
    changed_order: bool
    duplicate: bool
    transition: Optional[str]
    row_id: Optional[int]
    error: Optional[BaseException] = None
    #: The verified message (None when rejected).
    message: Optional[Message] = None
    #: The ledger row as recorded (the core's columns; None when nothing could be recorded).
    entry: Optional[Mapping[str, Any]] = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.reply == SUCCESS


def error_name(error: BaseException) -> str:
    """The name a failure is recorded under: a library error's stable name
    (``AMOUNT_MISMATCH`` from ``check_order``), else the exception's class name. Never its
    message, which may hold data."""
    if isinstance(error, AlipayNotifyError) and error.name:
        return str(error.name)[:64]
    return type(error).__name__[:64]


def create_table(connection: Any, *, dialect: Optional[str] = None) -> bool:
    """Creates the ledger's table and indexes with the DDL of docs/ledger.md, unless the
    table exists; True when it created them. On SQLite it also turns WAL on."""
    sql = dialect_of(connection, dialect)
    sql.prepare(connection)
    cursor = connection.cursor()
    try:
        cursor.execute(sql.exists_sql, [TABLE])
        if cursor.fetchone() is not None:
            return False
        sql.begin(cursor)
        try:
            for statement in sql.ddl:
                cursor.execute(statement)
            sql.commit(connection, cursor)
        except BaseException:
            sql.rollback(connection, cursor)
            raise
        return True
    finally:
        cursor.close()


class Ledger:
    """The ledger on the connections ``connect()`` opens: one per delivery, closed after it.
    ``connect`` is e.g. ``lambda: sqlite3.connect("shop.db")`` or
    ``lambda: psycopg.connect(DATABASE_URL)``; the callback writes the merchant's order on
    that connection, in the ledger's transaction.

    ``verifier`` verifies the raw bodies given to :meth:`apply_once`. ``keep_raw_body`` stores
    each body in ``raw_body`` (off by default: it holds buyer data). ``dialect`` is found from
    the driver (sqlite3, psycopg, psycopg2, PyMySQL, mysqlclient) unless given."""

    def __init__(
        self,
        connect: Callable[[], Any],
        verifier: Optional[Verifier] = None,
        *,
        keep_raw_body: bool = False,
        dialect: Optional[str] = None,
    ) -> None:
        if not callable(connect):
            raise TypeError("connect must be a callable that opens a DB-API connection")
        self.connect = connect
        self.verifier = verifier
        self.keep_raw_body = bool(keep_raw_body)
        self.dialect = dialect

    def create_table(self) -> bool:
        """:func:`create_table` on a new connection."""
        connection = self.connect()
        try:
            return create_table(connection, dialect=self.dialect)
        finally:
            connection.close()

    def apply_once(
        self,
        message: Union[_Body, Message],
        callback: Optional[Callback] = None,
        *,
        body: Optional[_Body] = None,
        source: str = "notify",
    ) -> Outcome:
        """Records one delivery and runs ``callback(connection, message, transition)`` if it
        is the first to apply its transition (docs/ledger.md §2). ``message`` is the raw body
        of a notify_url POST (``source="notify"``) or a return_url query
        (``source="return"``), verified here with the ledger's verifier; or an already
        verified ``Notification`` (then ``body`` is the raw body it came from) or
        ``TradeResult`` (``source`` is then ``query``; ``body``, the response, only matters
        with ``keep_raw_body``).

        Never raises for a delivery that fails: a message that does not verify is recorded as
        rejected, a callback or database failure rolls back and is recorded, and the outcome
        says ``fail``, with the exception in ``outcome.error``."""
        received_at = datetime.datetime.now(datetime.timezone.utc)
        if isinstance(message, TradeResult):
            raw = _bytes(body) if body is not None else b""
            return self._apply(message.ledger_entry(), message, raw, callback, received_at)
        if isinstance(message, Notification):
            if body is None:
                raise TypeError("body is required with a Notification: the raw body it came from")
            raw = _bytes(body)
            return self._apply(message.ledger_entry(raw), message, raw, callback, received_at)
        if body is not None:
            raise TypeError("body is only for a Notification or TradeResult; the message is it")
        if source not in ("notify", "return"):
            raise BY_NAME["INVALID_CONFIG"](
                f"source must be 'notify' or 'return' for a raw body, not {source!r}"
            )
        if self.verifier is None:
            raise BY_NAME["INVALID_CONFIG"]("the ledger has no verifier: Ledger(connect, verifier)")
        raw = _bytes(message)
        verify = self.verifier.verify_notify if source == "notify" else self.verifier.verify_return
        try:
            verified = verify(message)
        except AlipayNotifyError as refused:
            entry = rejected_ledger_entry(source, raw, refused)
            return self._record_failure(entry, raw, refused, received_at, FAIL)
        return self._apply(verified.ledger_entry(raw), verified, raw, callback, received_at)

    # The recipe.

    def _apply(
        self,
        entry: dict[str, Any],
        message: Message,
        raw: bytes,
        callback: Optional[Callback],
        received_at: datetime.datetime,
    ) -> Outcome:
        answered = None if entry.get("source") == "query" else SUCCESS
        transition = entry.get("transition")
        attempt = 1
        while True:
            try:
                row_id, changed, row = self._transaction(
                    entry, message, raw, callback, received_at, answered
                )
            except Exception as failure:  # the callback's, or the database's
                # A deadlock or serialization failure rolled everything back: run the delivery
                # again, as Alipay's retry would, rather than answer fail. Concurrent
                # duplicates on InnoDB meet them (docs/ledger.md §2).
                if attempt < ATTEMPTS and transient(failure):
                    # Apart in time, or the same transactions meet again the same way.
                    time.sleep(random.uniform(0, RETRY_PAUSE * 2**attempt))
                    attempt += 1
                    continue
                failed = dict(entry, error_name=error_name(failure))
                reply = None if answered is None else FAIL
                return self._record_failure(
                    failed, raw, failure, received_at, reply, message, transition
                )
            # Step 7: committed, so only now success.
            duplicate = bool(transition) and not changed
            return Outcome(SUCCESS, changed, duplicate, transition, row_id, None, message, row)

    def _transaction(
        self,
        entry: dict[str, Any],
        message: Message,
        raw: bytes,
        callback: Optional[Callback],
        received_at: datetime.datetime,
        answered: Optional[str],
    ) -> tuple[int, bool, dict[str, Any]]:
        """Steps 1 and 3-6 in one transaction: the row's id, whether this delivery applied the
        transition, the row. Rolls back and closes the connection before raising, so that a
        retry or the failure's record does not wait on this transaction's locks."""
        transition = entry.get("transition")
        changed = False
        connection = self.connect()
        try:
            sql = dialect_of(connection, self.dialect)
            sql.prepare(connection)
            cursor = connection.cursor()
            sql.begin(cursor)
            try:
                if not transition:
                    # Step 1: nothing to apply, only to record.
                    row = self._row(sql, entry, raw, received_at, reply=answered)
                    row_id = sql.insert(cursor, row)
                else:
                    # Steps 3-5. The claim is the transaction's first write: it takes the
                    # key's lock (SQLite: the write lock, already held) before anything is read.
                    row = self._row(sql, entry, raw, received_at, reply=None)
                    claimed = sql.claim(cursor, row)
                    if claimed is not None:
                        if transition.startswith("REFUND:"):
                            self._paid_first(sql, cursor, connection, row, message, callback)
                        if callback is not None:
                            callback(connection, message, transition)
                        sql.mark_applied(cursor, claimed, answered)
                        row.update(changed_order=sql.boolean(True), reply=answered)
                        row_id, changed = claimed, True
                    else:
                        # Step 5. The claim wrote nothing but holds the key's lock; on InnoDB a
                        # next-key lock whose gap is where this row goes, so duplicates that
                        # insert while holding it deadlock on each other's gaps. End it first.
                        sql.commit(connection, cursor)
                        sql.begin(cursor)
                        row.update(transition=None, reply=answered)
                        row_id = sql.insert(cursor, row)
                sql.commit(connection, cursor)  # step 6
            except BaseException:
                sql.rollback(connection, cursor)
                raise
        finally:
            _close(connection)
        return row_id, changed, row

    def _paid_first(
        self,
        sql: Dialect,
        cursor: Any,
        connection: Any,
        row: dict[str, Any],
        message: Message,
        callback: Optional[Callback],
    ) -> None:
        """docs/ledger.md §3: a refund for an order whose PAID is not yet in the ledger
        applies PAID first, in the same transaction (a refund implies the payment)."""
        paid = dict(row, transition="PAID")
        paid_id = sql.claim(cursor, paid)
        if paid_id is None:
            return
        if callback is not None:
            callback(connection, message, "PAID")
        sql.mark_applied(cursor, paid_id, None if row.get("source") == "query" else SUCCESS)

    def _row(
        self,
        sql: Dialect,
        entry: Mapping[str, Any],
        raw: bytes,
        received_at: datetime.datetime,
        *,
        reply: Optional[str],
    ) -> dict[str, Any]:
        row = dict(entry)
        row["app_id"] = row.get("app_id") or ""
        row["received_at"] = sql.received_at(received_at)
        row["raw_body"] = raw if self.keep_raw_body else None
        row["changed_order"] = sql.boolean(False)
        row["reply"] = reply
        return row

    def _record_failure(
        self,
        entry: Mapping[str, Any],
        raw: bytes,
        error: BaseException,
        received_at: datetime.datetime,
        reply: Optional[str],
        message: Optional[Message] = None,
        transition: Optional[str] = None,
    ) -> Outcome:
        """Records a delivery that applied nothing (rejected, or rolled back) in a short
        transaction of its own; the outcome is ``fail`` whatever happens here."""
        row_id: Optional[int] = None
        row: Optional[dict[str, Any]] = None
        connection = None
        try:
            connection = self.connect()
            sql = dialect_of(connection, self.dialect)
            sql.prepare(connection)
            cursor = connection.cursor()
            row = self._row(sql, entry, raw, received_at, reply=reply)
            row["transition"] = None
            sql.begin(cursor)
            try:
                row_id = sql.insert(cursor, row)
                sql.commit(connection, cursor)
            except BaseException:
                sql.rollback(connection, cursor)
                raise
        except Exception:  # the database is down: Alipay retries anyway
            logger.exception("alipay_notify.ledger: a failed delivery could not be recorded")
            row = None
        finally:
            if connection is not None:
                _close(connection)
        logger.warning(
            "alipay_notify.ledger: delivery not applied (%s%s), answered fail",
            error_name(error),
            database_code(error),
        )
        return Outcome(FAIL, False, False, transition, row_id, error, message, row)


def _bytes(body: _Body) -> bytes:
    if isinstance(body, str):
        # A lone surrogate is the verifier's MalformedInput; the digest still needs bytes.
        return body.encode("utf-8", "surrogatepass")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    raise TypeError("the body must be bytes or str (the raw body received)")


def _close(connection: Any) -> None:
    try:
        connection.close()
    except Exception:
        logger.exception("alipay_notify.ledger: closing the connection failed")
