#!/usr/bin/env bash
# The Node tests (`make test-node`, part of `make test`): installs the npm dev dependencies of
# node/ and examples/express/, builds the addon with napi-rs (release) and checks that the
# generated binding.js/binding.d.ts are the ones checked in, then runs `node --test`: every
# shared vector, each error code, the API, Express servers on 127.0.0.1, worker threads, the
# TypeScript declarations (tsc on a typed example) and installs from the folder and from
# `npm pack`. Ends with "test-node: N passed, N failed" (node's `# pass` / `# fail`).
source "$(dirname "$0")/common.sh"
need_rust
need_node

# `npm ci` refuses the lock files written here (the registry has no packages for other
# platforms); `npm install` reads them and leaves them unchanged. --ignore-scripts: the addon
# is built below with napi, not by the package's own install script.
step "npm dependencies (node/ and examples/express/), Node $(node --version)"
(cd node && npm install --no-audit --no-fund --ignore-scripts)
(cd examples/express && npm install --no-audit --no-fund --ignore-scripts)

step "addon: napi build --release (and the generated binding.js / binding.d.ts are up to date)"
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
cp node/binding.js node/binding.d.ts "$generated/"
(cd node && npm exec --no -- napi build --platform --release --js binding.js --dts binding.d.ts)
for file in binding.js binding.d.ts; do
  if ! cmp -s "$generated/$file" "node/$file"; then
    diff -u "$generated/$file" "node/$file" | head -40 || true
    echo "node/$file was out of date: it is regenerated now (npm run build in node/); commit it" >&2
    exit 1
  fi
done

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
