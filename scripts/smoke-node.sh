#!/usr/bin/env bash
# `make test-dist`, Node part: installs dist/node/'s two tarballs (scripts/dist-node.sh) into an
# empty npm project and an empty pnpm project, with no cargo or rustc on PATH and nothing of
# ours from a registry, then verifies a real Alipay-signed notification through require() and
# through an ES module import, and checks that a tampered copy is refused with its error code.
# Ends with "smoke-node: N passed, M failed".
source "$(dirname "$0")/common.sh"
need_node

# pnpm from npm, pinned: the pnpm a merchant would run (10.x still runs on Node 18).
PNPM_VERSION=10.34.9
version=$(node -p "require('./node/package.json').version")
main_tgz=$PWD/dist/node/alipay-notify-$version.tgz
platform_tgz=$PWD/dist/node/alipay-notify-linux-x64-gnu-$version.tgz
vectors=$PWD/tests/vectors/alipay_real.json
WORK=$PWD/target/smoke-node
TOOLS=$PWD/target/node-tools/pnpm-$PNPM_VERSION

passed=0
failed=0
check() { # description, command...
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
    passed=$((passed + 1))
  else
    echo "FAILED: $what" >&2
    failed=$((failed + 1))
  fi
}
summary() {
  echo
  echo "smoke-node: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

for tgz in "$main_tgz" "$platform_tgz"; do
  if [ ! -f "$tgz" ]; then
    echo "no $tgz: run scripts/dist-node.sh first" >&2
    failed=1
    summary
    exit 1
  fi
done

if [ ! -x "$TOOLS/node_modules/.bin/pnpm" ]; then
  step "pnpm $PNPM_VERSION (from npm, into ${TOOLS#"$PWD/"})"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save "pnpm@$PNPM_VERSION" >/dev/null
fi

rm -rf "$WORK"
mkdir -p "$WORK/bin"
# PATH without cargo and rustc: every directory that holds either is dropped; node, npm and
# pnpm are linked into a directory of their own in case they shared one with them.
for tool in node npm; do ln -s "$(readlink -f "$(command -v "$tool")")" "$WORK/bin/$tool"; done
ln -s "$TOOLS/node_modules/pnpm/bin/pnpm.cjs" "$WORK/bin/pnpm"
clean_path=$WORK/bin
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  [ -n "$dir" ] && [ ! -e "$dir/cargo" ] && [ ! -e "$dir/rustc" ] && clean_path+=":$dir"
done
# Offline, with an empty cache and store of their own: nothing can come from a registry (the
# registry may hold unrelated packages under our names). The optionalDependencies on the other
# platforms' packages are skipped, as npm and pnpm skip any optional package they cannot get.
export npm_config_cache=$WORK/npm-cache
unset CARGO_TARGET_DIR RUSTUP_TOOLCHAIN

# The checks run by require() and by import: one real notification verified, the same message
# with its amount changed refused with the vector's error code, and the addon loaded from the
# platform package (the main package carries none).
cat >"$WORK/check.cjs" <<'JS'
'use strict'
const fs = require('node:fs')
module.exports = function check(api, how, vectorsPath) {
  const doc = JSON.parse(fs.readFileSync(vectorsPath, 'utf8'))
  const byId = (id) => doc.vectors.find((v) => v.id === id)
  const real = byId('alipay-real-n4-notify-2019-08-yuque')
  const tampered = byId('alipay-real-neg-n4-notify-2019-08-yuque-amount-changed')
  const verifier = new api.Verifier({ alipayPublicKey: doc.keys[real.keys[0]], signTypes: ['RSA2'] })
  const n = verifier.verifyNotify(real.input)
  if (n.outTradeNo !== real.params_out.out_trade_no || n.totalAmountFen !== real.typed.total_amount_fen) {
    throw new Error(`${how}: verified, but read ${n.outTradeNo} / ${n.totalAmountFen} fen`)
  }
  let refused = null
  try {
    new api.Verifier({ alipayPublicKey: doc.keys[tampered.keys[0]], signTypes: ['RSA2'] }).verifyNotify(tampered.input)
  } catch (err) {
    refused = err
  }
  if (!(refused instanceof api.AlipayNotifyError) || refused.code !== tampered.error) {
    throw new Error(`${how}: the tampered copy gave ${refused && refused.code}, not ${tampered.error}`)
  }
  const addon = process.report.getReport().sharedObjects.find((f) => f.endsWith('.node'))
  if (!addon || !/alipay-notify-linux-x64-gnu[\\/]alipay-notify\.linux-x64-gnu\.node$/.test(addon)) {
    throw new Error(`${how}: the addon loaded is ${addon}, not the platform package's`)
  }
  console.log(`${how}: ${real.id} verified (${n.outTradeNo}, ${n.totalAmountFen} fen), tampered copy ${refused.code}; addon ${addon}`)
}
JS
cat >"$WORK/require.cjs" <<'JS'
require('./check.cjs')(require('alipay-notify'), 'require', process.argv[2])
JS
cat >"$WORK/import.mjs" <<'JS'
import * as api from 'alipay-notify'
import { Verifier, AlipayNotifyError } from 'alipay-notify'
import check from './check.cjs'
if (api.Verifier !== Verifier || api.AlipayNotifyError !== AlipayNotifyError) throw new Error('named exports differ')
check({ Verifier, AlipayNotifyError }, 'import', process.argv[2])
JS

in_project() { # dir, command...: runs with the stripped PATH
  local dir=$1
  shift
  (cd "$dir" && env PATH="$clean_path" "$@")
}
no_rust() { in_project "$1" bash -c '! command -v cargo && ! command -v rustc' >/dev/null; }
# Both packages are the tarballs' (their package.json and the addon byte for byte), and no other
# package of ours was installed from anywhere.
from_tarballs() { # project dir
  local modules=$1/node_modules
  tar -xzOf "$main_tgz" package/package.json | cmp -s - "$modules/alipay-notify/package.json" &&
    tar -xzOf "$platform_tgz" package/package.json | cmp -s - "$modules/alipay-notify-linux-x64-gnu/package.json" &&
    tar -xzOf "$platform_tgz" package/alipay-notify.linux-x64-gnu.node |
    cmp -s - "$modules/alipay-notify-linux-x64-gnu/alipay-notify.linux-x64-gnu.node"
}
only_ours() { # project dir
  local modules=$1/node_modules top stray
  top=$(cd "$modules" && echo alipay-notify*)
  [ "$top" = "alipay-notify alipay-notify-linux-x64-gnu" ] || { echo "installed: $top" >&2; return 1; }
  [ ! -e "$modules/alipay-notify/node_modules" ] || { echo "nested: $(ls "$modules/alipay-notify/node_modules")" >&2; return 1; }
  # pnpm's store names a tarball's package <name>@file+<path>.
  if [ -d "$modules/.pnpm" ]; then
    stray=$(cd "$modules/.pnpm" && ls -d alipay-notify* | grep -v '@file+' || true)
    [ -z "$stray" ] || { echo "not from the tarballs: $stray" >&2; return 1; }
  fi
}
npm_ls_resolved() { # the two resolved to the tarball files, per `npm ls`
  in_project "$1" npm ls --json --all 2>/dev/null | node -e '
    const tree = JSON.parse(require("fs").readFileSync(0, "utf8")).dependencies || {}
    for (const name of ["alipay-notify", "alipay-notify-linux-x64-gnu"]) {
      const r = tree[name] && tree[name].resolved
      if (!r || !r.startsWith("file:") || !r.endsWith(".tgz")) { console.error(name, "resolved from", r); process.exit(1) }
    }'
}

# The project's package.json points both names at the tarballs; the override makes the main
# package's optionalDependency on the platform package take the tarball too (pnpm resolves
# each dependency on its own, and would otherwise ask the registry for it).
project() { # dir
  mkdir -p "$1"
  cat >"$1/package.json" <<EOF
{
  "name": "smoke-$(basename "$1")",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "alipay-notify": "file:$main_tgz",
    "alipay-notify-linux-x64-gnu": "file:$platform_tgz"
  },
  "overrides": { "alipay-notify-linux-x64-gnu": "\$alipay-notify-linux-x64-gnu" },
  "pnpm": { "overrides": { "alipay-notify-linux-x64-gnu": "file:$platform_tgz" } }
}
EOF
}

verify_both_ways() { # dir
  check "$2: require('alipay-notify') verifies the real notification, refuses the tampered one" \
    in_project "$1" node require.cjs "$vectors"
  check "$2: import from 'alipay-notify' (ESM) does the same" in_project "$1" node import.mjs "$vectors"
}

step "npm: install the two tarballs into an empty project, offline"
dir=$WORK/npm-project
project "$dir"
cp "$WORK"/check.cjs "$WORK"/require.cjs "$WORK"/import.mjs "$dir/"
check "npm project: no cargo or rustc on PATH" no_rust "$dir"
check "npm install (Node $(node --version), npm $(npm --version))" \
  in_project "$dir" npm install --offline --no-audit --no-fund
check "npm: both packages are the tarballs' (package.json, the .node)" from_tarballs "$dir"
check "npm ls: both resolved from the tarball files" npm_ls_resolved "$dir"
check "npm: no other alipay-notify* package installed" only_ours "$dir"
verify_both_ways "$dir" npm

step "pnpm $PNPM_VERSION: install the two tarballs into an empty project, offline"
dir=$WORK/pnpm-project
project "$dir"
cp "$WORK"/check.cjs "$WORK"/require.cjs "$WORK"/import.mjs "$dir/"
check "pnpm project: no cargo or rustc on PATH" no_rust "$dir"
check "pnpm install" in_project "$dir" pnpm install --offline --store-dir "$WORK/pnpm-store"
check "pnpm: both packages are the tarballs' (package.json, the .node)" from_tarballs "$dir"
check "pnpm: no other alipay-notify* package installed" only_ours "$dir"
verify_both_ways "$dir" pnpm

summary
