# Shared by the scripts: run from the repo root, install what is missing, idempotently.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CARGO_TERM_COLOR=never DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

APT_UPDATED=0
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$APT_UPDATED" -eq 0 ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

need_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "alipay-notify needs Rust 1.89 or newer (cargo; the core alone builds on 1.88); install it with rustup first." >&2
    exit 1
  fi
  # aws-lc-rs compiles AWS-LC's C sources.
  command -v cc >/dev/null 2>&1 || apt_install build-essential
}

need_python_venv() {
  command -v python3 >/dev/null 2>&1 || apt_install python3 python3-venv
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv 2>/dev/null || { apt_install python3-venv; python3 -m venv .venv; }
  fi
  .venv/bin/pip install -q "$@"
}

# Node.js 18 or newer with npm (Debian's packages when missing).
need_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 18 ]; then
    echo "Node 18 or newer is needed, found $(node --version)" >&2
    exit 1
  fi
  export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
}

# The npm dependencies of each package folder given, from its lock file. `npm ci` refuses the
# lock files written here (the registry has no packages for other platforms); `npm install`
# reads them, and --no-save keeps it from rewriting them. --ignore-scripts: the addon is built
# with napi by the scripts, not by a package's own install script.
npm_dependencies() {
  step "npm dependencies ($*), Node $(node --version)"
  local dir
  for dir in "$@"; do
    (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts --no-save)
    npm_native_sqlite "$dir"
  done
}

# better-sqlite3 (the embedded ledger's driver) installs by downloading a prebuilt binary, which
# cannot be reached here: it is built from source against the headers of the Node that runs it
# (Debian's nodejs ships them in include/node), once per version, and the binary is kept in
# target/native/ for the other package folders. Does nothing when the folder has no
# better-sqlite3, or when it already loads.
npm_native_sqlite() { # DIR
  local dir=$1 module=$1/node_modules/better-sqlite3
  [ -d "$module" ] || return 0
  sqlite_loads() { (cd "$dir" && node -e "new (require('better-sqlite3'))(':memory:').close()") 2>/dev/null; }
  local version abi cache built=$module/build/Release/better_sqlite3.node
  version=$(node -p "require('./$module/package.json').version")
  abi=$(node -p 'process.versions.modules')
  cache="target/native/better-sqlite3-$version-abi$abi-$(uname -m).node"
  if sqlite_loads; then
    [ -f "$cache" ] || [ ! -f "$built" ] || { mkdir -p target/native && cp "$built" "$cache"; }
    return 0
  fi
  if [ -f "$cache" ]; then
    mkdir -p "$module/build/Release"
    cp "$cache" "$built"
    sqlite_loads && return 0
  fi
  step "better-sqlite3 $version: built from source for Node $(node --version) (a few minutes, once)"
  # The prefix of the node binary: Debian's nodejs has its headers there (include/node).
  local nodedir
  nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
  if [ ! -f "$nodedir/include/node/node_api.h" ]; then
    echo "better-sqlite3 needs Node's headers (include/node/node_api.h), not found for $(command -v node)" >&2
    return 1
  fi
  command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || apt_install build-essential
  command -v python3 >/dev/null 2>&1 || apt_install python3
  (cd "$dir" && npm_config_build_from_source=true npm_config_nodedir="$nodedir" npm rebuild better-sqlite3 2>&1 |
    grep -v 'Unknown env config' | tail -5)
  sqlite_loads
  mkdir -p target/native
  cp "$built" "$cache"
}

# Cargo's target directory (CARGO_TARGET_DIR, or target/ of the workspace), from cargo itself.
target_dir() {
  cargo metadata --format-version 1 --no-deps | sed -E 's/.*"target_directory":"([^"]*)".*/\1/'
}

# The version of a workspace package.
package_version() { # package name
  cargo metadata --format-version 1 --no-deps | sed -E "s/.*\"name\":\"$1\",\"version\":\"([^\"]+)\".*/\1/"
}

step() { printf '\n=== %s\n' "$*"; }

# Release artifacts (`make dist`) are linked against glibc 2.17 (manylinux2014; CentOS 7,
# Alibaba Cloud Linux 2) with zig as the C compiler and linker, from PyPI: no container, no
# old sysroot. maturin's documented `--zig` and cargo-zigbuild both drive it.
ZIG_TOOLS=('ziglang==0.17.1' 'cargo-zigbuild==0.24.1')
GLIBC_TARGET=x86_64-unknown-linux-gnu.2.17
# The zig builds' target directory, apart from target/release: a different linker would
# otherwise rebuild the test builds' dependencies. cargo-zigbuild's builds share it; maturin's
# --zig, whose linker wrapper lives elsewhere, builds in a folder of its own inside it.
DIST_TARGET_DIR=target/dist-build
need_zig() {
  need_python_venv "${ZIG_TOOLS[@]}"
  export PATH="$PWD/.venv/bin:$PATH"
}

# The newest glibc symbol version a binary needs (GLIBC_2.17 or older for `make dist`).
max_glibc() { # file
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1
}

# Runs scripts/NAME.sh with its output also in LOG, and adds the counts of its summary line
# "NAME: N passed, M failed" to PASSED and FAILED; a script that ends without one counts as a
# failure. A failing script does not stop the caller.
run_counted() { # name log
  bash "scripts/$1.sh" 2>&1 | tee "$2" || true
  local p f
  read -r _ p _ f _ < <(grep -E "^$1: [0-9]+ passed" "$2" || echo "$1: 0 passed, 1 failed")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

# The smoke tests' checks: `check DESCRIPTION COMMAND...` runs one and counts it in PASSED or
# FAILED; `check_summary NAME` prints "NAME: N passed, M failed" and fails when one did.
check() { # description command...
  if "${@:2}"; then echo "ok: $1"; PASSED=$((PASSED + 1)); else echo "FAILED: $1" >&2; FAILED=$((FAILED + 1)); fi
}
check_summary() { # name
  echo "$1: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
