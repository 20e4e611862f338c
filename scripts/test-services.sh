#!/usr/bin/env bash
# The test servers of scripts/services.sh, checked (`make test-services`, part of `make test`):
# PostgreSQL and Redis start on 127.0.0.1 only, a unique constraint lets one of two concurrent
# inserts of the same key win, Redis keeps what it is given, and once stopped nothing listens
# and no server process is left. A second round runs as CI does (CI=true, no stdin). Ends with
# "test-services: N passed, M failed".
source "$(dirname "$0")/common.sh"
source scripts/services.sh

PASSED=0
FAILED=0
check() { # description, command...
  if "${@:2}"; then
    PASSED=$((PASSED + 1))
    echo "ok   $1"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL $1"
  fi
}

WORK=$(mktemp -d)
PG_DIR=$WORK/pg
REDIS_DIR=$WORK/redis
cleanup() {
  pg_stop "$PG_DIR"
  redis_stop "$REDIS_DIR"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The unprivileged user runs PostgreSQL inside WORK (mktemp -d is open to root only).
chmod 755 "$WORK"

sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -c "$1"; }
listening() { # port
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$1" 2>/dev/null
}
none_listens() { # port...
  local port
  for port in "$@"; do
    ! listening "$port" || return 1
  done
}

step "PostgreSQL: a temporary cluster"
started=$(date +%s.%N)
pg_start "$PG_DIR"
echo "started in $(python3 -c "import sys; print(round($(date +%s.%N) - $started, 1))") s on port $PGPORT"
pg_port=$PGPORT
check "DATABASE_URL names the cluster's port and database" \
  test "$DATABASE_URL" = "postgresql://$PGUSER:$PGPASSWORD@127.0.0.1:$pg_port/alipay_notify_test"
check "psql connects with DATABASE_URL as an ordinary user (no superuser)" \
  test "$(PGPASSWORD="" psql -X -t -A -d "$DATABASE_URL" -c 'SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user')" = "alipay_notify|f"
# Only a superuser may read unix_socket_directories.
check "it listens on 127.0.0.1 only, with no Unix socket" \
  test "$(PGUSER=postgres PGPASSWORD=$(cat "$PG_DIR/superuser.pw") \
    sql "SELECT current_setting('listen_addresses') || '/' || current_setting('unix_socket_directories')")" = "127.0.0.1/"
check "no socket file anywhere (cluster directory, /tmp, /var/run/postgresql)" \
  test -z "$(find "$PG_DIR" /tmp/.s.PGSQL.$PGPORT /var/run/postgresql/.s.PGSQL.$PGPORT -type s 2>/dev/null)"
if [ "$(id -u)" -eq 0 ]; then
  check "run as root, the server runs as $SERVICES_USER" \
    test "$(ps -o uid= -p "$(head -1 "$PG_DIR/data/postmaster.pid")" | tr -d ' ')" = "$(id -u "$SERVICES_USER")"
fi

step "PostgreSQL: two concurrent inserts of one key, one wins"
sql "CREATE TABLE smoke_delivery (out_trade_no text PRIMARY KEY, worker int NOT NULL)"
# Each holds its row uncommitted for a moment, so the second waits on the first's unique index
# entry and fails once it commits (rather than merely running after it).
insert() { # worker
  psql -X -q -v ON_ERROR_STOP=1 >"$WORK/insert$1.log" 2>&1 <<SQL
BEGIN;
INSERT INTO smoke_delivery VALUES ('T1', $1);
SELECT pg_sleep(0.5);
COMMIT;
SQL
}
insert 1 &
first=$!
insert 2 &
second=$!
status1=0; wait "$first" || status1=$?
status2=0; wait "$second" || status2=$?
check "exactly one insert committed (exit statuses $status1 and $status2)" \
  test $(((status1 == 0) + (status2 == 0))) -eq 1
check "the other one failed on the unique constraint" \
  grep -q 'duplicate key value violates unique constraint' "$WORK/insert1.log" "$WORK/insert2.log"
check "the table holds one row, the winner's" \
  test "$(sql "SELECT count(*) || ':' || min(worker) FROM smoke_delivery")" = "1:$((status1 == 0 ? 1 : 2))"

step "Redis"
redis_start "$REDIS_DIR"
redis_port=${REDIS_URL##*:}
redis_port=${redis_port%%/*}
check "REDIS_URL names 127.0.0.1 and the server's port" test "$REDIS_URL" = "redis://127.0.0.1:$redis_port/0"
check "SET then GET returns the value" \
  test "$(redis-cli -u "$REDIS_URL" SET smoke:notify 'success' >/dev/null && redis-cli -u "$REDIS_URL" GET smoke:notify)" = success
check "it binds 127.0.0.1 only, without persistence" \
  test "$(redis-cli -u "$REDIS_URL" CONFIG GET bind | tail -1)/$(redis-cli -u "$REDIS_URL" CONFIG GET save | tail -1)/$(redis-cli -u "$REDIS_URL" CONFIG GET appendonly | tail -1)" = "127.0.0.1//no"

step "starting again on the same directory replaces the cluster"
old_pid=$(head -1 "$PG_DIR/data/postmaster.pid")
pg_start "$PG_DIR"
check "the old cluster's server stopped" bash -c "! { $(declare -f services_alive); services_alive $old_pid; }"
check "the new one answers, with an empty database" \
  test "$(sql "SELECT count(*) FROM pg_tables WHERE tablename = 'smoke_delivery'")" = 0
check "its old port is closed" none_listens "$pg_port"
pg_port=$PGPORT

step "stopping both"
pg_pid=$(head -1 "$PG_DIR/data/postmaster.pid")
redis_pid=$(cat "$REDIS_DIR/pid")
pg_stop "$PG_DIR"
redis_stop "$REDIS_DIR"
check "nothing listens on their ports ($pg_port, $redis_port)" none_listens "$pg_port" "$redis_port"
no_process() { ! services_alive "$pg_pid" && ! services_alive "$redis_pid"; }
check "no server process is left" no_process
check "their directories are removed" test ! -e "$PG_DIR" -a ! -e "$REDIS_DIR"
check "stopping again does nothing" bash -c "source scripts/common.sh; source scripts/services.sh; pg_stop '$PG_DIR' && redis_stop '$REDIS_DIR'"

# A pid file left by a crash may name a process that has nothing to do with the servers now.
mkdir -p "$WORK/stale/pg/data" "$WORK/stale/redis"
sleep 60 &
bystander=$!
echo "$bystander" >"$WORK/stale/pg/data/postmaster.pid"
echo "$bystander" >"$WORK/stale/redis/pid"
pg_stop "$WORK/stale/pg"
redis_stop "$WORK/stale/redis"
check "stopping leaves alone a process a stale pid file names" services_alive "$bystander"
kill "$bystander" 2>/dev/null || true
wait "$bystander" 2>/dev/null || true

step "a second round as CI runs it: CI=true, no stdin, a fresh shell"
round2() {
  CI=true bash -c "
    source scripts/common.sh
    source scripts/services.sh
    trap 'pg_stop $WORK/pg2; redis_stop $WORK/redis2' EXIT
    pg_start $WORK/pg2
    redis_start $WORK/redis2
    psql -X -t -A -c 'SELECT 6 * 7'
    redis-cli -u \"\$REDIS_URL\" PING
    echo \$PGPORT \${REDIS_URL##*:}
  " </dev/null 2>&1
}
out=$(round2 || echo "exit $?")
echo "$out"
check "both start again and answer" test "$(echo "$out" | head -2 | tr '\n' ' ')" = "42 PONG "
read -r port2 redis2 < <(echo "$out" | tail -1)
stopped2() { none_listens "${port2:-0}" "${redis2%%/*}" && test ! -e "$WORK/pg2" -a ! -e "$WORK/redis2"; }
check "and are stopped by the caller's EXIT trap" stopped2

echo "test-services: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
