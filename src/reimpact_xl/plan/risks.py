"""Risk score, band, colour and regional aggregation, defined once for workbook, master and reports (pure)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from .. import style
from ..schema.model import key_named
from ..schema.vocab import RISK_LEVELS

# score = likelihood x impact (1-5 each); bands are inclusive ranges of the score.
BANDS: tuple[tuple[int, int, str], ...] = ((1, 4, "low"), (5, 9, "medium"), (10, 25, "high"))
LEVELS = tuple(b[2] for b in BANDS)
# fill and font colours per level: the same in conditional formatting, master and HTML.
COLOURS = style.RISK  # (fill, font) per band


def score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood x impact, or None when either is missing or outside 1-5.

    >>> score(3, 4), score(6, 1), score(None, 2)
    (12, None, None)
    """
    if likelihood is None or impact is None:
        return None
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        return None
    return likelihood * impact


def band(value: int | None) -> str | None:
    """The level ("low", "medium", "high") of a score, or None for no score.

    >>> band(4), band(12), band(20), band(None)
    ('low', 'high', 'high', None)
    """
    if value is None:
        return None
    for low, high, level in BANDS:
        if low <= value <= high:
            return level
    return None


def effective_level(level: str | None, likelihood: int | None, impact: int | None) -> str | None:
    """The level a risk counts in: its score's band when scored, else the level it states."""
    return band(score(likelihood, impact)) or (level if level in LEVELS else None)


def heatmap(cells: Iterable[tuple[int, int]]) -> list[list[int]]:
    """5x5 counts; rows are impact 5..1 (top to bottom), columns likelihood 1..5."""
    counts = Counter(cells)
    return [[counts.get((lik, imp), 0) for lik in range(1, 6)] for imp in range(5, 0, -1)]


def level_counts(levels: Iterable[str | None]) -> dict[str, int]:
    """How many risks per level (scored or stated), unrated ones under "none"."""
    c = Counter(lv if lv in LEVELS else "none" for lv in levels)
    return {lv: c.get(lv, 0) for lv in (*LEVELS, "none")}


# --- stated levels and regional aggregation -------------------------------------------------------


def level_key(text: object) -> str | None:
    """The level key a stated level names ("Augsts", "vidēja", "high", "medium"), or None.

    >>> level_key(" Augsta "), level_key("medium"), level_key(3)
    ('high', 'medium', None)
    """
    return key_named(RISK_LEVELS, text) if isinstance(text, str) else None


@dataclass(frozen=True)
class RiskRow:
    """One risk of one municipality: likelihood and severity (1-5) and the level it states."""

    municipality: str
    likelihood: int | None = None
    severity: int | None = None
    level: str | None = None  # as typed: a key or any spelling of RISK_LEVELS
    risk_id: str = ""
    factor: str = ""

    @classmethod
    def from_row(cls, municipality: str, row: Mapping[str, Any]) -> "RiskRow":
        """From a plan row of the risks sheet (values keyed by the schema's column keys)."""
        return cls(municipality, _whole(row.get("likelihood")), _whole(row.get("severity")),
                   row.get("level") if isinstance(row.get("level"), str) else None,
                   str(row.get("risk_id") or ""), str(row.get("factor") or ""))

    @property
    def score(self) -> int | None:
        return score(self.likelihood, self.severity)

    @property
    def effective(self) -> str | None:
        """Its score's band when scored, else the level it states, else None (not rated)."""
        return effective_level(level_key(self.level), self.likelihood, self.severity)


@dataclass(frozen=True)
class RiskSummary:
    """The risks of one municipality (or of the region): heat map of the scored, counts per level."""

    name: str
    grid: list[list[int]]  # as heatmap(): rows impact 5..1, columns likelihood 1..5
    counts: Mapping[str, int]  # per level and "none", scored or stated
    scored: int  # risks with a score: the heat map's total
    stated_only: int  # counted in the band they state, without a score (none is invented)
    total: int


def summarise(name: str, rows: Iterable[RiskRow]) -> RiskSummary:
    """Heat map and level counts of a set of risks."""
    rows = list(rows)
    scored = [r for r in rows if r.score is not None]
    return RiskSummary(
        name=name, grid=heatmap((r.likelihood, r.severity) for r in scored),  # type: ignore[misc]
        counts=level_counts(r.effective for r in rows), scored=len(scored),
        stated_only=sum(r.score is None and r.effective is not None for r in rows), total=len(rows))


@dataclass(frozen=True)
class RegionalRisks:
    """One summary per municipality (in the order given, then any others) and one for the region."""

    municipalities: tuple[RiskSummary, ...]
    region: RiskSummary


def regional_risks(rows: Iterable[RiskRow], municipalities: Sequence[str] = (),
                   region: str = "") -> RegionalRisks:
    """Summaries per municipality (those listed appear even without risks) and for the whole region."""
    rows = list(rows)
    names = [*municipalities, *sorted({r.municipality for r in rows} - set(municipalities))]
    per = tuple(summarise(m, (r for r in rows if r.municipality == m)) for m in names)
    return RegionalRisks(per, summarise(region, rows))


def _whole(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if float(value).is_integer() else None
