"""What each of the eleven worksheets says across the region (pure): counts, highlights, EUR totals,
the checklist by municipality, monitoring responsibilities, the first page's key figures; part of the
regional picture (picture.py builds it once from the consolidated plans)."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..plan import indicators
from ..plan.model import Plan
from ..plan.periods import parse_period
from ..schema import SHEETS, SHEETS_BY_KEY, Text
from ..schema.vocab import CHECK_STATES, FUNDING_SOURCES

# the column whose most frequent values a worksheet's highlights name (None: counts only)
HIGHLIGHT_COLUMN = {"legal_acts": "strategy", "partners": "cooperation_type", "data_sources": "data_type",
                    "needs": "target_group", "resources": "holder", "engagement": "channel", "risks": "factor"}
NO_YEAR = Text("worksheet_figures.no_year")
NO_SOURCE = Text("worksheet_figures.no_source")


@dataclass(frozen=True)
class SheetSummary:
    """One worksheet across the region: rows per municipality, how many filled it, what recurs most."""

    key: str
    number: str
    title: str
    counts: tuple[int, ...]  # per municipality, in the order of the report's municipalities
    filled: int  # municipalities with at least one row
    top: tuple[tuple[str, int], ...]  # (value, municipalities naming it), most first


@dataclass(frozen=True)
class WorksheetFigures:
    """The eleven worksheets across the region: the report's worksheet sections and its first page."""

    sheets: tuple[SheetSummary, ...]
    funding: Money  # #7 planned EUR by source and year
    support: Money  # 5b EUR given by municipality and year
    checklist_names: tuple[str, ...]
    checklist: tuple[tuple[str, list[tuple[str, str]]], ...]  # #9 items, (state key, word) per municipality
    monitoring: tuple[tuple[str, str, str, str], ...]  # #11 (municipality, activity, responsible, deadline)
    goals: int  # distinct goals over all plans
    activities: int  # #7 rows over all plans


def worksheet_figures(plans: Sequence[Plan], lang: str) -> WorksheetFigures:
    """Every figure of the worksheets across the region, computed once."""
    names, checklist = checklist_matrix(plans, lang)
    return WorksheetFigures(
        tuple(sheet_summaries(plans, lang)), funding_by_source_and_year(plans, lang),
        support_by_municipality_and_year(plans, lang), tuple(names), tuple(checklist), tuple(monitoring_rows(plans)),
        _goals(plans), sum(len(p.rows("action_plan")) for p in plans))


def sheet_summaries(plans: Sequence[Plan], lang: str, top: int = 4) -> list[SheetSummary]:
    """Every worksheet (all 13 sheets of the 11 worksheets) in workbook order."""
    out = []
    for sheet in SHEETS:
        counts = tuple(len(p.rows(sheet.key)) for p in plans)
        column = HIGHLIGHT_COLUMN.get(sheet.key)
        named: Counter[str] = Counter()
        for plan in plans:
            # once per plan, in the order written: ties keep a fixed order (a set's would change per process)
            named.update(list(dict.fromkeys(_shown(v, sheet.key, column, lang)
                                            for v in _values(plan, sheet.key, column))) if column else ())
        out.append(SheetSummary(sheet.key, sheet.number, sheet.title(lang), counts, sum(c > 0 for c in counts),
                                tuple((v, n) for v, n in named.most_common(top) if n > 1 or len(plans) == 1)))
    return out


def _values(plan: "Plan", sheet_key: str, column: str) -> Iterable[Any]:
    table = plan.tables.get(sheet_key)
    return (v for _, v in table.values(column)) if table else ()


def _line(value: Any) -> str:
    """A cell's text on one line, its spacing tidied."""
    return " ".join(str("" if value is None else value).split())


def _shown(value: Any, sheet_key: str, column: str, lang: str) -> str:
    """A value as the report names it: a choice's label, text with its spacing tidied (long text cut)."""
    col = SHEETS_BY_KEY[sheet_key].column(column)
    if col.choices and isinstance(value, str) and col.choice(value):
        return col.display(value, lang)
    text = _line(value)
    return text if len(text) <= 90 else text[:89] + "…"


# --- money -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """EUR totals in a table: rows (label, amount per column, row total), column totals, grand total."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[float, ...], float], ...]
    totals: tuple[float, ...]
    total: float


def _money(triples: Sequence[tuple[str, str, float]]) -> Money:
    """(row label, year, EUR) triples summed into a table; the years in order, then "no year"."""
    cells: dict[str, dict[str, list[float]]] = {}
    for row, col, amount in triples:
        cells.setdefault(row, {}).setdefault(col, []).append(amount)
    columns = sorted({c for _, c, _ in triples}, key=lambda y: (not y.isdigit(), y))  # years, then "no year"
    rows = tuple((r, tuple(math.fsum(by.get(c, ())) for c in columns), math.fsum(math.fsum(v) for v in by.values()))
                 for r, by in cells.items())
    totals = tuple(math.fsum(r[1][i] for r in rows) for i in range(len(columns)))
    return Money(tuple(columns), rows, totals, math.fsum(totals))


def funding_by_source_and_year(plans: Sequence[Plan], lang: str) -> Money:
    """#7 planned funding: EUR by funding source (rows) and the year the activity starts (columns)."""
    triples = []
    for plan in plans:
        for row in plan.rows("action_plan"):
            amount = _eur(row.get("funding_eur"))
            if amount is None:
                continue
            period = parse_period(str(row.get("timeline") or "")) if row.get("timeline") else None
            year = str(period.start.year) if period and period.start else NO_YEAR(lang)
            triples.append((_source(row.get("funding_source"), lang), year, amount))
    return _money(triples)


def support_by_municipality_and_year(plans: Sequence[Plan], lang: str) -> Money:
    """5b support already given: EUR by municipality (rows) and year (columns)."""
    triples = []
    for plan in plans:
        for row in plan.rows("support_given"):
            amount = _eur(row.get("amount_eur"))
            if amount is not None:
                year = indicators._year(row.get("year"))
                triples.append((plan.municipality, str(year) if year else NO_YEAR(lang), amount))
    return _money(triples)


def _eur(value: Any) -> float | None:
    number = indicators._number(value)
    return number if number is not None and number >= 0 else None


def _source(value: Any, lang: str) -> str:
    choice = next((c for c in FUNDING_SOURCES if c.key == value), None)
    if choice:
        return choice.label(lang)
    return _line(value) or NO_SOURCE(lang)


# --- checklist, monitoring -------------------------------------------------------------------------


def checklist_matrix(plans: Sequence[Plan],
                     lang: str) -> tuple[list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """#9 checklist as (municipalities, [(item, [(state key, word) per municipality])]), items in first-seen order."""
    names = [p.municipality for p in plans]
    words = {c.key: c.label(lang) for c in CHECK_STATES}
    states: dict[str, dict[str, str]] = {}
    for plan in plans:
        for row in plan.rows("checklist"):
            item = _line(row.get("item"))
            if item:
                states.setdefault(item, {})[plan.municipality] = str(row.get("state") or "")
    rows = [(item, [(by.get(m, ""), words.get(by.get(m, ""), by.get(m, "") or "—")) for m in names])
            for item, by in states.items()]
    return names, rows


def monitoring_rows(plans: Sequence[Plan]) -> list[tuple[str, str, str, str]]:
    """#11 (municipality, monitoring activity, responsible, deadline) of every plan, in plan order."""
    out = []
    for plan in plans:
        for row in plan.rows("monitoring"):
            activity = _line(row.get("activity"))
            if activity:
                out.append((plan.municipality, activity, _line(row.get("responsible")) or "—",
                            _line(row.get("deadline"))))
    return out


def _goals(plans: Sequence[Plan]) -> int:
    """Goals (distinct goal IDs or texts) over all plans."""
    return sum(len({str(r.get("goal_id") or r.get("goal") or "") for r in plan.rows("goals")} - {""})
               for plan in plans)
