"""The merchant side of the ledger tests, importable by the test process and by the server
processes (gunicorn, uvicorn) alike: the callback that changes the order, and the ledger on
the database the environment names (SHOP_DATABASE: a SQLite path, a PostgreSQL
or a MySQL URL)."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path
from typing import Any, Callable

from alipay_notify import Verifier
from alipay_notify.ledger import Ledger


def placeholder(database: str) -> str:
    return "%s" if database.startswith(("postgresql://", "mysql://")) else "?"


def connector(database: str, client_flag: int = 0) -> Callable[[], Any]:
    if database.startswith("postgresql://"):
        import psycopg

        return lambda: psycopg.connect(database)
    if database.startswith("mysql://"):
        return mysql_connector(database, client_flag)
    return lambda: sqlite3.connect(database, timeout=10)


def mysql_connector(url: str, client_flag: int) -> Callable[[], Any]:
    """PyMySQL on a mysql://user:password@host:port/database URL; CLIENT_FOUND_ROWS in
    ``client_flag`` makes an update that changes nothing count its row (docs/ledger.md §2)."""
    from urllib.parse import unquote, urlsplit

    import pymysql

    parts = urlsplit(url)
    return lambda: pymysql.connect(
        host=parts.hostname,
        port=parts.port or 3306,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        database=parts.path.lstrip("/"),
        charset="utf8mb4",
        client_flag=client_flag,
    )


def mark_order(ph: str) -> Callable[[Any, Any, str], None]:
    """The merchant's callback: the conditional update of docs/ledger.md §2 step 4 (a payment
    or a close moves an unpaid order; a refund is recorded), and one row per run, counted in
    the database, not in a process's memory."""

    def callback(connection: Any, message: Any, transition: str) -> None:
        cursor = connection.cursor()
        if transition in ("PAID", "CLOSED"):
            status = "paid" if transition == "PAID" else "closed"
            sql = "UPDATE orders SET status = ? WHERE out_trade_no = ? AND status = 'unpaid'"
            cursor.execute(sql.replace("?", ph), (status, message.out_trade_no))
        sql = "INSERT INTO callback_runs VALUES (?, ?)"
        cursor.execute(sql.replace("?", ph), (message.out_trade_no, transition))
        crash_once(str(message.out_trade_no))

    return callback


def crash_once(out_trade_no: str) -> None:
    """For the crash test: the first delivery of an order named CRASH-* kills its worker
    process in the middle of the transaction (after the order change, before the commit)."""
    marker_dir = os.environ.get("SHOP_CRASH_MARKERS")
    if not marker_dir or not out_trade_no.startswith("CRASH-"):
        return
    marker = Path(marker_dir) / out_trade_no
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return
    # SIGKILL, as the OOM killer or a deploy would: no handler, no cleanup, no reply. (An exit
    # code of 3 would also make gunicorn's arbiter stop, as after a worker failed to boot.)
    os.kill(os.getpid(), signal.SIGKILL)


def ledger_from_environment() -> Ledger:
    database = os.environ["SHOP_DATABASE"]
    verifier = Verifier(os.environ["SHOP_ALIPAY_PUBLIC_KEY"], app_id="2021000000000000")
    return Ledger(connector(database), verifier)


def callback_from_environment() -> Callable[[Any, Any, str], None]:
    return mark_order(placeholder(os.environ["SHOP_DATABASE"]))
