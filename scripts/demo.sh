#!/usr/bin/env bash
# The main job on the bundled example plans: install, then build the inbox and consolidate it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/reimpact-xl demo -o "${1:-demo}"
