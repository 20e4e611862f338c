from django.contrib import admin
from django.urls import path

from shop import views

urlpatterns = [
    path("", views.index, name="index"),
    path("checkout/", views.checkout, name="checkout"),
    path("orders/<str:out_trade_no>/", views.order_detail, name="order"),
    path("orders/<str:out_trade_no>/simulate/", views.simulate_payment, name="simulate"),
    # The two URLs given to Alipay with each payment request.
    path("alipay/notify/", views.alipay_notify, name="alipay-notify"),
    path("alipay/return/", views.alipay_return, name="alipay-return"),
    # The ledger (read-only) and the orders: `manage.py createsuperuser` first.
    path("admin/", admin.site.urls),
]
