"""Indicator progress and status (pure); the workbook's formulas use the same constants."""
from __future__ import annotations

from datetime import date

# Status against the progress expected by the reporting date (pro rata between baseline and target year):
# achieved at progress >= 1; on track when at most ON_TRACK_GAP behind the expected progress;
# behind when at most BEHIND_GAP behind; off track beyond that. No actual value: no data.
ON_TRACK_GAP = 0.10
BEHIND_GAP = 0.25
STATUS_KEYS = ("achieved", "on_track", "behind", "off_track", "no_data")


def progress(baseline: float | None, target: float | None, actual: float | None) -> float | None:
    """(actual - baseline) / (target - baseline); None when a value is missing or target == baseline.

    A missing baseline counts as 0: most plans state only a target ("vismaz 5 partnerības").
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
