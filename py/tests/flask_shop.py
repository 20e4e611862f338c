"""A small Flask shop on the ledger, served by gunicorn in the parallel-duplicate tests."""

from __future__ import annotations

import os

from flask import Flask, Response

from alipay_notify.flask import notify_view
from ledger_shop import callback_from_environment, ledger_from_environment

app = Flask(__name__)
app.add_url_rule(
    "/alipay/notify",
    view_func=notify_view(ledger_from_environment(), callback_from_environment()),
    methods=["POST"],
)


@app.after_request
def worker_pid(response: Response) -> Response:
    # Which worker process answered: the tests check the deliveries were spread over several.
    response.headers["X-Worker-Pid"] = str(os.getpid())
    return response
