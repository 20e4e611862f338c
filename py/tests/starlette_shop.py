"""A small Starlette shop on the ledger, served by uvicorn in the parallel-duplicate tests."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from alipay_notify.starlette import notify_endpoint
from ledger_shop import callback_from_environment, ledger_from_environment

app = Starlette(
    routes=[
        Route(
            "/alipay/notify",
            notify_endpoint(ledger_from_environment(), callback_from_environment()),
            methods=["POST"],
        )
    ]
)
