#!/usr/bin/env python3
"""The Python rows of `make bench` (bench/run.py, BENCHMARKS.md): the wheel's verify_notify
next to what a Python merchant would otherwise run, on the corpus of bench/corpus.py.

    harness.py DIR SECONDS [--check]

Same protocol as the Rust, PHP and Node harnesses: per (verifier, set), passes over the set's
raw bodies until SECONDS of process CPU time (time.process_time) are spent, then one JSON line
{"id", "set", "n", "cpu", "accepted"}. --check makes one pass per set, no warm-up. Each
verifier gets the raw body (bytes) and parses it the way its users do; keys are parsed once.

- py/ours: alipay_notify.Verifier(public key).verify_notify(body).
- py/cryptography: hand-rolled with pyca cryptography, as a merchant writes it: parse_qs, drop
  sign and sign_type, sort, join the non-empty values, base64, RSA PKCS#1 v1.5 with SHA-256.
- py/python-alipay-sdk: its README's recipe (AliPay(...).verify(data, signature)) on the
  parsed form, as tests/differential/run_py.py drives it.
"""

import base64
import json
import os
import sys
import time
import urllib.parse

WARM_UP = 200
BATCH = 20


def read(path):
    with open(path, "rb") as f:
        return f.read()


def lines(path):
    return [line for line in read(path).split(b"\n") if line]


def timed(messages, seconds, check, verify):
    """(messages verified, CPU seconds, accepted), cycling until `seconds` are spent."""
    if not check:
        for i in range(min(WARM_UP, 3 * len(messages))):
            verify(messages[i % len(messages)])
    n = accepted = 0
    clock = time.process_time
    started = clock()
    count = len(messages)
    while True:
        for body in messages[n % count : n % count + BATCH] if not check else messages:
            accepted += verify(body)
            n += 1
        spent = clock() - started
        if check or spent >= seconds:
            return n, spent, accepted


def ours(d):
    import alipay_notify

    verifier = alipay_notify.Verifier(read(os.path.join(d, "public.pem")).decode())

    def verify(body):
        try:
            return verifier.verify_notify(body) is not None
        except alipay_notify.exceptions.AlipayNotifyError:
            return False

    return verify


def hand_rolled(d):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_public_key(read(os.path.join(d, "public.pem")))
    pkcs1, sha256 = padding.PKCS1v15(), hashes.SHA256()

    def verify(body):
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        sign = params.pop("sign", "")
        params.pop("sign_type", None)
        content = "&".join(f"{k}={params[k]}" for k in sorted(params) if params[k])
        try:
            key.verify(base64.b64decode(sign), content.encode(), pkcs1, sha256)
            return True
        except (InvalidSignature, ValueError):
            return False

    return verify


def python_alipay_sdk(d):
    from alipay import AliPay

    sdk = AliPay(
        appid="2021000117600000",
        app_notify_url=None,
        app_private_key_string=read(os.path.join(d, "app_private.pem")).decode(),
        alipay_public_key_string=read(os.path.join(d, "public.pem")).decode(),
        sign_type="RSA2",
    )

    def verify(body):
        data = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        signature = data.pop("sign", None)
        try:
            return bool(sdk.verify(data, signature))
        except Exception:  # an SDK's exception is its "no"
            return False

    return verify


def main():
    d, seconds = sys.argv[1], float(sys.argv[2])
    check = "--check" in sys.argv[3:]
    sets = {
        name: lines(os.path.join(d, f"{name}.txt")) for name in ("valid", "invalid", "v2", "gbk")
    }
    hostile = lines(os.path.join(d, "hostile.txt"))
    # Peers are timed on valid messages; --check also runs them over the invalid ones.
    plan = [
        ("py/ours", ours(d), ["valid", "invalid", "v2", "gbk"]),
        ("py/cryptography", hand_rolled(d), ["valid", "invalid"] if check else ["valid"]),
        (
            "py/python-alipay-sdk",
            python_alipay_sdk(d),
            ["valid", "invalid"] if check else ["valid"],
        ),
    ]
    for ident, verify, names in plan:
        for name in names:
            n, cpu, accepted = timed(sets[name], seconds, check, verify)
            print(
                json.dumps({"id": ident, "set": name, "n": n, "cpu": cpu, "accepted": accepted}),
                flush=True,
            )

    import alipay_notify

    verifier = alipay_notify.Verifier(read(os.path.join(d, "public.pem")).decode())
    n, cpu, verified = timed(hostile, seconds, check, lambda b: verifier.diagnose(b).verified)
    print(json.dumps({"id": "py/ours", "set": "hostile", "n": n, "cpu": cpu, "accepted": verified}))


if __name__ == "__main__":
    main()
