"""Validate workbook files: read each, then check all plans together."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..plan.issues import Issue, Report
from ..plan.model import Plan
from ..read import reader  # reader.read_plan looked up at call time: tests stand in for it
from ..read.failure import failure_detail
from . import validate


def read_all(paths: Sequence[Path], lang: str = "lv") -> tuple[list[Plan], Report]:
    """Read every file; what cannot be read is reported, never raised."""
    plans: list[Plan] = []
    report = Report()
    for path in paths:
        try:
            plan, found = reader.read_plan(Path(path), lang=lang)
        except Exception as exc:  # noqa: BLE001 - one file's failure is its issue; the others are validated
            failed = Issue("file-unreadable", file=Path(path).name, detail=failure_detail(exc, lang))
            plan, found = None, Report([failed])
        report.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans, report


def check_files(paths: Sequence[Path], lang: str = "lv") -> Report:
    """Read and validate workbooks; each file's errors first, then warnings, then notes."""
    plans, report = read_all(paths, lang)
    report.extend(validate(plans, lang))
    return report.sorted()  # by file, errors first: what must be fixed comes before the notes
