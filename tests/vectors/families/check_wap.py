"""Family C checker (wap.json): re-verifies legacy WAP notifications, mobile.securitypay app
results and 消息服务 messages from their raw input, independently of generate.py and of the
Rust code (docs/rules.md §11). check.py calls bind() with its own namespace, then run()
and schema() for the kinds in KINDS, and merges UNDO into its diagnosis checks.
"""

import base64
import hashlib
import hmac
import json
import re
import xml.etree.ElementTree as ET

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import padding

KINDS = ("wap_notify", "app_result", "message_service")
WAP_ORDER = (b"service", b"v", b"sec_id", b"notify_data")
NAME = re.compile(r"[A-Za-z0-9_]+")
EMBEDDED = re.compile(rb"&[A-Za-z0-9_]+=")
c = None  # check.py's namespace


def bind(check_module):
    global c
    c = check_module


def _options(v):
    opts = v.get("options", {})
    min_bits = opts.get("min_key_bits", 2048)
    keys = [c.load_public_key(v_key, min_bits) for v_key in
            (v["_filekeys"][k] for k in v.get("keys", []))]
    rsa = [s.upper() for s in opts.get("sign_types", ["RSA2"]) if s.upper() != "MD5"]
    allowed = (rsa if keys else []) + (["MD5"] if opts.get("md5_key") else [])
    return opts, keys, allowed


def _rsa_match(keys, sign, content, alg):
    s = sign.replace(b" ", b"+").decode("ascii", "replace")
    if len(s) % 4 or not c.B64_RE.match(s):
        raise c.Err("INVALID_SIGNATURE", "not base64")
    sig = base64.b64decode(s, validate=True)
    for i, key in enumerate(keys):
        try:
            key.verify(sig, content, padding.PKCS1v15(), c.HASHES[alg]())
            return i
        except (InvalidSignature, ValueError, TypeError):
            continue
    raise c.Err("INVALID_SIGNATURE")


def _business(opts, out):
    if "app_id" in opts and out.get("app_id") != opts["app_id"]:
        raise c.Err("APP_ID_MISMATCH")
    if "seller_ids" in opts and out.get("seller_id") not in opts["seller_ids"]:
        raise c.Err("SELLER_ID_MISMATCH")


def _xml_fields(text):
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise c.Err("MALFORMED_INPUT", "DTD")
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise c.Err("MALFORMED_INPUT", "not XML")
    if root.tag != "notify":
        raise c.Err("MALFORMED_INPUT", "root")
    if (root.text or "").strip():
        raise c.Err("MALFORMED_INPUT", "loose text")
    fields = []
    for child in root:
        if not NAME.fullmatch(child.tag) or len(child) or (child.tail or "").strip():
            raise c.Err("MALFORMED_INPUT", "field shape")
        if any(k == child.tag for k, _ in fields):
            raise c.Err("DUPLICATE_PARAMETER")
        fields.append((child.tag, child.text or ""))
    return fields


def verify_wap(v):
    opts, keys, allowed = _options(v)
    raw = v["input"].encode("utf-8")
    rule = opts.get("rule", "auto")
    pairs = c.parse_raw(raw, "notify", opts.get("max_size", 65536))
    names = [k for k, _ in pairs]
    if len(set(names)) != len(names):
        raise c.Err("DUPLICATE_PARAMETER")
    d = dict(pairs)
    is_wap = all(d.get(k) for k in WAP_ORDER)
    if rule in ("v1", "v2") or (rule == "auto" and not is_wap):
        return c.verify(dict(v, kind="notify"), v["_filekeys"])
    if not is_wap:
        raise c.Err("MALFORMED_INPUT", "not the WAP parameter set")
    sign = d.get(b"sign", b"")
    if not sign.strip():
        raise c.Err("MISSING_SIGNATURE")
    sec_id = d[b"sec_id"].strip()
    alg = {b"0001": "RSA"}.get(sec_id) or ("MD5" if sec_id.upper() == b"MD5" else None)
    if alg is None or alg not in allowed:
        raise c.Err("SIGN_TYPE_NOT_ALLOWED")
    cs = d.get(b"charset", b"").strip().decode("ascii", "replace").lower()
    codec = c.CHARSETS.get(cs) if cs else c.CHARSETS[opts.get("default_charset", "utf-8").lower()]
    if codec is None:
        raise c.Err("UNSUPPORTED_CHARSET")
    if not d[b"notify_data"].lstrip().startswith(b"<"):
        raise c.Err("MALFORMED_INPUT", "encrypted notify_data")
    content = b"&".join(k + b"=" + d[k] for k in WAP_ORDER)
    if alg == "MD5":
        want = hashlib.md5(content + opts["md5_key"].encode()).hexdigest().encode()
        if not hmac.compare_digest(want, sign.lower()):
            raise c.Err("INVALID_SIGNATURE")
        key_index = None
    else:
        key_index = _rsa_match(keys, sign, content, alg)
    allowed_fields = opts.get("allow_embedded_pairs", [])
    for k in WAP_ORDER:
        if k.decode() not in allowed_fields and EMBEDDED.search(d[k]):
            raise c.Err("AMBIGUOUS_SIGNED_CONTENT")
    try:
        out = {k.decode(): d[k].decode(codec) for k in WAP_ORDER}
    except UnicodeDecodeError:
        raise c.Err("INVALID_TEXT_ENCODING")
    for k, val in _xml_fields(out["notify_data"]):
        if k in out:
            raise c.Err("DUPLICATE_PARAMETER")
        out[k] = val
    _business(opts, out)
    return "wap", key_index, out


QUOTED = re.compile(rb'([A-Za-z0-9_]+)="(.*?)"(?=&[A-Za-z0-9_]+="|$)', re.S)


def verify_app_result(v):
    opts, keys, allowed = _options(v)
    raw = v["input"].encode("utf-8").strip()
    if len(raw) > opts.get("max_size", 65536):
        raise c.Err("INPUT_TOO_LARGE")
    if raw.startswith((b"resultStatus", b"{")):
        raise c.Err("MALFORMED_INPUT", "whole answer")
    pairs, at = [], 0
    while at < len(raw):
        m = QUOTED.match(raw, at)
        if not m:
            raise c.Err("MALFORMED_INPUT", "not quoted pairs")
        if any(k == m.group(1) for k, _, _ in pairs):
            raise c.Err("DUPLICATE_PARAMETER")
        pairs.append((m.group(1), m.group(2), at))
        at = m.end() + 1
    if not any(k == b"sign" for k, _, _ in pairs):
        raise c.Err("MISSING_SIGNATURE")
    if len(pairs) < 3 or pairs[-2][0] != b"sign_type" or pairs[-1][0] != b"sign":
        raise c.Err("MALFORMED_INPUT", "does not end with sign_type, sign")
    content = raw[:pairs[-2][2] - 1]
    alg = pairs[-2][1].strip().decode("ascii", "replace").upper()
    if alg not in ("RSA", "RSA2") or alg not in allowed:
        raise c.Err("SIGN_TYPE_NOT_ALLOWED")
    if not pairs[-1][1].strip():
        raise c.Err("MISSING_SIGNATURE")
    key_index = _rsa_match(keys, pairs[-1][1], content, alg)
    out = {k.decode(): val.decode("utf-8") for k, val, _ in pairs[:-2]}
    _business(opts, out)
    return "app_result", key_index, out


def _message(out, want):
    problems = []
    if out.get("msg_method") != want.get("msg_method"):
        problems.append("msg_method %r" % out.get("msg_method"))
    try:
        biz = json.loads(out["biz_content"]) if "biz_content" in out else None
        if biz != want.get("biz_content"):
            problems.append("biz_content differs")
    except ValueError:
        if want.get("biz_content_error") != "MALFORMED_INPUT":
            problems.append("biz_content is not JSON")
    ts = out.get("utc_timestamp")
    if ts is not None and re.fullmatch(r"[0-9]{1,15}", ts):
        if int(ts) != want.get("utc_timestamp_ms"):
            problems.append("utc_timestamp %s" % ts)
    elif want.get("utc_timestamp_error") != "MALFORMED_INPUT":
        problems.append("utc_timestamp %r is not milliseconds" % ts)
    return problems


def run(v, filekeys, _check=None):
    v = dict(v, _filekeys=filekeys)
    try:
        if v["kind"] == "app_result":
            got = ("valid",) + verify_app_result(v)
        elif v["kind"] == "wap_notify":
            got = ("valid",) + verify_wap(v)
        else:
            got = ("valid",) + c.verify(dict(v, kind="notify"), filekeys)
    except c.Err as e:
        got = ("invalid", e.name)
    if v["expect"] == "invalid":
        return [] if got == ("invalid", v["error"]) else [
            "expected %s, got %r" % (v["error"], got[:2])]
    if got[0] != "valid":
        return ["expected valid, got %r" % (got,)]
    _, rule, key_index, out = got
    problems = []
    if rule != v["rule"]:
        problems.append("rule %s != %s" % (rule, v["rule"]))
    if key_index != v.get("key_index"):
        problems.append("key_index %r != %r" % (key_index, v.get("key_index")))
    if list(out.items()) != list(v["params_out"].items()):
        problems.append("params_out differs: %r" % (set(out.items()) ^ set(v["params_out"].items()),))
    for k, want in (v.get("typed") or {}).items():
        t = c.typed(out)
        if t.get(k) != want:
            problems.append("typed %s %r != %r" % (k, t.get(k), want))
    if "check_order" in v:
        e = c.check_order(out, v["check_order"])
        if e != v["check_order"]["error"]:
            problems.append("check_order %r != %r" % (e, v["check_order"]["error"]))
    if "message" in v:
        problems.extend(_message(out, v["message"]))
    return problems


def schema(v, filekeys, _check=None):
    p = []
    if v.get("expect") == "valid":
        if v.get("rule") not in ("wap", "app_result", "v1") or "params_out" not in v:
            p.append("valid vector needs rule and params_out")
        if "sign" in v.get("params_out", {}):
            p.append("params_out holds sign")
    if "input" not in v:
        p.append("needs input")
    if v.get("kind") == "message_service" and v.get("expect") == "valid" and "message" not in v:
        p.append("a valid message_service vector needs message")
    return p


def undo_wap_sorted(d):
    """WAP_VERIFIED_AS_SORTED: the same message verifies under rule wap."""
    v = dict(d["v"], kind="wap_notify", options=dict(d["v"].get("options", {}), rule="wap"),
             _filekeys=d["fk"])
    try:
        return verify_wap(v)[0] == "wap"
    except c.Err:
        return False


UNDO = {"WAP_VERIFIED_AS_SORTED": undo_wap_sorted}
