"""`manage.py alipay_reconcile` against the real sandbox (`alipay-notify sandbox`): an order
paid with the dropped-notify fault (the notification never comes) ends paid exactly once, by
reconciliation, and the ledger says so; a later duplicate notification changes nothing."""

from __future__ import annotations

import urllib.request
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import test_sandbox_reconcile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from test_sandbox_reconcile import api

import alipay_notify
from alipay_notify.django.models import LedgerEntry
from conftest import KEYS
from shop import payments
from shop.models import Order, OrderChange

pytestmark = pytest.mark.django_db
# The sandbox on a free port, started once for this module too.
sandbox = test_sandbox_reconcile.sandbox

FORM = "application/x-www-form-urlencoded"
NOWHERE = "http://127.0.0.1:9/alipay/notify/"  # the discard port: nothing answers there


@pytest.fixture
def shop(settings: Any, sandbox: tuple[str, Path]) -> str:
    """The example shop pointed at the sandbox, with the app key the sandbox checks (the
    tests' own, which test_sandbox_reconcile.py's sandbox fixture is given)."""
    gateway, directory = sandbox
    settings.SHOP_ALIPAY_GATEWAY = gateway
    settings.SHOP_APP_PRIVATE_KEY_FILE = str(KEYS / "app.key.pem")
    settings.ALIPAY_NOTIFY = {
        **settings.ALIPAY_NOTIFY,
        "ALIPAY_PUBLIC_KEY_FILE": str(directory / "alipay_public_key.txt"),
        "APP_PRIVATE_KEY_FILE": str(KEYS / "app.key.pem"),
        "GATEWAY": gateway,
        "TIMEOUT": 10,
    }
    return gateway


def place(gateway: str, out_trade_no: str, amount: str = "66.00") -> Order:
    """An order in the shop, and the same order at the sandbox's checkout page."""
    order = Order.objects.create(
        out_trade_no=out_trade_no, subject="测试商品", total_amount=Decimal(amount)
    )
    url = payments.payment_url(order, NOWHERE, "http://127.0.0.1:9/alipay/return/")
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
    return order


def reconcile(*args: str) -> str:
    out = StringIO()
    call_command("alipay_reconcile", *args, stdout=out)
    return out.getvalue()


def test_a_dropped_notification_is_fixed_once_by_reconciliation(
    shop: str, sandbox: tuple[str, Path]
) -> None:
    order = place(shop, "RECON-1")
    unpaid = place(shop, "RECON-2", "1.00")
    paid = api(
        shop, f"/api/orders/{order.out_trade_no}/pay", {"drop_notify": True, "drop_return": True}
    )
    # A dry run asks and reports, and changes nothing.
    out = reconcile("--older-than", "0s", "--dry-run")
    assert "RECON-1: would-fix (TRADE_SUCCESS: would apply PAID)" in out
    assert Order.objects.get(pk=order.pk).status == Order.PENDING
    assert not LedgerEntry.objects.exists()

    out = reconcile("--older-than", "0s")
    row = LedgerEntry.objects.get()
    assert out.splitlines() == [
        f"RECON-1: fixed (TRADE_SUCCESS: applied PAID (ledger row {row.pk}))",
        "RECON-2: unpaid (WAIT_BUYER_PAY)",
        "alipay_reconcile: 2 pending: 1 fixed, 0 would-fix, 0 already, 1 unpaid, "
        "0 not-found, 0 failed",
    ]
    order.refresh_from_db()
    assert (order.status, order.trade_no) == (Order.PAID, paid["trade_no"])
    assert Order.objects.get(pk=unpaid.pk).status == Order.PENDING
    assert (row.source, row.transition, row.changed_order, row.reply) == (
        "query",
        "PAID",
        True,
        None,
    )
    assert (row.notify_id, row.notify_type, row.total_amount_fen) == (
        None,
        "alipay.trade.query",
        6600,
    )
    assert list(OrderChange.objects.values_list("transition", "source")) == [("PAID", "query")]

    # The notification arrives after all: a duplicate, recorded, changing nothing.
    late = late_notification(sandbox[1], order, paid["trade_no"])
    response = Client().post(reverse("alipay-notify"), data=late, content_type=FORM)
    assert response.content == b"success"
    assert OrderChange.objects.count() == 1
    assert list(LedgerEntry.objects.order_by("id").values_list("source", "transition")) == [
        ("query", "PAID"),
        ("notify", None),
    ]
    # And the order is no longer pending: the next run leaves it alone.
    assert "RECON-1" not in reconcile("--older-than", "0s")


def late_notification(directory: Path, order: Order, trade_no: str) -> bytes:
    """The notification the sandbox dropped, signed with the sandbox's own Alipay key."""
    key = (directory / "alipay_private_key.pem").read_text()
    params = {
        "notify_type": "trade_status_sync",
        "notify_id": "late" + order.out_trade_no,
        "notify_time": "2024-01-02 10:20:31",
        "app_id": "2021000000000000",
        "charset": "utf-8",
        "version": "1.0",
        "trade_status": "TRADE_SUCCESS",
        "out_trade_no": order.out_trade_no,
        "trade_no": trade_no,
        "total_amount": str(order.total_amount),
        "seller_id": "2088000000000000",
    }
    return alipay_notify.signed_form(params, key).encode("ascii")


def test_exit_codes(shop: str, settings: Any) -> None:
    with pytest.raises(CommandError) as caught:
        reconcile("--older-than", "15 minutes")
    assert caught.value.returncode == 2
    place(shop, "RECON-3")
    # Nothing answers at the gateway: the order is reported, the exit code is 1.
    settings.ALIPAY_NOTIFY = {**settings.ALIPAY_NOTIFY, "GATEWAY": NOWHERE, "TIMEOUT": 2}
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("alipay_reconcile", "--older-than", "0s", stdout=out)
    assert caught.value.returncode == 1
    assert "RECON-3: failed (the query failed:" in out.getvalue()
    settings.ALIPAY_NOTIFY = {
        key: value
        for key, value in settings.ALIPAY_NOTIFY.items()
        if key not in ("PENDING_ORDERS", "APP_PRIVATE_KEY_FILE")
    }
    with pytest.raises(CommandError) as caught:
        reconcile("--older-than", "0s")
    assert caught.value.returncode == 2 and "APP_PRIVATE_KEY_FILE" in str(caught.value)
