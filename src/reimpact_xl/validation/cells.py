"""Predicates on one cell value, shared by the Pandera checks and the cross-sheet rules (pure)."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import TypeGuard

from ..schema import Column, ColumnType
from . import text_rules


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value != value  # NaN


def is_empty_text(value: object) -> bool:
    """Blank, or a lone dash: what the seed plans write for "nothing here"."""
    return is_blank(value) or (isinstance(value, str) and value.strip() in {"-", "–", "—", "- -", "– –"})


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def is_integer(value: object) -> bool:
    return is_number(value) and float(value).is_integer()


def is_date(value: object) -> bool:
    return isinstance(value, (date, datetime))


def type_ok(col: Column, value: object) -> bool:
    """Does a non-blank value have the column's type? Text-like columns accept anything; a blank left to
    fill ("__", "202_.") is the placeholder rule's, not a wrong type."""
    if is_blank(value) or text_rules.has_blank(value):
        return True
    if col.type in (ColumnType.INTEGER, ColumnType.YEAR):
        return is_integer(value)
    if col.numeric:
        return is_number(value)
    if col.type is ColumnType.DATE:
        return is_date(value)
    return True


def in_range(col: Column, value: object) -> bool:
    if not is_number(value):
        return True
    low = col.minimum if col.minimum is not None else float("-inf")
    high = col.maximum if col.maximum is not None else float("inf")
    return low <= float(value) <= high


def choice_ok(col: Column, value: object) -> bool:
    """Closed lists: the reader turned every recognised spelling into a key; anything else fails."""
    return is_blank(value) or col.choice(value) is not None


def id_ok(col: Column, value: object) -> bool:
    return is_blank(value) or bool(re.fullmatch(col.id_pattern, str(value), flags=re.ASCII))


def placeholder(value: object) -> bool:
    """A blank left to fill or a doubt (text_rules.blank_spans)."""
    return text_rules.has_blank(value)


def template_example(value: object) -> bool:
    """The cell is one of the template's examples."""
    return text_rules.is_template_example(value)


def multiple_items(value: object, key: str = "") -> bool:
    """Several items (lines, bullets, numbered items) in a one-item cell; a citation's lines are one item."""
    return text_rules.is_list(value, marked_only=key in text_rules.CITATION_COLUMNS)


def item_count(value: object, key: str = "") -> int:
    return text_rules.item_count(value, marked_only=key in text_rules.CITATION_COLUMNS)


def choice_listed(col: Column, value: object) -> bool:
    """An open list's value is on the list, names only entries of it ("ESF, pašvaldības budžets"), or is the
    dash that says "nothing here"."""
    return (not isinstance(value, str) or choice_ok(col, value) or is_empty_text(value)
            or text_rules.all_parts_listed(col, value))
