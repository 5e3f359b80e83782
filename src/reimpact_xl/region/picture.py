"""The regional picture, computed once per run (pure): every number the outputs show, in one object.

The regional workbook, the report, the feedback and the master's tables render a RegionalPicture and
compute nothing of their own, so they show the same numbers. It is built by build_picture() from the
consolidation's Result (its context and archive rounds included), in the language of the run.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..plan import indicators, risks
from ..plan.issues import Issue, Report
from ..plan.model import Plan
from ..schema import SHEETS, Severity
from .archive import round_note
from .context import ReportingContext, context_of, indicator_rows, judge
from .grids import Grid, issue_grid, sheet_grid, status_grid
from .model import Result, Source
from .rollup import (
    REGION,
    ActivityRow,
    ProblemRow,
    SheetProblems,
    SourceRow,
    activity_rows,
    named_by,
    problem_rows,
    regional_risks,
    rollup_rows,
    rollup_table,
    sheet_problems,
    source_rows,
    unit_label,
)
from .worksheet_figures import WorksheetFigures, worksheet_figures
from .yearview import YearView, year_view


@dataclass(frozen=True)
class JudgedIndicator:
    """One municipality's indicator with the run's verdict."""

    municipality: str
    indicator_id: str
    title: str
    unit: str
    baseline: float | None
    target: float | None
    actual: float | None
    progress: float | None
    status: str


@dataclass(frozen=True)
class FileSlice:
    """One inbox file's share of the picture: the file, its issues (in the run's order), grouped by
    sheet and cell, and their counts per severity; what its feedback is made from."""

    source: Source
    issues: tuple[Issue, ...]
    groups: tuple[SheetProblems, ...]
    counts: Mapping[Severity, int]

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def errors(self) -> int:
        return self.counts[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.counts[Severity.WARNING]


@dataclass(frozen=True)
class RegionalPicture:
    """The region in one object, in one language: status, worksheets, roll-up, risks, timelines,
    issues and the years side by side."""

    lang: str
    context: ReportingContext
    files: tuple[FileSlice, ...]  # every inbox file, in inbox order
    issues: Report  # every issue, sorted once by the consolidation
    status: Grid  # one row per file, then the expected municipalities that sent none
    sources: tuple[SourceRow, ...]  # the report's status rows, one per file
    missing: tuple[str, ...]  # expected municipalities that sent nothing
    not_listed: frozenset[str]  # files consolidated whose municipality is not on the expected list
    sheets: Mapping[str, Grid]  # all municipalities' rows per worksheet (sheet key), the run's verdicts in #8
    rollup: tuple[indicators.RollupRow, ...]  # one row and one verdict per regional indicator
    rollup_grid: Grid
    named: Mapping[tuple[str, str], list[str]]  # the municipalities naming each roll-up group
    judged: tuple[JudgedIndicator, ...]  # every municipality's indicator with the run's verdict
    behind: Mapping[str, list[str]]  # per indicator status, the municipalities with an indicator in it
    risks: risks.RegionalRisks  # heat map and level counts, per municipality and for the region
    risk_levels: Grid  # risks per level and municipality, then the region's total
    activities: tuple[ActivityRow, ...]  # the timelines: every #7 activity with its period read
    problems: tuple[ProblemRow, ...]  # the rules broken most often
    issue_grid: Grid
    figures: WorksheetFigures  # each worksheet across the region: counts, highlights, EUR, checklist, monitoring
    years: YearView  # the archived years side by side (empty without an archive)
    data_note: str  # the note the submissions carry ("ilustratīvi dati"), else ""

    @property
    def plans(self) -> list[Plan]:
        return [f.source.plan for f in self.files if f.source.status == "used" and f.source.plan is not None]

    @property
    def paths(self) -> dict[str, Path]:
        """Each inbox file's path by its name (for links to a cell of it)."""
        return {f.name: f.source.path for f in self.files}

    def file(self, name: str) -> FileSlice:
        return next(f for f in self.files if f.name == name)


def build_picture(result: Result, lang: str = "lv") -> RegionalPicture:
    """The whole regional picture of a consolidation (or of an empty Result), computed once."""
    ctx = context_of(result)
    rows = indicator_rows(result)
    rolled = rollup_rows(result, None, rows)
    summary = regional_risks(result, lang)
    judged = tuple(_judged(rows, ctx, lang))
    return RegionalPicture(
        lang=lang, context=ctx, files=tuple(_slice(s, result.report, lang) for s in result.sources),
        issues=result.report, status=status_grid(result, lang), sources=tuple(source_rows(result, lang)),
        missing=tuple(ctx.missing(result.sources)), not_listed=frozenset(_not_listed(result, ctx)),
        sheets={s.key: sheet_grid(s, result, lang) for s in SHEETS}, rollup=tuple(rolled),
        rollup_grid=rollup_table(rolled, lang), named=named_by(rows), judged=judged,
        behind=behind_counts(judged), figures=worksheet_figures(result.plans, lang),
        risks=summary, risk_levels=risk_level_grid(summary, lang), activities=tuple(activity_rows(result)),
        problems=tuple(problem_rows(result, lang)), issue_grid=issue_grid(result, lang),
        years=year_view(result.rounds, lang), data_note=round_note(result))


def behind_counts(judged: tuple[JudgedIndicator, ...]) -> dict[str, list[str]]:
    """Per status, the municipalities with at least one indicator in it (the laggards a sum hides)."""
    out: dict[str, list[str]] = {k: [] for k in indicators.STATUS_KEYS}
    for j in judged:
        if j.municipality not in out[j.status]:
            out[j.status].append(j.municipality)
    return out


def _slice(source: Source, report: Report, lang: str) -> FileSlice:
    mine = report.for_file(source.name)
    return FileSlice(source, tuple(mine), tuple(sheet_problems(mine, lang)), mine.counts())


def _not_listed(result: Result, ctx: ReportingContext) -> list[str]:
    return [s.name for s in result.sources
            if s.status == "used" and s.municipality and not ctx.is_expected(s.municipality)]


def _judged(rows: list[indicators.IndicatorRow], ctx: ReportingContext, lang: str) -> list[JudgedIndicator]:
    """Every #8 row judged on the run's date (the same verdict as every other output)."""
    out = []
    for row in rows:
        value, status = judge(row, ctx.on)
        title = indicators.standard_title(row.standard_key, lang) or row.indicator
        out.append(JudgedIndicator(row.municipality, row.indicator_id, title,
                                   unit_label(indicators.normal_unit(row.standard_key, row.unit), lang),
                                   row.baseline, row.target, row.actual, value, status))
    return out


def risk_level_grid(summary: risks.RegionalRisks, lang: str) -> Grid:
    """Risks per level and municipality (those with risks), then the region's total; stated levels in
    their band without a score. The same counts as the report's risk table and the heat map."""
    from .grids import risk_level_head

    rows: list[list[Any]] = [[s.name, *s.counts.values()] for s in summary.municipalities if s.total]
    if rows:
        rows.append([REGION(lang), *summary.region.counts.values()])
    return Grid(risk_level_head(lang), rows, ("municipality", *risks.LEVELS, "none"))
