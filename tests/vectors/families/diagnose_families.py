"""Diagnoses of API responses (diagnose_families.json), generator side: v2 responses, the
open-data envelope and v3 responses, each spoilt the way a merchant's code or a mock spoils it,
with the findings a correct diagnosis makes (docs/rules.md §10).

Kinds (tests/vectors/README.md): diagnose_response (`input`, optional `method`) and
diagnose_v3 (`headers`, `body`). Signed with pyca/cryptography; called by generate.py with its
own module as `g`.
"""

import base64
import hashlib
import json

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives import padding as sym_padding

DESCRIPTION = (
    "Diagnosis of API responses: v2 responses (plain and AES), the mini-program open-data "
    "envelope and v3 responses, spoilt the way merchant code and mocks spoil them (re-encoded "
    "JSON, a line break added, quotes dropped around the ciphertext, the app's key "
    "configured), with the findings a correct diagnosis makes. Synthetic, signed with "
    "pyca/cryptography by families/diagnose_families.py.")

# The finding codes only these vectors exercise (generate.py checks that every code has one).
DIAGNOSE_CODES = {
    "RESPONSE_REENCODED", "V3_BODY_REENCODED", "BODY_TRAILING_WHITESPACE",
    "ENCRYPTED_RESPONSE_UNQUOTED", "RESPONSE_UNSIGNED", "NOT_A_RESPONSE", "BODY_IS_FORM",
    "V3_HEADERS_INCOMPLETE", "METHOD_MISMATCH", "AES_KEY_MISMATCH", "CERT_SN_UNKNOWN",
}

TS = "1717756911576"
NONCE = "4f14052a-803e-6219-a069-e9635961a5a5"
NODE = {"code": "10000", "msg": "Success", "trade_no": "2024060722001411111111111111",
        "out_trade_no": "20240607102028001", "subject": "测试商品/test",
        "total_amount": "88.00"}
PHONE = '{"code":"10000","msg":"Success","mobile":"15900000000"}'


def compact(value):
    """JSON as Alipay writes it: no spaces, UTF-8, `/` unescaped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pretty(value):
    """JSON as json.dumps writes it by default: spaces after separators, \\u escapes."""
    return json.dumps(value)


def aes_key():
    return base64.b64encode(hashlib.sha256(b"alipay-notify diagnose aes key").digest()[:16]).decode()


def aes_encrypt(key_b64, plain):
    padder = sym_padding.PKCS7(128).padder()
    data = padder.update(plain.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(base64.b64decode(key_b64)), modes.CBC(b"\0" * 16)).encryptor()
    return base64.b64encode(enc.update(data) + enc.finalize()).decode()


def v3_sign(key, ts, nonce, body):
    content = ts.encode() + b"\n" + nonce.encode() + b"\n" + body.encode() + b"\n"
    return base64.b64encode(key.sign(content, padding.PKCS1v15(), hashes.SHA256())).decode()


def vectors(ctx, g):
    """(keys, vectors) of diagnose_families.json; `g` is generate.py."""
    a, b = ctx.k["alipay_a"], ctx.k["alipay_b"]
    keys = {
        "alipay_a": g.bare_spki(a),
        "alipay_b": g.pem_spki(b),
        "app": g.bare_spki(ctx.k["app"]),
        "aes": aes_key(),
        "aes_other": base64.b64encode(b"\x11" * 16).decode(),
    }
    V = []

    def add(vid, comment, kind, verified, causes=(), hints=(), **fields):
        vid = "diagnose-families-" + vid
        g.IDS.check(vid)
        v = {"id": vid, "comment": comment, "kind": kind}
        v.update(fields)
        v["expect"] = "diagnosis"
        v["diagnosis"] = {"verified": verified, "causes": list(causes), "hints": list(hints)}
        V.append(v)

    node = compact(NODE)
    name = "alipay_trade_query_response"

    def response(node_text, signed, key=a, sign_type="RSA2"):
        return g.obj((name, node_text), ("sign", g.jstr(g.rsa_sign(key, signed.encode(), sign_type))))

    def resp(vid, comment, body, verified=False, causes=(), hints=(), keys_=("alipay_a",),
             options=None, method=None):
        fields = {"input": body, "keys": list(keys_)}
        if options:
            fields["options"] = options
        if method:
            fields["method"] = method
        add("response-" + vid, comment, "diagnose_response", verified, causes, hints, **fields)

    resp("valid", "A response as Alipay sends it: it verifies and nothing is wrong.",
         response(node, node), verified=True)
    resp("reencoded", "The body was parsed and dumped again (json.dumps: spaces, \\u escapes) "
         "before verification: its compact form verifies.",
         response(pretty(NODE), node), causes=["RESPONSE_REENCODED"])
    resp("wrong-key", "Signed by another key than the configured one: nothing explains it.",
         response(node, node, key=b), hints=["KEY_OR_CONTENT_UNKNOWN"])
    resp("app-key-configured", "The app's own public key is configured instead of Alipay's.",
         response(node, node), keys_=("app",), options={"app_public_keys": ["app"]},
         causes=["APP_PUBLIC_KEY_CONFIGURED"])
    resp("rsa-sha1", "Signed with RSA (SHA-1) while the verifier allows RSA2 only.",
         response(node, node, sign_type="RSA"), options={"sign_types": ["RSA2"]},
         causes=["LEGACY_KEY_OR_TYPE"])
    resp("method-mismatch", "An authentic response to another method than the one given.",
         response(node, node), method="alipay.trade.pay", causes=["METHOD_MISMATCH"])
    unsigned = g.obj(("error_response", compact({"code": "40002", "sub_code":
                                                 "isv.invalid-app-id"})), ("sign", '""'))
    resp("unsigned", "An error response Alipay could not sign (a wrong app_id).", unsigned,
         causes=["RESPONSE_UNSIGNED"])
    resp("not-a-response", "JSON that is no API response: an array.", "[1]",
         causes=["NOT_A_RESPONSE"])
    resp("form-body", "A notification given where a response is expected.",
         "trade_status=TRADE_SUCCESS&out_trade_no=1&sign=abc", causes=["BODY_IS_FORM"])
    c = aes_encrypt(keys["aes"], compact(NODE))
    resp("encrypted-unquoted", "An encrypted response signed over the ciphertext without its "
         "quotes: a mock or proxy signed it, never Alipay.",
         response(g.jstr(c), c), options={"aes_key": "aes"},
         causes=["ENCRYPTED_RESPONSE_UNQUOTED"])
    resp("encrypted-valid", "An encrypted response signed over the quoted ciphertext, as "
         "Alipay signs it.", response(g.jstr(c), g.jstr(c)), options={"aes_key": "aes"},
         verified=True)

    pc = aes_encrypt(keys["aes"], PHONE)

    def envelope(signed):
        return g.obj(("response", g.jstr(pc)), ("sign", g.jstr(g.rsa_sign(a, signed.encode()))),
                     ("sign_type", '"RSA2"'), ("encrypt_type", '"AES"'),
                     ("charset", '"UTF-8"'))

    resp("open-data-unquoted", "Open data signed over the ciphertext without its quotes.",
         envelope(pc), options={"aes_key": "aes"}, causes=["ENCRYPTED_RESPONSE_UNQUOTED"])
    resp("open-data-wrong-aes-key", "Authentic open data, and the aes_key is another app's.",
         envelope('"%s"' % pc), options={"aes_key": "aes_other"},
         causes=["AES_KEY_MISMATCH"])

    # ---- v3
    body = compact(NODE)

    def headers(signature=None, ts=TS, nonce=NONCE):
        h = []
        if ts is not None:
            h.append(["alipay-timestamp", ts])
        if nonce is not None:
            h.append(["alipay-nonce", nonce])
        if signature is not None:
            h.append(["alipay-signature", signature])
        return h

    def v3(vid, comment, h, body_text, verified=False, causes=(), hints=(), keys_=("alipay_a",),
           options=None):
        fields = {"headers": h, "body": body_text, "keys": list(keys_)}
        if options:
            fields["options"] = options
        add("v3-" + vid, comment, "diagnose_v3", verified, causes, hints, **fields)

    good = v3_sign(a, TS, NONCE, body)
    v3("valid", "A v3 response as received: it verifies.", headers(good), body, verified=True)
    v3("reencoded", "The body was parsed and encoded again (json.dumps) before verification.",
       headers(good), pretty(NODE), causes=["V3_BODY_REENCODED"])
    v3("trailing-newline", "A line break added at the end of the body (echo, an editor).",
       headers(good), body + "\n", causes=["BODY_TRAILING_WHITESPACE"])
    v3("wrong-key", "Signed by another key: nothing explains it.",
       headers(v3_sign(b, TS, NONCE, body)), body, hints=["KEY_OR_CONTENT_UNKNOWN"])
    v3("unsigned", "No alipay-signature header: a proxy answered, or the headers were lost.",
       headers(None), body, causes=["RESPONSE_UNSIGNED"])
    v3("nonce-missing", "alipay-nonce was not passed, though the signature covers it.",
       headers(good, nonce=None), body, causes=["V3_HEADERS_INCOMPLETE"])
    v3("app-key-configured", "The app's own public key is configured instead of Alipay's.",
       headers(good), body, keys_=("app",), options={"app_public_keys": ["app"]},
       causes=["APP_PUBLIC_KEY_CONFIGURED"])
    certs = g.response_certs(ctx)
    keys["alipay_a_cert"] = certs["a"]
    v3("cert-sn-unknown", "Certificate mode: alipay-sn names a certificate none of the "
       "configured ones has (Alipay rotated its certificate).",
       headers(good) + [["alipay-sn", certs["sn_b"]]], body, keys_=("alipay_a_cert",),
       causes=["CERT_SN_UNKNOWN"])

    seen = {c for v in V for c in v["diagnosis"]["causes"] + v["diagnosis"]["hints"]}
    assert DIAGNOSE_CODES <= seen, DIAGNOSE_CODES - seen
    return keys, V
