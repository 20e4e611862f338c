"""The system check of ``ALIPAY_NOTIFY``: ``manage.py check`` (and ``runserver``, ``migrate``)
report a missing key file or a wrong key by id, while commands that never verify
(``collectstatic``) run without the keys."""

from __future__ import annotations

from typing import Any

from django.core import checks

from . import conf

#: What to do about each error, by id.
HINTS: dict[str, str] = {
    conf.NOT_SET: "Add ALIPAY_NOTIFY = {'ALIPAY_PUBLIC_KEY_FILE': ..., 'APP_ID': ...} to settings.",
    conf.INVALID: "The keys are listed in alipay_notify.django.KEYS.",
    conf.UNREADABLE: "Check the path, and that the server's user may read the file.",
    conf.REFUSED: "The error name says what was refused; the key must be Alipay's public key "
    "(支付宝公钥) from the console, not your app's.",
    conf.BAD_STORE: "Use alipay_notify.django.CacheNotifyIdStore, or an object with "
    "seen(notify_id) and remember(notify_id).",
    conf.BAD_LEDGER: "LEDGER and KEEP_RAW_BODY are True or False; LEDGER_DATABASE is the alias "
    "of the database holding your orders.",
}


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Builds the Verifier and the store from the settings, as the first notification will."""
    return [
        checks.Error(str(problem), hint=HINTS.get(problem.check_id), id=problem.check_id)
        for problem in conf.problems()
    ]
