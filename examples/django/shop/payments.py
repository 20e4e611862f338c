"""Talking to Alipay: the signed payment request, and (demo only) a simulator of Alipay's
side that signs notifications with the stand-in key in demo_keys/."""

from __future__ import annotations

import hashlib
import json
import urllib.request
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from django.conf import settings

import alipay_notify

from .models import Order, OrderChange

CST = timezone(timedelta(hours=8))


def _now() -> str:
    return datetime.now(CST).strftime("%Y-%m-%d %H:%M:%S")


def payment_url(order: Order, notify_url: str, return_url: str) -> str:
    """The alipay.trade.page.pay URL the buyer is sent to, signed with the app private key
    (requests are signed under rule v2: sign_type is part of the signed content)."""
    params = {
        "app_id": settings.ALIPAY_NOTIFY["APP_ID"],
        "method": "alipay.trade.page.pay",
        "format": "JSON",
        "charset": "utf-8",
        "sign_type": "RSA2",
        "timestamp": _now(),
        "version": "1.0",
        "notify_url": notify_url,
        "return_url": return_url,
        "biz_content": json.dumps(
            {
                "out_trade_no": order.out_trade_no,
                "total_amount": str(order.total_amount),
                "subject": order.subject,
                "product_code": "FAST_INSTANT_TRADE_PAY",
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ),
    }
    key = Path(settings.SHOP_APP_PRIVATE_KEY_FILE).read_text()
    return settings.SHOP_ALIPAY_GATEWAY + "?" + alipay_notify.signed_form(params, key, rule="v2")


def apply_transition(
    order: Order,
    transition: str,
    *,
    source: str,
    trade_no: str = "",
    paid_at: Optional[datetime] = None,
    refunded: Optional[Decimal] = None,
) -> None:
    """The order change of one transition (docs/ledger.md §3), run once by the ledger inside
    its transaction. Each update is conditional on the shop's own state: a PAID for an order
    already closed changes nothing (and needs a person), a refund before the PAID marks the
    order paid first."""
    now = datetime.now(timezone.utc)
    if transition == "PAID" or transition.startswith("REFUND:"):
        Order.objects.filter(pk=order.pk, status=Order.PENDING).update(
            status=Order.PAID, trade_no=trade_no, paid_at=paid_at or now
        )
    if transition == "CLOSED":
        Order.objects.filter(pk=order.pk, status=Order.PENDING).update(status=Order.CLOSED)
    if transition.startswith("REFUND:") and refunded is not None:
        # refund_fee is the total refunded so far: never add it up.
        Order.objects.filter(pk=order.pk, refunded_amount__lt=refunded).update(
            refunded_amount=refunded
        )
    OrderChange.objects.create(order=order, transition=transition, source=source)


def pending_orders(cutoff: datetime) -> Iterable[str]:
    """ALIPAY_NOTIFY["PENDING_ORDERS"]: the orders alipay_reconcile asks Alipay about, still
    waiting for payment and created before cutoff."""
    return Order.objects.filter(status=Order.PENDING, created_at__lt=cutoff).values_list(
        "out_trade_no", flat=True
    )


def apply_query(result: Any, transition: str) -> None:
    """ALIPAY_NOTIFY["RECONCILE_HANDLER"]: a verified query answer that says paid (掉单: the
    notification never came), run once by the ledger inside its transaction, as the notify
    view's handler is."""
    order = Order.objects.select_for_update().get(out_trade_no=result.out_trade_no)
    if result.total_amount_fen != round(order.total_amount * 100):
        raise ValueError(f"{order.out_trade_no}: Alipay's amount differs from the order's")
    apply_transition(order, transition, source="query", trade_no=result.trade_no or "")


def demo_enabled() -> bool:
    return bool(settings.SHOP_DEMO_ALIPAY_PRIVATE_KEY_FILE)


def _demo_key() -> str:
    return Path(settings.SHOP_DEMO_ALIPAY_PRIVATE_KEY_FILE).read_text()


def simulated_notification(
    order: Order,
    trade_status: str = "TRADE_SUCCESS",
    total_amount: str | None = None,
    charset: str = "utf-8",
) -> bytes:
    """A notify_url body as Alipay would POST it, signed with the demo stand-in key. The
    notify_id depends on the order and status only, so sending it again is a retry."""
    amount = total_amount or str(order.total_amount)
    notify_id = hashlib.sha256(f"{order.out_trade_no}/{trade_status}".encode()).hexdigest()[:34]
    now = _now()
    params = {
        "gmt_create": now,
        "charset": charset,
        "seller_email": "merchant@example.com",
        "subject": order.subject,
        "buyer_id": "2088102177846880",
        "invoice_amount": amount,
        "notify_id": notify_id,
        "fund_bill_list": json.dumps([{"amount": amount, "fundChannel": "ALIPAYACCOUNT"}]),
        "notify_type": "trade_status_sync",
        "trade_status": trade_status,
        "receipt_amount": amount,
        "app_id": settings.ALIPAY_NOTIFY["APP_ID"],
        "buyer_pay_amount": amount,
        "seller_id": "2088101122136241",
        "gmt_payment": now,
        "notify_time": now,
        "version": "1.0",
        "out_trade_no": order.out_trade_no,
        "total_amount": amount,
        "trade_no": "2024" + notify_id[:24],
        "auth_app_id": settings.ALIPAY_NOTIFY["APP_ID"],
        "buyer_logon_id": "159****1234",
        "point_amount": "0.00",
    }
    return alipay_notify.signed_form(params, _demo_key()).encode("ascii")


def simulated_return_query(order: Order) -> str:
    """The query string of the buyer's redirect to return_url after paying."""
    params = {
        "charset": "utf-8",
        "out_trade_no": order.out_trade_no,
        "method": "alipay.trade.page.pay.return",
        "total_amount": str(order.total_amount),
        "trade_no": "2024" + order.out_trade_no,
        "auth_app_id": settings.ALIPAY_NOTIFY["APP_ID"],
        "version": "1.0",
        "app_id": settings.ALIPAY_NOTIFY["APP_ID"],
        "seller_id": "2088101122136241",
        "timestamp": _now(),
    }
    return alipay_notify.signed_form(params, _demo_key())


def post_notification(url: str, body: bytes, timeout: float = 10) -> str:
    """POSTs a notification body as Alipay does; returns the merchant's reply."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return str(response.read().decode("utf-8", "replace"))
