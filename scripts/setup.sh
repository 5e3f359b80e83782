#!/usr/bin/env bash
# Create .venv and install reimpact-xl into it (with the test tools when called with "test").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ "${1:-}" = "test" ]; then
  .venv/bin/python -m pip install -q -e ".[test]" --config-settings editable_mode=strict
else
  .venv/bin/python -m pip install -q -e . --config-settings editable_mode=strict
fi
