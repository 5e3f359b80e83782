"""The rows of the regional picture that go beyond one sheet: indicator roll-up, timeline, common problems (pure)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Sequence

from ..plan import indicators, risks
from ..plan.issues import Issue
from ..plan.periods import Period, parse_period
from ..schema import COVER_SHEET, SHEETS, Severity, Text
from ..schema.vocab import UNITS
from .context import context_of, indicator_rows, reporting_date
from .grids import Grid, completeness
from .model import Result, Source
from .words import INDICATOR_STATUS_WORDS, percent, rule_title

ROLLUP_HEAD = (
    Text("Rādītājs", "Indicator"), Text("Mērvienība", "Unit"), Text("Aprēķins", "Combined as"),
    Text("Ziņo (n)", "Reporting (n)"), Text("Bāzes vērtība", "Baseline"), Text("Mērķa vērtība", "Target"),
    Text("Faktiskā vērtība", "Actual"), Text("Izpilde, %", "Progress, %"), Text("Statuss", "Status"),
    Text("Pašvaldības, kas ziņo", "Municipalities reporting"), Text("Pašvaldības bez datiem", "Municipalities missing"),
    Text("Atpaliek (pašvaldību skaits)", "Behind (municipalities)"), Text("Atpaliek", "Behind"),
)
ROLLUP_KEYS = ("indicator", "unit", "how", "n", "baseline", "target", "actual", "progress", "status",
               "reporting", "missing", "behind_n", "behind")
HOW_WORDS = {"sum": Text("summa", "sum"), "mean": Text("vidējais", "average")}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
REGION = Text("Reģions kopā", "Region total")


# --- indicator roll-up ----------------------------------------------------------------------------


def rollup_rows(result: "Result", on: date | None = None,
                rows: Sequence[indicators.IndicatorRow] | None = None) -> list[indicators.RollupRow]:
    """The regional roll-up: by standard indicator and unit, counts summed and percentages averaged.

    `rows`: the result's indicator_rows() when the caller has them already (matching texts is slow).
    """
    rows = indicator_rows(result) if rows is None else rows
    ctx = context_of(result)
    municipalities = [*(p.municipality for p in result.plans), *ctx.missing(result.sources)]
    return indicators.rollup(rows, municipalities, on=on or ctx.on or reporting_date(result, rows))


def named_by(rows: Iterable[indicators.IndicatorRow]) -> dict[tuple[str, str], list[str]]:
    """The municipalities that name each roll-up group (indicators.group_key), in row order."""
    named: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        names = named.setdefault(indicators.group_key(row), [])
        if row.municipality not in names:
            names.append(row.municipality)
    return named


def unit_label(unit: str, lang: str) -> str:
    """A unit key as words ("participants" -> "dalībnieki"); a unit written by hand stays as written."""
    choice = next((c for c in UNITS if c.key == unit), None)
    return choice.label(lang) if choice else unit


def rollup_grid(result: "Result", lang: str, on: date | None = None) -> Grid:
    """The indicator roll-up as a sheet of the regional workbook."""
    return rollup_table(rollup_rows(result, on), lang)


def rollup_table(rolled: Sequence[indicators.RollupRow], lang: str) -> Grid:
    """Roll-up rows as a grid: words for units, how and status, progress in percent."""
    rows = [[r.title(lang), unit_label(r.unit, lang), HOW_WORDS[r.how](lang), r.n, r.baseline, r.target,
             r.actual, percent(r.progress), INDICATOR_STATUS_WORDS[r.status](lang), ", ".join(r.reporting),
             ", ".join(r.missing), len(r.behind), ", ".join(r.behind)] for r in rolled]
    return Grid(tuple(h(lang) for h in ROLLUP_HEAD), rows, ROLLUP_KEYS)


# --- status per file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """One inbox file as the report's status table shows it."""

    municipality: str
    file: str
    status: str  # used | superseded | unreadable
    errors: int
    warnings: int
    completeness: float | None
    saved: str
    note: str  # why a file was left out: the message of its file-level issue


def source_rows(result: "Result", lang: str) -> list[SourceRow]:
    """Every inbox file: status, error and warning counts, completeness; left-out files say why."""
    return [_source_row(s, result, lang) for s in result.sources]


def _source_row(source: "Source", result: "Result", lang: str) -> SourceRow:
    mine = result.report.for_file(source.name)
    why = {"superseded": ("file-superseded",), "unreadable": tuple(i.rule for i in mine if i.rule.startswith("file-")),
           "not_plan": ("file-not-plan",)}
    note = next((i.message(lang) for i in mine if i.rule in why.get(source.status, ())), "")
    return SourceRow(source.municipality, source.name, source.status, mine.errors, mine.warnings,
                     completeness(source.plan) if source.plan else None, _day(source.saved), note)


def _day(text: str) -> str:
    """An ISO time as "dd.mm.yyyy hh:mm" (the report's dates); other text as it is."""
    try:
        return datetime.fromisoformat(text).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return text


# --- activity timeline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRow:
    """One #7 activity with its timeline read by the period parser (None: not understood)."""

    municipality: str
    activity_id: str
    activity: str
    timeline: str
    period: Period | None

    @property
    def placed(self) -> bool:
        return self.period is not None and self.period.placed


def activity_rows(result: "Result") -> list[ActivityRow]:
    """Every activity of every consolidated plan, in plan and row order."""
    out = []
    for plan in result.plans:
        table = plan.tables.get("action_plan")
        for row in table.rows if table else ():
            text = str(row.get("timeline") or "").strip()
            out.append(ActivityRow(plan.municipality, str(row.get("activity_id") or ""),
                                   " ".join(str(row.get("activity") or "").split()), text,
                                   parse_period(text) if text else None))
    return out


# --- the most common problems ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemRow:
    """One rule across the region: how often it was broken and in how many municipalities."""

    rule: str
    severity: Severity
    count: int
    municipalities: int
    title: str  # the rule's title, else the message of its first occurrence
    example: str  # "file › sheet!cell" of that occurrence


def problem_rows(result: "Result", lang: str, limit: int = 10) -> list[ProblemRow]:
    """The rules broken most often, most first; notes (info) only after every error and warning rule."""
    names = {s.name: s.municipality or s.name for s in result.sources}
    by_rule: dict[str, list[Issue]] = {}
    for issue in result.report:
        by_rule.setdefault(issue.rule, []).append(issue)
    rows = []
    for slug, found in by_rule.items():
        first, count = found[0], len(found)
        title = rule_title(first, lang)
        place = " › ".join(p for p in (first.file, first.ref) if p)
        rows.append(ProblemRow(slug, first.level, count, len({names.get(i.file, i.file) for i in found}),
                               title, place))
    rows.sort(key=lambda r: (r.severity is Severity.INFO, -r.count, SEVERITY_ORDER[r.severity], r.rule))
    return rows[:limit]


# --- risks ---------------------------------------------------------------------------------------


def regional_risks(result: "Result", lang: str) -> risks.RegionalRisks:
    """Heat map and level counts per municipality and for the region (stated-only risks in their band)."""
    rows = [risks.RiskRow.from_row(plan.municipality, row) for plan in result.plans
            if "risks" in plan.tables for row in plan.tables["risks"].rows]
    return risks.regional_risks(rows, [p.municipality for p in result.plans], REGION(lang))


# --- one file's problems, for its feedback --------------------------------------------------------


@dataclass(frozen=True)
class CellProblems:
    """The problems of one cell (or of the whole sheet or file, cell ""), worst first."""

    cell: str
    column: str  # the column's label
    issues: tuple[Issue, ...]

    @property
    def worst(self) -> Severity:
        return min((i.level for i in self.issues), key=SEVERITY_ORDER.__getitem__)


@dataclass(frozen=True)
class SheetProblems:
    """The problems of one sheet, cells with errors first, then in reading order."""

    sheet: str  # "" for problems of the file as a whole
    cells: tuple[CellProblems, ...]

    def count(self, severity: Severity) -> int:
        return sum(i.level is severity for c in self.cells for i in c.issues)


def sheet_problems(issues: Iterable[Issue], lang: str) -> list[SheetProblems]:
    """Issues grouped by sheet and by cell, errors first: sheets with errors before the others (each
    set in workbook order), within a sheet cells with errors first, within a cell errors first."""
    by_sheet: dict[str, dict[str, list[Issue]]] = {}
    for issue in sorted(issues, key=lambda i: SEVERITY_ORDER[i.level]):
        by_sheet.setdefault(issue.sheet, {}).setdefault(issue.cell, []).append(issue)
    groups = []
    for sheet, cells in by_sheet.items():
        found = [CellProblems(cell, found[0].column_label(lang) if found[0].column else "", tuple(found))
                 for cell, found in cells.items()]
        found.sort(key=lambda c: (SEVERITY_ORDER[c.worst], cell_order(c.cell)))
        groups.append(SheetProblems(sheet, tuple(found)))
    groups.sort(key=lambda g: (SEVERITY_ORDER[g.cells[0].worst], sheet_order(g.sheet)))
    return groups


def sheet_order(name: str) -> int:
    """The file as a whole and the cover first, then the worksheets in workbook order, unknown sheets last."""
    if not name:
        return -1
    if name in COVER_SHEET.variants():
        return 0
    return next((i for i, s in enumerate(SHEETS, 1) if name in s.name.variants()), len(SHEETS) + 1)


def cell_order(cell: str) -> tuple[int, int]:
    """An A1 address in reading order: row, then column (AA after Z)."""
    letters = "".join(ch for ch in cell if ch.isalpha()).upper()
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return (int(digits) if digits else 0, column)
