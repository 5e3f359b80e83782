"""The template's pre-filled rows (#3 data types, #10 risks, #11 monitoring): kept, reworded or deleted.

A municipality may make a pre-filled row more specific ("Risku analīzes veikšana" becomes "Ikgadēja
risku analīze un plāna aktualizācija"): the row keeps its place and its number or ID, so it is still the
template's row. Only a row that is really gone is reported, at the cell where it stood.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from ..plan.issues import Issue
from ..plan.model import Plan, Table
from ..schema import SHEETS, SHEETS_BY_KEY, ColumnType, Text, languages
from .cells import is_blank
from .plan_rules import _cell

START_CHARS = 30  # a row whose text starts like the template row's (folded) is that row


def template_row_issues(plan: Plan, lang: str) -> Iterator[Issue]:
    """A warning for each pre-filled row that was deleted, with the cell where it stood."""
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        if not sheet.prefilled or not table or not table.rows:
            continue
        text_key, number_key, starts = _template_keys(sheet.key)
        matched = match_rows(table, text_key, number_key, starts)
        for m, index in enumerate(matched):
            if index is not None:
                continue
            place = next((j for j in matched[m + 1:] if j is not None), len(table.rows))
            wanted = sheet.prefilled_rows(lang)[m]
            yield Issue("template-row-missing", file=plan.file, sheet=table.sheet_name or sheet.name(lang),
                        cell=_cell(table, place, text_key), column=text_key, value=wanted[text_key],
                        detail=str(wanted.get(number_key, m + 1)))


def match_rows(table: Table, text_key: str, number_key: str,
               starts: tuple[frozenset[str], ...]) -> list[int | None]:
    """For each template row, the index of the table row that is it (or None where it is gone).

    Three passes, each over the rows not yet taken and keeping the template's order: the same text
    start (in any language found); the same number or ID with a text of its own (reworded); the same
    place, where the row carries no other number.
    """
    rows = table.rows
    taken: dict[int, int] = {}  # table row -> template row
    found: list[int | None] = [None] * len(starts)
    numbers = [_number(r.get(number_key)) if number_key else "" for r in rows]
    heads = [_fold(r.get(text_key))[:START_CHARS] for r in rows]
    for m, start in enumerate(starts):
        same = [i for i, head in enumerate(heads) if head in start and i not in taken]
        # of several rows with the template's text, the one that also has its number
        row = next((i for i in same if numbers[i] == _wanted(table, m) != ""), same[0] if same else None)
        if row is not None:
            found[m], taken[row] = row, m
    for m in _missing(found) if number_key else ():
        row = _first(i for i, r in enumerate(rows) if i not in taken and numbers[i] == _wanted(table, m)
                     and not is_blank(r.get(text_key)) and _in_order(found, m, i))
        if row is not None:
            found[m], taken[row] = row, m
    for m in _missing(found):
        if m < len(rows) and m not in taken and not is_blank(rows[m].get(text_key)) and \
                numbers[m] in ("", _wanted(table, m)) and _in_order(found, m, m):
            found[m] = m
            taken[m] = m
    return found


def _in_order(found: list[int | None], m: int, i: int) -> bool:
    """Table row i may stand for template row m only if the template rows found around it keep their order."""
    return all(j is None or j < i for j in found[:m]) and all(j is None or j > i for j in found[m + 1:])


def _missing(found: list[int | None]) -> list[int]:
    return [m for m, j in enumerate(found) if j is None]


def _first(indices: Iterable[int]) -> int | None:
    return next(iter(indices), None)


def _wanted(table: Table, m: int) -> str:
    key = _template_keys(table.sheet.key)[1]
    return _number(table.sheet.prefilled_rows()[m].get(key))


def _number(value: object) -> str:
    """A row number or ID as compared: "3", "3.", 3.0 -> "3"; "r3" -> "R3"."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().rstrip(".").upper()


def _template_keys(sheet_key: str) -> tuple[str, str, tuple[frozenset[str], ...]]:
    """The text column of a sheet's template rows, its number or ID column, and each row's folded starts."""
    return _keys(sheet_key, languages())


@lru_cache(maxsize=None)
def _keys(sheet_key: str, langs: tuple[str, ...]) -> tuple[str, str, tuple[frozenset[str], ...]]:
    """_template_keys for the languages found: a row's start in each of them is its start."""
    sheet = SHEETS_BY_KEY[sheet_key]
    first = sheet.prefilled[0]
    text_key = next(c.key for c in sheet.columns if c.type is ColumnType.TEXT and c.key != "no" and c.key in first)
    number_key = next((k for k in first if k == "no" or sheet.column(k).type is ColumnType.ID), "")
    starts = tuple(frozenset(_fold(v)[:START_CHARS] for v in _variants(row[text_key])) for row in sheet.prefilled)
    return text_key, number_key, starts


def _variants(value: str | Text) -> tuple[str, ...]:
    return value.variants() if isinstance(value, Text) else (value,)


def _fold(value: object) -> str:
    return "" if is_blank(value) else " ".join(str(value).split()).casefold()
