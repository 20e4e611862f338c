# Real database servers for the tests, sourced by test scripts (after common.sh): a throwaway
# PostgreSQL cluster and a Redis server, each in a directory of its own, on 127.0.0.1 and a free
# port only, started and stopped by the script that needs them. docs/testing.md tells merchants'
# CI how to use them.
#
#   pg_start DIR     installs Debian's postgresql if missing, creates a cluster in DIR (as the
#                    unprivileged system user alipay-notify-test when run as root: initdb and
#                    postgres refuse root), starts it without any Unix socket, creates a
#                    database owned by a password user, and exports DATABASE_URL and PGHOST,
#                    PGPORT, PGUSER, PGPASSWORD, PGDATABASE
#   pg_stop DIR      stops that cluster and removes DIR; does nothing when DIR is gone
#   redis_start DIR  installs Debian's redis-server if missing, starts it without persistence
#                    (no RDB, no AOF), and exports REDIS_URL
#   redis_stop DIR   stops it and removes DIR
#   mysql_start DIR  installs Debian's mariadb-server if missing, creates a server in DIR (as
#                    the unprivileged user when run as root: mariadbd refuses root), starts it
#                    on 127.0.0.1, creates a database and a password user who may use it, and
#                    exports MYSQL_URL and MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD,
#                    MYSQL_DATABASE (what PHP's PDO DSN is made of)
#   mysql_stop DIR   stops it and removes DIR
#
# The callers stop what they start from an EXIT trap (pg_stop, redis_stop and mysql_stop are
# safe to call twice, and on a DIR that never started). When run as root, pg_start gives DIR to the
# unprivileged user, who must be able to reach it: DIR=$(mktemp -d) itself, or a directory
# inside one opened with chmod 755.

SERVICES_USER=alipay-notify-test

# The binaries of the newest PostgreSQL Debian installed: they are not on PATH (pg_wrapper
# only wraps the clients). PG_BINDIR chooses another installation.
pg_bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then
    echo "$PG_BINDIR"
    return
  fi
  local dirs
  dirs=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$dirs" ]; then
    echo "$dirs"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

# A command as the user who owns the servers' files: the unprivileged system user when root.
# From /, which that user can read whatever the caller's directory is.
services_as() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u "$SERVICES_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

services_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$SERVICES_USER" >/dev/null 2>&1 && return 0
  # Another test script may create it at the same moment.
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    "$SERVICES_USER" 2>/dev/null || id "$SERVICES_USER" >/dev/null
}

# A directory for the servers' files, given to their user; fails clearly when that user cannot
# reach it (a parent that only root may enter).
services_dir() { # DIR
  mkdir -p "$1"
  [ "$(id -u)" -eq 0 ] || return 0
  chown "$SERVICES_USER" "$1"
  if ! services_as test -w "$1"; then
    echo "$SERVICES_USER cannot write to $1 (a parent directory is closed to it); use a fresh mktemp -d" >&2
    return 1
  fi
}

services_free_port() {
  command -v python3 >/dev/null 2>&1 || apt_install python3
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Whether PID runs (a zombie, which a container's init may leave unreaped, does not).
services_alive() { # PID
  local state
  state=$(sed -E 's/.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null || true)
  [ -n "$state" ] && [ "$state" != Z ]
}

# Whether PID is a running server whose command line contains TEXT.
services_runs() { # PID, TEXT
  services_alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# Waits until PID has exited; after 10 s its process group is killed.
services_wait_gone() { # PID
  local i
  wait "$1" 2>/dev/null || true
  for i in $(seq 200); do
    services_alive "$1" || return 0
    sleep 0.05
  done
  kill -KILL -- "-$1" "$1" 2>/dev/null || true
}

# Runs START (a function given a port) with a free port until it succeeds, three times at the
# most: another process may take the port between the probe and the start. Sets
# SERVICES_PORT.
services_on_free_port() { # name, log, START
  local attempt
  for attempt in 1 2 3; do
    SERVICES_PORT=$(services_free_port)
    "$3" "$SERVICES_PORT" && return 0
  done
  echo "$1 did not start; its log:" >&2
  tail -30 "$2" >&2
  return 1
}

# Waits until COMMAND succeeds, trying TRIES times INTERVAL seconds apart while the server PID
# runs; when it never does, ends PID's process group and fails.
services_wait_ready() { # PID, TRIES, INTERVAL, COMMAND...
  local pid=$1 tries=$2 interval=$3 i
  shift 3
  for i in $(seq "$tries"); do
    "$@" && return 0
    services_alive "$pid" || return 1
    sleep "$interval"
  done
  kill -TERM -- "-$pid" 2>/dev/null || true
  services_wait_gone "$pid"
  return 1
}

services_random() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

pg_start() { # DIR
  local dir=$1 bin
  command -v psql >/dev/null 2>&1 && [ -x "$(pg_bindir)/initdb" ] || apt_install postgresql
  bin=$(pg_bindir)
  services_user
  # Idempotent: a cluster left in DIR by an earlier run is stopped and replaced.
  pg_stop "$dir"
  services_dir "$dir"
  dir=$(cd "$dir" && pwd)

  local superpass password
  superpass=$(services_random)
  password=$(services_random)
  printf '%s\n' "$superpass" >"$dir/superuser.pw"
  [ "$(id -u)" -ne 0 ] || chown "$SERVICES_USER" "$dir/superuser.pw"
  chmod 600 "$dir/superuser.pw"
  services_as "$bin/initdb" --pgdata="$dir/data" --username=postgres --pwfile="$dir/superuser.pw" \
    --auth-local=reject --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }

  services_on_free_port PostgreSQL "$dir/postgres.log" pg_start_on || return 1
  local port=$SERVICES_PORT i
  for i in $(seq 100); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
  done

  # The tests connect as an ordinary user owning its database, as a merchant's application
  # does; CREATEDB for test runners (Django's) that make a database of their own.
  PGPASSWORD=$superpass psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -v password="$password" >/dev/null <<'SQL'
CREATE ROLE alipay_notify LOGIN CREATEDB PASSWORD :'password';
CREATE DATABASE alipay_notify_test OWNER alipay_notify;
SQL
  echo "$port" >"$dir/port"
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=alipay_notify PGPASSWORD=$password \
    PGDATABASE=alipay_notify_test
  export DATABASE_URL="postgresql://alipay_notify:$password@127.0.0.1:$port/alipay_notify_test"
}

# Starts pg_start's cluster ($dir, $bin of its caller) on PORT. No Unix socket at all (a
# system directory would need root, a long DIR breaks the 107-byte socket path limit); fsync
# off: the cluster is thrown away after the tests.
pg_start_on() { # port
  {
    echo "# alipay-notify tests"
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $1"
    echo "unix_socket_directories = ''"
    echo "fsync = off"
    echo "synchronous_commit = off"
    echo "full_page_writes = off"
  } >"$dir/data/postgresql.auto.conf"
  services_as "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/postgres.log" --wait \
    --timeout=60 --silent start >/dev/null 2>&1
}

pg_stop() { # DIR
  local dir=$1 pid
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd)
  pid=$(head -1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  # A pid file a crash left behind may name another process by now.
  if [ -n "$pid" ] && services_runs "$pid" "$dir/data"; then
    services_as "$(pg_bindir)/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --timeout=30 \
      --silent stop >/dev/null 2>&1 || kill -KILL "$pid" 2>/dev/null || true
    # pg_ctl returns once the pid file is gone; the postmaster may still be exiting.
    services_wait_gone "$pid"
  fi
  rm -rf "$dir"
}

redis_start() { # DIR
  local dir=$1
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  command -v redis-cli >/dev/null 2>&1 || apt_install redis-tools
  redis_stop "$dir"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  services_on_free_port Redis "$dir/redis.log" redis_start_on || return 1
  local port=$SERVICES_PORT
  echo "$port" >"$dir/port"
  export REDIS_URL="redis://127.0.0.1:$port/0"
}

# Starts redis_start's server ($dir of its caller) on PORT, in a process group of its own
# (setsid), so that redis_stop can end it from any shell.
redis_start_on() { # port
  local pid
  setsid redis-server --bind 127.0.0.1 --port "$1" --save '' --appendonly no \
    --dir "$dir" --logfile "$dir/redis.log" --daemonize no </dev/null >/dev/null 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  services_wait_ready "$pid" 100 0.05 redis_ping "$1"
}

redis_ping() { # port
  [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]
}

redis_stop() { # DIR
  local dir=$1 pid
  [ -d "$dir" ] || return 0
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && services_runs "$pid" "redis-server 127.0.0.1:$(cat "$dir/port" 2>/dev/null)"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    services_wait_gone "$pid"
  fi
  rm -rf "$dir"
}

mysql_start() { # DIR
  local dir=$1
  command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 ||
    apt_install mariadb-server
  services_user
  mysql_stop "$dir"
  services_dir "$dir"
  dir=$(cd "$dir" && pwd)
  # root reaches the server only through its Unix socket in DIR (unix_socket authentication
  # off: root may be the unprivileged user); the tests, only over TCP with a password.
  services_as mariadb-install-db --no-defaults --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 || {
    cat "$dir/install.log" >&2
    return 1
  }
  services_on_free_port MariaDB "$dir/mysqld.log" mysql_start_on || return 1
  local port=$SERVICES_PORT password
  password=$(services_random)
  # CREATE on test_% for test runners (Django's) that make a database of their own.
  mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot >/dev/null <<SQL || {
CREATE DATABASE alipay_notify_test CHARACTER SET utf8mb4;
CREATE USER 'alipay_notify'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL ON alipay_notify_test.* TO 'alipay_notify'@'127.0.0.1';
GRANT ALL ON \`test\\_%\`.* TO 'alipay_notify'@'127.0.0.1';
SQL
    tail -30 "$dir/mysqld.log" >&2
    return 1
  }
  echo "$port" >"$dir/port"
  export MYSQL_PORT=$port MYSQL_USER=alipay_notify MYSQL_PASSWORD=$password \
    MYSQL_DATABASE=alipay_notify_test
  export MYSQL_URL="mysql://alipay_notify:$password@127.0.0.1:$port/alipay_notify_test"
}

# Starts mysql_start's server ($dir of its caller) on PORT, in a process group of its own
# (setsid), so that mysql_stop can end it from any shell. Its socket is for root's setup only;
# utf8mb4 for every database, as Debian's packaged configuration (skipped: --no-defaults) and
# MySQL 8 have it, or Chinese text fails in a database a test runner creates; the flush at
# each commit is off: the server is thrown away after the tests.
mysql_start_on() { # port
  local pid
  local -a as=()
  [ "$(id -u)" -ne 0 ] || as=(runuser -u "$SERVICES_USER" --)
  (cd / && exec setsid "${as[@]}" mariadbd --no-defaults --datadir="$dir/data" --port="$1" \
    --bind-address=127.0.0.1 --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=0) </dev/null >"$dir/mysqld.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/pid"
  services_wait_ready "$pid" 300 0.1 mysql_ping "$dir"
}

mysql_ping() { # DIR
  mariadb --no-defaults --socket="$1/mysqld.sock" -uroot -e 'SELECT 1' >/dev/null 2>&1
}

mysql_stop() { # DIR
  local dir=$1 pid
  [ -d "$dir" ] || return 0
  dir=$(cd "$dir" && pwd)
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && services_runs "$pid" "$dir/data"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    services_wait_gone "$pid"
  fi
  rm -rf "$dir"
}
