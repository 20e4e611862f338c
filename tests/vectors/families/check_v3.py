"""OpenAPI v3 vectors (v3.json), checker side: re-verifies each vector from its headers, body
and keys with its own reading of docs/rules.md ("OpenAPI v3 signatures"), never from the
generator's data. Called by check.py with its own module as `c`, for the key loaders and the
certificate SN (its `Err` is the error it raises).
"""

import base64
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

KINDS = ("v3_response", "v3_request")
SIGNED_HEADERS = ("alipay-timestamp", "alipay-nonce", "alipay-signature", "alipay-sn")
PRINTABLE = re.compile(r"^[\x20-\x7e]+$")
B64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def one_line(text):
    return bool(PRINTABLE.match(text)) and len(text) <= 1024


def pick(headers, Err):
    """The four headers by lower-cased name; any of them twice is ambiguous."""
    got = {}
    for name, value in headers:
        low = name.lower()
        if low in SIGNED_HEADERS:
            if low in got:
                raise Err("DUPLICATE_PARAMETER", "header %s twice" % low)
            got[low] = value
    return got


def verifier_keys(v, filekeys, c):
    opts = v.get("options", {})
    if "max_response_age" in opts and opts["max_response_age"] < 1:
        raise c.Err("INVALID_CONFIG", "max_response_age under 1 s")
    if "RSA2" not in opts.get("sign_types", ["RSA2"]):
        raise c.Err("INVALID_CONFIG", "v3 is RSA2 only")
    keys, sns = [], []
    for kid in v["keys"]:
        text = filekeys[kid]
        keys.append(c.load_public_key(text, opts.get("min_key_bits", 2048)))
        is_cert = "-----BEGIN CERTIFICATE-----" in text
        sns.append(c.sn(c.load_cert(c.cert_ders(text)[0])) if is_cert else None)
    return keys, sns


def verify_response(v, filekeys, c):
    Err = c.Err
    keys, sns = verifier_keys(v, filekeys, c)
    opts = v.get("options", {})
    body = v["body"].encode("utf-8")
    if len(body) > opts.get("max_size", 65536):
        raise Err("INPUT_TOO_LARGE")
    h = pick(v["headers"], Err)
    signature = h.get("alipay-signature", "").strip()
    if signature in ("", "null"):
        raise Err("UNSIGNED_RESPONSE")
    if "," in signature:
        raise Err("DUPLICATE_PARAMETER", "joined signature headers")
    for name in ("alipay-timestamp", "alipay-nonce"):
        if not one_line(h.get(name, "")):
            raise Err("MALFORMED_INPUT", name)
    if len(signature) % 4 or not B64.match(signature):
        raise Err("INVALID_SIGNATURE", "not base64")
    raw = base64.b64decode(signature)
    candidates = list(range(len(keys)))
    sn = h.get("alipay-sn") or None
    if sn is not None and any(s is not None for s in sns):
        candidates = [i for i in candidates if sns[i] == sn]
        if not candidates:
            raise Err("UNKNOWN_CERT_SN")
    ts, nonce = h["alipay-timestamp"], h["alipay-nonce"]
    signed = ts.encode() + b"\n" + nonce.encode() + b"\n" + body + b"\n"
    for i in candidates:
        try:
            keys[i].verify(raw, signed, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            continue
        if "max_response_age" in opts:
            if not ts.isdigit() or not ts.isascii():
                raise Err("MALFORMED_INPUT", "timestamp is not milliseconds")
            if abs(v["now"] - int(ts)) > opts["max_response_age"] * 1000:
                raise Err("STALE_RESPONSE")
        return i, v["body"]
    raise Err("INVALID_SIGNATURE")


def sign_request(v, filekeys, c):
    Err = c.Err
    key = c.load_private_key(filekeys[v["private_key"]])

    def field(value, name):
        if not one_line(value) or "," in value or "=" in value:
            raise Err("INVALID_CONFIG", name)
        return value

    auth = "app_id=" + field(v["app_id"], "app_id")
    if "app_cert_sn" in v:
        auth += ",app_cert_sn=" + field(v["app_cert_sn"], "app_cert_sn")
    method = v["method"].upper()
    if not re.fullmatch(r"[A-Z]{1,16}", method):
        raise Err("INVALID_CONFIG", "method")
    uri = v["uri"]
    if not uri.startswith("/") or not one_line(uri) or " " in uri:
        raise Err("INVALID_CONFIG", "uri")
    if v["timestamp"] < 0:
        raise Err("INVALID_CONFIG", "timestamp")
    auth += ",nonce=%s,timestamp=%d" % (field(v["nonce"], "nonce"), v["timestamp"])
    lines = [auth, method, uri, v["body"]]
    if "app_auth_token" in v:
        if not one_line(v["app_auth_token"]):
            raise Err("INVALID_CONFIG", "app_auth_token")
        lines.append(v["app_auth_token"])
    content = "".join(line + "\n" for line in lines).encode("utf-8")
    sign = base64.b64encode(key.sign(content, padding.PKCS1v15(), hashes.SHA256())).decode()
    return content.decode("utf-8"), "ALIPAY-SHA256withRSA %s,sign=%s" % (auth, sign)


def run(v, filekeys, c):
    """Problems with the vector's stated outcome (empty when it is reproduced)."""
    if v["expect"] == "invalid":
        want = ("invalid", v["error"])
    elif v["kind"] == "v3_response":
        want = ("valid", v.get("key_index"), v.get("body_out"))
    else:
        want = ("valid", v.get("signed_content"), v.get("authorization"))
    try:
        if v["kind"] == "v3_response":
            got = ("valid",) + verify_response(v, filekeys, c)
        else:
            got = ("valid",) + sign_request(v, filekeys, c)
    except c.Err as e:
        got = ("invalid", e.name)
    return [] if got == want else ["expected %r, got %r" % (want, got)]


def schema(v, filekeys, c):
    p = []
    if v["kind"] == "v3_response":
        if not isinstance(v.get("body"), str) or not isinstance(v.get("keys"), list):
            p.append("v3_response needs body and keys")
        headers = v.get("headers")
        if not isinstance(headers, list) or not all(
                isinstance(h, list) and len(h) == 2 and all(isinstance(x, str) for x in h)
                for h in headers):
            p.append("headers must be [name, value] pairs of strings")
        if "max_response_age" in v.get("options", {}) and not isinstance(v.get("now"), int):
            p.append("max_response_age needs now (milliseconds)")
        if v.get("expect") == "valid" and not (isinstance(v.get("key_index"), int)
                                               and isinstance(v.get("body_out"), str)):
            p.append("valid v3_response needs key_index and body_out")
        for k in v.get("keys", []):
            if k not in filekeys:
                p.append("unknown key id %s" % k)
    else:
        for name in ("private_key", "app_id", "method", "uri", "body", "nonce"):
            if not isinstance(v.get(name), str):
                p.append("v3_request needs %s" % name)
        if not isinstance(v.get("timestamp"), int):
            p.append("v3_request needs timestamp (milliseconds)")
        if v.get("private_key") not in filekeys:
            p.append("unknown private key id")
        if v.get("expect") == "valid" and not (isinstance(v.get("signed_content"), str)
                                               and isinstance(v.get("authorization"), str)):
            p.append("valid v3_request needs signed_content and authorization")
    if v.get("expect") == "invalid" and v.get("error") not in c.ERROR_NAMES:
        p.append("bad error name")
    return p
