"""A stand-in for Alipay's OpenAPI gateway on 127.0.0.1, for the reconciliation tests that
need answers the sandbox does not give (timeouts, HTTP errors, answers about another order).
It checks each request's signature with the app's public key, as Alipay does, and answers
alipay.trade.query signed with the test "Alipay" key."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from alipay_notify import Verifier
from conftest import key_text, vector_keys
from signed_responses import NOT_FOUND, paid_query_answer, signed_response

#: The merchant's app key pair: requests are signed with the private half.
APP_PRIVATE_KEY = key_text("app.key.pem")
APP_PUBLIC_KEY = vector_keys("notify.json")["app"]


class Gateway:
    """``answers[out_trade_no]`` is ``"paid"``, ``"wait"``, ``"not-found"``, ``"other-order"``,
    ``"slow"`` (answers after 3 s), ``"http-500"`` or ``"unsigned"``; ``requests`` the
    verified request parameters received."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.answers: dict[str, str] = {}
        self.requests: list[dict[str, str]] = []


@contextmanager
def fake_gateway() -> Iterator[Gateway]:
    request_verifier = Verifier(APP_PUBLIC_KEY, rule="v2")
    alipay_key = key_text("alipay_a.key.pem")
    gateway: Gateway

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            form = self.rfile.read(int(self.headers["Content-Length"]))
            assert self.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
            request_verifier.verify_notify(form)  # raises: the test's server thread says so
            params = dict(parse_qsl(form.decode(), keep_blank_values=True))
            gateway.requests.append(params)
            out_trade_no = json.loads(params["biz_content"])["out_trade_no"]
            answer = gateway.answers.get(out_trade_no, "not-found")
            method = params["method"]
            if answer == "http-500":
                self.send_error(500)
                return
            if answer == "slow":
                time.sleep(3)
            content = {
                "paid": paid_query_answer(out_trade_no),
                "slow": paid_query_answer(out_trade_no),
                "wait": dict(paid_query_answer(out_trade_no), trade_status="WAIT_BUYER_PAY"),
                "other-order": paid_query_answer("SOMEONE-ELSE"),
                "not-found": NOT_FOUND,
            }.get(answer, NOT_FOUND)
            body = signed_response(method, content, alipay_key)
            if answer == "unsigned":
                body = json.dumps({method.replace(".", "_") + "_response": content}).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/html;charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting: what the timeout tests want

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    gateway = Gateway(f"http://127.0.0.1:{server.server_address[1]}/gateway.do")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
