"""The example merchant app in a real server process (gunicorn, and Django's runserver) on
127.0.0.1, receiving a signed notification POSTed over HTTP, as Alipay's servers do."""

from __future__ import annotations

import functools
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import EXAMPLE
from servers import Server, free_port, wait_until_listening
from shop import payments
from shop.models import Order


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    db = tmp_path_factory.mktemp("merchant") / "db.sqlite3"
    env = {**os.environ, "MERCHANT_DB": str(db), "DJANGO_SETTINGS_MODULE": "merchant.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE), env.get("PYTHONPATH", "")])
    manage(env, "migrate", "--verbosity", "0")
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@functools.lru_cache(maxsize=None)
def gunicorn_options() -> tuple[str, ...]:
    """``--no-control-socket`` where gunicorn has it (24+): it opens its control socket at
    one path in the home directory, for which gunicorns of other test runs would contend."""
    help_text = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    return ("--no-control-socket",) if "--no-control-socket" in help_text else ()


def start_gunicorn(env: dict[str, str], *options: str) -> tuple[Server, int]:
    """gunicorn serving the example shop on a free port; ``options`` (default: one worker
    with four threads) choose the workers."""
    server = Server(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "merchant.wsgi:application",
            "--bind",
            "127.0.0.1:0",
            *(options or ("--workers", "1", "--threads", "4")),
            "--timeout",
            "30",
            *gunicorn_options(),
        ],
        env,
    )
    # Port 0: the kernel picks a free port, and gunicorn prints it.
    port = int(server.wait_for(r"Listening at: http://127\.0\.0\.1:(\d+)").group(1))
    return server, port


def start_runserver(env: dict[str, str]) -> tuple[Server, int]:
    port = free_port()
    server = Server(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], env
    )
    wait_until_listening(port, server)
    return server, port


@pytest.fixture(scope="module", params=["gunicorn", "runserver"])
def base_url(request: pytest.FixtureRequest, env: dict[str, str]) -> Iterator[str]:
    start = start_gunicorn if request.param == "gunicorn" else start_runserver
    server, port = start(env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def checkout(base_url: str, amount: str) -> str:
    """Places an order through the checkout page, as a buyer would; returns out_trade_no."""
    opener = browser()
    with opener.open(base_url + "/", timeout=10) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, page
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "subject": "测试商品", "total_amount": amount}
    ).encode()
    with opener.open(base_url + "/checkout/", data=form, timeout=10) as response:
        final = response.geturl()
    match = re.search(r"/orders/([^/]+)/$", final)
    assert match, final
    return match.group(1)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


def post(url: str, body: bytes) -> tuple[int, str, str]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers["Content-Type"], response.read().decode()


def test_signed_notification_over_http(base_url: str, env: dict[str, str]) -> None:
    out_trade_no = checkout(base_url, "88.00")
    notify_url = base_url + "/alipay/notify/"
    order = Order(out_trade_no=out_trade_no, subject="测试商品", total_amount=Decimal("88.00"))

    # Tampered, then for the wrong amount: fail, and the order stays unpaid.
    body = payments.simulated_notification(order)
    assert post(notify_url, body.replace(b"TRADE_SUCCESS", b"TRADE_FINISHED"))[2] == "fail"
    assert (
        post(notify_url, payments.simulated_notification(order, total_amount="0.88"))[2] == "fail"
    )
    page = get(f"{base_url}/orders/{out_trade_no}/")
    assert 'id="status">waiting for payment' in page

    # Alipay's notification, from another process (manage.py simulate_payment): success.
    assert manage(env, "simulate_payment", out_trade_no, "--url", notify_url).strip() == "success"
    # A retry answers success again.
    assert post(notify_url, body) == (200, "text/plain", "success")
    page = get(f"{base_url}/orders/{out_trade_no}/")
    assert 'id="status">paid' in page

    # The buyer's browser comes back to return_url.
    query = payments.simulated_return_query(order)
    page = get(f"{base_url}/alipay/return/?{query}")
    assert 'id="status">paid' in page
    with pytest.raises(urllib.error.HTTPError) as caught:
        get(f"{base_url}/alipay/notify/")
    assert caught.value.code == 405
    caught.value.close()


def test_gbk_notification_over_http(base_url: str, env: dict[str, str]) -> None:
    out_trade_no = checkout(base_url, "1.00")
    out = manage(
        env,
        "simulate_payment",
        out_trade_no,
        "--url",
        base_url + "/alipay/notify/",
        "--charset",
        "GBK",
    )
    assert out.strip() == "success"
    tampered = manage(
        env, "simulate_payment", out_trade_no, "--url", base_url + "/alipay/notify/", "--tamper"
    )
    assert tampered.strip() == "fail"


def test_the_demo_button_runs_the_whole_flow(base_url: str) -> None:
    out_trade_no = checkout(base_url, "5.00")
    opener = browser()
    with opener.open(f"{base_url}/orders/{out_trade_no}/", timeout=10) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)}).encode()
    # The server POSTs the notification to itself, then redirects to return_url.
    with opener.open(
        f"{base_url}/orders/{out_trade_no}/simulate/", data=form, timeout=30
    ) as response:
        assert "/alipay/return/?" in response.geturl()
        assert 'id="status">paid' in response.read().decode()


assert Path(EXAMPLE, "manage.py").exists()
