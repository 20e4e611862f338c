"""The legacy families through Python: WAP notifications (their XML trade fields as
parameters), mobile.securitypay app results, 消息服务 accessors."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

from alipay_notify import Verifier, exceptions, signed_form
from conftest import VECTORS

DOC = json.loads((VECTORS / "wap.json").read_text(encoding="utf-8"))
KEYS: dict[str, str] = DOC["keys"]
BY_ID: dict[str, dict[str, Any]] = {v["id"]: v for v in DOC["vectors"]}
MD5_KEY = "wap-partner-key-0123456789abcdef"
UTC = datetime.timezone.utc


def body(vector_id: str) -> str:
    text: str = BY_ID[vector_id]["input"]
    return text


def test_wap_notification_reads_its_xml_trade_fields() -> None:
    n = Verifier(md5_key=MD5_KEY).verify_notify(body("wap-md5-notify"))
    assert n.rule == "wap" and n.sign_type == "MD5" and n.kind == "notify"
    assert n["out_trade_no"] == "W20160102001" and n["subject"] == "WAP 测试订单"
    assert n.trade_status == "TRADE_SUCCESS" and n.is_paid is True
    assert n.order_amount == Decimal("0.01") and n.order_amount_fen == 1
    assert n.notify_time == datetime.datetime(
        2016, 1, 2, 10, 20, 31, tzinfo=datetime.timezone(datetime.timedelta(hours=8))
    )
    assert list(n)[:4] == ["service", "v", "sec_id", "notify_data"]
    n.check_order("W20160102001", "0.01")
    with pytest.raises(exceptions.AmountMismatch):
        n.check_order("W20160102001", "0.02")


def test_wap_rsa_needs_rsa_and_1024_bit_keys_allowed() -> None:
    legacy = KEYS["legacy1024"]
    n = Verifier(legacy, sign_types=["RSA"], min_key_bits=1024).verify_notify(
        body("wap-rsa-notify")
    )
    assert n.rule == "wap" and n.sign_type == "RSA" and n.key_index == 0
    with pytest.raises(exceptions.WeakKey):
        Verifier(legacy, sign_types=["RSA"]).verify_notify(body("wap-rsa-notify"))
    with pytest.raises(exceptions.SignTypeNotAllowed):
        Verifier(legacy, min_key_bits=1024).verify_notify(body("wap-rsa-notify"))


def test_rule_wap_forces_the_fixed_order_and_v1_sorts() -> None:
    assert Verifier(md5_key=MD5_KEY, rule="wap").verify_notify(body("wap-md5-notify")).rule == "wap"
    assert not Verifier(md5_key=MD5_KEY, rule="v1").is_valid(body("wap-md5-notify"))
    with pytest.raises(exceptions.MalformedInput, match="rule wap"):
        Verifier(md5_key=MD5_KEY, rule="wap").verify_notify(body("wap-rule-wap-not-wap"))
    with pytest.raises(exceptions.InvalidConfig):
        Verifier(md5_key=MD5_KEY, rule="wapp")


def test_wap_notify_data_with_a_dtd_is_refused() -> None:
    with pytest.raises(exceptions.MalformedInput):
        Verifier(md5_key=MD5_KEY).verify_notify(body("wap-md5-external-entity"))


def test_app_result() -> None:
    result = body("wap-app-result-real-tobias")
    v = Verifier(KEYS["real-alipay-legacy-1024"], sign_types=["RSA"], min_key_bits=1024)
    for shape in (result, result.encode(), bytearray(result.encode()), memoryview(result.encode())):
        n = v.verify_app_result(shape)
        assert n.rule == "app_result" and n.kind == "return" and n.sign_type == "RSA"
        assert n["out_trade_no"] == "180926084213001" and n["success"] == "true"
        assert "sign" not in n and "sign_type" not in n
    n.check_order("180926084213001", "0.01")
    assert n.msg_method is None and n.biz_content is None and n.utc_timestamp is None
    with pytest.raises(exceptions.InvalidSignature):
        v.verify_app_result(body("wap-app-result-real-tobias-amount-changed"))
    with pytest.raises(exceptions.MalformedInput):
        v.verify_app_result("resultStatus={9000};memo={};result={}")
    with pytest.raises(TypeError):
        v.verify_app_result({"partner": "x"})  # type: ignore[arg-type]


def test_message_service_accessors() -> None:
    vector = BY_ID["wap-msg-fund-trans-order-changed"]
    n = Verifier(KEYS["alipay_a"]).verify_notify(vector["input"])
    assert n.rule == "v1"
    assert n.msg_method == "alipay.fund.trans.order.changed"
    assert n.biz_content == vector["message"]["biz_content"]
    assert n.utc_timestamp_ms == 1642588201981
    assert n.utc_timestamp == datetime.datetime(2022, 1, 19, 10, 30, 1, 981000, tzinfo=UTC)
    assert n.utc_timestamp is not None and n.utc_timestamp.utcoffset() == datetime.timedelta(0)


def test_message_service_fields_that_are_not_typed_raise() -> None:
    n = Verifier(KEYS["alipay_a"]).verify_notify(body("wap-msg-fields-not-typed"))
    assert n.msg_method == "alipay.fund.trans.order.changed"
    with pytest.raises(exceptions.MalformedInput):
        _ = n.biz_content
    with pytest.raises(exceptions.MalformedInput):
        _ = n.utc_timestamp
    with pytest.raises(exceptions.MalformedInput):
        _ = n.utc_timestamp_ms


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        ("0", datetime.datetime(1970, 1, 1, tzinfo=UTC)),
        ("253402300799999", datetime.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)),
        ("253402300800000", exceptions.MalformedInput),
        ("999999999999999", exceptions.MalformedInput),
    ],
)
def test_utc_timestamp_at_the_edges_of_datetime(
    alipay_private_key: str, alipay_public_key: str, ms: str, expected: Any
) -> None:
    # 15 digits reach past the year 9999: a typed error, never OverflowError.
    params = {
        "msg_method": "alipay.fund.trans.order.changed",
        "utc_timestamp": ms,
        "biz_content": "{}",
        "version": "1.1",
        "notify_id": "1",
        "charset": "utf-8",
    }
    n = Verifier(alipay_public_key).verify_notify(signed_form(params, alipay_private_key))
    assert n.utc_timestamp_ms == int(ms)
    if isinstance(expected, datetime.datetime):
        assert n.utc_timestamp == expected
    else:
        with pytest.raises(expected):
            _ = n.utc_timestamp
