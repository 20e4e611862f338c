"""Diagnoses of API responses (diagnose_families.json), checker side: for each vector, whether
the input verifies as received, and for each claimed cause that undoing that one mistake makes
it verify (or that the stated fact holds), with the v2, open-data and v3 readings of
check.py, check_aes.py and check_v3.py, never the generator's data. Hints are not checked.
"""

import base64
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from families import check_aes, check_v3

KINDS = ("diagnose_response", "diagnose_v3")

# Causes that are the error of the input as received: the error each one stands for.
ERROR_CAUSES = {
    "BODY_IS_FORM": ("MALFORMED_INPUT",),
    "NOT_A_RESPONSE": ("MALFORMED_INPUT",),
    "V3_HEADERS_INCOMPLETE": ("MALFORMED_INPUT",),
    "RESPONSE_UNSIGNED": ("UNSIGNED_RESPONSE",),
    "MISSING_SIGNATURE": ("MISSING_SIGNATURE",),
    "METHOD_MISMATCH": ("METHOD_MISMATCH",),
    "AES_KEY_MISMATCH": ("DECRYPTION_FAILED", "INVALID_CONFIG"),
    "CERT_SN_UNKNOWN": ("UNKNOWN_CERT_SN",),
    "DUPLICATE_PARAMETER": ("DUPLICATE_PARAMETER",),
    "INPUT_TOO_LARGE": ("INPUT_TOO_LARGE",),
}


def compact(text):
    """JSON text as Alipay writes it, key order kept."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def is_open_data(c, text):
    try:
        names = [k for k, _ in c.top_members(text)]
    except c.Err:
        return False
    return "response" in names and not any(n.endswith("_response") for n in names)


def error_of(c, fn):
    try:
        fn()
    except c.Err as e:
        return e.name
    except InvalidSignature:
        return "INVALID_SIGNATURE"
    return None


def verify(v, filekeys, c):
    """Raises the Err of the vector's input as received."""
    if v["kind"] == "diagnose_v3":
        check_v3.verify_response(v, filekeys, c)
    elif is_open_data(c, v["input"]):
        check_aes.open_data(v, filekeys, c)
    else:
        check_aes.response(v, filekeys, c)


def signs(c, v, filekeys, content, algs=("RSA2",)):
    """Whether a configured key signs `content` with the vector's signature."""
    if v["kind"] == "diagnose_v3":
        h = check_v3.pick(v["headers"], c.Err)
        sig = base64.b64decode(h["alipay-signature"])
    else:
        sig = base64.b64decode(json.loads(dict(c.top_members(v["input"]))["sign"]))
    for kid in v["keys"]:
        key = c.load_public_key(filekeys[kid], 1024)
        for alg in algs:
            try:
                key.verify(sig, content, padding.PKCS1v15(), c.HASHES[alg]())
                return True
            except InvalidSignature:
                continue
    return False


def signed_text(c, v):
    """The v2 node's raw text, or the envelope's response as a JSON string."""
    members = dict(c.top_members(v["input"]))
    if is_open_data(c, v["input"]):
        return members["response"]
    return next(raw for k, raw in members.items() if k.endswith("_response"))


def holds(cause, v, filekeys, c, error):
    """Whether the claimed cause is established."""
    if cause in ERROR_CAUSES:
        return error in ERROR_CAUSES[cause]
    if cause == "APP_PUBLIC_KEY_CONFIGURED":
        apps = [c.load_public_key(filekeys[k], 1024).public_numbers()
                for k in v.get("options", {}).get("app_public_keys", [])]
        return any(c.load_public_key(filekeys[k], 1024).public_numbers() in apps
                   for k in v["keys"])
    if cause == "LEGACY_KEY_OR_TYPE":
        lenient = dict(v, options=dict(v.get("options", {}), sign_types=["RSA2", "RSA"],
                                       min_key_bits=1024))
        return error_of(c, lambda: verify(lenient, filekeys, c)) is None
    if v["kind"] == "diagnose_v3":
        body = v["body"]
        candidate = {"BODY_TRAILING_WHITESPACE": body.rstrip(" \t\r\n"),
                     "V3_BODY_REENCODED": compact(body)}.get(cause)
        if candidate is None or candidate == body:
            return False
        return error_of(c, lambda: check_v3.verify_response(dict(v, body=candidate),
                                                            filekeys, c)) is None
    text = signed_text(c, v)
    if cause == "RESPONSE_REENCODED":
        return compact(text) != text and signs(c, v, filekeys, compact(text).encode())
    if cause == "ENCRYPTED_RESPONSE_UNQUOTED":
        return text.startswith('"') and signs(c, v, filekeys, json.loads(text).encode(),
                                              ("RSA2", "RSA"))
    return False


def run(v, filekeys, c):
    error = error_of(c, lambda: verify(v, filekeys, c))
    want = v["diagnosis"]
    problems = []
    if (error is None) != want["verified"]:
        problems.append("verified %s, but the checker gets %s" % (want["verified"], error))
    for cause in want["causes"]:
        if not holds(cause, v, filekeys, c, error):
            problems.append("cause %s does not hold (error as received: %s)" % (cause, error))
    return problems


def schema(v, filekeys, c):
    p = []
    if v.get("expect") != "diagnosis":
        p.append("%s vector needs expect=diagnosis" % v["kind"])
    diag = v.get("diagnosis")
    if not isinstance(diag, dict) or not isinstance(diag.get("verified"), bool) \
            or not isinstance(diag.get("causes"), list) or not isinstance(diag.get("hints"), list):
        return p + ["diagnosis needs verified (bool), causes and hints (lists)"]
    codes = c.finding_codes()
    for code in diag["causes"] + diag["hints"]:
        if codes is not None and code not in codes:
            p.append("unknown finding code %s" % code)
    if not isinstance(v.get("keys"), list) or any(k not in filekeys for k in v["keys"]):
        p.append("keys must be key ids")
    opts = v.get("options", {})
    for k in opts.get("app_public_keys", []) + [opts.get("aes_key")]:
        if k is not None and k not in filekeys:
            p.append("unknown key id %s in options" % k)
    if v["kind"] == "diagnose_v3":
        if not isinstance(v.get("body"), str) or not isinstance(v.get("headers"), list):
            p.append("diagnose_v3 needs headers and body")
    elif not isinstance(v.get("input"), str):
        p.append("diagnose_response needs input")
    return p
