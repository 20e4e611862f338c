#!/usr/bin/env python3
"""Re-verify the shared vectors with a small, independent Python implementation of
docs/rules.md (parser side: it starts from the raw input, never from generate.py's data).

Usage (from the repository root):  python3 tests/vectors/check.py [file.json ...]
Default: every synthetic file written by generate.py. Needs `cryptography`.
Exit status 0 when every vector's stated outcome is reproduced.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))
ERROR_NAMES = {
    "MALFORMED_INPUT", "INPUT_TOO_LARGE", "MALFORMED_PERCENT_ENCODING", "DUPLICATE_PARAMETER",
    "MISSING_SIGNATURE", "SIGN_TYPE_NOT_ALLOWED", "UNSUPPORTED_CHARSET", "INVALID_SIGNATURE",
    "INVALID_TEXT_ENCODING", "INVALID_AMOUNT", "NOTIFY_VERIFY_REJECTED",
    "NOTIFY_VERIFY_UNEXPECTED", "APP_ID_MISMATCH", "SELLER_ID_MISMATCH", "ORDER_MISMATCH",
    "AMOUNT_MISMATCH", "INVALID_KEY", "WEAK_KEY", "INVALID_CONFIG", "NOTIFY_VERIFY_INVALID",
    "INTERNAL", "PANIC", "NULL_PARAMETER",
}


class Err(Exception):
    def __init__(self, name, why=""):
        assert name in ERROR_NAMES, name
        super().__init__(name + (": " + why if why else ""))
        self.name = name


# ---------------------------------------------------------------- keys (rules §7)

PEM_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.S)
B64_RE = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def strict_b64(text):
    s = "".join(text.split())
    if not s or len(s) % 4 or not B64_RE.match(s):
        raise ValueError("not base64")
    return base64.b64decode(s, validate=True)


def public_from_der(der):
    try:  # SubjectPublicKeyInfo, or a PKCS#1 RSAPublicKey (cryptography accepts both in DER)
        return serialization.load_der_public_key(der)
    except Exception:
        pass
    try:
        serialization.load_der_private_key(der, password=None)
    except Exception:
        raise Err("INVALID_KEY", "bytes are no key")
    raise Err("INVALID_KEY", "a private key where the public key belongs")


def load_public_key(text, min_bits):
    if "-----BEGIN" in text or "-----END" in text:
        blocks = PEM_RE.findall(text)
        if not blocks:
            raise Err("INVALID_KEY", "PEM block cut off")
        label, body = blocks[0]
        try:
            der = strict_b64(body)
        except ValueError:
            raise Err("INVALID_KEY", "PEM body is not base64")
        if "PRIVATE" in label:
            raise Err("INVALID_KEY", "private key")
        try:
            if label == "PUBLIC KEY":
                key = serialization.load_der_public_key(der)
            elif label == "RSA PUBLIC KEY":
                key = serialization.load_pem_public_key(
                    ("-----BEGIN RSA PUBLIC KEY-----\n" + base64.encodebytes(der).decode()
                     + "-----END RSA PUBLIC KEY-----\n").encode())
            elif label == "CERTIFICATE":
                key = x509.load_der_x509_certificate(der).public_key()
            else:
                raise Err("INVALID_KEY", "unknown PEM label")
        except Err:
            raise
        except Exception:
            raise Err("INVALID_KEY", "PEM body is no key (cut off?)")
    else:
        try:
            der = strict_b64(text)
        except ValueError:
            raise Err("INVALID_KEY", "not PEM and not base64")
        key = public_from_der(der)
    if not isinstance(key, rsa.RSAPublicKey):
        raise Err("INVALID_KEY", "not RSA")
    if key.key_size < min_bits:
        raise Err("WEAK_KEY")
    return key


def load_private_key(text):
    try:
        if "-----BEGIN" in text:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        else:
            key = serialization.load_der_private_key(strict_b64(text), password=None)
    except Exception:
        raise Err("INVALID_KEY", "not a private key")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise Err("INVALID_KEY", "not RSA")
    return key


# ---------------------------------------------------------------- reading (rules §1)

HEX = set(b"0123456789abcdefABCDEF")
WS = set(b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")


def pct_decode(b):
    out = bytearray()
    i = 0
    while i < len(b):
        c = b[i]
        if c == 0x2B:
            out.append(0x20)
            i += 1
        elif c == 0x25:
            if i + 2 < len(b) and b[i + 1] in HEX and b[i + 2] in HEX:
                out.append(int(b[i + 1:i + 3], 16))
                i += 3
            else:
                raise Err("MALFORMED_PERCENT_ENCODING")
        else:
            out.append(c)
            i += 1
    return bytes(out)


def parse_raw(raw, kind, max_size):
    if len(raw) > max_size:
        raise Err("INPUT_TOO_LARGE")
    if kind == "return":
        if raw.startswith((b"http://", b"https://", b"/")):
            q = raw.split(b"?", 1)[1] if b"?" in raw else b""
            raw = q.split(b"#", 1)[0]
        elif raw.startswith(b"?"):
            raw = raw[1:]
    stripped = raw.strip(b" \t\r\n")
    if not stripped or stripped[:1] in (b"{", b"[") or stripped.startswith(b"--") \
            or b"=" not in raw:
        raise Err("MALFORMED_INPUT")
    pairs = []
    for seg in raw.split(b"&"):
        if not seg:
            continue
        name, _, value = seg.partition(b"=")
        name, value = pct_decode(name), pct_decode(value)
        if not name:
            raise Err("MALFORMED_INPUT", "empty name")
        pairs.append((name, value))
    return pairs


# ---------------------------------------------------------------- verification (§2-§6)

CHARSETS = {"utf-8": "utf-8", "utf8": "utf-8", "gbk": "gbk", "gb2312": "gbk",
            "gb18030": "gb18030"}
HASHES = {"RSA2": hashes.SHA256, "RSA": hashes.SHA1}


def blank(v):
    return all(c in WS for c in v)


def rsa_content(pairs, rule, keep):
    drop = {b"sign", b"sign_type"} if rule == "v1" else {b"sign"}
    items = sorted(((k, v) for k, v in pairs if k not in drop and (keep or not blank(v))),
                   key=lambda kv: kv[0])
    return b"&".join(k + b"=" + v for k, v in items)


def fen(s):
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?", s):
        raise Err("INVALID_AMOUNT")
    whole, _, frac = s.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def verify(v, filekeys):
    opts = v.get("options", {})
    md5_key = opts.get("md5_key")
    min_bits = opts.get("min_key_bits", 2048)
    keys = [load_public_key(filekeys[k], min_bits) for k in v.get("keys", [])]
    if md5_key is not None:
        allowed = ["MD5"]
    else:
        allowed = [s.upper() for s in opts.get("sign_types", ["RSA2"])]
    rule_opt = opts.get("rule", "auto")

    if v["kind"] == "params":
        pairs = [(k.encode("utf-8"), val.encode("utf-8")) for k, val in v["params"]]
    else:
        raw = bytes.fromhex(v["input_hex"]) if "input_hex" in v else v["input"].encode("utf-8")
        pairs = parse_raw(raw, v["kind"], opts.get("max_size", 65536))
    names = [k for k, _ in pairs]
    if len(set(names)) != len(names):
        raise Err("DUPLICATE_PARAMETER")
    d = dict(pairs)
    sign = d.get(b"sign", b"")
    if blank(sign):
        raise Err("MISSING_SIGNATURE")
    cs = d.get(b"charset", b"").strip(b" ").decode("ascii", "replace").lower()
    if cs == "":
        codec = CHARSETS[opts.get("default_charset", "utf-8").lower()]
    elif cs in CHARSETS:
        codec = CHARSETS[cs]
    else:
        raise Err("UNSUPPORTED_CHARSET")
    if v["kind"] == "params" and codec != "utf-8":
        raise Err("UNSUPPORTED_CHARSET")
    if b"sign_type" in d:
        st = d[b"sign_type"].decode("ascii", "replace").upper()
        if st not in allowed:
            raise Err("SIGN_TYPE_NOT_ALLOWED")
        algs = [st]
    else:
        algs = allowed
    sign = sign.replace(b" ", b"+")

    matched = None
    if md5_key is not None:
        if not re.fullmatch(rb"[0-9a-fA-F]{32}", sign):
            raise Err("INVALID_SIGNATURE", "not 32 hex digits")
        items = sorted(((k, val) for k, val in pairs
                        if k not in (b"sign", b"sign_type") and val != b""), key=lambda kv: kv[0])
        c = b"&".join(k + b"=" + val for k, val in items)
        want = hashlib.md5(c + md5_key.encode()).hexdigest().encode()
        if hmac.compare_digest(want, sign.lower()):
            matched = ("md5", None, None)
    else:
        s = sign.decode("ascii", "replace")
        if len(s) % 4 or not B64_RE.match(s):
            raise Err("INVALID_SIGNATURE", "not standard base64")
        sig = base64.b64decode(s, validate=True)
        rules = {"auto": ["v1", "v2"] if b"sign_type" in d else ["v1"],
                 "v1": ["v1"], "v2": ["v2"]}[rule_opt]
        any_blank = any(blank(val) for k, val in pairs if k != b"sign")
        cands = [(r, keep) for r in rules for keep in ([False, True] if any_blank else [False])]
        for r, keep in cands:
            c = rsa_content(pairs, r, keep)
            for i, key in enumerate(keys):
                for alg in algs:
                    try:
                        key.verify(sig, c, padding.PKCS1v15(), HASHES[alg]())
                    except InvalidSignature:
                        continue
                    matched = (r, keep, i)
                    break
                if matched:
                    break
            if matched:
                break
    if not matched:
        raise Err("INVALID_SIGNATURE")
    rule, keep, key_index = matched

    out = {}
    for k, val in pairs:
        if k == b"sign" or (k == b"sign_type" and rule != "v2"):
            continue
        if rule == "md5":
            if val == b"":
                continue
        elif not keep and blank(val):
            continue
        try:
            out[k.decode(codec)] = val.decode(codec)
        except UnicodeDecodeError:
            raise Err("INVALID_TEXT_ENCODING")
    if "app_id" in opts and out.get("app_id") != opts["app_id"]:
        raise Err("APP_ID_MISMATCH")
    if "seller_ids" in opts and out.get("seller_id") not in opts["seller_ids"]:
        raise Err("SELLER_ID_MISMATCH")
    return rule, key_index, out


def typed(out):
    t = {}
    if "trade_status" in out:
        t["trade_status"] = out["trade_status"]
        t["is_paid"] = out["trade_status"] in ("TRADE_SUCCESS", "TRADE_FINISHED")
    if "total_amount" in out:
        t["total_amount_fen"] = fen(out["total_amount"])
    return t


def check_order(out, order):
    if out.get("out_trade_no") != order["out_trade_no"]:
        return "ORDER_MISMATCH"
    amount = out["total_amount"] if "total_amount" in out else out["total_fee"]
    if fen(amount) != fen(order["total_amount"]):
        return "AMOUNT_MISMATCH"
    return None


def check_sign(v, filekeys):
    key = load_private_key(filekeys[v["private_key"]])
    params = [(k, val) for k, val in v["params"]]
    d = dict(params)
    codec = CHARSETS[(v.get("charset") or d.get("charset") or "utf-8").strip().lower()]
    pairs = [(k.encode(codec), val.encode(codec)) for k, val in params]
    c = rsa_content(pairs, v.get("rule", "v1"), False)
    sig = base64.b64decode(v["sign"], validate=True)
    key.public_key().verify(sig, c, padding.PKCS1v15(), HASHES[v["sign_type"]]())
    return True


def run(v, filekeys):
    """Returns a list of problems (empty when the vector's outcome is reproduced)."""
    problems = []
    try:
        if v["kind"] == "sign":
            check_sign(v, filekeys)
            got = ("valid",)
        else:
            got = ("valid",) + verify(v, filekeys)
    except Err as e:
        got = ("invalid", e.name)
    except InvalidSignature:
        got = ("invalid", "INVALID_SIGNATURE")
    if v["expect"] == "invalid":
        if got != ("invalid", v["error"]):
            problems.append("expected %s, got %r" % (v["error"], got[:2]))
        return problems
    if got[0] != "valid":
        return ["expected valid, got %r" % (got,)]
    if v["kind"] == "sign":
        return problems
    _, rule, key_index, out = got
    if rule != v["rule"]:
        problems.append("rule %s != %s" % (rule, v["rule"]))
    if key_index != v.get("key_index"):
        problems.append("key_index %r != %r" % (key_index, v.get("key_index")))
    if out != v["params_out"] or list(out) != list(v["params_out"]):
        diff = set(out.items()) ^ set(v["params_out"].items())
        problems.append("params_out differs: %r" % (diff,))
    if "typed" in v:
        t = typed(out)
        for k, want in v["typed"].items():
            if t.get(k) != want:
                problems.append("typed %s %r != %r" % (k, t.get(k), want))
    if "check_order" in v:
        e = check_order(out, v["check_order"])
        if e != v["check_order"]["error"]:
            problems.append("check_order %r != %r" % (e, v["check_order"]["error"]))
    return problems


REQUIRED = {"id", "comment", "kind", "expect"}


def schema(v, filekeys):
    p = []
    missing = REQUIRED - set(v)
    if missing:
        p.append("missing fields %s" % sorted(missing))
    if v.get("kind") not in ("notify", "return", "params", "sign"):
        p.append("bad kind")
    if v.get("kind") in ("notify", "return") and ("input" in v) == ("input_hex" in v):
        p.append("needs exactly one of input/input_hex")
    if v.get("kind") in ("params", "sign") and "params" not in v:
        p.append("needs params")
    if v.get("expect") == "invalid" and v.get("error") not in ERROR_NAMES:
        p.append("bad error name")
    if v.get("expect") == "valid" and v.get("kind") != "sign":
        if v.get("rule") not in ("v1", "v2", "md5") or "params_out" not in v:
            p.append("valid vector needs rule and params_out")
        if v.get("rule") != "md5" and not isinstance(v.get("key_index"), int):
            p.append("RSA valid vector needs key_index")
        if "sign" in v.get("params_out", {}):
            p.append("params_out holds sign")
    if v.get("kind") == "sign" and v.get("expect") == "valid" and "sign" not in v:
        p.append("sign vector needs sign")
    for k in v.get("keys", []):
        if k not in filekeys:
            p.append("unknown key id %s" % k)
    return p


def main(argv):
    # Every vector file in the folder by default, hand-written ones (alipay_real.json) included.
    files = [os.path.abspath(f) for f in argv[1:]] or sorted(
        os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".json"))
    ids = set()
    # ids must be unique across every file in the folder, including hand-written ones
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".json") and os.path.join(HERE, f) not in files:
            try:
                with open(os.path.join(HERE, f), encoding="utf-8") as fh:
                    for v in json.load(fh).get("vectors", []):
                        ids.add(v.get("id"))
            except (ValueError, OSError) as e:
                print("note: could not read %s for id uniqueness: %s" % (f, e))
    failures = 0
    total = 0
    for path in files:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        assert set(doc) == {"description", "keys", "vectors"}, path
        n_ok = 0
        for v in doc["vectors"]:
            total += 1
            problems = schema(v, doc["keys"])
            if v.get("id") in ids:
                problems.append("duplicate id")
            ids.add(v.get("id"))
            if not v.get("id", "").startswith(os.path.basename(path)[:-5].replace("_", "-") + "-"):
                problems.append("id not prefixed by its file")
            if not problems:
                problems = run(v, doc["keys"])
            if problems:
                failures += 1
                print("FAIL %s: %s" % (v.get("id"), "; ".join(problems)))
            else:
                n_ok += 1
        print("%s: %d/%d vectors reproduced" % (os.path.basename(path), n_ok, len(doc["vectors"])))
    print("check.py: %d passed, %d failed" % (total - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
