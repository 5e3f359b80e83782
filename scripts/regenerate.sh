#!/usr/bin/env bash
# Rebuild every committed generated file: both blank templates, the example workbooks and both masters.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/reimpact-xl ] || bash scripts/setup.sh test  # build-master needs xlwings (the test extras)
.venv/bin/reimpact-xl build-templates -o workbook
.venv/bin/reimpact-xl build-examples -o workbook/examples
.venv/bin/reimpact-xl build-master -o workbook/reimpact_master.xlsm
.venv/bin/reimpact-xl build-master --lite -o workbook/reimpact_master_lite.xlsx
