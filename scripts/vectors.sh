#!/usr/bin/env bash
# Regenerates the synthetic shared vectors with pyca/cryptography, then re-checks every vector
# with the independent checker (`make vectors`). The keys in tests/vectors/keys are reused, so
# the output only changes when the generator does.
source "$(dirname "$0")/common.sh"
need_python_venv 'cryptography>=41'
.venv/bin/python tests/vectors/generate.py
.venv/bin/python tests/vectors/check.py
