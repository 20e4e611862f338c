"""OpenAPI v3 vectors (v3.json), generator side: responses signed in HTTP headers and requests
signed in an Authorization header (docs/rules.md, "OpenAPI v3 signatures").

No public v3 response exists together with the key that signed it, so every valid vector is
signed here with pyca/cryptography; the one real message is the official Node SDK's negative
vector (a mocked response whose signature must not verify with the sandbox key it ships).
Called by generate.py with its own module as `g`, for the keys, certificates and helpers.
"""

import base64
import json

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

DESCRIPTION = (
    "OpenAPI v3 (/v3/ REST API): responses signed in the alipay-signature header over "
    "timestamp\\nnonce\\nbody\\n (verified over the exact body bytes), and requests signed in "
    "the Authorization header. Synthetic, signed with pyca/cryptography by "
    "families/v3.py; one real negative vector from the official Node SDK's tests (see source).")

TS = "1717756911576"
NONCE = "4f14052a-803e-6219-a069-e9635961a5a5"
APP_ID = "2014060600164699"

# The official Node SDK's test "模拟响应验签失败": a mocked response whose signature does not
# verify with the stable sandbox's Alipay public key, which the SDK ships as a fixture.
NODE_SDK = "alipay/alipay-sdk-nodejs-all@e1676390871eb7a69b4f81aa15de8327ac15738a"
NODE_NEGATIVE_SOURCE = NODE_SDK + ":test/alipay.test.ts (L522-L549)"
NODE_STABLE_KEY_SOURCE = NODE_SDK + ":test/fixtures/alipay_stable_rsa2_public_key.pem"
NODE_STABLE_KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnaESDeU3bC5Vz03iwa8SlSVFoXkzf5ilLvTvS4j/GlcZwI/p"
    "/J7D32i6/1d/8ZZSxbb2fmVbScVP8CSZKRV7s+acumKlJHf5WV0nYgRJqjImI58AwsE37jYBjgKjVGyV9XOCMkS5vl"
    "Kv4GSqITmHkIxT1fFhNvwrB1LUyaZfqOcE5ZiP/VOwAZFJsxh7+CGL+eNw6iSRH4OSSQq5M97uJPfzHrIMn7pG6J6Ic"
    "soi3aRX1HqxA9X+01D4OeDJhcTXTwVJxzGHunjKuU5+BKYNNGuY/WBr1BWF4gfvsIDJoGP1uhwHh5mKYM9t9CCh+9wR"
    "bERGRhvBGsg/gdVsdJlfFQIDAQAB\n")
NODE_NEGATIVE = {
    "headers": [
        ["alipay-trace-id", "mock-trace-id"],
        ["alipay-sn", "434f1917d274f729a2d46adda224718d"],
        ["alipay-nonce", "mock-4f14052a803e6219a069e9635961a5a5"],
        ["alipay-timestamp", "1717756911576"],
        ["alipay-signature",
         "FYlmMLRkP/8OEK7xDl9vCzaizsJX54W8RfmyBLJp+JPp7AlWzfsc17cIfmYiI7ahEAOjJeLQgWMP45T5skJpyyA4"
         "lFBOd5qFoNx53AroH2YAh3F2FkJ0B+czeeGrE7U6tVCP95dUZaV5cLj32E/8etfqbXiesA0ttcirli2SC2h4V0v5"
         "76vfaub1fs8syNPLd4ryAGhf+BO8McHjgqwjn81f/WwEVkIe+Vq+mDOszuhFnvs7ahP9zoZLyej+hOcLrG9UkivzZ"
         "HS1lznPZ0olGQLKHXMkR0um1xKYUvUDJJsSZCrTm2q5dML3FyqgormMzLzP6nx7qAaGbZsyEXB/+A=="],
    ],
    "body": "aYA0GP8JEWaYA0GP8JEWaYA0GP8JEWaYA0GP8JEWaYA0GP8JEWaYA0GP8JEWaYA0GP8JEW",
}

QUERY = json.dumps({
    "trade_no": "2024060722001411111111111111", "out_trade_no": "20240607102028001",
    "buyer_logon_id": "159****5620", "trade_status": "TRADE_SUCCESS", "total_amount": "88.00",
    "buyer_pay_amount": "88.00", "subject": "测试商品/test", "send_pay_date": "2024-06-07 18:41:51",
}, ensure_ascii=False, separators=(",", ":"))


def sign(key, data):
    return base64.b64encode(key.sign(data, padding.PKCS1v15(), hashes.SHA256())).decode()


def response_content(ts, nonce, body):
    return ts.encode() + b"\n" + nonce.encode() + b"\n" + body.encode("utf-8") + b"\n"


def headers_of(ts, nonce, signature, sn=None, case=str.lower, extra=()):
    h = [[case("alipay-timestamp"), ts], [case("alipay-nonce"), nonce],
         [case("alipay-signature"), signature]]
    if sn is not None:
        h.append([case("alipay-sn"), sn])
    return list(extra) + h


def response_vectors(ctx, g, add, sn_a, sn_b):
    a, b = ctx.k["alipay_a"], ctx.k["alipay_b"]

    def signed(body, key=a, ts=TS, nonce=NONCE):
        return sign(key, response_content(ts, nonce, body))

    def valid(vid, comment, body, headers, keys=("alipay_a",), key_index=0, **kw):
        add("response-" + vid, comment, "v3_response", headers=headers, body=body,
            keys=list(keys), expect="valid", key_index=key_index, body_out=body, **kw)

    def invalid(vid, comment, body, headers, error, keys=("alipay_a",), **kw):
        add("response-" + vid, comment, "v3_response", headers=headers, body=body,
            keys=list(keys), expect="invalid", error=error, **kw)

    q = QUERY
    valid("basic", "A 200 response: lower-case headers as Node's res.headers gives them; the "
          "body's raw UTF-8 text is signed as its bytes.", q, headers_of(TS, NONCE, signed(q)),
          status=200)
    valid("header-case", "Header names as a server may spell them (HTTP names are "
          "case-insensitive), among other headers.", q,
          headers_of(TS, NONCE, signed(q), case=lambda n: "-".join(
              p.capitalize() for p in n.split("-")),
              extra=[["Content-Type", "application/json;charset=utf-8"],
                     ["Alipay-Trace-Id", "0b3b5e4617177569115761234e0a1c"]]))
    valid("empty-body", "An empty body signs timestamp\\nnonce\\n\\n.", "",
          headers_of(TS, NONCE, signed("")), status=200)
    err = json.dumps({"code": "invalid-parameter", "message": "参数有误",
                      "links": [{"link": "https://opendocs.alipay.com/open-v3/054fcv",
                                 "desc": "错误码"}]}, ensure_ascii=False,
                     separators=(",", ":"))
    valid("error-400", "A 400 error response is signed like any other and verified the same "
          "way.", err, headers_of(TS, NONCE, signed(err)), status=400)
    cipher = "Tq7kL0cF8mWcA9uXv0m1pZ0x7HRyfE5aA7vQk1vY3yM="
    valid("encrypted-body", "An AES-encrypted call: the body is the base64 ciphertext, signed "
          "as sent (decryption comes after).", cipher, headers_of(TS, NONCE, signed(cipher)))
    valid("timestamp-not-a-number", "Without max_response_age the timestamp is only signed "
          "text, as in the SDKs, which parse none.", q,
          headers_of("2024-06-07 18:41:51", NONCE, signed(q, ts="2024-06-07 18:41:51")))
    valid("rotation", "Two Alipay public keys during a rotation: the second verifies.", q,
          headers_of(TS, NONCE, signed(q)), keys=("alipay_b", "alipay_a"), key_index=1)
    valid("cert-sn", "Certificate mode: alipay-sn names the second configured certificate, "
          "whose key signed.", q, headers_of(TS, NONCE, signed(q, key=b), sn=sn_b),
          keys=("alipay_a_cert", "alipay_b_cert"), key_index=1)
    valid("cert-without-sn", "Certificate mode without an alipay-sn header: each configured "
          "certificate is tried.", q, headers_of(TS, NONCE, signed(q, key=b)),
          keys=("alipay_a_cert", "alipay_b_cert"), key_index=1)
    valid("sn-with-public-keys", "Public keys have no SN: alipay-sn only picks among "
          "certificates, and is ignored here (as the Node SDK does without alipayCertSn).", q,
          headers_of(TS, NONCE, signed(q), sn="0123456789abcdef0123456789abcdef"))
    fresh, stale = int(TS) + 299_999, int(TS) + 300_001
    valid("max-age-fresh", "max_response_age 300 s, now 299.999 s after alipay-timestamp.", q,
          headers_of(TS, NONCE, signed(q)), options={"max_response_age": 300}, now=fresh)
    valid("max-age-clock-behind", "max_response_age 300 s, this server's clock 299.999 s "
          "behind Alipay's.", q, headers_of(TS, NONCE, signed(q)),
          options={"max_response_age": 300}, now=int(TS) - 299_999)

    invalid("max-age-stale", "max_response_age 300 s, now 300.001 s after alipay-timestamp: a "
            "replayed response.", q, headers_of(TS, NONCE, signed(q)), "STALE_RESPONSE",
            options={"max_response_age": 300}, now=stale)
    invalid("max-age-future", "max_response_age 300 s, alipay-timestamp 300.001 s ahead of "
            "this server's clock.", q, headers_of(TS, NONCE, signed(q)), "STALE_RESPONSE",
            options={"max_response_age": 300}, now=int(TS) - 300_001)
    invalid("max-age-timestamp-not-a-number", "With max_response_age the timestamp must be "
            "milliseconds; a date text cannot be aged.", q,
            headers_of("2024-06-07 18:41:51", NONCE, signed(q, ts="2024-06-07 18:41:51")),
            "MALFORMED_INPUT", options={"max_response_age": 300}, now=fresh)
    invalid("max-age-bad-signature-first", "A stale response whose signature is also bad: the "
            "signature is judged first.", q, headers_of(TS, NONCE, signed(q, key=b)),
            "INVALID_SIGNATURE", options={"max_response_age": 300}, now=stale)
    proxy = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    invalid("unsigned", "A 502 page from a proxy: no signature headers at all.", proxy,
            [["content-type", "text/html"]], "UNSIGNED_RESPONSE", status=502)
    invalid("unsigned-empty-signature", "alipay-signature present but empty.", q,
            headers_of(TS, NONCE, ""), "UNSIGNED_RESPONSE")
    invalid("unsigned-null", "alipay-signature 'null', which the Java SDK treats as absent.", q,
            headers_of(TS, NONCE, "null"), "UNSIGNED_RESPONSE")
    invalid("missing-timestamp", "Signed, but alipay-timestamp was not passed.", q,
            headers_of(TS, NONCE, signed(q))[1:], "MALFORMED_INPUT")
    invalid("missing-nonce", "Signed, but alipay-nonce was not passed.", q,
            [h for h in headers_of(TS, NONCE, signed(q)) if h[0] != "alipay-nonce"],
            "MALFORMED_INPUT")
    invalid("tampered-body", "total_amount changed after signing.", q.replace("88.00", "88.01", 1),
            headers_of(TS, NONCE, signed(q)), "INVALID_SIGNATURE")
    invalid("tampered-timestamp", "alipay-timestamp changed by one millisecond.", q,
            headers_of(str(int(TS) + 1), NONCE, signed(q)), "INVALID_SIGNATURE")
    invalid("tampered-nonce", "alipay-nonce changed.", q,
            headers_of(TS, NONCE.replace("4f", "5f", 1), signed(q)), "INVALID_SIGNATURE")
    invalid("wrong-key", "Signed by another key than the configured one.", q,
            headers_of(TS, NONCE, signed(q, key=b)), "INVALID_SIGNATURE")
    invalid("signature-not-base64", "alipay-signature is not base64.", q,
            headers_of(TS, NONCE, "not base64!"), "INVALID_SIGNATURE")
    invalid("trailing-newline", "A line break added after the body (echo, a logger): the raw "
            "body must be exact.", q + "\n", headers_of(TS, NONCE, signed(q)),
            "INVALID_SIGNATURE")
    reencoded = json.dumps(json.loads(q))
    assert reencoded != q
    invalid("reserialized-body", "The body parsed and re-encoded with Python's json.dumps "
            "(spaces, \\u escapes) before verifying.", reencoded,
            headers_of(TS, NONCE, signed(q)), "INVALID_SIGNATURE")
    invalid("duplicate-signature", "alipay-signature twice, in two spellings: which one was "
            "sent is ambiguous.", q,
            headers_of(TS, NONCE, signed(q)) + [["Alipay-Signature", signed(q)]],
            "DUPLICATE_PARAMETER")
    invalid("joined-signature", "Two alipay-signature headers joined with ', ' by an HTTP "
            "library (Node, fetch, requests do).", q,
            headers_of(TS, NONCE, signed(q) + ", " + signed(q, key=b)), "DUPLICATE_PARAMETER")
    invalid("duplicate-timestamp", "alipay-timestamp twice.", q,
            headers_of(TS, NONCE, signed(q)) + [["alipay-timestamp", TS]],
            "DUPLICATE_PARAMETER")
    # A nonce holding a line break would move the bounds of the signed lines: this one, with
    # the body's head, signs exactly what the genuine response signs, for a shorter body.
    head, tail = '{"trade_no":"1","total_amount":"88.00"}', '{"total_amount":"0.01"}'
    genuine = head + "\n" + tail
    shifted = headers_of(TS, NONCE + "\n" + head, signed(genuine))
    assert response_content(TS, NONCE + "\n" + head, tail) == response_content(TS, NONCE, genuine)
    invalid("nonce-with-line-break", "A nonce holding a line break and the head of the genuine "
            "body: the same signed bytes would read as another body. Refused before any key is "
            "tried.", tail, shifted, "MALFORMED_INPUT")
    invalid("cert-unknown-sn", "Certificate mode: alipay-sn names no configured certificate "
            "(Alipay rotated its certificate).", q,
            headers_of(TS, NONCE, signed(q, key=b), sn=sn_b), "UNKNOWN_CERT_SN",
            keys=("alipay_a_cert",))
    invalid("cert-sn-picks-the-wrong-key", "alipay-sn names certificate A, but B signed: only "
            "the certificate of the SN is tried.", q,
            headers_of(TS, NONCE, signed(q, key=b), sn=sn_a), "INVALID_SIGNATURE",
            keys=("alipay_a_cert", "alipay_b_cert"))
    invalid("too-large", "A body over max_size.", q, headers_of(TS, NONCE, signed(q)),
            "INPUT_TOO_LARGE", options={"max_size": 64})
    invalid("rsa-only", "v3 is SHA256withRSA only: a verifier allowing RSA (SHA1) alone cannot "
            "verify it.", q, headers_of(TS, NONCE, signed(q)), "INVALID_CONFIG",
            options={"sign_types": ["RSA"]})
    invalid("max-age-zero", "max_response_age 0 is refused when the verifier is built.", q,
            headers_of(TS, NONCE, signed(q)), "INVALID_CONFIG",
            options={"max_response_age": 0}, now=int(TS))
    add("response-real-node-sdk-negative", "The official Node SDK's negative vector: a mocked "
        "response whose alipay-signature does not verify with the stable sandbox's Alipay public "
        "key (the SDK expects response-signature-verify-error). Its alipay-sn is ignored: a "
        "public key has no SN. The key is the SDK's fixture " + NODE_STABLE_KEY_SOURCE + ".",
        "v3_response", headers=NODE_NEGATIVE["headers"],
        body=NODE_NEGATIVE["body"], keys=["node_stable"], expect="invalid",
        error="INVALID_SIGNATURE", source=NODE_NEGATIVE_SOURCE)


def request_content(auth, method, uri, body, token):
    content = auth + "\n" + method + "\n" + uri + "\n" + body + "\n"
    if token is not None:
        content += token + "\n"
    return content.encode("utf-8")


def request_vectors(ctx, g, add):
    app = ctx.k["app"]

    def valid(vid, comment, method, uri, body, *, key="app_private", app_cert_sn=None,
              token=None, nonce=NONCE, ts=int(TS)):
        auth = "app_id=" + APP_ID
        if app_cert_sn is not None:
            auth += ",app_cert_sn=" + app_cert_sn
        auth += ",nonce=%s,timestamp=%d" % (nonce, ts)
        content = request_content(auth, method.upper(), uri, body, token)
        fields = request_fields(method, uri, body, key, app_cert_sn, token, nonce, ts)
        add("request-" + vid, comment, "v3_request", expect="valid",
            signed_content=content.decode("utf-8"),
            authorization="ALIPAY-SHA256withRSA %s,sign=%s" % (auth, sign(app, content)),
            **fields)

    def invalid(vid, comment, method, uri, body, error, *, key="app_private", app_cert_sn=None,
                token=None, nonce=NONCE, ts=int(TS), app_id=APP_ID):
        fields = request_fields(method, uri, body, key, app_cert_sn, token, nonce, ts, app_id)
        add("request-" + vid, comment, "v3_request", expect="invalid", error=error, **fields)

    body = json.dumps({"out_trade_no": "20240607102028001", "total_amount": "88.00",
                       "subject": "测试商品", "product_code": "FAST_INSTANT_TRADE_PAY"},
                      ensure_ascii=False, separators=(",", ":"))
    valid("post", "POST with a JSON body (its UTF-8 bytes signed).", "POST",
          "/v3/alipay/trade/precreate", body)
    valid("get-query", "GET: the query string is part of the signed URI; the empty body is an "
          "empty line.", "GET",
          "/v3/alipay/user/deloauth/detail/query?date=20230102&offset=20&limit=1", "")
    valid("cert-mode", "Certificate mode: app_cert_sn after app_id in the auth string.", "POST",
          "/v3/alipay/trade/query", '{"out_trade_no":"20240607102028001"}',
          app_cert_sn="866efef280dec9137a87d047ac446315")
    valid("app-auth-token", "On behalf of another merchant: the app auth token is a last "
          "signed line.", "POST", "/v3/alipay/trade/query",
          '{"out_trade_no":"20240607102028001"}',
          token="202212BBd64b2be8afd4b6c8468cf585bd05E50")
    valid("lower-case-method", "The method is upper-cased before signing, as the Node SDK "
          "does.", "post", "/v3/alipay/trade/query", "{}")
    valid("pkcs1-key", "The private key as bare base64 PKCS#1, as Alipay's key tool writes "
          "it.", "GET", "/v3/alipay/data/dataservice/bill/downloadurl/query?bill_type=trade"
          "&bill_date=2016-04-05", "", key="app_private_pkcs1")
    invalid("whole-url", "A whole URL instead of the path and query.", "GET",
            "https://openapi.alipay.com/v3/alipay/trade/query", "", "INVALID_CONFIG")
    invalid("unencoded-uri", "An unencoded space in the query.", "GET",
            "/v3/alipay/trade/query?subject=a b", "", "INVALID_CONFIG")
    invalid("nonce-with-comma", "A nonce with a comma would read as another auth field.",
            "GET", "/v3/alipay/trade/query", "", "INVALID_CONFIG", nonce="a,timestamp=1")
    invalid("app-id-with-comma", "An app_id with a comma would read as another auth field.",
            "GET", "/v3/alipay/trade/query", "", "INVALID_CONFIG", app_id="2014,nonce=x")
    invalid("method-not-a-word", "A method that is not an HTTP method.", "GET /x",
            "/v3/alipay/trade/query", "", "INVALID_CONFIG")
    invalid("negative-timestamp", "A timestamp before 1970.", "GET", "/v3/alipay/trade/query",
            "", "INVALID_CONFIG", ts=-1)
    invalid("public-key", "A public key where the app private key belongs.", "GET",
            "/v3/alipay/trade/query", "", "INVALID_KEY", key="alipay_a")


def request_fields(method, uri, body, key, app_cert_sn, token, nonce, ts, app_id=APP_ID):
    fields = {"private_key": key, "app_id": app_id, "method": method, "uri": uri, "body": body,
              "nonce": nonce, "timestamp": ts}
    if app_cert_sn is not None:
        fields["app_cert_sn"] = app_cert_sn
    if token is not None:
        fields["app_auth_token"] = token
    return fields


def vectors(ctx, g):
    certs = g.response_certs(ctx)
    app = ctx.k["app"]
    pkcs1 = app.private_bytes(serialization.Encoding.DER,
                              serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption())
    keys = {
        "alipay_a": g.bare_spki(ctx.k["alipay_a"]),
        "alipay_b": g.pem_spki(ctx.k["alipay_b"]),
        "alipay_a_cert": certs["a"],
        "alipay_b_cert": certs["b"],
        "app_private": g.pem_private_pkcs8(app).decode(),
        "app_private_pkcs1": g.b64(pkcs1),
        "node_stable": NODE_STABLE_KEY,
    }
    V = []

    def add(vid, comment, kind, source=None, **fields):
        g.IDS.check("v3-" + vid)
        v = {"id": "v3-" + vid, "comment": comment}
        if source:
            v["source"] = source
        v["kind"] = kind
        v.update(fields)
        V.append(v)

    response_vectors(ctx, g, add, certs["sn_a"], certs["sn_b"])
    request_vectors(ctx, g, add)
    return keys, V
