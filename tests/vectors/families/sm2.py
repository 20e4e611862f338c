"""SM2 (国密) vectors, written to sm2.json by generate.py.

Signed with OpenSSL 3's SM2 through its command line (`openssl pkeyutl -sign -rawin -digest sm3
-pkeyopt distid:1234567812345678`): an implementation independent of the RustCrypto code the
library uses. pyca/cryptography, which signs every other file, has no SM2 ("Curve
1.2.156.10197.1.301 is not supported"). The message rules are generate.py's own (`g`); only the
keys and signatures come from here. docs/rules.md ("SM2") gives the byte rules and their
sources in Alipay's SDKs.
"""

import hashlib
import json
import os
import subprocess
import tempfile

# Every SDK's DEFAULT_USER_ID (GM/T 0009's default); Alipay uses no other.
USER_ID = "1234567812345678"

DESCRIPTION = ("SM2 (国密): sign_type=SM2 notifications, return_url queries and responses "
               "signed SM3withSM2 with the user id 1234567812345678 (DER signatures), SM2 keys "
               "and certificates, and SM2 signing round trips (kind sm2_sign). Synthetic, signed "
               "with OpenSSL 3 (tests/vectors/families/sm2.py).")

# Test keys and certificates, created once under tests/vectors/keys and then reused.
KEYS = ["sm2_alipay_a", "sm2_alipay_b", "sm2_root"]
VALIDITY = ("20240101000000Z", "20340101000000Z")
# When the certificate checks of the vectors look: inside both certificates' validity.
CHECK_AT = 1767225600  # 2026-01-01T00:00:00Z


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, capture_output=True,
                          check=True).stdout


def key_path(keydir, name):
    return os.path.join(keydir, name + ".key.pem")


def load_or_create(keydir):
    """The SM2 key files, and a root certificate with sm2_alipay_a's certificate under it."""
    for name in KEYS:
        if not os.path.exists(key_path(keydir, name)):
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                    "-out", key_path(keydir, name))
    root = os.path.join(keydir, "sm2_root.crt.pem")
    leaf = os.path.join(keydir, "sm2_alipay_a.crt.pem")
    if not (os.path.exists(root) and os.path.exists(leaf)):
        with tempfile.TemporaryDirectory() as tmp:
            issue(keydir, tmp, root, leaf)
    with open(root) as f, open(leaf) as g:
        return f.read(), g.read()


CA_CONFIG = """[ca]
default_ca = test
[test]
database = index.txt
new_certs_dir = .
serial = serial
policy = any
preserve = yes
unique_subject = no
[any]
countryName = optional
organizationName = optional
commonName = supplied
[ca_ext]
basicConstraints = critical,CA:true
[leaf_ext]
basicConstraints = critical,CA:false
"""


def issue(keydir, tmp, root_out, leaf_out):
    """SM3withSM2 certificates with fixed dates (`openssl ca`), signed with the user id."""
    with open(os.path.join(tmp, "ca.cnf"), "w") as f:
        f.write(CA_CONFIG)
    open(os.path.join(tmp, "index.txt"), "w").close()
    with open(os.path.join(tmp, "serial"), "w") as f:
        f.write("5001\n")
    distid = ["-sigopt", "distid:" + USER_ID, "-vfyopt", "distid:" + USER_ID]
    subject = "/C=CN/O=alipay-notify test/CN="

    def run(*args):
        subprocess.run(["openssl", *args], cwd=tmp, capture_output=True, check=True)

    run("req", "-new", "-key", key_path(keydir, "sm2_root"), "-subj",
        subject + "alipay-notify SM2 test root", "-sm3", "-sigopt", "distid:" + USER_ID,
        "-out", "root.csr")
    run("ca", "-batch", "-config", "ca.cnf", "-selfsign", "-keyfile",
        key_path(keydir, "sm2_root"), "-in", "root.csr", "-startdate", VALIDITY[0],
        "-enddate", VALIDITY[1], "-extensions", "ca_ext", "-md", "sm3", *distid, "-notext",
        "-out", root_out)
    run("req", "-new", "-key", key_path(keydir, "sm2_alipay_a"), "-subj",
        subject + "sm2_alipay_a leaf", "-sm3", "-sigopt", "distid:" + USER_ID,
        "-out", "leaf.csr")
    run("ca", "-batch", "-config", "ca.cnf", "-cert", root_out, "-keyfile",
        key_path(keydir, "sm2_root"), "-in", "leaf.csr", "-startdate", VALIDITY[0],
        "-enddate", VALIDITY[1], "-extensions", "leaf_ext", "-md", "sm3", *distid, "-notext",
        "-out", leaf_out)


def spki_der(keydir, name):
    return openssl("pkey", "-in", key_path(keydir, name), "-pubout", "-outform", "DER")


def pkcs8_der(keydir, name):
    return openssl("pkcs8", "-topk8", "-nocrypt", "-in", key_path(keydir, name), "-outform",
                   "DER")


def sec1_der(keydir, name):
    """The key as SEC1 ECPrivateKey DER (what `openssl pkey -outform DER` writes)."""
    return openssl("ec", "-in", key_path(keydir, name), "-outform", "DER")


class Signer:
    """SM2 signatures by the key files. OpenSSL's are randomized; each one made is kept in
    keys/sm2_signatures.json and reused for the same key, user id and content, so that
    regenerating leaves sm2.json unchanged, as the deterministic RSA files are."""

    def __init__(self, keydir):
        self.keydir = keydir
        self.path = os.path.join(keydir, "sm2_signatures.json")
        self.known = {}
        if os.path.exists(self.path):
            with open(self.path) as f:
                self.known = json.load(f)
        self.used = {}

    def sign(self, name, data, distid=USER_ID):
        """The DER SM3withSM2 signature of `data`; `distid` None signs with OpenSSL's default
        (empty) user id instead."""
        ident = hashlib.sha256(json.dumps([name, distid]).encode() + data).hexdigest()
        if ident not in self.known:
            self.known[ident] = self.fresh(name, data, distid).hex()
        self.used[ident] = self.known[ident]
        return bytes.fromhex(self.used[ident])

    def fresh(self, name, data, distid):
        with tempfile.NamedTemporaryFile() as message:
            message.write(data)
            message.flush()
            args = ["pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey",
                    key_path(self.keydir, name), "-in", message.name]
            if distid is not None:
                args += ["-pkeyopt", "distid:" + distid]
            return openssl(*args)

    def save(self):
        with open(self.path, "w", newline="\n") as f:
            json.dump(self.used, f, indent=0, sort_keys=True)
            f.write("\n")


def der_integers(der):
    """r and s of a DER signature (lengths under 128 bytes, as SM2's are)."""
    assert der[0] == 0x30 and der[1] == len(der) - 2, der.hex()
    out, i = [], 2
    for _ in range(2):
        assert der[i] == 0x02
        n = der[i + 1]
        out.append(int.from_bytes(der[i + 2:i + 2 + n], "big"))
        i += 2 + n
    assert i == len(der)
    return out


def raw_signature(der):
    """r ‖ s, 32 bytes each: what some SM2 libraries output instead of DER."""
    r, s = der_integers(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ber_signature(der):
    """The same numbers with a long-form SEQUENCE length: BER, not DER."""
    return bytes([0x30, 0x81, der[1]]) + der[2:]


def vectors(ctx, g):
    """(file keys, vectors) for sm2.json. `g` is generate.py's namespace."""
    keydir = g.KEYDIR
    root_pem, leaf_pem = load_or_create(keydir)
    signer = Signer(keydir)
    rsa_a = ctx.k["alipay_a"]
    keys = {
        "sm2_a": g.b64(spki_der(keydir, "sm2_alipay_a")),
        "sm2_a_pem": g.pem("PUBLIC KEY", spki_der(keydir, "sm2_alipay_a")),
        "sm2_a_pem_crlf": g.pem("PUBLIC KEY", spki_der(keydir, "sm2_alipay_a"), 76, "\r\n"),
        "sm2_a_cert": leaf_pem,
        "sm2_b": g.b64(spki_der(keydir, "sm2_alipay_b")),
        "sm2_root": root_pem,
        "rsa_root_and_sm2_root": ctx.chain_pem + root_pem,
        "rsa_a": g.bare_spki(rsa_a),
        "rsa_root": ctx.chain_pem,
        "ec_p256": g.bare_spki(ctx.k["ec_p256"]),
        "sm2_a_private_pem": g.pem("PRIVATE KEY", pkcs8_der(keydir, "sm2_alipay_a")),
        "sm2_a_private_b64": g.b64(pkcs8_der(keydir, "sm2_alipay_a")),
        "sm2_a_private_sec1_b64": g.b64(sec1_der(keydir, "sm2_alipay_a")),
        "rsa_a_private_pem": g.pem_private_pkcs8(rsa_a).decode(),
    }
    sm2 = {"sign_types": ["SM2"]}
    V = []

    def signed(fields, key="sm2_alipay_a", rule="v1", codec="utf-8", distid=USER_ID,
               encode=lambda der: der):
        pairs = g.to_bytes(fields, codec)
        der = signer.sign(key, g.content(pairs, rule, False, codec), distid)
        return g.with_sign(pairs, g.b64(encode(der)))

    def add(vid, comment, kind="notify", **kw):
        V.append(g.vector("sm2-" + vid, comment, kind, **kw))

    fields = g.trade_notify(sign_type="SM2")
    pairs = signed(fields)
    body = g.wire(pairs)
    out = g.signed_set(pairs, "v1", False)
    add("notify-bare-key", "A trade notification with sign_type=SM2, signed SM3withSM2 with "
        "the user id 1234567812345678 over the V1 content; Alipay's SM2 public key as bare "
        "base64 SPKI (id-ecPublicKey, curve sm2p256v1), as the console shows it.",
        input=body, keys=["sm2_a"], options=sm2, valid=("v1", 0, out))
    add("notify-pem-key", "The same notification; the key as PEM.", input=body,
        keys=["sm2_a_pem"], options=sm2, valid=("v1", 0, out))
    add("notify-pem-crlf-key", "The same notification; the key as PEM with CRLF and 76-column "
        "lines.", input=body, keys=["sm2_a_pem_crlf"], options=sm2, valid=("v1", 0, out))
    add("notify-certificate", "The same notification; the key as Alipay's SM2 public "
        "certificate (certificate mode).", input=body, keys=["sm2_a_cert"], options=sm2,
        valid=("v1", 0, out))
    add("notify-rotation", "Two SM2 keys during a rotation: the second one verifies.",
        input=body, keys=["sm2_b", "sm2_a"], options=sm2, valid=("v1", 1, out))
    add("notify-wrong-key", "Another SM2 key: the signature does not verify.", input=body,
        keys=["sm2_b"], options=sm2, error="INVALID_SIGNATURE")
    tampered = [(k, b"100.00" if k == b"total_amount" else v) for k, v in pairs]
    add("notify-tampered", "total_amount changed after signing.", input=g.wire(tampered),
        keys=["sm2_a"], options=sm2, error="INVALID_SIGNATURE")
    both = {"sign_types": ["RSA2", "SM2"]}
    add("notify-rsa-and-sm2-keys", "RSA2 and SM2 allowed, an RSA and an SM2 key: the SM2 "
        "message verifies with the SM2 key.", input=body, keys=["rsa_a", "sm2_a"],
        options=both, valid=("v1", 1, out))
    rsa_pairs, _ = g.sign_msg(ctx, g.trade_notify())
    add("notify-rsa2-beside-sm2", "The same verifier: an RSA2 message verifies with the RSA "
        "key.", input=g.wire(rsa_pairs), keys=["rsa_a", "sm2_a"], options=both,
        valid=("v1", 0, g.signed_set(rsa_pairs, "v1", False)))
    add("notify-sm2-not-allowed", "SM2 is not in sign_types (the default is RSA2 only): "
        "refused by its sign_type before any key is tried.", input=body, keys=["rsa_a"],
        error="SIGN_TYPE_NOT_ALLOWED")
    add("notify-sm2-key-without-sm2", "An SM2 key while sign_types allows only RSA2: the key "
        "cannot serve (error while building the verifier).", input=body, keys=["sm2_a"],
        error="INVALID_KEY")
    add("notify-rsa-key-for-sm2", "An RSA key while sign_types allows only SM2: the key cannot "
        "serve.", input=body, keys=["rsa_a"], options=sm2, error="INVALID_KEY")
    add("notify-ec-p256-key", "An EC P-256 key: neither RSA nor SM2.", input=body,
        keys=["ec_p256"], options=sm2, error="INVALID_KEY")
    add("notify-default-user-id", "Signed with OpenSSL's default (empty) user id instead of "
        "1234567812345678: Z differs, the signature does not verify.",
        input=g.wire(signed(fields, distid=None)), keys=["sm2_a"], options=sm2,
        error="INVALID_SIGNATURE")
    add("notify-raw-signature", "sign holds r ‖ s (64 bytes) instead of DER: refused, as the "
        "SDK's SM3withSM2 refuses it.", input=g.wire(signed(fields, encode=raw_signature)),
        keys=["sm2_a"], options=sm2, error="INVALID_SIGNATURE")
    add("notify-ber-signature", "The DER signature with a long-form length (BER): refused, as "
        "the SDK's decoder requires DER.", input=g.wire(signed(fields, encode=ber_signature)),
        keys=["sm2_a"], options=sm2, error="INVALID_SIGNATURE")
    gbk = [(k, {"charset": "GBK", "subject": "测试商品"}.get(k, v)) for k, v in fields]
    gbk_pairs = signed(gbk, codec="gbk")
    add("notify-gbk", "charset=GBK: the content is signed as GBK bytes.",
        input=g.wire(gbk_pairs), keys=["sm2_a"], options=sm2,
        valid=("v1", 0, g.signed_set(gbk_pairs, "v1", False, "gbk")))
    gateway = [(k, "SM2" if k == "sign_type" else v) for k, v in g.app_gateway_message()]
    gateway_pairs = signed(gateway, rule="v2")
    add("notify-v2-app-gateway", "An app-gateway message signed V2 (sign_type=SM2 signed).",
        input=g.wire(gateway_pairs), keys=["sm2_a"], options=sm2,
        valid=("v2", 0, g.signed_set(gateway_pairs, "v2", False)), typed=False)

    query = signed(g.return_query(sign_type="SM2"))
    add("return-query", "A return_url query signed SM2.", kind="return",
        input="?" + g.wire(query), keys=["sm2_a"], options=sm2,
        valid=("v1", 0, g.signed_set(query, "v1", False)))

    V.extend(response_vectors(g, signer, leaf_pem))
    V.extend(sign_vectors(g, fields, gateway))
    signer.save()
    return keys, V


def response_vectors(g, signer, leaf_pem):
    node = "alipay_trade_query_response"
    q = g.QUERY_NODE
    sig = g.jstr(g.b64(signer.sign("sm2_alipay_a", q.encode("utf-8"))))
    sn = g.cert_sn_of(g.load_certs(leaf_pem)[0])
    sm2 = {"sign_types": ["SM2"]}
    V = []

    def add(vid, comment, body, keys, **kw):
        V.append(g.response_vector("sm2-response-" + vid, comment, body, keys, **kw))

    add("trade-query", "alipay.trade.query answered by an SM2 app: the node text signed SM2.",
        g.obj((node, q), ("sign", sig)), ["sm2_a"], method="alipay.trade.query", options=sm2,
        valid=("alipay.trade.query", 0, q))
    tampered = q.replace('"88.00"', '"8.00"', 1)
    add("tampered", "A byte of the node changed.", g.obj((node, tampered), ("sign", sig)),
        ["sm2_a"], options=sm2, error="INVALID_SIGNATURE")
    add("cert-sn", "Certificate mode: alipay_cert_sn picks the SM2 certificate among two keys.",
        g.obj((node, q), ("alipay_cert_sn", g.jstr(sn)), ("sign", sig)),
        ["sm2_b", "sm2_a_cert"], options=sm2, valid=("alipay.trade.query", 1, q))
    checked = dict(sm2, check_certificates={"root": "rsa_root_and_sm2_root", "at": CHECK_AT})
    add("certificate-chain", "Certificate checks on: the SM2 certificate chains (SM3withSM2, "
        "user id 1234567812345678) to the SM2 root of a bundle that also holds an RSA root.",
        g.obj((node, q), ("alipay_cert_sn", g.jstr(sn)), ("sign", sig)), ["sm2_a_cert"],
        options=checked, valid=("alipay.trade.query", 0, q))
    untrusted = dict(sm2, check_certificates={"root": "rsa_root", "at": CHECK_AT})
    add("certificate-other-root", "Certificate checks against a bundle without the SM2 root.",
        g.obj((node, q), ("alipay_cert_sn", g.jstr(sn)), ("sign", sig)), ["sm2_a_cert"],
        options=untrusted, error="CERT_UNTRUSTED")
    return V


def sign_vectors(g, fields, gateway):
    """Kind sm2_sign: SM2 signatures are randomized, so a runner cannot compare one; it signs
    `params` with `private_key` (sign type SM2, `rule`) and verifies the result with
    `public_key` (sign_types SM2, rule auto): `expect` valid with `rule` and `params_out`, or
    `error`."""
    V = []

    def add(vid, comment, private_key, params, rule="v1", error=None):
        v = {"id": "sm2-sign-" + vid, "comment": comment, "kind": "sm2_sign",
             "private_key": private_key, "public_key": "sm2_a",
             "params": [[k, val] for k, val in params], "rule": rule}
        g.IDS.check(v["id"])
        if error:
            v.update({"expect": "invalid", "error": error})
        else:
            pairs = g.to_bytes(list(params) + [("sign", "x")])
            v.update({"expect": "valid", "params_out": g.signed_set(pairs, rule, False)})
        V.append(v)

    add("v1-pkcs8-pem", "The notification's parameters signed V1 with a PKCS#8 PEM SM2 key.",
        "sm2_a_private_pem", fields)
    add("v1-pkcs8-bare", "The same with the key as bare base64 PKCS#8, as Alipay's key tool "
        "shows it.", "sm2_a_private_b64", fields)
    add("v2", "An app-gateway message signed V2: sign_type is part of the signed content.",
        "sm2_a_private_pem", gateway, rule="v2")
    add("rsa-key", "An RSA private key cannot sign SM2.", "rsa_a_private_pem", fields,
        error="INVALID_KEY")
    add("public-key-as-private", "A public key where the private key belongs.", "sm2_a_pem",
        fields, error="INVALID_KEY")
    add("sec1-key", "The key as SEC1 ECPrivateKey (bare base64) instead of PKCS#8.",
        "sm2_a_private_sec1_b64", fields, error="INVALID_KEY")
    # Kind sign (RSA signing vectors): an SM2 key cannot sign RSA2.
    rsa2 = [(k, "RSA2" if k == "sign_type" else v) for k, v in fields]
    V.append(g.vector("sm2-sign-sm2-key-for-rsa2", "An SM2 private key cannot sign RSA2.",
                      "sign", params=rsa2, extra={"private_key": "sm2_a_private_pem",
                                                  "sign_type": "RSA2"}, error="INVALID_KEY"))
    return V
