"""Risk score, band and colour, defined once for the workbook, the master and the reports (pure)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

# score = likelihood x impact (1-5 each); bands are inclusive ranges of the score.
BANDS: tuple[tuple[int, int, str], ...] = ((1, 4, "low"), (5, 9, "medium"), (10, 25, "high"))
LEVELS = tuple(b[2] for b in BANDS)
# fill and font colours per level: the same in conditional formatting, master and HTML.
COLOURS = {"low": ("#C6EFCE", "#006100"), "medium": ("#FFEB9C", "#7F6000"), "high": ("#FFC7CE", "#9C0006")}


def score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood x impact, or None when either is missing or outside 1-5."""
    if likelihood is None or impact is None:
        return None
    if not (1 <= likelihood <= 5 and 1 <= impact <= 5):
        return None
    return likelihood * impact


def band(value: int | None) -> str | None:
    """The level ("low", "medium", "high") of a score, or None for no score."""
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
