#!/usr/bin/env bash
# The PHP ledger's tests (`make test-php-ledger`): AlipayNotify\Ledger, NotifyRequest and
# Reconcile (php/lib/AlipayNotify) with the extension, on SQLite and on a real PostgreSQL
# (scripts/services.sh), then
#   - the parallel-duplicate test: php-fpm with 4 children, the same signed notification
#     POSTed 40 times at once over FastCGI (cgi-fcgi, as nginx would) plus a refund and a
#     WAIT_BUYER_PAY: every reply success, the callback run once per transition, one row per
#     delivery; on PostgreSQL and on SQLite (WAL, busy timeout);
#   - reconciliation against `alipay-notify sandbox`: an order paid with the dropped-notify
#     fault ends paid once, by reconciliation;
#   - the two ledger samples of php/README.md (php -S on SQLite, and the cron script).
# The same on MariaDB (Debian's mariadb-server, a throwaway server of scripts/services.sh) for
# the MySQL driver. Ends with
# "test-php-ledger: N passed, N failed". KEEP_WORK=1 keeps the scratch directory.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/services.sh"
need_rust
apt_install php-cli php-dev php-fpm php-sqlite3 php-pgsql php-mysql php-curl libfcgi-bin mariadb-server

step "the alipay-notify command (sandbox) and the PHP extension"
cargo build --release --locked -q -p alipay-notify-cli
bash scripts/php-ext.sh >/dev/null
CLI="$(target_dir)/release/alipay-notify"
EXT="$PWD/target/php-ext/shared/modules/alipay_notify.so"
PHP_VERSION=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
FPM=$(command -v "php-fpm$PHP_VERSION" || command -v php-fpm || echo "/usr/sbin/php-fpm$PHP_VERSION")
# -n: no php.ini, only what the ledger needs (posix: the crash test kills a worker).
PHP_ARGS=(-n -d extension=pdo -d extension=pdo_sqlite -d extension=pdo_pgsql -d extension=mysqlnd
  -d extension=pdo_mysql -d extension=curl -d extension=posix
  -d "extension=$EXT" -d display_errors=stderr -d log_errors=0)
LEDGER_PHP_ARGS=$(printf '%s\n' "${PHP_ARGS[@]}")
export LEDGER_PHP_ARGS

WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()
serve() { # log, command...
  setsid "${@:2}" </dev/null >"$1" 2>&1 &
  PIDS+=($!)
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pg_stop "$WORK/pg"
  mysql_stop "$WORK/mysql"
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PASSED=0
FAILED=0
# Runs a PHP test file that ends with "<name>: N passed, M failed" and adds its counts.
run_php() { # name, file, args...
  local log="$WORK/$1.log" p f
  php "${PHP_ARGS[@]}" "${@:2}" >"$log" 2>&1 || true
  cat "$log"
  read -r _ p _ f _ < <(grep -E "^$1: [0-9]+ passed" "$log" || echo "$1: 0 passed, 1 failed")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then
    PASSED=$((PASSED + 1)); echo "ok   $1"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $1"; echo "     expected: $2"; echo "     got:      $3"
  fi
}
free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}
wait_port() { # port, log
  local i
  for i in $(seq 200); do
    php -r 'exit(@fsockopen("127.0.0.1", (int) $argv[1]) ? 0 : 1);' "$1" && return 0
    sleep 0.05
  done
  echo "nothing listens on 127.0.0.1:$1; log:" >&2
  cat "$2" >&2
  exit 1
}

step "PostgreSQL and MariaDB (throwaway servers)"
pg_start "$WORK/pg"
mysql_start "$WORK/mysql"
export LEDGER_SQLITE="$WORK/ledger.sqlite"

for db in sqlite pgsql mysql; do
  step "Ledger on $db: apply once, duplicates, failures, a killed worker, reconciliation answers"
  run_php "ledger-$db" php/lib/tests/ledger_test.php "$db"
done

# One POST of BODY_FILE to notify.php through php-fpm at $SERVER; the body of the answer to OUT.
notify() { # body_file, out
  env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 SERVER_SOFTWARE=test \
    SERVER_NAME=shop.test SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 REQUEST_METHOD=POST \
    REQUEST_URI=/notify.php SCRIPT_NAME=/notify.php DOCUMENT_ROOT="$DOCROOT" \
    SCRIPT_FILENAME="$DOCROOT/notify.php" CONTENT_TYPE="application/x-www-form-urlencoded; charset=utf-8" \
    CONTENT_LENGTH="$(wc -c <"$1")" cgi-fcgi -bind -connect "$SERVER" <"$1" 2>>"$WORK/cgi-fcgi.log" |
    php -r 'echo explode("\r\n\r\n", stream_get_contents(STDIN), 2)[1] ?? "(no answer)";' >"$2"
}

DOCROOT="$PWD/php/lib/tests/fpm"
COUNT=40
for db in pgsql mysql sqlite; do
  step "parallel duplicates on $db: php-fpm with 4 children, $COUNT copies of one notification at once"
  dir="$WORK/parallel-$db"
  mkdir -p "$dir"
  php "${PHP_ARGS[@]}" php/lib/tests/parallel.php prepare "$db" "$dir"
  port=$(free_port)
  cat >"$dir/php-fpm.conf" <<CONF
[global]
error_log = $dir/php-fpm.log
daemonize = no

[www]
listen = 127.0.0.1:$port
listen.backlog = 256
pm = static
pm.max_children = 4
clear_env = no
catch_workers_output = yes
CONF
  LEDGER_DB=$db LEDGER_PIDS="$dir/pids" serve "$dir/php-fpm.out" "$FPM" "${PHP_ARGS[@]}" -F -R -y "$dir/php-fpm.conf"
  wait_port "$port" "$dir/php-fpm.log"
  SERVER="127.0.0.1:$port"
  jobs_pids=()
  for i in $(seq "$COUNT"); do
    notify "$dir/paid.body" "$dir/reply.$i" &
    jobs_pids+=($!)
  done
  notify "$dir/refund.body" "$dir/reply.refund" &
  jobs_pids+=($!)
  notify "$dir/waiting.body" "$dir/reply.waiting" &
  jobs_pids+=($!)
  wait "${jobs_pids[@]}"
  replies=$(cat "$dir"/reply.* | tr -d '\n' | sed 's/success/./g')
  check "$db: $((COUNT + 2)) replies, each exactly success" "$(printf '.%.0s' $(seq $((COUNT + 2))))" "$replies"
  workers=$(sort -u "$dir/pids" | wc -l)
  check "$db: the deliveries were served by several php-fpm worker processes" yes "$([ "$workers" -ge 2 ] && echo yes || echo "only $workers")"
  run_php "parallel-$db" php/lib/tests/parallel.php check "$db" "$COUNT"
  kill -TERM -- "-${PIDS[-1]}" 2>/dev/null || true
  wait "${PIDS[-1]}" 2>/dev/null || true
  unset 'PIDS[-1]'
done

step "reconciliation against the sandbox: an order paid with the dropped-notify fault"
# The app's key pair is the shared vectors' alipay_a: the sandbox checks the app's signatures.
php "${PHP_ARGS[@]}" -r 'echo json_decode(file_get_contents("tests/vectors/sign.json"), true)["keys"]["alipay_a_public_pem"];' >"$WORK/app_public.pem"
serve "$WORK/sandbox.log" "$CLI" sandbox --port 0 --data-dir "$WORK/sandbox" --time-scale 600 \
  --app-public-key "$WORK/app_public.pem"
SANDBOX_GATEWAY=""
for i in $(seq 200); do
  SANDBOX_GATEWAY=$(head -1 "$WORK/sandbox.log" 2>/dev/null | grep -E '^http://127\.0\.0\.1:[0-9]+/gateway\.do$' || true)
  [ -n "$SANDBOX_GATEWAY" ] && break
  sleep 0.05
done
[ -n "$SANDBOX_GATEWAY" ] || { echo "the sandbox did not print its gateway URL:" >&2; cat "$WORK/sandbox.log" >&2; exit 1; }
export SANDBOX_GATEWAY SANDBOX_DIR="$WORK/sandbox"
run_php reconcile-curl php/lib/tests/reconcile_test.php curl pgsql
step "the ledger samples of php/README.md"
run_php readme php/lib/tests/readme_test.php
# Without the curl extension: PHP's streams.
without_curl=()
for arg in "${PHP_ARGS[@]}"; do
  [ "$arg" = extension=curl ] && unset 'without_curl[-1]' || without_curl+=("$arg")
done
PHP_ARGS=("${without_curl[@]}")
run_php reconcile-streams php/lib/tests/reconcile_test.php streams sqlite

echo
echo "test-php-ledger: $PASSED passed, $FAILED failed (Ledger on SQLite, PostgreSQL and MariaDB, php-fpm duplicates, reconciliation, README samples)"
[ "$FAILED" -eq 0 ]
