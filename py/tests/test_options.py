"""The keyword arguments of Verifier, Verifier.diagnose and sign/signed_form are exactly the
core's option tables (``_native.VERIFIER_OPTIONS``, ...), by their snake_case names, with the
tables' defaults; deprecated spellings keep working with a DeprecationWarning."""

from __future__ import annotations

import ast
import datetime
import inspect
from pathlib import Path
from typing import Any, Callable

import pytest

from alipay_notify import Verifier, _native, exceptions, sign, signed_form
from conftest import notification_params, vector_keys

TABLES: list[tuple[str, list[Any], Callable[..., Any], int]] = [
    # (what, table, callable, leading parameters that are no option)
    ("Verifier", _native.VERIFIER_OPTIONS, Verifier, 0),
    ("Verifier.diagnose", _native.DIAGNOSE_OPTIONS, Verifier.diagnose, 2),  # self, body
    ("sign", _native.SIGNER_OPTIONS, sign, 1),  # params
    ("signed_form", _native.SIGNER_OPTIONS, signed_form, 1),
]


def parameters(function: Callable[..., Any]) -> list[tuple[str, Any]]:
    """(name, default) of each parameter Python shows for `function`. Python 3.9 keeps no
    class's text signature: there, a class's is read from its type stub, which mypy.stubtest
    compares with the text signature on the newer Pythons."""
    if not isinstance(function, type):
        return [(p.name, p.default) for p in inspect.signature(function).parameters.values()]
    text = getattr(function, "__text_signature__", None)
    stub = Path(_native.__file__).with_name("_native.pyi")
    tree = ast.parse(f"def __new__{text}: ..." if text else stub.read_text())
    classes = [c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == function.__name__]
    body = classes[0].body if classes else tree.body
    new = next(n for n in body if isinstance(n, ast.FunctionDef) and n.name == "__new__")
    names = [a.arg for a in new.args.args + new.args.kwonlyargs if a.arg != "cls"]
    defaults = [ast.literal_eval(d) for d in new.args.defaults + new.args.kw_defaults if d]
    assert len(defaults) == len(names), "every option has a default"
    return list(zip(names, defaults))


def shown(default: Any) -> str:
    """A signature's default as the table writes it: ['RSA2'] is "RSA2", 65536 is "65536"."""
    return ",".join(default) if isinstance(default, list) else str(default)


@pytest.mark.parametrize("what, table, function, skip", TABLES, ids=[t[0] for t in TABLES])
def test_the_keyword_arguments_are_the_core_table(
    what: str, table: list[Any], function: Callable[..., Any], skip: int
) -> None:
    shows = parameters(function)[skip:]
    assert [name for name, _ in shows] == [name for name, *_ in table], what
    for (_, shown_default), (name, kind, values, default, _requires, meaning) in zip(shows, table):
        got = None if shown_default is None else shown(shown_default)
        assert got == default, f"{what}({name}=...): the table's default is {default!r}"
        assert kind and meaning, name
        if values and got is not None:
            assert set(got.split(",")) <= set(values), name


def test_every_table_name_is_accepted_and_no_other_spelling(alipay_public_key: str) -> None:
    for name, *_ in _native.VERIFIER_OPTIONS:
        # None is the option's default: the name is known, nothing is set.
        options = {name: None, "alipay_public_key": alipay_public_key}
        assert Verifier(**options).sign_types == ["RSA2"]
    for wrong, hint in (("appId", "app_id"), ("App_Id", "app_id"), ("signTypes", "sign_types")):
        with pytest.raises(exceptions.InvalidConfig, match=f"did you mean {hint}"):
            Verifier(alipay_public_key, **{wrong: "x"})
    with pytest.raises(exceptions.InvalidConfig, match='unknown option "appid"'):
        Verifier(alipay_public_key, appid="2021")
    verifier = Verifier(alipay_public_key)
    with pytest.raises(exceptions.InvalidConfig, match="did you mean app_public_keys"):
        verifier.diagnose(b"a=b", appPublicKeys=alipay_public_key)
    with pytest.raises(exceptions.InvalidConfig, match='unknown option "app_public_key"'):
        verifier.diagnose(b"a=b", app_public_key=alipay_public_key)
    with pytest.raises(exceptions.InvalidConfig, match="did you mean md5_key"):
        sign({"a": "b"}, md5Key="k")


def test_values_are_converted_by_the_option_kind(alipay_public_key: str) -> None:
    v = Verifier(alipay_public_key, sign_types="RSA", seller_id=["2088", "2089"], max_size=1024)
    assert v.sign_types == ["RSA"]
    with pytest.raises(TypeError, match="app_id must be a str, not int"):
        Verifier(alipay_public_key, app_id=2021)
    with pytest.raises(TypeError, match="alipay_public_key must be str or bytes"):
        Verifier(alipay_public_key=[42])
    with pytest.raises(exceptions.InvalidConfig, match="option rule: "):
        Verifier(alipay_public_key, rule="v3")


def test_certificate_time_in_either_order_and_rounded_down() -> None:
    keys = vector_keys("responses.json")
    cert, root = keys["alipay_a_cert"], keys["test_root"]
    valid_from = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)  # its notBefore
    start = valid_from.timestamp()
    for options in (
        {"check_certificates": root, "check_certificates_at": valid_from},
        {"check_certificates_at": valid_from, "check_certificates": root},
        {"check_certificates": root, "check_certificates_at": int(start)},
        {"check_certificates": root, "check_certificates_at": start + 0.9},
    ):
        assert Verifier(cert, **options).key_fingerprints
    # Half a second before its validity is the whole second before, not the second it starts.
    with pytest.raises(exceptions.CertExpired):
        Verifier(cert, check_certificates=root, check_certificates_at=start - 0.5)
    with pytest.raises(exceptions.InvalidConfig, match="check_certificates"):
        Verifier(cert, check_certificates_at=valid_from)


def test_signer_options(alipay_private_key: str, alipay_public_key: str) -> None:
    params = notification_params()
    assert sign(params, alipay_private_key) == sign(params, private_key=alipay_private_key)
    md5 = signed_form({"out_trade_no": "T1"}, md5_key="partner-key", sign_type="MD5")
    assert md5 == signed_form({"out_trade_no": "T1"}, md5_key="partner-key")
    assert Verifier(md5_key="partner-key").verify_notify(md5).sign_type == "MD5"
    for contradiction in (
        lambda: sign(params, alipay_private_key, md5_key="partner-key"),
        lambda: sign(params, md5_key="partner-key", sign_type="RSA2"),
        lambda: sign(params),
    ):
        with pytest.raises(exceptions.InvalidConfig):
            contradiction()


def test_the_md5_key_as_private_key_is_deprecated_and_still_signs() -> None:
    params = {"out_trade_no": "T1", "total_fee": "1.00"}
    with pytest.warns(DeprecationWarning, match="md5_key=") as warned:
        old = signed_form(params, "partner-key", sign_type="MD5")
    assert warned[0].filename == __file__  # the caller's line, not the library's
    assert old == signed_form(params, md5_key="partner-key")
    with pytest.warns(DeprecationWarning):
        assert sign(params, "partner-key", sign_type="MD5") == sign(params, md5_key="partner-key")
