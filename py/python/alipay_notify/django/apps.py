"""``INSTALLED_APPS = [..., "alipay_notify.django"]``: adds the system check of
``ALIPAY_NOTIFY``; the Verifier itself is built on first use."""

from __future__ import annotations

from django.apps import AppConfig


class AlipayNotifyConfig(AppConfig):
    name = "alipay_notify.django"
    label = "alipay_notify"
    verbose_name = "Alipay notifications"

    def ready(self) -> None:
        # A check, not a build: every command would otherwise need the key files, even
        # collectstatic in an image built without secrets.
        from django.core import checks

        from .checks import check_settings

        checks.register(check_settings, "alipay_notify")
