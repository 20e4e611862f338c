from django.db import models


class Order(models.Model):
    PENDING, PAID, CLOSED = "pending", "paid", "closed"
    STATUSES = [(PENDING, "waiting for payment"), (PAID, "paid"), (CLOSED, "closed")]

    out_trade_no = models.CharField(max_length=64, unique=True)
    subject = models.CharField(max_length=256)
    # Money is Decimal, never float: check_order compares it exactly with Alipay's amount.
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING)
    trade_no = models.CharField(max_length=64, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.out_trade_no} {self.total_amount} {self.status}"


class AlipayNotification(models.Model):
    """Each handled notification once. The unique notify_id is the idempotency guard: Alipay
    resends a notification (same notify_id) until it gets "success", and two copies can
    arrive at the same time."""

    notify_id = models.CharField(max_length=128, unique=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="notifications")
    trade_status = models.CharField(max_length=32)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2)
    received_at = models.DateTimeField(auto_now_add=True)
