#!/usr/bin/env python3
"""The differential corpus: seeded, signed Alipay messages over the edge cases (docs/compatibility.md).

Writes one JSON object per line to OUT (default stdout) and the keys the drivers need to
KEYS. Each case is a message as it arrives (a POST body, a return_url query or whole URL),
the merchant's configured algorithm, and what was done to it: the `family` and `variant` that
docs/compatibility.md counts, and the facts the verdict models of compare.py read.

It never calls alipay-notify: messages are built from their parameters and signed with pyca
`cryptography` (RSA) or hashlib (MD5), the way Alipay signs (Java's AlipaySignature: sorted,
`sign` dropped, `sign_type` dropped under V1, empty and blank values skipped), unless a family
says otherwise. The same seed and count give the same corpus, byte for byte.

Usage: generate.py --count N [--seed S] [--out FILE] --keys FILE
"""

import argparse
import base64
import hashlib
import json
import os
import random
import sys
import urllib.parse

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
KEYDIR = os.path.join(HERE, "..", "vectors", "keys")
MD5_KEY = "differential0md5key0for0tests000"

# (family, weight). Weights give every family some hundreds of cases in 10,000.
FAMILIES = [
    ("baseline", 14),
    ("tampered", 6),
    ("wrong_key", 4),
    ("plus_value", 5),
    ("percent_value", 6),
    ("json_value", 5),
    ("amp_value", 4),
    ("embedded_pair", 4),
    ("resplit", 5),
    ("empty_value", 6),
    ("blank_value", 7),
    ("gbk", 7),
    ("gateway_v2", 5),
    ("sign_space", 5),
    ("duplicate", 6),
    ("extra_param", 4),
    ("return_url", 6),
    ("md5_legacy", 4),
    ("rsa_downgrade", 3),
    ("no_signature", 2),
]

ASCII_SUBJECTS = ["Iphone6 16G", "order 42", "VIP monthly", "Coffee x2", "Test-Item_01", "A.B.C"]
CJK_SUBJECTS = ["测试商品", "会员月卡", "手机充值 100元", "年费会员", "支付宝测试订单", "套餐 A"]
# Values that hold `%`: a percentage, URL-encoded text a merchant put in passback_params
# (Alipay requires it to be encoded), a `%` not followed by two hex digits.
PERCENT_VALUES = ["100%", "50%off", "a%3D1%26b%3D2", "%E4%B8%AD", "rate 5% + 2%", "x%zz"]
PLUS_VALUES = ["yansongda+测试 - 1", "1+1=2", "C++ book", "a+b+c", "+86 138"]
JSON_VALUES = [
    '[{"amount":"0.10","fundChannel":"ALIPAYACCOUNT"}]',
    '[{"amount":"88.88","fundChannel":"PCREDIT"},{"amount":"0.01","fundChannel":"COUPON"}]',
    '[{"amount":"1.00","merchantContribute":"0.00","name":"满减券","otherContribute":"1.00",'
    '"type":"ALIPAY_BIZ_VOUCHER","voucherId":"2026120500001"}]',
]
AMP_VALUES = ["AT&T & co", "A&B 套餐", "x&=y", "100% & more=fun", "Tom & Jerry"]
# Values holding `&name=`: a merchant's unencoded passback_params, a subject with a query.
EMBEDDED_VALUES = ["order=1&user=2", "x&refund_fee=0.01", "see?a=1&b=2", "k=v&k2=v2"]
# Blank values; True when Java's Character.isWhitespace skips them (docs/rules.md §4).
BLANKS = [
    (" ", True),
    ("   ", True),
    ("\t", True),
    ("\u3000", True),
    ("\u2003", True),
    ("\u2028", True),
    ("\u3000\u3000", True),
    ("\u00a0", False),
    ("\u202f", False),
    ("\u200b", False),
]
EXTRA_PARAMS = [("s", "/notify/alipay"), ("_url", "/pay/notify"), ("q", "notify"), ("lang", "zh")]


def java_blank(value):
    """Java's StringUtils.isEmpty: empty, or only characters Character.isWhitespace accepts."""

    def ws(c):
        o = ord(c)
        if c in "\t\n\u000b\f\r" or 0x1C <= o <= 0x1F or c in "\u2028\u2029":
            return True
        return c.isspace() and c not in "\u00a0\u2007\u202f" and o not in (0x85,) and o > 0x1F

    return all(ws(c) for c in value)


def load_keys():
    def private(name):
        with open(os.path.join(KEYDIR, name), "rb") as f:
            return serialization.load_pem_private_key(f.read(), None)

    good, wrong, app = (
        private("alipay_a.key.pem"),
        private("alipay_b.key.pem"),
        private("app.key.pem"),
    )
    pem = (
        good.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    bare = "".join(line for line in pem.splitlines() if not line.startswith("-----"))
    app_pem = app.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return (
        good,
        wrong,
        {
            "alipay_public_pem": pem,
            "alipay_public_bare": bare,
            "app_private_pem": app_pem,
            "md5_key": MD5_KEY,
        },
    )


def rsa_sign(key, content, alg):
    digest = hashes.SHA256() if alg == "RSA2" else hashes.SHA1()
    return base64.b64encode(key.sign(content, padding.PKCS1v15(), digest)).decode()


def content_of(params, rule, empties):
    """The signed text, as Alipay builds it: (name, value) pairs, sorted, joined."""
    kept = []
    for k, v in params:
        if k == "sign" or (k == "sign_type" and rule in ("v1", "md5")):
            continue
        if empties == "skip" and (v == "" or (rule != "md5" and java_blank(v))):
            continue
        kept.append((k, v))
    return "&".join(f"{k}={v}" for k, v in sorted(kept))


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.good, self.wrong, self.keys = load_keys()
        self.n = 0

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def amount(self):
        return f"{self.rng.randint(1, 99999) / 100:.2f}"

    def stamp(self):
        return (
            f"2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d} "
            f"{self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}:{self.rng.randint(0, 59):02d}"
        )

    def digits(self, n):
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    # ---- base messages ----------------------------------------------------------------------

    def notify_params(self, charset, alg, subject=None):
        amount = self.amount()
        p = [
            ("gmt_create", self.stamp()),
            ("seller_email", "seller@example.com"),
            (
                "subject",
                subject if subject is not None else self.pick(ASCII_SUBJECTS + CJK_SUBJECTS),
            ),
            ("buyer_id", "2088" + self.digits(12)),
            ("invoice_amount", amount),
            ("notify_id", "2026" + self.digits(20)),
            ("notify_type", "trade_status_sync"),
            (
                "trade_status",
                self.pick(["TRADE_SUCCESS", "TRADE_SUCCESS", "TRADE_FINISHED", "TRADE_CLOSED"]),
            ),
            ("receipt_amount", amount),
            ("app_id", "2021000000000001"),
            ("buyer_pay_amount", amount),
            ("seller_id", "2088" + self.digits(12)),
            ("gmt_payment", self.stamp()),
            ("notify_time", self.stamp()),
            ("version", "1.0"),
            ("out_trade_no", "T" + self.digits(14)),
            ("total_amount", amount),
            ("trade_no", "2026" + self.digits(24)),
            ("auth_app_id", "2021000000000001"),
            ("buyer_logon_id", "abc***@example.com"),
            ("point_amount", "0.00"),
        ]
        if charset is not None:
            p.append(("charset", charset))
        if alg is not None:
            p.append(("sign_type", alg))
        if self.chance(0.3):
            p.append(("fund_bill_list", self.pick(JSON_VALUES[:2])))
        if self.chance(0.2):
            p.append(("body", self.pick(ASCII_SUBJECTS + CJK_SUBJECTS)))
        return p

    def return_params(self, charset, alg):
        return [
            ("charset", charset or "utf-8"),
            ("out_trade_no", "T" + self.digits(14)),
            ("method", "alipay.trade.page.pay.return"),
            ("total_amount", self.amount()),
            ("sign_type", alg),
            ("trade_no", "2026" + self.digits(24)),
            ("auth_app_id", "2021000000000001"),
            ("version", "1.0"),
            ("app_id", "2021000000000001"),
            ("seller_id", "2088" + self.digits(12)),
            ("timestamp", self.stamp()),
        ]

    def gateway_params(self, alg):
        biz = json.dumps(
            {
                "AppId": "2021000000000001",
                "CreateTime": self.digits(13),
                "MsgType": "event",
                "EventType": "verifygw",
                "FromUserId": "2088" + self.digits(12),
            },
            separators=(",", ":"),
        )
        return [
            ("service", "alipay.service.check"),
            ("biz_content", biz),
            ("charset", "UTF-8"),
            ("sign_type", alg),
        ]

    def mapi_params(self):
        price = self.amount()
        return [
            ("discount", "0.00"),
            ("payment_type", "1"),
            ("subject", self.pick(ASCII_SUBJECTS + CJK_SUBJECTS)),
            ("trade_no", "2026" + self.digits(24)),
            ("buyer_email", "buyer@example.com"),
            ("gmt_create", self.stamp()),
            ("notify_type", "trade_status_sync"),
            ("quantity", "1"),
            ("out_trade_no", "T" + self.digits(14)),
            ("seller_id", "2088" + self.digits(12)),
            ("notify_time", self.stamp()),
            ("trade_status", "TRADE_SUCCESS"),
            ("is_total_fee_adjust", "N"),
            ("total_fee", price),
            ("gmt_payment", self.stamp()),
            ("seller_email", "seller@example.com"),
            ("price", price),
            ("buyer_id", "2088" + self.digits(12)),
            ("notify_id", self.digits(32)),
            ("use_coupon", "N"),
            ("sign_type", "MD5"),
        ]

    # ---- wire form --------------------------------------------------------------------------

    def encode(self, text, charset, plus):
        raw = text.encode(codec(charset))
        return (urllib.parse.quote_plus if plus else urllib.parse.quote)(raw, safe="*-._")

    def wire(self, params, charset, sign, sign_raw=False):
        """The form body: values percent-encoded in the charset, in a shuffled order."""
        plus = self.chance(0.7)
        items = list(params)
        self.rng.shuffle(items)
        parts = [
            f"{self.encode(k, charset, plus)}={self.encode(v, charset, plus)}"
            if v is not None
            else self.encode(k, charset, plus)
            for k, v in items
        ]
        if sign is not None:
            parts.append("sign=" + (sign if sign_raw else urllib.parse.quote(sign, safe="")))
        return "&".join(parts)

    def signed(self, params, alg, charset, rule="v1", empties="skip", key=None):
        text = content_of(params, rule, empties)
        data = text.encode(codec(charset))
        if alg == "MD5":
            return hashlib.md5(data + MD5_KEY.encode()).hexdigest()
        return rsa_sign(key or self.good, data, alg)

    # ---- cases ------------------------------------------------------------------------------

    def case(self):
        self.n += 1
        family = self.rng.choices([f for f, _ in FAMILIES], [w for _, w in FAMILIES])[0]
        c = getattr(self, "f_" + family)()
        c.setdefault("endpoint", "notify")
        c.setdefault("facts", {})
        body = c.pop("body")
        c["facts"]["non_utf8_bytes"] = not wire_is_utf8(body, c["endpoint"])
        c["facts"]["percent_in_values"] = "%" in decoded_values(body, c["endpoint"])
        return {"id": f"c{self.n:05d}", "family": family, **c, "body": body}

    def alg(self):
        return "RSA" if self.chance(0.2) else "RSA2"

    def charset(self):
        return self.pick([None, "utf-8", "utf-8", "UTF-8", "utf8"])

    def simple(self, variant, params, alg, charset, **kw):
        sign = self.signed(params, alg, charset)
        return {"variant": variant, "alg": alg, "body": self.wire(params, charset, sign), **kw}

    def f_baseline(self):
        alg, charset = self.alg(), self.charset()
        with_type = self.chance(0.9)
        params = self.notify_params(charset, alg if with_type else None)
        variant = "rsa2" if alg == "RSA2" else "rsa"
        if not with_type:
            variant += "_no_sign_type"
        c = self.simple(variant, params, alg, charset)
        if self.chance(0.15):
            c["body"] += "&"  # a trailing separator: an empty segment
        return c

    def f_tampered(self):
        alg, charset = self.alg(), self.charset()
        params = self.notify_params(charset, alg)
        sign = self.signed(params, alg, charset)
        field = self.pick(["total_amount", "out_trade_no", "trade_status", "subject"])
        new = {
            "total_amount": "0.01",
            "out_trade_no": "T0",
            "trade_status": "WAIT_BUYER_PAY",
            "subject": "tampered",
        }[field]
        params = [(k, new if k == field else v) for k, v in params]
        return {"variant": field, "alg": alg, "body": self.wire(params, charset, sign)}

    def f_wrong_key(self):
        alg, charset = self.alg(), self.charset()
        params = self.notify_params(charset, alg)
        sign = self.signed(params, alg, charset, key=self.wrong)
        return {"variant": "other_key", "alg": alg, "body": self.wire(params, charset, sign)}

    def f_plus_value(self):
        alg = self.alg()
        params = self.notify_params("utf-8", alg, subject=self.pick(PLUS_VALUES))
        return self.simple("plus_in_subject", params, alg, "utf-8")

    def f_percent_value(self):
        alg = self.alg()
        value = self.pick(PERCENT_VALUES)
        field = self.pick(["subject", "passback_params", "body"])
        params = with_value(self.notify_params("utf-8", alg), field, value)
        bad = value_has_bad_percent(value)
        return self.simple("bad_percent" if bad else "percent_hex", params, alg, "utf-8")

    def f_json_value(self):
        alg = self.alg()
        params = with_value(
            self.notify_params("utf-8", alg), "fund_bill_list", self.pick(JSON_VALUES)
        )
        if self.chance(0.5):
            params += [("voucher_detail_list", JSON_VALUES[2])]
        return self.simple("fund_bill_list", params, alg, "utf-8")

    def f_amp_value(self):
        alg = self.alg()
        params = self.notify_params("utf-8", alg, subject=self.pick(AMP_VALUES))
        return self.simple("amp_without_pair", params, alg, "utf-8")

    def f_embedded_pair(self):
        alg = self.alg()
        field = self.pick(["passback_params", "subject"])
        params = with_value(self.notify_params("utf-8", alg), field, self.pick(EMBEDDED_VALUES))
        return self.simple("genuine_" + field, params, alg, "utf-8")

    def f_resplit(self):
        # A genuine notification whose subject is `x&total_amount=<big>&total_amount_x=`, and
        # the same signed text re-cut into another total_amount (docs/rules.md §4, one reading).
        alg = self.alg()
        fake = f"{self.rng.randint(10000, 99999) / 100:.2f}"
        params = self.notify_params("utf-8", alg, subject=f"x&total_amount={fake}&total_amount_x=")
        sign = self.signed(params, alg, "utf-8")
        if self.chance(0.5):
            return {"variant": "genuine", "alg": alg, "body": self.wire(params, "utf-8", sign)}
        real = dict(params)["total_amount"]
        forged = [(k, v) for k, v in params if k not in ("subject", "total_amount")]
        forged += [
            ("subject", "x"),
            ("total_amount", fake),
            ("total_amount_x", "&total_amount=" + real),
        ]
        if content_of(forged, "v1", "skip") != content_of(params, "v1", "skip"):
            raise AssertionError("re-split reading must sign the same text")
        return {"variant": "forged", "alg": alg, "body": self.wire(forged, "utf-8", sign)}

    def f_empty_value(self):
        alg, charset = self.alg(), self.charset()
        params = self.notify_params(charset, alg)
        variant = self.pick(
            ["skipped_by_signer", "skipped_by_signer", "no_equals_sign", "kept_by_signer"]
        )
        if variant == "no_equals_sign":
            # `&flag` (no `=`): a parameter with an empty value that Alipay never signed.
            sign = self.signed(params, alg, charset)
            return {
                "variant": variant,
                "alg": alg,
                "body": self.wire(params + [(self.pick(["flag", "debug"]), None)], charset, sign),
            }
        params = with_value(params, self.pick(["body", "passback_params", "buyer_open_id"]), "")
        empties = "keep" if variant == "kept_by_signer" else "skip"
        sign = self.signed(params, alg, charset, empties=empties)
        return {"variant": variant, "alg": alg, "body": self.wire(params, charset, sign)}

    def f_blank_value(self):
        alg = self.alg()
        blank, java = self.pick(BLANKS)
        charset = "utf-8"
        if blank in (" ", "\u3000") and self.chance(0.3):
            charset = "GBK"
        params = self.notify_params(charset, alg, subject=self.pick(ASCII_SUBJECTS))
        params = with_value(params, self.pick(["body", "passback_params"]), blank)
        variant = ("java_whitespace" if java else "not_java_whitespace") + (
            "_gbk" if charset == "GBK" else ""
        )
        return self.simple(variant, params, alg, charset)

    def f_gbk(self):
        alg = self.alg()
        charset = self.pick(["GBK", "gbk", "GB2312", "gb2312"])
        subject = self.pick(CJK_SUBJECTS + ASCII_SUBJECTS)
        params = self.notify_params(charset, alg, subject=subject)
        params = [(k, v) for k, v in params if k != "body"]
        ascii_only = all(v.isascii() for _, v in params)
        return self.simple("ascii_only" if ascii_only else "chinese", params, alg, charset)

    def f_gateway_v2(self):
        alg = self.alg()
        params = self.gateway_params(alg)
        sign = self.signed(params, alg, "utf-8", rule="v2")
        return {
            "variant": "sign_type_signed",
            "alg": alg,
            "endpoint": "gateway",
            "body": self.wire(params, "utf-8", sign),
        }

    def f_sign_space(self):
        # The signature's `+` sent unencoded (a return_url copied by hand, a proxy): form
        # decoding reads it as a space (docs/rules.md §1).
        alg, endpoint = self.alg(), self.pick(["notify", "return"])
        params = (
            self.notify_params("utf-8", alg)
            if endpoint == "notify"
            else self.return_params("utf-8", alg)
        )
        sign = self.signed(params, alg, "utf-8")
        body = self.wire(params, "utf-8", sign, sign_raw=True)
        return {
            "variant": "plus_in_sign" if "+" in sign else "no_plus_in_sign",
            "alg": alg,
            "endpoint": endpoint,
            "body": body,
        }

    def f_duplicate(self):
        alg, charset = self.alg(), self.charset()
        params = self.notify_params(charset, alg)
        sign = self.signed(params, alg, charset)
        field = self.pick(["out_trade_no", "trade_status", "total_amount"])
        genuine = dict(params)[field]
        variant = self.pick(["same_value", "genuine_last", "genuine_first"])
        other = {"out_trade_no": "T1", "trade_status": "WAIT_BUYER_PAY", "total_amount": "0.01"}[
            field
        ]
        rest = [(k, v) for k, v in params if k != field]
        first, last = {
            "same_value": (genuine, genuine),
            "genuine_last": (other, genuine),
            "genuine_first": (genuine, other),
        }[variant]
        # The two copies keep their order on the wire: wire() shuffles, so both are put last.
        body = self.wire(rest, charset, None)
        enc = lambda v: self.encode(v, charset, True)  # noqa: E731
        body += (
            f"&{field}={enc(first)}&{field}={enc(last)}&sign={urllib.parse.quote(sign, safe='')}"
        )
        return {"variant": variant, "alg": alg, "body": body}

    def f_extra_param(self):
        alg, charset = self.alg(), self.charset()
        params = self.notify_params(charset, alg)
        sign = self.signed(params, alg, charset)
        return {
            "variant": "unsigned_extra",
            "alg": alg,
            "body": self.wire(params + [self.pick(EXTRA_PARAMS)], charset, sign),
        }

    def f_return_url(self):
        alg = self.alg()
        params = self.return_params(self.pick(["utf-8", "UTF-8"]), alg)
        query = self.wire(params, "utf-8", self.signed(params, alg, "utf-8"))
        variant = self.pick(["query", "question_mark", "whole_url"])
        body = {
            "query": query,
            "question_mark": "?" + query,
            "whole_url": "https://shop.example.com/alipay/return?" + query,
        }[variant]
        return {"variant": variant, "alg": alg, "endpoint": "return", "body": body}

    def f_md5_legacy(self):
        params = self.mapi_params()
        sign = self.signed(params, "MD5", "utf-8", rule="md5")
        variant = "genuine"
        if self.chance(0.25):
            variant = "tampered"
            params = [(k, "0.01" if k == "total_fee" else v) for k, v in params]
        return {
            "variant": variant,
            "alg": "MD5",
            "endpoint": "mapi",
            "body": self.wire(params, "utf-8", sign),
        }

    def f_rsa_downgrade(self):
        # The merchant set up RSA2; the message says sign_type=RSA and is signed with SHA-1.
        params = self.notify_params("utf-8", "RSA")
        sign = self.signed(params, "RSA", "utf-8")
        return {
            "variant": "sha1_under_rsa2",
            "alg": "RSA2",
            "body": self.wire(params, "utf-8", sign),
        }

    def f_no_signature(self):
        alg = self.alg()
        params = self.notify_params("utf-8", alg)
        variant = self.pick(["missing", "empty"])
        body = self.wire(params, "utf-8", None) + ("&sign=" if variant == "empty" else "")
        return {"variant": variant, "alg": alg, "body": body}


def with_value(params, name, value):
    """params with `name` set to `value` (replaced, never a second copy)."""
    return [(k, v) for k, v in params if k != name] + [(name, value)]


def codec(charset):
    c = (charset or "utf-8").strip().lower()
    return "gbk" if c in ("gbk", "gb2312") else "utf-8"


def value_has_bad_percent(value):
    i = value.find("%")
    while i >= 0:
        if (
            not all(ch in "0123456789abcdefABCDEF" for ch in value[i + 1 : i + 3])
            or len(value[i + 1 : i + 3]) < 2
        ):
            return True
        i = value.find("%", i + 1)
    return False


def query_of(body, endpoint):
    return body.split("?", 1)[1] if endpoint == "return" and "?" in body else body


def decoded_values(body, endpoint):
    """The decoded values other than `sign`, joined (as Latin-1: only ASCII is looked for)."""
    out = []
    for part in query_of(body, endpoint).split("&"):
        name, _, value = part.partition("=")
        if name != "sign":
            out.append(urllib.parse.unquote_to_bytes(value.replace("+", " ")).decode("latin-1"))
    return "&".join(out)


def wire_is_utf8(body, endpoint):
    """Whether every decoded name and value is valid UTF-8 (what UTF-8-only SDKs can read)."""
    for part in query_of(body, endpoint).split("&"):
        for piece in part.split("=", 1):
            try:
                urllib.parse.unquote_to_bytes(piece.replace("+", " ")).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--out")
    ap.add_argument("--keys", required=True)
    args = ap.parse_args()
    gen = Gen(args.seed)
    with open(args.keys, "w") as f:
        json.dump(gen.keys, f, indent=1)
    out = open(args.out, "w") if args.out else sys.stdout
    with out:
        for _ in range(args.count):
            out.write(json.dumps(gen.case(), ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
