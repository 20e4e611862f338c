"""The notify-id store (the retry hint) on Django's Redis cache backend, against a real
redis-server (REDIS_URL: scripts/test-py.sh starts one with scripts/services.sh), shared by
separate processes as by the workers of one shop."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import RequestFactory

from alipay_notify import Notification
from alipay_notify.django import CacheNotifyIdStore, alipay_notify_view
from conftest import EXAMPLE
from ledger_bodies import order_of, paid, refund

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"

STORE = """
import sys
import django
django.setup()
from alipay_notify.django import CacheNotifyIdStore
store = CacheNotifyIdStore("redis")
if sys.argv[1] == "remember":
    store.remember(sys.argv[2])
print(store.seen(sys.argv[2]))
"""


def redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.fail(
            "REDIS_URL is not set: run scripts/test-py.sh, which starts redis-server "
            "(scripts/services.sh redis_start) for this test"
        )
    return url


def in_another_process(*args: str) -> str:
    settings = (
        "from merchant.settings import *\n"
        f"CACHES = {{'default': CACHES['default'], 'redis': {{'BACKEND': "
        f"'django.core.cache.backends.redis.RedisCache', 'LOCATION': {redis_url()!r}}}}}\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "redis_settings"}
    directory = os.environ["ALIPAY_NOTIFY_REDIS_SETTINGS_DIR"]
    with open(os.path.join(directory, "redis_settings.py"), "w") as file:
        file.write(settings)
    env["PYTHONPATH"] = os.pathsep.join([directory, str(EXAMPLE), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", STORE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def redis_cache(settings: Any, tmp_path: Any, monkeypatch: Any) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
        },
    }
    monkeypatch.setenv("ALIPAY_NOTIFY_REDIS_SETTINGS_DIR", str(tmp_path))
    from django.core.cache import caches

    caches["redis"].clear()


@pytest.mark.parametrize("is_async", [False, True])
def test_the_retry_hint_is_shared_across_processes(redis_cache: None, is_async: bool) -> None:
    order = order_of(f"T-REDIS-{int(is_async)}")
    order.save()
    body = paid(order)
    seen: list[bool] = []

    if is_async:
        from asgiref.sync import async_to_sync

        @alipay_notify_view(store=CacheNotifyIdStore("redis"))
        async def ahandler(
            request: HttpRequest, notification: Notification, is_retry: bool
        ) -> None:
            seen.append(is_retry)

        view = async_to_sync(ahandler)
    else:

        @alipay_notify_view(store=CacheNotifyIdStore("redis"))
        def view(request: HttpRequest, notification: Notification, is_retry: bool) -> None:
            seen.append(is_retry)

    first, second = body, refund(order, "RF1", "1.00")
    # Another process (another worker) has not seen it; this one handles it and remembers.
    assert in_another_process("seen", _notify_id(first)) == "False"
    assert view(RequestFactory().post("/n/", first, content_type=FORM)).content == b"success"
    assert in_another_process("seen", _notify_id(first)) == "True"
    # Remembered by another process: the delivery here is flagged as a retry.
    assert in_another_process("remember", _notify_id(second)) == "True"
    assert view(RequestFactory().post("/n/", second, content_type=FORM)).content == b"success"
    assert seen == [False, True]


def _notify_id(body: bytes) -> str:
    from urllib.parse import parse_qs

    return parse_qs(body.decode("ascii"))["notify_id"][0]
