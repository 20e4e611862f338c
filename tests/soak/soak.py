"""The Python soak driver of scripts/soak.sh: one Verifier, N verifications of a mixed corpus,
every answer checked against the corpus's expected status, resident memory sampled after
warm-up and at the end (each after a full collection, so only what is kept is counted).

    python soak.py CORPUS PUBLIC_KEY_FILE APP_ID N WARMUP
    python soak.py --threads CORPUS PUBLIC_KEY_FILE APP_ID N

The second form measures thread scaling: N verifications on one thread, then N on each of two
threads sharing the Verifier, in interleaved rounds, and prints the best rate of each and their
ratio (2 cores: 2.0 at best).
"""

from __future__ import annotations

import gc
import sys
import threading
import time

from alipay_notify import Verifier, exceptions


ROUNDS = 3


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def load(corpus: str) -> list[tuple[int, bytes]]:
    with open(corpus, "rb") as file:
        return [
            (int(code), body) for code, body in (line.rstrip(b"\n").split(b" ", 1) for line in file)
        ]


def verify(verifier: Verifier, body: bytes) -> int:
    try:
        notification = verifier.verify_notify(body)
    except exceptions.AlipayNotifyError as error:
        return error.code
    # Read a field, as a handler would.
    return 0 if notification["out_trade_no"] else -1


def soak(verifier: Verifier, messages: list[tuple[int, bytes]], n: int, warmup: int) -> int:
    wrong = 0
    rss_warm = 0
    started = 0.0
    cpu_started = 0.0
    count = len(messages)
    for i in range(n):
        if i == warmup:
            gc.collect()
            rss_warm = rss_kib()
            started = time.perf_counter()
            cpu_started = time.process_time()
        expected, body = messages[i % count]
        got = verify(verifier, body)
        if got != expected:
            wrong += 1
            if wrong <= 5:
                print(f"message {i % count}: status {got}, expected {expected}", file=sys.stderr)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    gc.collect()
    print(
        f"binding=python n={n} timed={n - warmup} seconds={seconds:.3f} cpu_seconds={cpu_seconds:.3f} "
        f"rss_warm_kib={rss_warm} rss_end_kib={rss_kib()} wrong={wrong}"
    )
    return 1 if wrong else 0


def scaling(verifier: Verifier, messages: list[tuple[int, bytes]], n: int) -> int:
    bodies = [body for _, body in messages]

    def work() -> None:
        for i in range(n):
            verify(verifier, bodies[i % len(bodies)])

    def timed(threads: int) -> float:
        pool = [threading.Thread(target=work) for _ in range(threads)]
        started = time.perf_counter()
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        return threads * n / (time.perf_counter() - started)

    work()  # warm-up
    # Interleaved rounds, the best of each: other processes on a shared machine only slow runs down.
    one = two = 0.0
    for _ in range(ROUNDS):
        one = max(one, timed(1))
        two = max(two, timed(2))
    print(f"binding=python threads=2 one_per_s={one:.0f} two_per_s={two:.0f} ratio={two / one:.2f}")
    return 0


def main(argv: list[str]) -> int:
    threads = argv[:1] == ["--threads"]
    args = argv[1:] if threads else argv
    corpus, key_file, app_id, n = args[0], args[1], args[2], int(args[3])
    with open(key_file) as file:
        verifier = Verifier(file.read(), app_id=app_id)
    messages = load(corpus)
    if threads:
        return scaling(verifier, messages, n)
    return soak(verifier, messages, n, int(args[4]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
