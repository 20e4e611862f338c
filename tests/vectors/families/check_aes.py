"""AES-encrypted content for check.py: re-checks aes.json from the wire form with pyca.

A second reading of docs/rules.md §AES, parser side: AES-CBC with a zero IV and PKCS#7
(pyca's unpadder checks every padding byte), the signature over the ciphertext string with its
quotes, the open-data envelope, and 生活号 biz_content decrypted block by block with the app
private key (PKCS#1 v1.5). `base` is check.py, whose key loading and response and form
verification these build on.
"""

import base64
import json
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ERRORS = {"DECRYPTION_FAILED"}
B64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
CODECS = {"": "utf-8", "utf-8": "utf-8", "utf8": "utf-8", "gbk": "gbk", "gb2312": "gbk",
          "cp936": "gbk", "gb18030": "gb18030"}


def b64decode(text, error):
    s = "".join(text.split())
    if not s or len(s) % 4 or not B64.match(s):
        raise error
    return base64.b64decode(s, validate=True)


def aes_key(base, text):
    if text.strip()[:1] in ('"', "'") or text.strip()[-1:] in ('"', "'"):
        raise base.Err("INVALID_KEY", "quoted")
    key = b64decode(text, base.Err("INVALID_KEY", "not base64"))
    if len(key) not in (16, 24, 32):
        raise base.Err("INVALID_KEY", "not an AES key size")
    return key


def aes_decrypt(base, key, ciphertext):
    failed = base.Err("DECRYPTION_FAILED")
    data = b64decode(ciphertext, failed)
    if len(data) % 16:
        raise failed
    dec = Cipher(algorithms.AES(key), modes.CBC(b"\0" * 16)).decryptor()
    padded = dec.update(data) + dec.finalize()
    unpadder = sym_padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise failed


def text_of(base, data, codec="utf-8"):
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise base.Err("DECRYPTION_FAILED", "not text")


def decrypted_json(base, text):
    try:
        json.loads(text)
    except ValueError:
        raise base.Err("DECRYPTION_FAILED", "not JSON")
    base.check_node(text)
    return json.loads(text)


def outcome(base, v, fn):
    try:
        return ("valid",) + fn()
    except base.Err as e:
        return ("invalid", e.name)


def compare(v, got, want):
    if v["expect"] == "invalid":
        return [] if got == ("invalid", v["error"]) else ["expected %s, got %r" % (v["error"], got)]
    return [] if got == ("valid",) + want else ["expected %r, got %r" % (want, got[1:])]


def run_decrypt(v, filekeys, base):
    def go():
        key = aes_key(base, filekeys[v["aes_key"]])
        return (text_of(base, aes_decrypt(base, key, v["input"])),)
    return compare(v, outcome(base, v, go), (v.get("plaintext"),))


def signs(base, keys, algs, sig, content):
    for i, key in enumerate(keys):
        for alg in algs:
            try:
                key.verify(sig, content, padding.PKCS1v15(), base.HASHES[alg]())
            except InvalidSignature:
                continue
            return alg, i
    return None


def response(v, filekeys, base):
    """(method, key index, value, decrypted) of an aes_response vector, or its Err."""
    opts = v.get("options", {})
    key = aes_key(base, filekeys[opts["aes_key"]]) if "aes_key" in opts else None
    method, index, value = base.verify_response(v, filekeys)
    if key is None or not isinstance(value, str):
        return method, index, value, False
    value = decrypted_json(base, text_of(base, aes_decrypt(base, key, value)))
    return method, index, value, True


def run_response(v, filekeys, base):
    want = (v.get("method_out"), v.get("key_index"), v.get("response_out"), v.get("decrypted"))
    return compare(v, outcome(base, v, lambda: response(v, filekeys, base)), want)


def open_data(v, filekeys, base):
    """(key index, sign type, encrypted, data) of an open_data vector, or its Err."""
    opts = v.get("options", {})
    keys = [base.load_public_key(filekeys[k], 2048) for k in v["keys"]]
    key = aes_key(base, filekeys[opts["aes_key"]]) if "aes_key" in opts else None
    members = base.top_members(v["input"])
    names = [k for k, _ in members]
    if len(set(names)) != len(names):
        raise base.Err("DUPLICATE_PARAMETER")
    d = dict(members)
    if "response" not in d:
        raise base.Err("MALFORMED_INPUT", "no response")
    raw = d["response"]
    if raw.startswith("{"):
        response, encrypted = raw, False
    else:
        response = json.loads(raw)
        encrypted = not response.startswith("{")
    sign = json.loads(d["sign"]) if "sign" in d else ""
    if not (sign or "").strip():
        raise base.Err("MISSING_SIGNATURE")
    for name in ("sign_type", "encrypt_type", "charset"):
        if name in d and not isinstance(json.loads(d[name]), (str, type(None))):
            raise base.Err("MALFORMED_INPUT")
    label = (json.loads(d["charset"]) or "") if "charset" in d else ""
    codec = CODECS.get(label.strip().lower())
    if codec is None:
        raise base.Err("UNSUPPORTED_CHARSET")
    signed = ('"%s"' % response) if encrypted else response
    sig = b64decode(sign, base.Err("INVALID_SIGNATURE"))
    algs = [t.upper() for t in opts.get("sign_types", ["RSA2"])]
    matched = signs(base, keys, algs, sig, signed.encode(codec))
    if matched is None:
        raise base.Err("INVALID_SIGNATURE")
    if not encrypted:
        return matched[1], matched[0], False, decrypted_json(base, response)
    if key is None:
        raise base.Err("INVALID_CONFIG", "encrypted, no aes_key")
    plain = text_of(base, aes_decrypt(base, key, response), codec)
    return matched[1], matched[0], True, decrypted_json(base, plain)


def run_open_data(v, filekeys, base):
    want = (v.get("key_index"), v.get("sign_type"), v.get("encrypted"), v.get("data_out"))
    return compare(v, outcome(base, v, lambda: open_data(v, filekeys, base)), want)


def rsa_decrypt(base, private_key, text):
    failed = base.Err("DECRYPTION_FAILED")
    data = b64decode(text, failed)
    k = (private_key.key_size + 7) // 8
    if not data or len(data) % k:
        raise failed
    out = b""
    for i in range(0, len(data), k):
        try:
            out += private_key.decrypt(data[i:i + k], padding.PKCS1v15())
        except ValueError:
            raise failed
    return out


def run_biz_content(v, filekeys, base):
    def go():
        opts = v.get("options", {})
        private = None
        if "app_private_key" in opts:
            private = base.load_private_key(filekeys[opts["app_private_key"]])
        _, _, params = base.verify(dict(v, kind="notify"), filekeys)
        content = params.get("biz_content")
        if private is None or content is None or content.lstrip()[:1] in ("<", "{", ""):
            return (None,)
        codec = CODECS[params.get("charset", "").strip().lower()]
        return (text_of(base, rsa_decrypt(base, private, content), codec),)
    return compare(v, outcome(base, v, go), (v.get("biz_content_out"),))


KINDS = {
    "aes_decrypt": run_decrypt,
    "aes_response": run_response,
    "open_data": run_open_data,
    "rsa_biz_content": run_biz_content,
}


def run(v, filekeys, base):
    """Problems with the vector's stated outcome (empty when it is reproduced)."""
    return KINDS[v["kind"]](v, filekeys, base)


def schema(v, filekeys, base):
    p = [] if v.get("expect") != "invalid" or v.get("error") in base.ERROR_NAMES else [
        "bad error name"]
    opts = v.get("options", {})
    for name in ("aes_key", "app_private_key"):
        if name in opts and opts[name] not in filekeys:
            p.append("options.%s is no key id" % name)
    if v["kind"] == "aes_decrypt":
        if v.get("aes_key") not in filekeys or not isinstance(v.get("input"), str):
            p.append("aes_decrypt needs aes_key (key id) and input")
        if v.get("expect") == "valid" and not isinstance(v.get("plaintext"), str):
            p.append("valid aes_decrypt needs plaintext")
    elif not isinstance(v.get("input"), str) or not isinstance(v.get("keys"), list):
        p.append("%s needs input and keys" % v["kind"])
    if v.get("expect") == "valid":
        need = {"aes_response": ("method_out", "key_index", "response_out", "decrypted"),
                "open_data": ("key_index", "sign_type", "encrypted", "data_out"),
                "rsa_biz_content": ("biz_content_out",)}.get(v["kind"], ())
        p.extend("valid %s needs %s" % (v["kind"], f) for f in need if f not in v)
    return p
