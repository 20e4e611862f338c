"""``python manage.py alipay_reconcile --older-than 15m [--dry-run]``: asks Alipay about the
orders still unpaid after that long (掉单: the notification never came) and applies the paid
ones once, through the ledger, as the notify view would have.

Exit codes: 0 every pending order was answered (fixed, already applied, still unpaid or
unknown to Alipay); 1 at least one query or order change failed (run it again later; what
succeeded stays applied); 2 a usage or settings error, nothing was asked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...reconcile import parse_age, reconcile_pending


class Command(BaseCommand):
    help = (
        "Asks Alipay (alipay.trade.query) about the orders still unpaid after --older-than "
        "and applies the paid answers once, through the ledger."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            default="15m",
            help="how old a pending order must be: 90s, 15m (default), 2h, 1d",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="ask Alipay and report, change nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            age = parse_age(options["older_than"])
        except ValueError as error:
            raise CommandError(f"--older-than: {error}", returncode=2) from None
        try:
            report = reconcile_pending(age, dry_run=options["dry_run"])
        except ImproperlyConfigured as error:
            raise CommandError(str(error), returncode=2) from None
        for out_trade_no, outcome, detail in report.lines:
            line = f"{out_trade_no}: {outcome}" + (f" ({detail})" if detail else "")
            style = self.style.ERROR if outcome == "failed" else self.style.SUCCESS
            self.stdout.write(style(line) if outcome in ("failed", "fixed") else line)
        counts = ", ".join(
            f"{report.count(name)} {name}"
            for name in ("fixed", "would-fix", "already", "unpaid", "not-found", "failed")
        )
        self.stdout.write(f"alipay_reconcile: {len(report.lines)} pending: {counts}")
        if report.failed:
            raise CommandError(f"{report.failed} order(s) could not be reconciled", returncode=1)
