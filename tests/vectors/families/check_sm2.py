"""SM2 (国密) for check.py: its verifier extended with SM2 keys, and the sm2_sign kind.

pyca/cryptography has no SM2 ("Curve 1.2.156.10197.1.301 is not supported"), so SM2
signatures and certificate chains are checked with OpenSSL 3's command line, with the user id
1234567812345678 (`-pkeyopt distid:…`, `-vfyopt distid:…`): independent of the RustCrypto code
the library uses. Which key is SM2 is read from the DER here; the message rules stay check.py's.
`install(globals())` at the end of check.py puts this in place.
"""

import base64
import os
import subprocess
import tempfile

from cryptography.exceptions import InvalidSignature

USER_ID = "1234567812345678"
EC_PUBLIC_KEY = "1.2.840.10045.2.1"
SM2_CURVE = "1.2.156.10197.1.301"


class Sm3WithSm2:
    """The hash check.py's HASHES gives sign type SM2: a marker for the keys below."""


def openssl(*args):
    return subprocess.run(["openssl", *args], capture_output=True)


def pem(label, der):
    body = base64.encodebytes(der).decode()
    return "-----BEGIN %s-----\n%s-----END %s-----\n" % (label, body, label)


class Sm2Key:
    """An SM2 public key (its SubjectPublicKeyInfo DER) that verifies with OpenSSL."""

    def __init__(self, spki):
        self.spki = spki

    def verify(self, signature, data, _padding, algorithm):
        if not isinstance(algorithm, Sm3WithSm2):
            raise InvalidSignature()
        with tempfile.TemporaryDirectory() as tmp:
            files = {"key.pem": pem("PUBLIC KEY", self.spki).encode(), "sig": signature,
                     "msg": data}
            for name, content in files.items():
                with open(os.path.join(tmp, name), "wb") as f:
                    f.write(content)
            p = os.path.join
            done = openssl("pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pubin",
                           "-inkey", p(tmp, "key.pem"), "-in", p(tmp, "msg"), "-sigfile",
                           p(tmp, "sig"), "-pkeyopt", "distid:" + USER_ID)
        if done.returncode != 0:
            raise InvalidSignature()


class RsaKey:
    """A pyca RSA key that refuses sign type SM2 instead of hashing with SM3."""

    def __init__(self, key):
        self.key = key

    def __getattr__(self, name):
        return getattr(self.key, name)

    def verify(self, signature, data, padding, algorithm):
        if isinstance(algorithm, Sm3WithSm2):
            raise InvalidSignature()
        self.key.verify(signature, data, padding, algorithm)


def elements(der, start, end, h):
    """(tag, element start, value start, value end) of each DER element in der[start:end]."""
    out = []
    while start < end:
        tag, vs, ve = h["der_tlv"](der, start)
        out.append((tag, start, vs, ve))
        start = ve
    return out


def inside(der, h):
    """The elements of the SEQUENCE `der` is."""
    _, s, e = h["der_tlv"](der, 0)
    return elements(der, s, e, h)


def algorithm_is_sm2(der, algorithm, h):
    """Whether an AlgorithmIdentifier element names SM2: id-ecPublicKey with the SM2 curve, or
    the curve's OID as the algorithm."""
    _, _, vs, ve = algorithm
    oids = [h["der_oid"](der[s:e]) for tag, _, s, e in elements(der, vs, ve, h) if tag == 0x06]
    return oids[:1] == [SM2_CURVE] or oids[:2] == [EC_PUBLIC_KEY, SM2_CURVE]


def spki_is_sm2(der, h):
    try:
        algorithm = inside(der, h)[0]
        return algorithm[0] == 0x30 and algorithm_is_sm2(der, algorithm, h)
    except (IndexError, ValueError):
        return False


def certificate_spki(der, h):
    """The SubjectPublicKeyInfo DER of a certificate."""
    _, _, vs, ve = inside(der, h)[0]
    fields = elements(der, vs, ve, h)
    if fields[0][0] == 0xA0:  # [0] version
        fields = fields[1:]
    _, start, _, end = fields[5]  # serial, signature, issuer, validity, subject, spki
    return der[start:end]


def sm2_spki_of(text, h):
    """The SPKI DER when `text` is an SM2 public key or a certificate of one, else None."""
    h["check_key_shape"](text)
    try:
        if "-----BEGIN" in text:
            blocks = h["PEM_RE"].findall(text)
            if not blocks:
                return None
            label, body = blocks[0]
            der = h["strict_b64"](body)
            if label == "CERTIFICATE":
                der = certificate_spki(der, h)
            elif label != "PUBLIC KEY":
                return None
        else:
            der = h["strict_b64"](text)
    except (ValueError, IndexError):
        return None
    return der if spki_is_sm2(der, h) else None


def allowed_types(v):
    opts = v.get("options", {})
    if opts.get("md5_key") is not None:
        return set()
    return {t.upper() for t in opts.get("sign_types", ["RSA2"])} - {"MD5"}


def check_keys_serve(v, filekeys, h):
    """Each key must serve an allowed sign type: an SM2 key SM2, an RSA key RSA2 or RSA."""
    allowed = allowed_types(v)
    for kid in v.get("keys", []):
        try:
            is_sm2 = sm2_spki_of(filekeys[kid], h) is not None
        except h["Err"]:
            continue  # the key's own error comes when it is loaded
        serves = "SM2" in allowed if is_sm2 else bool(allowed & {"RSA2", "RSA"})
        if allowed and not serves:
            raise h["Err"]("INVALID_KEY", "the key serves no allowed sign type")


def sm2_chain(text, roots_text, at, h):
    """check.py's certificate check for an SM2 certificate, with `openssl verify`."""
    leaf, *rest = [pem("CERTIFICATE", d) for d in h["cert_ders"](text)]
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join
        for name, content in [("leaf", leaf), ("rest", "".join(rest)), ("roots", roots_text)]:
            with open(p(tmp, name), "w") as f:
                f.write(content)
        args = ["verify", "-vfyopt", "distid:" + USER_ID, "-attime", str(at), "-CAfile",
                p(tmp, "roots")]
        if rest:
            args += ["-untrusted", p(tmp, "rest")]
        done = openssl(*args, p(tmp, "leaf"))
    if done.returncode == 0:
        return
    output = (done.stdout + done.stderr).decode(errors="replace")
    if "expired" in output or "not yet valid" in output:
        raise h["Err"]("CERT_EXPIRED")
    raise h["Err"]("CERT_UNTRUSTED")


def private_sm2_spki(text, h):
    """The SPKI of an SM2 private key in PKCS#8 form (the only form the library signs with),
    or None."""
    try:
        if "-----BEGIN" in text:
            label, body = h["PEM_RE"].findall(text)[0]
            if label != "PRIVATE KEY":
                return None
            der = h["strict_b64"](body)
        else:
            der = h["strict_b64"](text)
        version, algorithm = inside(der, h)[:2]
        if version[0] != 0x02 or algorithm[0] != 0x30 or not algorithm_is_sm2(der, algorithm, h):
            return None
    except (IndexError, ValueError):
        return None
    with tempfile.NamedTemporaryFile() as f:
        f.write(der)
        f.flush()
        done = openssl("pkey", "-inform", "DER", "-in", f.name, "-pubout", "-outform", "DER")
    return done.stdout if done.returncode == 0 else None


def run_sm2_sign(v, filekeys, h):
    """An sm2_sign vector holds when its private key is an SM2 PKCS#8 key whose public key is
    `public_key` (valid) or is no such key (invalid, INVALID_KEY), and `params_out` is the
    signed set of `params` under `rule`."""
    spki = private_sm2_spki(filekeys[v["private_key"]], h)
    public = sm2_spki_of(filekeys[v["public_key"]], h)
    if v["expect"] == "invalid":
        if v["error"] != "INVALID_KEY" or spki is not None:
            return ["an SM2 PKCS#8 key signs: expected valid"]
        return []
    if spki is None or spki != public:
        return ["private_key is not the SM2 key of public_key"]
    rule = v.get("rule", "v1")
    out = {}
    for k, val in v["params"]:
        if k == "sign" or (k == "sign_type" and rule != "v2") or h["blank"](val.encode()):
            continue
        out[k] = val
    if out != v["params_out"] or list(out) != list(v["params_out"]):
        return ["params_out differs: %r" % (set(out.items()) ^ set(v["params_out"].items()),)]
    return []


def schema_sm2_sign(v, filekeys):
    p = []
    for field in ("private_key", "public_key"):
        if v.get(field) not in filekeys:
            p.append("sm2_sign vector needs %s (a key id)" % field)
    if not isinstance(v.get("params"), list) or v.get("rule", "v1") not in ("v1", "v2"):
        p.append("sm2_sign vector needs params and rule v1 or v2")
    if v.get("expect") == "valid" and not isinstance(v.get("params_out"), dict):
        p.append("valid sm2_sign vector needs params_out")
    return p


def install(h):
    """Extends check.py (its globals `h`) with SM2."""
    load_public_key = h["load_public_key"]
    verify, verify_response = h["verify"], h["verify_response"]
    check_certificates, run, schema = h["check_certificates"], h["run"], h["schema"]

    def load_sm2_or_rsa(text, min_bits):
        spki = sm2_spki_of(text, h)
        return Sm2Key(spki) if spki is not None else RsaKey(load_public_key(text, min_bits))

    def with_keys_checked(fn):
        def checked(v, filekeys):
            check_keys_serve(v, filekeys, h)
            return fn(v, filekeys)
        return checked

    def check_sm2_certificates(texts, roots_text, at):
        for text in texts:
            if "-----BEGIN CERTIFICATE-----" in text and sm2_spki_of(text, h) is not None:
                sm2_chain(text, roots_text, at, h)
            else:
                check_certificates([text], roots_text, at)

    def run_with_sm2(v, filekeys):
        if v["kind"] == "sm2_sign":
            return run_sm2_sign(v, filekeys, h)
        return run(v, filekeys)

    def schema_with_sm2(v, filekeys):
        if v.get("kind") != "sm2_sign":
            return schema(v, filekeys)
        missing = h["REQUIRED"] - set(v)
        p = ["missing fields %s" % sorted(missing)] if missing else []
        if v.get("expect") == "invalid" and v.get("error") not in h["ERROR_NAMES"]:
            p.append("bad error name")
        return p + schema_sm2_sign(v, filekeys)

    h["HASHES"]["SM2"] = Sm3WithSm2
    h.update(load_public_key=load_sm2_or_rsa, verify=with_keys_checked(verify),
             verify_response=with_keys_checked(verify_response),
             check_certificates=check_sm2_certificates, run=run_with_sm2,
             schema=schema_with_sm2)
