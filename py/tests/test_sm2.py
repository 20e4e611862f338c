"""SM2 (国密): sign_type=SM2 verified only when allowed, SM2 keys for signing, key mix-ups."""

from __future__ import annotations

import pytest

from alipay_notify import Verifier, exceptions, sign, signed_form
from conftest import notification_params, vector_keys

KEYS = vector_keys("sm2.json")


@pytest.fixture(scope="module")
def sm2_verifier() -> Verifier:
    return Verifier(KEYS["sm2_a"], sign_types=["SM2"])


@pytest.fixture(scope="module")
def body() -> str:
    return signed_form(notification_params(), KEYS["sm2_a_private_pem"], sign_type="SM2")


def test_an_sm2_signed_notification_verifies(sm2_verifier: Verifier, body: str) -> None:
    assert "sign_type=SM2" in body
    n = sm2_verifier.verify_notify(body.encode())
    assert n.sign_type == "SM2"
    assert n.rule == "v1"
    assert n["out_trade_no"] == "T1001"
    assert sm2_verifier.sign_types == ["SM2"]


def test_signatures_are_randomized_and_each_verifies(sm2_verifier: Verifier) -> None:
    params = notification_params(sign_type="SM2")
    first, second = (sign(params, KEYS["sm2_a_private_b64"], sign_type="SM2") for _ in range(2))
    assert first != second
    for signature in (first, second):
        sm2_verifier.verify_notify({**params, "sign": signature})


def test_a_changed_byte_is_rejected(sm2_verifier: Verifier, body: str) -> None:
    forged = body.replace("total_amount=88.00", "total_amount=88.01")
    assert forged != body
    with pytest.raises(exceptions.InvalidSignature):
        sm2_verifier.verify_notify(forged)


def test_another_sm2_key_is_rejected(body: str) -> None:
    with pytest.raises(exceptions.InvalidSignature):
        Verifier(KEYS["sm2_b"], sign_types=["SM2"]).verify_notify(body)


def test_sm2_is_refused_unless_listed(body: str) -> None:
    # The default allowlist is RSA2: an SM2 message is refused before any key is tried.
    with pytest.raises(exceptions.SignTypeNotAllowed):
        Verifier(KEYS["rsa_a"]).verify_notify(body)
    # An SM2 key serves no allowed sign type: a configuration error, not a silent failure.
    with pytest.raises(exceptions.InvalidKey) as error:
        Verifier(KEYS["sm2_a"])
    assert "SM2" in str(error.value)


def test_rsa_and_sm2_keys_side_by_side(body: str) -> None:
    n = Verifier([KEYS["rsa_a"], KEYS["sm2_a"]], sign_types=["RSA2", "SM2"]).verify_notify(body)
    assert n.key_index == 1


def test_key_mix_ups_are_invalid_key() -> None:
    params = notification_params()
    with pytest.raises(exceptions.InvalidKey):
        sign(params, KEYS["rsa_a_private_pem"], sign_type="SM2")
    with pytest.raises(exceptions.InvalidKey):
        sign(params, KEYS["sm2_a_private_pem"], sign_type="RSA2")
    with pytest.raises(exceptions.InvalidKey):
        Verifier(KEYS["rsa_a"], sign_types=["SM2"])


def test_errors_do_not_echo_the_private_key() -> None:
    key = KEYS["sm2_a_private_sec1_b64"]
    with pytest.raises(exceptions.InvalidKey) as error:
        sign(notification_params(), key, sign_type="SM2")
    assert key[20:40] not in str(error.value)
