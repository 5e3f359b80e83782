#!/usr/bin/env bash
# Install everything the tests need (LibreOffice and Chromium from Debian when root) and run them all.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v chromium >/dev/null \
   || ! fc-list 2>/dev/null | grep -qi carlito; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils chromium fonts-crosextra-carlito \
      fonts-dejavu-core >/dev/null
  else
    echo "LibreOffice/Chromium missing and not root: the tests that need them will be skipped." >&2
  fi
fi
bash scripts/setup.sh test
export XLWINGS_LICENSE_KEY=noncommercial  # the xlwings remote engine, for the Excel-layer tests only
.venv/bin/python -m pytest "$@"
