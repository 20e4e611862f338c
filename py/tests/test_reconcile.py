"""alipay_notify.reconcile against a fake gateway on 127.0.0.1, with httpx2, httpx and urllib:
the signed request, the verified answer, timeouts and HTTP failures as GatewayError, TLS
verified, and paid answers applied once through the ledger with source query. The same flow
against the real sandbox is in test_sandbox_reconcile.py."""

from __future__ import annotations

import importlib
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from alipay_notify import TradeRequest, Verifier, exceptions, reconcile
from alipay_notify.ledger import Ledger
from alipay_notify.reconcile import GatewayError, GatewayTimeout, query_trade
from conftest import KEYS
from fake_gateway import APP_PRIVATE_KEY, Gateway, fake_gateway
from ledger_db import Database, mark_order, sqlite_database

APP_ID = "2021000000000000"


@pytest.fixture(params=["httpx2", "httpx", "urllib"])
def client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each HTTP client query_trade can use (httpx2 and httpx are test dependencies)."""
    module = None if request.param == "urllib" else importlib.import_module(request.param)
    monkeypatch.setattr(reconcile, "_httpx", module)
    return str(request.param)


def test_the_client_is_httpx2_first() -> None:
    assert reconcile._http_client() is importlib.import_module("httpx2")


@pytest.fixture()
def gateway() -> Iterator[Gateway]:
    with fake_gateway() as running:
        yield running


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id=APP_ID)


def ask(gateway: Gateway, verifier: Verifier, out_trade_no: str, **options: Any) -> Any:
    request = TradeRequest.query(APP_ID, out_trade_no=out_trade_no)
    return query_trade(request, APP_PRIVATE_KEY, verifier, gateway=gateway.url, **options)


def test_query_trade_sends_a_signed_request_and_verifies_the_answer(
    client: str, gateway: Gateway, verifier: Verifier
) -> None:
    gateway.answers["T1001"] = "paid"
    result = ask(gateway, verifier, "T1001")
    assert result.is_paid and result.total_amount_fen == 8800 and result.out_trade_no == "T1001"
    (sent,) = gateway.requests
    assert sent["method"] == "alipay.trade.query" and sent["app_id"] == APP_ID
    assert sent["sign_type"] == "RSA2" and sent["charset"] == "utf-8"
    assert ask(gateway, verifier, "T404").is_not_found


def test_answers_that_must_not_be_trusted_raise_the_library_s_errors(
    client: str, gateway: Gateway, verifier: Verifier, app_public_key: str
) -> None:
    gateway.answers.update({"T1": "other-order", "T2": "unsigned", "T3": "paid"})
    with pytest.raises(exceptions.OrderMismatch):
        ask(gateway, verifier, "T1")
    with pytest.raises(exceptions.SignatureError):
        ask(gateway, verifier, "T2")
    with pytest.raises(exceptions.InvalidSignature):
        ask(gateway, Verifier(app_public_key), "T3")  # not Alipay's key


def test_transport_failures_are_gateway_errors(
    client: str, gateway: Gateway, verifier: Verifier
) -> None:
    gateway.answers.update({"T500": "http-500", "SLOW": "slow"})
    with pytest.raises(GatewayError) as failed:
        ask(gateway, verifier, "T500")
    assert failed.value.status == 500 and isinstance(failed.value, OSError)
    assert failed.value.url == gateway.url
    with pytest.raises(GatewayTimeout) as slow:
        ask(gateway, verifier, "SLOW", timeout=0.5)
    assert isinstance(slow.value, TimeoutError) and isinstance(slow.value, GatewayError)
    refused = Gateway("http://127.0.0.1:9/gateway.do")  # the discard port: nothing listens
    with pytest.raises(GatewayError) as down:
        ask(refused, verifier, "T1")
    assert down.value.status is None


def test_tls_certificates_are_verified(client: str, verifier: Verifier, tmp_path: Path) -> None:
    # An HTTPS server with a self-signed certificate: nothing a client should trust.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(KEYS / "alipay_a.selfsigned.crt.pem", KEYS / "alipay_a.key.pem")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.send_response(200)
            self.end_headers()

    server = HTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        untrusted = Gateway(f"https://127.0.0.1:{server.server_address[1]}/gateway.do")
        with pytest.raises(GatewayError, match="(?i)certificate"):
            ask(untrusted, verifier, "T1")
    finally:
        server.shutdown()
        server.server_close()


def test_the_gateway_must_be_https_or_this_machine(verifier: Verifier) -> None:
    for url in (
        "http://openapi.alipay.com/gateway.do",
        "ftp://127.0.0.1/x",
        "openapi.alipay.com",
        "https://",
    ):
        with pytest.raises(exceptions.InvalidConfig, match="https"):
            ask(Gateway(url), verifier, "T1")
    with pytest.raises(exceptions.InvalidConfig, match="timeout"):
        ask(Gateway("https://openapi.alipay.com/gateway.do"), verifier, "T1", timeout=0)
    assert reconcile.DEFAULT_GATEWAY == "https://openapi.alipay.com/gateway.do"


def test_reconcile_applies_paid_answers_once_through_the_ledger(
    client: str, gateway: Gateway, verifier: Verifier, tmp_path: Path
) -> None:
    db: Database = sqlite_database(tmp_path / "shop.db")
    db.reset()
    for order in ("T1", "T2", "T3", "T4"):
        db.add_order(order)
    gateway.answers.update({"T1": "paid", "T2": "wait", "T3": "not-found", "T4": "http-500"})
    ledger = Ledger(db.connect, verifier)
    options: dict[str, Any] = dict(app_id=APP_ID, app_private_key=APP_PRIVATE_KEY)
    first = reconcile.reconcile(
        ledger, ["T1", "T2", "T3", "T4"], mark_order(db.ph), gateway=gateway.url, **options
    )
    assert [(r.out_trade_no, r.status) for r in first] == [
        ("T1", "applied"),
        ("T2", "unchanged"),
        ("T3", "unchanged"),
        ("T4", "failed"),
    ]
    assert first[0].outcome is not None and first[0].outcome.changed_order
    assert first[2].result is not None and first[2].result.is_not_found
    assert isinstance(first[3].error, GatewayError)
    again = reconcile.reconcile(ledger, ["T1"], mark_order(db.ph), gateway=gateway.url, **options)
    assert [(r.out_trade_no, r.status) for r in again] == [("T1", "already")]
    assert db.runs() == [("T1", "PAID")] and db.status("T1") == "paid"
    assert db.ledger("source, out_trade_no, transition, changed_order, reply") == [
        ("query", "T1", "PAID", True, None),
        ("query", "T1", None, False, None),
    ]
    with pytest.raises(exceptions.InvalidConfig, match="verifier"):
        reconcile.reconcile(Ledger(db.connect), ["T1"], None, gateway=gateway.url, **options)
