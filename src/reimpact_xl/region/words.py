"""The regional picture's words and small formatters, shared by its grids, roll-up and summary."""
from __future__ import annotations

import re

from ..plan.issues import Issue
from ..schema import Text, rule
from ..schema.vocab import RISK_LEVELS, STATUSES

NOT_SUBMITTED = Text("words.not_submitted")
NOT_LISTED = Text("words.not_listed")
STATUS_WORDS = {"used": Text("words.status_words.used"), "superseded": Text("words.status_words.superseded"),
                "unreadable": Text("words.status_words.unreadable"), "not_plan": Text("words.status_words.not_plan")}
INDICATOR_STATUS_WORDS = {c.key: c.label for c in STATUSES}
LEVEL_WORDS = {**{c.key: c.label for c in RISK_LEVELS}, "none": Text("words.unrated")}  # risk levels, "not rated"


def percent(value: float | None) -> float | None:
    """A progress share as a percentage rounded to one decimal (0.305 -> 30.5).

    >>> percent(0.305), percent(1 / 3), percent(None)
    (30.5, 33.3, None)
    """
    return None if value is None else round(100 * value, 1)


def rule_title(issue: Issue, lang: str) -> str:
    """A rule in words: its title, else the issue's message without its place."""
    found = rule(issue.rule)
    return found.title(lang) if found.title.lv else _placeless(issue, lang)


def _placeless(issue: Issue, lang: str) -> str:
    """An issue's message without its "(lapa …, šūna …)": the problem in general words."""
    value = " ".join(str(issue.value).split())
    text = rule(issue.rule).message(lang).format(
        where="", column=issue.column_label(lang), value=value if len(value) <= 60 else value[:59] + "…",
        expected=issue.expected, detail=issue.detail)
    return re.sub(r"\s+([.,;:)])", r"\1", " ".join(text.split()))
