"""The exception classes: one per core error name, with the core's codes, categories and
groups, generated from the core's table, each raised where the core raises it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

import pytest

import alipay_notify
import exceptions_table
from alipay_notify import Verifier, exceptions, signed_form
from alipay_notify._native import ERROR_GROUPS, ERROR_KINDS, _error_for
from conftest import VECTORS, notification_params

E = exceptions


def test_one_class_per_core_error_name() -> None:
    assert {kind[1] for kind in ERROR_KINDS} == set(E.BY_NAME)
    assert {kind[0] for kind in ERROR_KINDS} == set(E.BY_CODE)
    for code, name, category, group, _ in ERROR_KINDS:
        cls = E.BY_NAME[name]
        assert (cls.code, cls.name, cls.category, cls.group) == (code, name, category, group)
        assert E.BY_CODE[code] is cls
        assert cls.__name__ in E.__all__
        # Rust raises exactly this class for this kind.
        error = _error_for(code, "a message")
        assert type(error) is cls
        assert (error.code, error.name, error.message) == (code, name, "a message")
        assert error.group == group
        assert str(error) == f"{name}: a message"


def test_every_class_is_under_the_class_of_its_core_group() -> None:
    assert list(E.BY_GROUP) == ERROR_GROUPS
    for group, group_class in E.BY_GROUP.items():
        assert group_class.group == group
        assert group_class.__name__ in E.__all__
    for _, name, _, group, _ in ERROR_KINDS:
        cls = E.BY_NAME[name]
        for other, group_class in E.BY_GROUP.items():
            assert issubclass(cls, group_class) == (other == group), (name, other)


def test_exception_classes_are_generated_from_the_core() -> None:
    """exceptions.py holds what exceptions_table.py renders from the core's table; with
    UPDATE_TABLES=1 this test writes it."""
    if os.environ.get("UPDATE_TABLES"):
        exceptions_table.write()
    assert exceptions_table.current() == exceptions_table.render(), (
        "alipay_notify/exceptions.py is out of date with the core's error kinds: run "
        "`python py/tests/exceptions_table.py` with the built module installed"
    )
    # The installed module is the source's.
    assert Path(E.__file__).read_text(encoding="utf-8") == exceptions_table.SOURCE.read_text(
        encoding="utf-8"
    )


def test_grouping_classes() -> None:
    assert issubclass(E.AlipayNotifyError, Exception)
    for cls in E.BY_NAME.values():
        assert issubclass(cls, E.AlipayNotifyError)
    assert issubclass(E.MalformedInput, ValueError)
    assert issubclass(E.ConfigError, ValueError)
    assert not issubclass(E.SignatureError, ValueError)
    for cls in (E.InputTooLarge, E.DuplicateParameter, E.UnsupportedCharset, E.InvalidAmount):
        assert issubclass(cls, E.MalformedInput)
    for cls in (E.MissingSignature, E.SignTypeNotAllowed, E.UnsignedResponse, E.InvalidSignature):
        assert issubclass(cls, E.SignatureError)
    for cls in (E.NotifyVerifyRejected, E.NotifyVerifyUnexpected, E.NotifyVerifyInvalid):
        assert issubclass(cls, E.NotifyVerifyError)
    assert alipay_notify.InvalidSignature is E.InvalidSignature


def test_compatibility_of_the_regrouping() -> None:
    """InvalidSignature keeps its meaning: it catches AMBIGUOUS_SIGNED_CONTENT and nothing
    else of the signature group; the names moved to other groups are documented."""
    assert issubclass(E.AmbiguousSignedContent, E.InvalidSignature)
    signature = {cls.name for cls in E.BY_NAME.values() if issubclass(cls, E.InvalidSignature)}
    assert signature == {"INVALID_SIGNATURE", "AMBIGUOUS_SIGNED_CONTENT"}
    assert not issubclass(E.MissingSignature, (E.MalformedInput, ValueError))
    assert not issubclass(E.NotifyVerifyInvalid, E.ConfigError)
    with pytest.raises(E.SignatureError):
        raise E.MissingSignature("no sign")


def test_exceptions_pickle_and_keep_their_message() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(E.OrderMismatch("not our order")))
    assert type(error) is E.OrderMismatch
    assert error.message == "not our order"
    assert error.name == "ORDER_MISMATCH"


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key)


@pytest.fixture(scope="module")
def body(alipay_private_key: str) -> bytes:
    return signed_form(notification_params(), alipay_private_key).encode()


def triggers(public: str, body: bytes) -> dict[str, Callable[[], object]]:
    v = Verifier(public)
    n = v.verify_notify(body)
    return {
        "MALFORMED_INPUT": lambda: v.verify_notify(b'{"sign": "x"}'),
        "INPUT_TOO_LARGE": lambda: Verifier(public, max_size=100).verify_notify(body),
        "MALFORMED_PERCENT_ENCODING": lambda: v.verify_notify(b"a=%zz&sign=x"),
        "DUPLICATE_PARAMETER": lambda: v.verify_notify(b"a=1&a=2&sign=x"),
        "MISSING_SIGNATURE": lambda: v.verify_notify(b"a=1&sign="),
        "SIGN_TYPE_NOT_ALLOWED": lambda: v.verify_notify(b"a=1&sign_type=RSA&sign=eA=="),
        "UNSUPPORTED_CHARSET": lambda: v.verify_notify(b"a=1&charset=latin1&sign=eA=="),
        "INVALID_SIGNATURE": lambda: v.verify_notify(body.replace(b"T1001", b"T1002")),
        "INVALID_AMOUNT": lambda: n.check_order("T1001", "88.001"),
        "NOTIFY_VERIFY_REJECTED": lambda: alipay_notify.check_notify_verify_answer("false"),
        "NOTIFY_VERIFY_UNEXPECTED": lambda: alipay_notify.check_notify_verify_answer("<html>"),
        "NOTIFY_VERIFY_INVALID": lambda: alipay_notify.check_notify_verify_answer(b"invalid"),
        "APP_ID_MISMATCH": lambda: Verifier(public, app_id="2021999").verify_notify(body),
        "SELLER_ID_MISMATCH": lambda: Verifier(public, seller_id=["2088"]).verify_notify(body),
        "ORDER_MISMATCH": lambda: n.check_order("T9999", "88.00"),
        "AMOUNT_MISMATCH": lambda: n.check_order("T1001", "0.01"),
        "INVALID_KEY": lambda: Verifier("-----BEGIN PUBLIC KEY-----\nAAAA\n"),
        "INVALID_CONFIG": lambda: Verifier(public, rule="v3"),
    }


def test_raised_where_the_core_raises_them(alipay_public_key: str, body: bytes) -> None:
    for name, trigger in triggers(alipay_public_key, body).items():
        with pytest.raises(E.BY_NAME[name]) as caught:
            trigger()
        assert caught.value.name == name
        assert type(caught.value) is E.BY_NAME[name], name


def test_weak_key() -> None:
    keys = json.loads((VECTORS / "keys.json").read_text())["keys"]
    legacy = next(text for key_id, text in keys.items() if "1024" in key_id)
    with pytest.raises(E.WeakKey):
        Verifier(legacy)
    Verifier(legacy, min_key_bits=1024)


def test_every_error_is_reachable_or_documented_as_not(alipay_public_key: str, body: bytes) -> None:
    """Each error name is raised by a trigger above or by a shared vector, except the three
    that only a bug or the C ABI can cause."""
    seen = set(triggers(alipay_public_key, body)) | {"WEAK_KEY"}  # test_weak_key
    for path in VECTORS.glob("*.json"):
        for vector in json.loads(path.read_text())["vectors"]:
            if vector.get("error"):
                seen.add(vector["error"])
    assert set(E.BY_NAME) - seen == {"INTERNAL", "PANIC", "NULL_PARAMETER"}


def test_is_valid_is_false_only_for_a_bad_signature(
    verifier: Verifier, alipay_public_key: str, body: bytes
) -> None:
    assert verifier.is_valid(body) is True
    assert verifier.is_valid(body.replace(b"T1001", b"T1002")) is False
    forged = next(
        v["input"]
        for v in json.loads((VECTORS / "notify.json").read_text())["vectors"]
        if v["id"] == "notify-embedded-pair-resplit-attack"
    )
    keys = json.loads((VECTORS / "notify.json").read_text())["keys"]
    assert Verifier(keys["alipay_a"]).is_valid(forged) is False  # AMBIGUOUS_SIGNED_CONTENT
    # The rest of the signature group still raises, as before the regrouping.
    with pytest.raises(E.MissingSignature):
        verifier.is_valid(b"a=1")
    with pytest.raises(E.SignTypeNotAllowed):
        verifier.is_valid(b"a=1&sign_type=RSA&sign=eA==")
    with pytest.raises(E.AppIdMismatch):
        Verifier(alipay_public_key, app_id="2021999").is_valid(body)
    with pytest.raises(E.InvalidConfig):
        Verifier("x", rule="v9")


def test_an_option_error_is_an_operator_error(
    alipay_public_key: str, alipay_private_key: str, body: bytes
) -> None:
    """Every bad option value is InvalidConfig (InvalidKey for a key), as in every binding,
    never the sender's UnsupportedCharset or the codec's UnicodeEncodeError."""
    v = Verifier(alipay_public_key)
    key = alipay_public_key
    cases: list[tuple[type[E.AlipayNotifyError], Callable[[], object]]] = [
        (E.InvalidConfig, lambda: Verifier(key, default_charset="big5")),
        (E.InvalidConfig, lambda: Verifier(key, default_charset="utf-8\ud800")),
        (E.InvalidConfig, lambda: Verifier(key, rule="v1\ud800")),
        (E.InvalidConfig, lambda: Verifier(key, app_id="2021\ud800")),
        (E.InvalidKey, lambda: Verifier(md5_key="partner-key\ud800")),
        (E.InvalidConfig, lambda: Verifier(key, sign_types=["RSA3"])),
        (E.InvalidKey, lambda: Verifier(key, sign_types=["SM2"])),
        (E.InvalidConfig, lambda: Verifier(key, check_certificates_at=0)),
        (E.InvalidConfig, lambda: v.diagnose(body, kind="query")),  # type: ignore[arg-type]
        (E.InvalidConfig, lambda: v.diagnose(body, kind="notify\ud800")),  # type: ignore[arg-type]
        (E.InvalidConfig, lambda: v.is_valid(body, kind="query")),  # type: ignore[arg-type]
        (E.InvalidConfig, lambda: signed_form({"a": "1"}, alipay_private_key, sign_type="RSA3")),
        (E.InvalidKey, lambda: signed_form({"a": "1"}, alipay_private_key, sign_type="SM2")),
        (E.InvalidConfig, lambda: signed_form({"a": "1"}, alipay_private_key, rule="v2\ud800")),
    ]
    for expected, make in cases:
        with pytest.raises(E.AlipayNotifyError) as caught:
            make()
        assert type(caught.value) is expected, caught.value
        assert caught.value.group == "configuration"
    with pytest.raises(E.InvalidConfig, match='unknown charset "big5"'):
        Verifier(key, default_charset="big5")
    assert Verifier(key, default_charset=" GBK ")


def test_messages_never_contain_key_material(alipay_private_key: str) -> None:
    secret_md5 = "s3cr3t-partner-key-000"
    body = signed_form({"out_trade_no": "T1", "total_fee": "1.00"}, md5_key=secret_md5)
    errors = []
    for make in (
        lambda: Verifier(alipay_private_key),  # a private key where Alipay's public key belongs
        lambda: Verifier(md5_key="wrong-key-000").verify_notify(body),
        lambda: Verifier(md5_key=secret_md5, app_id="2021").verify_notify(body),
    ):
        with pytest.raises(E.AlipayNotifyError) as caught:
            make()
        errors.append(caught.value)
    assert errors[0].name == "INVALID_KEY"
    for error in errors:
        text = str(error) + repr(error)
        assert "MII" not in text and secret_md5 not in text and "wrong-key" not in text
