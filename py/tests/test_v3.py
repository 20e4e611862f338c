"""OpenAPI v3: responses verified from their headers as each HTTP library gives them, and the
Authorization header of requests. The shared vectors (v3.json) run in test_vectors.py."""

from __future__ import annotations

import http.client
import io
import json
from typing import Any

import pytest

from alipay_notify import V3Signer, Verifier, exceptions
from conftest import VECTORS

DOC = json.loads((VECTORS / "v3.json").read_text(encoding="utf-8"))
KEYS: dict[str, str] = DOC["keys"]
BY_ID: dict[str, dict[str, Any]] = {v["id"]: v for v in DOC["vectors"]}
BASIC = BY_ID["v3-response-basic"]
BODY: bytes = BASIC["body"].encode("utf-8")
HEADERS: dict[str, str] = dict(BASIC["headers"])


def verifier(**options: Any) -> Verifier:
    return Verifier(KEYS["alipay_a"], **options)


def django_headers(headers: dict[str, str]) -> Any:
    """`request.headers` of Django, built from the WSGI environ as Django builds it."""
    from django.http.request import HttpHeaders

    environ = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    environ["CONTENT_TYPE"] = "application/json"
    return HttpHeaders(environ)


def http_message(lines: list[tuple[str, str]]) -> http.client.HTTPMessage:
    """`response.headers` of urllib / http.client: not a Mapping, but has items()."""
    raw = "".join(f"{name}: {value}\r\n" for name, value in lines) + "\r\n"
    return http.client.parse_headers(io.BytesIO(raw.encode("latin-1")))


@pytest.mark.parametrize(
    "headers",
    [
        HEADERS,
        {name.title(): value for name, value in HEADERS.items()},
        {"Content-Type": "application/json", **{n.upper(): v for n, v in HEADERS.items()}},
        list(HEADERS.items()),
        tuple(HEADERS.items()),
        django_headers(HEADERS),
        http_message([("Content-Type", "application/json"), *HEADERS.items()]),
    ],
    ids=["dict", "title-case", "upper-case", "pairs", "tuple", "django", "http.client"],
)
def test_headers_as_each_library_gives_them(headers: Any) -> None:
    response = verifier().verify_v3(headers, BODY)
    assert response.body == BODY
    assert response.text == BASIC["body"]
    assert response.json() == json.loads(BASIC["body"])
    assert response.timestamp == HEADERS["alipay-timestamp"]
    assert response.timestamp_millis == int(HEADERS["alipay-timestamp"])
    assert response.nonce == HEADERS["alipay-nonce"]
    assert response.cert_sn is None
    assert response.key_index == 0
    assert response.key_fingerprint == verifier().key_fingerprints[0]
    expected = f"{response.timestamp}\n{response.nonce}\n".encode() + BODY + b"\n"
    assert response.signed_content == expected


@pytest.mark.parametrize("body", [BODY, bytearray(BODY), memoryview(BODY), BASIC["body"]])
def test_the_body_as_bytes_or_text(body: Any) -> None:
    assert verifier().verify_v3(HEADERS, body).body == BODY


def test_a_changed_byte_or_a_reencoded_body_is_refused() -> None:
    changed = bytearray(BODY)
    changed[3] ^= 1
    with pytest.raises(exceptions.InvalidSignature):
        verifier().verify_v3(HEADERS, bytes(changed))
    reencoded = json.dumps(json.loads(BODY), ensure_ascii=False).encode()
    with pytest.raises(exceptions.InvalidSignature):
        verifier().verify_v3(HEADERS, reencoded)


def test_certificate_mode_picks_the_key_by_alipay_sn() -> None:
    vector = BY_ID["v3-response-cert-sn"]
    both = Verifier([KEYS[k] for k in vector["keys"]])
    response = both.verify_v3(dict(vector["headers"]), vector["body"].encode())
    assert response.key_index == 1
    assert response.cert_sn == dict(vector["headers"])["alipay-sn"]
    unknown = BY_ID["v3-response-cert-unknown-sn"]
    with pytest.raises(exceptions.UnknownCertSn):
        Verifier([KEYS[k] for k in unknown["keys"]]).verify_v3(
            dict(unknown["headers"]), unknown["body"].encode()
        )


def test_a_header_twice_is_refused_whatever_the_container() -> None:
    twice = [*HEADERS.items(), ("Alipay-Signature", HEADERS["alipay-signature"])]
    for headers in (twice, http_message(twice)):
        with pytest.raises(exceptions.DuplicateParameter, match="alipay-signature"):
            verifier().verify_v3(headers, BODY)
    # A library that joins repeated headers with a comma: base64 has none.
    joined = {**HEADERS, "alipay-signature": f"{HEADERS['alipay-signature']}, AAAA"}
    with pytest.raises(exceptions.DuplicateParameter):
        verifier().verify_v3(joined, BODY)


def test_an_unsigned_response_is_never_accepted() -> None:
    with pytest.raises(exceptions.UnsignedResponse) as caught:
        verifier().verify_v3({"content-type": "text/html"}, b"<html>502</html>")
    assert isinstance(caught.value, exceptions.SignatureError)
    assert caught.value.code == 112


def test_max_response_age() -> None:
    now = int(HEADERS["alipay-timestamp"])
    fresh = verifier(max_response_age=300)
    assert fresh.verify_v3(HEADERS, BODY, now_millis=now + 300_000).body == BODY
    with pytest.raises(exceptions.StaleResponse) as caught:
        fresh.verify_v3(HEADERS, BODY, now_millis=now + 300_001)
    assert caught.value.code == 115 and caught.value.name == "STALE_RESPONSE"
    assert isinstance(caught.value, exceptions.SignatureError)
    # By the clock: the vector was signed in 2024.
    with pytest.raises(exceptions.StaleResponse):
        fresh.verify_v3(HEADERS, BODY)
    # Off by default, as in Alipay's SDKs.
    assert verifier().verify_v3(HEADERS, BODY).body == BODY
    with pytest.raises(exceptions.InvalidConfig, match="max_response_age"):
        verifier(max_response_age=0)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="headers must be"):
        verifier().verify_v3(42, BODY)
    with pytest.raises(TypeError, match="body must be bytes or str"):
        verifier().verify_v3(HEADERS, 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verifier().verify_v3({"alipay-signature": 1}, BODY)
    with pytest.raises(exceptions.InputTooLarge):
        verifier(max_size=64).verify_v3(HEADERS, BODY)


def test_signer_reproduces_the_vectors_and_draws_a_nonce() -> None:
    vector = BY_ID["v3-request-app-auth-token"]
    signer = V3Signer(KEYS[vector["private_key"]], vector["app_id"])
    fixed = signer.authorization(
        vector["method"],
        vector["uri"],
        vector["body"],
        app_auth_token=vector["app_auth_token"],
        nonce=vector["nonce"],
        timestamp=vector["timestamp"],
    )
    assert fixed == vector["authorization"]
    first = signer.authorization("GET", "/v3/alipay/trade/query?out_trade_no=1")
    second = signer.authorization("GET", "/v3/alipay/trade/query?out_trade_no=1")
    assert first.startswith(f"ALIPAY-SHA256withRSA app_id={vector['app_id']},nonce=")
    assert first != second
    cert = V3Signer(KEYS["app_private"], "2014060600164699", "866efef280dec9137a87d047ac446315")
    assert ",app_cert_sn=866efef280dec9137a87d047ac446315,nonce=" in cert.authorization(
        "GET", "/v3/x"
    )


def test_signer_errors_do_not_echo_the_key() -> None:
    bad = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ" + "x" * 40
    with pytest.raises(exceptions.InvalidKey) as caught:
        V3Signer(bad, "2014060600164699")
    assert "xxxxxxxx" not in str(caught.value) and "MIIEvQ" not in str(caught.value)
    signer = V3Signer(KEYS["app_private"], "2014060600164699")
    with pytest.raises(exceptions.InvalidConfig):
        signer.authorization("GET", "https://openapi.alipay.com/v3/alipay/trade/query")
    with pytest.raises(exceptions.InvalidConfig):
        V3Signer(KEYS["app_private"], "")
