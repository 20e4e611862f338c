"""The notification ledger (通知台账) on a plain DB-API connection: for Flask, Starlette,
FastAPI, scripts and any application without Django. One table (docs/ledger.md §1, made by
``create_table``), one row per delivery, and the merchant's order change run at most once per
``(app_id, out_trade_no, transition)``, inside the transaction that records it, on the same
connection (§2). The database's unique constraint decides, so this holds across processes and
servers; SQLite serves one machine, PostgreSQL (psycopg 3) several.

::

    import psycopg
    from alipay_notify import Verifier
    from alipay_notify.ledger import Ledger

    ledger = Ledger(lambda: psycopg.connect(DATABASE_URL), Verifier(ALIPAY_PUBLIC_KEY))
    ledger.create_table()                        # once; the DDL of docs/ledger.md

    def mark_paid(connection, notification, transition):
        notification.check_order_fen(notification.out_trade_no, order_amount_fen(...))
        connection.execute("UPDATE orders SET status = 'paid' "
                           "WHERE out_trade_no = %s AND status = 'unpaid'",
                           (notification.out_trade_no,))

    outcome = ledger.apply_once(raw_body, mark_paid)
    return outcome.reply                         # "success" only after the commit

MySQL (PyMySQL, mysqlclient) follows the same SQL of docs/ledger.md but is not covered by this
project's tests. :class:`AsyncLedger` is the same ledger for asyncio servers.
"""

from __future__ import annotations

from ._async import AsyncLedger
from ._ledger import Callback, Ledger, Message, Outcome, create_table, error_name

__all__ = [
    "Ledger",
    "AsyncLedger",
    "Outcome",
    "Callback",
    "Message",
    "create_table",
    "error_name",
]
