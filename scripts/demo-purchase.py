"""One purchase through each example shop, as a browser makes it, against the sandbox.

checkout at the shop -> the signed alipay.trade.page.pay URL -> the sandbox's checkout page ->
POST /api/orders/{no}/pay with a duplicate-delivery fault -> the signed return_url at the shop
-> the notification acknowledged (twice: the duplicate) -> the shop's own order state.

Reads the stack's addresses from the stack.env file given (scripts/stack.sh writes it). Prints
one line per checked fact, a summary table, and "<name>: N passed, M failed"; exits 1 when a
fact fails. Standard library only.
"""

from __future__ import annotations

import html
import http.cookiejar
import json
import re
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable

TIMEOUT = 20  # seconds a shop's notification may take to be acknowledged twice
SUBJECT = "测试商品 demo"
AMOUNT = "88.00"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


class Browser:
    """Cookies, and redirects left to the caller (a 303 to the gateway is a fact to check)."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(
        self,
        url: str,
        data: dict[str, str] | bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
        req = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=10) as response:
                return (
                    response.status,
                    dict(response.headers),
                    response.read().decode("utf-8", "replace"),
                )
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def django_checkout(browser: Browser, shop: str) -> str:
    _, _, page = browser.request(shop + "/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    form = {
        "subject": SUBJECT,
        "total_amount": AMOUNT,
        "csrfmiddlewaretoken": token.group(1) if token else "",
    }
    status, headers, _ = browser.request(shop + "/checkout/", form)
    if status != 302:
        raise RuntimeError(f"checkout answered {status}")
    _, _, order_page = browser.request(urllib.parse.urljoin(shop, headers["Location"]))
    pay = re.search(r'<a class="button" href="([^"]+)">Pay with Alipay', order_page)
    if not pay:
        raise RuntimeError("the order page has no Pay with Alipay link")
    return html.unescape(pay.group(1))


def express_checkout(browser: Browser, shop: str) -> str:
    status, _, body = browser.request(
        shop + "/checkout", {"subject": SUBJECT, "total_amount": AMOUNT}
    )
    if status != 201:
        raise RuntimeError(f"checkout answered {status}: {body[:200]}")
    return str(json.loads(body)["payUrl"])


def php_checkout(browser: Browser, shop: str) -> str:
    status, headers, _ = browser.request(shop + "/checkout.php", b"")
    if status != 303:
        raise RuntimeError(f"checkout answered {status}")
    return headers["Location"]


def out_trade_no_of(pay_url: str) -> str:
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(pay_url).query)
    return str(json.loads(query["biz_content"][0])["out_trade_no"])


def django_state(browser: Browser, shop: str, no: str, env: dict[str, str]) -> dict[str, Any]:
    _, _, page = browser.request(f"{shop}/orders/{no}/")
    status = re.search(r'id="status">([^<]*)<', page)
    trade = re.search(r"<th>Alipay trade</th><td>([^<]*)</td>", page)
    # The shop's ledger (alipay_notify_ledger): every delivery is a row, and exactly one of
    # them changed the order; the shop's own record of the change says it ran once.
    with sqlite3.connect(env["DJANGO_DB"]) as db:
        rows, changed = db.execute(
            "SELECT count(*), coalesce(sum(changed_order), 0) FROM alipay_notify_ledger "
            "WHERE out_trade_no = ?",
            (no,),
        ).fetchone()
        (ran,) = db.execute(
            "SELECT count(*) FROM shop_orderchange c JOIN shop_order o ON c.order_id = o.id "
            "WHERE o.out_trade_no = ? AND c.transition = 'PAID'",
            (no,),
        ).fetchone()
    return {
        "paid": bool(status) and status.group(1).strip() == "paid",
        "trade_no": trade.group(1) if trade else "",
        "once": changed == 1 and ran == 1,
        "detail": f"{rows} ledger row(s), {changed} changed the order",
    }


def express_state(browser: Browser, shop: str, no: str, env: dict[str, str]) -> dict[str, Any]:
    _, _, body = browser.request(f"{shop}/orders/{no}")
    order = json.loads(body)
    # markPaid only changes a WAIT_BUYER_PAY order: the notify_id kept is the paying one.
    return {
        "paid": order.get("status") == "PAID",
        "trade_no": order.get("trade_no") or "",
        "once": True,
        "notify_id": order.get("notify_id"),
        "detail": f"notify_id {order.get('notify_id')}",
    }


def php_state(browser: Browser, shop: str, no: str, env: dict[str, str]) -> dict[str, Any]:
    _, _, body = browser.request(
        f"{shop}/order.php?out_trade_no={urllib.parse.quote(no)}&format=json"
    )
    order = json.loads(body)
    outcomes = [d["outcome"] for d in order.get("deliveries", [])]
    return {
        "paid": order.get("status") == "paid",
        "trade_no": order.get("trade_no") or "",
        "once": outcomes.count("paid") == 1 and "duplicate" in outcomes,
        "detail": " ".join(outcomes),
    }


def return_verified(shop: str, status: int, page: str, no: str) -> bool:
    if status != 200:
        return False
    marker = {"django": 'id="status"', "express": f"<p>Order {no} ", "php": 'class="verified"'}[
        shop
    ]
    return marker in page


SHOPS: dict[str, tuple[str, Callable[[Browser, str], str], Callable[..., dict[str, Any]]]] = {
    "django": ("DJANGO_URL", django_checkout, django_state),
    "express": ("EXPRESS_URL", express_checkout, express_state),
    "php": ("PHP_URL", php_checkout, php_state),
}


def purchase(shop: str, env: dict[str, str], check: Callable[[str, bool, str], bool]) -> list[str]:
    url_name, checkout, state_of = SHOPS[shop]
    base, sandbox = env[url_name], env["SANDBOX_URL"]
    browser = Browser()
    row = [shop, "-", "no", "no", "no", "-"]
    try:
        pay_url = checkout(browser, base)
        no = out_trade_no_of(pay_url)
        row[1] = no
        status, _, page = browser.request(pay_url)
        # class="ok": the sandbox verified the request's signature with the shop's app public key.
        check(
            f"{shop}: the shop's signed page.pay request opens the sandbox's checkout page",
            status == 200
            and no in page
            and 'class="ok"' in page
            and pay_url.startswith(env["GATEWAY"] + "?"),
            f"HTTP {status}: {page[:300]}",
        )

        status, _, body = browser.request(
            f"{sandbox}/api/orders/{no}/pay",
            json.dumps({"duplicate": True}).encode(),
            {"Content-Type": "application/json"},
        )
        paid = json.loads(body) if status == 200 else {}
        status, _, page = browser.request(paid.get("return_url", base))
        ok = check(
            f"{shop}: the signed return_url is verified by the shop's return page",
            bool(paid) and return_verified(shop, status, page, no),
            f"HTTP {status}",
        )
        row[3] = "yes" if ok else "NO"

        deadline, deliveries = time.monotonic() + TIMEOUT, []
        while time.monotonic() < deadline:
            order = json.loads(browser.request(f"{sandbox}/api/orders/{no}")[2])
            deliveries = order.get("deliveries", [])
            if sum(d["verdict"] == "acknowledged" for d in deliveries) >= 2:
                break
            time.sleep(0.2)
        verdicts = [d["verdict"] for d in deliveries]
        row[5] = f"{len(deliveries)} ({', '.join(verdicts) or 'none'})"
        ok = check(
            f"{shop}: the notification is verified (answered exactly success), and its duplicate too",
            verdicts[:2] == ["acknowledged", "acknowledged"],
            " ".join(verdicts) or "no delivery",
        )
        row[2] = "yes" if ok else "NO"

        state = state_of(browser, base, no, env)
        notify_ids = {d.get("notify_id") for d in deliveries}
        once = (
            state["paid"]
            and state["once"]
            and state["trade_no"] == order.get("trade_no")
            and len(notify_ids) == 1
            and state.get("notify_id", next(iter(notify_ids), None)) in notify_ids
        )
        ok = check(
            f"{shop}: the shop's order is paid once despite the duplicate ({state['detail']})",
            once,
            json.dumps(state, ensure_ascii=False),
        )
        row[4] = "yes" if ok else "NO"
    except Exception as error:  # noqa: BLE001 - any failure of a shop is reported, the others still run
        check(f"{shop}: purchase", False, f"{type(error).__name__}: {error}")
    return row


def main() -> int:
    env = dict(line.split("=", 1) for line in open(sys.argv[1]).read().splitlines() if "=" in line)
    name = sys.argv[2] if len(sys.argv) > 2 else "demo"
    counts = {"passed": 0, "failed": 0}

    def check(fact: str, ok: bool, detail: str) -> bool:
        counts["passed" if ok else "failed"] += 1
        print(("ok   " if ok else "FAIL ") + fact + ("" if ok else f"\n     {detail}"))
        return ok

    rows = [purchase(shop, env, check) for shop in SHOPS]
    header = [
        "shop",
        "order",
        "notify verified",
        "return verified",
        "paid once (duplicate sent)",
        "deliveries",
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print()
    for r in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    print(f"\n{name}: {counts['passed']} passed, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
