"""alipay_notify.flask and alipay_notify.starlette in-process (Flask's test client, Starlette's
TestClient): the raw body verified, exactly success/fail as text/plain, the ledger applying a
delivery once, GBK bodies and '+' intact, failures answered fail. Real gunicorn and uvicorn
workers are in test_parallel_duplicates.py."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest
from flask import Flask, g
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from werkzeug.test import EnvironBuilder

from alipay_notify import Notification, Verifier, signed_form
from alipay_notify.flask import notify_view
from alipay_notify.ledger import AsyncLedger, Ledger
from alipay_notify.starlette import notify_endpoint
from conftest import notification_params
from ledger_db import Database, mark_order, sqlite_database

FORM = "application/x-www-form-urlencoded; charset=utf-8"
#: post(body) -> (HTTP status, Content-Type, text)
Post = Callable[[bytes], tuple[int, str, str]]


def flask_client(target: Any, callback: Any) -> Post:
    app = Flask(__name__)
    app.add_url_rule("/notify", view_func=notify_view(target, callback), methods=["POST"])

    @app.after_request
    def keep(response: Any) -> Any:
        seen.append(g.alipay_notify)
        return response

    client = app.test_client()

    def post(body: bytes) -> tuple[int, str, str]:
        r = client.post("/notify", data=body, headers={"Content-Type": FORM})
        return r.status_code, r.headers["Content-Type"], r.get_data(as_text=True)

    return post


def starlette_client(target: Any, callback: Any) -> Post:
    endpoint = notify_endpoint(target, callback)

    async def notify(request: Request) -> PlainTextResponse:
        response = await endpoint(request)
        seen.append(request.state.alipay_notify)
        return response

    client = TestClient(Starlette(routes=[Route("/notify", notify, methods=["POST"])]))
    clients.append(client)

    def post(body: bytes) -> tuple[int, str, str]:
        r = client.post("/notify", content=body, headers={"Content-Type": FORM})
        return r.status_code, r.headers["Content-Type"], r.text

    return post


seen: list[Any] = []
clients: list[TestClient] = []


@pytest.fixture(params=["flask", "starlette"])
def framework(request: pytest.FixtureRequest) -> Iterator[Callable[[Any, Any], Post]]:
    seen.clear()
    yield flask_client if request.param == "flask" else starlette_client
    while clients:
        clients.pop().close()


@pytest.fixture()
def db(tmp_path: Path) -> Database:
    database = sqlite_database(tmp_path / "shop.db")
    database.reset()
    database.add_order("T1001")
    return database


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id="2021000000000000")


def notify(key: str, **overrides: str) -> bytes:
    return signed_form(notification_params(**overrides), key).encode()


def test_on_the_ledger_a_payment_applies_once(
    framework: Callable[[Any, Any], Post], db: Database, verifier: Verifier, alipay_private_key: str
) -> None:
    post = framework(Ledger(db.connect, verifier), mark_order(db.ph))
    body = notify(alipay_private_key)
    assert post(body) == (200, "text/plain; charset=utf-8", "success")
    assert post(body)[2] == "success"
    assert post(notify(alipay_private_key, trade_status="WAIT_BUYER_PAY"))[2] == "success"
    assert db.runs() == [("T1001", "PAID")] and db.status("T1001") == "paid"
    assert [(o.changed_order, o.duplicate) for o in seen] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    assert len(db.ledger()) == 3


def test_refused_and_failed_deliveries_are_answered_fail(
    framework: Callable[[Any, Any], Post],
    db: Database,
    verifier: Verifier,
    alipay_private_key: str,
    other_private_key: str,
) -> None:
    def broken(connection: Any, message: Any, transition: str) -> None:
        raise RuntimeError("the order service is down")

    post = framework(Ledger(db.connect, verifier), broken)
    assert post(notify(other_private_key)) == (200, "text/plain; charset=utf-8", "fail")
    assert post(notify(alipay_private_key))[2] == "fail"
    assert post(b"not a notification")[2] == "fail"
    assert post(b"")[2] == "fail"
    assert db.ledger("verdict, error_name, reply") == [
        ("rejected", "INVALID_SIGNATURE", "fail"),
        ("verified", "RuntimeError", "fail"),
        ("rejected", "MALFORMED_INPUT", "fail"),
        ("rejected", "MALFORMED_INPUT", "fail"),
    ]
    assert db.status("T1001") == "unpaid"


def test_the_raw_body_survives_gbk_and_plus(
    framework: Callable[[Any, Any], Post], db: Database, verifier: Verifier, alipay_private_key: str
) -> None:
    subjects: list[str] = []

    def record(connection: Any, message: Any, transition: str) -> None:
        subjects.append(message.subject)

    post = framework(Ledger(db.connect, verifier), record)
    body = notify(alipay_private_key, charset="GBK", subject="测试 A+B")
    assert b"%2B" in body and b"%B2%E2%CA%D4" in body  # '+' and 测试 (GBK), percent-encoded
    raw_gbk = body.replace(b"%B2%E2%CA%D4", "测试".encode("gbk"))
    assert post(raw_gbk)[2] == "success"
    assert subjects == ["测试 A+B"]


def test_with_a_verifier_only_the_handler_runs_for_every_delivery(
    framework: Callable[[Any, Any], Post],
    verifier: Verifier,
    alipay_private_key: str,
    other_private_key: str,
) -> None:
    handled: list[str] = []

    def handler(notification: Notification) -> None:
        if notification.out_trade_no == "BROKEN":
            raise ValueError("no such order")
        handled.append(str(notification.out_trade_no))

    post = framework(verifier, handler)
    body = notify(alipay_private_key)
    assert post(body)[2] == "success" and post(body)[2] == "success"
    assert handled == ["T1001", "T1001"]  # no ledger: the handler must be idempotent itself
    assert post(notify(other_private_key))[2] == "fail"
    assert post(notify(alipay_private_key, out_trade_no="BROKEN"))[2] == "fail"
    assert isinstance(seen[0], Notification) and isinstance(seen[3], ValueError)
    assert framework(verifier, None)(body)[2] == "success"


def test_starlette_takes_a_coroutine_handler_and_an_async_ledger(
    db: Database, verifier: Verifier, alipay_private_key: str
) -> None:
    handled: list[str] = []

    async def handler(notification: Notification) -> None:
        await asyncio.sleep(0)
        if notification.out_trade_no == "BROKEN":
            raise ValueError("no such order")
        handled.append(str(notification.out_trade_no))

    post = starlette_client(verifier, handler)
    assert post(notify(alipay_private_key))[2] == "success" and handled == ["T1001"]
    assert post(notify(alipay_private_key, out_trade_no="BROKEN"))[2] == "fail"
    post = starlette_client(AsyncLedger(db.connect, verifier), mark_order(db.ph))
    assert post(notify(alipay_private_key))[2] == "success"
    assert db.runs() == [("T1001", "PAID")]
    while clients:
        clients.pop().close()


def test_the_integrations_want_a_ledger_or_a_verifier() -> None:
    with pytest.raises(TypeError):
        notify_view("secret", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        notify_endpoint(None, None)  # type: ignore[arg-type]


class Endless(io.RawIOBase):
    """A request body of ``size`` bytes that counts how many of them were read."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left, 8192)
        buffer[:n] = b"a" * n
        self.left -= n
        self.taken += n
        return n


TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize("declared", [True, False])
def test_flask_reads_no_more_of_a_long_body_than_max_size(
    verifier: Verifier, declared: bool
) -> None:
    # A body over max_size (declared, or chunked and of unknown length) is read no further than
    # max_size and one byte, and refused as InputTooLarge: Flask's get_data reads any length.
    body = Endless(TEN_MB)
    environ = EnvironBuilder(path="/notify", method="POST", content_type=FORM).get_environ()
    environ["wsgi.input"] = body
    environ.pop("CONTENT_LENGTH", None)
    if declared:
        environ["CONTENT_LENGTH"] = str(TEN_MB)
    else:
        environ["wsgi.input_terminated"] = True
    app = Flask(__name__)
    with app.request_context(environ):
        response = notify_view(verifier, None)()
        assert response.get_data(as_text=True) == "fail"
        assert g.alipay_notify.name == "INPUT_TOO_LARGE"
    assert body.taken <= verifier.max_size + 8192


@pytest.mark.parametrize("declared", [True, False])
def test_starlette_reads_no_more_of_a_long_body_than_max_size(
    verifier: Verifier, declared: bool
) -> None:
    chunk = b"a" * 65536
    received = 0

    async def receive() -> dict[str, Any]:
        nonlocal received
        received += 1
        return {"type": "http.request", "body": chunk, "more_body": received * len(chunk) < TEN_MB}

    headers = [(b"content-type", FORM.encode())]
    if declared:
        headers.append((b"content-length", str(TEN_MB).encode()))
    scope = {"type": "http", "method": "POST", "path": "/notify", "headers": headers}
    request = Request(scope, receive)
    endpoint = notify_endpoint(verifier)

    async def call() -> PlainTextResponse:
        return await endpoint(request)

    response = asyncio.run(call())
    assert response.body == b"fail"
    assert request.state.alipay_notify.name == "INPUT_TOO_LARGE"
    assert received <= 2
    assert verifier.max_size == 65536
