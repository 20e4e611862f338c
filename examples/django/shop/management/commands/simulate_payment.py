"""``manage.py simulate_payment OUT_TRADE_NO --url http://127.0.0.1:8000/alipay/notify/``:
plays Alipay and POSTs a signed notification for an order to a running server."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shop import payments
from shop.models import Order


class Command(BaseCommand):
    help = "POST a notification signed with the demo stand-in for Alipay's key to a notify_url."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out_trade_no")
        parser.add_argument("--url", default="http://127.0.0.1:8000/alipay/notify/")
        parser.add_argument("--status", default="TRADE_SUCCESS", help="trade_status to send")
        parser.add_argument("--amount", help="total_amount to send (default: the order's)")
        parser.add_argument("--charset", default="utf-8", choices=["utf-8", "GBK"])
        parser.add_argument("--tamper", action="store_true", help="change a byte after signing")

    def handle(self, *args: Any, **options: Any) -> None:
        if not payments.demo_enabled():
            raise CommandError("SHOP_DEMO_ALIPAY_PRIVATE_KEY_FILE is not set")
        try:
            order = Order.objects.get(out_trade_no=options["out_trade_no"])
        except Order.DoesNotExist:
            raise CommandError(f"no order {options['out_trade_no']}") from None
        body = payments.simulated_notification(
            order, options["status"], options["amount"], options["charset"]
        )
        if options["tamper"]:
            body = body.replace(b"notify_type=trade_status_sync", b"notify_type=trade_status_synd")
        self.stdout.write(payments.post_notification(options["url"], body))
