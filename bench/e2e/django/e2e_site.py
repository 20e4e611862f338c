"""The Django site of scripts/bench-e2e.sh: one settings module, two notify_url views doing the
same job, served by gunicorn. No database (the dummy backend): each view verifies the POSTed
form, checks app_id, seller_id, out_trade_no and total_amount against one fixed order and
answers ``success`` or ``fail``.

- ``/library``: this library's Django integration (``alipay_notify_view``); app_id and seller_id
  are verifier options (ALIPAY_NOTIFY), the order is checked with ``check_order``.
- ``/sdk``: python-alipay-sdk as its README shows it: ``request.POST.dict()``, ``pop("sign")``,
  ``AliPay.verify(data, signature)``, then the same checks by hand.

``python e2e_site.py cost BODY_FILE`` prints the CPU time per call of the two verifications
alone, in this process, with the objects the views use (the library's share of a request).

Environment: E2E_PUBLIC_KEY (Alipay's public key, PEM file), E2E_APP_KEY (the app's private
key, PEM file: python-alipay-sdk's constructor requires one).
"""

from __future__ import annotations

import os
import sys
import time
import urllib.parse
from pathlib import Path

# The order the notification is for: the defaults of `alipay-notify simulate`.
APP_ID = "2021000000000000"
SELLER_ID = "2088000000000000"
OUT_TRADE_NO = "T20240102000001"
TOTAL_AMOUNT = "88.00"

SECRET_KEY = "bench-e2e-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = __name__
# No database: the ledger is off, so the integration needs none.
DATABASES: dict[str, dict[str, str]] = {}
INSTALLED_APPS = ["alipay_notify.django"]
# startproject's middleware, less sessions, auth and messages (they need a database).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
USE_TZ = True
ALIPAY_NOTIFY = {
    "ALIPAY_PUBLIC_KEY_FILE": os.environ["E2E_PUBLIC_KEY"],
    "APP_ID": APP_ID,
    "SELLER_ID": SELLER_ID,
}

os.environ.setdefault("DJANGO_SETTINGS_MODULE", __name__)

from alipay import AliPay  # noqa: E402  (python-alipay-sdk)
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402

from alipay_notify import Notification  # noqa: E402
from alipay_notify.django import alipay_notify_view, get_verifier  # noqa: E402

SDK = AliPay(
    appid=APP_ID,
    app_notify_url=None,
    app_private_key_string=Path(os.environ["E2E_APP_KEY"]).read_text(),
    alipay_public_key_string=Path(os.environ["E2E_PUBLIC_KEY"]).read_text(),
    sign_type="RSA2",
)


@alipay_notify_view
def library(request: HttpRequest, notification: Notification) -> None:
    notification.check_order(OUT_TRADE_NO, TOTAL_AMOUNT)


def sdk_accepts(data: dict[str, str]) -> bool:
    signature = data.pop("sign", None)
    return (
        signature is not None
        and SDK.verify(data, signature)
        and data.get("app_id") == APP_ID
        and data.get("seller_id") == SELLER_ID
        and data.get("out_trade_no") == OUT_TRADE_NO
        and data.get("total_amount") == TOTAL_AMOUNT
    )


@csrf_exempt
@require_POST
def sdk(request: HttpRequest) -> HttpResponse:
    ok = sdk_accepts(request.POST.dict())
    return HttpResponse(b"success" if ok else b"fail", content_type="text/plain")


urlpatterns = [path("library", library), path("sdk", sdk)]
application = get_wsgi_application()


def cost(body: bytes, rounds: int = 5) -> None:
    """CPU µs per call of each verification alone, interleaved rounds, medians."""
    calls = int(os.environ.get("E2E_COST_CALLS", "400"))
    verifier = get_verifier()
    form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))

    def run_library() -> None:
        verifier.verify_notify(body).check_order(OUT_TRADE_NO, TOTAL_AMOUNT)

    def run_sdk() -> None:
        if not sdk_accepts(dict(form)):
            raise SystemExit("python-alipay-sdk rejected the notification")

    figures: dict[str, list[float]] = {"library": [], "sdk": []}
    for _ in range(rounds):
        for name, run in (("library", run_library), ("sdk", run_sdk)):
            started = time.process_time()
            for _ in range(calls):
                run()
            figures[name].append((time.process_time() - started) * 1e6 / calls)
    medians = {name: sorted(values)[len(values) // 2] for name, values in figures.items()}
    print(f"cost library_us={medians['library']:.1f} sdk_us={medians['sdk']:.1f}")


if __name__ == "__main__" and sys.argv[1:2] == ["cost"]:
    cost(Path(sys.argv[2]).read_bytes())
