"""The report's parts beyond status, roll-up, risks and timeline (pure): the one-page summary, each
worksheet's counts and highlights, EUR totals, the checklist, monitoring, indicators per municipality."""
from __future__ import annotations

from typing import Any, Callable

from ..plan import indicators
from ..plan.model import Plan
from ..region.picture import JudgedIndicator, RegionalPicture
from ..region.words import INDICATOR_STATUS_WORDS, percent
from ..schema import SHEETS_BY_KEY
from . import charts
from . import report_sheets as rs

BAR_PX = 56


def worksheet_part(picture: "RegionalPicture", lang: str, svg: Callable[[str], Any]) -> dict[str, Any]:
    """Everything the report's worksheet sections and its first page need, as plain rows."""
    judged = list(picture.judged)
    funding = rs.funding_by_source_and_year(picture, lang)
    support = rs.support_by_municipality_and_year(picture, lang)
    names, checklist = rs.checklist_matrix(picture, lang)
    return {"municipality_names": [p.municipality for p in picture.plans],
            "sheets": rs.sheet_summaries(picture, lang), "funding": funding, "support": support,
            "checklist_names": names, "checklist": checklist, "monitoring": rs.monitoring_rows(picture),
            "by_municipality": _by_municipality(judged, lang, svg), "verdicts": _verdicts(judged, lang),
            "colours": indicators.STATUS_COLOURS,
            "key_figures": _key_figures(picture, judged, funding, support)}


def _by_municipality(judged: list[JudgedIndicator], lang: str, svg: Callable[[str], Any]) -> list[dict[str, Any]]:
    """Each municipality's indicators with the run's status, coloured, in plan order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for j in judged:
        out.setdefault(j.municipality, []).append({
            **vars(j), "progress_pct": percent(j.progress), "status_word": INDICATOR_STATUS_WORDS[j.status](lang),
            "status_colours": indicators.STATUS_COLOURS[j.status],
            "bar": svg(charts.progress_bar(j.progress, j.status, lang=lang, width=BAR_PX))})
    return [{"municipality": m, "rows": rows} for m, rows in out.items()]


def _verdicts(judged: list[JudgedIndicator], lang: str) -> list[dict[str, Any]]:
    """Per status: how many indicators and how many municipalities (with their names) have one in it."""
    municipalities = rs.behind_counts(judged)
    return [{"key": k, "word": INDICATOR_STATUS_WORDS[k](lang), "colours": indicators.STATUS_COLOURS[k],
             "indicators": sum(j.status == k for j in judged), "municipalities": municipalities[k]}
            for k in (*reversed(indicators.STATUS_ORDER), "no_data")]


def _key_figures(picture: "RegionalPicture", judged: list[JudgedIndicator], funding: rs.Money,
                 support: rs.Money) -> dict[str, Any]:
    """The numbers of the first page: plans, activities, goals, indicators, EUR, high risks."""
    def rows(key: str) -> int:
        return sum(len(p.tables[key].rows) for p in plans if key in p.tables)

    plans = picture.plans
    risks = picture.risks.region
    return {"plans": len(plans), "goals": _goals(plans), "activities": rows("action_plan"),
            "indicators": len(judged), "funding": funding.total, "support": support.total,
            "high_risks": risks.counts.get("high", 0), "risks": risks.total,
            "sheet_title": {k: s.title for k, s in SHEETS_BY_KEY.items()}}


def _goals(plans: "list[Plan]") -> int:
    """Goals (distinct goal IDs or texts) over all plans."""
    total = 0
    for plan in plans:
        table = plan.tables.get("goals")
        total += len({str(r.get("goal_id") or r.get("goal") or "") for r in table.rows} - {""}) if table else 0
    return total
