#!/usr/bin/env bash
# `make dist`: every release artifact into dist/, each built by its own script and checked
# there (glibc 2.17 at most, package metadata, contents). Installs what it needs.
#   dist/python  abi3 manylinux2014 wheel and sdist         scripts/dist-py.sh
#   dist/node    alipay-notify and alipay-notify-linux-x64-gnu tarballs   scripts/dist-node.sh
#   dist/php     PIE package, PECL-style tarball, built extension         scripts/dist-php.sh
#   dist/c       libalipay_notify tarball (SONAME, header, pkg-config)    scripts/dist-c.sh
#   dist/rust    `cargo package` of the core and the CLI                  scripts/dist-rust.sh
source "$(dirname "$0")/common.sh"
mkdir -p dist
for part in py node php c rust; do
  step "make dist: $part (scripts/dist-$part.sh)"
  bash "scripts/dist-$part.sh"
done
step "dist/"
find dist -maxdepth 2 -type f -printf '%P\t%s bytes\n' | sort
