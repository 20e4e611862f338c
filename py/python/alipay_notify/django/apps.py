"""``INSTALLED_APPS = [..., "alipay_notify.django"]``: checks ``ALIPAY_NOTIFY`` at startup."""

from __future__ import annotations

from django.apps import AppConfig


class AlipayNotifyConfig(AppConfig):
    name = "alipay_notify.django"
    label = "alipay_notify"
    verbose_name = "Alipay notifications"

    def ready(self) -> None:
        # A wrong key or option raises ImproperlyConfigured now, when the server starts,
        # instead of turning every notification into "fail".
        from .conf import check

        check()
