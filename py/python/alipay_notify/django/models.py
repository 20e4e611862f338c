"""The notification ledger (docs/ledger.md §1) as a Django model: one row per delivery, the
table ``alipay_notify_ledger`` with the columns, types and constraint names of the hand-made
table, so that a PHP or Node shop and this one can share it."""

from __future__ import annotations

import datetime
from typing import Any, Optional

import django
from django.db import models
from django.db.models.functions import Now

# Database defaults (Django 5.0+) make the table the same as the hand-made one for writers
# that leave a column out (another language's ledger); on older Django the model fills them.
_DB_DEFAULTS = django.VERSION >= (5, 0)


def _db_default(value: Any) -> dict[str, Any]:
    return {"db_default": value} if _DB_DEFAULTS else {}


class UtcNow(Now):
    """The database's clock as each hand-made table of docs/ledger.md defaults to it:
    ``now()`` on PostgreSQL, ISO 8601 UTC text on SQLite."""

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return "now()", []

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # Percent signs doubled: Django formats the SQL once (DDL and queries alike).
        return "STRFTIME('%%Y-%%m-%%dT%%H:%%M:%%fZ', 'now')", []


class ReceivedAtField(models.DateTimeField):  # type: ignore[type-arg]
    """``received_at``: on SQLite a TEXT column holding ISO 8601 UTC with milliseconds
    (``2024-01-02T02:20:30.250Z``), as docs/ledger.md and the other languages write it, so
    that rows of every writer sort together. Elsewhere an ordinary timestamp column."""

    def db_type(self, connection: Any) -> Any:
        if connection.vendor == "sqlite":
            return "text"
        return super().db_type(connection)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        if connection.vendor == "sqlite" and isinstance(value, datetime.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(datetime.timezone.utc)
            return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
        return super().get_db_prep_value(value, connection, prepared)


class Sha256Field(models.CharField):  # type: ignore[type-arg]
    """``body_sha256``: CHAR(64) where the database has a fixed-length type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 64
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def db_type(self, connection: Any) -> Any:
        if connection.vendor in ("postgresql", "mysql"):
            return "char(64)"
        return super().db_type(connection)


class LedgerEntry(models.Model):
    """One delivery: a notification received (verified or not) or a reconciliation answer
    acted on. Inserted, updated once inside the transaction that inserted it, never edited."""

    VERIFIED, REJECTED = "verified", "rejected"

    id: models.BigAutoField[int, int] = models.BigAutoField(primary_key=True)
    received_at: ReceivedAtField = ReceivedAtField(**_db_default(UtcNow()))
    source: models.CharField[str, str] = models.CharField(max_length=16)
    # NOT NULL on purpose: a null app_id would let a second row with the same transition in.
    app_id: models.CharField[str, str] = models.CharField(
        max_length=32, default="", blank=True, **_db_default("")
    )
    notify_id: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=128, null=True, blank=True
    )
    notify_type: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    out_trade_no: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    trade_no: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    out_biz_no: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    trade_status: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=32, null=True, blank=True
    )
    total_amount_fen: models.BigIntegerField[Optional[int], Optional[int]] = models.BigIntegerField(
        null=True, blank=True
    )
    receipt_amount_fen: models.BigIntegerField[Optional[int], Optional[int]] = (
        models.BigIntegerField(null=True, blank=True)
    )
    buyer_pay_amount_fen: models.BigIntegerField[Optional[int], Optional[int]] = (
        models.BigIntegerField(null=True, blank=True)
    )
    refund_fee_fen: models.BigIntegerField[Optional[int], Optional[int]] = models.BigIntegerField(
        null=True, blank=True
    )
    verdict: models.CharField[str, str] = models.CharField(max_length=16)
    error_name: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    rule: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=8, null=True, blank=True
    )
    sign_type: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=8, null=True, blank=True
    )
    key_fingerprint: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=64, null=True, blank=True
    )
    body_sha256: Sha256Field = Sha256Field()
    raw_body: models.BinaryField[Optional[bytes], Optional[bytes]] = models.BinaryField(
        null=True, blank=True
    )
    transition: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=80, null=True, blank=True
    )
    changed_order: models.BooleanField[bool, bool] = models.BooleanField(
        default=False, **_db_default(False)
    )
    reply: models.CharField[Optional[str], Optional[str]] = models.CharField(
        max_length=8, null=True, blank=True
    )

    class Meta:
        db_table = "alipay_notify_ledger"
        verbose_name = "ledger entry"
        verbose_name_plural = "ledger"
        ordering = ["-id"]
        constraints = [
            # Null never equals null in a unique index: every duplicate is recorded (transition
            # null) while at most one row per transition exists.
            models.UniqueConstraint(
                fields=["app_id", "out_trade_no", "transition"],
                name="alipay_notify_ledger_apply_once",
            )
        ]
        indexes = [
            models.Index(fields=["out_trade_no"], name="alipay_notify_ledger_order"),
            models.Index(fields=["notify_id"], name="alipay_notify_ledger_notify_id"),
            models.Index(fields=["received_at"], name="alipay_notify_ledger_received"),
        ]

    def __str__(self) -> str:
        what = self.transition or ("duplicate" if self.verdict == self.VERIFIED else "")
        return f"#{self.pk} {self.source} {self.out_trade_no or '-'} {self.verdict} {what}".strip()
