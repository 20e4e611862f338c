"""The production samples of py/README.md (the ledger with Flask on PostgreSQL, with Starlette
and FastAPI on SQLite, reconciliation), run as a merchant would run them: the payment, a
notification for another amount and a forged one, through the frameworks' test clients; the
reconciliation sample against the fake gateway."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest
from starlette.testclient import TestClient
from test_readme import Sample, notifications, sample, workdir

from alipay_notify import signed_form
from conftest import notification_params
from fake_gateway import APP_PRIVATE_KEY, Gateway, fake_gateway
from ledger_db import postgres_url

__all__ = ["notifications", "workdir"]  # the fixtures, shared with test_readme.py

FORM = "application/x-www-form-urlencoded"
# The cheaper notification first: once PAID is applied, another copy is a duplicate (success).
ORDER = ["another amount", "the order", "forged amount", "the order"]
EXPECTED = [
    "another amount: fail",
    "the order: success",
    "forged amount: fail",
    "the order: success",
]


def run(found: Sample) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "readme_sample"}
    exec(found.compile(), namespace)
    return namespace


def readme_sample(marker: str) -> Sample:
    found = sample("py/README.md", marker)
    assert found is not None, marker
    return found


@pytest.fixture
def postgres(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = postgres_url()
    monkeypatch.setenv("DATABASE_URL", url)
    with psycopg.connect(url) as connection:
        connection.execute("DROP TABLE IF EXISTS alipay_notify_ledger, orders")
        connection.execute(
            "CREATE TABLE orders (out_trade_no TEXT PRIMARY KEY, status TEXT, total_fen BIGINT)"
        )
        connection.execute("INSERT INTO orders VALUES ('T1001', 'unpaid', 8800)")
    yield url


def shop_db(workdir: Path) -> Path:
    path = workdir / "shop.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE orders (out_trade_no TEXT PRIMARY KEY, status TEXT)")
        connection.execute("INSERT INTO orders VALUES ('T1001', 'unpaid')")
        connection.execute("INSERT INTO orders VALUES ('T2002', 'unpaid')")
    return path


def test_flask_on_postgresql(workdir: Path, postgres: str, notifications: dict[str, bytes]) -> None:
    app = run(readme_sample("ledger-flask"))["app"]
    client = app.test_client()
    answers = [
        f"{name}: {client.post('/alipay/notify', data=notifications[name], content_type=FORM).get_data(as_text=True)}"  # noqa: E501
        for name in ORDER
    ]
    assert answers == EXPECTED
    with psycopg.connect(postgres) as connection:
        assert connection.execute("SELECT status FROM orders").fetchall() == [("paid",)]
        rows = connection.execute(
            "SELECT verdict, error_name, transition, changed_order, reply "
            "FROM alipay_notify_ledger ORDER BY id"
        ).fetchall()
    assert rows == [
        ("verified", "AMOUNT_MISMATCH", None, False, "fail"),
        ("verified", None, "PAID", True, "success"),
        ("rejected", "INVALID_SIGNATURE", None, False, "fail"),
        ("verified", None, None, False, "success"),
    ]


@pytest.mark.parametrize("marker", ["ledger-starlette", "ledger-fastapi"])
def test_starlette_and_fastapi_on_sqlite(
    marker: str, workdir: Path, notifications: dict[str, bytes], alipay_private_key: str
) -> None:
    path = shop_db(workdir)
    app = run(readme_sample(marker))["app"]
    # Raw GBK bytes and a '+' (a space once form-decoded): only the body as sent verifies.
    gbk = signed_form(
        notification_params(
            charset="GBK", subject="测试 A+B", out_trade_no="T2002", notify_id="nid-gbk"
        ),
        alipay_private_key,
    ).encode()
    assert b"%2B" in gbk and b"%B2%E2%CA%D4" in gbk
    gbk = gbk.replace(b"%B2%E2%CA%D4", "测试".encode("gbk"))
    with TestClient(app) as client:
        answers = [
            f"{name}: {client.post('/alipay/notify', content=notifications[name], headers={'Content-Type': FORM}).text}"  # noqa: E501
            for name in ORDER
        ]
        answers.append(
            f"gbk: {client.post('/alipay/notify', content=gbk, headers={'Content-Type': FORM}).text}"  # noqa: E501
        )
    # This sample does not check the amount: the cheaper notification marks the order paid.
    assert answers == [
        "another amount: success",
        "the order: success",
        "forged amount: fail",
        "the order: success",
        "gbk: success",
    ]
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = connection.execute("SELECT * FROM orders ORDER BY 1").fetchall()
        applied = connection.execute(
            "SELECT out_trade_no, transition FROM alipay_notify_ledger WHERE changed_order"
        ).fetchall()
    assert rows == [("T1001", "paid"), ("T2002", "paid")]
    assert applied == [("T1001", "PAID"), ("T2002", "PAID")]  # the duplicate applied nothing
    if marker == "ledger-fastapi":
        # FastAPI declares (and so parses) no request body for the endpoint: the bare Request.
        assert "requestBody" not in app.openapi()["paths"]["/alipay/notify"]["post"]


def test_reconciliation(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = shop_db(workdir)
    (workdir / "app_private_key.pem").write_text(APP_PRIVATE_KEY)
    gateway: Gateway
    with fake_gateway() as gateway:
        gateway.answers.update({"T1001": "paid", "T2002": "wait"})
        monkeypatch.setenv("ALIPAY_GATEWAY", gateway.url)
        run(readme_sample("reconcile"))
    assert capsys.readouterr().out.splitlines() == [
        "TRADE_SUCCESS 8800 True",
        "T1001 applied",
        "T2002 unchanged",
    ]
    with closing(sqlite3.connect(path)) as connection, connection:
        rows = connection.execute("SELECT * FROM orders ORDER BY 1").fetchall()
    assert rows == [("T1001", "paid"), ("T2002", "unpaid")]
