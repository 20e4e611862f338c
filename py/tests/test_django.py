"""The Django integration, through the example merchant app (examples/django) and Django's
test client: the notify view, retries, idempotency, return_url, settings checks."""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, QueryDict
from django.test import Client, RequestFactory
from django.urls import reverse

import alipay_notify
from alipay_notify import Notification, Verifier, exceptions
from alipay_notify.django import (
    CacheNotifyIdStore,
    NotifyView,
    alipay_notify_view,
    build_store,
    build_verifier,
    check,
    get_verifier,
    verify_return,
)
from alipay_notify.django.models import LedgerEntry
from conftest import EXAMPLE, notification_params
from shop import payments
from shop.models import Order, OrderChange

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
DEMO_PUBLIC_KEY = (EXAMPLE / "demo_keys" / "alipay_public_key.txt").read_text()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def without_ledger(settings: Any) -> None:
    """The handler API as it was before the ledger: called for every verified delivery."""
    settings.ALIPAY_NOTIFY = {**settings.ALIPAY_NOTIFY, "LEDGER": False}


@pytest.fixture
def order() -> Order:
    return Order.objects.create(
        out_trade_no="T1001", subject="测试商品", total_amount=Decimal("88.00")
    )


def notify(client: Client, body: bytes) -> Any:
    return client.post(reverse("alipay-notify"), data=body, content_type=FORM)


def test_a_verified_payment_marks_the_order_paid(client: Client, order: Order) -> None:
    response = notify(client, payments.simulated_notification(order))
    assert response.status_code == 200
    assert response.content == b"success"
    assert response["Content-Type"] == "text/plain"
    order.refresh_from_db()
    assert order.status == Order.PAID and order.trade_no and order.paid_at is not None
    assert order.changes.get().transition == "PAID"
    row = LedgerEntry.objects.get()
    assert (row.transition, row.changed_order, row.reply) == ("PAID", True, "success")
    assert (row.trade_status, row.total_amount_fen, row.source) == ("TRADE_SUCCESS", 8800, "notify")


def test_retries_are_idempotent_and_flagged(client: Client, order: Order, caplog: Any) -> None:
    body = payments.simulated_notification(order)
    caplog.set_level(logging.INFO, logger="alipay_notify")
    caplog.set_level(logging.INFO, logger="shop.views")
    for _ in range(3):
        assert notify(client, body).content == b"success"
    assert OrderChange.objects.count() == 1
    rows = LedgerEntry.objects.order_by("id")
    assert [(r.transition, r.changed_order, r.reply) for r in rows] == [
        ("PAID", True, "success"),
        (None, False, "success"),
        (None, False, "success"),
    ]
    assert sum("(retry)" in r.getMessage() for r in caplog.records) == 2
    assert sum("duplicate recorded" in r.getMessage() for r in caplog.records) == 2


def test_rejections_answer_fail_and_log_the_error_name(
    client: Client, order: Order, caplog: Any
) -> None:
    body = payments.simulated_notification(order)
    cases = {
        b"INVALID_SIGNATURE": body.replace(b"TRADE_SUCCESS", b"TRADE_FINISHED"),
        b"MISSING_SIGNATURE": body.split(b"&sign=")[0],
        b"AMOUNT_MISMATCH": payments.simulated_notification(order, total_amount="0.01"),
        b"MALFORMED_INPUT": b'{"out_trade_no": "T1001"}',
    }
    for name, message in cases.items():
        caplog.clear()
        response = notify(client, message)
        assert (response.status_code, response.content) == (200, b"fail")
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert name.decode() in logged
        assert DEMO_PUBLIC_KEY[:40] not in logged and "PRIVATE" not in logged
    order.refresh_from_db()
    assert order.status == Order.PENDING and not OrderChange.objects.exists()
    # Each refusal is in the ledger: nothing the unverified body claims, only its digest.
    rows = LedgerEntry.objects.order_by("id")
    assert [(r.verdict, r.error_name, r.reply, r.transition) for r in rows] == [
        ("rejected", "INVALID_SIGNATURE", "fail", None),
        ("rejected", "MISSING_SIGNATURE", "fail", None),
        ("verified", "AMOUNT_MISMATCH", "fail", None),  # check_order in the handler
        ("rejected", "MALFORMED_INPUT", "fail", None),
    ]
    assert rows[0].out_trade_no is None and len(rows[0].body_sha256) == 64


def test_a_handler_error_answers_fail(client: Client, caplog: Any) -> None:
    ghost = Order(out_trade_no="NO-SUCH-ORDER", subject="x", total_amount=Decimal("1.00"))
    response = notify(client, payments.simulated_notification(ghost))
    assert response.content == b"fail"
    assert any("handler failed" in r.getMessage() and r.exc_info for r in caplog.records)
    row = LedgerEntry.objects.get()
    assert (row.error_name, row.reply, row.transition) == ("DoesNotExist", "fail", None)


def test_post_only_and_csrf_exempt(order: Order) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert notify(strict, payments.simulated_notification(order)).content == b"success"
    assert strict.get(reverse("alipay-notify")).status_code == 405
    assert strict.put(reverse("alipay-notify"), b"").status_code == 405


def test_gbk_notification(client: Client) -> None:
    order = Order.objects.create(
        out_trade_no="T-GBK", subject="测试商品：中文", total_amount=Decimal("8.80")
    )
    body = payments.simulated_notification(order, charset="GBK")
    assert "测试".encode("gbk") not in body and b"%B2%E2%CA%D4" in body
    assert notify(client, body).content == b"success"
    order.refresh_from_db()
    assert order.status == Order.PAID
    # Raw GBK bytes, as some gateways forward them, verify over the same bytes.
    order2 = Order.objects.create(
        out_trade_no="T-GBK2", subject="测试", total_amount=Decimal("1.00")
    )
    raw = payments.simulated_notification(order2, charset="GBK").replace(
        b"%B2%E2%CA%D4", "测试".encode("gbk")
    )
    assert notify(client, raw).content == b"success"


def test_query_dict_with_a_duplicated_name_is_refused(order: Order) -> None:
    verifier = get_verifier()
    body = payments.simulated_notification(order).decode()
    # request.POST of the same body: one value per name, so it verifies (UTF-8 only).
    assert verifier.verify_notify(QueryDict(body))["out_trade_no"] == "T1001"
    merged = QueryDict(body + "&out_trade_no=T9999")  # query and body merged by a router
    assert merged["out_trade_no"] == "T9999"  # what a flattening reader would see
    with pytest.raises(exceptions.DuplicateParameter, match="out_trade_no"):
        verifier.verify_notify(merged)
    with pytest.raises(exceptions.DuplicateParameter):
        verifier.verify_notify(QueryDict("a=1&a=2&sign=x"))


def test_return_url_verifies_the_raw_query_string(client: Client, order: Order) -> None:
    query = payments.simulated_return_query(order)
    response = client.get(reverse("alipay-return") + "?" + query)
    assert response.status_code == 200
    assert "waiting for Alipay" in response.content.decode()
    order.status = Order.PAID
    order.save()
    assert 'id="status">paid' in client.get(reverse("alipay-return") + "?" + query).content.decode()
    tampered = query.replace("total_amount=88.00", "total_amount=0.01")
    response = client.get(reverse("alipay-return") + "?" + tampered)
    assert response.status_code == 400 and "INVALID_SIGNATURE" in response.content.decode()
    # The helper reads META["QUERY_STRING"], so encoded bytes reach the core unchanged.
    request = RequestFactory().get("/alipay/return/?" + query)
    n = verify_return(request)
    assert n.kind == "return" and n.total_amount == Decimal("88.00")


def test_checkout_and_order_pages(client: Client) -> None:
    assert client.get(reverse("index")).status_code == 200
    response = client.post(reverse("checkout"), {"subject": "书", "total_amount": "12.5"})
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.total_amount == Decimal("12.50") and response["Location"].endswith(
        f"/orders/{order.out_trade_no}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "¥12.50" in page and "Simulate" in page
    # The Pay link is a gateway request signed with the app private key (rule v2).
    pay_url = client.get(response["Location"]).context["pay_url"]
    assert "method=alipay.trade.page.pay" in pay_url and "&sign=" in pay_url
    assert client.post(reverse("checkout"), {"total_amount": "-1"}).status_code == 400


def test_simulate_button_posts_over_http(client: Client, order: Order, monkeypatch: Any) -> None:
    sent: list[bytes] = []

    def post(url: str, body: bytes, timeout: float = 10) -> str:
        sent.append(body)
        return notify(client, body).content.decode()

    monkeypatch.setattr(payments, "post_notification", post)
    response = client.post(reverse("simulate", args=[order.out_trade_no]))
    assert response.status_code == 302 and "/alipay/return/?" in response["Location"]
    assert len(sent) == 1
    order.refresh_from_db()
    assert order.status == Order.PAID


def test_decorator_and_class_based_view_with_explicit_verifier(
    order: Order, without_ledger: None
) -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    verifier = Verifier(DEMO_PUBLIC_KEY)

    @alipay_notify_view(verifier=verifier)
    def plain(request: HttpRequest, notification: Notification, **kwargs: Any) -> None:
        calls.append((notification["out_trade_no"], kwargs))

    class Stored(NotifyView):
        store = CacheNotifyIdStore()

        def handle(self, request: HttpRequest, notification: Notification, **kwargs: Any) -> None:
            calls.append((notification["out_trade_no"], kwargs))

    Stored.verifier = verifier
    body = payments.simulated_notification(order)
    factory = RequestFactory()
    assert plain(factory.post("/n/", body, content_type=FORM), shop="a").content == b"success"
    view = Stored.as_view()
    assert view(factory.post("/n/", body, content_type=FORM)).content == b"success"
    assert view(factory.post("/n/", body, content_type=FORM)).content == b"success"
    assert view(factory.get("/n/")).status_code == 405
    assert calls == [
        ("T1001", {"shop": "a"}),  # no store: no is_retry
        ("T1001", {"is_retry": False}),
        ("T1001", {"is_retry": True}),
    ]
    assert getattr(plain, "csrf_exempt", False) and getattr(view, "csrf_exempt", False)


def test_settings_are_checked(settings: Any, tmp_path: Any) -> None:
    good = {"ALIPAY_PUBLIC_KEY": DEMO_PUBLIC_KEY, "APP_ID": "2021000000000000"}
    assert isinstance(build_verifier(good), Verifier)
    key_file = tmp_path / "key.txt"
    key_file.write_text(DEMO_PUBLIC_KEY)
    v = build_verifier(
        {"ALIPAY_PUBLIC_KEY_FILE": [str(key_file)], "SIGN_TYPES": "RSA2", "SELLER_ID": "2088"}
    )
    assert v.sign_types == ["RSA2"]
    bad: list[tuple[Any, str]] = [
        ({**good, "app_id": "x"}, "unknown key 'app_id'"),
        ({**good, "PUBLIC_KEY": "x"}, "unknown key 'PUBLIC_KEY'"),
        ({"APP_ID": "2021"}, "ALIPAY_PUBLIC_KEY"),
        ({"ALIPAY_PUBLIC_KEY": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"}, "INVALID_KEY"),
        ({"ALIPAY_PUBLIC_KEY_FILE": str(tmp_path / "missing.txt")}, "cannot read"),
        ({**good, "RULE": "v3"}, "INVALID_CONFIG"),
        ({**good, "MAX_SIZE": "big"}, "MAX_SIZE must be an int"),
        ({**good, "MAX_SIZE": -1}, "INVALID_CONFIG: option MAX_SIZE must not be negative"),
        ({**good, "SIGN_TYPES": [1]}, "SIGN_TYPES must hold str"),
        ("not a dict", "must be a dict"),
    ]
    for config, message in bad:
        with pytest.raises(ImproperlyConfigured, match=message) as caught:
            build_verifier(config)
        assert DEMO_PUBLIC_KEY[:40] not in str(caught.value)
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_ID_STORE"):
        build_store({"NOTIFY_ID_STORE": "no.such.Store"})
    with pytest.raises(ImproperlyConfigured, match="seen"):
        build_store({"NOTIFY_ID_STORE": object()})
    assert isinstance(build_store({"NOTIFY_ID_STORE": CacheNotifyIdStore}), CacheNotifyIdStore)
    # Changing the setting rebuilds the verifier; check() is what the app's ready() runs.
    settings.ALIPAY_NOTIFY = {**good, "RULE": "v3"}
    with pytest.raises(ImproperlyConfigured, match="INVALID_CONFIG"):
        check()
    del settings.ALIPAY_NOTIFY
    with pytest.raises(ImproperlyConfigured, match="ALIPAY_NOTIFY is not set"):
        get_verifier()


def test_library_works_without_the_app(alipay_public_key: str, alipay_private_key: str) -> None:
    body = alipay_notify.signed_form(notification_params(), alipay_private_key)
    assert Verifier(alipay_public_key).verify_notify(QueryDict(body)).is_paid


def test_async_handler_gives_an_async_view(order: Order, without_ledger: None) -> None:
    import asyncio

    seen: list[tuple[str, bool]] = []

    @alipay_notify_view(verifier=Verifier(DEMO_PUBLIC_KEY), store=CacheNotifyIdStore())
    async def handler(request: HttpRequest, notification: Notification, is_retry: bool) -> None:
        await asyncio.sleep(0)
        seen.append((notification["out_trade_no"], is_retry))

    @alipay_notify_view(verifier=Verifier(DEMO_PUBLIC_KEY))
    async def failing(request: HttpRequest, notification: Notification) -> None:
        notification.check_order("T1001", "0.01")

    assert asyncio.iscoroutinefunction(handler)
    body = payments.simulated_notification(order)
    factory = RequestFactory()
    for _ in range(2):
        response = asyncio.run(handler(factory.post("/n/", body, content_type=FORM)))
        assert response.content == b"success"
    assert seen == [("T1001", False), ("T1001", True)]
    assert asyncio.run(failing(factory.post("/n/", body, content_type=FORM))).content == b"fail"
    tampered = body.replace(b"T1001", b"T1002")
    assert asyncio.run(handler(factory.post("/n/", tampered, content_type=FORM))).content == b"fail"


def test_handlers_without_is_retry_work_with_a_store(order: Order, without_ledger: None) -> None:
    """The example settings have a NOTIFY_ID_STORE. A handler gets is_retry only when it takes
    it: passing it to the docs' first example, which has no such parameter, raised TypeError
    and answered fail forever."""
    import asyncio

    calls: list[Any] = []

    @alipay_notify_view
    def plain(request: HttpRequest, notification: Notification) -> None:
        calls.append("plain")

    @alipay_notify_view
    def keyword_only(request: HttpRequest, notification: Notification, *, is_retry: bool) -> None:
        calls.append(("keyword_only", is_retry))

    @alipay_notify_view
    def catch_all(request: HttpRequest, notification: Notification, **kwargs: Any) -> None:
        calls.append(("catch_all", kwargs))

    class Plain(NotifyView):
        def handle(self, request: HttpRequest, notification: Notification) -> None:  # type: ignore[override]
            calls.append("class")

    @alipay_notify_view
    async def aplain(request: HttpRequest, notification: Notification) -> None:
        calls.append("async")

    body = payments.simulated_notification(order)
    factory = RequestFactory()
    for view in (plain, keyword_only, catch_all, Plain.as_view()):
        assert view(factory.post("/n/", body, content_type=FORM)).content == b"success"
    assert asyncio.run(aplain(factory.post("/n/", body, content_type=FORM))).content == b"success"
    assert calls == [
        "plain",
        ("keyword_only", True),
        ("catch_all", {"is_retry": True}),
        "class",
        "async",
    ]


@pytest.mark.parametrize("is_async", [False, True])
def test_retries_are_flagged_with_a_database_cache(
    order: Order, settings: Any, caplog: Any, is_async: bool, without_ledger: None
) -> None:
    """The async view asked the store from the event loop, where a database-backed cache
    raises SynchronousOnlyOperation: the error was logged and is_retry was always False."""
    from asgiref.sync import async_to_sync
    from django.core.cache import caches
    from django.core.management import call_command

    settings.CACHES = {
        **settings.CACHES,
        "db": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "notify_ids"},
    }
    call_command("createcachetable", verbosity=0)
    seen: list[bool] = []
    options: dict[str, Any] = {
        "verifier": Verifier(DEMO_PUBLIC_KEY),
        "store": CacheNotifyIdStore("db"),
    }

    def record(notification: Notification, is_retry: bool) -> None:
        seen.append(is_retry)

    if is_async:

        @alipay_notify_view(**options)
        async def handler(request: HttpRequest, notification: Notification, is_retry: bool) -> None:
            record(notification, is_retry)

        # As Django serves an async view under WSGI, or its test client does.
        view = async_to_sync(handler)
    else:

        @alipay_notify_view(**options)
        def view(request: HttpRequest, notification: Notification, is_retry: bool) -> None:
            record(notification, is_retry)

    body = payments.simulated_notification(order)
    for _ in range(3):
        assert view(RequestFactory().post("/n/", body, content_type=FORM)).content == b"success"
    assert seen == [False, True, True]
    assert not [r for r in caplog.records if "store failed" in r.getMessage()]
    notify_id = Verifier(DEMO_PUBLIC_KEY).verify_notify(body).notify_id
    assert caches["db"].get(f"alipay_notify:{notify_id}") == 1


def test_a_store_outage_does_not_block_payments(
    order: Order, without_ledger: None, caplog: Any
) -> None:
    class Broken:
        def seen(self, notify_id: str) -> bool:
            raise ConnectionError("cache down")

        def remember(self, notify_id: str) -> None:
            raise ConnectionError("cache down")

    calls: list[bool] = []

    @alipay_notify_view(verifier=Verifier(DEMO_PUBLIC_KEY), store=Broken())
    def handler(request: HttpRequest, notification: Notification, is_retry: bool) -> None:
        calls.append(is_retry)

    body = payments.simulated_notification(order)
    assert handler(RequestFactory().post("/n/", body, content_type=FORM)).content == b"success"
    assert calls == [False]
    assert sum("store failed" in r.getMessage() for r in caplog.records) == 2


def test_the_example_reads_database_url() -> None:
    from merchant.database import database_from_url

    assert database_from_url(
        "postgresql://shop:p%40ss%2Fw@db.internal:6543/orders?sslmode=require"
    ) == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "orders",
        "USER": "shop",
        "PASSWORD": "p@ss/w",
        "HOST": "db.internal",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require"},
    }
    assert database_from_url("postgres://u@127.0.0.1/shop")["PORT"] == ""
    assert database_from_url("mysql://u:p@h:3306/shop")["ENGINE"] == "django.db.backends.mysql"
    with pytest.raises(ValueError, match="unsupported scheme 'sqlite'"):
        database_from_url("sqlite:///db.sqlite3")
