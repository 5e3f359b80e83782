"""LibreOffice helpers for tests: convert many files in one soffice call, recalculating every formula.

Tests call `require_soffice()` first; it skips the test cleanly where LibreOffice is not installed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterable

import pytest

# LibreOffice keeps the cached values of an .xlsx unless told to recalculate on load; a private
# profile with this setting makes the conversion recalculate everything, as Excel does.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
FILTERS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf:calc_pdf_Export", "ods": "ods"}
TIMEOUT = 300


def soffice() -> str | None:
    """The soffice executable, or None where LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    exe = soffice()
    if not exe:
        pytest.skip("LibreOffice (soffice) is not installed")
    return exe


def _profile(root: Path) -> str:
    user = root / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
    return root.resolve().as_uri()


def convert(files: Iterable[Path], to: str, outdir: Path) -> list[Path]:
    """Convert all files to `to` ("xlsx", "pdf", "ods") into outdir in one soffice run, recalculating."""
    exe = require_soffice()
    files = [Path(f) for f in files]
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as prof:
        cmd = [exe, f"-env:UserInstallation={_profile(Path(prof))}", "--headless", "--norestore",
               "--convert-to", FILTERS.get(to, to), "--outdir", str(outdir), *map(str, files)]
        env = {**os.environ, "HOME": prof}
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    results = [outdir / f"{f.stem}.{to}" for f in files]
    missing = [r.name for r in results if not r.exists()]
    if missing:
        raise RuntimeError(f"soffice did not produce {missing}: {run.stdout}\n{run.stderr}")
    return results


def pdf_pages(pdf: Path) -> int:
    """The number of pages of a PDF (counted from its page objects; no PDF library needed)."""
    import re
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page[^s]", data))
