"""Validation: Pandera schemas generated from the schema, plus cross-sheet rules; returns a Report."""
from __future__ import annotations

from typing import Sequence

from ..plan.issues import Report
from ..plan.model import Plan
from ..schema import SHEETS
from .links import plan_issues


def validate(plans: Sequence[Plan], lang: str = "lv") -> Report:
    """Check every plan; each sheet's Pandera schema runs once over all plans' rows together."""
    from .frames import frame_issues

    report = Report()
    for sheet in SHEETS:
        report.extend(frame_issues(sheet, plans, lang))
    for plan in plans:
        report.extend(plan_issues(plan, lang))
    return report.sorted()
