#!/usr/bin/env bash
# The CI smoke of `make bench` (`make test-bench`): each harness of bench/ (Rust, Python, PHP,
# Node; ours and every peer) makes one pass over a tiny corpus, and every valid message must
# verify and every invalid one must not, so that the harnesses cannot rot between full runs.
# Nothing is timed. Ends with "test-bench: N passed, M failed".
source "$(dirname "$0")/bench-setup.sh"

CORPUS=$(bench_corpus 40 10)
step "every harness over $CORPUS, every verdict checked"
"$PY" bench/run.py --check --corpus "$CORPUS" --rust "$RUST_EXE" --php-ext "$PHP_EXT" --node-path "$NODE_PEERS"
