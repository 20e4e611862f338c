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
    # What Alipay says was refunded so far (refund_fee is a running total).
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.out_trade_no} {self.total_amount} {self.status}"


class OrderChange(models.Model):
    """Each time the shop's code changed an order because of Alipay: written by the handler,
    inside the ledger's transaction. The ledger guarantees one per transition; this table is
    the shop's own record of it (and what the tests count)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="changes")
    transition = models.CharField(max_length=80)
    source = models.CharField(max_length=16)  # notify or query
    changed_at = models.DateTimeField(auto_now_add=True)
