from django.contrib import admin

from .models import Order, OrderChange


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["out_trade_no", "total_amount", "status", "refunded_amount", "created_at"]
    list_filter = ["status"]
    search_fields = ["out_trade_no", "trade_no"]


admin.site.register(OrderChange)
