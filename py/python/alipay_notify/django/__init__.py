"""Django integration: the notify_url view, the return_url helper, settings.

settings.py::

    INSTALLED_APPS = [..., "alipay_notify.django"]   # checks ALIPAY_NOTIFY at startup
    ALIPAY_NOTIFY = {
        "ALIPAY_PUBLIC_KEY_FILE": "/etc/shop/alipay_public_key.txt",   # 支付宝公钥
        "APP_ID": "2021000000000000",
    }

views.py::

    from alipay_notify.django import alipay_notify_view

    @alipay_notify_view
    def alipay_notify(request, notification):
        ...  # return: "success"; raise: "fail"

urls.py::

    path("alipay/notify/", views.alipay_notify)
"""

from __future__ import annotations

from .conf import KEYS, build_store, build_verifier, check, get_store, get_verifier
from .stores import CacheNotifyIdStore, NotifyIdStore
from .views import (
    NotifyView,
    ahandle_notify,
    alipay_notify_view,
    fail_response,
    handle_notify,
    success_response,
    verify_return,
)

__all__ = [
    "alipay_notify_view",
    "NotifyView",
    "handle_notify",
    "ahandle_notify",
    "verify_return",
    "success_response",
    "fail_response",
    "get_verifier",
    "get_store",
    "build_verifier",
    "build_store",
    "check",
    "KEYS",
    "NotifyIdStore",
    "CacheNotifyIdStore",
]
