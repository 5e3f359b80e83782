"""New municipality workbooks: blank, or carried forward from last year's workbook."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..plan.issues import Report
from ..plan.model import Plan
from ..read.reader import read_plan
from ..read.submissions import municipality_slug, refuse_outputs
from .build import build_workbook

# This year's results, left empty in next year's workbook (earlier years are kept in the region's archive).
RESULT_COLUMNS = {"indicators": ("actual", "actual_date", "progress", "status"),
                  "action_plan": ("actual_eur",), "monitoring": ("done_date",)}
RESULT_COVER = ("submission_date", "reporting_date")
FINAL_STATUSES = ("done", "cancelled")  # an activity done or cancelled stays so; any other status is judged anew


def slug(name: str) -> str:
    """An e-mail-safe file name stem: "Jelgavas valstspilsēta" -> "jelgavas_valstspilseta"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_") or "pasvaldiba"


def workbook_name(municipality: str) -> str:
    """ "Bauskas novada pašvaldība" -> "reimpact_bauskas_novads.xlsx": named by the municipality's identity."""
    return f"reimpact_{municipality_slug(municipality)}.xlsx"


def new_workbook(out_dir: Path, *, municipality: str = "", period: str = "", lang: str = "lv",
                 source: Path | None = None) -> tuple[Path, Report]:
    """Write a fresh workbook of the current template; with `source`, carry its plan into it."""
    plan, report = None, Report()
    if source is not None:
        plan, report = read_plan(Path(source), lang=lang)
        if plan is not None:
            next_year(plan)
        municipality = municipality or (plan.municipality if plan else "")
        period = period or str((plan.cover.get("plan_period") or "") if plan else "")
    path = Path(out_dir) / workbook_name(municipality)
    if source is not None:  # last year's workbook is an input: never written over

        refuse_outputs(None, [path], [Path(source)], lang)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    build_workbook(path, lang=lang, municipality=municipality, plan=plan, plan_period=period)
    return path, report


def next_year(plan: "Plan") -> "Plan":
    """Clear last year's results from a plan carried forward: actual values and dates, spend, the dates
    a monitoring step was done, the cover's dates, and any activity status but done or cancelled."""
    for key in RESULT_COVER:
        plan.cover.pop(key, None)
    for sheet_key, columns in RESULT_COLUMNS.items():
        for row in plan.tables[sheet_key].rows if sheet_key in plan.tables else ():
            for column in columns:
                row.pop(column, None)
    for row in plan.tables["action_plan"].rows if "action_plan" in plan.tables else ():
        if row.get("status") not in FINAL_STATUSES:
            row.pop("status", None)
    return plan
