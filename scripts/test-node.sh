#!/usr/bin/env bash
# The Node tests (`make test-node`, part of `make test`): installs the npm dev dependencies of
# node/ and examples/express/, builds the addon with napi-rs (release) and checks that the
# generated binding.js/binding.d.ts are the ones checked in, then runs `node --test`: every
# shared vector, each error code, the API, Express, Koa, Fastify and NestJS servers on 127.0.0.1
# (the frameworks are dev dependencies of node/), a Next.js route handler, worker threads, the
# TypeScript declarations (tsc on a typed example) and installs from the folder and from
# `npm pack`; the ledger, the Express shop in a cluster of two workers and reconciliation
# against the sandbox, each on SQLite and on a throwaway PostgreSQL (scripts/services.sh).
# Ends with "test-node: N passed, N failed" (node's `# pass` / `# fail`).
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/services.sh"
need_rust
need_node

npm_dependencies node examples/express

step "the sandbox for the reconciliation tests (cargo build --release -p alipay-notify-cli)"
cargo build --release --locked -p alipay-notify-cli
export ALIPAY_NOTIFY_BIN
ALIPAY_NOTIFY_BIN="$(target_dir)/release/alipay-notify"

step "PostgreSQL for the ledger tests (scripts/services.sh)"
SERVICES_WORK=$(mktemp -d)
chmod 755 "$SERVICES_WORK"
trap 'pg_stop "$SERVICES_WORK/pg"; rm -rf "$SERVICES_WORK"' EXIT
pg_start "$SERVICES_WORK/pg"

step "addon: napi build --release (and the generated binding.js / binding.d.ts are up to date)"
# napi writes the binding files next to the addon (their require paths are relative to where
# they are written). A drift fails the run with the checked-in files put back as they were; the
# generated ones are kept in target/node-binding/ to look at.
kept=target/node-binding
rm -rf "$kept"
mkdir -p "$kept/checked-in"
cp node/binding.js node/binding.d.ts "$kept/checked-in/"
(cd node && npm exec --no -- napi build --platform --release --js binding.js --dts binding.d.ts)
drift=0
for file in binding.js binding.d.ts; do
  if ! cmp -s "$kept/checked-in/$file" "node/$file"; then
    diff -u "$kept/checked-in/$file" "node/$file" | head -40 || true
    mv "node/$file" "$kept/$file"
    cp "$kept/checked-in/$file" "node/$file"
    echo "node/$file is out of date (generated: $kept/$file): run 'npm run build' in node/ and commit it" >&2
    drift=1
  fi
done
[ "$drift" -eq 0 ]

step "node --test node/__test__/"
LOG=target/test-logs/node-test.log
mkdir -p "$(dirname "$LOG")"
set +e
(cd node && node --test --test-reporter=tap __test__/) >"$LOG" 2>&1
code=$?
set -e
grep -E '^# Subtest: |^not ok |^# (tests|pass|fail|cancelled|skipped|duration_ms) ' "$LOG" || true
passed=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$LOG" | tail -1)
failed=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$LOG" | tail -1)
passed=${passed:-0}
failed=${failed:-1}
if [ "$code" -ne 0 ]; then
  echo "node --test exited with $code; the failures in $LOG:"
  grep -E -A25 '^ *not ok ' "$LOG" | head -150 || tail -60 "$LOG"
  [ "$failed" -gt 0 ] || failed=1
fi

echo
echo "test-node: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
