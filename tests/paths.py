"""Where the checkout keeps its committed files (tests run from a checkout; the package reads its own copies)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK_DIR = ROOT / "workbook"
EXAMPLES_DIR = WORKBOOK_DIR / "examples"
REGENERATE = "bash scripts/regenerate.sh"  # the one command that rebuilds every committed generated file
