#!/usr/bin/env bash
# Creates .venv (if missing) and installs the project with its pinned dependencies.
# `--test` also installs what the test suite needs (pytest, ruff, playwright + Debian's chromium and
# bubblewrap).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -e '.[dev,lean]'
  # chromium for the browser tests, bubblewrap for the sandbox tests (env.sandbox=bwrap)
  missing=""
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  command -v bwrap >/dev/null 2>&1 || missing="$missing bubblewrap"
  if [ -n "$missing" ] && [ "$(id -u)" = 0 ]; then
    # shellcheck disable=SC2086
    (apt-get update -qq && apt-get install -y -qq $missing >/dev/null) \
      || echo "warning: could not install$missing; browser/sandbox tests will be skipped" >&2
  fi
else
  .venv/bin/python -m pip install -q -e .
fi
