"""The cover's "Jāizlabo" count agrees with `validate`, sheet by sheet, once LibreOffice has recalculated
every formula (synthetic plan "Testa novads (sintētisks)")."""
from __future__ import annotations

from collections import Counter

import openpyxl
import pytest

from lo import convert, require_soffice
from reimpact_xl.schema import COVER_SHEET, SHEETS
from reimpact_xl.validation.check import check_files
from reimpact_xl.workbook.build import build_workbook
from reimpact_xl.workbook.counts import COUNTED_RULES
from test_validation import good_plan


def faulty_plan():
    """Errors of every counted kind, and some the cover leaves to the full check (a blank, a bad reference)."""
    plan = good_plan()
    plan.tables["legal_acts"].rows.clear()  # sheet-empty
    plan.tables["partners"].rows.append({"cooperation_type": "c2"})  # organisation missing
    plan.tables["monitoring"].rows[1].update(responsible=None, deadline="")  # two required cells
    risks = plan.tables["risks"].rows
    risks[1].update(likelihood=None, severity=None, level=None)  # neither score nor level
    risks[2].update(likelihood=2, severity=3, preventive="-", reactive=None)  # medium, two measures missing
    risks[3].update(likelihood=None, severity=None, level="high", responsible="")  # typed high, no responsible
    risks[4].update(likelihood=7)  # out of range: no score, level typed "augsts" stays
    ind = plan.tables["indicators"].rows
    ind[0].update(actual_date=None)  # actual-undated
    ind.append({"indicator_id": "I2", "goal_id": "M1", "indicator": "q4_participants", "baseline": 1.0})
    plan.tables["action_plan"].rows[0]["responsible"] = "Attīstības nodaļa (?)"  # a doubt: not counted
    plan.tables["action_plan"].rows[0]["task_id"] = "M9.U1"  # a bad reference: not counted
    return plan


def test_cover_counts_equal_validate_error_counts_sheet_by_sheet(tmp_path):
    require_soffice()
    path = build_workbook(tmp_path / "testa_novads.xlsx", plan=faulty_plan(), municipality="Testa novads (sintētisks)")
    report = check_files([path])
    expected = Counter(i.sheet for i in report if i.level.value == "error" and i.rule in COUNTED_RULES)
    assert sum(expected.values()) == 13 and {i.rule for i in report if i.rule in COUNTED_RULES} == COUNTED_RULES
    assert [i for i in report if i.level.value == "error" and i.rule not in COUNTED_RULES]  # left to Pārbaudīt
    cached = cover_counts(path)
    (recalculated,) = convert([path], "xlsx", tmp_path / "lo")
    counted = cover_counts(recalculated)
    want = {s.name("lv"): expected.get(s.name("lv"), 0) for s in SHEETS}
    assert counted == want
    assert cached == want  # the values XlsxWriter caches are the formulas' own


def cover_counts(path) -> dict[str, int]:
    ws = openpyxl.load_workbook(path, data_only=True)[COVER_SHEET("lv")]
    names = {s.name("lv") for s in SHEETS}
    return {row[0].value: int(row[3].value or 0) for row in ws.iter_rows() if row[0].value in names}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_cover_says_what_is_left_to_the_full_check(tmp_path, lang):
    path = build_workbook(tmp_path / f"t_{lang}.xlsx", lang=lang, municipality="Testa novads (sintētisks)")
    texts = [c.value for row in openpyxl.load_workbook(path)[COVER_SHEET(lang)].iter_rows() for c in row
             if isinstance(c.value, str)]
    assert sum("“Pārbaudīt”" in t for t in texts) == 1
