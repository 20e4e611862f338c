"""What differs between the databases: placeholders, the insert that lets the unique
constraint decide (docs/ledger.md §2 step 3), how a transaction begins, how times and booleans
are stored. Nothing here decides anything about a delivery."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, Optional

from ..exceptions import BY_NAME
from . import _schema

TABLE = "alipay_notify_ledger"
#: The table's columns that apply_once writes, in table order (``id`` is the database's).
COLUMNS = (
    "received_at",
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
    "raw_body",
    "transition",
    "changed_order",
    "reply",
)
_UNIQUE = "(app_id, out_trade_no, transition)"


class Dialect:
    """One database's SQL for the ledger."""

    name = ""
    placeholder = "%s"
    ddl: Sequence[str] = ()
    #: Asks whether the table exists; one placeholder, the table's name.
    exists_sql = ""

    def quote(self, column: str) -> str:
        return column

    def prepare(self, connection: Any) -> None:
        """Settings a connection needs before the ledger uses it."""

    def begin(self, cursor: Any) -> None:
        """Opens the transaction (drivers that begin implicitly need nothing)."""

    def commit(self, connection: Any, cursor: Any) -> None:
        connection.commit()

    def rollback(self, connection: Any, cursor: Any) -> None:
        connection.rollback()

    def received_at(self, now: datetime.datetime) -> Any:
        return now

    def boolean(self, value: bool) -> Any:
        return value

    def _insert(self, columns: Sequence[str]) -> str:
        names = ", ".join(self.quote(c) for c in columns)
        marks = ", ".join([self.placeholder] * len(columns))
        return f"INSERT INTO {TABLE} ({names}) VALUES ({marks})"

    def insert(self, cursor: Any, row: dict[str, Any]) -> int:
        """Inserts a row that applies nothing; its id."""
        columns = [c for c in COLUMNS if c in row]
        cursor.execute(self._insert(columns), [row[c] for c in columns])
        return int(cursor.lastrowid)

    def claim(self, cursor: Any, row: dict[str, Any]) -> Optional[int]:
        """Inserts the row with its transition unless one is there: its id when this delivery
        owns the transition, None when another row holds it. Waits for a concurrent
        transaction that holds the same key and then sees its outcome."""
        raise NotImplementedError

    def mark_applied(self, cursor: Any, row_id: int, reply: Optional[str]) -> None:
        sql = (
            f"UPDATE {TABLE} SET changed_order = {self.placeholder}, reply = {self.placeholder} "
            f"WHERE id = {self.placeholder}"
        )
        cursor.execute(sql, [self.boolean(True), reply, row_id])


class SQLite(Dialect):
    """The standard library's sqlite3: WAL, a busy timeout, and BEGIN IMMEDIATE, so writers
    queue for the one write lock instead of failing on an upgrade from a read lock."""

    name = "sqlite"
    placeholder = "?"
    ddl = _schema.SQLITE
    exists_sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    #: Milliseconds a writer waits for the lock; a connection set longer keeps its own.
    busy_timeout_ms = 5000

    def prepare(self, connection: Any) -> None:
        # The ledger opens and ends its transactions itself: the sqlite3 module's implicit
        # BEGIN (a deferred one) would take the write lock too late.
        connection.isolation_level = None
        if getattr(connection, "autocommit", None) is False:  # Python 3.12's PEP 249 mode
            connection.autocommit = True
        cursor = connection.cursor()
        try:
            (current,) = cursor.execute("PRAGMA busy_timeout").fetchone()
            if int(current) < self.busy_timeout_ms:
                cursor.execute(f"PRAGMA busy_timeout = {self.busy_timeout_ms}")
            (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() == "delete":
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    def begin(self, cursor: Any) -> None:
        cursor.execute("BEGIN IMMEDIATE")

    def commit(self, connection: Any, cursor: Any) -> None:
        cursor.execute("COMMIT")

    def rollback(self, connection: Any, cursor: Any) -> None:
        if connection.in_transaction:
            cursor.execute("ROLLBACK")

    def received_at(self, now: datetime.datetime) -> Any:
        # The DDL's comment: ISO 8601 UTC with milliseconds, 2024-01-02T02:20:30.250Z.
        return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"

    def boolean(self, value: bool) -> Any:
        return 1 if value else 0

    def claim(self, cursor: Any, row: dict[str, Any]) -> Optional[int]:
        columns = [c for c in COLUMNS if c in row]
        sql = self._insert(columns) + f" ON CONFLICT {_UNIQUE} DO NOTHING"
        cursor.execute(sql, [row[c] for c in columns])
        return int(cursor.lastrowid) if cursor.rowcount == 1 else None


class PostgreSQL(Dialect):
    """psycopg 3 (or psycopg2): READ COMMITTED, the default; the insert waits on a concurrent
    holder of the key."""

    name = "postgresql"
    ddl = _schema.POSTGRESQL
    exists_sql = "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = %s"

    def prepare(self, connection: Any) -> None:
        # A transaction per delivery, begun by the first statement.
        if getattr(connection, "autocommit", False) is True:
            connection.autocommit = False

    def insert(self, cursor: Any, row: dict[str, Any]) -> int:
        columns = [c for c in COLUMNS if c in row]
        cursor.execute(self._insert(columns) + " RETURNING id", [row[c] for c in columns])
        return int(cursor.fetchone()[0])

    def claim(self, cursor: Any, row: dict[str, Any]) -> Optional[int]:
        columns = [c for c in COLUMNS if c in row]
        sql = self._insert(columns) + f" ON CONFLICT {_UNIQUE} DO NOTHING RETURNING id"
        cursor.execute(sql, [row[c] for c in columns])
        found = cursor.fetchone()
        return int(found[0]) if found else None


class MySQL(Dialect):
    """PyMySQL, mysqlclient or MySQL Connector/Python (tested with PyMySQL on MariaDB, also
    with CLIENT.FOUND_ROWS). REPEATABLE READ, the default: the claim's upsert takes the key's
    lock; concurrent duplicates may deadlock on it, and the ledger runs them again."""

    name = "mysql"
    ddl = _schema.MYSQL
    exists_sql = (
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = DATABASE() AND table_name = %s"
    )

    def quote(self, column: str) -> str:
        # RULE is a reserved word in MySQL.
        return f"`{column}`"

    def begin(self, cursor: Any) -> None:
        cursor.execute("START TRANSACTION")

    def received_at(self, now: datetime.datetime) -> Any:
        # DATETIME(6) has no zone: UTC, without tzinfo.
        return now.replace(tzinfo=None)

    def claim(self, cursor: Any, row: dict[str, Any]) -> Optional[int]:
        # The affected-row count (1 inserted, 0 already there) and the insert id (0 for a
        # duplicate): a connection opened with CLIENT_FOUND_ROWS counts a duplicate as 1 too
        # (docs/ledger.md §2), so the count alone would run the callback twice.
        columns = [c for c in COLUMNS if c in row]
        sql = self._insert(columns) + " ON DUPLICATE KEY UPDATE id = id"
        cursor.execute(sql, [row[c] for c in columns])
        inserted = cursor.rowcount == 1 and bool(cursor.lastrowid)
        return int(cursor.lastrowid) if inserted else None


#: SQLSTATEs of a transaction the database rolled back and asks to run again: a
#: serialization failure, a deadlock (PostgreSQL's; InnoDB reports 40001 for its deadlocks).
_RETRY_SQLSTATES = ("40001", "40P01")
#: MySQL's error numbers for the same: ER_LOCK_DEADLOCK. (Not ER_LOCK_WAIT_TIMEOUT: by default
#: it undoes only the statement and the transaction goes on.)
_RETRY_MYSQL_ERRORS = (1213,)


def _code(error: BaseException) -> Any:
    """The database's code for ``error``: psycopg's ``sqlstate`` (psycopg2's ``pgcode``), the
    MySQL drivers' error number (``errno`` in MySQL Connector/Python, the first argument in
    PyMySQL and mysqlclient); None for anything else."""
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if state:
        return state
    if isinstance(error, OSError):  # its errno is the system's, not a database's
        return None
    number = getattr(error, "errno", None)
    if number is None and error.args and isinstance(error.args[0], int):
        number = error.args[0]
    return number


def database_code(error: BaseException) -> str:
    """`` 1213`` or `` 40001`` for a log line: the code says which failure it was, and unlike
    the message it cannot hold the row's data."""
    code = _code(error)
    return f" {code}" if isinstance(code, (int, str)) and str(code).isalnum() else ""


def transient(error: BaseException) -> bool:
    """Whether ``error`` rolled the whole transaction back and running it again may succeed."""
    code = _code(error)
    return code in _RETRY_SQLSTATES or code in _RETRY_MYSQL_ERRORS


DIALECTS: dict[str, Dialect] = {d.name: d for d in (SQLite(), PostgreSQL(), MySQL())}
_MODULES = {
    "sqlite3": "sqlite",
    "psycopg": "postgresql",
    "psycopg2": "postgresql",
    "pymysql": "mysql",
    "MySQLdb": "mysql",
    "mysql": "mysql",
}


def dialect_of(connection: Any, name: Optional[str] = None) -> Dialect:
    """The dialect named, or the one of the driver that made ``connection``."""
    if name is None:
        module = type(connection).__module__.split(".")[0]
        name = _MODULES.get(module)
        if name is None:
            raise BY_NAME["INVALID_CONFIG"](
                f"the ledger does not know the driver {module!r}: pass dialect='sqlite', "
                "'postgresql' or 'mysql'"
            )
    try:
        return DIALECTS[name]
    except KeyError:
        raise BY_NAME["INVALID_CONFIG"](
            f"dialect must be 'sqlite', 'postgresql' or 'mysql', not {name!r}"
        ) from None
