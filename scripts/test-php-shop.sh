#!/usr/bin/env bash
# The example PHP shop's tests (`make test-php-shop`): serves examples/php/public with
# `php -S` on SQLite, then with php-fpm (driven over FastCGI by cgi-fcgi, as nginx would) on
# SQLite and on a throwaway PostgreSQL (scripts/services.sh, DATABASE_URL), on 127.0.0.1 only,
# and plays Alipay with the alipay-notify command: `alipay-notify sandbox`, whose key pair
# stands in for Alipay's (notifications and return queries signed with `simulate` and the
# extension's Signer), and a `php -S` stand-in for the notify_verify service that the legacy
# page asks. Each server gets the same cases: the checkout's signed request, a notification
# paying the order, the same one again and two at once (paid once, every delivery in the
# ledger), tampered and misaddressed ones answered `fail` (found in the ledger by the SHA-256
# of their body), the return page (verified, never paying), the legacy drop-in page, a GBK
# notification, and reconciliation: an order paid at the sandbox with its notification
# dropped is paid once by reconcile.php (a `query` row), the late notification a duplicate.
# Under php-fpm also: 40 copies of one notification at once with a refund and a
# WAIT_BUYER_PAY (the callback once per transition, counted in order_events; one ledger row per
# delivery; several children), and a callback failing mid-transaction (a trigger), retried.
# Ends with "test-php-shop: N passed, N failed". KEEP_WORK=1 keeps the scratch directory (each
# request's answer, the servers' logs) for a look after a failure.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/services.sh"
need_rust
apt_install php-cli php-dev php-fpm php-sqlite3 php-pgsql php-curl libfcgi-bin curl

step "the alipay-notify command and the PHP extension"
cargo build --release --locked -q -p alipay-notify-cli
bash scripts/php-ext.sh >/dev/null
CLI="$(target_dir)/release/alipay-notify"
EXT="$PWD/target/php-ext/shared/modules/alipay_notify.so"
DOCROOT="$PWD/examples/php/public"
PHP_VERSION=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
FPM=$(command -v "php-fpm$PHP_VERSION" || command -v php-fpm || echo "/usr/sbin/php-fpm$PHP_VERSION")
# -n: no php.ini, so the shop runs with only what it needs, the same on every machine.
PHP_ARGS=(-n -d extension=pdo -d extension=pdo_sqlite -d extension=pdo_pgsql -d extension=curl -d "extension=$EXT" -d display_errors=0 -d log_errors=1)

WORK=$(mktemp -d)
# PostgreSQL runs as an unprivileged user when root: it must reach $WORK/pg.
chmod 755 "$WORK"
PIDS=()
# Each server runs in a process group of its own (php -S with workers and php-fpm fork
# children), and the whole group is stopped.
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
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PASSED=0
FAILED=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then
    PASSED=$((PASSED + 1))
    echo "ok   $1"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $1"
    echo "     expected: $2"
    echo "     got:      $3"
  fi
}

free_port() {
  php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);'
}

wait_port() { # port, log
  local i
  for i in $(seq 200); do
    if php -r 'exit(@fsockopen("127.0.0.1", (int) $argv[1]) ? 0 : 1);' "$1"; then
      return 0
    fi
    sleep 0.05
  done
  echo "nothing listens on 127.0.0.1:$1; log:" >&2
  cat "$2" >&2
  exit 1
}

step "keys: the app's, and Alipay's: the sandbox's (Alipay on 127.0.0.1, for reconciliation)"
"$CLI" keygen --private-out "$WORK/app_private.pem" --public-out "$WORK/app_public.txt" --public-format base64
# The sandbox checks the shop's signed queries with the app public key, answers
# alipay.trade.query, and pays orders with faults (drop_notify: the notification never comes).
serve "$WORK/sandbox.log" "$CLI" sandbox --port 0 --data-dir "$WORK/sandbox" --app-public-key "$WORK/app_public.txt"
for _ in $(seq 300); do
  SANDBOX_GATEWAY=$(head -1 "$WORK/sandbox.log" 2>/dev/null | grep -E '^http://127\.0\.0\.1:[0-9]+/gateway\.do$' || true)
  [ -n "$SANDBOX_GATEWAY" ] && break
  sleep 0.1
done
[ -n "$SANDBOX_GATEWAY" ] || { echo "the sandbox did not start:" >&2; cat "$WORK/sandbox.log" >&2; exit 1; }
SANDBOX=${SANDBOX_GATEWAY%/gateway.do}
# Its key pair stands in for Alipay's everywhere: notifications signed here verify like its own.
cp "$WORK/sandbox/alipay_private_key.pem" "$WORK/alipay_private.pem"
cp "$WORK/sandbox/alipay_public_key.txt" "$WORK/alipay_public.txt"
# Not the defaults of config.php nor of `simulate`: the shop must take them from the environment.
APP_ID=2021000000004242
SELLER_ID=2088000000004242

# The notify_verify service of Alipay's gateway, as the legacy class asks it: answers "true"
# for this partner, and logs each notify_id asked about.
mkdir -p "$WORK/gateway"
cat >"$WORK/gateway/gateway.php" <<'PHP'
<?php
$ok = ($_GET['service'] ?? '') === 'notify_verify' && ($_GET['partner'] ?? '') === getenv('SELLER_ID');
file_put_contents(__DIR__ . '/asked.log', ($_GET['notify_id'] ?? '') . "\n", FILE_APPEND);
echo $ok ? 'true' : 'false';
PHP
GATEWAY_PORT=$(free_port)
SELLER_ID=$SELLER_ID serve "$WORK/gateway/server.log" php -n -S "127.0.0.1:$GATEWAY_PORT" "$WORK/gateway/gateway.php"
wait_port "$GATEWAY_PORT" "$WORK/gateway/server.log"
NOTIFY_VERIFY_GATEWAY="http://127.0.0.1:$GATEWAY_PORT/gateway.do"
# Checkout sends the buyer to the sandbox, and reconciliation asks it.
GATEWAY=$SANDBOX_GATEWAY

export SHOP_ALIPAY_GATEWAY=$GATEWAY ALIPAY_NOTIFY_VERIFY_GATEWAY=$NOTIFY_VERIFY_GATEWAY \
  ALIPAY_PUBLIC_KEY_FILE="$WORK/alipay_public.txt" SHOP_APP_PRIVATE_KEY_FILE="$WORK/app_private.pem" \
  ALIPAY_APP_ID=$APP_ID ALIPAY_SELLER_ID=$SELLER_ID

start_php_server() {
  local port
  port=$(free_port)
  # Workers: two deliveries of the same notification are handled at the same time.
  SHOP_DB="$WORK/php-s.sqlite" PHP_CLI_SERVER_WORKERS=4 \
    serve "$WORK/php-s.log" php "${PHP_ARGS[@]}" -S "127.0.0.1:$port" -t "$DOCROOT"
  wait_port "$port" "$WORK/php-s.log"
  SERVER="127.0.0.1:$port"
  HOST=$SERVER
}

start_fpm() { # name (of its files), VAR=VALUE... (its environment)
  local port name=$1
  port=$(free_port)
  cat >"$WORK/$name.conf" <<CONF
[global]
error_log = $WORK/$name.log
daemonize = no

[www]
listen = 127.0.0.1:$port
pm = static
pm.max_children = 4
clear_env = no
; The child's PID per request: the parallel cases check that several children served.
access.log = $WORK/$name.access
access.format = "%p %m %r"
catch_workers_output = yes
CONF
  # -R: CI runs as root.
  # This pool also accepts RSA (SHA1) notifications: the setting is tested too.
  serve "$WORK/$name.out" env ALIPAY_SIGN_TYPES=RSA2,RSA "${@:2}" "$FPM" "${PHP_ARGS[@]}" -F -R -y "$WORK/$name.conf"
  wait_port "$port" "$WORK/$name.log"
  SERVER="127.0.0.1:$port"
  HOST=shop.test
}

# One request to the shop; the answer goes to $WORK/$out.{status,location,body}.
# METHOD TARGET OUT [BODY_FILE [CONTENT_TYPE]]
request() {
  local method=$1 target=$2 out="$WORK/$3" body=${4:-/dev/null} type=${5:-}
  if [ "$MODE" = php-s ]; then
    local options=()
    [ -n "$type" ] && options+=(-H "Content-Type: $type")
    [ -n "${4:-}" ] && options+=(--data-binary "@$body")
    curl -s --path-as-is -X "$method" -D "$out.headers" -o "$out.body" "${options[@]}" "http://$SERVER$target"
  else
    local path=${target%%\?*} query=""
    [[ $target == *\?* ]] && query=${target#*\?}
    # As nginx's `index index.php`.
    [[ $path == */ ]] && path+=index.php
    env -i PATH="$PATH" GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 SERVER_SOFTWARE=test \
      SERVER_NAME=shop.test SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 HTTP_HOST="$HOST" \
      REQUEST_METHOD="$method" REQUEST_URI="$target" SCRIPT_NAME="$path" DOCUMENT_ROOT="$DOCROOT" \
      SCRIPT_FILENAME="$DOCROOT$path" QUERY_STRING="$query" CONTENT_TYPE="$type" \
      CONTENT_LENGTH="$(wc -c <"$body")" cgi-fcgi -bind -connect "$SERVER" <"$body" >"$out.raw" 2>>"$WORK/cgi-fcgi.log"
    # A CGI answer: headers (Status: when not 200), a blank line, the body.
    php -r '[$h, $b] = explode("\r\n\r\n", file_get_contents($argv[1]), 2) + [1 => ""];
      file_put_contents($argv[2], "HTTP/1.1 " . (preg_match("/^Status: (\d+)/mi", $h, $m) ? $m[1] : "200") . "\r\n$h");
      file_put_contents($argv[3], $b);' "$out.raw" "$out.headers" "$out.body"
  fi
  sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$out.headers" >"$out.status"
  { grep -i '^Location:' "$out.headers" || true; } | sed 's/^[^:]*: *//' | tr -d '\r' >"$out.location"
}
status() { cat "$WORK/$1.status"; }
# The body, control characters shown (\n): the shop must answer exactly "success".
body() { php -r 'echo addcslashes(file_get_contents($argv[1]), "\0..\37");' "$WORK/$1.body"; }

# The order as order.php shows it: status and the outcome of each delivery.
order_summary() { # out_trade_no
  request GET "/order.php?out_trade_no=$1&format=json" summary
  php -r '$o = json_decode(file_get_contents($argv[1]), true);
    $outcomes = array_map(fn ($d) => $d["page"] . ":" . $d["outcome"] . ($d["error"] ? "(" . $d["error"] . ")" : ""), $o["deliveries"] ?? []);
    echo $o["status"] ?? "missing", " [", implode(" ", $outcomes), "]";' "$WORK/summary.body"
}

# A notification for the order, signed with the stand-in for Alipay's key.
# NOTIFY_APP_ID and NOTIFY_SELLER_ID address it to another app or merchant.
# The command prints a line; Alipay's body has no newline at the end.
notification() { # out_trade_no, file, simulate options...
  local signed
  signed=$("$CLI" simulate --private-key "$WORK/alipay_private.pem" --app-id "${NOTIFY_APP_ID:-$APP_ID}" \
    --seller-id "${NOTIFY_SELLER_ID:-$SELLER_ID}" --out-trade-no "$1" --notify-id "N$1" "${@:3}")
  printf '%s' "$signed" >"$WORK/$2"
}
post_notify() { # page, out, body file, charset
  request POST "/$1" "$2" "$WORK/$3" "application/x-www-form-urlencoded; charset=${4:-utf-8}"
}

# A notification with these fields over the defaults (NAME=VALUE...), signed with the stand-in
# for Alipay's key: refund notifications, which `simulate` does not make.
signed_notify() { # file, NAME=VALUE...
  php -n -d "extension=$EXT" -r '
    $fields = ["notify_type" => "trade_status_sync", "notify_time" => "2024-01-02 10:20:31",
      "app_id" => getenv("ALIPAY_APP_ID"), "seller_id" => getenv("ALIPAY_SELLER_ID"), "charset" => "utf-8", "version" => "1.0",
      "trade_no" => "2024010222001400000000000001", "total_amount" => "88.00", "receipt_amount" => "88.00",
      "buyer_pay_amount" => "88.00", "trade_status" => "TRADE_SUCCESS", "gmt_payment" => "2024-01-02 10:20:30",
      "subject" => "演示商品 Demo item"];
    foreach (array_slice($argv, 3) as $pair) {
        [$name, $value] = explode("=", $pair, 2);
        $fields[$name] = $value;
    }
    file_put_contents($argv[2], (new AlipayNotify\Signer(file_get_contents($argv[1]), "RSA2"))->signedForm($fields));
  ' "$WORK/alipay_private.pem" "$WORK/$1" "${@:2}"
}

# Runs SQL on the shop's database of this mode (the shop's own connection code), prints the
# rows as "a|b" lines. SQL, parameters...
db_query() {
  env "${MODE_DB[@]}" php "${PHP_ARGS[@]}" -r '
    require $argv[1];
    $statement = shop_db()->prepare($argv[2]);
    $statement->execute(array_slice($argv, 3));
    foreach ($statement->fetchAll(PDO::FETCH_NUM) as $row) {
        echo implode("|", array_map(fn ($v) => $v === null ? "null" : (is_bool($v) ? (int) $v : (string) $v), $row)), "\n";
    }' "$PWD/examples/php/src/bootstrap.php" "$@"
}

# Checks out and sets ORDER to the new order's number, after checking the signed request.
checkout() {
  request POST /checkout.php checkout
  local location query
  location=$(cat "$WORK/checkout.location")
  query=${location#"$GATEWAY?"}
  if [ "$(status checkout)" != 303 ] || [ "$query" = "$location" ]; then
    check "checkout redirects to the gateway" "303 $GATEWAY?…" "$(status checkout) $location"
    ORDER=missing
    return
  fi
  # The app public key verifies it: rule v2 (sign_type signed), RSA2.
  if printf '%s' "$query" | "$CLI" verify --key "$WORK/app_public.txt" --rule v2 --sign-type RSA2 \
      --app-id "$APP_ID" >"$WORK/request.json" 2>"$WORK/request.err"; then
    :
  else
    echo "request: $query"
    cat "$WORK/request.err"
  fi
  ORDER=$(php -r '$p = json_decode(file_get_contents($argv[1]), true) ?? [];
    echo json_decode($p["biz_content"] ?? "{}", true)["out_trade_no"] ?? "missing";' "$WORK/request.json")
}

# Runs SQL statements (no parameters) on the shop's database of this mode.
db_exec() { # SQL
  env "${MODE_DB[@]}" php "${PHP_ARGS[@]}" -r 'require $argv[1]; shop_db()->exec($argv[2]);' \
    "$PWD/examples/php/src/bootstrap.php" "$1"
}

# The ledger of an order: "source:verdict:transition:changed_order:reply" per row, in order.
ledger_of() { # out_trade_no
  db_query "SELECT source, verdict, COALESCE(error_name, ''), COALESCE(transition, '-'), changed_order, COALESCE(reply, '-')
    FROM alipay_notify_ledger WHERE out_trade_no = ? ORDER BY id" "$1" | tr '|' ':' | tr '\n' ' ' | sed 's/ $//'
}

# The ledger's row of a body sent: "verdict:error_name:reply:out_trade_no" (the last one).
ledger_by_body() { # file
  db_query "SELECT verdict, COALESCE(error_name, ''), COALESCE(reply, '-'), COALESCE(out_trade_no, '')
    FROM alipay_notify_ledger WHERE body_sha256 = ? ORDER BY id DESC LIMIT 1" "$(sha256sum "$WORK/$1" | cut -c1-64)" | tr '|' ':'
}

# What the shop's callback did for an order (order_events): "transition source" per run.
events_of() { # out_trade_no
  db_query "SELECT transition, source FROM order_events WHERE out_trade_no = ? ORDER BY id" "$1" | tr '|' ' ' | tr '\n' ',' | sed 's/,$//'
}

# docs/ledger.md's proof, on this pool's worker processes: 40 copies of one paid notification
# at the same moment, with a refund notification and a WAIT_BUYER_PAY one among them.
parallel_cases() {
  checkout
  local order=$ORDER i pids=() replies
  signed_notify par-paid.form out_trade_no="$order" notify_id="N$order-paid"
  signed_notify par-wait.form out_trade_no="$order" notify_id="N$order-wait" trade_status=WAIT_BUYER_PAY
  signed_notify par-refund.form out_trade_no="$order" notify_id="N$order-refund" refund_fee=10.00 \
    out_biz_no="R$order" gmt_refund="2024-01-02 11:00:00"
  for i in $(seq 40); do
    post_notify notify.php "par-$i" par-paid.form &
    pids+=($!)
  done
  post_notify notify.php par-wait par-wait.form &
  pids+=($!)
  post_notify notify.php par-refund par-refund.form &
  pids+=($!)
  wait "${pids[@]}"
  local children
  children=$( (grep ' POST /notify.php' "$WORK/$MODE_FPM.access" || true) | cut -d' ' -f1 | sort -u | grep -c . || true)
  check "$MODE parallel: more than one php-fpm child served them" "yes" "$([ "$children" -gt 1 ] && echo yes || echo "no: $children")"
  replies=$(for i in $(seq 40) wait refund; do echo "$(body "par-$i")"; done | sort | uniq -c | awk '{ print $1, $2 }' | tr '\n' ' ')
  check "$MODE parallel: 42 deliveries at once (40 of them the same), every one answered success" "42 success " "$replies"
  check "$MODE parallel: the shop's callback ran once per transition (counted in the database)" \
    "PAID notify,REFUND:R$order notify" "$(events_of "$order" | tr ',' '\n' | sort | tr '\n' ',' | sed 's/,$//')"
  # A refund delivered before the payment's notification applies PAID first, on a second row
  # of its own delivery (docs/ledger.md §3): that row aside, one row per delivery.
  check "$MODE parallel: one ledger row per delivery, changed_order on exactly one per transition" \
    "N$order-paid:40 N$order-refund:1 N$order-wait:1; changed: PAID REFUND:R$order; WAIT_BUYER_PAY recorded: 1" \
    "$(db_query "SELECT notify_id, count(*) FROM alipay_notify_ledger WHERE out_trade_no = ?
      AND NOT (notify_id = ? AND transition = 'PAID') GROUP BY notify_id ORDER BY notify_id" "$order" "N$order-refund" \
      | tr '|\n' ': ' | sed 's/ $//'); changed: $(db_query \
      "SELECT transition FROM alipay_notify_ledger WHERE out_trade_no = ? AND changed_order = ? ORDER BY transition" "$order" 1 \
      | tr '\n' ' ' | sed 's/ $//'); WAIT_BUYER_PAY recorded: $(db_query \
      "SELECT count(*) FROM alipay_notify_ledger WHERE out_trade_no = ? AND trade_status = 'WAIT_BUYER_PAY'" "$order")"
  check "$MODE parallel: the order is paid, 10.00 refunded" "paid|1000" \
    "$(db_query "SELECT status, refunded_fen FROM orders WHERE out_trade_no = ?" "$order")"
}

# A crash in the middle: the shop's callback fails inside the transaction (a trigger refuses
# the order's UPDATE), so nothing is applied and the answer is fail; Alipay's retry applies it.
crash_cases() {
  checkout
  local order=$ORDER
  signed_notify crash.form out_trade_no="$order" notify_id="N$order-crash"
  if [ "$MODE" = fpm-pg ]; then
    db_exec "CREATE FUNCTION shop_test_crash() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
      RAISE EXCEPTION 'the test crashes the callback'; END \$\$;
      CREATE TRIGGER shop_test_crash BEFORE UPDATE ON orders FOR EACH ROW
      WHEN (NEW.out_trade_no = '$order') EXECUTE FUNCTION shop_test_crash()"
  else
    db_exec "CREATE TRIGGER shop_test_crash BEFORE UPDATE ON orders WHEN NEW.out_trade_no = '$order'
      BEGIN SELECT RAISE(ABORT, 'the test crashes the callback'); END"
  fi
  post_notify notify.php crash-1 crash.form
  check "$MODE crash: the callback fails mid-transaction: fail, nothing applied, the failure recorded" \
    "fail pending [] [notify:verified:PDOException:-:0:fail]" \
    "$(body crash-1) $(db_query "SELECT status FROM orders WHERE out_trade_no = ?" "$order") [$(events_of "$order")] [$(ledger_of "$order")]"
  if [ "$MODE" = fpm-pg ]; then
    db_exec "DROP TRIGGER shop_test_crash ON orders; DROP FUNCTION shop_test_crash()"
  else
    db_exec "DROP TRIGGER shop_test_crash"
  fi
  post_notify notify.php crash-2 crash.form
  post_notify notify.php crash-3 crash.form
  check "$MODE crash: Alipay's retry applies it once; the next one is a duplicate" \
    "success success paid [PAID notify] [notify:verified:PDOException:-:0:fail notify:verified::PAID:1:success notify:verified::-:0:success]" \
    "$(body crash-2) $(body crash-3) $(db_query "SELECT status FROM orders WHERE out_trade_no = ?" "$order") [$(events_of "$order")] [$(ledger_of "$order")]"
}

# 掉单: the buyer pays at the sandbox, whose notification never comes (drop_notify); the
# shop's reconciliation script asks alipay.trade.query and pays the order once, through the
# ledger; a late copy of the notification then changes nothing.
reconcile_cases() {
  checkout
  local order=$ORDER trade_no
  # The checkout page registers the order at the sandbox; the JSON API pays it.
  curl -s -o /dev/null "$(cat "$WORK/checkout.location")"
  curl -s -X POST -H 'Content-Type: application/json' -d '{"drop_notify": true}' "$SANDBOX/api/orders/$order/pay" >/dev/null
  curl -s "$SANDBOX/api/orders/$order" >"$WORK/sandbox-order.json"
  trade_no=$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["trade_no"] ?? "";' "$WORK/sandbox-order.json")
  check "$MODE reconcile: the sandbox took the payment and dropped the notification" "TRADE_SUCCESS dropped 0 pending" \
    "$(php -r '$o = json_decode(file_get_contents($argv[1]), true); echo $o["status"] ?? "", " ", ($o["notify_dropped"] ?? false) ? "dropped" : "sent", " ", count($o["deliveries"] ?? []);' "$WORK/sandbox-order.json") $(db_query "SELECT status FROM orders WHERE out_trade_no = ?" "$order")"
  env "${MODE_DB[@]}" php "${PHP_ARGS[@]}" examples/php/reconcile.php --older-than 0s >"$WORK/reconcile.out" 2>"$WORK/reconcile.err"
  echo "reconcile.php: $(grep -c . "$WORK/reconcile.out") lines; $(grep -F "$order" "$WORK/reconcile.out" || true)"
  check "$MODE reconcile: reconcile.php pays the order once, by a query row in the ledger" \
    "paid $trade_no [PAID query] [query:verified::PAID:1:-]" \
    "$(db_query "SELECT status, trade_no FROM orders WHERE out_trade_no = ?" "$order" | tr '|' ' ') [$(events_of "$order")] [$(ledger_of "$order")]"
  env "${MODE_DB[@]}" php "${PHP_ARGS[@]}" examples/php/reconcile.php --older-than 0s >"$WORK/reconcile-again.out" 2>>"$WORK/reconcile.err"
  signed_notify late.form out_trade_no="$order" notify_id="N$order-late" trade_no="$trade_no"
  post_notify notify.php late late.form
  check "$MODE reconcile: run again, then the notification after all: nothing changes twice" \
    "success paid [PAID query] [query:verified::PAID:1:- notify:verified::-:0:success]" \
    "$(body late) $(db_query "SELECT status FROM orders WHERE out_trade_no = ?" "$order") [$(events_of "$order")] [$(ledger_of "$order")]"
}

run_cases() {
  echo "-- $MODE"
  checkout
  check "$MODE checkout: a page.pay request the app public key verifies" \
    "alipay.trade.page.pay utf-8 RSA2 1.0 http://$HOST/notify.php http://$HOST/return.php 88.00 FAST_INSTANT_TRADE_PAY pending []" \
    "$(php -r '$p = json_decode(file_get_contents($argv[1]), true) ?? []; $b = json_decode($p["biz_content"] ?? "{}", true);
      echo implode(" ", [$p["method"] ?? "", $p["charset"] ?? "", $p["sign_type"] ?? "", $p["version"] ?? "",
        $p["notify_url"] ?? "", $p["return_url"] ?? "", $b["total_amount"] ?? "", $b["product_code"] ?? ""]);' \
      "$WORK/request.json") $(order_summary "$ORDER")"
  check "$MODE checkout: the timestamp and subject are sent" "yes" \
    "$(php -r '$p = json_decode(file_get_contents($argv[1]), true) ?? [];
      echo preg_match("/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/", $p["timestamp"] ?? "")
        && (json_decode($p["biz_content"] ?? "{}", true)["subject"] ?? "") !== "" ? "yes" : "no";' "$WORK/request.json")"

  # The return page before the notification: verified, shown, not paid.
  "$CLI" simulate --private-key "$WORK/alipay_private.pem" --kind return --app-id "$APP_ID" --seller-id "$SELLER_ID" \
    --out-trade-no "$ORDER" >"$WORK/return.query"
  request GET "/return.php?$(cat "$WORK/return.query")" return
  check "$MODE return: a signed return query is verified and does not pay" "200 verified pending []" \
    "$(status return) $(grep -q 'class="verified"' "$WORK/return.body" && echo verified) $(order_summary "$ORDER")"
  request GET "/return.php?$(sed 's/total_amount=88.00/total_amount=0.01/' "$WORK/return.query")" return-tampered
  check "$MODE return: a tampered return query is refused" "400 INVALID_SIGNATURE pending" \
    "$(status return-tampered) $(grep -o 'INVALID_SIGNATURE' "$WORK/return-tampered.body" | head -1) $(order_summary "$ORDER" | cut -d' ' -f1)"

  notification "$ORDER" paid.form
  post_notify notify.php notify paid.form
  check "$MODE notify: a signed notification pays the order, answered exactly success" \
    "200 success paid [notify:paid]" "$(status notify) $(body notify) $(order_summary "$ORDER")"
  post_notify notify.php notify-again paid.form
  check "$MODE notify: the same notification again is acknowledged and does not pay twice" \
    "success paid [notify:paid notify:duplicate]" "$(body notify-again) $(order_summary "$ORDER")"
  check "$MODE notify: the paid order has Alipay's trade_no" "2024010222001400000000000001" \
    "$(php -r 'echo json_decode(file_get_contents($argv[1]), true)["trade_no"] ?? "";' "$WORK/summary.body")"

  checkout
  notification "$ORDER" parallel.form
  post_notify notify.php parallel-1 parallel.form &
  local first=$!
  post_notify notify.php parallel-2 parallel.form
  wait "$first"
  check "$MODE notify: two deliveries at once pay once, both recorded" \
    "success success paid [notify:duplicate notify:paid]" \
    "$(body parallel-1) $(body parallel-2) $(order_summary "$ORDER" | sed 's/notify:paid notify:duplicate/notify:duplicate notify:paid/')"

  checkout
  notification "$ORDER" tampered.form
  sed -i 's/total_amount=88.00/total_amount=0.01/' "$WORK/tampered.form"
  post_notify notify.php tampered tampered.form
  check "$MODE notify: a tampered notification is answered fail, pays nothing, is in the ledger as rejected" \
    "200 fail pending [] rejected:INVALID_SIGNATURE:fail:" \
    "$(status tampered) $(body tampered) $(order_summary "$ORDER") $(ledger_by_body tampered.form)"
  notification "$ORDER" cheap.form --total-amount 0.01
  post_notify notify.php cheap cheap.form
  NOTIFY_SELLER_ID=2088000000009999 notification "$ORDER" other-seller.form
  post_notify notify.php other-seller other-seller.form
  NOTIFY_APP_ID=2021000000009999 notification "$ORDER" other-app.form
  post_notify notify.php other-app other-app.form
  # The seller and app are checked by the verifier (rejected, no order number trusted); the
  # amount by the shop's callback (verified, the order's row, the failure's name).
  check "$MODE notify: signed, but another amount, seller or app: fail, nothing paid, each in the ledger" \
    "fail fail fail pending [notify:refused(AMOUNT_MISMATCH)] verified:AMOUNT_MISMATCH:fail:$ORDER rejected:SELLER_ID_MISMATCH:fail: rejected:APP_ID_MISMATCH:fail:" \
    "$(body cheap) $(body other-seller) $(body other-app) $(order_summary "$ORDER") $(ledger_by_body cheap.form) $(ledger_by_body other-seller.form) $(ledger_by_body other-app.form)"
  notification "$ORDER" rsa.form --sign-type RSA
  post_notify notify.php rsa rsa.form
  if [ "$MODE" = php-s ]; then
    check "$MODE notify: RSA (SHA1) where only RSA2 is accepted (the default): fail, nothing paid" \
      "fail pending rejected:SIGN_TYPE_NOT_ALLOWED:fail:" \
      "$(body rsa) $(order_summary "$ORDER" | cut -d' ' -f1) $(ledger_by_body rsa.form)"
  else
    check "$MODE notify: RSA (SHA1) with ALIPAY_SIGN_TYPES=RSA2,RSA: success, paid" \
      "success paid notify:paid]" \
      "$(body rsa) $(order_summary "$ORDER" | cut -d' ' -f1) $(order_summary "$ORDER" | grep -o '[^ ]*$')"
  fi
  notification "NO-SUCH-ORDER" unknown.form
  post_notify notify.php unknown unknown.form
  check "$MODE notify: an order the shop does not have: fail" "fail" "$(body unknown)"

  checkout
  notification "$ORDER" gbk.form --charset GBK --subject '测试商品：中文'
  post_notify notify.php gbk gbk.form GBK
  check "$MODE notify: a GBK notification pays the order" "success paid [notify:paid]" \
    "$(body gbk) $(order_summary "$ORDER")"

  # The legacy drop-in page: sign_type RSA, as the vendor's mapi demo, and notify_verify.
  checkout
  : >"$WORK/gateway/asked.log"
  notification "$ORDER" legacy.form --sign-type RSA
  post_notify legacy.php legacy legacy.form
  post_notify legacy.php legacy-again legacy.form
  sed 's/total_amount=88.00/total_amount=0.01/' "$WORK/legacy.form" >"$WORK/legacy-tampered.form"
  post_notify legacy.php legacy-tampered legacy-tampered.form
  check "$MODE legacy: pays once, acknowledges the retry, refuses a tampered copy" \
    "success success fail paid [legacy:paid legacy:duplicate legacy:refused(INVALID_SIGNATURE)]" \
    "$(body legacy) $(body legacy-again) $(body legacy-tampered) $(order_summary "$ORDER")"
  check "$MODE legacy: notify_verify was asked about the two genuine deliveries" "N$ORDER N$ORDER" \
    "$(tr '\n' ' ' <"$WORK/gateway/asked.log" | sed 's/ $//')"
  checkout
  notification "$ORDER" legacy-gbk.form --sign-type RSA --charset GBK --subject '测试商品：中文'
  post_notify legacy.php legacy-gbk legacy-gbk.form GBK
  notification "$ORDER" legacy-cheap.form --sign-type RSA --total-amount 0.01
  post_notify legacy.php legacy-cheap legacy-cheap.form
  check "$MODE legacy: a GBK notification pays; another amount is refused" \
    "success fail paid [legacy:paid legacy:refused(AMOUNT_MISMATCH)]" \
    "$(body legacy-gbk) $(body legacy-cheap) $(order_summary "$ORDER")"

  request GET "/return.php?$(cat "$WORK/return.query")" return-paid
  check "$MODE pages: index, order page, the return page of a paid order" "200 200 200" \
    "$(request GET / index; status index) $(request GET "/order.php?out_trade_no=$ORDER" order; status order) $(status return-paid)"
}

step "the shop under php -S"
MODE=php-s
MODE_DB=(SHOP_DB="$WORK/php-s.sqlite")
start_php_server
run_cases
reconcile_cases

step "the shop under php-fpm (FastCGI), SQLite"
MODE=fpm
MODE_DB=(SHOP_DB="$WORK/fpm.sqlite")
MODE_FPM=php-fpm
start_fpm php-fpm "${MODE_DB[@]}"
run_cases
parallel_cases
crash_cases
reconcile_cases

step "the shop under php-fpm (FastCGI), PostgreSQL (DATABASE_URL)"
pg_start "$WORK/pg"
MODE=fpm-pg
MODE_DB=(DATABASE_URL="$DATABASE_URL")
MODE_FPM=php-fpm-pg
start_fpm php-fpm-pg "${MODE_DB[@]}"
run_cases
parallel_cases
crash_cases
reconcile_cases

if [ "$FAILED" -ne 0 ]; then
  for log in "$WORK"/*.log; do
    echo "--- $log"
    tail -20 "$log"
  done
fi
echo
echo "test-php-shop: $PASSED passed, $FAILED failed (examples/php under php -S and php-fpm)"
[ "$FAILED" -eq 0 ]
