"""Property: a generated plan (synthetic) written into the template and read back is the same plan."""
from __future__ import annotations

import re
import string
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reimpact_xl.plan.model import Plan
from reimpact_xl.read.reader import read_plan
from reimpact_xl.schema import SHEETS, Column, ColumnType
from reimpact_xl.workbook.build import build_workbook

LETTERS = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzžAĀBCČDEĒFGĢHIĪJKĶLĻMNŅOPRSŠTUŪVZŽ"
ALPHABET = LETTERS + string.digits + " .,;:–()“”\"'!?%€/=+@-\n"


def _text() -> st.SearchStrategy[str]:
    """Text as people type it (diacritics, quotes, line breaks, formula-like starts), never blank."""
    return (st.text(alphabet=ALPHABET, min_size=1, max_size=40)
            .map(lambda s: "\n".join(line.strip() for line in s.strip().splitlines()).strip())
            .filter(lambda s: any(ch in LETTERS for ch in s) and not s.startswith("Piemērs")))


def _id(col: Column) -> st.SearchStrategy[str]:
    pattern = col.id_pattern.split("|")[0].replace("(?:", "").replace(")", "")
    ascii_pattern = pattern.replace("\\d", "[0-9]")
    return st.from_regex(f"^{ascii_pattern}$", fullmatch=True).filter(lambda v: re.fullmatch(col.id_pattern, v))


def value_of(col: Column) -> st.SearchStrategy[object]:
    if col.choices and col.type is ColumnType.CHOICE:
        return st.sampled_from([c.key for c in col.choices])
    if col.type in (ColumnType.INTEGER,):
        return st.integers(int(col.minimum or 0), int(col.maximum or 1000))
    if col.type is ColumnType.YEAR:
        return st.integers(2000, 2100)
    if col.type in (ColumnType.NUMBER, ColumnType.EUR, ColumnType.PERCENT):
        return st.integers(0, 10_000_000).map(lambda cents: cents / 100)
    if col.type is ColumnType.DATE:
        return st.dates(date(2000, 1, 1), date(2100, 12, 31))
    if col.type in (ColumnType.ID, ColumnType.REF):
        return _id(col)
    return _text()


def row_of(sheet) -> st.SearchStrategy[dict]:
    columns = [c for c in sheet.input_columns if c.key != "no"]
    return st.fixed_dictionaries({}, optional={c.key: value_of(c) for c in columns}).filter(
        lambda row: sum(1 for c in columns if c.type is ColumnType.TEXT and c.key in row) >= 1)


plans = st.fixed_dictionaries({
    sheet.key: st.lists(row_of(sheet), max_size=3) for sheet in SHEETS
}).map(lambda sheets: {"municipality": "Sintētiskais novads", "sheets": sheets})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=plans)
def test_a_plan_written_into_the_template_reads_back_equal(tmp_path_factory, data):
    plan = Plan.from_dict(data)
    path = tmp_path_factory.mktemp("rt") / "plan.xlsx"
    build_workbook(path, municipality=plan.municipality, plan=plan)
    back, report = read_plan(path)
    assert back is not None, [i.message() for i in report]
    assert back.municipality == "Sintētiskais novads"
    for sheet in SHEETS:
        written = [{k: v for k, v in row.items()} for row in data["sheets"][sheet.key]]
        table = back.tables.get(sheet.key)
        read = [{k: v for k, v in row.items() if v is not None and sheet.column(k).type is not ColumnType.FORMULA}
                for row in (table.rows if table else [])]
        assert read == written, sheet.key
