"""Every problem the catalogue (§14-§16) lists for the five seed plans is found in their workbooks."""
from __future__ import annotations

import hashlib

import pytest

from reimpact_xl.region.gather import gather
from reimpact_xl.workbook.examples import build_examples


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    inbox = tmp_path_factory.mktemp("inbox")
    build_examples(inbox)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    found = gather(inbox)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    assert before == after, "reading must never write a submission"
    return found


def issues(result, file_stem: str, rule: str, sheet_prefix: str = "") -> list:
    return [i for i in result.report if i.file == f"{file_stem}.xlsx" and i.rule == rule
            and i.sheet.startswith(sheet_prefix)]


def risk_row(result, municipality: str, factor_start: str) -> tuple[int, dict]:
    plan = next(p for p in result.plans if p.municipality == municipality)
    table = plan.tables["risks"]
    index = next(i for i, r in enumerate(table.rows) if str(r.get("factor", "")).startswith(factor_start))
    return table.row_numbers[index], table.rows[index]


def test_every_example_is_read_and_identified(result):
    assert sorted(p.municipality for p in result.plans) == [
        "Aizkraukles novads", "Bauskas novads", "Dobeles novads", "Jelgavas novads", "Jelgavas valstspilsēta"]
    assert not [i for i in result.report if i.rule.startswith(("file-", "sheet-", "column-missing"))]


@pytest.mark.parametrize(("factor", "missing"), [
    ("Normatīvo aktu ierobežojumi", {"preventive", "reactive"}),  # augsts, no measures (§15)
    ("Trūkst kapacitātes", {"reactive"}),  # augsts, preventive "Ekspertu piesaiste" only
    ("Sabiedrības nepietiekama informētība", {"reactive"}),  # vidējs, reactive empty
])
def test_dobele_risks_without_measures_are_errors(result, factor, missing):
    row, values = risk_row(result, "Dobeles novads", factor)
    found = {i.column for i in issues(result, "dobeles_novads", "risk-measures-missing") if i.cell.endswith(str(row))}
    assert missing <= found
    assert all(i.level.value == "error" for i in issues(result, "dobeles_novads", "risk-measures-missing"))


def test_jelgava_city_low_risks_with_measures_are_notes(result):
    notes = issues(result, "jelgavas_valstspilseta", "risk-low-measures")
    assert len(notes) == 2 and {i.level.value for i in notes} == {"info"}


def test_aizkraukle_low_risks_with_dashes_are_correct(result):
    assert issues(result, "aizkraukles_novads", "risk-low-measures") == []


@pytest.mark.parametrize("stem", ["aizkraukles_novads", "jelgavas_valstspilseta"])
def test_reactive_column_holding_only_a_responsible_lacks_the_action(result, stem):
    """A and JV wrote only a unit in "Reaktīvā rīcība un atbildīgais" (§15): the action is missing."""
    assert {i.column for i in issues(result, stem, "risk-measures-missing")} >= {"reactive"}


def test_risk_levels_in_six_spellings_are_read_as_three(result):
    levels = {r.get("level") for p in result.plans for r in p.tables["risks"].rows}
    assert levels <= {"low", "medium", "high"}
    assert issues(result, "aizkraukles_novads", "normalised", "10")


def test_jelgavas_novads_placeholders(result):
    cells = issues(result, "jelgavas_novads", "placeholder")
    assert any(i.value.startswith("Realizēt grantu programmu") or "???" in i.value for i in cells
               if i.sheet.startswith("6"))  # "??? Par cik???"
    assert [i for i in cells if i.sheet.startswith("3")]  # "(?)", "? ?" in #3


def test_a_goal_that_begins_like_the_template_example_is_the_municipalitys_own(result):
    """JV's goal "Palielināt sociālo uzņēmumu skaitu pašvaldībā par 20% līdz 2027. gadam" opens like the
    template's example but is not it (the example goes on): the rule flags only the example itself."""
    assert not [i for i in result.report if i.rule == "template-example"]


@pytest.mark.parametrize(("stem", "count"), [("aizkraukles_novads", 1), ("jelgavas_valstspilseta", 2)])
def test_deleted_monitoring_template_rows(result, stem, count):
    found = issues(result, stem, "template-row-missing", "11")
    assert len(found) == count
    assert any("Finansējuma diversifikācijas" in i.value for i in found)


def test_bauska_left_a_monitoring_row_blank(result):
    blank = issues(result, "bauskas_novads", "required-missing", "11")
    assert {i.column for i in blank} >= {"responsible", "deadline", "indicator"}


def test_dobele_duplicate_resource_rows(result):
    assert issues(result, "dobeles_novads", "duplicate-row", "5")


def test_dobele_activities_name_no_task(result):
    assert issues(result, "dobeles_novads", "links-missing", "7")


def test_checklist_marks_are_read_as_yes(result):
    states = {p.municipality: [r.get("state") for r in p.tables["checklist"].rows] for p in result.plans}
    assert states["Aizkraukles novads"][:2] == ["yes", "yes"]
    assert states["Jelgavas novads"].count("yes") == 5


def test_every_message_names_sheet_and_cell_in_latvian(result):
    for issue in result.report:
        if issue.cell:
            assert f"šūna {issue.cell}" in issue.message("lv")
            assert f"lapa “{issue.sheet}”" in issue.message("lv")
