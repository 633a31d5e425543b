#!/usr/bin/env bash
# Sets up the test environment, lints, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m prover.check lean_project/Benchmark/Proofs
.venv/bin/python -m pytest "$@"
