"""Pandera schemas generated from the sheet schema; one lazy run per sheet for all plans together."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Sequence

import pandas as pd
import pandera.pandas as pa

from ..issues import Issue
from ..plan import Plan
from ..schema import SHEETS_BY_KEY, Column, ColumnType, Sheet
from . import cells

ROW_KEYS = ("_plan", "_row")  # which plan (index into the list) and which row of its table


def sheet_frame(sheet: Sheet, plans: Sequence[Plan]) -> pd.DataFrame:
    """All plans' rows of one sheet in one frame of Python objects, with their origin."""
    keys = sheet.keys  # a property that builds the tuple on each access
    records: list[dict[str, object]] = []
    for p, plan in enumerate(plans):
        table = plan.tables.get(sheet.key)
        for r, row in enumerate(table.rows if table else ()):
            records.append({"_plan": p, "_row": r, **{k: row.get(k) for k in keys}})
    columns = [*ROW_KEYS, *keys]
    return pd.DataFrame.from_records(records, columns=columns).astype(object)


def _element(slug: str, predicate: Callable[[object], bool]) -> pa.Check:
    return pa.Check(predicate, element_wise=True, name=slug)


def column_checks(col: Column) -> list[pa.Check]:
    """The per-cell rules that apply to one column, each named by its rule slug."""
    checks: list[pa.Check] = []
    if col.required:
        checks.append(pa.Check(lambda s: ~s.map(cells.is_blank), name="required-missing", ignore_na=False))
    if col.type in (ColumnType.INTEGER, ColumnType.YEAR):
        checks.append(_element("type-integer", lambda v, c=col: cells.type_ok(c, v)))
    elif col.numeric:
        checks.append(_element("type-number", lambda v, c=col: cells.type_ok(c, v)))
    elif col.type is ColumnType.DATE:
        checks.append(_element("type-date", lambda v, c=col: cells.type_ok(c, v)))
    if col.minimum is not None or col.maximum is not None:
        checks.append(_element("out-of-range", lambda v, c=col: cells.in_range(c, v)))
    if col.choices and not col.open_choice and col.type is ColumnType.CHOICE:
        checks.append(_element("choice-invalid", lambda v, c=col: cells.choice_ok(c, v)))
    if col.open_choice:
        checks.append(_element("choice-other", lambda v, c=col: not isinstance(v, str) or cells.choice_ok(c, v)))
    if col.type in (ColumnType.ID, ColumnType.REF) and col.id_pattern:
        checks.append(_element("id-format", lambda v, c=col: cells.id_ok(c, v)))
    if col.type in (ColumnType.TEXT, ColumnType.PERIOD, ColumnType.CHOICE):
        checks.append(_element("placeholder", lambda v: not cells.placeholder(v)))
        checks.append(_element("template-example", lambda v: not cells.template_example(v)))
    if col.single_item:
        checks.append(_element("multiple-items", lambda v: cells.item_count(v) < 2))
    if col.type is ColumnType.PERIOD:
        checks.append(_element("period-unreadable", _period_readable))
    return checks


def _period_readable(value: object) -> bool:
    if cells.is_blank(value) or not isinstance(value, str) or cells.placeholder(value):
        return True
    return _parses_as_period(value)


@lru_cache(maxsize=8192)
def _parses_as_period(text: str) -> bool:
    """Parsing is the costliest cell check (~50 µs); the same timeline texts recur across plans."""
    from ..periods import parse_period

    return parse_period(text) is not None


def sheet_schema(sheet: Sheet) -> pa.DataFrameSchema:
    """The Pandera schema of one sheet: object columns, every rule a named check."""
    return _schema_for(sheet.key)


@lru_cache(maxsize=None)
def _schema_for(key: str) -> pa.DataFrameSchema:
    sheet = SHEETS_BY_KEY[key]
    columns = {
        col.key: pa.Column(object, checks=column_checks(col), nullable=True, required=False)
        for col in sheet.input_columns
    }
    return pa.DataFrameSchema(columns, name=sheet.key, coerce=False)


def failures(sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
    """Run the sheet's schema lazily; one row per failing cell: column, check, failure_case, index."""
    if frame.empty:
        return frame.iloc[0:0]
    try:
        sheet_schema(sheet).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return cases[cases["index"].notna()]
    return frame.iloc[0:0]


def frame_issues(sheet: Sheet, plans: Sequence[Plan], lang: str) -> list[Issue]:
    """Every per-cell problem of one sheet in all plans, as issues that name file, sheet and cell."""
    frame = sheet_frame(sheet, plans)
    found = failures(sheet, frame)
    issues: list[Issue] = []
    for case in found.itertuples(index=False):
        origin = frame.loc[int(case.index)]
        plan, row = plans[int(origin["_plan"])], int(origin["_row"])
        col = sheet.column(str(case.column))
        issues.append(_issue(sheet, plan, row, col, str(case.check), origin[col.key], lang))
    return issues


def _issue(sheet: Sheet, plan: Plan, row: int, col: Column, slug: str, value: object, lang: str) -> Issue:
    table = plan.tables[sheet.key]
    expected, detail = "", ""
    if slug == "choice-invalid":
        expected = ", ".join(c.label(lang) for c in col.choices)
    elif slug == "out-of-range":
        expected = f"{_num(col.minimum)}–{_num(col.maximum)}"
    elif slug == "id-format":
        expected = id_example(col.id_pattern)
    elif slug == "multiple-items":
        detail = str(cells.item_count(value))
    return Issue(slug, file=plan.file, sheet=table.sheet_name or sheet.name(lang), cell=table.cell(row, col.key),
                 column=col.key, value="" if value is None else str(value), expected=expected, detail=detail)


def id_example(pattern: str) -> str:
    """A regular expression of IDs as the user reads it: r"M\\d+\\.U\\d+" -> "M1.U1"."""
    text = pattern.replace("(?:", "").replace(")", "").replace("[a-z]?", "").replace("\\.", ".")
    return " / ".join(dict.fromkeys(text.replace("\\d+", "1").split("|")))


def _num(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value)
