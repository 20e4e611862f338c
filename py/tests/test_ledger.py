"""alipay_notify.ledger on plain DB-API connections (docs/ledger.md §2), on SQLite and on a
real PostgreSQL and MariaDB (also with CLIENT.FOUND_ROWS): once per transition, duplicates recorded, failures rolled back and retried,
rejected messages recorded, refunds before payments, reconciliation answers."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pymysql
import pytest

import alipay_notify
from alipay_notify import TradeRequest, Verifier, exceptions, signed_form
from alipay_notify.ledger import AsyncLedger, Ledger, Outcome, _schema, create_table
from alipay_notify.ledger import _ledger as ledger_module
from conftest import REPO, notification_params
from ledger_db import Database, mark_order, mysql_database, postgres_database, sqlite_database
from signed_responses import paid_query_answer, signed_response

APP_ID = "2021000000000000"


@pytest.fixture(params=["sqlite", "postgresql", "mysql", "mysql-found-rows"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if request.param == "sqlite":
        database = sqlite_database(tmp_path / "shop.db")
    elif request.param == "postgresql":
        database = postgres_database()
    else:
        database = mysql_database(found_rows=request.param == "mysql-found-rows")
    database.reset()
    database.add_order("T1001")
    return database


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id=APP_ID)


@pytest.fixture()
def ledger(db: Database, verifier: Verifier) -> Ledger:
    return Ledger(db.connect, verifier)


def notify(alipay_private_key: str, **overrides: str) -> bytes:
    return signed_form(notification_params(**overrides), alipay_private_key).encode()


def test_the_ddl_is_the_page_s(tmp_path: Path) -> None:
    page = (REPO / "docs" / "ledger.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", page, re.S)
    assert blocks == [
        "\n".join(ddl) + "\n" for ddl in (_schema.SQLITE, _schema.POSTGRESQL, _schema.MYSQL)
    ]
    with closing(sqlite3.connect(tmp_path / "t.db")) as connection:
        check_sqlite_table(connection)


def check_sqlite_table(connection: sqlite3.Connection) -> None:
    assert create_table(connection) is True
    assert create_table(connection) is False  # already there
    (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"
    (sql,) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'alipay_notify_ledger'"
    ).fetchone()
    assert sql + ";" == _schema.SQLITE[0]


def test_a_payment_applies_once_and_duplicates_are_recorded(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    body = notify(alipay_private_key)
    first = ledger.apply_once(body, mark_order(db.ph))
    assert isinstance(first, Outcome) and first.ok
    assert (first.reply, first.changed_order, first.duplicate) == ("success", True, False)
    assert first.transition == "PAID" and first.row_id is not None and first.error is None
    assert first.message is not None and first.message.out_trade_no == "T1001"
    again = ledger.apply_once(body, mark_order(db.ph))
    assert (again.reply, again.changed_order, again.duplicate) == ("success", False, True)
    assert again.transition == "PAID" and again.row_id != first.row_id
    assert db.status("T1001") == "paid" and db.runs() == [("T1001", "PAID")]
    assert db.ledger() == [
        ("notify", "verified", "PAID", True, "success"),
        ("notify", "verified", None, False, "success"),
    ]
    (digest, raw, amount) = db.ledger("body_sha256, raw_body, total_amount_fen")[0]
    assert digest == hashlib.sha256(body).hexdigest() and raw is None and amount == 8800


def test_wait_buyer_pay_is_recorded_only(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    outcome = ledger.apply_once(
        notify(alipay_private_key, trade_status="WAIT_BUYER_PAY"), mark_order(db.ph)
    )
    assert (outcome.reply, outcome.changed_order, outcome.duplicate) == ("success", False, False)
    assert outcome.transition is None
    assert db.runs() == [] and db.status("T1001") == "unpaid"
    assert db.ledger() == [("notify", "verified", None, False, "success")]


def test_a_rejected_message_is_recorded_and_answered_fail(
    db: Database, ledger: Ledger, other_private_key: str
) -> None:
    forged = notify(other_private_key)
    outcome = ledger.apply_once(forged, mark_order(db.ph))
    assert outcome.reply == "fail" and not outcome.changed_order
    assert isinstance(outcome.error, exceptions.InvalidSignature) and outcome.message is None
    assert db.runs() == [] and db.status("T1001") == "unpaid"
    assert db.ledger("verdict, error_name, out_trade_no, transition, reply") == [
        ("rejected", "INVALID_SIGNATURE", None, None, "fail")
    ]


def test_a_failing_callback_rolls_back_and_the_retry_applies_once(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    body = notify(alipay_private_key)
    marked = mark_order(db.ph)

    def crash(connection: Any, message: Any, transition: str) -> None:
        marked(connection, message, transition)  # the order change is made, then lost
        raise RuntimeError("the shop's database call failed")

    failed = ledger.apply_once(body, crash)
    assert failed.reply == "fail" and not failed.changed_order and not failed.duplicate
    assert isinstance(failed.error, RuntimeError) and failed.transition == "PAID"
    assert db.status("T1001") == "unpaid" and db.runs() == []
    retried = ledger.apply_once(body, marked)
    assert retried.reply == "success" and retried.changed_order
    assert db.status("T1001") == "paid" and db.runs() == [("T1001", "PAID")]
    assert db.ledger("transition, changed_order, error_name, reply") == [
        (None, False, "RuntimeError", "fail"),
        ("PAID", True, None, "success"),
    ]


def test_a_business_check_in_the_callback_is_recorded_by_name(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    def check(connection: Any, message: Any, transition: str) -> None:
        message.check_order_fen("T1001", 100)  # the shop says 1.00 yuan; Alipay says 88.00

    outcome = ledger.apply_once(notify(alipay_private_key), check)
    assert outcome.reply == "fail" and isinstance(outcome.error, exceptions.AmountMismatch)
    assert db.ledger("error_name, transition") == [("AMOUNT_MISMATCH", None)]


def test_a_refund_before_the_payment_applies_paid_first(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    refund = notify(alipay_private_key, refund_fee="8.80", out_biz_no="R1", notify_id="N-R1")
    outcome = ledger.apply_once(refund, mark_order(db.ph))
    assert outcome.changed_order and outcome.transition == "REFUND:R1"
    assert db.runs() == [("T1001", "PAID"), ("T1001", "REFUND:R1")]
    assert db.status("T1001") == "paid"
    # The payment's own notification, later, is a duplicate.
    paid = ledger.apply_once(notify(alipay_private_key), mark_order(db.ph))
    assert paid.duplicate and not paid.changed_order
    assert db.ledger("transition, changed_order") == [
        ("REFUND:R1", True),
        ("PAID", True),
        (None, False),
    ]


def test_a_refund_after_the_payment_applies_only_itself(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    ledger.apply_once(notify(alipay_private_key), mark_order(db.ph))
    refund = notify(alipay_private_key, refund_fee="8.80", out_biz_no="R1", notify_id="N-R1")
    assert ledger.apply_once(refund, mark_order(db.ph)).changed_order
    assert db.runs() == [("T1001", "PAID"), ("T1001", "REFUND:R1")]
    assert db.ledger("transition") == [("PAID",), ("REFUND:R1",)]


def test_a_verified_notification_or_query_answer(
    db: Database, ledger: Ledger, verifier: Verifier, alipay_private_key: str
) -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    response = signed_response("alipay.trade.query", paid_query_answer("T1001"), alipay_private_key)
    result = request.verify_response(verifier, response)
    outcome = ledger.apply_once(result, mark_order(db.ph), body=response)
    assert outcome.changed_order and outcome.transition == "PAID" and outcome.reply == "success"
    # The notification that never came arrives after all: a duplicate.
    body = notify(alipay_private_key)
    late = ledger.apply_once(verifier.verify_notify(body), mark_order(db.ph), body=body)
    assert late.duplicate
    assert db.runs() == [("T1001", "PAID")]
    assert db.ledger("source, notify_id, transition, changed_order, reply") == [
        ("query", None, "PAID", True, None),
        ("notify", "2024010200222102031000591437250001", None, False, "success"),
    ]
    with pytest.raises(TypeError, match="body is required"):
        ledger.apply_once(verifier.verify_notify(body), mark_order(db.ph))


def test_keep_raw_body_stores_the_bytes_exactly(
    db: Database, verifier: Verifier, alipay_private_key: str
) -> None:
    body = notify(alipay_private_key)
    Ledger(db.connect, verifier, keep_raw_body=True).apply_once(body, mark_order(db.ph))
    ((raw,),) = db.ledger("raw_body")
    assert bytes(raw) == body


def test_concurrent_threads_apply_once(
    db: Database, ledger: Ledger, alipay_private_key: str
) -> None:
    body = notify(alipay_private_key)
    outcomes: list[Outcome] = []

    def deliver() -> None:
        outcomes.append(ledger.apply_once(body, mark_order(db.ph)))

    threads = [threading.Thread(target=deliver) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [o.reply for o in outcomes] == ["success"] * 12
    assert sum(o.changed_order for o in outcomes) == 1
    assert db.runs() == [("T1001", "PAID")] and len(db.ledger()) == 12


def test_duplicates_arriving_together_do_not_deadlock(
    db: Database, ledger: Ledger, alipay_private_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Step 5 records a duplicate after the claim's transaction ended. Recorded inside it, on
    InnoDB, duplicates arriving together deadlocked on the claim's gap lock (5 of 42 on
    MariaDB); with the retries turned off, not one may fail now."""
    monkeypatch.setattr(ledger_module, "ATTEMPTS", 1)
    body = notify(alipay_private_key)
    copies = 40
    start = threading.Barrier(copies)
    outcomes: list[Outcome] = []

    def deliver() -> None:
        start.wait()
        outcomes.append(ledger.apply_once(body, mark_order(db.ph)))

    threads = [threading.Thread(target=deliver) for _ in range(copies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [repr(o.error) for o in outcomes if o.error is not None] == []
    assert [o.reply for o in outcomes] == ["success"] * copies
    assert db.runs() == [("T1001", "PAID")] and len(db.ledger()) == copies


@pytest.mark.parametrize(
    "deadlock",
    [
        lambda: pymysql.err.OperationalError(1213, "Deadlock found when trying to get lock"),
        lambda: psycopg.errors.DeadlockDetected("deadlock detected"),
        lambda: psycopg.errors.SerializationFailure("could not serialize access"),
    ],
    ids=["mysql-1213", "postgresql-40P01", "40001"],
)
def test_a_transaction_the_database_rolled_back_runs_again(
    db: Database, ledger: Ledger, alipay_private_key: str, deadlock: Any
) -> None:
    """The database's deadlock or serialization failure undid everything: the ledger runs the
    delivery again instead of answering fail; the callback's work is counted once."""
    apply = mark_order(db.ph)
    calls: list[str] = []

    def callback(connection: Any, message: Any, transition: str) -> None:
        calls.append(transition)
        apply(connection, message, transition)
        if len(calls) < 3:
            raise deadlock()

    outcome = ledger.apply_once(notify(alipay_private_key), callback)
    assert (outcome.reply, outcome.changed_order, outcome.error) == ("success", True, None)
    assert calls == ["PAID"] * 3
    assert db.runs() == [("T1001", "PAID")] and db.status("T1001") == "paid"
    assert db.ledger() == [("notify", "verified", "PAID", True, "success")]


def test_a_deadlock_that_keeps_coming_back_is_a_fail(
    db: Database, ledger: Ledger, alipay_private_key: str, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def callback(connection: Any, message: Any, transition: str) -> None:
        calls.append(transition)
        raise pymysql.err.OperationalError(1213, "Deadlock found when trying to get lock")

    with caplog.at_level(logging.WARNING, logger="alipay_notify"):
        outcome = ledger.apply_once(notify(alipay_private_key), callback)
    assert outcome.reply == "fail" and len(calls) == 5
    # The log names the database's code, never the message.
    assert "delivery not applied (OperationalError 1213), answered fail" in caplog.text
    assert db.runs() == [] and db.status("T1001") == "unpaid"


def test_the_async_ledger(db: Database, verifier: Verifier, alipay_private_key: str) -> None:
    ledger = AsyncLedger(db.connect, verifier)
    body = notify(alipay_private_key)

    async def deliver_twice() -> list[Outcome]:
        return list(
            await asyncio.gather(*(ledger.apply_once(body, mark_order(db.ph)) for _ in range(4)))
        )

    outcomes = asyncio.run(deliver_twice())
    assert sum(o.changed_order for o in outcomes) == 1 and all(o.ok for o in outcomes)
    assert asyncio.run(ledger.create_table()) is False
    assert AsyncLedger(Ledger(db.connect, verifier)).ledger.verifier is verifier
    with pytest.raises(TypeError):
        AsyncLedger(Ledger(db.connect), verifier)


def test_a_database_that_is_down_is_a_fail_not_a_crash(
    verifier: Verifier, alipay_private_key: str
) -> None:
    def connect() -> Any:
        raise ConnectionRefusedError("the database is down")

    outcome = Ledger(connect, verifier).apply_once(notify(alipay_private_key))
    assert outcome.reply == "fail" and isinstance(outcome.error, ConnectionRefusedError)
    assert outcome.row_id is None


def test_configuration_mistakes_raise(
    tmp_path: Path, verifier: Verifier, alipay_private_key: str
) -> None:
    body = notify(alipay_private_key)
    with pytest.raises(exceptions.InvalidConfig, match="no verifier"):
        Ledger(lambda: sqlite3.connect(tmp_path / "x.db")).apply_once(body)
    with pytest.raises(exceptions.InvalidConfig, match="source"):
        Ledger(lambda: sqlite3.connect(tmp_path / "x.db"), verifier).apply_once(
            body, source="query"
        )
    with pytest.raises(exceptions.InvalidConfig, match="dialect"):
        with closing(sqlite3.connect(tmp_path / "x.db")) as connection:
            create_table(connection, dialect="oracle")
    with pytest.raises(exceptions.InvalidConfig, match="driver"):
        create_table(object())
    with pytest.raises(TypeError):
        Ledger("sqlite:///x.db")  # type: ignore[arg-type]
    assert alipay_notify.ledger.Ledger is Ledger
