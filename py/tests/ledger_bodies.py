"""Notifications of one order for the ledger tests, signed with the demo stand-in for Alipay's
key (examples/django/demo_keys): the payment, a refund, WAIT_BUYER_PAY."""

from __future__ import annotations

from decimal import Decimal

import alipay_notify
from conftest import EXAMPLE
from shop import payments
from shop.models import Order

DEMO_ALIPAY_PRIVATE_KEY = (EXAMPLE / "demo_keys" / "alipay_private_key.pem").read_text()


def order_of(out_trade_no: str, amount: str = "88.00") -> Order:
    """An order as the shop has it (not saved): what the simulated notifications are about."""
    return Order(out_trade_no=out_trade_no, subject="测试商品", total_amount=Decimal(amount))


def paid(order: Order, charset: str = "utf-8") -> bytes:
    return payments.simulated_notification(order, charset=charset)


def waiting(order: Order) -> bytes:
    return payments.simulated_notification(order, trade_status="WAIT_BUYER_PAY")


def refund(order: Order, out_biz_no: str, refund_fee: str) -> bytes:
    """A refund notification: trade_status stays TRADE_SUCCESS for a partial refund, with
    refund_fee (the total refunded) and the refund's out_biz_no; its own notify_id."""
    params = dict(
        alipay_notify.Verifier(
            (EXAMPLE / "demo_keys" / "alipay_public_key.txt").read_text()
        ).verify_notify(paid(order))
    )
    params.pop("sign", None)
    params.pop("sign_type", None)
    params.update(
        notify_id="R" + params["notify_id"][1:],
        refund_fee=refund_fee,
        out_biz_no=out_biz_no,
        gmt_refund="2024-01-02 11:00:00.000",
    )
    return alipay_notify.signed_form(params, DEMO_ALIPAY_PRIVATE_KEY).encode("ascii")
