# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
.PHONY: demo test bench vectors c-lib install-c header test-c

demo:
	@bash scripts/demo.sh

test:
	@bash scripts/test.sh

# Criterion benchmarks next to `openssl speed rsa2048`, measured in the same run.
bench:
	@bash scripts/bench.sh

# Regenerates the synthetic vectors with pyca/cryptography (the keys in tests/vectors/keys
# are reused, so the output only changes when the generator does).
vectors:
	@bash -c 'source scripts/common.sh && need_python_venv "cryptography>=41" && .venv/bin/python tests/vectors/generate.py && .venv/bin/python tests/vectors/check.py'

# The C library: target/release/libalipay_notify.{so,a} and a pkg-config file for the build
# tree (target/release/pkgconfig). `make install-c PREFIX=/usr/local` installs library, header
# and pkg-config file (DESTDIR is honoured).
PREFIX ?= /usr/local
c-lib:
	@bash scripts/c-lib.sh

install-c:
	@bash scripts/c-lib.sh install "$(PREFIX)"

# Regenerates include/alipay_notify.h from ffi-c/src with the pinned cbindgen.
header:
	@UPDATE_HEADER=1 cargo test -q --locked -p alipay-notify-ffi --test header

# The C tests alone (also part of `make test`): sanitizers and valgrind, shared and static.
test-c:
	@bash scripts/test-c.sh
