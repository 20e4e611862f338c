#!/usr/bin/env bash
# The Django demo: `make demo-django`. Builds the Python wheel, installs it with Django into
# target/py/demo-venv, and runs the example merchant (examples/django) on 127.0.0.1: places
# an order, plays Alipay (a notification signed with the demo stand-in key, POSTed over HTTP),
# shows what a tampered copy gets. From a terminal it then keeps serving the shop at
# http://127.0.0.1:${PORT:-8000}/ until Ctrl-C.
source "$(dirname "$0")/common.sh"
need_rust
need_python_venv 'maturin>=1.16,<2'
export PYTHONDONTWRITEBYTECODE=1

OUT=target/py
VENV=$OUT/demo-venv
PORT=${PORT:-8000}

step "building the wheel (maturin, release) and installing it with Django"
rm -rf "$OUT/wheels"
.venv/bin/maturin build --release --locked -q -m py/Cargo.toml --out "$OUT/wheels" 2>&1 | grep -v '^ *Compiling ' || true
WHEELS=("$OUT"/wheels/alipay_notify-*-cp39-abi3-*.whl)
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --force-reinstall --no-deps "${WHEELS[0]}"
"$VENV/bin/pip" install -q "${WHEELS[0]}[django]"
PY="$PWD/$VENV/bin/python"

export MERCHANT_DB="$PWD/$OUT/demo.sqlite3"
cd examples/django
step "1. the merchant's database (SQLite: $MERCHANT_DB)"
"$PY" manage.py migrate --verbosity 0
echo "ALIPAY_NOTIFY uses demo_keys/alipay_public_key.txt; a bad key would stop the server here."

step "2. the shop on 127.0.0.1:$PORT (Django's runserver)"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$OLDPWD/$OUT/demo-server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  if "$PY" -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; then break; fi
  sleep 0.1
done
ORDER=$("$PY" manage.py shell -c "
from decimal import Decimal
from shop.models import Order
import secrets
o = Order.objects.create(out_trade_no='DEMO' + secrets.token_hex(4).upper(), subject='测试商品', total_amount=Decimal('88.00'))
print(o.out_trade_no)" 2>/dev/null | tail -1)
echo "order $ORDER placed: 88.00 yuan, waiting for payment"

NOTIFY="http://127.0.0.1:$PORT/alipay/notify/"
step "3. Alipay POSTs a signed notification to $NOTIFY"
echo "the shop answered: $("$PY" manage.py simulate_payment "$ORDER" --url "$NOTIFY")"
"$PY" manage.py shell -c "from shop.models import Order; o = Order.objects.get(out_trade_no='$ORDER'); from django.utils.timezone import localtime; print('order', o.out_trade_no, 'is now', o.status, '| trade_no', o.trade_no, '| paid_at', localtime(o.paid_at))" 2>/dev/null | tail -1

step "4. Alipay resends it (a retry): success again, nothing changes twice"
echo "the shop answered: $("$PY" manage.py simulate_payment "$ORDER" --url "$NOTIFY")"

step "5. a tampered copy, and one for the wrong amount: fail"
echo "tampered:     $("$PY" manage.py simulate_payment "$ORDER" --url "$NOTIFY" --tamper)"
echo "wrong amount: $("$PY" manage.py simulate_payment "$ORDER" --url "$NOTIFY" --amount 0.01 --status TRADE_FINISHED)"

step "what the server logged (logger \"alipay_notify\": error names, never keys)"
grep -E '^alipay notify' "$OLDPWD/$OUT/demo-server.log"

if [ -t 0 ] && [ -t 1 ] && [ -z "${CI:-}" ]; then
  step "the shop is at http://127.0.0.1:$PORT/ : place an order, then 'Simulate Alipay's notification'. Ctrl-C stops it."
  wait "$SERVER"
fi
