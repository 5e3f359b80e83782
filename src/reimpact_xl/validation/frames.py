"""Pandera schemas generated from the sheet schema; one lazy run per sheet for all plans together."""
from __future__ import annotations

from functools import lru_cache, partial
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..plan.issues import Issue
from ..plan.model import Plan
from ..plan.periods import parse_period
from ..schema import SHEETS_BY_KEY, Column, ColumnType, Sheet, Text
from . import cells, text_rules

ROW_KEYS = ("_plan", "_row")  # which plan (index into the list) and which row of its table


def sheet_frame(sheet: Sheet, plans: Sequence[Plan]) -> pd.DataFrame:
    """All plans' rows of one sheet in one frame of Python objects, with their origin."""
    keys = sheet.keys  # a property that builds the tuple on each access
    # tuples, not dicts: from_records turns both into the same object array, tuples are cheaper to build
    records = [(p, r, *map(row.get, keys))
               for p, plan in enumerate(plans) for r, row in enumerate(_rows(plan, sheet.key))]
    columns = [*ROW_KEYS, *keys]
    return pd.DataFrame.from_records(records, columns=columns).astype(object)


def _rows(plan: Plan, key: str) -> list[dict[str, Any]]:
    table = plan.tables.get(key)
    return table.rows if table else []


def _memoised(slug: str, predicate: Callable[[object], bool], ignore_na: bool = True) -> pa.Check:
    """A vectorised check: the predicate runs once per distinct cell value (and type) of the column."""
    def check(series: pd.Series) -> pd.Series:
        # keys, numbers and years recur across plans; typed, so that 1, 1.0 and True stay apart
        try:
            return series.map(lru_cache(maxsize=None, typed=True)(predicate))
        except TypeError:  # an unhashable cell (a list from plain data): check each cell as it is
            return series.map(predicate)
    return pa.Check(check, name=slug, ignore_na=ignore_na)


def _text_rule(slug: str, predicate: Callable[[object], bool]) -> pa.Check:
    """A vectorised check for a rule that passes every non-text value: it runs once per distinct value."""
    return pa.Check(partial(_per_distinct, predicate=predicate), name=slug)


def _per_distinct(series: pd.Series, predicate: Callable[[object], bool]) -> pd.Series:
    """predicate mapped over the series, called once per distinct value.

    factorize merges equal values of different types (1, 1.0, True): harmless only for predicates that
    give every non-text value the same answer, as the text rules do.
    """
    try:
        codes, distinct = pd.factorize(series.to_numpy(dtype=object))
    except TypeError:  # an unhashable cell (a list from plain data): check each cell as it is
        return series.map(predicate)
    if (codes < 0).any():  # a missing value Pandera did not drop: leave it to the predicate
        return series.map(predicate)
    verdicts = np.fromiter(map(predicate, distinct), dtype=bool, count=len(distinct))
    return pd.Series(verdicts[codes], index=series.index, name=series.name)


def column_checks(col: Column) -> list[pa.Check]:
    """The per-cell rules that apply to one column, each named by its rule slug."""
    checks: list[pa.Check] = []
    if col.required:
        checks.append(_memoised("required-missing", _filled, ignore_na=False))
    if col.type in (ColumnType.INTEGER, ColumnType.YEAR):
        checks.append(_memoised("type-integer", partial(cells.type_ok, col)))
    elif col.numeric:
        checks.append(_memoised("type-number", partial(cells.type_ok, col)))
    elif col.type is ColumnType.DATE:
        checks.append(_memoised("type-date", partial(cells.type_ok, col)))
    if col.minimum is not None or col.maximum is not None:
        checks.append(_memoised("out-of-range", partial(cells.in_range, col)))
    if col.choices and not col.open_choice and col.type is ColumnType.CHOICE:
        checks.append(_memoised("choice-invalid", partial(cells.choice_ok, col)))
    if col.open_choice:
        checks.append(_memoised("choice-other", partial(cells.choice_listed, col)))
    if col.type in (ColumnType.ID, ColumnType.REF) and col.id_pattern:
        checks.append(_id_rule(col))
    if col.type not in (ColumnType.ID, ColumnType.REF):  # an ID is checked by its format
        # a choice's stored key ("q4_participants") is the list's own word, never a blank
        checks.append(_text_rule("placeholder", partial(_no_placeholder, col)))
    if col.type in (ColumnType.TEXT, ColumnType.PERIOD, ColumnType.CHOICE):
        checks.append(_text_rule("template-example", lambda v: not cells.template_example(v)))
    if col.single_item:
        checks.append(_text_rule("multiple-items", partial(_single_item, col.key)))
    if col.type is ColumnType.PERIOD:
        checks.append(_text_rule("period-unreadable", _period_readable))
    return checks


def _no_placeholder(col: Column, value: object) -> bool:
    return col.choice(value) is not None or not cells.placeholder(value)


def _single_item(key: str, value: object) -> bool:
    return not cells.multiple_items(value, key)


def _filled(value: object) -> bool:
    return not cells.is_blank(value)


def _id_rule(col: Column) -> pa.Check:
    """id_ok reads a value as text, so the check runs on the texts (equal numbers 0.0 and -0.0 print apart)."""
    def check(series: pd.Series) -> pd.Series:
        return _per_distinct(series.map(str), partial(cells.id_ok, col))
    return pa.Check(check, name="id-format")


def _period_readable(value: object) -> bool:
    if cells.is_blank(value) or not isinstance(value, str) or cells.placeholder(value):
        return True
    return _parses_as_period(value)


@lru_cache(maxsize=8192)
def _parses_as_period(text: str) -> bool:
    """Parsing is the costliest cell check (~50 µs); the same timeline texts recur across plans."""
    return parse_period(text) is not None


def sheet_schema(sheet: Sheet) -> pa.DataFrameSchema:
    """The Pandera schema of one sheet: every rule a named check on a column of Python objects."""
    return _schema_for(sheet.key)


@lru_cache(maxsize=None)
def _schema_for(key: str) -> pa.DataFrameSchema:
    sheet = SHEETS_BY_KEY[key]
    # no dtype: sheet_frame makes every column object, and Pandera's dtype check (a failed geopandas import per
    # column and run) could only report a whole column, which failures() drops; the rules are the checks
    columns = {
        col.key: pa.Column(None, checks=column_checks(col), nullable=True, required=False)
        for col in sheet.input_columns
    }
    return pa.DataFrameSchema(columns, name=sheet.key, coerce=False)


def prepare() -> None:
    """Build every sheet's schema and let Pandera load its backends (~0.3 s on the first validation),
    so that this can happen while the plans are still being read."""
    for sheet in SHEETS_BY_KEY.values():
        schema = sheet_schema(sheet)
    schema.validate(pd.DataFrame({key: pd.Series([], dtype=object) for key in schema.columns}), lazy=True)


def failures(sheet: Sheet, frame: pd.DataFrame) -> pd.DataFrame:
    """Run the sheet's schema lazily; one row per failing cell: column, check, failure_case, index."""
    if frame.empty:
        return frame.iloc[0:0]
    try:
        sheet_schema(sheet).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases: pd.DataFrame = exc.failure_cases
        return cases[cases["index"].notna()]
    return frame.iloc[0:0]


def frame_issues(sheet: Sheet, plans: Sequence[Plan], lang: str) -> list[Issue]:
    """Every per-cell problem of one sheet in all plans, as issues that name file, sheet and cell."""
    frame = sheet_frame(sheet, plans)
    found = failures(sheet, frame)
    if found.empty:
        return []
    # the frame has a RangeIndex: a failure's index is its row's position (frame.loc per case is slow)
    origin = frame["_plan"].to_numpy(), frame["_row"].to_numpy()
    values = {key: frame[key].to_numpy() for key in found["column"].unique()}
    issues: list[Issue] = []
    for column, slug, index in zip(found["column"], found["check"], found["index"]):
        at = int(index)
        col = sheet.column(str(column))
        plan, row = plans[int(origin[0][at])], int(origin[1][at])
        issues.append(_issue(sheet, plan, row, col, str(slug), values[column][at], lang))
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
        detail = str(cells.item_count(value, col.key))
        value = " / ".join(line.strip() for line in str(value).splitlines() if line.strip())  # the items apart
    elif slug == "required-missing" and col.help(lang):
        detail = COLUMN_TAKES(lang).format(help=col.help(lang))
    elif slug == "placeholder" and isinstance(value, str):
        value = text_rules.blank_quote(value)
    return Issue(slug, file=plan.file, sheet=table.sheet_name or sheet.name(lang), cell=table.cell(row, col.key),
                 column=col.key, value="" if value is None else str(value), expected=expected, detail=detail)


COLUMN_TAKES = Text("frames.column_takes")


def id_example(pattern: str) -> str:
    """A regular expression of IDs as the user reads it: r"M\\d+\\.U\\d+" -> "M1.U1"."""
    text = pattern.replace("(?:", "").replace(")", "").replace("[a-z]?", "").replace("\\.", ".")
    return " / ".join(dict.fromkeys(text.replace("\\d+", "1").split("|")))


def _num(value: float | None) -> str:
    if value is None:
        return "…"
    return str(int(value)) if float(value).is_integer() else str(value)
