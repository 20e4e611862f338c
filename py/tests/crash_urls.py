"""The example shop whose notify handler kills its worker process in the middle of the
ledger's transaction, once (when the file named by CRASH_MARKER exists): the crash of
docs/ledger.md §4, for test_server_ledger.py."""

from __future__ import annotations

import os
from typing import Any

from django.urls import path

from alipay_notify.django import alipay_notify_view
from merchant.urls import urlpatterns as shop_urlpatterns
from shop import views


@alipay_notify_view
def crashing_notify(request: Any, notification: Any, transition: str) -> None:
    # The shop's own handler (functools.wraps keeps it): the order change is written...
    views.alipay_notify.__wrapped__(request, notification, transition)  # type: ignore[attr-defined]
    marker = os.environ["CRASH_MARKER"]
    if os.path.exists(marker):
        os.remove(marker)
        os._exit(17)  # ...and the process dies before the commit, as in a power cut


urlpatterns = [path("alipay/notify/", crashing_notify, name="alipay-notify"), *shop_urlpatterns]
