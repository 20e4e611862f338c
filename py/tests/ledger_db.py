"""Databases for the plain DB-API ledger tests: a SQLite file (WAL) and the throwaway
PostgreSQL (POSTGRES_URL) and MariaDB (MYSQL_URL, with PyMySQL) of scripts/services.sh, each
with the ledger's table and a small orders table whose changes the merchant's callback makes
and counts in the database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import pytest

from alipay_notify.ledger import create_table
from ledger_shop import connector, mark_order

__all__ = [
    "Database",
    "mark_order",
    "mysql_database",
    "postgres_database",
    "sqlite_database",
]

ORDERS_DDL = (
    "CREATE TABLE orders (out_trade_no VARCHAR(64) PRIMARY KEY, status VARCHAR(16) NOT NULL)",
    # One row per run of the callback: counted in the database, not in a process's memory.
    "CREATE TABLE callback_runs (out_trade_no VARCHAR(64), transition VARCHAR(80))",
)


def server_url(variable: str, starter: str) -> str:
    """A test server's URL. Under scripts/test-py.sh it must be there: a missing database
    fails the run instead of skipping half the suite."""
    url = os.environ.get(variable)
    if not url:
        if os.environ.get("ALIPAY_NOTIFY_TEST_WHEEL"):
            pytest.fail(f"{variable} is not set: scripts/test-py.sh starts its server")
        pytest.skip(f"{variable} is not set (scripts/services.sh {starter})")
    return url


def postgres_url() -> str:
    return server_url("POSTGRES_URL", "pg_start")


class Database:
    """One database: how to connect, its placeholder, and what the tests read back."""

    def __init__(self, name: str, connect: Callable[[], Any], placeholder: str) -> None:
        self.name = name
        self.connect = connect
        self.ph = placeholder

    def reset(self) -> None:
        connection = self.connect()
        try:
            cursor = connection.cursor()
            for table in ("alipay_notify_ledger", "orders", "callback_runs"):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            connection.commit()
            for statement in ORDERS_DDL:
                cursor.execute(statement)
            connection.commit()
            assert create_table(connection)
        finally:
            connection.close()

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        connection = self.connect()
        try:
            cursor = connection.cursor()
            cursor.execute(sql.replace("?", self.ph), params)
            rows = list(cursor.fetchall()) if cursor.description else []
            connection.commit()
            return rows
        finally:
            connection.close()

    def add_order(self, out_trade_no: str) -> None:
        self.execute("INSERT INTO orders VALUES (?, 'unpaid')", (out_trade_no,))

    def status(self, out_trade_no: str) -> str:
        rows = self.execute("SELECT status FROM orders WHERE out_trade_no = ?", (out_trade_no,))
        return str(rows[0][0])

    def runs(self) -> list[tuple[str, str]]:
        rows = self.execute("SELECT out_trade_no, transition FROM callback_runs ORDER BY 1, 2")
        return [(str(a), str(b)) for a, b in rows]

    def ledger(
        self, columns: str = "source, verdict, transition, changed_order, reply"
    ) -> list[tuple[Any, ...]]:
        rows = self.execute(f"SELECT {columns} FROM alipay_notify_ledger ORDER BY id")
        # SQLite stores changed_order as 0/1.
        return [
            tuple(bool(v) if k == "changed_order" else v for k, v in zip(columns.split(", "), r))
            for r in rows
        ]


def sqlite_database(path: Path) -> Database:
    return Database("sqlite", connector(str(path)), "?")


def postgres_database() -> Database:
    return Database("postgresql", connector(postgres_url()), "%s")


def mysql_database(found_rows: bool = False) -> Database:
    """MariaDB; ``found_rows`` opens the connections with CLIENT.FOUND_ROWS, as some
    frameworks do, under which an upsert that changes nothing still counts one row."""
    from pymysql.constants import CLIENT

    url = server_url("MYSQL_URL", "mysql_start")
    flag = CLIENT.FOUND_ROWS if found_rows else 0
    return Database("mysql-found-rows" if found_rows else "mysql", connector(url, flag), "%s")
