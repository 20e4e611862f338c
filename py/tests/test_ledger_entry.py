"""Ledger rows from Python: Notification.ledger_entry and rejected_ledger_entry return the
core's row (docs/ledger.md) as a dict with the table's column names."""

from __future__ import annotations

import hashlib

import pytest

import alipay_notify
from alipay_notify import Verifier, exceptions, rejected_ledger_entry, signed_form
from conftest import notification_params

COLUMNS = {
    "source", "app_id", "notify_id", "notify_type", "out_trade_no", "trade_no", "out_biz_no",
    "trade_status", "total_amount_fen", "receipt_amount_fen", "buyer_pay_amount_fen",
    "refund_fee_fen", "verdict", "error_name", "rule", "sign_type", "key_fingerprint",
    "body_sha256", "transition",
}  # fmt: skip


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id="2021000000000000")


def test_a_paid_notification_s_row(verifier: Verifier, alipay_private_key: str) -> None:
    body = signed_form(notification_params(), alipay_private_key).encode()
    entry = verifier.verify_notify(body).ledger_entry(body)
    assert set(entry) == COLUMNS
    assert entry["source"] == "notify" and entry["verdict"] == "verified"
    assert entry["transition"] == "PAID" and entry["app_id"] == "2021000000000000"
    assert entry["notify_id"] == "2024010200222102031000591437250001"
    assert entry["total_amount_fen"] == 8800 and entry["refund_fee_fen"] is None
    assert entry["rule"] in ("v1", "v2") and entry["sign_type"] == "RSA2"
    assert entry["key_fingerprint"] == verifier.key_fingerprints[0]
    assert entry["body_sha256"] == hashlib.sha256(body).hexdigest()
    # The body may be given as it came: bytes, str, bytearray or memoryview.
    n = verifier.verify_notify(body)
    for same in (body.decode(), bytearray(body), memoryview(body)):
        assert n.ledger_entry(same) == entry


def test_transitions_come_from_the_core(verifier: Verifier, alipay_private_key: str) -> None:
    def transition(**overrides: str) -> object:
        body = signed_form(notification_params(**overrides), alipay_private_key)
        return verifier.verify_notify(body).ledger_entry(body)["transition"]

    assert transition(trade_status="TRADE_FINISHED") == "PAID"
    assert transition(trade_status="WAIT_BUYER_PAY") is None
    assert transition(trade_status="TRADE_CLOSED") == "CLOSED"
    assert transition(refund_fee="8.80", out_biz_no="R1") == "REFUND:R1"
    assert transition(trade_status="TRADE_CLOSED", refund_fee="88.00") == "REFUND:T1001"


def test_a_return_url_message_never_applies_anything(
    verifier: Verifier, alipay_private_key: str
) -> None:
    query = signed_form(notification_params(), alipay_private_key)
    entry = verifier.verify_return(query).ledger_entry(query)
    assert entry["source"] == "return" and entry["transition"] is None


def test_ledger_entry_wants_the_raw_body(verifier: Verifier, alipay_private_key: str) -> None:
    body = signed_form(notification_params(), alipay_private_key)
    n = verifier.verify_notify(body)
    with pytest.raises(TypeError, match="raw body"):
        n.ledger_entry({"a": "b"})  # type: ignore[arg-type]
    with pytest.raises(exceptions.MalformedInput):
        n.ledger_entry("\ud800")


def test_a_rejected_row_copies_nothing_from_the_body(
    alipay_public_key: str, other_private_key: str
) -> None:
    forged = signed_form(notification_params(total_amount="0.01"), other_private_key)
    with pytest.raises(exceptions.InvalidSignature) as refused:
        Verifier(alipay_public_key).verify_notify(forged)
    for error in (refused.value, "INVALID_SIGNATURE"):
        entry = rejected_ledger_entry("notify", forged, error)
        assert set(entry) == COLUMNS
        assert entry["verdict"] == "rejected" and entry["error_name"] == "INVALID_SIGNATURE"
        assert entry["body_sha256"] == hashlib.sha256(forged.encode()).hexdigest()
        assert entry["source"] == "notify" and entry["app_id"] == ""
        for column in COLUMNS - {"source", "app_id", "verdict", "error_name", "body_sha256"}:
            assert entry[column] is None, column
    assert alipay_notify.rejected_ledger_entry is rejected_ledger_entry


def test_rejected_wants_a_stable_error_name() -> None:
    with pytest.raises(ValueError, match="not a stable error name"):
        rejected_ledger_entry("notify", b"", "NO_SUCH_ERROR")
    with pytest.raises(ValueError, match="not a stable error name"):
        rejected_ledger_entry("notify", b"", exceptions.SignatureError("group class, no name"))
    with pytest.raises(TypeError):
        rejected_ledger_entry("notify", b"", ValueError("not ours"))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rejected_ledger_entry("notify", 12, "INVALID_SIGNATURE")  # type: ignore[arg-type]
    for cls in exceptions.BY_NAME.values():
        assert rejected_ledger_entry("query", b"x", cls("m"))["error_name"] == cls.name
