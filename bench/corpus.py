#!/usr/bin/env python3
"""The benchmark corpus of `make bench` (BENCHMARKS.md): seeded, signed trade_status_sync
notifications, one raw form body per line, written into a folder the harnesses read.

    corpus.py --out DIR [--count N] [--worst W] [--seed S]

- valid.txt: N notifications of 25 business fields plus sign_type and sign (about 1.2 KB each),
  signed RSA2 under V1 with the committed test key alipay_a: Chinese subject and body, a
  fund_bill_list JSON value, URL-encoded passback_params, amounts and times, each message
  different.
- invalid.txt: W of them signed with alipay_b (a wrong key: every rule is tried, all fail).
- v2.txt: W signed under V2 (sign_type in the content): rule auto tries V1 first.
- gbk.txt: W with charset=GBK, encoded and signed in GBK.
- hostile.txt: one body of 64 KiB (the default size limit) of 1,000 parameters (the most a
  message may have) with long unknown names, a blank value and sign_type: the worst input for diagnose (core/benches/diagnose.rs,
  `issue_unknown_params`).
- public.pem / public.b64: alipay_a's public key as PEM and as the bare base64 the PHP SDK and
  npm alipay-sdk are configured with; app_private.pem: the app key the SDKs' constructors
  require (never used to verify).

Messages are built with the differential tests' generator (tests/differential/generate.py:
the keys, the way Alipay builds the signed content, the wire encoding), so the signing logic
exists once. The same seed and counts give the same files, byte for byte.
"""

import argparse
import base64
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "differential"))

import generate  # noqa: E402

MAX_SIZE = 65536
MAX_PARAMETERS = 1000  # core/src/input/limits.rs
SUBJECTS = [
    "华为 Mate 60 Pro 12GB+512GB",
    "小米 14 Ultra 16GB+1TB 黑色",
    "年度会员 连续包年",
    "大杯拿铁 x2 + 可颂 x1",
    "男装 摇粒绒茄克 L",
    "飞天茅台 53度 500ml",
]
GOODS = ["手机", "会员", "咖啡", "外套", "白酒", "耳机"]
GIFTS = ["保护壳", "贴膜", "优惠券", "纪念徽章", "无"]
CHANNELS = ["ALIPAYACCOUNT", "PCREDIT", "BANKCARD", "MDISCOUNT", "COUPON"]


def notification(gen, charset, alg="RSA2"):
    """25 business fields plus sign_type, with fresh values from the generator's seeded rng."""
    total = gen.rng.randint(100, 999999)
    discount = gen.rng.choice([0, 0, 500, 1000])
    paid = total - discount
    yuan = lambda cents: f"{cents // 100}.{cents % 100:02d}"  # noqa: E731
    bills = [{"amount": yuan(paid), "fundChannel": gen.pick(CHANNELS[:3])}]
    if discount:
        bills.append({"amount": yuan(discount), "fundChannel": "MDISCOUNT"})
    order = "2026" + gen.digits(13)
    return [
        ("gmt_create", gen.stamp()),
        ("charset", charset),
        ("seller_email", "shop-finance@example.com"),
        ("subject", gen.pick(SUBJECTS)),
        ("buyer_id", "2088" + gen.digits(12)),
        ("body", f"{gen.pick(GOODS)} x{gen.rng.randint(1, 3)}，赠品 {gen.pick(GIFTS)}"),
        ("invoice_amount", yuan(total)),
        ("notify_id", "2026" + gen.digits(28)),
        ("fund_bill_list", json.dumps(bills, separators=(",", ":"))),
        ("notify_type", "trade_status_sync"),
        ("trade_status", gen.pick(["TRADE_SUCCESS", "TRADE_SUCCESS", "TRADE_FINISHED"])),
        ("receipt_amount", yuan(paid)),
        ("buyer_pay_amount", yuan(paid)),
        ("app_id", "2021000117600000"),
        ("seller_id", "2088102177846883"),
        ("gmt_payment", gen.stamp()),
        ("notify_time", gen.stamp()),
        (
            "passback_params",
            f"orderType%3D{gen.pick(GOODS[:1] + ['digital', 'vip'])}%26channel%3Dmini_app"
            f"%26uid%3D{gen.digits(8)}",
        ),
        ("version", "1.0"),
        ("out_trade_no", order),
        ("total_amount", yuan(total)),
        ("trade_no", "2026" + gen.digits(24)),
        ("auth_app_id", "2021000117600000"),
        ("buyer_logon_id", f"1{gen.digits(2)}****{gen.digits(4)}"),
        ("point_amount", "0.00"),
        ("sign_type", alg),
    ]


def body(gen, charset="utf-8", rule="v1", key=None):
    params = notification(gen, charset)
    sign = gen.signed(params, "RSA2", charset, rule=rule, key=key)
    return gen.wire(params, charset, sign)


def hostile():
    """core/benches/diagnose.rs's `issue_unknown_params`: 64 KiB of `xN_pp…=1` after a blank,
    as many parameters as a message may have (MAX_PARAMETERS), names padded to fill the size."""
    sign = base64.b64encode(b"\x11" * 256).decode()
    text = "sign_type=RSA2&sign=" + sign.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    text += "&blank="
    count = MAX_PARAMETERS - 3
    share = (MAX_SIZE - len(text)) // count
    for i in range(count):
        pair = f"x{i}=1"
        padding = max(share - len(pair) - 2, 0)
        pair = f"&x{i}_{'p' * padding}=1" if padding else f"&{pair}"
        if len(text) + len(pair) > MAX_SIZE:
            break
        text += pair
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--worst", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    gen = generate.Gen(args.seed)
    os.makedirs(args.out, exist_ok=True)

    def write(name, lines):
        with open(os.path.join(args.out, name), "w", encoding="ascii") as f:
            f.write("".join(line + "\n" for line in lines))

    write("valid.txt", (body(gen) for _ in range(args.count)))
    write("invalid.txt", (body(gen, key=gen.wrong) for _ in range(args.worst)))
    write("v2.txt", (body(gen, rule="v2") for _ in range(args.worst)))
    write("gbk.txt", (body(gen, charset="GBK") for _ in range(args.worst)))
    write("hostile.txt", [hostile()])
    write("public.pem", [gen.keys["alipay_public_pem"].strip()])
    write("public.b64", [gen.keys["alipay_public_bare"]])
    write("app_private.pem", [gen.keys["app_private_pem"].strip()])


if __name__ == "__main__":
    main()
