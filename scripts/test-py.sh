#!/usr/bin/env bash
# The Python tests (`make test-py`, part of `make test`): builds the abi3 wheel with maturin,
# installs it into a fresh virtualenv (never the source tree), checks the type stubs against
# the compiled module (mypy.stubtest), the package with mypy --strict and ruff, and runs pytest:
# the shared vectors, the API, threads, and the Django example app in-process and in real
# gunicorn/runserver processes on 127.0.0.1; the plain DB-API ledger (alipay_notify.ledger), Flask
# and Starlette on SQLite, on a throwaway PostgreSQL cluster and on a throwaway MariaDB
# (scripts/services.sh; PyMySQL, also with CLIENT.FOUND_ROWS), with
# real gunicorn and uvicorn workers, and reconciliation against the real sandbox; the Django
# ledger the same way, and its retry hint on a real redis-server. Ends with
# "test-py: N passed, N failed".
source "$(dirname "$0")/common.sh"
source scripts/services.sh
need_rust
need_python_venv 'maturin>=1.16,<2'
# Tests must not leave bytecode or caches in the tree.
export PYTHONDONTWRITEBYTECODE=1

OUT=target/py
VENV=$OUT/venv
PASSED=0
FAILED=0

SERVICES=$(mktemp -d)
chmod 755 "$SERVICES"
trap 'pg_stop "$SERVICES/pg"; mysql_stop "$SERVICES/mysql"; redis_stop "$SERVICES/redis"; rm -rf "$SERVICES"' EXIT
step "PostgreSQL, MariaDB and Redis for the ledger tests (scripts/services.sh)"
pg_start "$SERVICES/pg"
mysql_start "$SERVICES/mysql"
redis_start "$SERVICES/redis"
# The suite runs on SQLite; the tests that need PostgreSQL take it from POSTGRES_URL, and
# run_pytest runs the ledger's file once more with DATABASE_URL (the example's settings); the
# plain DB-API ledger's tests take MariaDB from MYSQL_URL.
export POSTGRES_URL=$DATABASE_URL REDIS_URL MYSQL_URL
unset DATABASE_URL
echo "PostgreSQL on port $PGPORT, MariaDB on port $MYSQL_PORT, Redis at $REDIS_URL"

step "Python wheel: maturin build --release (abi3, CPython 3.9+)"
rm -rf "$OUT/wheels"
.venv/bin/maturin build --release --locked -m py/Cargo.toml --out "$OUT/wheels" 2>&1 | grep -v '^ *Compiling ' || true
WHEELS=("$OUT"/wheels/alipay_notify-*-cp39-abi3-*.whl)
if [ ! -f "${WHEELS[0]}" ]; then
  echo "no abi3 wheel was built" >&2
  echo "test-py: 0 passed, 1 failed"
  exit 1
fi
echo "${WHEELS[0]} ($(du -h "${WHEELS[0]}" | cut -f1))"

step "the sandbox for the reconciliation tests: cargo build --release -p alipay-notify-cli"
cargo build --release --locked -p alipay-notify-cli 2>&1 | grep -v '^ *Compiling ' || true
if [ ! -x target/release/alipay-notify ]; then
  echo "the alipay-notify command was not built" >&2
  echo "test-py: 0 passed, 1 failed"
  exit 1
fi

# cryptography signs the fake gateway's answers in the reconciliation tests; psycopg is the
# PostgreSQL driver of the ledger tests and PyMySQL (pure Python, nothing to compile) their
# MySQL driver, redis the client of Django's Redis cache; Flask,
# Starlette and uvicorn are the frameworks of alipay_notify.flask and .starlette (FastAPI runs
# the README's sample on the same endpoint); httpx2 and httpx the HTTP clients
# alipay_notify.reconcile uses when installed (httpx2 is also what Starlette's TestClient
# wants); Django REST Framework runs the README's APIView sample.
TEST_DEPS=('pytest>=8' pytest-django pytest-timeout hypothesis gunicorn cryptography
  'psycopg[binary]' pymysql redis flask starlette fastapi uvicorn httpx httpx2 djangorestframework)

step "fresh virtualenv: the wheel, Django, pytest, hypothesis, gunicorn, mypy"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "${WHEELS[0]}[django]" "${TEST_DEPS[@]}" 'mypy>=1.10' django-stubs types-PyMySQL ruff

step "type stubs against the module (mypy.stubtest), mypy --strict, ruff"
ROOT=$PWD
static_checks() {
  # From an empty directory, so only the installed package is importable.
  mkdir -p "$OUT/empty"
  (cd "$OUT/empty" && "$ROOT/$VENV/bin/python" -m mypy.stubtest alipay_notify._native alipay_notify.exceptions) &&
  (cd "$OUT/empty" && "$ROOT/$VENV/bin/python" -m mypy --strict -p alipay_notify) &&
  # The non-Django tests use the stubs as a typed caller would.
  (cd py/tests && "$ROOT/$VENV/bin/python" -m mypy --strict --cache-dir=/dev/null \
    conftest.py test_api.py test_exceptions.py test_hostile_input.py test_one_reading.py \
    test_threads.py test_vectors.py test_wap.py test_sm2.py test_v3.py test_aes.py \
    test_trade_request.py test_ledger_entry.py signed_responses.py test_ledger.py ledger_db.py \
    test_reconcile.py fake_gateway.py test_frameworks.py ledger_shop.py servers.py flask_shop.py \
    starlette_shop.py test_parallel_duplicates.py test_sandbox_reconcile.py) &&
  "$VENV/bin/ruff" check --no-cache --config py/pyproject.toml py/python py/tests examples/django &&
  "$VENV/bin/ruff" format --no-cache --check --config py/pyproject.toml py/python py/tests examples/django
}
if static_checks; then
  PASSED=$((PASSED + 1))
else
  FAILED=$((FAILED + 1))
fi

# Runs pytest with the virtualenv $1, then NAME=VALUE settings for its environment, then
# pytest's arguments, and adds its counts to the totals.
run_pytest() {
  local venv=$1 log=$1/pytest.log status summary p f
  local -a vars=(ALIPAY_NOTIFY_TEST_WHEEL=1)
  shift
  while [ $# -gt 0 ] && [[ $1 == *=* ]]; do
    vars+=("$1")
    shift
  done
  set +e
  (cd py && env "${vars[@]}" "../$venv/bin/python" -m pytest -p no:cacheprovider -q "$@") 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  # pytest's closing line: "379 passed, 1 skipped in 5.12s", "2 failed, 377 passed in ...".
  summary=$( (grep -E ' in [0-9.]+s' "$log" || true) | tail -1)
  count() { (grep -Eo "[0-9]+ $1" <<<"$summary" || true) | awk '{s+=$1} END {print s+0}'; }
  p=$(count passed)
  f=$(($(count failed) + $(count 'errors?')))
  # Exit 5 is "no tests collected": never a pass.
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
}

step "pytest (installed wheel, $("$VENV/bin/python" -V))"
run_pytest "$VENV"
step "pytest: the Django ledger and alipay_reconcile in-process on PostgreSQL"
run_pytest "$VENV" DATABASE_URL="$POSTGRES_URL" tests/test_django_ledger.py tests/test_django_reconcile.py

# The same wheel on the oldest and newest CPython this machine has besides python3 (pyenv
# installs them side by side), with the Django each supports: the abi3 promise, checked.
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for python in $(ls -d "$root"/versions/3.9.*/bin/python3 2>/dev/null | tail -1) \
                $(ls -d "$root"/versions/3.1[3-9].*/bin/python3 2>/dev/null | sort -V | tail -1); do
    extra=$OUT/venv-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    step "pytest on $("$python" -V) (same wheel)"
    rm -rf "$extra"
    "$python" -m venv "$extra"
    "$extra/bin/pip" install -q "${WHEELS[0]}[django]" "${TEST_DEPS[@]}"
    run_pytest "$extra"
  done
fi

echo "test-py: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
