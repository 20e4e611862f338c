# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
.PHONY: demo demo-cli test dist test-dist test-demo test-browser bench vectors c-lib install-c header test-c php-ext install-php php-stub test-php test-php-ledger test-php-frameworks test-php-shop test-py demo-django test-node demo-express test-services

demo:
	@bash scripts/demo.sh

# The command-line tour that `make demo` used to be: sign, verify, tamper, with the CLI alone.
demo-cli:
	@bash scripts/demo-cli.sh

test:
	@bash scripts/test.sh

# Each binding (Rust core, Python wheel, PHP extension, Node addon) next to what its users would
# otherwise run, on 10,000 generated notifications, in interleaved rounds with `openssl speed
# rsa2048`; rewrites BENCHMARKS.md and docs/img/bench.png. BENCH_N, BENCH_ROUNDS, BENCH_SECONDS,
# BENCH_QUICK=1 (about a minute), BENCH_DOC=0 (print only).
bench:
	@bash scripts/bench.sh

# Regenerates the synthetic vectors with pyca/cryptography (the keys in tests/vectors/keys
# are reused, so the output only changes when the generator does).
vectors:
	@bash scripts/vectors.sh

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

# The PHP extension, built out of tree in target/php-ext/shared against the C library of this
# checkout (phpize writes its build system into the directory it runs in).
# `make install-php` installs it into PHP's extension_dir (run as root, then add
# extension=alipay_notify to php.ini).
php-ext:
	@bash scripts/php-ext.sh

install-php:
	@bash scripts/php-ext.sh install

# Regenerates php/ext/alipay_notify_arginfo.h from php/ext/alipay_notify.stub.php (the PHP API)
# with PHP's gen_stub.php; `make test-php` fails when they differ.
php-stub:
	@bash scripts/php-stub.sh

# The PHP tests alone (also part of `make test`): php/ext/tests with the shared and the static
# extension, and under valgrind.
test-php:
	@bash scripts/test-php.sh

# The PHP ledger's tests (also part of `make test`): AlipayNotify\Ledger on SQLite and a throwaway
# PostgreSQL, 40 duplicate notifications at once through php-fpm, reconciliation at the sandbox.
test-php-ledger:
	@bash scripts/test-php-ledger.sh

# The PHP framework tests (also part of `make test`): php/tests/frameworks, the PSR-7 helper
# with Debian's Guzzle and Nyholm PSR-7, in process and behind php -S.
test-php-frameworks:
	@bash scripts/test-php-frameworks.sh

# The example PHP shop's tests (also part of `make test`): examples/php served by php -S and by
# php-fpm, paid with notifications signed by `alipay-notify simulate`.
test-php-shop:
	@bash scripts/test-php-shop.sh

# The Python tests alone (also part of `make test`): builds the abi3 wheel, installs it into a
# fresh virtualenv under target/py, runs mypy.stubtest and pytest (with the Django example).
test-py:
	@bash scripts/test-py.sh

# The Django example merchant (examples/django) on 127.0.0.1:8000 with the wheel installed.
demo-django:
	@bash scripts/demo-django.sh

# The Node tests alone (also part of `make test`): npm dependencies, napi build, node --test.
test-node:
	@bash scripts/test-node.sh

# The Express example shop (examples/express): builds the addon, plays Alipay against it.
demo-express:
	@bash scripts/demo-express.sh

# `make demo` as a test (also part of `make test`): every purchase checked, every process stopped.
test-demo:
	@bash scripts/test-demo.sh

# Headless Chromium (the distribution's package) buys in each example shop at the sandbox
# (also part of `make test`); screenshots in target/browser/.
test-browser:
	@bash scripts/test-browser.sh

# The throwaway PostgreSQL and Redis servers of scripts/services.sh, checked (also part of
# `make test`); docs/testing.md describes them.
test-services:
	@bash scripts/test-services.sh

# Every release artifact into dist/ (docs/install.md): the manylinux2014 wheel and sdist, the
# npm packages, the PHP extension's PIE and PECL packages, the C library tarball, the crates.
dist:
	@bash scripts/dist.sh

# `make dist`, then each artifact installed into a clean place and used (also part of
# `make test`).
test-dist:
	@bash scripts/test-dist.sh

# Differential tests (docs/compatibility.md): 10,000 seeded messages verified by this library
# and by the official and community SDKs (pinned, in target/differential); every disagreement
# must be one the document explains. `make test` runs a 1,000-message sample
# (scripts/test-differential.sh). The table of the document: target/differential/table.md.
.PHONY: differential
differential:
	@DIFFERENTIAL_CASES=10000 DIFFERENTIAL_MARKDOWN=target/differential/table.md bash scripts/test-differential.sh

# The soak: SOAK_N verifications (default 1,000,000) of valid and invalid notifications through
# the C library, the PHP extension, the Python wheel and the Node addon; resident memory must stay
# flat after warm-up. Also measures two-thread scaling of the Rust core and the Python wheel.
# Its CI pass (50,000) is scripts/test-soak.sh.
.PHONY: soak
SOAK_N ?= 1000000
soak:
	@SOAK_N=$(SOAK_N) bash scripts/soak.sh

# The short CI passes of the differential tests, the soak and the fuzz targets (also part of
# `make test`).
.PHONY: test-differential test-soak test-fuzz
test-differential:
	@bash scripts/test-differential.sh
test-soak:
	@bash scripts/test-soak.sh
test-fuzz:
	@bash scripts/test-fuzz.sh

# The fuzz targets of fuzz/ (docs/security.md), each for FUZZ_SECONDS (default 60), libFuzzer on
# the stable toolchain; `make fuzz FUZZ_SECONDS=600 FUZZ_JOBS=2` for a longer pass on 2 cores.
.PHONY: fuzz
fuzz:
	@bash scripts/fuzz.sh

# End to end (BENCHMARKS.md, the section between <!-- e2e:start --> and <!-- e2e:end -->): notify
# requests/s, p99 latency and CPU per request through Django under gunicorn, an Express cluster
# and PHP-FPM behind nginx, each with this library next to the SDK its users would otherwise
# call, on 127.0.0.1, driven by wrk; pinned stacks in target/bench-e2e. E2E_REQUESTS (20000 per
# run), E2E_ROUNDS (3). Its CI smoke (a few hundred requests) is scripts/test-bench-e2e.sh.
.PHONY: bench-e2e test-bench-e2e
bench-e2e:
	@E2E_MARKDOWN=1 bash scripts/bench-e2e.sh
test-bench-e2e:
	@bash scripts/test-bench-e2e.sh

# The CI smoke of `make bench` (scripts/test-bench.sh): every harness over a tiny corpus, every
# verdict checked, nothing timed.
.PHONY: test-bench
test-bench:
	@bash scripts/test-bench.sh

# The worst cases of the abuse limits, measured next to an ordinary verification
# (docs/security.md, "Abuse limits"); ABUSE_ROUNDS interleaved rounds, medians.
.PHONY: abuse-limits
ABUSE_ROUNDS ?= 15
abuse-limits:
	@cargo run --release --locked -p alipay-notify --example abuse_limits -- $(ABUSE_ROUNDS)
