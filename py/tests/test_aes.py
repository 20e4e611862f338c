"""AES-encrypted content through Python: decrypt, encrypted responses, open data and 生活号
biz_content (the byte rules are the core's; this checks what Python receives and raises)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import alipay_notify
from alipay_notify import OpenData, Verifier, exceptions
from conftest import VECTORS, vector_keys

KEYS = vector_keys("aes.json")
# The Java SDK's own AES test: its key and its ciphertext of "test1234567".
JAVA_KEY = KEYS["java_sdk_aes"]
JAVA_CIPHERTEXT = "ILpoMowjIQjfYMR847rnFQ=="


def vector(vector_id: str) -> dict[str, Any]:
    doc = json.loads((VECTORS / "aes.json").read_text(encoding="utf-8"))
    found: dict[str, Any] = next(v for v in doc["vectors"] if v["id"] == vector_id)
    return found


def verifier(**options: Any) -> Verifier:
    return Verifier(KEYS["alipay_a"], **options)


def test_decrypt_returns_the_plaintext_from_str_or_bytes() -> None:
    assert alipay_notify.decrypt(JAVA_KEY, JAVA_CIPHERTEXT) == "test1234567"
    assert alipay_notify.decrypt(JAVA_KEY, JAVA_CIPHERTEXT.encode()) == "test1234567"
    assert alipay_notify.decrypt(JAVA_KEY, bytearray(JAVA_CIPHERTEXT.encode())) == "test1234567"


def test_decrypt_errors_are_typed_and_keep_the_key_secret() -> None:
    with pytest.raises(exceptions.DecryptionFailed) as failed:
        alipay_notify.decrypt(KEYS["node_sdk_aes"], JAVA_CIPHERTEXT)
    assert isinstance(failed.value, exceptions.MalformedInput)
    assert failed.value.code == 114
    assert KEYS["node_sdk_aes"] not in str(failed.value)
    with pytest.raises(exceptions.InvalidKey) as bad_key:
        alipay_notify.decrypt(KEYS["aes_10_bytes"], JAVA_CIPHERTEXT)
    assert KEYS["aes_10_bytes"] not in str(bad_key.value)
    with pytest.raises(exceptions.InvalidKey):
        alipay_notify.decrypt("\ud800", JAVA_CIPHERTEXT)
    with pytest.raises(TypeError):
        alipay_notify.decrypt(JAVA_KEY, 12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        alipay_notify.decrypt(b"key", JAVA_CIPHERTEXT)  # type: ignore[arg-type]


def test_an_encrypted_response_is_decrypted_only_with_an_aes_key() -> None:
    body = vector("aes-response-trade-query")["input"]
    decrypted = verifier(aes_key=KEYS["aes128"]).verify_response(body, "alipay.trade.query")
    assert decrypted.is_decrypted
    assert decrypted.value["total_amount"] == "88.00"
    assert decrypted.is_success
    assert json.loads(decrypted.decrypted_content or "") == decrypted.value
    # The signed text stays the ciphertext string, quotes included.
    assert decrypted.signed_content.startswith('"')
    plain = verifier().verify_response(body)
    assert not plain.is_decrypted
    assert plain.decrypted_content is None
    assert isinstance(plain.value, str)


def test_an_encrypted_response_under_another_key_is_refused() -> None:
    body = vector("aes-response-trade-query")["input"]
    with pytest.raises(exceptions.DecryptionFailed):
        verifier(aes_key=KEYS["aes256"]).verify_response(body)
    with pytest.raises(exceptions.InvalidSignature):
        verifier(aes_key=KEYS["aes128"]).verify_response(body.replace('":"', '":"A', 1))


def test_open_data_gives_the_verified_plaintext() -> None:
    envelope = vector("aes-open-data-phone-number")["input"]
    for given in (envelope, envelope.encode(), memoryview(envelope.encode())):
        data = verifier(aes_key=KEYS["aes128"]).verify_open_data(given)
        assert isinstance(data, OpenData)
        assert data.value["mobile"] == "15900000000"
        assert data.code == "10000"
        assert data.is_encrypted
        assert data.sign_type == "RSA2"
        assert data.key_index == 0
        assert data.key_fingerprint == verifier().key_fingerprints[0]
        assert json.loads(data.content) == data.value
        assert "15900000000" not in repr(data)


def test_open_data_errors() -> None:
    envelope = vector("aes-open-data-phone-number")["input"]
    with pytest.raises(exceptions.InvalidSignature):
        forged = envelope.replace('"response":"', '"response":"A', 1)
        verifier(aes_key=KEYS["aes128"]).verify_open_data(forged)
    with pytest.raises(exceptions.InvalidConfig):
        verifier().verify_open_data(envelope)
    with pytest.raises(exceptions.DecryptionFailed):
        verifier(aes_key=KEYS["aes192"]).verify_open_data(envelope)
    with pytest.raises(exceptions.InputTooLarge):
        verifier(aes_key=KEYS["aes128"], max_size=100).verify_open_data(envelope)
    with pytest.raises(TypeError):
        verifier(aes_key=KEYS["aes128"]).verify_open_data(json.loads(envelope))


def test_a_life_message_gives_its_decrypted_biz_content() -> None:
    v = vector("aes-biz-content-rsa2048")
    n = verifier(rule="v2", app_private_key=KEYS["app"]).verify_notify(v["input"])
    assert n.decrypted_biz_content == v["biz_content_out"]
    # The mapping keeps the signed (encrypted) value.
    assert n["biz_content"] != v["biz_content_out"]
    assert verifier(rule="v2").verify_notify(v["input"]).decrypted_biz_content is None


def test_decryption_keys_are_judged_when_the_verifier_is_built() -> None:
    with pytest.raises(exceptions.InvalidKey) as bad:
        verifier(aes_key=KEYS["aes_not_base64"])
    assert KEYS["aes_not_base64"] not in str(bad.value)
    with pytest.raises(exceptions.InvalidKey):
        verifier(app_private_key=KEYS["alipay_a"])
    with pytest.raises(TypeError):
        verifier(aes_key=b"gFmoXPufph/cJ6HX8F79mQ==")
    assert verifier(aes_key=None).verify_response(vector("aes-response-no-aes-key")["input"])
