"""The Python API over the core: argument types, the Notification Mapping and its typed
properties, signing, responses, diagnosis, GBK messages."""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pytest

import alipay_notify
from alipay_notify import Notification, Verifier, exceptions, sign, signed_form
from conftest import VECTORS, key_text, notification_params


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key, app_id="2021000000000000")


@pytest.fixture(scope="module")
def body(alipay_private_key: str) -> bytes:
    return signed_form(notification_params(), alipay_private_key).encode()


@pytest.fixture(scope="module")
def n(verifier: Verifier, body: bytes) -> Notification:
    return verifier.verify_notify(body)


@pytest.mark.skipif(not os.environ.get("ALIPAY_NOTIFY_TEST_WHEEL"), reason="only under make test")
def test_the_installed_wheel_is_under_test() -> None:
    # scripts/test-py.sh installs the wheel into a fresh virtualenv: not the source tree.
    assert Path(alipay_notify.__file__).is_relative_to(sys.prefix)
    assert Path(alipay_notify._native.__file__).name.endswith(".abi3.so")


def test_constants() -> None:
    assert alipay_notify.SUCCESS == "success"
    assert alipay_notify.FAIL == "fail"
    from importlib.metadata import version

    assert alipay_notify.__version__ == version("alipay-notify")
    # The wheel's version is the Rust workspace's, in PEP 440 form.
    assert alipay_notify.__version__.replace("-", "") == alipay_notify.VERSION.replace("-", "")
    assert alipay_notify.BACKEND


def test_body_as_bytes_str_bytearray_memoryview_mapping_or_pairs(
    verifier: Verifier, body: bytes
) -> None:
    from urllib.parse import parse_qsl

    parsed = parse_qsl(body.decode(), keep_blank_values=True)
    for message in (body, body.decode(), bytearray(body), memoryview(body), dict(parsed), parsed):
        assert verifier.verify_notify(message)["out_trade_no"] == "T1001"
    for wrong in (42, None, 1.5, object()):
        with pytest.raises(TypeError):
            verifier.verify_notify(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        verifier.verify_notify({"a": 1})
    with pytest.raises(TypeError):
        verifier.verify_notify({1: "a"})  # type: ignore[dict-item]


def test_mapping_with_several_values_is_refused(verifier: Verifier) -> None:
    # parse_qs gives lists: one value is fine, two are refused, never flattened.
    with pytest.raises(exceptions.DuplicateParameter, match="total_amount"):
        verifier.verify_notify({"total_amount": ["1.00", "88.00"], "sign": ["x"]})


def test_keys_in_every_accepted_shape(alipay_public_key: str, body: bytes) -> None:
    pem = json.loads((VECTORS / "notify.json").read_text())["keys"]["alipay_b"]
    for key in (
        alipay_public_key,
        alipay_public_key.encode(),
        [pem, alipay_public_key],
        (pem.encode(), alipay_public_key),
    ):
        n = Verifier(key).verify_notify(body)
        assert n.key_index == (1 if isinstance(key, (list, tuple)) else 0)
    with pytest.raises(exceptions.InvalidKey):
        Verifier(b"\xff\xfe")
    with pytest.raises(TypeError):
        Verifier(42)  # type: ignore[arg-type]
    with pytest.raises(exceptions.InvalidConfig):
        Verifier()  # no key at all


def test_options(alipay_public_key: str, body: bytes) -> None:
    v = Verifier(alipay_public_key, sign_types="RSA2", seller_id="2088101122136241")
    assert v.sign_types == ["RSA2"]
    assert Verifier(alipay_public_key, sign_types=("RSA", "RSA2")).sign_types == ["RSA", "RSA2"]
    assert v.verify_notify(body).seller_id == "2088101122136241"
    assert len(v.key_fingerprints) == 1
    assert alipay_public_key[:20] not in repr(v)
    for bad in (
        {"sign_types": ["SHA1"]},
        {"rule": "v3"},
        {"default_charset": "latin1"},
        {"max_size": 0},
        {"min_key_bits": 512},
        {"md5_key": ""},
    ):
        with pytest.raises(exceptions.ConfigError):
            Verifier(alipay_public_key, **bad)
    with pytest.raises(exceptions.InvalidConfig):
        Verifier(alipay_public_key, check_certificates_at=0)


def test_notification_is_a_read_only_mapping(n: Notification) -> None:
    assert isinstance(n, Mapping)
    assert n["out_trade_no"] == "T1001"
    assert "out_trade_no" in n and "sign" not in n and 1 not in n  # type: ignore[comparison-overlap]
    assert "sign_type" not in n  # rule V1: sign_type is not signed
    with pytest.raises(KeyError):
        n["sign"]
    assert n.get("sign") is None
    assert n.get("sign", "-") == "-"
    assert list(n)[:3] == ["gmt_create", "charset", "seller_email"]  # message order
    assert list(n.keys()) == list(n) and len(n.values()) == len(n)
    assert dict(n.items()) == n.to_dict() == json.loads(n.to_json())
    assert n == n.to_dict() and n != {} and n != "x"
    with pytest.raises(TypeError):
        n["out_trade_no"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        n.out_trade_no = "x"  # type: ignore[misc]
    assert "T1001" in repr(n)


def test_typed_properties(n: Notification) -> None:
    assert n.kind == "notify" and n.rule == "v1" and n.sign_type == "RSA2"
    assert n.charset == "utf-8" and n.key_index == 0 and n.key_fingerprint
    assert n.empty_values_signed is False
    assert n.trade_status == "TRADE_SUCCESS" and n.is_paid is True
    assert n.notify_id == "2024010200222102031000591437250001"
    assert n.app_id == n.auth_app_id == "2021000000000000"
    assert n.subject == "测试商品"
    assert n.body is None  # empty values are not signed: not in the result
    assert n.trade_no and n.buyer_id and n.buyer_logon_id and n.seller_email
    assert n.out_biz_no is None and n.passback_params is None and n.notify_type
    assert n.total_amount == Decimal("88.00") and isinstance(n.total_amount, Decimal)
    assert str(n.total_amount) == "88.00"
    assert n.total_amount_fen == 8800 and n.order_amount_fen == 8800
    assert n.order_amount == Decimal("88.00")
    assert n.receipt_amount == n.invoice_amount == n.buyer_pay_amount == Decimal("88")
    assert n.point_amount == Decimal("0") and n.refund_fee is None
    assert n.amount("total_amount") == Decimal("88.00") and n.amount_fen("nope") is None
    cst = datetime.timezone(datetime.timedelta(hours=8))
    assert n.gmt_payment == datetime.datetime(2024, 1, 2, 10, 20, 30, tzinfo=cst)
    assert n.gmt_payment is not None and n.gmt_payment.utcoffset() == datetime.timedelta(hours=8)
    assert n.notify_time == datetime.datetime(2024, 1, 2, 2, 20, 31, tzinfo=datetime.timezone.utc)
    assert n.gmt_create is not None and n.gmt_refund is None and n.gmt_close is None
    assert n.fund_bill_list == [{"amount": "88.00", "fundChannel": "ALIPAYACCOUNT"}]


def test_typed_properties_raise_for_bad_signed_values(
    alipay_public_key: str, alipay_private_key: str
) -> None:
    params = notification_params(total_amount="88.001", gmt_payment="yesterday", fund_bill_list="[")
    n = Verifier(alipay_public_key).verify_notify(signed_form(params, alipay_private_key))
    with pytest.raises(exceptions.InvalidAmount):
        _ = n.total_amount
    with pytest.raises(exceptions.InvalidAmount):
        _ = n.total_amount_fen
    with pytest.raises(exceptions.MalformedInput):
        _ = n.gmt_payment
    with pytest.raises(exceptions.MalformedInput):
        _ = n.fund_bill_list


def test_check_order(n: Notification) -> None:
    n.check_order("T1001", "88.00")
    n.check_order("T1001", "88")
    n.check_order("T1001", Decimal("88.00"))
    n.check_order("T1001", Decimal("8.8E+1"))
    n.check_order_fen("T1001", 8800)
    with pytest.raises(exceptions.AmountMismatch):
        n.check_order("T1001", Decimal("88.01"))
    with pytest.raises(exceptions.OrderMismatch):
        n.check_order("T1000", "88.00")
    with pytest.raises(exceptions.InvalidAmount):
        n.check_order("T1001", Decimal("-88"))
    with pytest.raises(TypeError):
        n.check_order("T1001", 88.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        n.check_order("T1001", 8800)  # type: ignore[arg-type]
    with pytest.raises(exceptions.BusinessMismatch):
        n.check_order_fen("T1001", 1)


def test_return_url(alipay_public_key: str, alipay_private_key: str) -> None:
    params = {
        "charset": "utf-8",
        "out_trade_no": "T1001",
        "method": "alipay.trade.page.pay.return",
        "total_amount": "88.00",
        "trade_no": "2024010222001446880500001234",
        "auth_app_id": "2021000000000000",
        "version": "1.0",
        "app_id": "2021000000000000",
        "seller_id": "2088101122136241",
        "timestamp": "2024-01-02 10:20:35",
    }
    query = signed_form(params, alipay_private_key)
    v = Verifier(alipay_public_key)
    for message in (query, "?" + query, "https://shop.example.com/return?" + query + "#x"):
        n = v.verify_return(message)
        assert n.kind == "return" and n.trade_status is None and n.is_paid is False
        assert n.total_amount_fen == 8800
    assert v.is_valid(query, kind="return")
    with pytest.raises(ValueError):
        v.is_valid(query, kind="refund")  # type: ignore[arg-type]


def test_gbk_notification_verifies_over_its_own_bytes(
    alipay_public_key: str, alipay_private_key: str
) -> None:
    params = notification_params(charset="GBK", subject="测试商品：中文")
    body = signed_form(params, alipay_private_key).encode("ascii")
    assert b"%B2%E2%CA%D4" in body  # 测试 in GBK, percent-encoded
    n = Verifier(alipay_public_key).verify_notify(body)
    assert n.charset == "GBK" and n.subject == "测试商品：中文"
    # Raw GBK bytes (not percent-encoded) also verify.
    raw = body.replace(b"%B2%E2%CA%D4", "测试".encode("gbk"))
    assert Verifier(alipay_public_key).verify_notify(raw).subject == "测试商品：中文"
    # Parsed parameters are UTF-8 text: a GBK message must be verified from its raw body.
    with pytest.raises(exceptions.UnsupportedCharset, match="raw body"):
        Verifier(alipay_public_key).verify_notify(params | {"sign": "eA=="})


def test_sign_rsa_and_md5(alipay_private_key: str, alipay_public_key: str) -> None:
    params = notification_params()
    value = sign(params, alipay_private_key)
    assert value == sign(list(params.items()), alipay_private_key.encode())
    body = signed_form(params, alipay_private_key)
    assert body.endswith(
        "&sign_type=RSA2&sign=" + value.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    )
    v2 = signed_form(params, alipay_private_key, rule="v2")
    assert Verifier(alipay_public_key, rule="v2").verify_notify(v2).rule == "v2"
    md5 = signed_form({"out_trade_no": "T1", "total_fee": "1.00"}, md5_key="partner-key")
    n = Verifier(md5_key="partner-key").verify_notify(md5)
    assert n.sign_type == "MD5" and n.rule == "md5" and n.key_index is None
    assert n.order_amount_fen == 100 and n.total_amount is None
    with pytest.raises(exceptions.InvalidKey):
        sign(params, "not a key")
    with pytest.raises(exceptions.InvalidConfig):
        sign(params, alipay_private_key, sign_type="SHA1")
    with pytest.raises(TypeError):
        sign("a=1", alipay_private_key)  # type: ignore[arg-type]


def test_verify_response() -> None:
    doc = json.loads((VECTORS / "responses.json").read_text())
    vector = next(v for v in doc["vectors"] if v["expect"] == "valid" and v.get("method"))
    v = Verifier([doc["keys"][k] for k in vector["keys"]], **(vector.get("options") or {}))
    for body in (vector["input"], vector["input"].encode()):
        r = v.verify_response(body, vector["method"])
        assert r.method == vector["method_out"] and r.value == vector["response_out"]
        assert r.node.endswith("_response") and r.sign_type == "RSA2"
        assert r.signed_content in vector["input"]
        assert isinstance(r.is_success, bool) and isinstance(r.is_error_response, bool)
        assert r.key_fingerprint and r.key_index == vector["key_index"]
        assert repr(r).startswith("<alipay_notify.VerifiedResponse")
    with pytest.raises(exceptions.MethodMismatch):
        v.verify_response(vector["input"], "alipay.trade.refund")
    with pytest.raises(TypeError):
        v.verify_response({"a": "b"})  # type: ignore[arg-type]


def test_diagnose(alipay_private_key: str, app_public_key: str) -> None:
    body = signed_form(notification_params(), alipay_private_key)
    # The classic mistake: the app's own public key configured instead of Alipay's.
    d = Verifier(app_public_key).diagnose(body, app_public_keys=[app_public_key])
    assert d.verified is False and d.error_name == "INVALID_SIGNATURE"
    assert d.error_message
    assert d.has("APP_PUBLIC_KEY_CONFIGURED")
    cause = d.causes[0]
    assert cause.certain and cause.code == "APP_PUBLIC_KEY_CONFIGURED"
    assert cause.explanation and cause.explanation_zh and cause.fix and cause.fix_zh
    assert d.findings[0].code == cause.code and all(not f.certain for f in d.hints)
    assert d.content_sha256 and len(d.content_sha256) == 64 and d.content_preview
    assert json.loads(d.to_json())["verified"] is False
    assert "APP_PUBLIC_KEY_CONFIGURED" in repr(d) and "cause" in repr(cause)
    # A framework's input filter HTML-escaped the JSON in fund_bill_list: undoing it makes the
    # signature verify, so it is a certain cause.
    escaped = body.replace("%22", "%26quot%3B")
    d = Verifier(json.loads((VECTORS / "notify.json").read_text())["keys"]["alipay_a"]).diagnose(
        escaped, kind="notify"
    )
    assert [f.code for f in d.causes] == ["HTML_ESCAPED"] and isinstance(d.ruled_out, list)
    assert d.search_capped is False and json.loads(d.to_json())["search_capped"] is False
    with pytest.raises(exceptions.InvalidKey):
        Verifier(app_public_key).diagnose(body, app_private_key="nope")


def test_diagnose_bounds_its_search_and_escapes_control_characters(
    alipay_private_key: str, app_public_key: str
) -> None:
    body = signed_form(notification_params(), alipay_private_key)
    # Hundreds of parameters up to the 64 KiB limit: the search stops and says so. (Thousands
    # are refused before anything is read: 1,000 parameters at most.)
    crowded = body
    i = 0
    while len(crowded) + len(f"&x{i}=" + "1" * 64) <= 65536:
        crowded += f"&x{i}=" + "1" * 64
        i += 1
    d = Verifier(app_public_key).diagnose(crowded, kind="notify")
    assert d.search_capped is True and d.verified is False
    d = Verifier(app_public_key).diagnose(body + "&x=1" * 1000, kind="notify")
    assert [f.code for f in d.findings] == ["INPUT_TOO_LARGE"]
    # Names and values from the message never bring raw CR, LF or ESC into the diagnosis.
    d = Verifier(app_public_key).diagnose(body + "&evil%0D%0Aname%1B=x%0D%0A", kind="notify")
    texts = [d.content_preview or "", d.error_message or ""]
    texts += [t for f in d.findings for t in (f.explanation, f.explanation_zh, f.fix, f.fix_zh)]
    assert any("evil\\r\\nname\\x1b" in t for t in texts), texts
    assert not any(c in t for t in texts for c in "\r\n\x1b"), texts


def test_cert_sn_and_legacy_helpers() -> None:
    cert = key_text("alipay_a.selfsigned.crt.pem")
    assert alipay_notify.cert_sn(cert) == alipay_notify.cert_sn(cert.encode())
    assert len(alipay_notify.cert_sn(cert)) == 32
    with pytest.raises(exceptions.InvalidKey):
        alipay_notify.cert_sn("not a certificate")
    url = alipay_notify.notify_verify_url("2088101122136241", "a+b/c=")
    assert url.endswith("service=notify_verify&partner=2088101122136241&notify_id=a%2Bb%2Fc%3D")
    alipay_notify.check_notify_verify_answer(" true\n")
    with pytest.raises(exceptions.InvalidConfig):
        alipay_notify.notify_verify_url("", "n")
