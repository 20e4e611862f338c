"""Django integration: the notify_url view, the return_url helper, settings.

settings.py::

    INSTALLED_APPS = [..., "alipay_notify.django"]   # manage.py check reports ALIPAY_NOTIFY
    ALIPAY_NOTIFY = {
        "ALIPAY_PUBLIC_KEY_FILE": "/etc/shop/alipay_public_key.txt",   # 支付宝公钥
        "APP_ID": "2021000000000000",
        "NOTIFY_ID_STORE": "alipay_notify.django.CacheNotifyIdStore",  # optional
    }

views.py::

    from alipay_notify.django import alipay_notify_view

    @alipay_notify_view
    def alipay_notify(request, notification):   # or (request, notification, is_retry=False)
        ...  # return: "success"; raise: "fail"

The Verifier is built on first use; the system check (ids ``alipay_notify.E001`` to
``E005``) reports a missing key file or a wrong key without stopping other commands.

urls.py::

    path("alipay/notify/", views.alipay_notify)
"""

from __future__ import annotations

from .apply import Outcome, apply_once
from .conf import (
    KEYS,
    LedgerSettings,
    build_ledger,
    build_store,
    build_verifier,
    check,
    get_ledger,
    get_store,
    get_verifier,
)
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
    "LedgerSettings",
    "get_ledger",
    "build_ledger",
    "apply_once",
    "Outcome",
]
