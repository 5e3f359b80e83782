"""Where a consolidation spends its time, step by step, in one fresh process.

    python bench/phases.py INBOX [--report] [--feedback] [--jobs N]

Imports first, each timed on its own (in a real run they overlap the reading). Then the real
outputs.run.consolidate runs once, with the functions it calls wrapped in a clock: reading,
newest-file pick, validation (Pandera per sheet, cross-sheet rules per plan), the regional
workbook, and with --report / --feedback the report and the feedback. The steps are found by
their names in the code; a step the code no longer has is listed as not timed, never an error.
Nested steps are indented (a step met at two depths has a line at each); "seconds" is wall time,
"CPU" this process's CPU time in the step and "workers" that of the worker processes that ended
within it (on a busy machine wall time swells, CPU time much less); "calls" counts how often a step
ran. With --feedback, one feedback
workbook is then built once more in this process, with its own steps on the clock (the run
builds them in worker processes, whose steps this process cannot see).
"""
from __future__ import annotations

import argparse
import functools
import importlib
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

IMPORTS = ("click", "pandas", "pandera.pandas", "python_calamine", "xlsxwriter", "jinja2", "reimpact_xl.read.reader",
           "reimpact_xl.validation.frames", "reimpact_xl.outputs.regional_workbook", "reimpact_xl.region.rollup",
           "reimpact_xl.outputs.report", "reimpact_xl.outputs.feedback")
# (module, function, label): the steps of consolidate, by the names the code gives them.
STEPS = (
    ("reimpact_xl.region.gather", "read_sources", "read (in workers)"),
    ("reimpact_xl.region.gather", "_import_while_reading", "imports while the workers read"),
    ("reimpact_xl.region.gather", "pick_newest", "pick the newest file per municipality"),
    ("reimpact_xl.validation", "validate", "validate"),
    ("reimpact_xl.validation.frames", "frame_issues", "Pandera checks, per sheet"),
    ("reimpact_xl.validation.links", "plan_issues", "cross-sheet rules, per plan"),
    ("reimpact_xl.plan.issues", "Report.sorted", "sort the issues"),
    ("reimpact_xl.outputs.regional_workbook", "write_regional", "regional workbook"),
    ("xlsxwriter.workbook", "Workbook.close", "XlsxWriter: save (XML and zip)"),
    ("reimpact_xl.outputs.run", "write_regional_report", "regional report (HTML)"),
    ("reimpact_xl.outputs.report", "render_regional", "render the page"),
    ("reimpact_xl.outputs.run", "feedback_started", "feedback: start the workers"),
    ("reimpact_xl.outputs.report", "render_feedback", "feedback page (HTML), per file"),
    # Waiting on a worker's result: within "read", the reading; at the top, the feedback workbooks, which
    # the workers build while this process writes the regional workbook and the report.
    ("concurrent.futures._base", "Future.result", "waiting for the workers' results"),
)
# The steps of one feedback workbook, timed when it is built again in this process.
WORKBOOK_STEPS = (
    ("reimpact_xl.outputs.feedback", "write_workbook", "one feedback workbook"),
    ("reimpact_xl.outputs.feedback", "marks", "where each problem lands"),
    ("reimpact_xl.outputs.feedback", "cell_marks", "cell notes and colours"),
    ("reimpact_xl.workbook.build", "build_workbook", "build_workbook"),
    ("reimpact_xl.workbook.build", "_geometry", "rows per sheet"),
    ("reimpact_xl.workbook.build", "_write", "write with XlsxWriter"),
    ("reimpact_xl.workbook.build", "write_cover", "cover"),
    ("reimpact_xl.outputs.feedback", "write_issue_sheet", "problem list sheet"),
    ("reimpact_xl.workbook.build", "write_plan_sheet", "plan sheets"),
    ("reimpact_xl.workbook.build", "write_overview", "indicator overview"),
    ("reimpact_xl.workbook.build", "write_matrix", "risk matrix"),
    ("reimpact_xl.workbook.build", "_write_lists", "hidden lists"),
    ("reimpact_xl.workbook.build", "_write_meta", "hidden metadata"),
    ("xlsxwriter.workbook", "Workbook.close", "XlsxWriter: save (XML and zip)"),
)


@dataclass
class Lap:
    label: str
    depth: int
    seconds: float = 0.0  # wall
    cpu: float = 0.0  # this process's CPU seconds
    workers: float = 0.0  # CPU seconds of the worker processes that ended within the step
    calls: int = 0


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended children (the workers, once their pool is shut)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@dataclass
class Clock:
    """Laps by label, in the order first started, nested by call depth."""

    laps: dict[str, Lap] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    depth: int = 0

    def time(self, label: str, call: Callable[[], Any]) -> Any:
        lap = self.laps.setdefault(f"{self.depth}:{label}", Lap(label, self.depth))
        self.depth += 1
        start, (own, children) = time.perf_counter(), _cpu()
        try:
            return call()
        finally:
            own_end, children_end = _cpu()
            lap.seconds += time.perf_counter() - start
            lap.cpu += own_end - own
            lap.workers += children_end - children
            lap.calls += 1
            self.depth -= 1

    def wrap(self, steps: Sequence[tuple[str, str, str]]) -> None:
        """Put each step's function on the clock where its module keeps it (a class method by "Class.name")."""
        for module_name, name, label in steps:
            owner: Any = importlib.import_module(module_name)
            *path, attr = name.split(".")
            for part in path:
                owner = getattr(owner, part, None)
            original = getattr(owner, attr, None) if owner is not None else None
            if not callable(original):
                self.missing.append(f"{module_name}.{name}")
                continue
            setattr(owner, attr, self._timed(label, original))

    def _timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            return self.time(label, lambda: function(*args, **kwargs))
        return timed

    def table(self, total_label: str = "total") -> str:
        top = sum(lap.seconds for lap in self.laps.values() if lap.depth == 0)
        width = max(len("  " * lap.depth + lap.label) for lap in self.laps.values()) + 2
        lines = [f"{'step'.ljust(width)}  {'seconds':>8}  {'share':>6}  {'CPU':>7}  {'workers':>7}  calls"]
        for lap in self.laps.values():
            name = ("  " * lap.depth + lap.label).ljust(width)
            lines.append(f"{name}  {lap.seconds:8.3f}  {100 * lap.seconds / top:5.1f}%  {lap.cpu:7.3f}  "
                         f"{lap.workers:7.3f}  {lap.calls:5d}")
        lines.append(f"{total_label.ljust(width)}  {top:8.3f}")
        if self.missing:
            lines.append("not timed (no longer in the code): " + ", ".join(self.missing))
        return "\n".join(lines)


def run(inbox: Path, out: Path, jobs: int, report: bool, feedback: bool) -> Clock:
    """The imports one by one, then outputs.run.consolidate with its steps on the clock."""
    clock = Clock()
    for name in IMPORTS:
        clock.time(f"import {name}", lambda n=name: importlib.import_module(n))
    from reimpact_xl.outputs import run as orchestrator

    clock.wrap(STEPS)
    start = time.perf_counter()
    result = orchestrator.consolidate(inbox, out / "regional.xlsx", report=out / "report.html" if report else None,
                                      feedback=out / "feedback" if feedback else None, jobs=jobs)
    elapsed = time.perf_counter() - start
    inside = sum(lap.seconds for lap in clock.laps.values() if lap.depth == 0 and not lap.label.startswith("import"))
    clock.laps["other"] = Lap("other (consolidate, between the steps)", 0, seconds=max(0.0, elapsed - inside),
                              calls=1)
    clock.result = result  # type: ignore[attr-defined]
    return clock


def one_feedback_workbook(result: Any, out: Path) -> Clock | None:
    """One feedback workbook built again in this process, its steps on the clock."""
    from reimpact_xl.outputs import feedback

    source = next((s for s in result.sources if s.plan is not None and s.status == "used"), None)
    if source is None:
        return None
    clock = Clock()
    clock.wrap(WORKBOOK_STEPS)
    feedback.write_workbook(source, result, out / "one_feedback.xlsx", "lv")
    return clock


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--report", action="store_true", help="also write the regional report")
    parser.add_argument("--feedback", action="store_true", help="also write the feedback")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reimpact-phases-") as tmp:
        clock = run(args.inbox, Path(tmp), args.jobs, args.report, args.feedback)
        print(clock.table())
        if args.feedback:
            one = one_feedback_workbook(clock.result, Path(tmp))  # type: ignore[attr-defined]
            if one is not None:
                print("\n" + one.table("one feedback workbook, in this process"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
