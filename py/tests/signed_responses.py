"""Signed OpenAPI answers for the reconciliation tests, made as Alipay's gateway makes them:
RSA2 (SHA256withRSA) over the exact JSON text of the ``<method>_response`` node."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def signed_response(method: str, content: dict[str, Any], private_key_pem: str) -> bytes:
    """The body Alipay answers ``method`` with: ``{"<node>":{...},"sign":"..."}``."""
    node = method.replace(".", "_") + "_response"
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    signature = key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    sign = base64.b64encode(signature).decode()
    return f'{{"{node}":{text},"sign":"{sign}"}}'.encode()


def paid_query_answer(
    out_trade_no: str, total_amount: str = "88.00", **extra: str
) -> dict[str, Any]:
    """What alipay.trade.query answers for a paid trade."""
    answer: dict[str, Any] = {
        "code": "10000",
        "msg": "Success",
        "buyer_logon_id": "159****5620",
        "buyer_pay_amount": total_amount,
        "out_trade_no": out_trade_no,
        "receipt_amount": total_amount,
        "send_pay_date": "2024-01-02 10:20:30",
        "total_amount": total_amount,
        "trade_no": "2024010222001411111111111111",
        "trade_status": "TRADE_SUCCESS",
    }
    answer.update(extra)
    return answer


NOT_FOUND = {
    "code": "40004",
    "msg": "Business Failed",
    "sub_code": "ACQ.TRADE_NOT_EXIST",
    "sub_msg": "交易不存在",
}
