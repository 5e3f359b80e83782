"""Where a consolidation spends its time, phase by phase, in one fresh process.

    python bench/phases.py INBOX [--jobs N] [--report] [--feedback]

Imports first (pandas, Pandera, the reader, XlsxWriter, each timed on its own), then the steps of
consolidation.consolidate: reading (in workers), newest-file pick, per-sheet Pandera checks,
cross-sheet rules, sorting, the regional workbook, and the report and feedback if asked.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
IMPORTS = ("click", "pandas", "pandera.pandas", "python_calamine", "xlsxwriter", "reimpact_xl.read.reader",
           "reimpact_xl.validation.frames", "reimpact_xl.outputs.regional_workbook", "reimpact_xl.region.rollup")


class Clock:
    """Named laps of one process's wall time."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []

    def time(self, name: str, call: Callable[[], T]) -> T:
        start = time.perf_counter()
        value = call()
        self.laps.append((name, time.perf_counter() - start))
        return value

    def table(self) -> str:
        total = sum(s for _, s in self.laps)
        width = max(len(n) for n, _ in self.laps)
        lines = [f"{n.ljust(width)}  {s:7.3f} s  {100 * s / total:5.1f} %" for n, s in self.laps]
        return "\n".join([*lines, f"{'total'.ljust(width)}  {total:7.3f} s"])


def consolidate_phases(inbox: Path, out: Path, jobs: int, report: bool, feedback: bool) -> Clock:
    """outputs.run.consolidate step by step, each step on the clock."""
    clock = Clock()
    for name in IMPORTS:
        clock.time(f"import {name}", lambda n=name: importlib.import_module(n))
    from reimpact_xl.outputs.regional_workbook import write_regional
    from reimpact_xl.plan.issues import Report
    from reimpact_xl.region import gather as c
    from reimpact_xl.region.model import Result
    from reimpact_xl.region.summary import summary_table
    from reimpact_xl.schema import SHEETS
    from reimpact_xl.validation.frames import frame_issues
    from reimpact_xl.validation.links import plan_issues

    sources = clock.time("read (reader, in workers)", lambda: c.read_sources(c.inbox_files(inbox), "lv", jobs, None))
    clock.time("pick newest", lambda: c.pick_newest(sources))
    result = Result(sources, Report.merge(s.report for s in sources))
    plans = result.plans
    found = clock.time("validate: Pandera, per sheet",
                       lambda: [i for s in SHEETS for i in frame_issues(s, plans, "lv")])
    found += clock.time("validate: cross-sheet rules", lambda: [i for p in plans for i in plan_issues(p, "lv")])
    result.report.extend(found)
    result.report = clock.time("sort issues", lambda: result.report.sorted())
    clock.time("write regional workbook", lambda: write_regional(result, out / "regional.xlsx", "lv", jobs))
    clock.time("summary text", lambda: summary_table(result, "lv"))
    if report:
        from reimpact_xl.outputs.report import write_regional_report

        clock.time("regional report (HTML)", lambda: write_regional_report(result, out / "report.html", "lv"))
    if feedback:
        from reimpact_xl.outputs.feedback import write_feedback

        clock.time("feedback (per municipality)", lambda: write_feedback(result, out / "feedback", "lv"))
    return clock


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--feedback", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reimpact-phases-") as tmp:
        clock = consolidate_phases(args.inbox, Path(tmp), args.jobs, args.report, args.feedback)
    print(clock.table())


if __name__ == "__main__":
    sys.exit(main())
