# Sourced by scripts/bench.sh and scripts/test-bench.sh: builds what the harnesses of bench/
# measure and installs the peers, pinned, into the bench-only folder target/bench. Sets RUST_EXE,
# PHP_EXT, NODE_PEERS and PY (the bench virtualenv's python), and bench_corpus().
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_rust
need_node
apt_install pkg-config php-cli php-dev openssl
export PYTHONDONTWRITEBYTECODE=1
BENCH=target/bench
mkdir -p "$BENCH"

step "Rust harness: core/benches/corpus.rs, built with the release profile (test-soak's dependencies)"
RUST_EXE=$(cargo build --release --locked -p alipay-notify --bench corpus --message-format=json |
  sed -nE 's/.*"executable":"([^"]*corpus[^"]*)".*/\1/p' | tail -1)
[ -x "$RUST_EXE" ] || { echo "bench: the Rust harness did not build" >&2; exit 1; }

# The extension of scripts/php-ext.sh, built again only when its sources or the header are newer.
# It links the C library dynamically, so that library is brought up to date first (cargo does
# nothing when it is): the extension must measure this checkout's core, not an older build's.
step "C library (scripts/c-lib.sh)"
bash scripts/c-lib.sh >/dev/null
PHP_EXT=$PWD/target/php-ext/shared/modules/alipay_notify.so
if [ ! -f "$PHP_EXT" ] ||
  [ -n "$(find php/ext -maxdepth 1 -type f -newer "$PHP_EXT" -print -quit)" ] ||
  [ include/alipay_notify.h -nt "$PHP_EXT" ]; then
  step "PHP extension (scripts/php-ext.sh)"
  bash scripts/php-ext.sh
fi

# The addon of `npm run build` when it is newer than its sources, else built by node/build.js.
addons=(node/alipay-notify.*.node)
if [ ! -f "${addons[0]}" ] ||
  [ -n "$(find core/src node/src core/Cargo.toml node/Cargo.toml Cargo.lock -newer "${addons[0]}" -print -quit)" ]; then
  step "Node addon (node/build.js)"
  node node/build.js
fi

step "Python wheel (maturin build --release) and the peers, pinned, in $BENCH/venv"
need_python_venv 'maturin>=1.16,<2'
rm -rf "$BENCH/wheels"
.venv/bin/maturin build --release --locked -m py/Cargo.toml --out "$BENCH/wheels" 2>&1 | grep -E '^(error|warning: unused)' || true
[ -x "$BENCH/venv/bin/python" ] || python3 -m venv "$BENCH/venv"
"$BENCH/venv/bin/pip" install -q -r tests/differential/requirements.txt
"$BENCH/venv/bin/pip" install -q --force-reinstall --no-deps "$BENCH"/wheels/alipay_notify-*-cp39-abi3-*.whl
PY=$BENCH/venv/bin/python

# npm alipay-sdk with the differential tests' pin and lock file, in a folder of its own.
NODE_PEERS=$PWD/$BENCH/node/node_modules
if ! cmp -s tests/differential/package-lock.json "$BENCH/node/package-lock.json" || [ ! -d "$NODE_PEERS/alipay-sdk" ]; then
  mkdir -p "$BENCH/node"
  cp tests/differential/package.json tests/differential/package-lock.json "$BENCH/node/"
  npm_dependencies "$BENCH/node"
fi

# bench_corpus COUNT WORST: the folder of bench/corpus.py's files for these counts (made once).
bench_corpus() {
  local dir=$BENCH/corpus-$1-$2
  if [ ! -f "$dir/.done" ] || [ bench/corpus.py -nt "$dir/.done" ] || [ tests/differential/generate.py -nt "$dir/.done" ]; then
    step "corpus: $1 notifications, $2 of each worst case ($dir)" >&2
    rm -rf "$dir"
    "$PY" bench/corpus.py --out "$dir" --count "$1" --worst "$2" >&2
    touch "$dir/.done"
  fi
  echo "$dir"
}
