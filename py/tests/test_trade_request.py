"""TradeRequest and TradeResult: the core's reconciliation requests and verified answers as
Python objects (the rules are the core's; this checks what Python gives and raises)."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from urllib.parse import parse_qs

import pytest

import alipay_notify
from alipay_notify import TradeRequest, TradeResult, Verifier, exceptions
from conftest import key_text
from signed_responses import NOT_FOUND, paid_query_answer, signed_response

APP_ID = "2021000000000000"
BEIJING = datetime.timezone(datetime.timedelta(hours=8))


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id=APP_ID)


@pytest.fixture(scope="module")
def alipay_key() -> str:
    return key_text("alipay_a.key.pem")


def test_the_three_requests_and_their_properties() -> None:
    query = TradeRequest.query(APP_ID, out_trade_no="T1001")
    assert query.method == "alipay.trade.query"
    assert (query.app_id, query.out_trade_no, query.trade_no) == (APP_ID, "T1001", None)
    assert query.out_request_no is None
    close = TradeRequest.close(APP_ID, trade_no="2024010222001446880500001234")
    assert close.method == "alipay.trade.close" and close.out_trade_no is None
    assert close.trade_no == "2024010222001446880500001234"
    refund = TradeRequest.refund_query(APP_ID, "R1", out_trade_no="T1001")
    assert refund.method == "alipay.trade.fastpay.refund.query"
    assert refund.out_request_no == "R1"
    assert repr(query) == (
        '<alipay_notify.TradeRequest alipay.trade.query app_id="2021000000000000"'
        ' out_trade_no="T1001">'
    )
    assert alipay_notify.TradeRequest is TradeRequest


def test_a_trade_is_named_by_exactly_one_number() -> None:
    for kwargs in ({}, {"out_trade_no": "T1", "trade_no": "2024"}):
        with pytest.raises(exceptions.InvalidConfig, match="exactly one"):
            TradeRequest.query(APP_ID, **kwargs)
    with pytest.raises(TypeError):
        TradeRequest.query(APP_ID, "T1001")  # type: ignore[call-arg]


def test_params_and_the_timestamp_forms() -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    params = dict(request.params("2024-01-02 10:20:30"))
    assert params["method"] == "alipay.trade.query" and params["sign_type"] == "RSA2"
    assert params["timestamp"] == "2024-01-02 10:20:30"
    assert params["biz_content"] == '{"out_trade_no":"T1001"}'
    # An aware datetime is converted to Beijing time; UTC 02:20:30 is 10:20:30 there.
    utc = datetime.datetime(2024, 1, 2, 2, 20, 30, tzinfo=datetime.timezone.utc)
    assert dict(request.params(utc))["timestamp"] == "2024-01-02 10:20:30"
    # None is now, in Beijing.
    now = datetime.datetime.now(BEIJING)
    stamp = datetime.datetime.strptime(dict(request.params())["timestamp"], "%Y-%m-%d %H:%M:%S")
    assert abs(stamp.replace(tzinfo=BEIJING) - now) < datetime.timedelta(seconds=5)
    with pytest.raises(TypeError, match="aware"):
        request.params(datetime.datetime(2024, 1, 2, 10, 20, 30))
    with pytest.raises(TypeError):
        request.params(1704162030)  # type: ignore[arg-type]
    with pytest.raises(exceptions.InvalidConfig, match="Beijing time"):
        request.params("2024/01/02")
    with pytest.raises(exceptions.InvalidConfig, match="surrogate"):
        request.params("\ud800")


def test_signed_form_is_rsa2_rule_v2(alipay_public_key: str) -> None:
    app_key = key_text("alipay_a.key.pem")
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    form = request.signed_form(app_key, "2024-01-02 10:20:30")
    fields = {k: v[0] for k, v in parse_qs(form, keep_blank_values=True).items()}
    assert fields["sign_type"] == "RSA2" and fields["sign"]
    assert request.signed_form(app_key.encode(), "2024-01-02 10:20:30") == form
    # The gateway checks it as rule v2 (sign_type signed): so does the core's verifier.
    Verifier(alipay_public_key, rule="v2").verify_notify(form)
    with pytest.raises(exceptions.InvalidKey) as bad:
        request.signed_form("not a key", "2024-01-02 10:20:30")
    assert "not a key" not in str(bad.value)
    with pytest.raises(TypeError):
        request.signed_form(42)  # type: ignore[arg-type]


def test_a_paid_answer_is_typed(verifier: Verifier, alipay_key: str) -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    body = signed_response("alipay.trade.query", paid_query_answer("T1001", "88.08"), alipay_key)
    for raw in (body, body.decode(), bytearray(body), memoryview(body)):
        result = request.verify_response(verifier, raw)
        assert isinstance(result, TradeResult)
        assert result.is_success and result.is_paid and not result.is_not_found
        assert (result.code, result.msg, result.sub_code) == ("10000", "Success", None)
        assert result.trade_status == "TRADE_SUCCESS" and result.out_trade_no == "T1001"
        assert result.total_amount == Decimal("88.08") and result.total_amount_fen == 8808
        assert result.receipt_amount_fen == 8808 and result.buyer_pay_amount_fen == 8808
        assert result.buyer_pay_amount == Decimal("88.08")
        assert result.refund_amount is None and result.refund_amount_fen is None
        assert result.send_pay_date == "2024-01-02 10:20:30"
        assert result.buyer_logon_id == "159****5620" and result.buyer_user_id is None
        assert result.sign_type == "RSA2" and result.key_fingerprint == verifier.key_fingerprints[0]
    assert repr(result) == (
        '<alipay_notify.TradeResult alipay.trade.query code="10000" out_trade_no="T1001"'
        ' trade_status="TRADE_SUCCESS">'
    )


def test_a_paid_answer_s_ledger_entry(verifier: Verifier, alipay_key: str) -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    body = signed_response("alipay.trade.query", paid_query_answer("T1001"), alipay_key)
    entry = request.verify_response(verifier, body).ledger_entry()
    assert entry == {
        "source": "query",
        "app_id": APP_ID,
        "notify_id": None,
        "notify_type": "alipay.trade.query",
        "out_trade_no": "T1001",
        "trade_no": "2024010222001411111111111111",
        "out_biz_no": None,
        "trade_status": "TRADE_SUCCESS",
        "total_amount_fen": 8800,
        "receipt_amount_fen": 8800,
        "buyer_pay_amount_fen": 8800,
        "refund_fee_fen": None,
        "verdict": "verified",
        "error_name": None,
        "rule": None,
        "sign_type": "RSA2",
        "key_fingerprint": verifier.key_fingerprints[0],
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "transition": "PAID",
    }


def test_not_found_is_a_result_not_an_error(verifier: Verifier, alipay_key: str) -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T404")
    result = request.verify_response(
        verifier, signed_response("alipay.trade.query", NOT_FOUND, alipay_key)
    )
    assert result.is_not_found and not result.is_success and not result.is_paid
    assert result.sub_code == "ACQ.TRADE_NOT_EXIST" and result.sub_msg == "交易不存在"
    assert result.total_amount is None and result.trade_status is None
    entry = result.ledger_entry()
    assert entry["transition"] is None and entry["out_trade_no"] == "T404"


def test_a_refund_query_answer_applies_the_refund(verifier: Verifier, alipay_key: str) -> None:
    request = TradeRequest.refund_query(APP_ID, "R1", out_trade_no="T1001")
    answer = {
        "code": "10000",
        "msg": "Success",
        "out_trade_no": "T1001",
        "out_request_no": "R1",
        "total_amount": "88.00",
        "refund_amount": "8.80",
        "refund_status": "REFUND_SUCCESS",
    }
    body = signed_response("alipay.trade.fastpay.refund.query", answer, alipay_key)
    result = request.verify_response(verifier, body)
    assert result.refund_amount == Decimal("8.80") and result.refund_amount_fen == 880
    assert result.refund_status == "REFUND_SUCCESS" and result.out_request_no == "R1"
    entry = result.ledger_entry()
    assert entry["transition"] == "REFUND:R1" and entry["out_biz_no"] == "R1"
    assert entry["refund_fee_fen"] == 880


def test_answers_that_must_not_mark_an_order_paid_raise(
    verifier: Verifier, alipay_key: str, other_private_key: str
) -> None:
    request = TradeRequest.query(APP_ID, out_trade_no="T1001")
    other_order = signed_response("alipay.trade.query", paid_query_answer("T2002"), alipay_key)
    with pytest.raises(exceptions.OrderMismatch):
        request.verify_response(verifier, other_order)
    forged = signed_response("alipay.trade.query", paid_query_answer("T1001"), other_private_key)
    with pytest.raises(exceptions.InvalidSignature):
        request.verify_response(verifier, forged)
    other_method = signed_response("alipay.trade.close", paid_query_answer("T1001"), alipay_key)
    with pytest.raises(exceptions.MethodMismatch):
        request.verify_response(verifier, other_method)
    bad_amount = paid_query_answer("T1001", "88.001")
    with pytest.raises(exceptions.InvalidAmount):
        request.verify_response(
            verifier, signed_response("alipay.trade.query", bad_amount, alipay_key)
        )
    with pytest.raises(exceptions.InputTooLarge):
        request.verify_response(verifier, b" " * 70_000)
    with pytest.raises(TypeError):
        request.verify_response(verifier, {"a": "b"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        request.verify_response("not a verifier", b"{}")  # type: ignore[arg-type]
