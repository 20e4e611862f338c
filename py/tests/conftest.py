"""Shared helpers: the repository's shared vectors and throwaway test keys, and signed
notifications built with them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
KEYS = VECTORS / "keys"
EXAMPLE = REPO / "examples" / "django"


def key_text(name: str) -> str:
    """A throwaway key from tests/vectors/keys (never used for anything real)."""
    return (KEYS / name).read_text()


@pytest.fixture(scope="session")
def alipay_private_key() -> str:
    return key_text("alipay_a.key.pem")


def vector_keys(file: str) -> dict[str, str]:
    keys: dict[str, str] = json.loads((VECTORS / file).read_text())["keys"]
    return keys


@pytest.fixture(scope="session")
def alipay_public_key() -> str:
    """The public half of alipay_a, as bare base64 (as Alipay's console shows it)."""
    return vector_keys("notify.json")["alipay_a"]


@pytest.fixture(scope="session")
def app_public_key() -> str:
    """The merchant's own app public key: configuring it instead of Alipay's is a classic."""
    return vector_keys("notify.json")["app"]


@pytest.fixture(scope="session")
def other_private_key() -> str:
    return key_text("alipay_b.key.pem")


def notification_params(**overrides: str) -> dict[str, str]:
    """A realistic trade_status_sync notification (unsigned)."""
    params = {
        "gmt_create": "2024-01-02 10:20:28",
        "charset": "utf-8",
        "seller_email": "merchant@example.com",
        "subject": "测试商品",
        "body": "",
        "buyer_id": "2088102177846880",
        "invoice_amount": "88.00",
        "notify_id": "2024010200222102031000591437250001",
        "fund_bill_list": '[{"amount":"88.00","fundChannel":"ALIPAYACCOUNT"}]',
        "notify_type": "trade_status_sync",
        "trade_status": "TRADE_SUCCESS",
        "receipt_amount": "88.00",
        "app_id": "2021000000000000",
        "buyer_pay_amount": "88.00",
        "seller_id": "2088101122136241",
        "gmt_payment": "2024-01-02 10:20:30",
        "notify_time": "2024-01-02 10:20:31",
        "version": "1.0",
        "out_trade_no": "T1001",
        "total_amount": "88.00",
        "trade_no": "2024010222001446880500001234",
        "auth_app_id": "2021000000000000",
        "buyer_logon_id": "159****1234",
        "point_amount": "0.00",
    }
    params.update(overrides)
    return params
