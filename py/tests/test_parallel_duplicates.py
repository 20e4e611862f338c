"""The parallel-duplicate test of issue 13: a real server with several worker PROCESSES
(gunicorn serving the Flask shop, uvicorn serving the Starlette shop) on 127.0.0.1, on
PostgreSQL, on MariaDB (PyMySQL) and on SQLite (a file, WAL, busy timeout). The same signed notification is POSTed
40 times at once, with a refund notification and a WAIT_BUYER_PAY among them: every reply is
success, the merchant's callback ran once per transition (counted in the database), the ledger
has one row per delivery and one changed_order row per transition, and the order is paid.
Then a worker dies in the middle of a transaction: nothing is applied, and the retry applies
it once."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from alipay_notify import signed_form
from conftest import REPO, notification_params
from ledger_db import Database, mysql_database, postgres_database, sqlite_database
from servers import STARTUP_TIMEOUT, Server, free_port, wait_until_listening

TESTS = REPO / "py" / "tests"
COPIES = 40
WORKERS = 3


class Shop:
    def __init__(self, url: str, db: Database, server: Server) -> None:
        self.url = url
        self.db = db
        self.server = server

    def post(self, body: bytes) -> tuple[str, str]:
        """(the reply, the worker's pid); ("", "") when the connection broke."""
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.headers["Content-Type"].startswith("text/plain")
                return response.read().decode(), response.headers["X-Worker-Pid"]
        except (urllib.error.URLError, ConnectionError) as broken:
            assert not isinstance(broken, urllib.error.HTTPError), broken
            return "", ""


def wait_for_lines(server: Server, text: str, count: int) -> int:
    """How many lines of the server's output hold ``text``, once there are ``count``."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and server.process.poll() is None:
        found = sum(text in line for line in list(server.output))
        if found >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"not {count} lines with {text!r}:\n{''.join(server.output)}")


def start(kind: str, env: dict[str, str]) -> tuple[Server, int]:
    if kind == "gunicorn-flask":
        command = [
            sys.executable, "-m", "gunicorn", "flask_shop:app",
            # Sync workers, one request at a time each: concurrent deliveries must spread
            # over the processes.
            "--bind", "127.0.0.1:0", "--workers", str(WORKERS),
            "--timeout", "60", "--graceful-timeout", "5",
        ]  # fmt: skip
        if (
            "--no-control-socket"
            in subprocess.run(
                [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True
            ).stdout
        ):
            # Newer gunicorns open a control socket at one path in the home directory: another
            # gunicorn on the machine (another test run) must not collide with this one.
            command.append("--no-control-socket")
        server = Server(command, env, cwd=TESTS)
        port = int(server.wait_for(r"Listening at: http://127\.0\.0\.1:(\d+)").group(1))
        booted = wait_for_lines(server, "Booting worker with pid", WORKERS)
    else:
        port = free_port()
        command = [
            sys.executable, "-m", "uvicorn", "starlette_shop:app",
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(WORKERS),
            "--no-access-log",
        ]  # fmt: skip
        server = Server(command, env, cwd=TESTS)
        wait_until_listening(port, server)
        booted = wait_for_lines(server, "Application startup complete", WORKERS)
    assert booted >= 2, "".join(server.output)
    return server, port


@pytest.fixture(
    scope="module",
    params=[
        ("gunicorn-flask", "postgresql"),
        ("gunicorn-flask", "sqlite"),
        ("gunicorn-flask", "mysql"),
        ("uvicorn-starlette", "postgresql"),
        ("uvicorn-starlette", "sqlite"),
        ("uvicorn-starlette", "mysql"),
    ],
    ids=lambda p: "-".join(p),
)
def shop(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, alipay_public_key: str
) -> Iterator[Shop]:
    kind, database = request.param
    work = tmp_path_factory.mktemp("shop")
    if database == "sqlite":
        db, address = sqlite_database(work / "shop.db"), str(work / "shop.db")
    elif database == "postgresql":
        db, address = postgres_database(), os.environ["POSTGRES_URL"]
    else:
        db, address = mysql_database(), os.environ["MYSQL_URL"]
    db.reset()
    (work / "crash").mkdir()
    env = {
        **os.environ,
        "SHOP_DATABASE": address,
        "SHOP_ALIPAY_PUBLIC_KEY": alipay_public_key,
        "SHOP_CRASH_MARKERS": str(work / "crash"),
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    server, port = start(kind, env)
    try:
        yield Shop(f"http://127.0.0.1:{port}/alipay/notify", db, server)
    finally:
        server.stop()


def test_concurrent_duplicates_apply_once(shop: Shop, alipay_private_key: str) -> None:
    shop.db.add_order("T1001")
    paid = signed_form(notification_params(), alipay_private_key).encode()
    refund = signed_form(
        notification_params(refund_fee="8.80", out_biz_no="R1", notify_id="N-REFUND-R1"),
        alipay_private_key,
    ).encode()
    waiting = signed_form(
        notification_params(trade_status="WAIT_BUYER_PAY", notify_id="N-WAIT"),
        alipay_private_key,
    ).encode()
    bodies = [paid] * COPIES + [refund, waiting]
    random.Random(13).shuffle(bodies)
    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        answers = list(pool.map(shop.post, bodies))
    replies = Counter(reply for reply, _ in answers)
    assert replies == {"success": COPIES + 2}, "".join(shop.server.output[-40:])
    pids = {pid for _, pid in answers}
    print(f"{len(bodies)} deliveries answered by {len(pids)} worker processes")
    assert len(pids) >= 2, "the deliveries must meet in several processes"
    # The callback ran once per transition, as the database counts it.
    assert sorted(shop.db.runs()) == [("T1001", "PAID"), ("T1001", "REFUND:R1")]
    assert shop.db.status("T1001") == "paid"
    rows = shop.db.ledger("body_sha256, transition, changed_order, reply")
    by_body = Counter(digest for digest, *_ in rows)
    applied = sorted(transition for _, transition, changed, _ in rows if changed)
    assert applied == ["PAID", "REFUND:R1"]
    assert all(reply == "success" for *_, reply in rows)
    digest = {
        body: __import__("hashlib").sha256(body).hexdigest() for body in (paid, refund, waiting)
    }
    # One row per delivery; the refund's has a second only when it applied PAID first (§3).
    refund_applied_paid = any(d == digest[refund] and t == "PAID" for d, t, _, _ in rows)
    assert by_body == {
        digest[paid]: COPIES,
        digest[refund]: 2 if refund_applied_paid else 1,
        digest[waiting]: 1,
    }


def test_a_worker_that_dies_mid_transaction_applies_nothing_and_the_retry_applies_once(
    shop: Shop, alipay_private_key: str
) -> None:
    shop.db.add_order("CRASH-1")
    body = signed_form(
        notification_params(out_trade_no="CRASH-1", notify_id="N-CRASH-1"), alipay_private_key
    ).encode()
    reply, _ = shop.post(body)
    assert reply == ""  # the worker died: no reply at all, which Alipay retries
    assert shop.db.status("CRASH-1") == "unpaid"
    assert ("CRASH-1", "PAID") not in shop.db.runs()
    crash_rows = shop.db.execute(
        "SELECT transition FROM alipay_notify_ledger WHERE out_trade_no = 'CRASH-1'"
    )
    assert crash_rows == []  # rolled back with the order change
    retried: Any = shop.post(body)
    assert retried[0] == "success", "".join(shop.server.output[-30:])
    assert shop.db.status("CRASH-1") == "paid"
    assert [r for r in shop.db.runs() if r[0] == "CRASH-1"] == [("CRASH-1", "PAID")]
    assert shop.db.execute(
        "SELECT transition, changed_order, reply FROM alipay_notify_ledger "
        "WHERE out_trade_no = 'CRASH-1'"
    ) in ([("PAID", True, "success")], [("PAID", 1, "success")])
