"""A plan the rules were not written from (tests/fixtures/ilustrativs_novads.yaml, illustrative data, labelled
so): written from the seed guidance as a specialist fills the template, with blanks, doubts, reworded and
deleted template rows. Built into a workbook, read back (and saved again through LibreOffice), it must
give exactly what a specialist expects: every planted problem at its cell, nothing else."""
from __future__ import annotations

from pathlib import Path

import pytest

from lo import convert, soffice
from reimpact_xl.plan.layout import FIRST_DATA_ROW, col_letter
from reimpact_xl.plan.model import Plan
from reimpact_xl.schema import SHEETS_BY_KEY
from reimpact_xl.validation.check import check_files
from reimpact_xl.workbook.build import build_workbook
from reimpact_xl.workbook.examples import _yaml_load

FIXTURE = Path(__file__).parent / "fixtures" / "ilustrativs_novads.yaml"
IGNORED = {"normalised"}  # the reader's notes on spellings it understood ("Jā", "augsts")


def expected() -> set[tuple[str, str, str]]:
    """(sheet, cell, rule) of every `_expect` in the fixture."""
    data = _yaml_load(FIXTURE.read_text(encoding="utf-8"))
    found = set()
    for key, rows in data["sheets"].items():
        sheet = SHEETS_BY_KEY[key]
        for i, row in enumerate(rows):
            for column, rules in (row.get("_expect") or {}).items():
                cell = f"{col_letter(sheet.keys.index(column))}{FIRST_DATA_ROW + i}"
                for rule in [rules] if isinstance(rules, str) else rules:
                    found.add((sheet.name("lv"), cell, rule))
    return found


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    plan = Plan.from_dict(_yaml_load(FIXTURE.read_text(encoding="utf-8")))
    folder = tmp_path_factory.mktemp("unseen")
    return build_workbook(folder / "ilustrativs_novads.xlsx", plan=plan, plan_period="2026–2028")


def found(path: Path) -> set[tuple[str, str, str]]:
    return {(i.sheet, i.cell, i.rule) for i in check_files([path]) if i.rule not in IGNORED}


def test_the_fixture_says_it_is_illustrative():
    text = FIXTURE.read_text(encoding="utf-8")
    assert "ILUSTRATĪVI DATI" in text and "(ilustratīvi dati)" in text


def test_the_unseen_plan_validates_as_a_specialist_expects(workbook):
    got, want = found(workbook), expected()
    assert len(want) >= 18
    assert (sorted(got - want), sorted(want - got)) == ([], [])  # (false alarms, misses)


def test_the_same_after_a_save_through_libreoffice(workbook, tmp_path):
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    (saved,) = convert([workbook], "xlsx", tmp_path)
    assert found(saved) == expected()


def test_every_blank_message_quotes_the_blank_and_errors_come_first(workbook):
    report = check_files([workbook])
    blanks = [i for i in report if i.rule == "placeholder"]
    assert blanks and all(("_" in i.value or "?" in i.value) and len(i.value) < 90 for i in blanks)
    levels = [i.level.value for i in report]
    assert levels == sorted(levels, key=["error", "warning", "info"].index)
