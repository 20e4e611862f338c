# The two commands of the README: `make demo` and `make test`. Each installs what it needs.
.PHONY: demo test bench vectors

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
