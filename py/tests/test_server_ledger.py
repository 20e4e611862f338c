"""The parallel-duplicate test (docs/ledger.md §4): the example shop under gunicorn with
several worker processes, on SQLite (a file, WAL, busy timeout, BEGIN IMMEDIATE) and on
PostgreSQL (POSTGRES_URL: scripts/test-py.sh starts a throwaway cluster with
scripts/services.sh). The same signed notification POSTed many times at once, with a refund
and WAIT_BUYER_PAY among them: every reply success, the shop's code ran once per transition
(counted in the database), one ledger row per delivery."""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import time
import urllib.error
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLE
from ledger_bodies import order_of, paid, refund, waiting
from test_server import Server, checkout, manage, post, start_gunicorn

PAID_COPIES, REFUND_COPIES, WAITING_COPIES = 40, 6, 3
TESTS = Path(__file__).resolve().parent


def shop_env(database: str, directory: Path) -> dict[str, str]:
    """The example shop's environment: ``sqlite`` (a file in directory) or a PostgreSQL URL."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "merchant.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE), env.get("PYTHONPATH", "")])
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if database == "sqlite":
        env["MERCHANT_DB"] = str(directory / "db.sqlite3")
    else:
        env["DATABASE_URL"] = database
    manage(env, "migrate", "--verbosity", "0")
    return env


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """A database of its own on the test cluster (POSTGRES_URL): other tests make their own
    ledger table in the cluster's database."""
    import psycopg

    url = os.environ.get("POSTGRES_URL")
    if not url:
        pytest.fail(
            "POSTGRES_URL is not set: run scripts/test-py.sh, which starts PostgreSQL "
            "(scripts/services.sh pg_start) for this test"
        )
    name = f"django_shop_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield urllib.parse.urlsplit(url)._replace(path="/" + name).geturl()
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return shop_env("sqlite", tmp_path)
    return shop_env(request.getfixturevalue("postgres_database"), tmp_path)


def start_workers(env: dict[str, str], workers: int = 4) -> tuple[Server, int]:
    """gunicorn with sync workers: each process serves one request at a time, so a burst is
    spread over the processes (a threaded worker may accept the whole burst alone)."""
    server, port = start_gunicorn(
        env,
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        # The pid of the worker that served each request: the test checks that several did.
        "--access-logfile",
        "-",
        "--access-logformat",
        "served-by %(p)s %(U)s %(s)s",
    )
    deadline = time.monotonic() + 60
    while sum("Booting worker with pid" in line for line in list(server.output)) < workers:
        assert time.monotonic() < deadline, "".join(server.output)
        time.sleep(0.05)
    return server, port


FACTS = """
import json
from alipay_notify.django.models import LedgerEntry
from shop.models import Order, OrderChange
rows = LedgerEntry.objects.filter(out_trade_no=%r).order_by("id")
order = Order.objects.get(out_trade_no=%r)
print(json.dumps({
    "rows": rows.count(),
    "by_status": [[r.trade_status, r.transition, r.changed_order, r.reply] for r in rows],
    "runs": sorted(OrderChange.objects.filter(order=order).values_list("transition", flat=True)),
    "status": order.status,
    # A refund's delivery that applied PAID first wrote the PAID row from its own message.
    "paid_by_refund": int(rows.filter(transition="PAID", refund_fee_fen__isnull=False).exists()),
    "refunded": str(order.refunded_amount),
}))
"""


def facts(env: dict[str, str], out_trade_no: str) -> dict[str, Any]:
    """What the database says, read by another process through the shop's own models."""
    out = manage(env, "shell", "-c", FACTS % (out_trade_no, out_trade_no))
    return dict(json.loads(out.strip().splitlines()[-1]))


def test_parallel_duplicates_change_the_order_once(env: dict[str, str]) -> None:
    server, port = start_workers(env)
    try:
        base_url = f"http://127.0.0.1:{port}"
        out_trade_no = checkout(base_url, "88.00")
        order = order_of(out_trade_no)
        bodies = (
            [paid(order)] * PAID_COPIES
            + [refund(order, "RF1", "8.00")] * REFUND_COPIES
            + [waiting(order)] * WAITING_COPIES
        )
        random.Random(13).shuffle(bodies)
        with ThreadPoolExecutor(len(bodies)) as pool:
            replies = list(
                pool.map(lambda body: post(base_url + "/alipay/notify/", body)[2], bodies)
            )
    finally:
        server.stop()
    # After stop(): the access log's last lines are read by then.
    served = Counter(
        match.group(1)
        for line in list(server.output)
        if (match := re.search(r"served-by <(\d+)> /alipay/notify/ 200", line))
    )
    assert replies == ["success"] * len(bodies), "".join(server.output[-40:])
    assert sum(served.values()) == len(bodies)
    assert len(served) >= 2, f"one worker served every delivery: {served}"
    found = facts(env, out_trade_no)
    # The shop's code ran once per transition, whichever delivery got there first.
    assert found["runs"] == ["PAID", "REFUND:RF1"]
    assert (found["status"], found["refunded"]) == ("paid", "8.00")
    # One row per delivery; one row per transition says it changed the order.
    # When a refund's delivery came first, it applied PAID too (docs/ledger.md §3): one more
    # row, and every payment delivery a duplicate.
    paid_by_refund = found["paid_by_refund"]
    assert found["rows"] == len(bodies) + paid_by_refund
    rows = Counter(tuple(row) for row in found["by_status"])
    assert rows == {
        ("TRADE_SUCCESS", "PAID", True, "success"): 1,
        ("TRADE_SUCCESS", "REFUND:RF1", True, "success"): 1,
        ("TRADE_SUCCESS", None, False, "success"): PAID_COPIES + REFUND_COPIES - 2 + paid_by_refund,
        ("WAIT_BUYER_PAY", None, False, "success"): WAITING_COPIES,
    }


def test_a_worker_that_dies_mid_transaction_applies_nothing(
    env: dict[str, str], tmp_path: Path
) -> None:
    """The process is killed after the order change, before the commit: no reply, nothing
    applied, nothing recorded; Alipay's retry applies it once."""
    (tmp_path / "crash_settings.py").write_text(
        "from merchant.settings import *  # noqa: F403\nROOT_URLCONF = 'crash_urls'\n"
    )
    marker = tmp_path / "crash-next"
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "crash_settings",
        "CRASH_MARKER": str(marker),
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(TESTS), env["PYTHONPATH"]]),
    }
    server, port = start_workers(env, workers=2)
    try:
        base_url = f"http://127.0.0.1:{port}"
        out_trade_no = checkout(base_url, "88.00")
        body = paid(order_of(out_trade_no))
        marker.touch()
        with pytest.raises((urllib.error.URLError, http.client.HTTPException, OSError)):
            post(base_url + "/alipay/notify/", body)
        assert not marker.exists()
        found = facts(env, out_trade_no)
        assert (found["status"], found["runs"], found["rows"]) == ("pending", [], 0)
        # The retries: one applies it, the next is a duplicate.
        assert post(base_url + "/alipay/notify/", body)[2] == "success"
        assert post(base_url + "/alipay/notify/", body)[2] == "success"
    finally:
        server.stop()
    found = facts(env, out_trade_no)
    assert (found["status"], found["runs"]) == ("paid", ["PAID"])
    assert found["by_status"] == [
        ["TRADE_SUCCESS", "PAID", True, "success"],
        ["TRADE_SUCCESS", None, False, "success"],
    ]
