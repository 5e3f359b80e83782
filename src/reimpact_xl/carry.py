"""New municipality workbooks: blank, or carried forward from last year's workbook."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .issues import Report


def slug(name: str) -> str:
    """An e-mail-safe file name stem: "Jelgavas valstspilsēta" -> "jelgavas_valstspilseta"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_") or "pasvaldiba"


def workbook_name(municipality: str) -> str:
    """ "Bauskas novada pašvaldība" -> "reimpact_bauskas_novads.xlsx": named by the municipality's identity."""
    from .submissions import municipality_slug

    return f"reimpact_{municipality_slug(municipality)}.xlsx"


def new_workbook(out_dir: Path, *, municipality: str = "", period: str = "", lang: str = "lv",
                 source: Path | None = None) -> tuple[Path, Report]:
    """Write a fresh workbook of the current template; with `source`, carry its plan into it."""
    from .template import build_workbook

    plan, report = None, Report()
    if source is not None:
        from .reader import read_plan

        plan, report = read_plan(Path(source), lang=lang)
        municipality = municipality or (plan.municipality if plan else "")
        period = period or str((plan.cover.get("plan_period") or "") if plan else "")
    path = Path(out_dir) / workbook_name(municipality)
    if source is not None:  # last year's workbook is an input: never written over
        from .submissions import refuse_outputs

        refuse_outputs(None, [path], [Path(source)], lang)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    build_workbook(path, lang=lang, municipality=municipality, plan=plan, plan_period=period)
    return path, report
