"""Every shared vector in tests/vectors, with the exact outcome (see tests/vectors/README.md)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Optional

import pytest

import alipay_notify
from alipay_notify import exceptions
from conftest import VECTORS


class MultiDict:
    """A minimal multi-value Mapping, shaped like Werkzeug's MultiDict and Django's QueryDict."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = pairs

    def __getitem__(self, name: str) -> str:
        return [v for k, v in self._pairs if k == name][-1]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(k for k, _ in self._pairs))

    def __len__(self) -> int:
        return len(dict.fromkeys(k for k, _ in self._pairs))

    def getlist(self, name: str) -> list[str]:
        return [v for k, v in self._pairs if k == name]


# Registered, not inherited, as many frameworks' classes are.
Mapping.register(MultiDict)


def load() -> list[Any]:
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for vector in doc["vectors"]:
            cases.append(pytest.param(doc["keys"], vector, id=f"{path.stem}:{vector['id']}"))
    return cases


CASES = load()


def test_every_file_has_vectors() -> None:
    assert len(CASES) > 300


def raw_input(vector: dict[str, Any]) -> bytes:
    if "input_hex" in vector:
        return bytes.fromhex(vector["input_hex"])
    return str(vector.get("input", "")).encode("utf-8")


def build(keys: dict[str, str], vector: dict[str, Any]) -> alipay_notify.Verifier:
    options = vector.get("options") or {}
    kwargs: dict[str, Any] = {}
    for name in (
        "sign_types",
        "rule",
        "app_id",
        "min_key_bits",
        "max_size",
        "md5_key",
        "max_response_age",
    ):
        if name in options:
            kwargs[name] = options[name]
    if "seller_ids" in options:
        kwargs["seller_id"] = options["seller_ids"]
    if "allow_embedded_pairs" in options:
        kwargs["allow_embedded_pairs"] = options["allow_embedded_pairs"]
    if "default_charset" in options:
        kwargs["default_charset"] = options["default_charset"]
    if "check_certificates" in options:
        check = options["check_certificates"]
        kwargs["check_certificates"] = keys[check["root"]]
        kwargs["check_certificates_at"] = check["at"]
    # aes.json: decryption keys, by key id.
    for name in ("aes_key", "app_private_key"):
        if name in options:
            kwargs[name] = keys[options[name]]
    return alipay_notify.Verifier([keys[k] for k in vector.get("keys", [])], **kwargs)


def expect_error(vector: dict[str, Any], error: alipay_notify.AlipayNotifyError) -> None:
    assert vector.get("expect") == "invalid", f"unexpected {error!r}"
    assert error.name == vector["error"], str(error)
    assert type(error) is exceptions.BY_NAME[vector["error"]]


def run_verify(
    keys: dict[str, str], vector: dict[str, Any]
) -> Optional[alipay_notify.Notification]:
    kind = vector["kind"]
    try:
        verifier = build(keys, vector)
        if kind in ("notify", "wap_notify", "message_service"):
            n = verifier.verify_notify(raw_input(vector))
        elif kind == "app_result":
            n = verifier.verify_app_result(raw_input(vector))
        elif kind == "return":
            n = verifier.verify_return(raw_input(vector))
        else:
            pairs = [(p[0], p[1]) for p in vector["params"]]
            names = [name for name, _ in pairs]
            # A dict when the names are unique, else a multi-value Mapping: both are Mappings.
            message: Any = dict(pairs) if len(set(names)) == len(names) else MultiDict(pairs)
            n = verifier.verify_notify(message)
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return None
    assert vector["expect"] == "valid", f"verified, expected {vector.get('error')}"
    if "rule" in vector:
        assert n.rule == vector["rule"]
    if "key_index" in vector:
        assert n.key_index == vector["key_index"]
    if "params_out" in vector:
        assert dict(n) == vector["params_out"]
        assert n == vector["params_out"]
        assert len(n) == len(vector["params_out"])
    typed = vector.get("typed") or {}
    if "trade_status" in typed:
        assert n.trade_status == typed["trade_status"]
    if "is_paid" in typed:
        assert n.is_paid is typed["is_paid"]
    if "total_amount_fen" in typed:
        assert n.order_amount_fen == typed["total_amount_fen"]
    check = vector.get("check_order")
    if check is not None:
        try:
            n.check_order(check["out_trade_no"], check["total_amount"])
            outcome = None
        except exceptions.BusinessMismatch as error:
            outcome = error.name
        except exceptions.InvalidAmount as error:
            outcome = error.name
        assert outcome == check["error"]
    return n


def diagnose_kwargs(keys: dict[str, str], vector: dict[str, Any]) -> dict[str, Any]:
    options = vector.get("options") or {}
    private = options.get("app_private_key")
    return {
        "app_public_keys": [keys[k] for k in options.get("app_public_keys", [])],
        "app_private_key": keys[private] if private else None,
    }


def check_diagnosis(diagnosis: alipay_notify.Diagnosis, vector: dict[str, Any]) -> None:
    expected = vector["diagnosis"]
    assert diagnosis.verified is expected["verified"]
    assert sorted(f.code for f in diagnosis.causes) == sorted(expected["causes"]), diagnosis
    hints = {f.code for f in diagnosis.hints}
    for hint in expected.get("hints", []):
        assert hint in hints, diagnosis
    assert all(f.certain for f in diagnosis.causes)
    assert json.loads(diagnosis.to_json())["verified"] is expected["verified"]


def run_diagnose(keys: dict[str, str], vector: dict[str, Any]) -> None:
    verifier = build(keys, vector)
    diagnosis = verifier.diagnose(raw_input(vector), **diagnose_kwargs(keys, vector))
    check_diagnosis(diagnosis, vector)


def run_diagnose_response(keys: dict[str, str], vector: dict[str, Any]) -> None:
    verifier = build(keys, vector)
    diagnosis = verifier.diagnose_response(
        vector["input"], vector.get("method"), **diagnose_kwargs(keys, vector)
    )
    check_diagnosis(diagnosis, vector)


def run_diagnose_v3(keys: dict[str, str], vector: dict[str, Any]) -> None:
    verifier = build(keys, vector)
    headers = [tuple(pair) for pair in vector["headers"]]
    diagnosis = verifier.diagnose_v3(
        headers, vector["body"].encode(), **diagnose_kwargs(keys, vector)
    )
    check_diagnosis(diagnosis, vector)


def run_response(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        response = build(keys, vector).verify_response(vector["input"], vector.get("method"))
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector["expect"] == "valid", f"verified, expected {vector.get('error')}"
    assert response.method == vector["method_out"]
    assert response.key_index == vector["key_index"]
    assert response.value == vector["response_out"]


def outcome_of(read: Callable[[], Any]) -> Any:
    """A typed accessor's value, or the name of the error it raises."""
    try:
        return read()
    except alipay_notify.AlipayNotifyError as error:
        return error.name


def run_wap_family(keys: dict[str, str], vector: dict[str, Any]) -> None:
    """wap.json: WAP notifications and 消息服务 messages are notify bodies, app results have
    their own call; a 消息服务 vector's `message` holds its typed fields."""
    n = run_verify(keys, vector)
    message = vector.get("message")
    if n is None or message is None:
        return
    assert n.msg_method == message.get("msg_method")
    assert outcome_of(lambda: n.biz_content) == message.get(
        "biz_content", message.get("biz_content_error")
    )
    if "utc_timestamp_ms" in message:
        ms = message["utc_timestamp_ms"]
        assert n.utc_timestamp_ms == ms
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        assert n.utc_timestamp == epoch + datetime.timedelta(milliseconds=ms)
    else:
        assert outcome_of(lambda: n.utc_timestamp_ms) == message["utc_timestamp_error"]
        assert outcome_of(lambda: n.utc_timestamp) == message["utc_timestamp_error"]


def run_cert_sn(keys: dict[str, str], vector: dict[str, Any]) -> None:
    text = keys[vector["cert"]]
    try:
        sn = alipay_notify.root_cert_sn(text) if vector.get("root") else alipay_notify.cert_sn(text)
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector["expect"] == "valid"
    assert sn == vector["sn"]


def run_sign(keys: dict[str, str], vector: dict[str, Any]) -> None:
    pairs = [(p[0], p[1]) for p in vector["params"]]
    if "charset" in vector and not any(name == "charset" for name, _ in pairs):
        pairs.append(("charset", vector["charset"]))
    try:
        sign = alipay_notify.sign(
            pairs,
            keys[vector["private_key"]],
            sign_type=vector.get("sign_type", "RSA2"),
            rule=vector.get("rule", "v1"),
        )
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector.get("expect", "valid") == "valid"
    assert sign == vector["sign"]


def run_sm2_sign(keys: dict[str, str], vector: dict[str, Any]) -> None:
    """SM2 signatures are randomized: the one made is verified with the vector's public key
    instead of compared."""
    pairs = [(p[0], p[1]) for p in vector["params"]]
    rule = vector.get("rule", "v1")
    try:
        sign = alipay_notify.sign(pairs, keys[vector["private_key"]], sign_type="SM2", rule=rule)
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector["expect"] == "valid", f"signed, expected {vector.get('error')}"
    verifier = alipay_notify.Verifier(keys[vector["public_key"]], sign_types=["SM2"])
    n = verifier.verify_notify([*pairs, ("sign", sign)])
    assert n.rule == vector["rule"]
    assert n.sign_type == "SM2"
    assert n == vector["params_out"]


def run_v3_response(keys: dict[str, str], vector: dict[str, Any]) -> None:
    pairs = [(p[0], p[1]) for p in vector["headers"]]
    names = [name for name, _ in pairs]
    # A dict, as most frameworks give headers, when it can hold them all.
    headers: Any = dict(pairs) if len(set(names)) == len(names) else pairs
    body = vector["body"].encode("utf-8")
    try:
        response = build(keys, vector).verify_v3(headers, body, now_millis=vector.get("now"))
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector["expect"] == "valid", f"verified, expected {vector.get('error')}"
    assert response.body == vector["body_out"].encode("utf-8")
    assert response.key_index == vector["key_index"]


def run_v3_request(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        signer = alipay_notify.V3Signer(
            keys[vector["private_key"]], vector["app_id"], vector.get("app_cert_sn")
        )
        authorization = signer.authorization(
            vector["method"],
            vector["uri"],
            vector["body"].encode("utf-8"),
            app_auth_token=vector.get("app_auth_token"),
            nonce=vector["nonce"],
            timestamp=vector["timestamp"],
        )
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    assert vector["expect"] == "valid"
    assert authorization == vector["authorization"]


# ---- aes.json: AES-encrypted content


def expect_valid(vector: dict[str, Any]) -> None:
    assert vector["expect"] == "valid", f"succeeded, expected {vector.get('error')}"


def run_aes_decrypt(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        plaintext = alipay_notify.decrypt(keys[vector["aes_key"]], vector["input"])
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    expect_valid(vector)
    assert plaintext == vector["plaintext"]


def run_aes_response(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        response = build(keys, vector).verify_response(vector["input"], vector.get("method"))
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    expect_valid(vector)
    assert response.method == vector["method_out"]
    assert response.key_index == vector["key_index"]
    assert response.value == vector["response_out"]
    assert response.is_decrypted is vector["decrypted"]
    content = response.decrypted_content
    assert (json.loads(content) if content is not None else None) == (
        vector["response_out"] if vector["decrypted"] else None
    )


def run_open_data(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        data = build(keys, vector).verify_open_data(vector["input"])
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    expect_valid(vector)
    assert data.key_index == vector["key_index"]
    assert data.sign_type == vector["sign_type"]
    assert data.is_encrypted is vector["encrypted"]
    assert data.value == vector["data_out"]
    assert json.loads(data.content) == vector["data_out"]


def run_rsa_biz_content(keys: dict[str, str], vector: dict[str, Any]) -> None:
    try:
        n = build(keys, vector).verify_notify(raw_input(vector))
    except alipay_notify.AlipayNotifyError as error:
        expect_error(vector, error)
        return
    expect_valid(vector)
    assert n.decrypted_biz_content == vector["biz_content_out"]


RUNNERS = {
    "sign": run_sign,
    "diagnose": run_diagnose,
    "diagnose_response": run_diagnose_response,
    "diagnose_v3": run_diagnose_v3,
    "response": run_response,
    "cert_sn": run_cert_sn,
    "wap_notify": run_wap_family,
    "message_service": run_wap_family,
    "app_result": run_wap_family,
    "sm2_sign": run_sm2_sign,
    "v3_response": run_v3_response,
    "v3_request": run_v3_request,
    "aes_decrypt": run_aes_decrypt,
    "aes_response": run_aes_response,
    "open_data": run_open_data,
    "rsa_biz_content": run_rsa_biz_content,
}


@pytest.mark.parametrize(("keys", "vector"), CASES)
def test_vector(keys: dict[str, str], vector: dict[str, Any]) -> None:
    RUNNERS.get(vector["kind"], run_verify)(keys, vector)
