"""Hostile objects at every entry point that converts Python objects: each gets an exception
of the library's taxonomy, or a TypeError or ValueError, and never a crash, a PanicException
or a PanicError. The cases that used to abort or segfault the interpreter run in a
subprocess, so a regression fails its test instead of killing pytest."""

from __future__ import annotations

import decimal
import functools
import itertools
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import alipay_notify
from alipay_notify import Notification, Verifier, exceptions, sign, signed_form
from conftest import VECTORS, notification_params

HERE = Path(__file__).resolve().parent

#: What a hostile argument may raise. UnicodeEncodeError (a lone surrogate in a str argument
#: that pyo3 converts itself) is a ValueError.
ALLOWED = (exceptions.AlipayNotifyError, TypeError, ValueError)
#: Bugs of this library, even when raised as its own class.
BUGS = (exceptions.PanicError, exceptions.InternalError)

# Each run gets fresh examples and leaves no database in the tree.
PROPERTY = settings(
    database=None,
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class Lying(Mapping[str, Any]):
    """A Mapping whose len() is whatever it is told."""

    def __init__(self, items: Mapping[str, Any], length: int) -> None:
        self.items_ = dict(items)
        self.length = length

    def __getitem__(self, name: str) -> Any:
        return self.items_[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.items_)

    def __len__(self) -> int:
        return self.length


class LyingList(list):  # type: ignore[type-arg]
    """A list of pairs whose len() and iteration lie; its items are what counts."""

    def __len__(self) -> int:
        return 2**40

    def __iter__(self) -> Iterator[Any]:
        return itertools.repeat(("x", "y"))


class MultiValue(Mapping[str, Any]):
    """A multi-value dict (as Django's QueryDict): getlist answers with every value."""

    def __init__(self, lists: dict[str, Any]) -> None:
        self.lists = lists

    def __getitem__(self, name: str) -> Any:
        return self.lists[name][-1]

    def __iter__(self) -> Iterator[str]:
        return iter(self.lists)

    def __len__(self) -> int:
        return len(self.lists)

    def getlist(self, name: str) -> Any:
        return self.lists[name]


class Endless(Mapping[str, str]):
    """A Mapping that never stops iterating."""

    def __init__(self, same_name: bool) -> None:
        self.same_name = same_name

    def __getitem__(self, name: str) -> str:
        return ""

    def __iter__(self) -> Iterator[str]:
        return (("a" if self.same_name else f"k{i}") for i in itertools.count())

    def __len__(self) -> int:
        return 1


@pytest.fixture(scope="module")
def verifier(alipay_public_key: str) -> Verifier:
    return Verifier(alipay_public_key)


@pytest.fixture(scope="module")
def signed(alipay_private_key: str) -> dict[str, str]:
    params = notification_params()
    return {**params, "sign_type": "RSA2", "sign": sign(params, alipay_private_key)}


@pytest.fixture(scope="module")
def n(verifier: Verifier, signed: dict[str, str]) -> Notification:
    return verifier.verify_notify(signed)


# The cases that crashed the interpreter, each in its own process.

PRELUDE = """
import itertools, sys
from collections.abc import Mapping
import alipay_notify
from alipay_notify import Verifier, sign
from conftest import key_text, notification_params, vector_keys
from test_hostile_input import Endless, Lying, LyingList, MultiValue

PRIVATE = key_text("alipay_a.key.pem")
PUBLIC = vector_keys("notify.json")["alipay_a"]
v = Verifier(PUBLIC)
params = notification_params()
signed = {**params, "sign_type": "RSA2", "sign": sign(params, PRIVATE)}

def deep(depth):
    value = "v"
    for _ in range(depth):
        value = [value]
    return value

def show(run):
    try:
        result = run()
    except BaseException as error:  # PanicException is a BaseException
        print(type(error).__name__)
    else:
        print(result if isinstance(result, str) else "ok" if result in (None, True) else result)
"""


def run_isolated(code: str) -> str:
    """What `code` prints, run after PRELUDE in a new interpreter; a crash fails the test."""
    program = PRELUDE + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (
        f"the interpreter died (exit {result.returncode}):\n{result.stderr[-3000:]}"
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # Sized from __len__ once: 2**40 aborted (the allocation failed), 2**62 panicked.
        ("show(lambda: v.verify_notify(Lying(signed, 2**40)).out_trade_no)", "T1001"),
        ("show(lambda: v.verify_notify(Lying(signed, 2**62)).out_trade_no)", "T1001"),
        ("show(lambda: v.verify_return(Lying({'a': 'b'}, 2**62)))", "MissingSignature"),
        ("show(lambda: sign(Lying(params, 2**62), PRIVATE) == signed['sign'])", "ok"),
        # A list's own items count, whatever a subclass's __len__ and __iter__ say.
        ("show(lambda: v.verify_notify(LyingList(signed.items())).out_trade_no)", "T1001"),
        # 100,000 nested lists: the conversion recursed until the stack overflowed.
        ("show(lambda: v.verify_notify({**signed, 'subject': deep(100_000)}))", "TypeError"),
        ("show(lambda: v.verify_notify([('subject', deep(100_000))]))", "TypeError"),
        ("show(lambda: v.verify_notify(MultiValue({'subject': deep(100_000)})))", "TypeError"),
        ("show(lambda: sign({'subject': deep(100_000)}, PRIVATE))", "TypeError"),
        # A list in a list is no form value, however shallow.
        ("show(lambda: v.verify_notify({**signed, 'subject': [['x']]}))", "TypeError"),
        # Objects that never end are bounded by the size limit, or by the option list's.
        ("show(lambda: v.verify_notify(Endless(same_name=False)))", "InputTooLarge"),
        ("show(lambda: v.verify_notify(Endless(same_name=True)))", "InputTooLarge"),
        ("show(lambda: sign(Endless(same_name=False), PRIVATE))", "InputTooLarge"),
        ("show(lambda: Verifier(PUBLIC, sign_types=itertools.repeat('RSA2')))", "InvalidConfig"),
        (
            "show(lambda: Verifier(PUBLIC, seller_id=(str(i) for i in itertools.count())))",
            "InvalidConfig",
        ),
    ],
)
def test_objects_that_crashed_the_interpreter(code: str, expected: str) -> None:
    assert run_isolated(code) == expected


# Odd objects, in process.


def test_a_mapping_that_raises_passes_its_error_on(verifier: Verifier) -> None:
    class Boom(Exception):
        pass

    class Raising(Mapping[str, str]):
        def __init__(self, where: str) -> None:
            self.where = where

        def __getitem__(self, name: str) -> str:
            if self.where == "getitem":
                raise Boom(name)
            return "x"

        def __iter__(self) -> Iterator[str]:
            if self.where == "iter":
                raise Boom("iter")
            return iter(["a"])

        def __len__(self) -> int:
            raise Boom("len")  # never asked

        def items(self) -> Any:
            raise Boom("items")  # never asked

    for where in ("getitem", "iter"):
        with pytest.raises(Boom):
            verifier.verify_notify(Raising(where))
    with pytest.raises(exceptions.MissingSignature):
        verifier.verify_notify(Raising("nowhere"))


def test_names_must_be_str(verifier: Verifier, signed: dict[str, str]) -> None:
    names: list[Any] = [b"sign", 1, None, ("a",)]
    for name in names:
        with pytest.raises(TypeError, match="names must be str"):
            verifier.verify_notify({**signed, name: "x"})
        with pytest.raises(TypeError, match="names must be str"):
            verifier.verify_notify([*signed.items(), (name, "x")])
    pairs: list[Any] = [("a",), ("a", "b", "c"), ["a", "b"], "ab"]
    for pair in pairs:
        with pytest.raises(TypeError, match="pairs"):
            verifier.verify_notify([pair])


def test_values_are_str_or_a_list_holding_one_str(
    verifier: Verifier, signed: dict[str, str]
) -> None:
    assert verifier.verify_notify({k: [v] for k, v in signed.items()}).out_trade_no == "T1001"
    assert verifier.verify_notify(MultiValue({k: (v,) for k, v in signed.items()})).is_paid
    for value in (b"x", 1, None, [b"x"], [["x"]], [("x",)], {"x": "y"}):
        with pytest.raises(TypeError, match="str or a list holding one str"):
            verifier.verify_notify({**signed, "subject": value})
    with pytest.raises(TypeError, match="str or a list holding one str"):
        verifier.verify_notify(MultiValue({"subject": "not a list"}))
    with pytest.raises(exceptions.DuplicateParameter):
        verifier.verify_notify(MultiValue({"subject": ["a", "b"]}))


def test_subclasses_count_for_their_content(verifier: Verifier, signed: dict[str, str]) -> None:
    body = signed_form_of(signed)

    class Bytes(bytes):
        def __len__(self) -> int:
            return 0

    class Text(str):
        def __len__(self) -> int:
            return 0

        def __str__(self) -> str:
            return "sign=x"

    class Dict(dict):  # type: ignore[type-arg]
        def __len__(self) -> int:
            return 2**62

    assert verifier.verify_notify(Bytes(body)).out_trade_no == "T1001"
    assert verifier.verify_notify(Text(body.decode())).out_trade_no == "T1001"
    assert verifier.verify_notify(Dict(signed)).out_trade_no == "T1001"


def signed_form_of(signed: dict[str, str]) -> bytes:
    return urlencode(signed).encode()


def test_lone_surrogates(
    verifier: Verifier, signed: dict[str, str], alipay_public_key: str
) -> None:
    with pytest.raises(exceptions.MalformedInput, match="lone surrogate"):
        verifier.verify_notify("a=\ud800")
    with pytest.raises(exceptions.MalformedInput, match='"subject".*lone surrogate'):
        verifier.verify_notify({**signed, "subject": "\udfff"})
    with pytest.raises(exceptions.MalformedInput, match="name.*lone surrogate"):
        verifier.verify_notify([("\ud800", "x")])
    with pytest.raises(exceptions.InvalidKey, match="not text"):
        Verifier(alipay_public_key + "\ud800")
    with pytest.raises(exceptions.InvalidConfig, match="sign_types"):
        Verifier(alipay_public_key, sign_types=["RSA2\ud800"])
    with pytest.raises(exceptions.MalformedInput):
        verifier.verify_response("\ud800")
    with pytest.raises(exceptions.MalformedInput):
        verifier.diagnose("\ud800")
    with pytest.raises(exceptions.MalformedInput):
        alipay_notify.check_notify_verify_answer("\ud800")
    with pytest.raises(exceptions.InvalidKey):
        alipay_notify.cert_sn("\ud800")
    with pytest.raises(exceptions.InvalidConfig, match="rule holds a lone surrogate"):
        Verifier(alipay_public_key, rule="v1\ud800")


def test_huge_ints_for_options(alipay_public_key: str) -> None:
    for value, message in (
        (2**64, "max_size is too large"),
        (2**200, "max_size is too large"),
        (-(2**200), "max_size must not be negative"),
        (-1, "max_size must not be negative"),
    ):
        with pytest.raises(exceptions.InvalidConfig, match=message):
            Verifier(alipay_public_key, max_size=value)
    with pytest.raises(exceptions.InvalidConfig, match="min_key_bits is too large"):
        Verifier(alipay_public_key, min_key_bits=2**70)
    for wrong in ("65536", 65536.0, [1]):
        with pytest.raises(TypeError, match="max_size must be an int"):
            Verifier(alipay_public_key, max_size=wrong)  # type: ignore[arg-type]
    # The core takes options as an i64 (OptionValue::Integer).
    assert Verifier(alipay_public_key, max_size=2**63 - 1)
    with pytest.raises(exceptions.InvalidConfig, match="max_size is too large"):
        Verifier(alipay_public_key, max_size=2**63)
    root = (VECTORS / "certs" / "ys_alipayRootCert.crt").read_text()
    for at in (10**400, -(10**400), float("nan"), float("inf"), 1e300):
        with pytest.raises(exceptions.InvalidConfig, match="out of range"):
            Verifier(alipay_public_key, check_certificates=root, check_certificates_at=at)


def test_long_option_values_are_quoted_short(alipay_public_key: str) -> None:
    long = "x" * 70_000
    for options in ({"rule": long}, {"sign_types": [long]}, {"default_charset": long}):
        with pytest.raises(exceptions.InvalidConfig) as caught:
            Verifier(alipay_public_key, **options)
        assert len(str(caught.value)) < 300, options.keys()


def test_huge_amounts_for_check_order(n: Notification) -> None:
    for fen in (2**63, 2**200, -(2**63) - 1):
        with pytest.raises(exceptions.InvalidAmount, match="out of range"):
            n.check_order_fen("T1001", fen)
    with pytest.raises(exceptions.AmountMismatch):
        n.check_order_fen("T1001", -(2**63))
    # Spelled out, these would be a billion digits.
    for amount in ("1E+999999999", "1E-999999999", "-1E+999999999999999999"):
        with pytest.raises(exceptions.InvalidAmount):
            n.check_order("T1001", decimal.Decimal(amount))
    for amount in ("NaN", "Infinity", "88.000"):
        with pytest.raises(exceptions.InvalidAmount):
            n.check_order("T1001", decimal.Decimal(amount))
    n.check_order("T1001", decimal.Decimal("8.8E+1"))


def test_messages_over_the_limit_are_refused_before_they_are_copied(
    alipay_public_key: str,
) -> None:
    small = Verifier(alipay_public_key, max_size=100)
    big = b"a=" + b"x" * 200
    for message in (big, bytearray(big), memoryview(big), big.decode()):
        with pytest.raises(exceptions.InputTooLarge, match="over the limit of 100 bytes"):
            small.verify_notify(message)
        with pytest.raises(exceptions.InputTooLarge):
            small.verify_response(message)
    with pytest.raises(exceptions.InputTooLarge, match="the parameters are over the limit"):
        small.verify_notify({"a": "x" * 200})
    with pytest.raises(exceptions.InputTooLarge):
        small.verify_notify([("a", "x" * 50), ("b", "y" * 50)])
    # 98 bytes and the 2 of its separators: exactly the limit, as the core counts it.
    with pytest.raises(exceptions.MissingSignature):
        small.verify_notify({"a": "x" * 97})


# Properties.

# Text, some of it with lone surrogates.
TEXT = st.one_of(
    st.text(max_size=12),
    st.lists(st.one_of(st.text(max_size=3), st.characters(categories=["Cs"])), max_size=4).map(
        "".join
    ),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**300), max_value=2**300),
    st.floats(),
    st.decimals(),
    TEXT,
    st.binary(max_size=12),
    st.binary(max_size=12).map(bytearray),
    st.binary(max_size=12).map(lambda b: memoryview(b)),
)
HOSTILE: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(TEXT, st.integers(), st.binary(max_size=4)), inner, max_size=4),
        st.builds(Lying, st.dictionaries(TEXT, inner, max_size=4), st.integers(0, 2**62)),
        st.dictionaries(TEXT, inner, max_size=4).map(MultiValue),
        st.lists(inner, max_size=4).map(iter),
    ),
    max_leaves=12,
)


def survives(call: Callable[[], object]) -> None:
    """Runs `call`: it may return or raise an allowed exception; anything else is a bug."""
    try:
        call()
    except BUGS:
        raise
    except ALLOWED:
        pass


@PROPERTY
@given(x=HOSTILE)
def test_any_object_as_a_message(verifier: Verifier, x: Any) -> None:
    survives(lambda: verifier.verify_notify(x))
    survives(lambda: verifier.verify_return(x))
    survives(lambda: verifier.is_valid(x))
    survives(lambda: verifier.verify_response(x))
    survives(lambda: verifier.diagnose(x))
    for option, *_ in alipay_notify._native.DIAGNOSE_OPTIONS:
        survives(functools.partial(verifier.diagnose, b"a=b", **{option: x}))
    survives(lambda: alipay_notify.check_notify_verify_answer(x))


@PROPERTY
@given(x=HOSTILE)
def test_any_object_as_an_option(
    x: Any, alipay_public_key: str, alipay_private_key: str, n: Notification
) -> None:
    survives(lambda: Verifier(x))
    for option, *_ in alipay_notify._native.VERIFIER_OPTIONS:
        survives(functools.partial(Verifier, alipay_public_key, **{option: x}))
    for option, *_ in alipay_notify._native.SIGNER_OPTIONS:
        survives(functools.partial(sign, {"a": "b"}, **{option: x}))
    survives(lambda: sign(x, alipay_private_key))
    survives(lambda: signed_form({"a": "b"}, x))
    survives(lambda: alipay_notify.cert_sn(x))
    survives(lambda: n.check_order("T1001", x))
    survives(lambda: n.check_order_fen("T1001", x))


NAMES = st.from_regex(r"x_[a-z0-9_]{1,10}", fullmatch=True)
VALUES = st.text(st.characters(codec="utf-8"), max_size=20)


@PROPERTY
@given(
    extra=st.dictionaries(NAMES, VALUES, max_size=6),
    length=st.integers(0, 2**62),
    shape=st.sampled_from(["dict", "pairs", "tuple", "lists", "lying", "multi"]),
)
def test_signed_params_verify_in_every_shape(
    verifier: Verifier, alipay_private_key: str, extra: dict[str, str], length: int, shape: str
) -> None:
    params = {**notification_params(), **extra}
    signed = {**params, "sign_type": "RSA2", "sign": sign(params, alipay_private_key)}
    message: Any = {
        "dict": signed,
        "pairs": list(signed.items()),
        "tuple": tuple(signed.items()),
        "lists": {k: [v] for k, v in signed.items()},
        "lying": Lying(signed, length),
        "multi": MultiValue({k: [v] for k, v in signed.items()}),
    }[shape]
    # Whatever the container says of itself, the same parameters as the raw body.
    raw = urlencode(signed).encode()
    assert verifier.verify_notify(message).to_dict() == verifier.verify_notify(raw).to_dict()
