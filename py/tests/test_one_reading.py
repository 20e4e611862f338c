"""Issue #9, item 1: a genuine signature over text that reads as other parameters is refused,
however the parameters reach the verifier (raw body, query, Mapping, list of pairs)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest

from alipay_notify import InvalidSignature, Verifier, exceptions, sign, signed_form
from conftest import notification_params


def forged(private_key: str) -> dict[str, str]:
    """The re-split forgery: Alipay signed subject='x&total_amount=88.88&total_amount_x=' next
    to total_amount 0.01; the same signed bytes re-cut so that total_amount reads 88.88."""
    genuine = notification_params(
        subject="x&total_amount=88.88&total_amount_x=", total_amount="0.01"
    )
    signature = sign(genuine, private_key)
    params = dict(genuine, subject="x", total_amount="88.88")
    params["total_amount_x"] = "&total_amount=0.01"
    params["sign"] = signature
    params["sign_type"] = "RSA2"
    return params


def test_the_forgery_is_refused_in_every_shape(
    alipay_public_key: str, alipay_private_key: str
) -> None:
    verifier = Verifier(alipay_public_key)
    params = forged(alipay_private_key)
    body = urlencode(params)
    for message in (body, body.encode(), params, list(params.items()), parse_qsl(body)):
        with pytest.raises(exceptions.AmbiguousSignedContent) as raised:
            verifier.verify_notify(message)
        # It is a signature failure: caught by `except InvalidSignature`.
        assert isinstance(raised.value, InvalidSignature)
        assert raised.value.code == 113 and raised.value.name == "AMBIGUOUS_SIGNED_CONTENT"
        assert "total_amount_x" in raised.value.message
        assert verifier.is_valid(message) is False
    with pytest.raises(exceptions.AmbiguousSignedContent):
        verifier.verify_return("?" + body)


def test_genuine_ampersands_still_verify(alipay_public_key: str, alipay_private_key: str) -> None:
    verifier = Verifier(alipay_public_key)
    params = notification_params(
        subject="A&B 套餐", body="AT&T & co", passback_params="x&=y", seller_email="100% & more=fun"
    )
    n = verifier.verify_notify(signed_form(params, alipay_private_key))
    assert n["subject"] == "A&B 套餐" and n["seller_email"] == "100% & more=fun"


def test_allow_embedded_pairs_accepts_the_risk_for_one_field(
    alipay_public_key: str, alipay_private_key: str
) -> None:
    params = notification_params(passback_params="orderType=vip&from=app")
    body = signed_form(params, alipay_private_key)
    with pytest.raises(exceptions.AmbiguousSignedContent):
        Verifier(alipay_public_key).verify_notify(body)
    with pytest.raises(exceptions.AmbiguousSignedContent):
        Verifier(alipay_public_key, allow_embedded_pairs=["body"]).verify_notify(body)
    for allowed in ("passback_params", ["passback_params"], ("passback_params",)):
        n = Verifier(alipay_public_key, allow_embedded_pairs=allowed).verify_notify(body)
        assert n["passback_params"] == "orderType=vip&from=app"
    with pytest.raises(exceptions.InvalidConfig):
        Verifier(alipay_public_key, allow_embedded_pairs=["passback params"])
    with pytest.raises((TypeError, exceptions.InvalidConfig)):
        Verifier(alipay_public_key, allow_embedded_pairs=[42])  # type: ignore[list-item]


def test_diagnose_names_the_field(alipay_public_key: str, alipay_private_key: str) -> None:
    diagnosis = Verifier(alipay_public_key).diagnose(urlencode(forged(alipay_private_key)))
    assert not diagnosis.verified
    (cause,) = diagnosis.causes
    assert cause.code == "AMBIGUOUS_SIGNED_CONTENT"
    assert "total_amount_x holds &total_amount=" in cause.explanation
    assert "重新拆分" in cause.explanation_zh
