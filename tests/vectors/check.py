#!/usr/bin/env python3
"""Re-verify the shared vectors with a small, independent Python implementation of
docs/rules.md (parser side: it starts from the raw input, never from generate.py's data).

Usage (from the repository root):  python3 tests/vectors/check.py [file.json ...]
Default: every synthetic file written by generate.py. Needs `cryptography`.
Exit status 0 when every vector's stated outcome is reproduced. For diagnosis vectors it checks
the schema and the finding codes (against core/src/diagnose/catalog.rs when present), whether
the input verifies as received, and, for each claimed cause, that undoing that one corruption
(or the stated fact) holds; hints are not checked.
"""

import base64
import binascii
import datetime
import hashlib
import hmac
import html
import json
import os
import re
import sys
import unicodedata
import warnings
from urllib.parse import quote_from_bytes, unquote_to_bytes

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from families import check_aes, check_diagnose_families, check_sm2, check_v3, check_wap

HERE = os.path.dirname(os.path.abspath(__file__))
# Message families checked in their own modules (families/check_*.py): each has KINDS (its
# vector kinds), ERRORS (the error names it adds, optional), run(v, filekeys, check) and
# schema(v, filekeys, check).
FAMILIES = [check_v3, check_aes, check_wap, check_diagnose_families]
ERROR_NAMES = {
    "MALFORMED_INPUT", "INPUT_TOO_LARGE", "MALFORMED_PERCENT_ENCODING", "DUPLICATE_PARAMETER",
    "MISSING_SIGNATURE", "SIGN_TYPE_NOT_ALLOWED", "UNSUPPORTED_CHARSET", "INVALID_SIGNATURE",
    "INVALID_TEXT_ENCODING", "INVALID_AMOUNT", "NOTIFY_VERIFY_REJECTED",
    "NOTIFY_VERIFY_UNEXPECTED", "APP_ID_MISMATCH", "SELLER_ID_MISMATCH", "ORDER_MISMATCH",
    "AMOUNT_MISMATCH", "INVALID_KEY", "WEAK_KEY", "INVALID_CONFIG", "NOTIFY_VERIFY_INVALID",
    "INTERNAL", "PANIC", "NULL_PARAMETER", "UNSIGNED_RESPONSE", "METHOD_MISMATCH",
    "UNKNOWN_CERT_SN", "CERT_EXPIRED", "CERT_UNTRUSTED", "AMBIGUOUS_SIGNED_CONTENT",
    "STALE_RESPONSE",
} | {name for family in FAMILIES for name in getattr(family, "ERRORS", ())}


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


MAX_KEY_BITS = 4096
QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def check_key_shape(text):
    """Text copied out of a configuration file: quotes around it, or literal \\n escapes."""
    t = text.strip()
    if t and (t[0] in QUOTES or t[-1] in QUOTES):
        raise Err("INVALID_KEY", "wrapped in quotes")
    if "\\n" in t or "\\r" in t:
        raise Err("INVALID_KEY", "literal \\n escapes")


def load_public_key(text, min_bits):
    check_key_shape(text)
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
    if key.key_size > MAX_KEY_BITS:
        raise Err("INVALID_KEY", "over the maximum size")
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


NO_BREAK_SPACES = {"\u00a0", "\u2007", "\u202f"}


def java_whitespace(c):
    """java.lang.Character.isWhitespace, from its Javadoc."""
    return (unicodedata.category(c) in ("Zs", "Zl", "Zp") and c not in NO_BREAK_SPACES) \
        or ord(c) in WS


def blank(v, codec="utf-8"):
    """StringUtils.isEmpty of Alipay's Java SDK over the text of the value's bytes."""
    try:
        return all(java_whitespace(c) for c in v.decode(codec))
    except UnicodeDecodeError:
        return False


def rsa_items(pairs, rule, keep, codec="utf-8"):
    drop = {b"sign", b"sign_type"} if rule == "v1" else {b"sign"}
    return sorted(((k, v) for k, v in pairs if k not in drop and (keep or not blank(v, codec))),
                  key=lambda kv: kv[0])


def rsa_content(pairs, rule, keep, codec="utf-8"):
    return b"&".join(k + b"=" + v for k, v in rsa_items(pairs, rule, keep, codec))


SPLIT_POINT = re.compile(rb"&(?=[A-Za-z0-9_]+=)")


def one_reading(items, allowed):
    """docs/rules.md §4: the signed items (sorted) must be how their content splits at every
    '&' followed by a parameter name and '='; split points inside the values of `allowed`
    fields do not count, and no name may hold '=' or '&'."""
    if any(b"=" in k or b"&" in k for k, _ in items):
        return False
    text = b"&".join(k + b"=" + v for k, v in items)
    received, allowed_spans, at = set(), [], 0
    for i, (k, v) in enumerate(items):
        if i:
            received.add(at - 1)
        value_start = at + len(k) + 1
        if k.decode("utf-8", "replace") in allowed:
            allowed_spans.append((value_start, value_start + len(v)))
        at = value_start + len(v) + 1
    canonical = {m.start() for m in SPLIT_POINT.finditer(text)
                 if not any(a <= m.start() < b for a, b in allowed_spans)}
    return received == canonical


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
    allowed_fields = opts.get("allow_embedded_pairs", [])
    if any(not re.fullmatch(r"[A-Za-z0-9_]+", f) for f in allowed_fields):
        raise Err("INVALID_CONFIG")

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
        any_blank = any(blank(val, codec) for k, val in pairs if k != b"sign")
        cands = [(r, keep) for r in rules for keep in ([False, True] if any_blank else [False])]
        for r, keep in cands:
            c = rsa_content(pairs, r, keep, codec)
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
    if rule == "md5":
        signed_items = sorted(((k, val) for k, val in pairs
                               if k not in (b"sign", b"sign_type") and val != b""),
                              key=lambda kv: kv[0])
    else:
        signed_items = rsa_items(pairs, rule, keep, codec)
    if not one_reading(signed_items, allowed_fields):
        raise Err("AMBIGUOUS_SIGNED_CONTENT")

    out = {}
    for k, val in pairs:
        if k == b"sign" or (k == b"sign_type" and rule != "v2"):
            continue
        if rule == "md5":
            if val == b"":
                continue
        elif not keep and blank(val, codec):
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
    c = rsa_content(pairs, v.get("rule", "v1"), False, codec)
    sig = base64.b64decode(v["sign"], validate=True)
    key.public_key().verify(sig, c, padding.PKCS1v15(), HASHES[v["sign_type"]]())
    return True


# ---------------------------------------------------------------- diagnosis vectors

CATALOG = os.path.join(HERE, "..", "..", "core", "src", "diagnose", "catalog.rs")
BUSINESS = {"APP_ID_MISMATCH", "SELLER_ID_MISMATCH"}
# The only certain findings a message that verifies can have.
FACTS_OF_SUCCESS = {"SIGN_SPACES_REPAIRED", "RULE_V2", "EMPTY_VALUES_SIGNED",
                    "APP_PUBLIC_KEY_CONFIGURED"}


def finding_codes():
    """Codes from core/src/diagnose/catalog.rs; None when the Rust tree is not there."""
    try:
        with open(CATALOG, encoding="utf-8") as fh:
            text = fh.read()
    except OSError:
        return None
    return set(re.findall(r"^    ([A-Z][A-Z0-9_]+):\s*$", text[text.index("entries! {"):], re.M))


def diag_kind(raw):
    return "return" if raw.lstrip(b" \t\r\n").startswith((b"?", b"/", b"http")) else "notify"


def query_of(raw, kind):
    if kind == "return" and raw.startswith((b"?", b"/", b"http")) and b"?" in raw:
        return raw.split(b"?", 1)[1].split(b"#", 1)[0]
    return raw


def holds(v, filekeys, pairs, keys=None, **options):
    """True when `pairs` (as a freshly encoded form) verify; business errors still mean the
    signature verified."""
    body = b"&".join(quote_from_bytes(k, safe="").encode() + b"=" +
                     quote_from_bytes(val, safe="").encode() for k, val in pairs)
    w = {"kind": "notify", "input_hex": body.hex(),
         "keys": v.get("keys", []) if keys is None else keys,
         "options": dict(v.get("options", {}), **options)}
    try:
        verify(w, filekeys)
        return True
    except Err as e:
        return e.name in BUSINESS
    except InvalidSignature:
        return False


def mapped(pairs, fn, sign_too=False):
    return [(k, val if (k in (b"sign", b"sign_type") and not sign_too) else fn(val))
            for k, val in pairs]


def transcoded(pairs, src, dst):
    def one(val):
        try:
            return val.decode(src).encode(dst)
        except (UnicodeDecodeError, UnicodeEncodeError):
            return val
    return mapped(pairs, one)


def b64_len(sign):
    s = sign.replace(b" ", b"+").rstrip(b"=")
    try:
        return len(base64.b64decode(s + b"=" * (-len(s) % 4), validate=True))
    except (binascii.Error, ValueError):
        return None


def first_only(pairs):
    seen = set()
    return [kv for kv in pairs if not (kv[0] in seen or seen.add(kv[0]))]


def without_some(v, fk, pairs):
    """Dropping one or two parameters (never sign) makes it verify."""
    names = [k for k, _ in pairs if k not in (b"sign", b"sign_type", b"charset")]
    sets = [{a} for a in names] + [{a, b} for i, a in enumerate(names) for b in names[i + 1:]]
    return any(holds(v, fk, [kv for kv in pairs if kv[0] not in s]) for s in sets)


def app_public(v, fk):
    """Key texts for the app's public keys named in the options (a private key's public half)."""
    opts = v.get("options", {})
    out = [fk[k] for k in opts.get("app_public_keys", [])]
    if opts.get("app_private_key"):
        pub = load_private_key(fk[opts["app_private_key"]]).public_key()
        out.append(pub.public_bytes(serialization.Encoding.PEM,
                                    serialization.PublicFormat.SubjectPublicKeyInfo).decode())
    return out


def unwrap_list(val):
    return val[2:-2] if val.startswith(b"['") and val.endswith(b"']") else val


# Each claimed cause, undone (or established) independently. `d` holds: v, fk (file keys),
# raw, kind, pairs (parsed without the duplicate check, or None), d (as a dict), sign, result
# (verify() as received, or the Err).
UNDO = {
    "HTML_ESCAPED": lambda d: holds(d["v"], d["fk"], mapped(d["pairs"], lambda x: html.unescape(
        x.decode("utf-8")).encode("utf-8"))),
    "PLUS_BECAME_SPACE": lambda d: any(
        holds(d["v"], d["fk"], [(k, val.replace(b" ", b"+") if k == name else val)
                                for k, val in d["pairs"]])
        for name, value in d["pairs"] if name != b"sign" and b" " in value),
    "ALREADY_DECODED": lambda d: holds(d["v"], d["fk"], [
        seg.partition(b"=")[::2] for seg in query_of(d["raw"], d["kind"]).split(b"&") if seg]),
    "ENCODED_TWICE": lambda d: holds(d["v"], d["fk"], mapped(d["pairs"], pct_decode, True)),
    "LIST_VALUES": lambda d: holds(d["v"], d["fk"], mapped(d["pairs"], unwrap_list, True)),
    "WRONG_CHARSET": lambda d: any(holds(d["v"], d["fk"], transcoded(d["pairs"], a, b))
                                   for a, b in (("utf-8", "gbk"), ("gbk", "utf-8"))),
    "UNSIGNED_EXTRA_PARAMS": lambda d: without_some(d["v"], d["fk"], d["pairs"]),
    "DUPLICATE_PARAMETER": lambda d: len(first_only(d["pairs"])) < len(d["pairs"]),
    "MERGED_QUERY_AND_BODY": lambda d: holds(d["v"], d["fk"], first_only(d["pairs"])),
    "SIGNATURE_ENCODED_TWICE": lambda d: holds(d["v"], d["fk"], [
        (k, unquote_to_bytes(val) if k == b"sign" else val) for k, val in d["pairs"]]),
    "SIGNATURE_URL_SAFE": lambda d: holds(d["v"], d["fk"], [
        (k, val.replace(b"-", b"+").replace(b"_", b"/") if k == b"sign" else val)
        for k, val in d["pairs"]]),
    "SIGNATURE_LINE_BREAKS": lambda d: holds(d["v"], d["fk"], [
        (k, b"".join(val.split()) if k == b"sign" else val) for k, val in d["pairs"]]),
    "SIGNATURE_TRUNCATED": lambda d: (b64_len(d["sign"]) or 10**9) < max(
        (load_public_key(d["fk"][k], 1024).key_size + 7) // 8 for k in d["v"]["keys"]),
    "SIGNATURE_NOT_BASE64": lambda d: b64_len(d["sign"]) is None,
    "SIGN_TYPE_NOT_ALLOWED": lambda d: d["d"].get(b"sign_type", b"RSA2").upper().decode() not in
    [t.upper() for t in d["v"].get("options", {}).get("sign_types", ["RSA2"])] and holds(
        d["v"], d["fk"], d["pairs"], sign_types=["RSA2", "RSA"]),
    "LEGACY_KEY_OR_TYPE": lambda d: holds(d["v"], d["fk"], d["pairs"], sign_types=["RSA2", "RSA"],
                                          min_key_bits=1024),
    "RULE_V2_NEEDED": lambda d: holds(d["v"], d["fk"], d["pairs"], rule="v2"),
    "RULE_V1_NEEDED": lambda d: holds(d["v"], d["fk"], d["pairs"], rule="v1"),
    "INPUT_TOO_LARGE": lambda d: len(d["raw"]) > d["v"].get("options", {}).get(
        "max_size", 65536) and holds(d["v"], d["fk"], d["pairs"], max_size=1 << 30),
    "BUSINESS_MISMATCH": lambda d: isinstance(d["result"], Err) and d["result"].name in BUSINESS,
    "AMBIGUOUS_SIGNED_CONTENT": lambda d: isinstance(d["result"], Err) and
    d["result"].name == "AMBIGUOUS_SIGNED_CONTENT" and holds(
        d["v"], d["fk"], d["pairs"],
        allow_embedded_pairs=sorted({k.decode() for k, _ in d["pairs"]
                                     if re.fullmatch(rb"[A-Za-z0-9_]+", k)})),
    "CHARSET_DOES_NOT_FIT": lambda d: isinstance(d["result"], Err) and
    d["result"].name == "INVALID_TEXT_ENCODING",
    "APP_PUBLIC_KEY_CONFIGURED": lambda d: any(
        load_public_key(d["fk"][k], 1024).public_numbers() ==
        load_public_key(t, 1024).public_numbers() for k in d["v"]["keys"] for t in app_public(
            d["v"], d["fk"])),
    "SIGNED_WITH_APP_KEY": lambda d: any(
        holds(d["v"], dict(d["fk"], _app=t), d["pairs"], keys=["_app"],
              sign_types=["RSA2", "RSA"], min_key_bits=1024) for t in app_public(d["v"], d["fk"])),
    "MISSING_SIGNATURE": lambda d: d["pairs"] is not None and blank(d["sign"]),
    "UNSUPPORTED_CHARSET": lambda d: d["d"].get(b"charset", b"").strip().decode(
        "ascii", "replace").lower() not in CHARSETS.keys() | {""},
    "BODY_IS_JSON": lambda d: d["raw"].strip()[:1] in (b"{", b"["),
    "BODY_IS_MULTIPART": lambda d: d["raw"].strip().startswith(b"--"),
    "NOT_A_FORM": lambda d: d["pairs"] is None,
    "SIGN_SPACES_REPAIRED": lambda d: b" " in d["sign"] and not isinstance(d["result"], Err),
    "RULE_V2": lambda d: not isinstance(d["result"], Err) and d["result"][0] == "v2",
    "EMPTY_VALUES_SIGNED": lambda d: not isinstance(d["result"], Err) and any(
        blank(val.encode("utf-8")) for val in d["result"][2].values()),
}


UNDO.update(check_wap.UNDO)

def run_diagnose(v, filekeys):
    problems = []
    raw = bytes.fromhex(v["input_hex"]) if "input_hex" in v else v["input"].encode("utf-8")
    kind = diag_kind(raw)
    try:
        result = verify(dict(v, kind=kind), filekeys)
    except Err as e:
        result = e
    except InvalidSignature:
        result = Err("INVALID_SIGNATURE")
    want = v["diagnosis"]
    if (not isinstance(result, Err)) != want["verified"]:
        problems.append("as received: %s, but verified=%s" % (
            getattr(result, "name", "valid"), want["verified"]))
    try:
        pairs = parse_raw(raw, kind, 1 << 30)
    except Err:
        pairs = None
    d = {"v": v, "fk": filekeys, "raw": raw, "kind": kind, "pairs": pairs, "result": result,
         "d": dict(pairs or []), "sign": dict(pairs or []).get(b"sign", b"")}
    for code in want["causes"]:
        check = UNDO.get(code)
        if check is None:
            continue
        try:
            ok = check(d)
        except (Err, TypeError, KeyError) as e:  # e.g. no parsed pairs for this cause
            ok, code = False, "%s (%s)" % (code, e)
        if not ok:
            problems.append("cause %s is not reproduced (its undo does not verify)" % code)
    return problems


def schema_diagnose(v, filekeys):
    p = []
    if v.get("expect") != "diagnosis":
        p.append("diagnose vector needs expect=diagnosis")
    diag = v.get("diagnosis")
    if not isinstance(diag, dict) or not isinstance(diag.get("verified"), bool) \
            or not isinstance(diag.get("causes"), list) or not isinstance(diag.get("hints"), list):
        return p + ["diagnosis needs verified (bool), causes and hints (lists)"]
    codes = finding_codes()
    for c in diag["causes"] + diag["hints"]:
        if codes is not None and c not in codes:
            p.append("unknown finding code %s" % c)
    if set(diag["causes"]) & set(diag["hints"]):
        p.append("a code is both a cause and a hint")
    if diag["verified"] and not set(diag["causes"]) <= FACTS_OF_SUCCESS:
        p.append("a verified message can only have facts as causes")
    opts = v.get("options", {})
    for k in opts.get("app_public_keys", []) + [opts.get("app_private_key")]:
        if k is not None and k not in filekeys:
            p.append("unknown app key id %s" % k)
    return p


def family_of(v):
    return next((f for f in FAMILIES if v.get("kind") in f.KINDS), None)


def run(v, filekeys):
    """Returns a list of problems (empty when the vector's outcome is reproduced)."""
    problems = []
    if family_of(v):
        return family_of(v).run(v, filekeys, sys.modules[__name__])
    if v["kind"] == "diagnose":
        return run_diagnose(v, filekeys)
    if v["kind"] == "response":
        return run_response(v, filekeys)
    if v["kind"] == "cert_sn":
        return run_cert_sn(v, filekeys)
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


# ---------------------------------------------------------------- API responses, certificate SNs

def scan_string(s, i):
    """End index just after the JSON string that starts at s[i] ('"')."""
    i += 1
    while i < len(s):
        if s[i] == "\\":
            i += 2
        elif s[i] == '"':
            return i + 1
        else:
            i += 1
    raise Err("MALFORMED_INPUT", "unterminated string")


def scan_value(s, i):
    """End index of the JSON value that starts at s[i]: string-aware bracket matching."""
    if i >= len(s):
        raise Err("MALFORMED_INPUT", "missing value")
    if s[i] == '"':
        return scan_string(s, i)
    if s[i] in "{[":
        depth = 0
        while i < len(s):
            if s[i] == '"':
                i = scan_string(s, i)
                continue
            if s[i] in "{[":
                depth += 1
            elif s[i] in "}]":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise Err("MALFORMED_INPUT", "unbalanced")
    j = i
    while j < len(s) and s[j] not in ",}] \t\r\n":
        j += 1
    return j


def top_members(text):
    """[(key, raw value text)] of a top-level JSON object, in order; raw spans are found by the
    scanner above, and each span must also be valid JSON."""
    ws = " \t\r\n"
    i = len(text) - len(text.lstrip(ws))
    if not text[i:i + 1] == "{":
        raise Err("MALFORMED_INPUT", "not an object")
    i += 1
    members = []
    while True:
        while i < len(text) and text[i] in ws:
            i += 1
        if text[i:i + 1] == "}" and not members:
            i += 1
            break
        if text[i:i + 1] != '"':
            raise Err("MALFORMED_INPUT", "expected a key")
        end = scan_string(text, i)
        key = json.loads(text[i:end])
        i = end
        while i < len(text) and text[i] in ws:
            i += 1
        if text[i:i + 1] != ":":
            raise Err("MALFORMED_INPUT", "expected ':'")
        i += 1
        while i < len(text) and text[i] in ws:
            i += 1
        end = scan_value(text, i)
        raw = text[i:end]
        try:
            json.loads(raw)
        except ValueError:
            raise Err("MALFORMED_INPUT", "bad value")
        members.append((key, raw))
        i = end
        while i < len(text) and text[i] in ws:
            i += 1
        if text[i:i + 1] == ",":
            i += 1
            continue
        if text[i:i + 1] == "}":
            i += 1
            break
        raise Err("MALFORMED_INPUT", "expected ',' or '}'")
    if text[i:].strip(ws):
        raise Err("MALFORMED_INPUT", "trailing data")
    return members


def der_tlv(data, i):
    """(tag, value start, value end) of the DER element at data[i]."""
    tag, n = data[i], data[i + 1]
    i += 2
    if n & 0x80:
        count = n & 0x7F
        n = int.from_bytes(data[i:i + count], "big")
        i += count
    return tag, i, i + n


def der_oid(value):
    first, arcs, acc = value[0], [], 0
    arcs = [min(first // 40, 2), first - 40 * min(first // 40, 2)]
    for b in value[1:]:
        acc = (acc << 7) | (b & 0x7F)
        if not b & 0x80:
            arcs.append(acc)
            acc = 0
    return ".".join(map(str, arcs))


def signature_oid(der):
    """The outer signatureAlgorithm OID, read without parsing the certificate."""
    _, start, _ = der_tlv(der, 0)
    _, _, tbs_end = der_tlv(der, start)
    _, alg_start, _ = der_tlv(der, tbs_end)
    _, oid_start, oid_end = der_tlv(der, alg_start)
    return der_oid(der[oid_start:oid_end])


RFC2253_KEYWORDS = {"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST",
                    "2.5.4.9": "STREET", "2.5.4.10": "O", "2.5.4.11": "OU",
                    "0.9.2342.19200300.100.1.1": "UID", "0.9.2342.19200300.100.1.25": "DC"}


def java_name(name):
    """Java X500Principal.getName(): last RDN first; ',=+<>#;"\\' escaped, NUL as \\00,
    leading/trailing space and CR escaped; unknown attributes as OID=#hex(DER)."""
    def esc(value):
        s = "".join("\\" + c if c in ',=+<>#;"\\' else ("\\00" if c == "\0" else c)
                    for c in value)
        n = len(s)
        lead = n - len(s.lstrip(" \r"))
        trail = n - len(s.rstrip(" \r"))
        return "".join("\\" + c if k < lead or k >= n - trail else c for k, c in enumerate(s))

    def ava(a):
        kw = RFC2253_KEYWORDS.get(a.oid.dotted_string)
        if kw:
            return kw + "=" + esc(a.value)
        body = a.value.encode("utf-16-be" if a._type.value == 30 else "utf-8")
        head = bytes([a._type.value]) + (bytes([len(body)]) if len(body) < 128 else
                                          bytes([0x81, len(body)]))
        return a.oid.dotted_string + "=#" + (head + body).hex()

    return ",".join("+".join(ava(a) for a in rdn) for rdn in reversed(list(name.rdns)))


def sn(cert):
    return hashlib.md5((java_name(cert.issuer) + str(cert.serial_number)).encode()).hexdigest()


def cert_ders(text):
    if "-----BEGIN" not in text:
        raise Err("INVALID_KEY", "not PEM")
    blocks = PEM_RE.findall(text)
    if not blocks or any(label != "CERTIFICATE" for label, _ in blocks):
        raise Err("INVALID_KEY", "not certificates")
    return [strict_b64(body) for _, body in blocks]


def load_cert(der):
    with warnings.catch_warnings():  # Alipay's NULL signature parameters make pyca warn
        warnings.simplefilter("ignore")
        try:
            return x509.load_der_x509_certificate(der)
        except ValueError:
            raise Err("INVALID_KEY", "unreadable certificate")


def run_cert_sn(v, filekeys):
    try:
        ders = cert_ders(filekeys[v["cert"]])
        if v.get("root"):
            rsa = [load_cert(d) for d in ders
                   if signature_oid(d).startswith("1.2.840.113549.1.1.")]
            if not rsa:
                raise Err("INVALID_KEY", "no RSA-signed certificate")
            got = ("valid", "_".join(sn(c) for c in rsa))
        else:
            got = ("valid", sn(load_cert(ders[0])))
    except Err as e:
        got = ("invalid", e.name)
    want = ("valid", v["sn"]) if v["expect"] == "valid" else ("invalid", v["error"])
    return [] if got == want else ["expected %r, got %r" % (want, got)]


def check_certificates(texts, roots_text, at):
    roots = []
    for d in cert_ders(roots_text):
        try:
            roots.append(load_cert(d))
        except Err:
            pass  # one unreadable root does not hide the others

    def utc(c, name):  # *_utc appeared in cryptography 42; the naive form is UTC
        t = getattr(c, name + "_utc", None)
        return t.timestamp() if t else c.__getattribute__(name).replace(
            tzinfo=datetime.timezone.utc).timestamp()

    def valid(c):
        if not utc(c, "not_valid_before") <= at <= utc(c, "not_valid_after"):
            raise Err("CERT_EXPIRED")

    def signed(c, issuer):
        try:
            c.verify_directly_issued_by(issuer)
            return True
        except Exception:
            return False

    for text in texts:
        if "-----BEGIN CERTIFICATE-----" not in text:
            raise Err("CERT_UNTRUSTED", "bare key")
        chain = [load_cert(d) for d in cert_ders(text)]
        cur, used = chain[0], {0}
        while True:
            valid(cur)
            root = next((r for r in roots if r.subject == cur.issuer and signed(cur, r)), None)
            if root is not None:
                valid(root)
                break
            nxt = [j for j, c in enumerate(chain) if j not in used and c.subject == cur.issuer]
            if not nxt or not signed(cur, chain[nxt[0]]):
                raise Err("CERT_UNTRUSTED")
            used.add(nxt[0])
            cur = chain[nxt[0]]


MAX_NODE_DEPTH = 100


def check_node(raw):
    """No key twice in any object of the node; objects and arrays nested at most
    MAX_NODE_DEPTH levels, the node itself being level 1."""
    def unique(pairs):
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise Err("DUPLICATE_PARAMETER", "a key twice in the node")
        return dict(pairs)

    depth = deepest = 0
    in_string = escaped = False
    for c in raw:
        if in_string:
            escaped, in_string = (False, True) if escaped else (c == "\\", c != '"')
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    if deepest > MAX_NODE_DEPTH:
        raise Err("MALFORMED_INPUT", "node nested too deeply")
    json.loads(raw, object_pairs_hook=unique)


def verify_response(v, filekeys):
    opts = v.get("options", {})
    texts = [filekeys[k] for k in v["keys"]]
    keys = [load_public_key(t, opts.get("min_key_bits", 2048)) for t in texts]
    sns = [sn(load_cert(cert_ders(t)[0])) if "-----BEGIN CERTIFICATE-----" in t else None
           for t in texts]
    if "check_certificates" in opts:
        check = opts["check_certificates"]
        check_certificates(texts, filekeys[check["root"]], check["at"])
    body = v["input"]
    if len(body.encode("utf-8")) > opts.get("max_size", 65536):
        raise Err("INPUT_TOO_LARGE")
    members = top_members(body)
    names = [k for k, _ in members]
    if len(set(names)) != len(names):
        raise Err("DUPLICATE_PARAMETER")
    nodes = [(k, raw) for k, raw in members if k.endswith("_response")]
    if not nodes:
        raise Err("MALFORMED_INPUT", "no node")
    if len(nodes) > 1:
        raise Err("DUPLICATE_PARAMETER")
    node, raw = nodes[0]
    d = {k: json.loads(r) for k, r in members}
    if "sign" not in d:
        raise Err("MISSING_SIGNATURE")
    if d["sign"] is not None and not isinstance(d["sign"], str):
        raise Err("MALFORMED_INPUT", "sign is not a string")
    if not (d["sign"] or "").strip():
        raise Err("UNSIGNED_RESPONSE")
    cert_sn = d.get("alipay_cert_sn")
    if cert_sn is not None and not isinstance(cert_sn, str):
        raise Err("MALFORMED_INPUT", "alipay_cert_sn is not a string")
    check_node(raw)
    s = d["sign"]
    if len(s) % 4 or not B64_RE.match(s):
        raise Err("INVALID_SIGNATURE", "not base64")
    sig = base64.b64decode(s)
    candidates = list(range(len(keys)))
    if cert_sn is not None and any(sns):
        candidates = [i for i in candidates if sns[i] == cert_sn]
        if not candidates:
            raise Err("UNKNOWN_CERT_SN")
    for alg in [t.upper() for t in opts.get("sign_types", ["RSA2"]) if t.upper() != "MD5"]:
        for i in candidates:
            try:
                keys[i].verify(sig, raw.encode("utf-8"), padding.PKCS1v15(), HASHES[alg]())
            except InvalidSignature:
                continue
            method = "error" if node == "error_response" else node[:-9].replace("_", ".")
            wanted = v.get("method")
            if wanted and node not in (wanted.replace(".", "_") + "_response", "error_response"):
                raise Err("METHOD_MISMATCH")
            return method, i, json.loads(raw)
    raise Err("INVALID_SIGNATURE")


def run_response(v, filekeys):
    try:
        got = ("valid",) + verify_response(v, filekeys)
    except Err as e:
        got = ("invalid", e.name)
    if v["expect"] == "invalid":
        return [] if got == ("invalid", v["error"]) else ["expected %s, got %r" % (v["error"], got)]
    want = ("valid", v["method_out"], v["key_index"], v["response_out"])
    return [] if got == want else ["expected %r, got %r" % (want[:3], got[:3])]


def schema_response(v, filekeys):
    p = []
    if v["kind"] == "response":
        if not isinstance(v.get("input"), str) or not isinstance(v.get("keys"), list):
            p.append("response vector needs input and keys")
        if v.get("expect") == "valid" and not (isinstance(v.get("method_out"), str)
                                               and isinstance(v.get("key_index"), int)
                                               and "response_out" in v):
            p.append("valid response vector needs method_out, key_index, response_out")
        check = v.get("options", {}).get("check_certificates")
        if check is not None and (check.get("root") not in filekeys
                                  or not isinstance(check.get("at"), int)):
            p.append("check_certificates needs root (key id) and at (unix seconds)")
    else:
        if v.get("cert") not in filekeys or not isinstance(v.get("root"), bool):
            p.append("cert_sn vector needs cert (key id) and root (bool)")
        if v.get("expect") == "valid" and not re.fullmatch(r"[0-9a-f]{32}(_[0-9a-f]{32})*",
                                                           v.get("sn", "")):
            p.append("valid cert_sn vector needs sn")
    return p


REQUIRED = {"id", "comment", "kind", "expect"}


def schema(v, filekeys):
    p = []
    missing = REQUIRED - set(v)
    if missing:
        p.append("missing fields %s" % sorted(missing))
    if family_of(v):
        return p + family_of(v).schema(v, filekeys, sys.modules[__name__])
    if v.get("kind") not in ("notify", "return", "params", "sign", "diagnose", "response",
                             "cert_sn"):
        p.append("bad kind")
    if v.get("kind") == "diagnose":
        p.extend(schema_diagnose(v, filekeys))
    if v.get("kind") in ("response", "cert_sn"):
        p.extend(schema_response(v, filekeys))
    if v.get("kind") in ("notify", "return", "diagnose") and ("input" in v) == ("input_hex" in v):
        p.append("needs exactly one of input/input_hex")
    if v.get("kind") in ("params", "sign") and "params" not in v:
        p.append("needs params")
    if v.get("expect") == "invalid" and v.get("error") not in ERROR_NAMES:
        p.append("bad error name")
    if v.get("expect") == "valid" and v.get("kind") not in ("sign", "response", "cert_sn"):
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


check_wap.bind(sys.modules[__name__])


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


check_sm2.install(globals())  # SM2 (国密): SM2 keys and the sm2_sign kind (sm2.json)

if __name__ == "__main__":
    sys.exit(main(sys.argv))
