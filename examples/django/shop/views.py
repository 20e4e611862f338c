"""The merchant's pages: checkout, order, and the two URLs Alipay calls back."""

from __future__ import annotations

import logging
import secrets
from decimal import Decimal, InvalidOperation

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from alipay_notify import AlipayNotifyError, Notification
from alipay_notify.django import alipay_notify_view, verify_return

from . import payments
from .models import Order

logger = logging.getLogger(__name__)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    orders = Order.objects.order_by("-created_at")[:20]
    return render(request, "shop/index.html", {"orders": orders})


@require_POST
def checkout(request: HttpRequest) -> HttpResponse:
    try:
        amount = Decimal(request.POST.get("total_amount", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        amount = Decimal("0")
    if not Decimal("0.01") <= amount <= Decimal("100000"):
        error = "Enter an amount from 0.01 to 100000."
        return render(request, "shop/index.html", {"error": error}, status=400)
    order = Order.objects.create(
        out_trade_no=timezone.now().strftime("%Y%m%d") + secrets.token_hex(6).upper(),
        subject=request.POST.get("subject") or "测试商品",
        total_amount=amount,
    )
    return redirect("order", out_trade_no=order.out_trade_no)


@require_GET
def order_detail(request: HttpRequest, out_trade_no: str) -> HttpResponse:
    order = get_object_or_404(Order, out_trade_no=out_trade_no)
    pay_url = payments.payment_url(
        order,
        notify_url=request.build_absolute_uri(reverse("alipay-notify")),
        return_url=request.build_absolute_uri(reverse("alipay-return")),
    )
    return render(
        request,
        "shop/order.html",
        {"order": order, "pay_url": pay_url, "demo": payments.demo_enabled()},
    )


@require_POST
def simulate_payment(request: HttpRequest, out_trade_no: str) -> HttpResponse:
    """Demo only: plays Alipay. POSTs a signed notification to our own notify_url over HTTP,
    then sends the browser to return_url as Alipay would."""
    if not payments.demo_enabled():
        raise Http404
    order = get_object_or_404(Order, out_trade_no=out_trade_no)
    body = payments.simulated_notification(order)
    reply = payments.post_notification(request.build_absolute_uri(reverse("alipay-notify")), body)
    logger.info("simulated notification for %s: the notify view answered %r", out_trade_no, reply)
    return redirect(reverse("alipay-return") + "?" + payments.simulated_return_query(order))


# notify_url: the only place, with alipay_reconcile, that decides an order is paid.
@alipay_notify_view
def alipay_notify(request: HttpRequest, notification: Notification, transition: str) -> None:
    """Called with a verified notification; returning answers "success", raising "fail".

    With "LEDGER": True in settings.ALIPAY_NOTIFY, this runs once per transition (PAID,
    CLOSED, REFUND:<out_biz_no>) whatever the retries and the parallel duplicates, inside the
    ledger's transaction: raising rolls back the order change and the ledger's claim together.
    Duplicates and WAIT_BUYER_PAY are recorded and answered without calling it.
    """
    order = Order.objects.select_for_update().get(out_trade_no=notification.out_trade_no)
    # The second check Alipay requires: our order, our amount (Decimal, exact).
    notification.check_order(order.out_trade_no, order.total_amount)
    payments.apply_transition(
        order,
        transition,
        source="notify",
        trade_no=notification.trade_no or "",
        paid_at=notification.gmt_payment,
        refunded=notification.refund_fee,
    )


# return_url: the buyer's browser comes back. For display only: never mark an order paid
# here (the redirect can be lost or replayed, and it carries no trade_status).
@require_GET
def alipay_return(request: HttpRequest) -> HttpResponse:
    try:
        notification = verify_return(request)
    except AlipayNotifyError as error:
        logger.warning("return_url rejected: %s", error.name)
        return render(request, "shop/return.html", {"error": error.name}, status=400)
    order = Order.objects.filter(out_trade_no=notification.out_trade_no).first()
    return render(request, "shop/return.html", {"order": order, "notification": notification})
