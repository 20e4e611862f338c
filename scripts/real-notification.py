"""Writes the smoke tests' case into a folder: one real Alipay-signed notification from
tests/vectors/alipay_real.json as its raw body (body.txt), Alipay's public key for it (key.txt),
the vectors' copy with the amount changed, which Alipay never signed (tampered.txt), and the
order it pays (order.txt: out_trade_no and total_amount, one a line).

    python3 scripts/real-notification.py tests/vectors/alipay_real.json OUTDIR
"""

import json
import sys

REAL = "alipay-real-n4-notify-2019-08-yuque"
TAMPERED = "alipay-real-neg-n4-notify-2019-08-yuque-amount-changed"

vectors_path, out = sys.argv[1], sys.argv[2]
with open(vectors_path, encoding="utf-8") as f:
    doc = json.load(f)
by_id = {v["id"]: v for v in doc["vectors"]}
real, tampered = by_id[REAL], by_id[TAMPERED]
assert real["expect"] == "valid" and tampered["expect"] == "invalid", "vectors changed"
params = real["params_out"]
files = {
    "key.txt": doc["keys"][real["keys"][0]],
    "body.txt": real["input"],
    "tampered.txt": tampered["input"],
    "order.txt": f"{params['out_trade_no']}\n{params['total_amount']}\n",
}
for name, text in files.items():
    with open(f"{out}/{name}", "wb") as f:
        f.write(text.encode())
