"""Hints for free-text indicators (pure): the roll-up never merges them by similarity, so the feedback
tells the municipality which standard indicator the text most likely means, to pick it from the list."""
from __future__ import annotations

from typing import Iterator

from ..plan import indicators
from ..plan.issues import Issue
from .model import Result


def standard_hints(result: "Result", lang: str = "lv") -> Iterator[Issue]:
    """A note on every #8 indicator typed as text that resembles a standard indicator of the list."""
    for plan in result.plans:
        table = plan.tables.get("indicators")
        for i, row in enumerate(table.rows if table else ()):
            text = row.get("indicator")
            if not isinstance(text, str) or indicators.chosen_key(text):
                continue
            likely = indicators.standard_key(text)
            if likely:
                yield Issue("indicator-not-standard", file=plan.file, sheet=table.sheet_name,
                            cell=table.cell(i, "indicator"), column="indicator", value=text,
                            expected=indicators.standard_title(likely, lang))
