#!/usr/bin/env bash
# `make dist`, Node part: the two npm tarballs of the napi-rs per-platform layout in dist/node/.
#   alipay-notify-<v>.tgz                    the JavaScript package, no install script, with
#                                            optionalDependencies on one package per platform
#   alipay-notify-linux-x64-gnu-<v>.tgz      the addon for linux x64, linked for glibc 2.17
# The other platforms of node/package.json's napi.targets come from the release pipeline.
# The layout is written by the napi CLI itself (create-npm-dirs, artifacts, pre-publish) in a
# staging copy, target/dist-node/, so node/ (the dev flow) is never rewritten.
source "$(dirname "$0")/common.sh"
need_rust
need_node
need_zig

OUT=dist/node
STAGE=target/dist-node
version=$(package_version alipay-notify-node)
npm_version=$(node -p "require('./node/package.json').version")
if [ "$version" != "$npm_version" ]; then
  echo "node/package.json says $npm_version, the workspace $version" >&2
  exit 1
fi

# The napi CLI is a dev dependency of node/ (the version its lock file pins). --ignore-scripts:
# nothing there needs building for this.
if [ ! -x node/node_modules/.bin/napi ]; then
  step "napi CLI (node/'s dev dependencies)"
  (cd node && npm install --no-audit --no-fund --ignore-scripts --no-save)
fi
napi() { "$PWD/node/node_modules/.bin/napi" "$@"; }

step "addon: cargo zigbuild --release -p alipay-notify-node --target $GLIBC_TARGET"
# cargo-zigbuild directly, not `napi build -x`: the same command and DIST_TARGET_DIR as the C
# library's and the wheel's zig builds, so the three share one build of the core and AWS-LC.
CARGO_TARGET_DIR=$DIST_TARGET_DIR cargo zigbuild --release --locked -p alipay-notify-node --target "$GLIBC_TARGET"
built=$DIST_TARGET_DIR/${GLIBC_TARGET%.*.*}/release/libalipay_notify_node.so
glibc=$(max_glibc "$built")
echo "newest glibc symbol: $glibc"
if [ "$(printf '%s\n' "$glibc" GLIBC_2.17 | sort -V | tail -1)" != GLIBC_2.17 ]; then
  echo "the addon needs $glibc, newer than GLIBC_2.17" >&2
  exit 1
fi

step "layout: napi create-npm-dirs, napi artifacts, napi pre-publish (in $STAGE)"
rm -rf "$STAGE" "$OUT"
mkdir -p "$STAGE/artifacts" "$OUT"
# The main package as `npm pack` takes it from node/ (its "files"), unpacked to be completed.
packed=$(cd node && npm pack --ignore-scripts --pack-destination "$OLDPWD/$STAGE" | tail -1)
tar -xzf "$STAGE/$packed" -C "$STAGE"
rm "$STAGE/$packed"
root=$STAGE/package
cp LICENSE "$root/"
napi create-npm-dirs --cwd "$root"
platform=$root/npm/linux-x64-gnu
cp LICENSE "$platform/"
cp "$built" "$STAGE/artifacts/alipay-notify.linux-x64-gnu.node"
# napi artifacts and pre-publish insist on every configured target's .node: here they are
# given a config naming the one target built here. pre-publish checks that platform package
# (name, files, main, os/cpu/libc) and writes its optionalDependency; the other targets' are
# added from the same napi.targets through the CLI's own readNapiConfig, so the tarball carries
# the optionalDependencies the release pipeline's pre-publish writes. Publishing is its job.
echo '{"targets": ["x86_64-unknown-linux-gnu"]}' >"$STAGE/napi-here.json"
napi artifacts --cwd "$root" -c ../napi-here.json --output-dir ../artifacts --npm-dir npm
napi pre-publish --cwd "$root" -c ../napi-here.json --npm-dir npm --skip-optional-publish
(cd node && node --input-type=module - "$OLDPWD/$root/package.json") <<'JS'
import { readNapiConfig } from '@napi-rs/cli'
import { readFileSync, writeFileSync } from 'node:fs'
const path = process.argv[2]
const { targets, packageName } = await readNapiConfig(path)
const manifest = JSON.parse(readFileSync(path, 'utf8'))
const optional = { ...manifest.optionalDependencies }
for (const t of targets) optional[`${packageName}-${t.platformArchABI}`] = manifest.version
manifest.optionalDependencies = Object.fromEntries(Object.entries(optional).sort())
// node/'s scripts build in a clone and name files the package does not ship.
delete manifest.scripts
writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n')
console.log('optionalDependencies:', Object.keys(manifest.optionalDependencies).join(', '))
JS

step "npm pack -> $OUT"
for dir in "$root" "$platform"; do
  (cd "$dir" && npm pack --ignore-scripts --pack-destination "$OLDPWD/$OUT" | tail -1)
done
main_tgz=$OUT/alipay-notify-$version.tgz
platform_tgz=$OUT/alipay-notify-linux-x64-gnu-$version.tgz

step "checks"
failed=0
check() { # description, command...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failed=1; fi
}
listing() { tar -tzf "$1"; }
manifest() { tar -xzOf "$1" package/package.json; }
no_install_scripts() {
  manifest "$1" | node -e '
    const s = JSON.parse(require("fs").readFileSync(0, "utf8")).scripts || {}
    const bad = ["preinstall", "install", "postinstall", "prepare"].filter((k) => k in s)
    if (bad.length) { console.error("install scripts:", bad.join(", ")); process.exit(1) }'
}
platform_fields() {
  manifest "$platform_tgz" | node -e '
    const p = JSON.parse(require("fs").readFileSync(0, "utf8"))
    const want = { os: ["linux"], cpu: ["x64"], libc: ["glibc"] }
    for (const [k, v] of Object.entries(want)) {
      if (JSON.stringify(p[k]) !== JSON.stringify(v)) { console.error(k, "is", p[k]); process.exit(1) }
    }
    for (const k of ["license", "repository"]) if (!p[k]) { console.error("no", k); process.exit(1) }
    if (p.main !== "alipay-notify.linux-x64-gnu.node") { console.error("main is", p.main); process.exit(1) }'
}
optional_dependencies() {
  manifest "$main_tgz" | node -e '
    const p = JSON.parse(require("fs").readFileSync(0, "utf8"))
    const deps = p.optionalDependencies || {}
    const want = ["linux-x64-gnu", "linux-arm64-gnu", "linux-x64-musl", "linux-arm64-musl",
      "darwin-x64", "darwin-arm64", "win32-x64-msvc"].map((t) => "alipay-notify-" + t)
    const wrong = want.filter((n) => deps[n] !== p.version)
    if (wrong.length) { console.error("missing or wrong version:", wrong.join(", ")); process.exit(1) }'
}
# grep reads the whole listing (no -q): an early exit would fail tar with SIGPIPE (pipefail).
has() { listing "$1" | grep -x "package/$2" >/dev/null; }
lacks_node() { ! listing "$1" | grep '\.node$' >/dev/null; }
for tgz in "$main_tgz" "$platform_tgz"; do
  name=$(basename "$tgz")
  check "$name exists" test -f "$tgz"
  check "$name: no install script" no_install_scripts "$tgz"
  check "$name: LICENSE inside" has "$tgz" LICENSE
  check "$name: README.md inside" has "$tgz" README.md
done
check "main: index.js inside" has "$main_tgz" index.js
check "main: binding.js (the napi loader) inside" has "$main_tgz" binding.js
check "main: no .node (it is the platform package's)" lacks_node "$main_tgz"
check "main: optionalDependencies on every platform at $version" optional_dependencies
check "platform: os/cpu/libc linux/x64/glibc, main, license, repository" platform_fields
check "platform: alipay-notify.linux-x64-gnu.node inside" has "$platform_tgz" alipay-notify.linux-x64-gnu.node
same_addon() { tar -xzOf "$platform_tgz" package/alipay-notify.linux-x64-gnu.node | cmp -s - "$built"; }
check "platform: the .node is the zig build ($glibc)" same_addon
ls -l "$OUT"
[ "$failed" -eq 0 ]
