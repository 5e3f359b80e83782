"""The cover's "to fix" count per sheet: the errors of `validate` that a formula can count, as formulas
and their Python twins (pure: no Excel library).

Counted (COUNTED_RULES): empty required cells in rows that hold anything, an empty required worksheet,
a risk with neither score nor level, a missing measure of a medium or high risk, an actual value
without a date, and a number out of its range. What a formula cannot count well (blanks and doubts in
text, IDs and links between sheets, the plan period on the cover, closed lists read through their
aliases, numbers typed as text) is left to "Pārbaudīt", the full check; the cover says so.
"""
from __future__ import annotations

from typing import Any

from ..schema import Column
from .cells import (
    Geometry,
    effective_level,
    filled_count,
    filled_rows,
    input_lengths,
    is_blank,
    level_labels,
    level_variants,
    missing_required,
    number,
    row_has_value,
    text_literal,
)

COUNTED_RULES = frozenset({"required-missing", "sheet-empty", "risk-level-missing", "risk-measures-missing",
                           "actual-undated", "out-of-range"})
MEASURES = ("preventive", "reactive", "responsible")
EMPTY_TEXTS = ("", "-", "–", "—", "- -", "– –")  # validation.cells.is_empty_text: "nothing here"


def error_formula(geo: Geometry, lang: str) -> str:
    """The count of COUNTED_RULES errors on one sheet, as one formula."""
    parts = [_required(geo), *_ranges(geo)]
    if geo.sheet.required:
        parts.append(f"IF({filled_count(geo)}=0,1,0)")
    if geo.sheet.key == "risks":
        parts += [_unrated(geo), _measures(geo, lang)]
    if geo.sheet.key == "indicators":
        parts.append(f"SUMPRODUCT(ISNUMBER({geo.column_range('actual')})*(LEN({geo.column_range('actual_date')})=0))")
    return "=" + "+".join(p for p in parts if p)


def error_count(geo: Geometry) -> int:
    """What error_formula computes, from the values written (the cached value of the cover's cell)."""
    rows = [r for r in geo.values if row_has_value(r, geo.sheet)]
    count = missing_required(rows, geo.sheet)
    count += sum(1 for r in rows for c in _bounded(geo) if _outside(c, r.get(c.key)))
    if geo.sheet.required and not filled_rows(geo.values, geo.sheet):
        count += 1
    if geo.sheet.key == "risks":
        for r in rows:
            level = effective_level(r)
            if level is None and is_blank(r.get("level")):
                count += 1
            elif level in ("medium", "high"):
                count += sum(1 for k in MEASURES if _empty_text(r.get(k)))
    if geo.sheet.key == "indicators":
        count += sum(1 for r in rows if number(r.get("actual")) is not None and is_blank(r.get("actual_date")))
    return count


def _required(geo: Geometry) -> str:
    required = geo.required_keys()
    if not required:
        return ""
    blanks = "+".join(f'({geo.column_range(k)}="")' for k in required)
    return f"SUMPRODUCT(({blanks})*(({input_lengths(geo)})>0))"


def _bounded(geo: Geometry) -> list[Column]:
    return [c for c in geo.sheet.input_columns if c.numeric and (c.minimum is not None or c.maximum is not None)]


def _ranges(geo: Geometry) -> list[str]:
    parts = []
    for col in _bounded(geo):
        r = geo.column_range(col.key)
        tests = [f"({r}<{_num(col.minimum)})" if col.minimum is not None else "",
                 f"({r}>{_num(col.maximum)})" if col.maximum is not None else ""]
        parts.append(f"SUMPRODUCT(ISNUMBER({r})*(({'+'.join(t for t in tests if t)})>0))")
    return parts


def _outside(col: Column, value: Any) -> bool:
    n = number(value)
    if n is None:
        return False
    return (col.minimum is not None and n < col.minimum) or (col.maximum is not None and n > col.maximum)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _unrated(geo: Geometry) -> str:
    """risk-level-missing: a row with something in it, no score (computed level "") and no level typed."""
    computed, stated = geo.column_range("computed_level"), geo.column_range("level")
    return f'SUMPRODUCT((({input_lengths(geo)})>0)*({computed}="")*(LEN({stated})=0))'


def _measures(geo: Geometry, lang: str) -> str:
    """risk-measures-missing: each empty measure of a risk whose level (scored, else typed) is medium or high."""
    computed, stated = geo.column_range("computed_level"), geo.column_range("level")
    labels = level_labels(lang)
    typed = "+".join(f"(TRIM({stated})={text_literal(v)})" for lv in ("medium", "high") for v in level_variants(lv))
    serious = (f"(({computed}={text_literal(labels['medium'])})+({computed}={text_literal(labels['high'])})"
               f'+({computed}="")*({typed}))')
    empty = "+".join(f"(TRIM({geo.column_range(k)})={text_literal(t)})" for k in MEASURES for t in EMPTY_TEXTS)
    return f"SUMPRODUCT({serious}*({empty}))"


def _empty_text(value: Any) -> bool:
    return is_blank(value) or (isinstance(value, str) and " ".join(value.split()) in EMPTY_TEXTS)

