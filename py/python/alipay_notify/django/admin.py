"""The ledger in Django's admin, read-only: it is the audit trail of payments, and an edited
row would no longer be evidence."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import LedgerEntry


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "id",
        "received_at",
        "source",
        "out_trade_no",
        "trade_status",
        "transition",
        "changed_order",
        "verdict",
        "error_name",
        "reply",
    ]
    list_filter = ["verdict", "source", "changed_order"]
    search_fields = ["out_trade_no", "notify_id", "trade_no"]
    # The body may hold buyer data and is not shown; its digest identifies it.
    exclude = ["raw_body"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
