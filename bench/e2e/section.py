"""Writes the end-to-end results (scripts/bench-e2e.sh) into BENCHMARKS.md, between the
markers <!-- e2e:start --> and <!-- e2e:end --> (added at the end of the file when missing);
the rest of the file is left as it is. The figures come in E2E_* environment variables."""

import os
import sys
from pathlib import Path

START, END = "<!-- e2e:start -->", "<!-- e2e:end -->"

SECTION = """{start}
## End to end: notify requests per second through each framework

`make bench-e2e` (`scripts/bench-e2e.sh`) serves one notify_url on 127.0.0.1 in three
servers, each with two handlers doing the same job: verify the POSTed form, check `app_id`,
`seller_id`, `out_trade_no` and `total_amount` against one fixed order, answer `success` or
`fail`. **No database**: an order lookup and update would add the same cost to both handlers.
Every request carries the same notification: a realistic RSA2 `trade_status_sync`
(`alipay-notify simulate`, signed with the committed test key `alipay_a`). wrk (Debian) sends
a bounded number of requests; every answer must be HTTP 200 `success`, and a tampered copy
must get `fail`, or the run fails.

- **Django** under gunicorn (2 sync workers): `alipay_notify_view` next to a view calling
  python-alipay-sdk's `AliPay.verify` on `request.POST`.
- **Express** in a cluster of 2 workers: `notifyHandler` next to `express.urlencoded()` and
  alipay-sdk's `checkNotifySignV2` (`checkNotifySign` decodes values twice and refuses this
  notification: see [compatibility](docs/compatibility.md), `double_decoding`).
- **PHP-FPM** (2 static children, OPcache) behind nginx: the extension's
  `Verifier::verifyNotify` next to the official AopClient's `rsaCheckV1` logic
  (`getSignContent`, then `openssl_verify` with the key text wrapped into PEM on each call).
  Both build everything per request, as PHP does.

Library and SDK runs alternate (the order too); each figure is the median of the rounds.
*Worker CPU per request* is the user and system time of the worker processes (from
`/proc/PID/stat`, before and after a run) over its requests (the workers only: not nginx, nor
gunicorn's arbiter or the cluster's primary, which hand requests over); *verification alone* is the
handler's verification and order check timed in the same runtime, in one process (CPU time
per call); the last column is their ratio: the library's (or the SDK's) share of the CPU a
request costs. The load generator shares the 2 CPUs with the servers, and on a shared machine
other work takes CPU time from both: requests/s and p99 move from round to round, while CPU per
request holds steady, so *requests per worker CPU-second* and its ratio to the SDK are the
figures to compare across machines and runs.

- {date}; {machine}
- Load average: {load}
- The notification: {message}
- {settings}
- {versions}

{table}

Raw results of each run: `target/bench-e2e/results/`.
{end}"""


def main() -> None:
    path = Path(sys.argv[1])
    text = path.read_text(encoding="utf-8")
    section = SECTION.format(
        start=START,
        end=END,
        date=os.environ["E2E_DATE"],
        machine=os.environ["E2E_MACHINE"],
        load=os.environ["E2E_LOAD"],
        message=os.environ["E2E_MESSAGE"],
        settings=os.environ["E2E_SETTINGS"],
        versions=os.environ["E2E_VERSIONS"],
        table=os.environ["E2E_TABLE"],
    )
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
