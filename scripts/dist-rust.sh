#!/usr/bin/env bash
# `make dist`, Rust part: dist/rust/<crate>-<version>.crate for the core (alipay-notify), the
# sandbox the CLI is built on (alipay-notify-sandbox) and the CLI (alipay-notify-cli), with
# `cargo package`: each packaged crate is built from its own unpacked copy, the CLI against the
# other two as packaged (cargo's local overlay of the packages being made), so what would be
# published compiles without anything being published first. Then checks each file list and
# packaged manifest.
source "$(dirname "$0")/common.sh"
need_rust
apt_install python3

CRATES=(alipay-notify alipay-notify-sandbox alipay-notify-cli)
version=$(package_version alipay-notify)

step "cargo package ${CRATES[*]} $version"
# --allow-dirty: `make dist` also runs in a working tree with edits; a release (the workflow's
# `cargo publish`) runs from the tag's clean checkout, where it refuses a dirty one.
packages=()
for crate in "${CRATES[@]}"; do packages+=(-p "$crate"); done
cargo package --locked --allow-dirty "${packages[@]}"

rm -rf dist/rust
mkdir -p dist/rust
for crate in "${CRATES[@]}"; do
  cp "$(target_dir)/package/$crate-$version.crate" dist/rust/
done

step "checks of dist/rust"
python3 - "$version" "${CRATES[@]}" <<'PY'
import sys, tarfile, tomllib

version, crates = sys.argv[1], sys.argv[2:]
# The crate registry's limits and what its pages show. No `documentation`: without one the
# registry links the documentation it builds itself, and the manifests name no other host.
REQUIRED = ["description", "license", "repository", "homepage", "readme",
            "keywords", "categories", "rust-version"]
failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAILED: ") + what, file=sys.stdout if ok else sys.stderr)
    failures += not ok


for crate in crates:
    path = f"dist/rust/{crate}-{version}.crate"
    with tarfile.open(path) as tar:
        members = tar.getmembers()
        root = f"{crate}-{version}/"
        names = [m.name[len(root):] for m in members]
        manifest = tomllib.loads(tar.extractfile(root + "Cargo.toml").read().decode())
        license_text = tar.extractfile(root + "LICENSE").read().decode() if "LICENSE" in names else ""
    size = sum(m.size for m in members)
    print(f"{path}: {len(names)} files, {size} bytes unpacked")
    check(all(m.name.startswith(root) for m in members), f"{crate}: every file under {root}")
    check("MIT License" in license_text, f"{crate}: LICENSE (MIT) in the package")
    check("README.md" in names, f"{crate}: README.md in the package")
    check(not [n for n in names if n.split("/")[0] in ("tests", "benches", "target")],
          f"{crate}: no tests/, benches/ or target/")
    check(not [n for n in names if n.endswith(".json") and n != ".cargo_vcs_info.json"],
          f"{crate}: no vector files")
    check(size < 1_500_000, f"{crate}: under 1.5 MB unpacked")
    package = manifest["package"]
    missing = [key for key in REQUIRED if not package.get(key)]
    check(not missing, f"{crate}: metadata complete" + (f" (missing {missing})" if missing else ""))
    check(len(package.get("keywords", [])) <= 5, f"{crate}: at most 5 keywords")
    # Our own crates are named by version in the packaged manifest, never by path.
    for table in ("dependencies", "dev-dependencies", "build-dependencies"):
        for name, dep in manifest.get(table, {}).items():
            if name.startswith("alipay-notify") and isinstance(dep, dict):
                check("path" not in dep and dep.get("version") in (version, f"^{version}"),
                      f"{crate}: {table}.{name} by version ({dep.get('version')})")
    print("  " + " ".join(names))
sys.exit(1 if failures else 0)
PY
ls -l dist/rust
