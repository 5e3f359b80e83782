"""The README's first command: example workbooks into an inbox, then the whole consolidation.

The examples are the plans as the municipalities wrote them, with no monitoring yet (the first round).
Two illustrative monitoring rounds follow, each carried forward from the year before as `new --from`
does and filled with generated values labelled "ilustratīvi dati"; all three go into one archive, so
the report shows progress bars, a filled risk matrix and trends.
"""
from __future__ import annotations

from pathlib import Path

from ..region.illustrative import build_round
from ..region.model import Progress, Result
from ..workbook.examples import build_examples
from .run import consolidate

FIRST_YEAR = 2025  # the year the example plans were written
ILLUSTRATIVE_YEARS = 2  # generated monitoring rounds after it
ARCHIVE = "arhivs.sqlite"


def run_demo(out_dir: Path, lang: str = "lv", progress: Progress | None = None) -> Result:
    """Examples into out_dir/inbox (round FIRST_YEAR), illustrative rounds into out_dir/inbox_<year>,
    all archived in out_dir/arhivs.sqlite; the latest is consolidated with report and feedback."""
    out_dir = Path(out_dir)
    inbox = out_dir / "inbox"
    build_examples(inbox, lang=lang)
    archive = out_dir / ARCHIVE
    consolidate(inbox, out_dir / f"regional_{FIRST_YEAR}.xlsx", lang=lang, archive=archive, year=FIRST_YEAR)
    previous = inbox
    for step in range(1, ILLUSTRATIVE_YEARS + 1):
        year = FIRST_YEAR + step
        folder = out_dir / f"inbox_{year}"
        build_round(previous, folder, year, step, lang=lang)
        if step < ILLUSTRATIVE_YEARS:
            consolidate(folder, out_dir / f"regional_{year}.xlsx", lang=lang, archive=archive, year=year)
        previous = folder
    return consolidate(previous, out_dir / "regional.xlsx", report=out_dir / "report.html",
                       feedback=out_dir / "feedback", lang=lang, progress=progress, archive=archive,
                       year=FIRST_YEAR + ILLUSTRATIVE_YEARS)
