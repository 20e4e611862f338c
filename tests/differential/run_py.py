#!/usr/bin/env python3
"""Verdicts of one Python verifier over the differential corpus (docs/compatibility.md).

Usage: run_py.py {ours,fzlee,official} KEYS CORPUS OUT

Writes one JSON line per case: {"id", "accept": bool, "error": name or null}. Each SDK gets the
message the way its users hand it over, as docs/compatibility.md says:

- ours: alipay_notify.Verifier(key, sign_types=[alg]) (plus md5_key), the raw bytes to
  verify_notify / verify_return: what the library asks for.
- fzlee (PyPI python-alipay-sdk): its README's recipe, `data = request.POST.dict()`,
  `signature = data.pop("sign")`, `AliPay(..., sign_type=alg).verify(data, signature)`. Django's
  `request.POST.dict()` is dict(parse_qsl(body, keep_blank_values=True)): UTF-8, the last value
  of a name twice.
- official (PyPI alipay-sdk-python): no notification helper; its signature utilities
  (`get_sign_content`, `verify_with_rsa`) around the same parse, decoding and encoding in the
  message's `charset`, dropping `sign` and, except at the app gateway (V2), `sign_type`.

An exception from an SDK is a rejection, recorded with its class name.
"""

import json
import sys
import urllib.parse


def parse(case):
    body = case["body"]
    if case["endpoint"] == "return" and "?" in body:
        body = body.split("?", 1)[1]  # the framework hands over the query, not the URL
    return body


def charset_of(query):
    found = dict(urllib.parse.parse_qsl(query, keep_blank_values=True, encoding="latin-1")).get(
        "charset", ""
    )
    found = found.strip().lower()
    return "gbk" if found in ("gbk", "gb2312") else "utf-8"


def verifier_ours(keys):
    import alipay_notify

    cache = {}

    def verify(case):
        alg = case["alg"]
        if alg not in cache:
            if alg == "MD5":
                cache[alg] = alipay_notify.Verifier(md5_key=keys["md5_key"], sign_types=["MD5"])
            else:
                cache[alg] = alipay_notify.Verifier(keys["alipay_public_pem"], sign_types=[alg])
        v = cache[alg]
        body = case["body"].encode("ascii")
        if case["endpoint"] == "return":
            v.verify_return(body)
        else:
            v.verify_notify(body)
        return True

    return verify


def verifier_fzlee(keys):
    from alipay import AliPay

    cache = {}

    def verify(case):
        # python-alipay-sdk signs and verifies RSA and RSA2 only: an MD5 merchant has no setting.
        alg = case["alg"] if case["alg"] in ("RSA", "RSA2") else "RSA2"
        if alg not in cache:
            cache[alg] = AliPay(
                appid="2021000000000001",
                app_private_key_string=keys["app_private_pem"],
                alipay_public_key_string=keys["alipay_public_pem"],
                sign_type=alg,
            )
        data = dict(urllib.parse.parse_qsl(parse(case), keep_blank_values=True))
        signature = data.pop("sign", None)
        return cache[alg].verify(data, signature)

    return verify


def verifier_official(keys):
    from alipay.aop.api.util.SignatureUtils import get_sign_content, verify_with_rsa

    def verify(case):
        query = parse(case)
        charset = charset_of(query)
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True, encoding=charset))
        sign = params.pop("sign", None)
        if case["endpoint"] != "gateway":
            params.pop("sign_type", None)
        content = get_sign_content(params)
        return verify_with_rsa(keys["alipay_public_bare"], content.encode(charset), sign)

    return verify


def main():
    which, keys_path, corpus, out = sys.argv[1:5]
    with open(keys_path) as f:
        keys = json.load(f)
    verify = {"ours": verifier_ours, "fzlee": verifier_fzlee, "official": verifier_official}[which](
        keys
    )
    with open(corpus) as src, open(out, "w") as dst:
        for line in src:
            case = json.loads(line)
            error = None
            try:
                accept = bool(verify(case))
            except Exception as e:  # every failure of an SDK is its verdict: rejected
                accept = False
                # Our library's stable error name; an SDK's exception class.
                error = e.name if which == "ours" else type(e).__name__
            dst.write(json.dumps({"id": case["id"], "accept": accept, "error": error}) + "\n")


if __name__ == "__main__":
    main()
