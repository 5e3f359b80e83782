"""Indicator progress, status and the regional roll-up (pure); the workbook's formulas use the same constants."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from .. import style
from ..schema.model import key_named
from ..schema.vocab import STANDARD_INDICATORS, STANDARD_UNITS, UNITS

# Status against the progress expected by the reporting date (pro rata between baseline and target year):
# achieved at progress >= 1; on track when at most ON_TRACK_GAP behind the expected progress;
# behind when at most BEHIND_GAP behind; off track beyond that. No actual value: no data.
ON_TRACK_GAP = 0.10
BEHIND_GAP = 0.25
STATUS_KEYS = ("achieved", "on_track", "behind", "off_track", "no_data")


def progress(baseline: float | None, target: float | None, actual: float | None) -> float | None:
    """(actual - baseline) / (target - baseline); None when a value is missing or target == baseline.

    A missing baseline counts as 0: most plans state only a target ("vismaz 5 partnerības").

    >>> progress(10, 20, 15), progress(None, 4, 3), progress(100, 50, 75), progress(5, 5, 7)
    (0.5, 0.75, 0.5, None)
    """
    if target is None or actual is None:
        return None
    base = baseline or 0.0
    if target == base:
        return None
    return (actual - base) / (target - base)


def expected_progress(on: date, target_year: int | None, baseline_year: int | None = None) -> float | None:
    """Share of the way from the end of the baseline year to the end of the target year, 0..1."""
    if target_year is None:
        return None
    start = date((baseline_year if baseline_year else target_year - 1), 12, 31)
    end = date(target_year, 12, 31)
    if end <= start:
        return 1.0
    share = (on - start).days / (end - start).days
    return min(1.0, max(0.0, share))


def status(value: float | None, expected: float | None) -> str:
    """The status key of a progress value judged against the expected progress."""
    if value is None:
        return "no_data"
    if value >= 1:
        return "achieved"
    gap = (expected if expected is not None else 1.0) - value
    if gap <= ON_TRACK_GAP:
        return "on_track"
    if gap <= BEHIND_GAP:
        return "behind"
    return "off_track"


# --- status order and colours ---------------------------------------------------------------------

# worst to best; "no_data" stands outside the order
STATUS_ORDER = ("off_track", "behind", "on_track", "achieved")
# (fill, font) per status: cells, master, report; bars use the font colour.
STATUS_COLOURS = style.STATUS


def status_rank(key: str) -> int:
    """Position of a status in STATUS_ORDER (higher is better); -1 for "no_data"."""
    return STATUS_ORDER.index(key) if key in STATUS_ORDER else -1


# --- standard indicators ----------------------------------------------------------------------------

_NEAR = 0.85  # difflib ratio from which a folded text counts as the same indicator
_PREFIX = 0.6  # a standard text followed by an added clause: the share of the text it must cover


def fold(text: str) -> str:
    """Case, diacritics, punctuation and spacing folded away: the comparable core of a text."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _bare(text: str) -> str:
    """The text without its parenthesised examples ("(piemēram, ...)"), folded."""
    return fold(re.sub(r"\([^)]*(\)|$)", " ", text))


@lru_cache(maxsize=1)
def _standard_forms() -> tuple[tuple[str, str], ...]:
    forms = []
    for choice in STANDARD_INDICATORS:
        for text in (*choice.label.variants(), *choice.aliases):
            forms += [(fold(text), choice.key), (_bare(text), choice.key)]
        forms.append((fold(choice.key), choice.key))
    return tuple(forms)


@lru_cache(maxsize=4096)
def standard_key(text: str | None) -> str | None:
    """The key of the standard indicator (vocab STANDARD_INDICATORS) a text names, or None.

    Exact after folding case, diacritics, spaces and punctuation, with or without the parenthesised
    examples; else near-exact (the seeds copy the guidance with small edits).
    """
    if not isinstance(text, str) or not fold(text):
        return None
    folded, bare = fold(text), _bare(text)
    forms = _standard_forms()
    exact = next((key for form, key in forms if form in (folded, bare)), None)
    if exact:
        return exact
    extended = [(len(form), key) for form, key in forms if bare.startswith(form + " ")]
    if extended and max(extended)[0] >= _PREFIX * len(bare):
        return max(extended)[1]
    best, found = 0.0, None
    for form, key in forms:
        matcher = SequenceMatcher(None, bare, form)
        if matcher.real_quick_ratio() < _NEAR or matcher.quick_ratio() < _NEAR:
            continue  # upper bounds of the ratio: the full comparison cannot reach _NEAR
        ratio = matcher.ratio()
        if ratio > best:
            best, found = ratio, key
    return found if best >= _NEAR else None


def unit_key(text: str | None) -> str:
    """The vocab UNITS key a unit text names ("EUR", "eiro", "%"), else the text as written (trimmed).

    >>> unit_key(" eiro "), unit_key("%"), unit_key("  gab. ")
    ('eur', 'percent', 'gab.')
    """
    raw = " ".join(str(text or "").split())
    return key_named(UNITS, raw) or raw


# --- regional roll-up -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One municipality's indicator (a row of worksheet #8) with the numbers a roll-up needs."""

    municipality: str
    indicator: str
    standard_key: str | None = None  # None: matched from the text by standard_key()
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    target_year: int | None = None
    baseline_year: int | None = None
    actual_date: date | None = None
    indicator_id: str = ""

    @classmethod
    def from_row(cls, municipality: str, row: Mapping[str, Any]) -> "IndicatorRow":
        """From a plan row of the indicators sheet (values keyed by the schema's column keys)."""
        when = row.get("actual_date")
        return cls(
            municipality=municipality, indicator=str(row.get("indicator") or "").strip(),
            standard_key=chosen_key(row.get("indicator")), unit=str(row.get("unit") or "").strip(),
            baseline=_number(row.get("baseline")), target=_number(row.get("target")),
            actual=_number(row.get("actual")), target_year=_year(row.get("target_year")),
            baseline_year=_year(row.get("baseline_year")), actual_date=when if isinstance(when, date) else None,
            indicator_id=str(row.get("indicator_id") or ""))


@dataclass(frozen=True)
class RollupRow:
    """One indicator (standard key or folded text) in one unit across the region.

    Counts and EUR are summed, percentages averaged (`how`). Progress is that of the totals of the
    rows that report an actual value and have a target, so a municipality that has not reported
    does not pull the region below its baseline; `missing` names it instead.
    """

    key: str
    label: str  # the indicator as the first municipality wrote it
    standard_key: str | None
    unit: str  # a vocab UNITS key, or the unit as written
    how: str  # "sum" or "mean"
    baseline: float | None
    target: float | None
    actual: float | None
    n: int  # rows with an actual value
    rows: int  # rows in the group
    reporting: tuple[str, ...]
    missing: tuple[str, ...]
    progress: float | None
    status: str
    target_year: int | None = None
    behind: tuple[str, ...] = ()  # municipalities whose own row is behind or off track

    def title(self, lang: str = "lv") -> str:
        """The standard indicator's label in `lang`, else the text as written."""
        return standard_title(self.standard_key, lang) or self.label


def standard_title(key: str | None, lang: str = "lv") -> str:
    """The label of a standard indicator's key in `lang`, "" for any other text."""
    choice = next((c for c in STANDARD_INDICATORS if c.key == key), None)
    return choice.label(lang) if choice else ""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = re.sub(r"[\s\u00a0€%]|eur", "", str(value), flags=re.I).replace(",", ".")
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _year(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number.is_integer() and 1900 <= number <= 2200 else None


def chosen_key(value: Any) -> str | None:
    """The standard indicator's key when the row holds one picked from the list (the reader stores the
    key of a listed item however it was spelt), else None: free text is never matched by similarity."""
    return value if isinstance(value, str) and value in _STANDARD_KEYS else None


_STANDARD_KEYS = frozenset(c.key for c in STANDARD_INDICATORS)


def normal_unit(standard: str | None, unit: str | None) -> str:
    """A row's unit as the roll-up compares it: a vocab UNITS key where the text names one; for a standard
    indicator an empty unit is the indicator's own, and a counted noun ("sociālais uzņēmums") of a
    counting indicator is "count"."""
    key = unit_key(unit)
    default = STANDARD_UNITS.get(standard or "", "")
    if not key:
        return default
    if default == "count" and key not in _UNIT_KEYS:
        return "count"
    return key


_UNIT_KEYS = frozenset(c.key for c in UNITS)


def group_key(row: IndicatorRow) -> tuple[str, str]:
    """(indicator, unit) that a row is rolled up under: the standard indicator picked from the list and
    the normalised unit; a free-text indicator is a group of its own municipality's ("Bauska|<text>")."""
    if row.standard_key:
        return row.standard_key, normal_unit(row.standard_key, row.unit)
    return f"{row.municipality}|{fold(row.indicator)}", unit_key(row.unit)


def _combine(values: Sequence[float], how: str) -> float | None:
    if not values:
        return None
    return math.fsum(values) / len(values) if how == "mean" else math.fsum(values)


def _progress_of(rows: Sequence[IndicatorRow], how: str) -> float | None:
    done = [r for r in rows if r.actual is not None and r.target is not None]
    if not done:
        return None
    base = _combine([r.baseline or 0.0 for r in done], how)
    targets = [r.target for r in done if r.target is not None]  # all of them: `done` has both
    actuals = [r.actual for r in done if r.actual is not None]
    return progress(base, _combine(targets, how), _combine(actuals, how))


def _group_row(key: tuple[str, str], rows: Sequence[IndicatorRow], municipalities: Sequence[str],
               on: date | None) -> RollupRow:
    how = "mean" if key[1] == "percent" else "sum"
    reporting = _ordered_names({r.municipality for r in rows if r.actual is not None}, municipalities)
    target_year = max((r.target_year for r in rows if r.target_year), default=None)
    baseline_year = min((r.baseline_year for r in rows if r.baseline_year), default=None)
    value = _progress_of(rows, how)
    expected = expected_progress(on, target_year, baseline_year) if on else None
    return RollupRow(
        key=key[0], label=rows[0].indicator, standard_key=rows[0].standard_key,
        unit=key[1], how=how,
        baseline=_combine([r.baseline for r in rows if r.baseline is not None], how),
        target=_combine([r.target for r in rows if r.target is not None], how),
        actual=_combine([r.actual for r in rows if r.actual is not None], how),
        n=sum(r.actual is not None for r in rows), rows=len(rows), reporting=reporting,
        missing=tuple(m for m in municipalities if m not in reporting),
        progress=value, status=status(value, expected), target_year=target_year,
        behind=_ordered_names({r.municipality for r in rows if verdict(r, on)[1] in ("behind", "off_track")},
                              municipalities))


def verdict(row: IndicatorRow, on: date | None) -> tuple[float | None, str]:
    """(progress 0..1, status key) of one municipality's indicator judged on `on` (None: the full target)."""
    value = progress(row.baseline, row.target, row.actual)
    expected = expected_progress(on, row.target_year, row.baseline_year) if on else None
    return value, status(value, expected)


def _ordered_names(names: set[str], municipalities: Sequence[str]) -> tuple[str, ...]:
    known = [m for m in municipalities if m in names]
    return (*known, *sorted(names - set(known)))


def rollup(rows: Iterable[IndicatorRow], municipalities: Sequence[str] = (), *,
           on: date | None = None) -> list[RollupRow]:
    """Group indicators by (standard key or folded text, unit) across municipalities.

    `municipalities` are those expected to report; `on` is the reporting date the status is judged
    against (None: against the full target).
    """
    groups: dict[tuple[str, str], list[IndicatorRow]] = {}
    for row in rows:
        groups.setdefault(group_key(row), []).append(row)
    everyone = tuple(municipalities)
    return [_group_row(key, members, everyone if members[0].standard_key else _own(members[0], everyone), on)
            for key, members in groups.items()]


def _own(row: IndicatorRow, municipalities: Sequence[str]) -> tuple[str, ...]:
    """Who is expected to report a free-text indicator: only the municipality that wrote it (group_key keeps
    it a group of its own). Every other one would be "missing" from an indicator it never had: at 1,000
    plans 10,000 such rows each naming ~999 municipalities (300 million characters in the roll-up)."""
    return (row.municipality,) if row.municipality in municipalities else ()
