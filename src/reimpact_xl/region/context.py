"""One reporting context per run (pure): the reporting year, the date indicators are judged on, and
the municipalities expected to submit. Every output of a run judges with the same context."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from ..plan import indicators
from ..plan.issues import Issue
from ..read.submissions import municipality_key

if TYPE_CHECKING:
    from .model import Result, Source


@dataclass(frozen=True)
class ReportingContext:
    """The year, the judging date (31 December of the year unless given) and the expected municipalities."""

    year: int | None = None
    judged_on: date | None = None
    expected: tuple[str, ...] = ()

    @property
    def on(self) -> date | None:
        """The date every indicator of the run is judged on (None: against the full target)."""
        if self.judged_on is not None:
            return self.judged_on
        return date(self.year, 12, 31) if self.year else None

    def resolved(self, result: "Result") -> "ReportingContext":
        """This context with its date fixed: without a year or date, the latest reporting date of the covers."""
        if self.on is not None:
            return self
        return replace(self, judged_on=reporting_date(result))

    def missing(self, sources: Sequence["Source"]) -> list[str]:
        """Expected municipalities with no consolidated or superseded submission, in list order."""
        sent = {municipality_key(s.municipality) for s in sources if s.plan is not None}
        return [m for m in self.expected if municipality_key(m) not in sent]

    def is_expected(self, municipality: str) -> bool:
        """True without a list; else whether the name is on it (after normalisation)."""
        return not self.expected or municipality_key(municipality) in {municipality_key(m) for m in self.expected}


def read_expected(path: Path) -> tuple[str, ...]:
    """An expected-municipalities file: one a line, UTF-8 (a BOM tolerated), blanks and # comments skipped."""
    text = Path(path).read_text(encoding="utf-8-sig")
    names = (" ".join(line.split("#", 1)[0].split()) for line in text.splitlines())
    return tuple(dict.fromkeys(n for n in names if n))


def judge(row: indicators.IndicatorRow, on: date | None) -> tuple[float | None, str]:
    """(progress 0..1, status key) of one indicator row, judged on `on`: the run's one verdict."""
    return indicators.verdict(row, on)


def judge_row(municipality: str, row: Mapping[str, Any], on: date | None) -> tuple[float | None, str]:
    """judge() of a plan row of worksheet #8 (values by column key)."""
    return judge(indicators.IndicatorRow.from_row(municipality, row), on)


def context_of(result: "Result") -> ReportingContext:
    """The run's context, as the consolidation resolved it (a bare Result: none given)."""
    found = getattr(result, "context", None)
    return found if isinstance(found, ReportingContext) else ReportingContext()


def flag_unexpected(result: "Result", ctx: ReportingContext) -> None:
    """A warning on every consolidated file whose municipality is not on the expected list."""
    if not ctx.expected:
        return
    for source in result.sources:
        if source.plan is not None and source.municipality and not ctx.is_expected(source.municipality):
            result.report.add(Issue("municipality-not-expected", file=source.name, value=source.municipality))


def expected_names(rows: Iterable[str]) -> tuple[str, ...]:
    """The master's municipality list as the context's expected names (blank rows dropped, order kept)."""
    return tuple(dict.fromkeys(" ".join(str(r).split()) for r in rows if str(r or "").strip()))


def reporting_date(result: "Result", rows: Sequence[indicators.IndicatorRow] | None = None) -> date | None:
    """The date indicator status is judged against: the latest reporting date the covers give,
    else the latest date of an actual value, else None (judged against the full target)."""
    dates = [d for p in result.plans if (d := _as_date(p.cover.get("reporting_date")))]
    if not dates:
        rows = indicator_rows(result) if rows is None else rows
        dates = [r.actual_date for r in rows if r.actual_date and r.actual is not None]
    return max(dates, default=None)


def indicator_rows(result: "Result") -> list[indicators.IndicatorRow]:
    """Every #8 row of every consolidated plan, with the numbers a roll-up needs."""
    return [indicators.IndicatorRow.from_row(plan.municipality, row)
            for plan in result.plans if "indicators" in plan.tables
            for row in plan.tables["indicators"].rows if row.get("indicator")]


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return datetime.strptime(value.strip(), "%d.%m.%Y").date()
        except ValueError:
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                return None
    return None
