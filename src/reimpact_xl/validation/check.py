"""Validate workbook files: read each, then check all plans together."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..plan.issues import Report
from ..plan.model import Plan


def read_all(paths: Sequence[Path], lang: str = "lv") -> tuple[list[Plan], Report]:
    """Read every file; what cannot be read is reported, never raised."""
    from ..read.reader import read_plan

    plans: list[Plan] = []
    report = Report()
    for path in paths:
        plan, found = read_plan(Path(path), lang=lang)
        report.extend(found)
        if plan is not None:
            plans.append(plan)
    return plans, report


def check_files(paths: Sequence[Path], lang: str = "lv") -> Report:
    """Read and validate workbooks; each file's errors first, then warnings, then notes."""
    from . import validate

    plans, report = read_all(paths, lang)
    report.extend(validate(plans, lang))
    return report.sorted()  # by file, errors first: what must be fixed comes before the notes
