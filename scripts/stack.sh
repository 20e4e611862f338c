# The demo's stack, sourced by scripts/demo.sh, scripts/test-demo.sh and scripts/test-browser.sh
# (after common.sh): `alipay-notify sandbox` and the three example shops (Django, Express,
# plain PHP), each on a free 127.0.0.1 port and configured with the sandbox's gateway URL and
# Alipay public key. One place starts and stops them, so the demo and the tests run the same
# stack.
#
#   stack_build   builds and installs what the stack needs (idempotent, like the other scripts)
#   stack_start   starts it; sets STACK_WORK, SANDBOX_URL, GATEWAY and the shops' URLs
#                 (SHOP_URL[django|express|php]); writes $STACK_WORK/stack.env for other tools
#   stack_stop    stops every process group stack_start started and removes the scratch
#                 directory; the EXIT trap runs it (INT and TERM exit), also on failure.
#                 With DEMO_KEEP=1 it leaves everything running and prints the URLs instead
#   stack_listening PORT   whether something accepts connections on 127.0.0.1:PORT
#
# STACK_TIME_SCALE divides Alipay's retry schedule (default 600: 4 minutes become 0.4 s).

STACK_PIDS=()
STACK_WORK=""
declare -A SHOP_URL=()
# The demo keys' app_id (examples/django and examples/php); Express is given it too.
STACK_APP_ID=2021000000000000

stack_build() {
  need_rust
  need_node
  need_python_venv 'maturin>=1.16,<2'
  apt_install php-cli php-dev php-sqlite3 curl

  step "the alipay-notify command (sandbox) and the PHP extension"
  cargo build --release --locked -q -p alipay-notify-cli
  bash scripts/php-ext.sh >/dev/null

  step "the Node addon and the Express shop's packages"
  (cd node && node build.js)
  npm_dependencies examples/express

  step "the Python wheel, with Django, in target/py/demo-venv"
  rm -rf target/py/wheels
  .venv/bin/maturin build --release --locked -q -m py/Cargo.toml --out target/py/wheels 2>&1 |
    grep -v '^ *Compiling ' || true
  local wheels=(target/py/wheels/alipay_notify-*-cp39-abi3-*.whl)
  [ -x target/py/demo-venv/bin/python ] || python3 -m venv target/py/demo-venv
  target/py/demo-venv/bin/pip install -q --force-reinstall --no-deps "${wheels[0]}"
  target/py/demo-venv/bin/pip install -q "${wheels[0]}[django]"
}

# A command in a process group of its own (php -S workers, runserver threads), so that
# stack_stop ends the whole group.
stack_spawn() { # log, directory, [NAME=VALUE...] command...
  setsid env -C "$2" "${@:3}" </dev/null >"$1" 2>&1 &
  STACK_PIDS+=($!)
}

stack_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

stack_listening() { # port
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null
}

stack_wait_port() { # port, log
  local i
  for i in $(seq 300); do
    stack_listening "$1" && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1; its log:" >&2
  tail -30 "$2" >&2
  return 1
}

stack_stop() {
  local pid
  if [ -n "${DEMO_KEEP:-}" ] && ((${#STACK_PIDS[@]})); then
    step "DEMO_KEEP=1: left running (stop them with: kill -TERM -- -PID, for each PID: ${STACK_PIDS[*]})"
    echo "sandbox dashboard  $SANDBOX_URL/"
    echo "Django shop        ${SHOP_URL[django]:-}/"
    echo "Express shop       ${SHOP_URL[express]:-}/"
    echo "PHP shop           ${SHOP_URL[php]:-}/"
    echo "logs and databases $STACK_WORK"
    return
  fi
  for pid in "${STACK_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${STACK_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  STACK_PIDS=()
  if [ -n "$STACK_WORK" ] && [ -z "${DEMO_KEEP:-}" ]; then
    rm -rf "$STACK_WORK"
  fi
}

stack_start() {
  local root=$PWD cli
  cli="$(target_dir)/release/alipay-notify"
  STACK_WORK=$(mktemp -d)
  # A signal exits with its usual status, and the exit runs stack_stop once.
  trap stack_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  local w=$STACK_WORK

  step "the sandbox (Alipay on 127.0.0.1)"
  # Express gets an app key pair of its own, made here: the sandbox checks each shop's key.
  "$cli" keygen --private-out "$w/express_app_private.pem" --public-out "$w/express_app_public.txt" \
    --public-format base64 >/dev/null 2>&1
  stack_spawn "$w/sandbox.log" . "$cli" sandbox --port 0 --data-dir "$w/sandbox" \
    --time-scale "${STACK_TIME_SCALE:-600}" \
    --app-public-key examples/django/demo_keys/app_public_key.txt \
    --app-public-key examples/php/demo_keys/app_public_key.txt \
    --app-public-key "$w/express_app_public.txt"
  local i
  for i in $(seq 300); do
    GATEWAY=$(head -1 "$w/sandbox.log" 2>/dev/null | grep -E '^http://127\.0\.0\.1:[0-9]+/gateway\.do$' || true)
    [ -n "$GATEWAY" ] && break
    sleep 0.1
  done
  if [ -z "$GATEWAY" ]; then
    echo "the sandbox did not print its gateway URL; its log:" >&2
    cat "$w/sandbox.log" >&2
    return 1
  fi
  SANDBOX_URL=${GATEWAY%/gateway.do}
  curl -sf "$SANDBOX_URL/api/alipay-public-key" >"$w/alipay_public_key.txt"
  echo "gateway $GATEWAY"

  step "the Django shop (examples/django, runserver)"
  local port py="$root/target/py/demo-venv/bin/python"
  port=$(stack_free_port)
  export ALIPAY_PUBLIC_KEY_FILE="$w/alipay_public_key.txt" SHOP_ALIPAY_GATEWAY=$GATEWAY
  # SQLite (the demo reads it), whatever DATABASE_URL or REDIS_URL the caller's shell has.
  env -C examples/django MERCHANT_DB="$w/django.sqlite3" PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL= REDIS_URL= "$py" manage.py migrate --verbosity 0
  stack_spawn "$w/django.log" examples/django MERCHANT_DB="$w/django.sqlite3" PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL= REDIS_URL= "$py" manage.py runserver "127.0.0.1:$port" --noreload
  stack_wait_port "$port" "$w/django.log"
  SHOP_URL[django]="http://127.0.0.1:$port"
  echo "shop: ${SHOP_URL[django]}/"

  step "the Express shop (examples/express, node server.js)"
  port=$(stack_free_port)
  stack_spawn "$w/express.log" examples/express ALIPAY_PUBLIC_KEY="$w/alipay_public_key.txt" \
    ALIPAY_APP_ID=$STACK_APP_ID APP_PRIVATE_KEY="$w/express_app_private.pem" ALIPAY_GATEWAY="$GATEWAY" \
    ORDERS_DB="$w/express.sqlite" HOST=127.0.0.1 PORT="$port" node server.js
  stack_wait_port "$port" "$w/express.log"
  SHOP_URL[express]="http://127.0.0.1:$port"
  echo "shop: ${SHOP_URL[express]}/"

  step "the PHP shop (examples/php, php -S with the extension)"
  port=$(stack_free_port)
  # -n: no php.ini, only what the shop needs; workers answer the sandbox's notification while
  # the browser waits on the return page.
  stack_spawn "$w/php.log" examples/php/public SHOP_DB="$w/php.sqlite" PHP_CLI_SERVER_WORKERS=4 \
    php -n -d extension=pdo -d extension=pdo_sqlite \
    -d "extension=$root/target/php-ext/shared/modules/alipay_notify.so" \
    -d display_errors=0 -d log_errors=1 -S "127.0.0.1:$port" -t .
  stack_wait_port "$port" "$w/php.log"
  SHOP_URL[php]="http://127.0.0.1:$port"
  echo "shop: ${SHOP_URL[php]}/"

  {
    echo "SANDBOX_URL=$SANDBOX_URL"
    echo "GATEWAY=$GATEWAY"
    echo "DJANGO_URL=${SHOP_URL[django]}"
    echo "EXPRESS_URL=${SHOP_URL[express]}"
    echo "PHP_URL=${SHOP_URL[php]}"
    echo "DJANGO_DB=$w/django.sqlite3"
  } >"$w/stack.env"
}
