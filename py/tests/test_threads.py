"""One Verifier shared by many threads: correct results, and the GIL released while the core
works, so a threaded server verifies in parallel."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from alipay_notify import Verifier, exceptions, signed_form
from conftest import notification_params


def test_threads_share_one_verifier(alipay_public_key: str, alipay_private_key: str) -> None:
    verifier = Verifier(alipay_public_key)
    bodies = [
        signed_form(notification_params(out_trade_no=f"T{i}"), alipay_private_key).encode()
        for i in range(40)
    ]
    tampered = [b.replace(b"TRADE_SUCCESS", b"TRADE_CLOSED") for b in bodies]

    def work(i: int) -> tuple[str, bool]:
        n = verifier.verify_notify(bodies[i % len(bodies)])
        try:
            verifier.verify_notify(tampered[i % len(bodies)])
            rejected = False
        except exceptions.InvalidSignature:
            rejected = True
        return n["out_trade_no"], rejected

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(800)))
    assert results == [(f"T{i % 40}", True) for i in range(800)]


def test_verification_releases_the_gil(alipay_public_key: str, alipay_private_key: str) -> None:
    """With the interpreter's forced thread switches pushed out of reach, a Python thread can
    only run while another thread has released the GIL itself. A counting thread makes
    progress during verify_notify calls only if they run detached from the interpreter."""
    verifier = Verifier(alipay_public_key)
    body = signed_form(notification_params(), alipay_private_key).encode()
    count = 0
    stop = False

    def counter() -> None:
        nonlocal count
        while not stop:
            count += 1
            time.sleep(0)  # gives the GIL back, so the main thread can continue

    previous = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    thread = threading.Thread(target=counter, daemon=True)
    try:
        thread.start()
        deadline = time.monotonic() + 10
        progressed = 0
        while progressed == 0 and time.monotonic() < deadline:
            before = count
            for _ in range(50):
                verifier.verify_notify(body)
            progressed = count - before
    finally:
        stop = True
        sys.setswitchinterval(previous)
        thread.join(timeout=10)
    assert progressed > 0, "the counting thread never ran during verification"
