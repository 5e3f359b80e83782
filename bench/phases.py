"""Where a consolidation spends its time, phase by phase, in one fresh process.

    python bench/phases.py INBOX [--jobs N] [--report] [--feedback]

Imports first (the parent's: the reader, XlsxWriter, each timed on its own), then the steps of
consolidation.consolidate: reading and validating (in workers, each a batch of files: per-sheet
Pandera checks and cross-sheet rules), newest-file pick, sorting, the regional workbook, and the
report and feedback if asked.
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
IMPORTS = ("click", "python_calamine", "xlsxwriter", "reimpact_xl.reader", "reimpact_xl.writer",
           "reimpact_xl.rollup")  # the parent's; pandas and Pandera are imported by the workers that validate


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
    """consolidation.consolidate step by step, each step on the clock."""
    clock = Clock()
    for name in IMPORTS:
        clock.time(f"import {name}", lambda n=name: importlib.import_module(n))
    from reimpact_xl import consolidation as c
    from reimpact_xl.issues import Report
    from reimpact_xl.writer import write_regional

    sources = clock.time("read and validate (in workers)",
                         lambda: c.read_sources(c.inbox_files(inbox), "lv", jobs, None))
    clock.time("pick newest", lambda: c.pick_newest(sources))
    checks = [s.checks for s in sources if s.status == "used"]
    found = clock.time("merge and sort issues", lambda: Report.merge([*(s.report for s in sources), *checks]).sorted())
    result = c.Result(sources, found)
    clock.time("write regional workbook", lambda: write_regional(result, out / "regional.xlsx", "lv"))
    clock.time("summary text", lambda: result.summary("lv"))
    if report:
        from reimpact_xl.reporting import write_regional_report

        clock.time("regional report (HTML)", lambda: write_regional_report(result, out / "report.html", "lv"))
    if feedback:
        from reimpact_xl.feedback import write_feedback

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
