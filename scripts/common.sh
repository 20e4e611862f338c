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
  done
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
