"""A small Starlette shop on the ledger, served by uvicorn in the parallel-duplicate tests."""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from alipay_notify.starlette import notify_endpoint
from ledger_shop import callback_from_environment, ledger_from_environment

endpoint = notify_endpoint(ledger_from_environment(), callback_from_environment())


async def notify(request: Request) -> PlainTextResponse:
    response = await endpoint(request)
    # Which worker process answered: the tests check the deliveries were spread over several.
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response


app = Starlette(routes=[Route("/alipay/notify", notify, methods=["POST"])])
