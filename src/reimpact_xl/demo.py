"""The README's first command: example workbooks into an inbox, then the whole consolidation."""
from __future__ import annotations

from pathlib import Path

from .consolidation import Progress, Result, consolidate
from .examples import build_examples


def run_demo(out_dir: Path, lang: str = "lv", progress: Progress | None = None) -> Result:
    """Build the five example workbooks into out_dir/inbox and consolidate them with report and feedback."""
    out_dir = Path(out_dir)
    inbox = out_dir / "inbox"
    build_examples(inbox, lang=lang)
    return consolidate(inbox, out_dir / "regional.xlsx", report=out_dir / "report.html",
                       feedback=out_dir / "feedback", lang=lang, progress=progress)
