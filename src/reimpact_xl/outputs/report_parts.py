"""The report's parts beyond status, roll-up, risks and timeline (pure): the one-page summary, each
worksheet's counts and highlights, EUR totals, the checklist, monitoring, indicators per municipality."""
from __future__ import annotations

from typing import Any, Callable

from ..plan import indicators
from ..region.picture import JudgedIndicator, RegionalPicture
from ..region.words import INDICATOR_STATUS_WORDS, percent
from ..schema import SHEETS_BY_KEY
from . import charts

BAR_PX = 56


def worksheet_part(picture: "RegionalPicture", lang: str, svg: Callable[[str], Any]) -> dict[str, Any]:
    """Everything the report's worksheet sections and its first page need, as plain rows."""
    judged, figures = list(picture.judged), picture.figures
    return {"municipality_names": [p.municipality for p in picture.plans],
            "sheets": list(figures.sheets), "funding": figures.funding, "support": figures.support,
            "checklist_names": list(figures.checklist_names), "checklist": list(figures.checklist),
            "monitoring": list(figures.monitoring),
            "by_municipality": _by_municipality(judged, lang, svg), "verdicts": _verdicts(picture, lang),
            "colours": indicators.STATUS_COLOURS, "key_figures": _key_figures(picture)}


def _by_municipality(judged: list[JudgedIndicator], lang: str, svg: Callable[[str], Any]) -> list[dict[str, Any]]:
    """Each municipality's indicators with the run's status, coloured, in plan order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for j in judged:
        out.setdefault(j.municipality, []).append({
            **vars(j), "progress_pct": percent(j.progress), "status_word": INDICATOR_STATUS_WORDS[j.status](lang),
            "status_colours": indicators.STATUS_COLOURS[j.status],
            "bar": svg(charts.progress_bar(j.progress, j.status, lang=lang, width=BAR_PX))})
    return [{"municipality": m, "rows": rows} for m, rows in out.items()]


def _verdicts(picture: "RegionalPicture", lang: str) -> list[dict[str, Any]]:
    """Per status: how many indicators and how many municipalities (with their names) have one in it."""
    return [{"key": k, "word": INDICATOR_STATUS_WORDS[k](lang), "colours": indicators.STATUS_COLOURS[k],
             "indicators": sum(j.status == k for j in picture.judged), "municipalities": picture.behind[k]}
            for k in (*reversed(indicators.STATUS_ORDER), "no_data")]


def _key_figures(picture: "RegionalPicture") -> dict[str, Any]:
    """The numbers of the first page: plans, activities, goals, indicators, EUR, high risks."""
    figures, risks = picture.figures, picture.risks.region
    return {"plans": len(picture.plans), "goals": figures.goals, "activities": figures.activities,
            "indicators": len(picture.judged), "funding": figures.funding.total, "support": figures.support.total,
            "high_risks": risks.counts.get("high", 0), "risks": risks.total,
            "sheet_title": {k: s.title for k, s in SHEETS_BY_KEY.items()}}
