"""The code passes the linter (ruff: pycodestyle, pyflakes, import order; settings in pyproject.toml)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install -e .[test])")
    run = subprocess.run([ruff, "check", "--no-cache", "src", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_centre_type_checks_strictly() -> None:
    """mypy --strict over the schema, the plan, the palette and the text catalogues (the layers everything else leans
    on), the compound-file module and validation (with pandas-stubs; what it imports from read/ is checked too)."""
    mypy = shutil.which("mypy") or str(Path(sys.executable).with_name("mypy"))
    if not Path(mypy).exists():
        pytest.skip("mypy is not installed (pip install -e .[test])")
    paths = ["src/reimpact_xl/schema", "src/reimpact_xl/plan", "src/reimpact_xl/style.py", "src/reimpact_xl/cfb.py",
             "src/reimpact_xl/texts", "src/reimpact_xl/validation"]
    run = subprocess.run([mypy, "--strict", "--no-incremental", "--cache-dir", "/dev/null", *paths], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
