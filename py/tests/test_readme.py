"""Every Python sample of py/README.md (the PyPI page) and of the repository's README, run as a
merchant would run it: against a signed notification for the order, one for another amount
and a forged one. A ``<!-- sample: NAME -->`` line before a block names what it is; the
Django samples run together as a project of their own through Django's test client."""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from django.core.cache import cache
from django.test import Client

from alipay_notify import signed_form
from alipay_notify.django.conf import problems
from alipay_notify.django.models import LedgerEntry
from conftest import REPO, notification_params
from shop import models as shop_models
from shop.models import Order

READMES = ["py/README.md", "README.md"]
FORM = "application/x-www-form-urlencoded"
MARKER = re.compile(r"<!-- sample: (\S+) -->")


@dataclass
class Sample:
    readme: str
    line: int
    marker: Optional[str]
    code: str

    def compile(self) -> types.CodeType:
        # The README's own name and line in tracebacks.
        code: types.CodeType = compile(
            "\n" * (self.line - 1) + self.code, self.readme, "exec", dont_inherit=True
        )
        return code


def samples(readme: str) -> list[Sample]:
    """The ```python blocks of a README, with the marker on the line before each."""
    found = []
    lines = (REPO / readme).read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"```(\S*)", lines[index])
        if not fence:
            index += 1
            continue
        before = lines[index - 1].strip() if index else ""
        marker = MARKER.fullmatch(before)
        start = index + 1
        index = start
        while index < len(lines) and not lines[index].startswith("```"):
            index += 1
        if fence.group(1) == "python":
            code = "\n".join(lines[start:index]) + "\n"
            found.append(Sample(readme, start + 1, marker.group(1) if marker else None, code))
        index += 1
    return found


def sample(readme: str, marker: str) -> Optional[Sample]:
    matching = [s for s in samples(readme) if s.marker == marker]
    assert len(matching) <= 1, f"{readme}: {marker} twice"
    return matching[0] if matching else None


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alipay_public_key: str) -> Path:
    """The samples' working directory, with the key file they read."""
    (tmp_path / "alipay_public_key.txt").write_text(alipay_public_key, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def notifications(alipay_private_key: str) -> dict[str, bytes]:
    paid = signed_form(notification_params(), alipay_private_key)
    return {
        "the order": paid.encode(),
        "another amount": signed_form(
            notification_params(total_amount="8.80", notify_id="nid-8.80"), alipay_private_key
        ).encode(),
        "forged amount": paid.replace("total_amount=88.00", "total_amount=0.01").encode(),
    }


def test_every_sample_has_a_test() -> None:
    known = {
        "notify-function",
        "django-settings",
        "django-urls",
        "django-views",
        "django-production",
        "django-rest-framework",
    }
    # Tested in test_readme_ledger.py.
    known |= {"ledger-flask", "ledger-starlette", "ledger-fastapi", "reconcile"}
    for readme in READMES:
        found = samples(readme)
        assert found, f"{readme} has no Python sample"
        for s in found:
            assert s.marker in known, f"{readme}:{s.line}: no test for the marker {s.marker}"
    assert known == {s.marker for s in samples("py/README.md")}


class FakeOrders:
    """The ``Order`` model the function sample queries: one order, T1001 of 88.00 yuan."""

    class DoesNotExist(Exception):
        pass

    out_trade_no = "T1001"
    total_amount = Decimal("88.00")

    class objects:  # Django's spelling
        @staticmethod
        def get(out_trade_no: str) -> type[FakeOrders]:
            if out_trade_no != FakeOrders.out_trade_no:
                raise FakeOrders.DoesNotExist(out_trade_no)
            return FakeOrders


def run_notify_function(found: Sample, notifications: dict[str, bytes]) -> list[str]:
    """Runs the sample's notify(); returns what it answered and marked paid."""
    paid: list[str] = []
    namespace: dict[str, Any] = {
        "__name__": "readme_sample",
        "Order": FakeOrders,
        "mark_paid": lambda order, trade_no: paid.append(f"{order.out_trade_no} {trade_no}"),
    }
    exec(found.compile(), namespace)
    notify: Callable[[bytes], str] = namespace["notify"]
    answers = [f"{name}: {notify(body)}" for name, body in notifications.items()]
    return answers + [f"paid {p}" for p in paid]


EXPECTED = [
    "the order: success",
    "another amount: fail",
    "forged amount: fail",
    "paid T1001 2024010222001446880500001234",
]


@pytest.mark.parametrize("readme", [r for r in READMES if sample(r, "notify-function")])
def test_the_notify_function(readme: str, workdir: Path, notifications: dict[str, bytes]) -> None:
    found = sample(readme, "notify-function")
    assert found is not None
    assert run_notify_function(found, notifications) == EXPECTED


def test_a_broken_sample_fails(workdir: Path, notifications: dict[str, bytes]) -> None:
    found = sample("py/README.md", "notify-function")
    assert found is not None
    # Without the order check, the cheaper notification would be answered "success".
    broken = re.sub(r"\n *n\.check_order\(.*", "", found.code)
    assert broken != found.code
    answers = run_notify_function(
        Sample(found.readme, found.line, found.marker, broken), notifications
    )
    assert answers != EXPECTED


def django_module(name: str, found: Sample, monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Runs a sample as the module readme_shop.<name>: its relative imports find the views and
    the example shop's models."""
    module = types.ModuleType(f"readme_shop.{name}")
    module.__package__ = "readme_shop"
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(found.compile(), module.__dict__)
    setattr(sys.modules["readme_shop"], name, module)
    return module


@pytest.mark.django_db
@pytest.mark.parametrize("readme", [r for r in READMES if sample(r, "django-views")])
def test_the_django_samples(
    readme: str,
    workdir: Path,
    notifications: dict[str, bytes],
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    alipay_private_key: str,
) -> None:
    cache.clear()
    found = sample(readme, "django-settings")
    if found:
        namespace: dict[str, Any] = {}
        exec(found.compile(), namespace)
        assert "alipay_notify.django" in namespace["INSTALLED_APPS"]
        settings.ALIPAY_NOTIFY = namespace["ALIPAY_NOTIFY"]
    else:
        settings.ALIPAY_NOTIFY = {
            "ALIPAY_PUBLIC_KEY_FILE": "alipay_public_key.txt",
            "APP_ID": "2021000000000000",
            "LEDGER": True,  # as the sample's comment says
        }
    assert problems() == []

    package = types.ModuleType("readme_shop")
    package.__path__ = []
    monkeypatch.setitem(sys.modules, "readme_shop", package)
    monkeypatch.setitem(sys.modules, "readme_shop.models", shop_models)
    views = django_module("views", sample(readme, "django-views"), monkeypatch)  # type: ignore[arg-type]
    found = sample(readme, "django-urls")
    if found:
        django_module("urls", found, monkeypatch)
    else:
        from django.urls import path

        urls = types.ModuleType("readme_shop.urls")
        urls.urlpatterns = [path("alipay/notify/", views.alipay_notify)]  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "readme_shop.urls", urls)
    settings.ROOT_URLCONF = "readme_shop.urls"

    order = Order.objects.create(
        out_trade_no="T1001", subject="测试商品", total_amount=Decimal("88.00")
    )
    client = Client()
    # The wrong amount first: with the ledger, the handler (and its check_order) runs only for
    # the delivery that applies PAID; after that one, a copy is a duplicate, answered success.
    order_of = ["another amount", "the order", "forged amount"]
    answers = [
        f"{name}: {client.post('/alipay/notify/', data=notifications[name], content_type=FORM).content.decode()}"  # noqa: E501
        for name in order_of
    ]
    retry = client.post("/alipay/notify/", data=notifications["the order"], content_type=FORM)
    answers.append(f"resent: {retry.content.decode()}")
    assert answers == [
        "another amount: fail",
        "the order: success",
        "forged amount: fail",
        "resent: success",
    ]
    order.refresh_from_db()
    assert (order.status, order.trade_no) == (Order.PAID, "2024010222001446880500001234")
    # Applied once; every delivery recorded (the README's samples use the ledger).
    assert LedgerEntry.objects.filter(transition="PAID", changed_order=True).count() == 1
    assert LedgerEntry.objects.count() == len(answers)

    if hasattr(views, "alipay_return"):
        query = signed_form(notification_params(), alipay_private_key)
        shown = client.get(f"/alipay/return/?{query}")
        assert (shown.status_code, b"T1001" in shown.content) == (200, True)
        forged = client.get(f"/alipay/return/?{query.replace('88.00', '0.01')}")
        assert forged.status_code == 400


def test_the_production_settings_use_existing_keys() -> None:
    """The production sample's keys are ALIPAY_NOTIFY's, and its hooks are the example
    shop's (which the ledger and reconciliation tests run)."""
    from django.utils.module_loading import import_string

    from alipay_notify.django.conf import KEYS, build_ledger

    found = sample("py/README.md", "django-production")
    assert found
    namespace: dict[str, Any] = {}
    exec(found.compile(), namespace)
    config = namespace["ALIPAY_NOTIFY"]
    assert set(config) <= set(KEYS)
    assert build_ledger(config).enabled
    for hook in ("PENDING_ORDERS", "RECONCILE_HANDLER"):
        assert callable(import_string(config[hook]))


@pytest.mark.django_db
def test_the_rest_framework_sample(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The APIView of the DRF sample verifies the raw body (GBK too) and answers exactly
    success, through the ledger."""
    from django.urls import path

    from alipay_notify.django.models import LedgerEntry
    from ledger_bodies import order_of, paid

    found = sample("py/README.md", "django-rest-framework")
    assert found
    namespace: dict[str, Any] = {"__name__": "readme_drf"}
    exec(found.compile(), namespace)
    urls = types.ModuleType("readme_drf_urls")
    urls.urlpatterns = [path("drf/notify/", namespace["AlipayNotifyView"].as_view())]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "readme_drf_urls", urls)
    settings.ROOT_URLCONF = "readme_drf_urls"
    order = order_of("T-DRF", "8.80")
    order.subject = "测试商品：中文"
    order.save()
    client = Client(enforce_csrf_checks=True)
    for body in (paid(order, charset="GBK"), paid(order, charset="GBK")):
        response = client.post("/drf/notify/", data=body, content_type=FORM)
        assert (response.status_code, response["Content-Type"], response.content) == (
            200,
            "text/plain",
            b"success",
        )
    assert list(LedgerEntry.objects.order_by("id").values_list("transition", "changed_order")) == [
        ("PAID", True),
        (None, False),
    ]
