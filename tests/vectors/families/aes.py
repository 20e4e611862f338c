"""AES-encrypted content (encrypt_type=AES) for generate.py: aes.json.

Independent of the Rust code: AES-CBC with pyca/cryptography (zero IV, PKCS#7, as the Java
SDK's AesEncrypt and the Node SDK's aesEncryptText), RSA signatures with pyca, and the RSA
encryption of 生活号 biz_content written out from the public numbers, so the vectors stay the
same from run to run (PKCS#1 v1.5 encryption pads with random bytes; here they come from a
hash of the plaintext).

Kinds (tests/vectors/README.md): aes_decrypt, aes_response, open_data, rsa_biz_content.
"""

import base64
import hashlib
import json

from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

DESCRIPTION = ("AES-encrypted content (encrypt_type=AES): decryption, encrypted OpenAPI "
               "responses (signed over the quoted ciphertext), the mini-program open-data "
               "envelope, and 生活号 biz_content RSA-encrypted for the app key. Synthetic, "
               "encrypted and signed with pyca/cryptography by families/aes.py; two ciphertexts "
               "from the official SDKs' tests (see source).")

JAVA_SDK = ("alipay/alipay-sdk-java-all@e500a811b4317989ee51716899e9d603876df314:"
            "src/test/java/com/alipay/api/EncryptTest.java")
NODE_SDK = ("alipay/alipay-sdk-nodejs-all@e1676390871eb7a69b4f81aa15de8327ac15738a:"
            "test/alipay.exec.test.ts")
NODE_CIPHERTEXT = ("4AOYHE0rpPnRnghunsGo+mY02DzANFLwNJJCiHfrNh2oaB2pn33PwOEOvH8mjhkE3Wh/jR+3"
                   "jHM9nvoFvOsY/SqZbZzamRg9Eh3VkRqOhSM=")


def b64(data):
    return base64.b64encode(data).decode()


def test_key(bits):
    """A throwaway AES key derived from a label, so the file is the same on every run."""
    return b64(hashlib.sha256(b"alipay-notify aes test key %d" % bits).digest()[:bits // 8])


def aes_encrypt(key_b64, plain: bytes, pad=True) -> str:
    key = base64.b64decode(key_b64)
    if pad:
        padder = sym_padding.PKCS7(128).padder()
        plain = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(b"\0" * 16)).encryptor()
    return b64(enc.update(plain) + enc.finalize())


def rsa_encrypt(private_key, plain: bytes, chunk) -> str:
    """PKCS#1 v1.5 encryption in chunks of at most `chunk` bytes (the Java SDK's 117 for RSA,
    244 for RSA2), blocks joined then base64: RSAEncryptor.doEncrypt. The padding's nonzero
    bytes come from SHA-256 of the plaintext, not a random source, for reproducible vectors."""
    numbers = private_key.public_key().public_numbers()
    k = (numbers.n.bit_length() + 7) // 8
    out = b""
    for i in range(0, len(plain), chunk):
        part = plain[i:i + chunk]
        ps, counter = b"", 0
        while len(ps) < k - 3 - len(part):
            block = hashlib.sha256(part + counter.to_bytes(4, "big")).digest()
            ps += bytes(b for b in block if b != 0)
            counter += 1
        em = b"\x00\x02" + ps[:k - 3 - len(part)] + b"\x00" + part
        out += pow(int.from_bytes(em, "big"), numbers.e, numbers.n).to_bytes(k, "big")
    return b64(out)


PHONE = '{"code":"10000","msg":"Success","mobile":"15900000000"}'
QUERY = ('{"code":"10000","msg":"Success","buyer_logon_id":"159****5620",'
         '"out_trade_no":"20240102102028001","total_amount":"88.00",'
         '"trade_no":"2024010222001411111111111111","trade_status":"TRADE_SUCCESS",'
         '"subject":"测试商品"}')
EVENT = ("<XML><FromUserId><![CDATA[2088102122485786]]></FromUserId><AppId><![CDATA["
         "2021000117600000]]></AppId><CreateTime>1719288000000</CreateTime><MsgType><![CDATA["
         "event]]></MsgType><EventType><![CDATA[follow]]></EventType><ActionParam><![CDATA["
         "{\"scene\":{\"sceneId\":\"1234\"}}]]></ActionParam><AgreementId><![CDATA["
         "20240625000000000001]]></AgreementId><AccountNo><![CDATA[null]]></AccountNo>"
         "<UserInfo><![CDATA[{\"logon_id\":\"159****5620\",\"user_name\":\"*测试\"}]]>"
         "</UserInfo></XML>")


def vectors(ctx, g):
    """(keys, vectors) of aes.json; `g` is generate.py (its signing and form helpers)."""
    a, b = ctx.k["alipay_a"], ctx.k["alipay_b"]
    keys = {
        "alipay_a": g.bare_spki(a),
        "alipay_b": g.pem_spki(b),
        "aes128": test_key(128),
        "aes192": test_key(192),
        "aes256": test_key(256),
        "java_sdk_aes": "aa4BtZ4tspm2wnXLb1ThQA==",
        "node_sdk_aes": "aYA0GP8JEW+D7/UFaskCWA==",
        "aes_wrapped": test_key(128)[:12] + "\n" + test_key(128)[12:] + "\n",
        "aes_not_base64": "this is the console's help text, not a key",
        "aes_10_bytes": b64(b"0123456789"),
        "aes_quoted": '"' + test_key(128) + '"',
        "aes_rsa_key": g.bare_spki(a),
        "app": g.pem_private_pkcs8(ctx.k["app"]).decode(),
        "app_1024": g.pem_private_pkcs8(ctx.k["legacy1024"]).decode(),
        "alipay_b_private": g.pem_private_pkcs8(b).decode(),
    }
    V = []

    def add(vid, comment, kind, expect, source=None, **fields):
        vid = "aes-" + vid
        g.IDS.check(vid)
        v = {"id": vid, "comment": comment}
        if source:
            v["source"] = source
        v["kind"] = kind
        v.update(fields)
        v["expect"] = "valid" if expect is True else "invalid"
        if expect is not True:
            v["error"] = expect
        V.append(v)

    # ---- aes_decrypt: the ciphertext alone, as alipay-notify decrypt --aes-key reads it
    def dec(vid, comment, key, ciphertext, plaintext=None, error=None, source=None):
        fields = {"aes_key": key, "input": ciphertext}
        if error is None:
            fields["plaintext"] = plaintext
        add("decrypt-" + vid, comment, "aes_decrypt", error or True, source=source, **fields)

    dec("java-sdk", "The Java SDK's own AES test: AesEncrypt of 'test1234567' with its key.",
        "java_sdk_aes", "ILpoMowjIQjfYMR847rnFQ==", "test1234567", source=JAVA_SDK)
    dec("node-sdk", "The Node SDK's encrypted alipay_open_auth_app_aes_set_response "
        "(its test config's encryptKey).", "node_sdk_aes", NODE_CIPHERTEXT,
        '{"code":"10000","msg":"Success","aes_key":"cW8mcZgoMGUVp5g7uv7bHw=="}', source=NODE_SDK)
    for bits in (128, 192, 256):
        dec("aes%d" % bits, "AES-%d (the console's keys are 128-bit; the Java and Node SDKs "
            "take 192 and 256 too)." % bits, "aes%d" % bits,
            aes_encrypt(test_key(bits), QUERY.encode()), QUERY)
    dec("empty-plaintext", "An empty plaintext is one block of padding.", "aes128",
        aes_encrypt(test_key(128), b""), "")
    dec("whole-block", "A plaintext of exactly one block gets a whole block of padding.",
        "aes128", aes_encrypt(test_key(128), b"0123456789abcdef"), "0123456789abcdef")
    wrapped = aes_encrypt(test_key(128), PHONE.encode())
    dec("wrapped-ciphertext", "Line breaks inside the base64 are ignored, as the SDKs' "
        "decoders do.", "aes128", wrapped[:40] + "\n" + wrapped[40:] + "\n", PHONE)
    dec("wrapped-key", "A key with line breaks (from a configuration file).", "aes_wrapped",
        wrapped, PHONE)
    dec("wrong-key", "The Node SDK's ciphertext under the Java SDK's key: the padding does not "
        "check.", "java_sdk_aes", NODE_CIPHERTEXT, error="DECRYPTION_FAILED")
    dec("truncated", "Cut off: not whole 16-byte blocks.", "aes128", b64(
        base64.b64decode(wrapped)[:-5]), error="DECRYPTION_FAILED")
    dec("last-block-missing", "Cut at a block boundary: the last block is gone, so the "
        "padding is wrong.", "aes128", b64(base64.b64decode(wrapped)[:-16]),
        error="DECRYPTION_FAILED")
    dec("not-base64", "Not base64.", "aes128", "not base64 at all!", error="DECRYPTION_FAILED")
    dec("empty", "Nothing to decrypt.", "aes128", "", error="DECRYPTION_FAILED")
    for name, tail in (("zero", b"\x00"), ("seventeen", b"\x11"), ("uneven", b"\x03\x02")):
        dec("padding-" + name, "A final block whose padding is invalid (%s)." % name, "aes128",
            aes_encrypt(test_key(128), b"x" * (16 - len(tail)) + tail, pad=False),
            error="DECRYPTION_FAILED")
    dec("not-utf8", "Valid padding, but the plaintext is not UTF-8 text (what a wrong key "
        "gives about once in 256 messages).", "aes128",
        aes_encrypt(test_key(128), b"\xff\xfe\xfd"), error="DECRYPTION_FAILED")
    for key, why in (("aes_not_base64", "not base64"), ("aes_10_bytes", "10 bytes"),
                     ("aes_quoted", "wrapped in quotes"),
                     ("aes_rsa_key", "an RSA public key, not an AES key")):
        dec("bad-key-" + key[4:].replace("_", "-"), "A bad aes_key (%s): a configuration "
            "error." % why, key, wrapped, error="INVALID_KEY")

    # ---- aes_response: encrypted OpenAPI responses
    node = "alipay_trade_query_response"

    def response(vid, comment, ciphertext, signed=None, key="aes128", keys=("alipay_a",),
                 method=None, error=None, out=None, decrypted=True, signer=a):
        s = json.dumps(ciphertext)
        signed = s if signed is None else signed
        body = g.obj((node, s), ("sign", g.jstr(g.rsa_sign(signer, signed.encode()))))
        fields = {"input": body, "keys": list(keys)}
        if key:
            fields["options"] = {"aes_key": key}
        if method:
            fields["method"] = method
        if error is None:
            fields.update({"method_out": "alipay.trade.query", "key_index": 0,
                           "response_out": json.loads(out) if decrypted else ciphertext,
                           "decrypted": decrypted})
        add("response-" + vid, comment, "aes_response", error or True, **fields)

    c = aes_encrypt(test_key(128), QUERY.encode())
    response("trade-query", "An encrypted alipay.trade.query response: the signature covers the "
             "ciphertext string with its quotes, as it appears in the body; verified, then "
             "decrypted.", c, method="alipay.trade.query", out=QUERY)
    response("no-aes-key", "The same response without an aes_key: verified, and the result is "
             "the ciphertext string (as before AES support).", c, key=None, decrypted=False)
    for bits in (192, 256):
        response("aes%d" % bits, "AES-%d." % bits, aes_encrypt(test_key(bits), QUERY.encode()),
                 key="aes%d" % bits, out=QUERY)
    response("quotes-dropped", "Signed over the ciphertext without its quotes (a mock or proxy "
             "re-signing it): refused, and the message says so.", c, signed=c,
             error="INVALID_SIGNATURE")
    response("tampered", "One character of the ciphertext changed after signing.",
             ("B" if c[0] != "B" else "C") + c[1:], signed=json.dumps(c),
             error="INVALID_SIGNATURE")
    response("wrong-aes-key", "Authentic, but encrypted with another app's key.", c,
             key="aes256", error="DECRYPTION_FAILED")
    response("signed-garbage", "Authentic ciphertext that does not decrypt: signed, so it is "
             "decrypted, and the padding fails.", b64(b"\x00" * 16), error="DECRYPTION_FAILED")
    response("not-json", "Decrypts to text that is not JSON.",
             aes_encrypt(test_key(128), b"not json"), error="DECRYPTION_FAILED")
    response("duplicate-in-plaintext", "Decrypts to an object with a key twice: ambiguous, as "
             "in a node in clear.", aes_encrypt(test_key(128),
                                                b'{"total_amount":"88.00","total_amount":"0.01"}'),
             error="DUPLICATE_PARAMETER")
    response("bad-aes-key", "The verifier's aes_key is not a key.", c, key="aes_10_bytes",
             error="INVALID_KEY")
    e = ('{"code":"40003","msg":"Insufficient Conditions","sub_code":'
         '"isv.decryption-error-unknown","sub_msg":"解密出错, 未知错误"}')
    body = g.obj((node, e), ("sign", g.jstr(g.rsa_sign(a, e.encode()))))
    add("response-plain-node", "A node in clear (Alipay's answer to an encrypted request it "
        "could not decrypt) with an aes_key: verified as it is, nothing decrypted.",
        "aes_response", True, input=body, keys=["alipay_a"], options={"aes_key": "aes128"},
        method_out="alipay.trade.query", key_index=0, response_out=json.loads(e),
        decrypted=False)

    # ---- open_data: the my.getPhoneNumber envelope
    def envelope(response_text, sign, **extra):
        members = [("response", g.jstr(response_text)), ("sign", g.jstr(sign))]
        members += [(k, g.jstr(v)) for k, v in extra.items()]
        return g.obj(*members)

    def open_data(vid, comment, text, key="aes128", options=None, error=None, out=None,
                  encrypted=True, sign_type="RSA2", keys=("alipay_a",)):
        opts = dict(options or {})
        if key:
            opts["aes_key"] = key
        fields = {"input": text, "keys": list(keys)}
        if opts:
            fields["options"] = opts
        if error is None:
            fields.update({"key_index": 0, "sign_type": sign_type, "encrypted": encrypted,
                           "data_out": json.loads(out)})
        add("open-data-" + vid, comment, "open_data", error or True, **fields)

    pc = aes_encrypt(test_key(128), PHONE.encode())
    full = dict(sign_type="RSA2", encrypt_type="AES", charset="UTF-8")
    open_data("phone-number", "my.getPhoneNumber: the encrypted response is signed as a JSON "
              "string, \"\\\"\" + response + \"\\\"\"; verified, then decrypted.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()), **full), out=PHONE)
    open_data("plaintext", "A response in clear (JSON text) is signed as it is.",
              envelope(PHONE, g.rsa_sign(a, PHONE.encode()), sign_type="RSA2", charset="UTF-8"),
              key=None, out=PHONE, encrypted=False)
    open_data("sign-type-unsigned", "The envelope says RSA and AES_V2, but neither is signed: "
              "the verifier's sign types (RSA2) and aes_key decide.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()), sign_type="RSA",
                       encrypt_type="AES_V2"), out=PHONE)
    open_data("allowlist-decides", "A verifier allowing RSA only refuses an RSA2 signature, "
              "whatever the envelope's sign_type says.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()), **full),
              options={"sign_types": ["RSA"]}, error="INVALID_SIGNATURE")
    open_data("rsa-sha1", "Signed RSA (SHA1withRSA) and allowed.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode(), "RSA"), sign_type="RSA"),
              options={"sign_types": ["RSA"]}, out=PHONE, sign_type="RSA")
    open_data("quotes-dropped", "Signed over the ciphertext without its quotes.",
              envelope(pc, g.rsa_sign(a, pc.encode()), **full), error="INVALID_SIGNATURE")
    open_data("response-quoted-twice", "The response holds quotes of its own (a "
              "JSON.stringify'd copy passed on).",
              envelope('"%s"' % pc, g.rsa_sign(a, ('"%s"' % pc).encode()), **full),
              error="INVALID_SIGNATURE")
    open_data("no-aes-key", "Encrypted, and the verifier has no aes_key: verified, then a "
              "configuration error.", envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()),
                                               **full), key=None, error="INVALID_CONFIG")
    open_data("wrong-aes-key", "Authentic, encrypted for another app's key.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()), **full), key="aes192",
              error="DECRYPTION_FAILED")
    open_data("wrong-public-key", "Signed by another key than the configured one.",
              envelope(pc, g.rsa_sign(b, ('"%s"' % pc).encode()), **full),
              error="INVALID_SIGNATURE")
    open_data("rotation", "Two keys configured: the second verifies.",
              envelope(pc, g.rsa_sign(a, ('"%s"' % pc).encode()), **full),
              keys=("alipay_b", "alipay_a"), out=PHONE, error=None)
    V[-1]["key_index"] = 1
    tampered = ("B" if pc[0] != "B" else "C") + pc[1:]
    open_data("tampered", "The ciphertext changed after signing.",
              envelope(tampered, g.rsa_sign(a, ('"%s"' % pc).encode()), **full),
              error="INVALID_SIGNATURE")
    open_data("missing-sign", "No sign.", g.obj(("response", g.jstr(pc))),
              error="MISSING_SIGNATURE")
    open_data("empty-sign", "An empty sign.", envelope(pc, ""), error="MISSING_SIGNATURE")
    sig = g.rsa_sign(a, ('"%s"' % pc).encode())
    open_data("duplicate-response", "response twice: which one was signed is ambiguous.",
              g.obj(("response", g.jstr(pc)), ("sign", g.jstr(sig)),
                    ("response", g.jstr(PHONE))), error="DUPLICATE_PARAMETER")
    open_data("not-an-object", "Not a JSON object.", json.dumps([pc, sig]),
              error="MALFORMED_INPUT")
    open_data("no-response", "No response member.", g.obj(("sign", g.jstr(sig))),
              error="MALFORMED_INPUT")
    open_data("unknown-charset", "A charset Alipay does not sign in.",
              envelope(pc, sig, charset="big5"), error="UNSUPPORTED_CHARSET")
    gbk_plain = '{"code":"10000","msg":"Success","user_name":"张三"}'
    gc = aes_encrypt(test_key(128), gbk_plain.encode("gbk"))
    open_data("gbk", "charset GBK: the plaintext bytes are GBK; the result is UTF-8 text.",
              envelope(gc, g.rsa_sign(a, ('"%s"' % gc).encode("gbk")), sign_type="RSA2",
                       encrypt_type="AES", charset="GBK"), out=gbk_plain)

    # ---- rsa_biz_content: 生活号 messages, biz_content RSA-encrypted for the app key
    def life(vid, comment, biz_content, key="app", error=None, out=None, signer="alipay_a"):
        fields = [("app_id", "2021000117600000"), ("biz_content", biz_content),
                  ("charset", "UTF-8"), ("msg_method", "alipay.mobile.public.message.notify"),
                  ("service", "alipay.service.check"), ("sign_type", "RSA2")]
        pairs, _ = g.sign_msg(ctx, fields, key=signer, rule="v2")
        opts = {"rule": "v2"}
        if key:
            opts["app_private_key"] = key
        v = {"input": g.wire(pairs), "keys": ["alipay_a"], "options": opts}
        if error is None:
            v["biz_content_out"] = out
        add("biz-content-" + vid, comment, "rsa_biz_content", error or True, **v)

    ev = EVENT.encode()
    life("rsa2048", "A 生活号 event whose biz_content Alipay encrypted for the 2048-bit app key "
         "(PKCS#1 v1.5, 244-byte chunks, 256-byte blocks joined): V2 signature first, then "
         "decrypted with app_private_key.", rsa_encrypt(ctx.k["app"], ev, 244), out=EVENT)
    life("rsa1024", "A 1024-bit app key: 117-byte chunks, 128-byte blocks (the Java SDK's RSA "
         "sizes).", rsa_encrypt(ctx.k["legacy1024"], ev, 117), key="app_1024", out=EVENT)
    life("plaintext", "A biz_content in clear (XML) is left alone: no decrypted value.", EVENT,
         out=None)
    life("no-app-key", "Without app_private_key nothing is decrypted.",
         rsa_encrypt(ctx.k["app"], ev, 244), key=None, out=None)
    life("other-app-key", "Encrypted for another key.", rsa_encrypt(b, ev, 244),
         error="DECRYPTION_FAILED")
    life("not-whole-blocks", "Not whole blocks of the app key.", b64(b"0123456789"),
         error="DECRYPTION_FAILED")
    life("bad-app-key", "The app_private_key is a public key.", rsa_encrypt(
        ctx.k["app"], ev, 244), key="alipay_a", error="INVALID_KEY")
    enc = rsa_encrypt(ctx.k["app"], ev, 244)
    fields = [("app_id", "2021000117600000"), ("biz_content", enc), ("charset", "UTF-8"),
              ("msg_method", "alipay.mobile.public.message.notify"),
              ("service", "alipay.service.check"), ("sign_type", "RSA2")]
    pairs, _ = g.sign_msg(ctx, fields, rule="v2")
    body = g.wire(pairs).replace("biz_content=", "biz_content=A", 1)
    add("biz-content-tampered", "The ciphertext changed after signing: refused before any "
        "decryption.", "rsa_biz_content", "INVALID_SIGNATURE", input=body, keys=["alipay_a"],
        options={"rule": "v2", "app_private_key": "app"})
    return keys, V
