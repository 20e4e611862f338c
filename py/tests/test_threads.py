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


def mixed_corpus(alipay_private_key: str) -> list[bytes]:
    """Valid V1 and V2 notifications, tampered ones, other apps', malformed and unsigned bodies."""
    bodies: list[bytes] = []
    for i in range(6):
        rule = "v1" if i % 2 == 0 else "v2"
        params = notification_params(out_trade_no=f"T{i}", app_id="2021000000000001")
        body = signed_form(params, alipay_private_key, rule=rule).encode()
        other = notification_params(out_trade_no=f"T{i}", app_id="2021000000000002")
        bodies += [
            body,
            body.replace(b"TRADE_SUCCESS", b"TRADE_CLOSED"),
            body.replace(b"subject=", b"subject=%zz"),
            body[: body.index(b"&sign=")],
            signed_form(other, alipay_private_key, rule=rule).encode(),
        ]
    return bodies


def outcome(verifier: Verifier, body: bytes) -> tuple[int, object]:
    """The signed parameters, or the error's code and message."""
    try:
        return 0, verifier.verify_notify(body).to_dict()
    except exceptions.AlipayNotifyError as error:
        return error.code, str(error)


def test_threads_answer_mixed_messages_as_a_sequential_run(
    alipay_public_key: str, alipay_private_key: str
) -> None:
    verifier = Verifier(alipay_public_key, app_id="2021000000000001", rule="auto")
    bodies = mixed_corpus(alipay_private_key)
    sequential = [outcome(verifier, body) for body in bodies]
    # Every kind of answer is in the corpus, so agreement means something.
    assert sorted({code for code, _ in sequential}) == [0, 102, 104, 107, 200]

    rounds = 4

    # Each task starts elsewhere in the corpus: different messages at the same time.
    def work(start: int) -> list[tuple[int, tuple[int, object]]]:
        order = [(start + i) % len(bodies) for i in range(rounds * len(bodies))]
        return [(index, outcome(verifier, bodies[index])) for index in order]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(work, range(0, 8 * 7, 7)))
    assert len(answers) == 8
    for answered in answers:
        assert len(answered) == rounds * len(bodies)
        for index, answer in answered:
            assert answer == sequential[index], f"message {index}"


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
