"""Reconciliation against the real sandbox (`alipay-notify sandbox`): an order is paid with
the dropped-notify fault (the trade is paid, no notification ever comes, the buyer never
returns); reconcile() asks alipay.trade.query over HTTP and applies the answer through the
ledger: the order ends paid exactly once, by reconciliation, with a `query` row whose
changed_order is true; the notification, arriving after all, changes nothing."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from alipay_notify import Verifier, signed_form
from alipay_notify.flask import notify_view
from alipay_notify.ledger import Ledger
from alipay_notify.reconcile import reconcile
from conftest import REPO
from fake_gateway import APP_PRIVATE_KEY, APP_PUBLIC_KEY
from ledger_db import Database, mark_order, postgres_database, sqlite_database
from servers import Server

APP_ID = "2021000000000000"
NOWHERE = "http://127.0.0.1:9/alipay/notify"  # the discard port: nothing answers there


def cli() -> Path:
    path = Path(
        os.environ.get("ALIPAY_NOTIFY_CLI") or REPO / "target" / "release" / "alipay-notify"
    )
    if not path.is_file():
        pytest.fail(
            f"{path.name} is not built: cargo build --release -p alipay-notify-cli "
            "(scripts/test-py.sh builds it), or set ALIPAY_NOTIFY_CLI"
        )
    return path


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The sandbox on a free port, checking request signatures with the app's public key:
    (its gateway URL, its data directory with its "Alipay" keys)."""
    directory = tmp_path_factory.mktemp("sandbox")
    (directory / "app_public_key.txt").write_text(APP_PUBLIC_KEY)
    command = [
        str(cli()), "sandbox", "--port", "0", "--data-dir", str(directory),
        "--time-scale", "600", "--app-public-key", str(directory / "app_public_key.txt"),
    ]  # fmt: skip
    server = Server(command, {**os.environ}, cwd=directory)
    try:
        gateway = server.wait_for(r"^(http://127\.0\.0\.1:\d+/gateway\.do)$").group(1)
        yield gateway, directory
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    database = (
        sqlite_database(tmp_path / "shop.db") if request.param == "sqlite" else postgres_database()
    )
    database.reset()
    return database


def checkout(gateway: str, out_trade_no: str, amount: str) -> None:
    """The buyer is sent to the sandbox's checkout page, as a shop sends them to Alipay."""
    biz = {"out_trade_no": out_trade_no, "total_amount": amount, "subject": "测试商品"}
    params = {
        "app_id": APP_ID,
        "method": "alipay.trade.page.pay",
        "format": "JSON",
        "charset": "utf-8",
        "sign_type": "RSA2",
        "timestamp": "2024-01-02 10:20:28",
        "version": "1.0",
        "notify_url": NOWHERE,
        "return_url": "http://127.0.0.1:9/alipay/return",
        "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
    }
    url = gateway + "?" + signed_form(params, APP_PRIVATE_KEY, rule="v2")
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200


def api(gateway: str, path: str, payload: Any = None) -> dict[str, Any]:
    base = gateway.removesuffix("/gateway.do")
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        base + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(json.loads(response.read()))


def test_a_dropped_notification_is_applied_once_by_reconciliation(
    sandbox: tuple[str, Path], db: Database
) -> None:
    gateway, directory = sandbox
    out_trade_no = f"RECON-{db.name}"
    db.add_order(out_trade_no)
    db.add_order(out_trade_no + "-UNPAID")
    checkout(gateway, out_trade_no, "66.00")
    checkout(gateway, out_trade_no + "-UNPAID", "1.00")
    paid = api(
        gateway, f"/api/orders/{out_trade_no}/pay", {"drop_notify": True, "drop_return": True}
    )
    seen = api(gateway, f"/api/orders/{out_trade_no}")
    assert seen["notify_dropped"] is True and seen["deliveries"] == []

    verifier = Verifier((directory / "alipay_public_key.txt").read_text(), app_id=APP_ID)
    ledger = Ledger(db.connect, verifier)
    options: dict[str, Any] = dict(app_id=APP_ID, app_private_key=APP_PRIVATE_KEY, gateway=gateway)
    pending = [out_trade_no, out_trade_no + "-UNPAID", out_trade_no + "-NEVER-CHECKED-OUT"]
    done = reconcile(ledger, pending, mark_order(db.ph), **options)
    assert [(r.out_trade_no, r.status) for r in done] == [
        (out_trade_no, "applied"),
        (out_trade_no + "-UNPAID", "unchanged"),
        (out_trade_no + "-NEVER-CHECKED-OUT", "unchanged"),
    ]
    assert done[0].result is not None and done[0].result.trade_no == paid["trade_no"]
    assert done[1].result is not None and done[1].result.trade_status == "WAIT_BUYER_PAY"
    assert done[2].result is not None and done[2].result.is_not_found
    assert db.status(out_trade_no) == "paid"
    assert db.status(out_trade_no + "-UNPAID") == "unpaid"
    assert db.runs() == [(out_trade_no, "PAID")]
    assert db.ledger(
        "source, notify_id, notify_type, total_amount_fen, transition, changed_order, reply"
    ) == [("query", None, "alipay.trade.query", 6600, "PAID", True, None)]
    # Asked again: already applied.
    again = reconcile(ledger, [out_trade_no], mark_order(db.ph), **options)
    assert [(r.out_trade_no, r.status) for r in again] == [(out_trade_no, "already")]

    # The notification arrives after all, at the Flask shop: answered success, a duplicate.
    late = late_notification(directory, out_trade_no, paid["trade_no"])
    app = Flask(__name__)
    app.add_url_rule("/notify", view_func=notify_view(ledger, mark_order(db.ph)), methods=["POST"])
    response = app.test_client().post(
        "/notify", data=late, content_type="application/x-www-form-urlencoded"
    )
    assert response.get_data() == b"success"
    assert db.runs() == [(out_trade_no, "PAID")]
    assert db.ledger("source, transition, changed_order") == [
        ("query", "PAID", True),
        ("query", None, False),
        ("notify", None, False),
    ]


def late_notification(directory: Path, out_trade_no: str, trade_no: str) -> bytes:
    """The notification the sandbox dropped, signed with the sandbox's own Alipay key."""
    params = {
        "notify_type": "trade_status_sync",
        "notify_id": "late-" + out_trade_no,
        "notify_time": "2024-01-02 10:20:31",
        "app_id": APP_ID,
        "charset": "utf-8",
        "version": "1.0",
        "trade_status": "TRADE_SUCCESS",
        "out_trade_no": out_trade_no,
        "trade_no": trade_no,
        "total_amount": "66.00",
        "seller_id": "2088000000000000",
    }
    key = (directory / "alipay_private_key.pem").read_text()
    return signed_form(params, key).encode("ascii")
