#!/usr/bin/env bash
# End-to-end benchmark (`make bench-e2e`; scripts/test-bench-e2e.sh is its CI smoke): notify
# requests per second on 127.0.0.1 through three servers, each with two notify_url handlers
# doing the same job (verify the POSTed form, check app_id, seller_id, out_trade_no and
# total_amount against one fixed order, answer `success` or `fail`; no database):
#   - Django under gunicorn (2 sync workers): this library's alipay_notify_view next to
#     python-alipay-sdk's AliPay.verify (bench/e2e/django/e2e_site.py);
#   - Express in a cluster of 2 workers: this library's notifyHandler next to npm alipay-sdk's
#     checkNotifySignV2 (bench/e2e/express/server.js);
#   - PHP-FPM (2 static children) behind nginx: the extension's Verifier next to the official
#     AopClient's rsaCheckV1 logic around openssl_verify (bench/e2e/php/).
# The load generator is wrk (Debian) with bench/e2e/wrk.lua: one connection pool, a bounded
# number of requests, one signed notification (`alipay-notify simulate`, 25 fields, RSA2, the
# committed test key alipay_a) for every request; every answer must be HTTP 200 `success`, and
# a tampered copy must get `fail`, or the run fails. Rounds interleave library and SDK runs
# (the order alternates); the figures are medians over the rounds:
#   - requests/s and p99 latency, as wrk measures them;
#   - CPU per request of the server's workers (utime + stime of the worker processes, from
#     /proc/PID/stat before and after the run, over the requests);
#   - the handler's verification alone, CPU per call in the same runtime (each server's `cost`
#     mode), and its share of the workers' CPU per request.
# Frameworks and SDKs are pinned (bench/e2e/requirements.txt, bench/e2e/express/package.json
# and its lock file, Debian's wrk, nginx and php-fpm) and installed into target/bench-e2e only.
#
#   E2E_REQUESTS (20000 per run)  E2E_ROUNDS (3)  E2E_CONNECTIONS (16)  E2E_WARMUP (1000)
#   E2E_COST_CALLS (400: calls per round of the verification-alone timing)
#   E2E_MARKDOWN=1: write the results into BENCHMARKS.md between <!-- e2e:start --> and
#   <!-- e2e:end --> (`make bench-e2e` sets it). Raw results: target/bench-e2e/results/.
#
# Ends with "bench-e2e: N passed, M failed" (E2E_NAME changes the name).
source "$(dirname "$0")/common.sh"
need_rust
need_node
apt_install wrk nginx-light php-cli php-dev php-fpm pkg-config curl

NAME=${E2E_NAME:-bench-e2e}
REQUESTS=${E2E_REQUESTS:-20000}
ROUNDS=${E2E_ROUNDS:-3}
CONNECTIONS=${E2E_CONNECTIONS:-16}
WARMUP=${E2E_WARMUP:-1000}
WORKERS=2
OUT=target/bench-e2e
RUN=$OUT/run
RESULTS=$OUT/results
HERE=bench/e2e
PASSED=0
FAILED=0
started=$SECONDS
rm -rf "$RUN"
mkdir -p "$RUN" "$RESULTS"
RAW=$RESULTS/raw.txt
: >"$RAW"

ok() { echo "ok: $1"; PASSED=$((PASSED + 1)); }
bad() { echo "FAILED: $1" >&2; FAILED=$((FAILED + 1)); }
summary() {
  echo "$NAME: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
die() {
  bad "$1"
  summary
  exit 1
}

# Each server runs in a process group of its own (gunicorn, the cluster, php-fpm and nginx fork
# workers) and the whole group is stopped on exit, whatever happened.
GROUPS_STARTED=()
serve() { # log, command...
  setsid "${@:2}" </dev/null >"$1" 2>&1 &
  GROUPS_STARTED+=($!)
  LAST_PID=$!
}
stop_all() {
  local pid
  for pid in "${GROUPS_STARTED[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${GROUPS_STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  GROUPS_STARTED=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# POSTs FILE to URL and prints the answer's body.
post() { # url, file
  curl -s --max-time 10 -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$2" "$1" || true
}

wait_http() { # url, log
  local i
  for i in $(seq 300); do
    [ -n "$(post "$1" "$RUN/body.txt")" ] && return 0
    sleep 0.1
  done
  echo "no answer from $1; its log:" >&2
  tail -30 "$2" >&2
  return 1
}

# The worker processes of a server: the children of its master (gunicorn's arbiter, the
# cluster's primary, php-fpm's master), waited for until there are WORKERS of them.
workers_of() { # master pid
  local i pids
  for i in $(seq 100); do
    pids=$(pgrep -P "$1" | tr '\n' ' ')
    [ "$(wc -w <<<"$pids")" -ge "$WORKERS" ] && { echo "$pids"; return 0; }
    sleep 0.1
  done
  echo "$pids"
}

# utime + stime of the processes, in clock ticks.
cpu_ticks() { # pids...
  local pid total=0 stat
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat")
    # The fields after the command name (which may hold spaces): utime and stime are the
    # 12th and 13th of them.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}
TICKS=$(getconf CLK_TCK)

# One wrk run of COUNT requests to URL; prints its E2E line with the workers' CPU appended.
load() { # url, count, worker pids...
  local url=$1 count=$2 before after line
  shift 2
  before=$(cpu_ticks "$@")
  # -d: only the limit for a server that stopped answering (20 requests/s at least).
  line=$(E2E_REQUESTS=$count E2E_BODY=$RUN/body.txt wrk -t1 -c"$CONNECTIONS" -d"$((30 + count / 20))s" \
    -s "$HERE/wrk.lua" "$url" 2>"$RUN/wrk.err" | grep '^E2E ' || true)
  after=$(cpu_ticks "$@")
  [ -n "$line" ] || { cat "$RUN/wrk.err" >&2; echo "E2E requests=0 bad=0 errors=1"; return; }
  echo "$line worker_cpu_us=$(((after - before) * 1000000 / TICKS))"
}

field() { sed -nE "s/.*[ ]$1=([0-9.]+).*/\1/p" <<<"$2"; }
median() { tr ' ' '\n' <<<"$*" | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The checks of one run: every one of the COUNT answers was HTTP 200 `success`.
checked_run() { # label, url, count, worker pids...
  local label=$1 count=$3 line requests badc errors
  line=$(load "$2" "$3" "${@:4}")
  requests=$(field requests "$line")
  badc=$(field bad "$line")
  errors=$(field errors "$line")
  echo "$label $line" >>"$RAW"
  if [ "${requests:-0}" -ge "$count" ] && [ "${badc:-1}" -eq 0 ] && [ "${errors:-1}" -eq 0 ]; then
    ok "$label: $requests answers, every one HTTP 200 success"
    LINE=$line
  else
    bad "$label: requests=${requests:-0} of $count, not success: ${badc:-?}, socket errors: ${errors:-?} (wrk: $(head -3 "$RUN/wrk.err" | tr '\n' ' '))"
    LINE=""
  fi
}

# Runs the rounds of one server: warm-up, then ROUNDS x (library, SDK), interleaved; then the
# verification's CPU per call (COST_COMMAND), once per round. Appends a Markdown row per
# handler to ROWS.
ROWS=()
bench_server() { # server name, base url, master pid, cost command...
  local server=$1 base=$2 master=$3 pids route round order cost
  shift 3
  pids=$(workers_of "$master")
  echo "$server: workers $pids(master $master)"
  for route in library sdk; do
    if [ "$(post "$base/$route" "$RUN/tampered.txt")" = fail ]; then
      ok "$server $route: a tampered notification gets fail"
    else
      bad "$server $route: a tampered notification did not get fail"
    fi
    # shellcheck disable=SC2086
    checked_run "$server $route warm-up" "$base/$route" "$WARMUP" $pids
  done
  declare -A rps p99 cpu
  local costs_library=() costs_sdk=()
  for round in $(seq "$ROUNDS"); do
    order="library sdk"
    [ $((round % 2)) -eq 0 ] && order="sdk library"
    for route in $order; do
      # shellcheck disable=SC2086
      checked_run "$server $route round $round" "$base/$route" "$REQUESTS" $pids
      [ -n "$LINE" ] || continue
      echo "  $route: $(awk -v n="$(field requests "$LINE")" -v us="$(field elapsed_us "$LINE")" 'BEGIN { printf "%.0f", n * 1e6 / us }') requests/s, p99 $(field p99_us "$LINE") µs"
      rps[$route]+="$(awk -v n="$(field requests "$LINE")" -v us="$(field elapsed_us "$LINE")" 'BEGIN { printf "%.1f", n * 1e6 / us }') "
      p99[$route]+="$(field p99_us "$LINE") "
      cpu[$route]+="$(awk -v n="$(field requests "$LINE")" -v c="$(field worker_cpu_us "$LINE")" 'BEGIN { printf "%.1f", c / n }') "
    done
    cost=$("$@" "$RUN/body.txt" | grep '^cost ' || true)
    echo "$server cost round $round $cost" >>"$RAW"
    echo "  verification alone: $cost"
    costs_library+=("$(field library_us "$cost")")
    costs_sdk+=("$(field sdk_us "$cost")")
  done
  for route in library sdk; do
    [ -n "${rps[$route]:-}" ] || { ROWS+=("| $server | $route | failed | | | | |"); continue; }
    local r p c v
    r=$(median ${rps[$route]})
    p=$(median ${p99[$route]})
    c=$(median ${cpu[$route]})
    if [ "$route" = library ]; then v=$(median "${costs_library[@]}"); else v=$(median "${costs_sdk[@]}"); fi
    echo "$server $route median rps=$r p99_us=$p worker_cpu_per_request_us=$c verify_us=$v" >>"$RAW"
    ROWS+=("$server|$route|$r|$p|$c|${v:-0}")
  done
}

step "builds: the CLI (simulate), the C library and the PHP extension, the wheel, the Node addon"
cargo build -q --release --locked -p alipay-notify-cli
release="$(target_dir)/release"
bash scripts/c-lib.sh >/dev/null
php_ext=target/php-ext/shared/modules/alipay_notify.so
if [ ! -f "$php_ext" ] ||
  [ -n "$(find php/ext -maxdepth 1 -type f -newer "$php_ext" -print -quit)" ] ||
  [ include/alipay_notify.h -nt "$php_ext" ] || [ "$release/libalipay_notify.so" -nt "$php_ext" ]; then
  bash scripts/php-ext.sh
fi
need_python_venv 'maturin>=1.16,<2'
rm -rf "$OUT/wheels"
.venv/bin/maturin build --release --locked -m py/Cargo.toml --out "$OUT/wheels" 2>&1 | grep -E '^(error|warning: unused)' || true
addons=(node/alipay-notify.*.node)
if [ ! -f "${addons[0]}" ] ||
  [ -n "$(find core/src node/src core/Cargo.toml node/Cargo.toml Cargo.lock -newer "${addons[0]}" -print -quit)" ]; then
  node node/build.js
fi

step "bench-only environments: $OUT/venv (Django, gunicorn, python-alipay-sdk, the wheel), npm ($HERE/express)"
VENV=$OUT/venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
"$VENV/bin/pip" install -q --force-reinstall --no-deps "$OUT"/wheels/alipay_notify-*-cp39-abi3-*.whl
npm_dependencies "$HERE/express"

step "the notification: alipay-notify simulate, signed with tests/vectors/keys/alipay_a.key.pem"
openssl pkey -in tests/vectors/keys/alipay_a.key.pem -pubout -out "$RUN/alipay_public.pem"
printf '%s' "$("$release/alipay-notify" simulate --private-key tests/vectors/keys/alipay_a.key.pem)" >"$RUN/body.txt"
# A changed signed byte: another amount.
sed 's/total_amount=88.00/total_amount=8.00/' "$RUN/body.txt" >"$RUN/tampered.txt"
MESSAGE="$(wc -c <"$RUN/body.txt") bytes, $(tr '&' '\n' <"$RUN/body.txt" | grep -vc '^sign') fields plus sign_type and sign"
echo "$MESSAGE"
cmp -s "$RUN/body.txt" "$RUN/tampered.txt" && die "the tampered copy is not different"
export E2E_PUBLIC_KEY=$PWD/$RUN/alipay_public.pem E2E_APP_KEY=$PWD/tests/vectors/keys/app.key.pem
export PYTHONDONTWRITEBYTECODE=1

PHP_VERSION=$(php -r 'echo PHP_MAJOR_VERSION, ".", PHP_MINOR_VERSION;')
FPM=$(command -v "php-fpm$PHP_VERSION" || command -v php-fpm || echo "/usr/sbin/php-fpm$PHP_VERSION")
# No php.ini: only what the handlers need, with OPcache on as in production.
PHP_ARGS=(-n -d "extension=$PWD/$php_ext" -d zend_extension=opcache -d opcache.enable=1
  -d opcache.enable_cli=1 -d display_errors=0 -d log_errors=1)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

step "Django $("$VENV/bin/python" -c 'import django; print(django.get_version())') under gunicorn, $WORKERS workers"
port=$(free_port)
serve "$RUN/gunicorn.log" "$VENV/bin/gunicorn" --chdir "$HERE/django" --workers "$WORKERS" \
  --bind "127.0.0.1:$port" --log-level warning e2e_site:application
master=$LAST_PID
wait_http "http://127.0.0.1:$port/library" "$RUN/gunicorn.log" || die "gunicorn did not start"
bench_server Django "http://127.0.0.1:$port" "$master" "$VENV/bin/python" "$HERE/django/e2e_site.py" cost
stop_all

step "Express in a cluster of $WORKERS workers"
port=$(free_port)
serve "$RUN/express.log" env E2E_PORT="$port" E2E_WORKERS="$WORKERS" node "$HERE/express/server.js"
master=$LAST_PID
wait_http "http://127.0.0.1:$port/library" "$RUN/express.log" || die "the Express cluster did not start"
bench_server Express "http://127.0.0.1:$port" "$master" node "$HERE/express/server.js" cost
stop_all

step "PHP-FPM $PHP_VERSION, $WORKERS static children, behind nginx"
mkdir -p "$RUN/nginx"
fpm_socket=$PWD/$RUN/php-fpm.sock
cat >"$RUN/php-fpm.conf" <<CONF
[global]
error_log = $PWD/$RUN/php-fpm.log
daemonize = no

[bench]
listen = $fpm_socket
pm = static
pm.max_children = $WORKERS
listen.mode = 0666
clear_env = no
catch_workers_output = yes
CONF
port=$(free_port)
# As root, nginx's workers would run as nobody, who may not reach the socket inside a checkout
# under /root: they run as the user who runs the benchmark.
nginx_user=""
[ "$(id -u)" -ne 0 ] || nginx_user="user root;"
cat >"$RUN/nginx.conf" <<CONF
$nginx_user
worker_processes 1;
pid $PWD/$RUN/nginx/nginx.pid;
error_log $PWD/$RUN/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $PWD/$RUN/nginx/body;
    fastcgi_temp_path $PWD/$RUN/nginx/fastcgi;
    proxy_temp_path $PWD/$RUN/nginx/proxy;
    uwsgi_temp_path $PWD/$RUN/nginx/uwsgi;
    scgi_temp_path $PWD/$RUN/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        location ~ ^/(library|sdk)\$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $PWD/$HERE/php/\$1.php;
            fastcgi_pass unix:$fpm_socket;
        }
    }
}
CONF
# -R: CI runs as root.
serve "$RUN/php-fpm.out" "$FPM" "${PHP_ARGS[@]}" -F -R -y "$RUN/php-fpm.conf"
master=$LAST_PID
serve "$RUN/nginx.out" nginx -p "$PWD/$RUN/nginx" -c "$PWD/$RUN/nginx.conf" -g 'daemon off;'
wait_http "http://127.0.0.1:$port/library" "$RUN/php-fpm.log" || die "php-fpm behind nginx did not start"
bench_server PHP-FPM "http://127.0.0.1:$port" "$master" php "${PHP_ARGS[@]}" "$HERE/php/cost.php"
stop_all
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
elapsed=$((SECONDS - started))

step "figures (medians of $ROUNDS rounds of $REQUESTS requests, $CONNECTIONS connections)"
versions="alipay-notify $(package_version alipay-notify); Django $("$VENV/bin/python" -c 'import django; print(django.get_version())'), gunicorn $("$VENV/bin/gunicorn" --version | awk '{ print $NF }' | tr -d ')'), python-alipay-sdk $("$VENV/bin/pip" show python-alipay-sdk | sed -n 's/^Version: //p'), Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())'); Express $(node -p "require('./$HERE/express/node_modules/express/package.json').version"), alipay-sdk $(node -p "require('./$HERE/express/node_modules/alipay-sdk/package.json').version"), Node $(node --version | tr -d v); PHP $(php -r 'echo PHP_VERSION;') (php-fpm, OPcache), nginx $(nginx -v 2>&1 | sed 's|.*/||'); wrk $(dpkg-query -W -f '${Version}' wrk); $(openssl version | cut -d' ' -f1-2)"
table=$(
  echo "| server | handler | requests/s | vs SDK | p99 latency | worker CPU per request | requests per worker CPU-second, vs SDK | verification alone (CPU per call) | its share of the request |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  for row in "${ROWS[@]}"; do
    case $row in "|"*) echo "$row"; continue ;; esac
    IFS='|' read -r server route r p c v <<<"$row"
    sdk_rps=$(printf '%s\n' "${ROWS[@]}" | awk -F'|' -v s="$server" '$1 == s && $2 == "sdk" { print $3 }')
    sdk_cpu=$(printf '%s\n' "${ROWS[@]}" | awk -F'|' -v s="$server" '$1 == s && $2 == "sdk" { print $5 }')
    label="this library"
    [ "$route" = sdk ] && case $server in
      Django) label="python-alipay-sdk \`AliPay.verify\`" ;;
      Express) label="alipay-sdk \`checkNotifySignV2\`" ;;
      PHP-FPM) label="AopClient \`rsaCheckV1\` logic" ;;
    esac
    [ "$route" = library ] && case $server in
      Django) label="alipay-notify \`alipay_notify_view\`" ;;
      Express) label="alipay-notify \`notifyHandler\`" ;;
      PHP-FPM) label="alipay-notify \`Verifier::verifyNotify\`" ;;
    esac
    awk -v s="$server" -v l="$label" -v r="$r" -v p="$p" -v c="$c" -v v="$v" -v k="${sdk_rps:-0}" -v kc="${sdk_cpu:-0}" 'BEGIN {
      printf "| %s | %s | %.0f | %s | %.1f ms | %.0f µs | %.0f, %s | %.0f µs | %.0f%% |\n",
        s, l, r, (k > 0 ? sprintf("%.2fx", r / k) : ""), p / 1000, c,
        (c > 0 ? 1e6 / c : 0), (c > 0 && kc > 0 ? sprintf("%.2fx", kc / c) : ""), v, (c > 0 ? 100 * v / c : 0) }'
  done
)
echo "$table"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs, $(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  echo "load average: before $load_before, after $load_after; run: ${elapsed} s"
  echo "versions: $versions"
  echo "requests per run: $REQUESTS, rounds: $ROUNDS, connections: $CONNECTIONS, warm-up: $WARMUP"
  echo
  echo "$table"
} >"$RESULTS/summary.md"
echo "raw results: $RAW, $RESULTS/summary.md; run took ${elapsed} s"

if [ "${E2E_MARKDOWN:-0}" = 1 ] && [ "$FAILED" -eq 0 ]; then
  step "BENCHMARKS.md: the section between <!-- e2e:start --> and <!-- e2e:end -->"
  E2E_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')" E2E_MACHINE="$(nproc) vCPUs, \`$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)\`" \
    E2E_LOAD="$load_before before the run, $load_after after it" E2E_MESSAGE="$MESSAGE" E2E_VERSIONS="$versions" \
    E2E_TABLE="$table" E2E_SETTINGS="$ROUNDS rounds of $REQUESTS requests per handler, $CONNECTIONS connections, after $WARMUP warm-up requests; the run took $((elapsed / 60)) min $((elapsed % 60)) s" \
    python3 "$HERE/section.py" BENCHMARKS.md
fi
summary
