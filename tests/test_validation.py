"""Validation rules on plans built in code (synthetic data, labelled so: "Testa novads")."""
from __future__ import annotations

from datetime import date

import pytest

from reimpact_xl.plan.model import Plan
from reimpact_xl.schema import SHEETS_BY_KEY
from reimpact_xl.validation import validate
from synthetic import laid_out

COVER = {"municipality": "Testa novads (sintētisks)", "plan_period": "2025–2027", "contact_person": "Testa Persona"}


def plan_of(sheets: dict, cover: dict | None = None) -> Plan:
    """A synthetic plan; every table gets row numbers and column letters as a read workbook would."""
    plan = Plan.from_dict({"municipality": COVER["municipality"], "cover": cover or COVER, "sheets": sheets})
    return laid_out(plan, "testa_novads.xlsx")


def prefilled(key: str, **values) -> list[dict]:
    """The template's pre-filled rows of one sheet, completed with the same values."""
    return [dict(row, **values) for row in SHEETS_BY_KEY[key].prefilled_rows()]


def good_plan() -> Plan:
    """A correctly filled plan: every chain goal -> task -> activity -> indicator -> monitoring closed."""
    return plan_of({
        "legal_acts": [{"national_act": "Sociālā uzņēmuma likums"}],
        "partners": [{"organisation": "Testa biedrība", "cooperation_type": "c1"}],
        "data_sources": prefilled("data_sources", source="Attīstības nodaļa", update_frequency="1x gadā"),
        "needs": [{"target_group": "Seniori", "unmet_needs": "Transports", "se_opportunities": "Mobilie pakalpojumi"}],
        "resources": [{"material": "Telpas", "holder": "Īpašumu nodaļa"}],
        "engagement": [{"engagement_id": "S1", "activity": "Informatīvā diena", "audience": "Uzņēmēji",
                        "timeline": "2026. gada maijs", "responsible": "Attīstības nodaļa"}],
        "checklist": prefilled("checklist", state="yes"),
        "goals": [{"goal_id": "M1", "goal": "Palielināt SU skaitu līdz 2027. gadam", "task_id": "M1.U1",
                   "task": "Organizēt 2 seminārus gadā"}],
        "action_plan": [{"activity_id": "A1", "task_id": "M1.U1", "activity": "Seminārs par grantiem",
                         "timeline": "2026. gada 2. ceturksnis", "responsible": "Attīstības nodaļa",
                         "funding_source": "municipal", "funding_eur": 1500.0}],
        "indicators": [{"indicator_id": "I1", "goal_id": "M1", "indicator": "q4_participants", "unit": "participants",
                        "baseline": 0.0, "baseline_year": 2025, "target": 40.0, "target_year": 2027,
                        "actual": 12.0, "actual_date": date(2026, 6, 30)}],
        "risks": prefilled("risks", likelihood=4, severity=4, level="high", preventive="Piesaistīt ES fondus",
                           reactive="Pārplānot aktivitātes", responsible="Finanšu nodaļa"),
        "monitoring": prefilled("monitoring", responsible="Attīstības nodaļa", deadline="2026. gada marts",
                                indicator="Veikts", link_id="A1"),
    })


def rules_at(report, rule: str) -> list[tuple[str, str]]:
    return [(i.sheet, i.cell) for i in report if i.rule == rule]


def test_a_correctly_filled_plan_has_no_error_and_no_warning():
    report = validate([good_plan()])
    assert [(i.rule, i.ref) for i in report if i.level.value != "info"] == []


def test_medium_or_high_risk_without_measures_is_an_error_naming_each_cell():
    plan = good_plan()
    plan.tables["risks"].rows[0].update(preventive="", reactive="-", responsible=None)
    found = rules_at(validate([plan]), "risk-measures-missing")
    sheet = SHEETS_BY_KEY["risks"]
    letters = {c.key: chr(65 + i) for i, c in enumerate(sheet.columns)}
    assert found == [("10 Riski", f"{letters[k]}6") for k in ("preventive", "reactive", "responsible")]


def test_risk_level_that_contradicts_its_score_is_an_error_with_the_right_level_in_the_message():
    plan = good_plan()
    plan.tables["risks"].rows[0].update(likelihood=1, severity=2)  # score 2 -> zems, stated augsts
    issues = [i for i in validate([plan]) if i.rule == "risk-level-mismatch"]
    assert len(issues) == 1
    assert "“augsts”" in issues[0].message() and "“zems”" in issues[0].message()
    assert "šūna" in issues[0].message()


def test_low_risk_with_measures_is_only_a_note():
    plan = good_plan()
    plan.tables["risks"].rows[0].update(likelihood=1, severity=1, level="low")
    report = validate([plan])
    assert [i.level.value for i in report if i.rule == "risk-low-measures"] == ["info"]
    assert report.errors == 0


def test_references_to_missing_ids_are_errors():
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["task_id"] = "M1.U9"
    plan.tables["monitoring"].rows[0]["link_id"] = "A7"
    assert [c for _, c in rules_at(validate([plan]), "ref-missing")] == ["B6", "F6"]


def test_duplicate_ids_and_bad_id_format():
    plan = good_plan()
    rows = plan.tables["risks"].rows
    rows.append(dict(rows[0], factor="Cits risks"))
    plan.tables["risks"].row_numbers.append(5 + len(rows))
    plan.tables["action_plan"].rows[0]["activity_id"] = "X1"
    report = validate([plan])
    assert rules_at(report, "id-duplicate") == [("10 Riski", f"A{5 + len(rows)}")]
    assert rules_at(report, "id-format") == [("7 Rīcības plāns", "A6")]


def test_orphan_task_and_goal_without_indicators_are_warnings():
    plan = good_plan()
    plan.tables["goals"].rows.append({"goal_id": "M2", "goal": "Otrs mērķis", "task_id": "M2.U1", "task": "Uzdevums"})
    plan.tables["goals"].row_numbers.append(7)
    report = validate([plan])
    assert {(i.rule, i.level.value, i.value) for i in report if i.rule.startswith("orphan")} == {
        ("orphan-goal-activity", "warning", "M2"), ("orphan-goal", "warning", "M2")}


@pytest.mark.parametrize("text", ["_", "???", "Attīstības nodaļa (?)", "202_.", "??? Par cik???", "? ?"])
def test_placeholders_are_errors(text):
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["responsible"] = text
    assert rules_at(validate([plan]), "placeholder") == [("7 Rīcības plāns", "I6")]


def test_template_example_text_is_flagged():
    plan = good_plan()
    plan.tables["goals"].rows[0]["goal"] = ("Palielināt sociālo uzņēmumu skaitu pašvaldībā par 20% līdz 2027. gadam, "
                                            "sniedzot finansiālu un konsultatīvu atbalstu jaunajiem uzņēmējiem")
    assert rules_at(validate([plan]), "template-example") == [("6 Mērķi un uzdevumi", "B6")]


def test_several_items_in_a_one_item_cell_is_a_warning():
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["activity"] = "- Seminārs\n- Konsultācijas\n- Kampaņa"
    issues = [i for i in validate([plan]) if i.rule == "multiple-items"]
    assert [(i.cell, i.level.value, i.detail) for i in issues] == [("D6", "warning", "3")]


def test_wrong_types_are_named_by_cell_and_say_what_to_do():
    plan = good_plan()
    plan.tables["indicators"].rows[0].update(target="četrdesmit", target_year=2027.5, actual_date="31.02.2026")
    report = validate([plan])
    rules = {i.rule: i for i in report if i.rule.startswith("type-")}
    assert set(rules) == {"type-number", "type-integer", "type-date"}
    assert "dd.mm.gggg" in rules["type-date"].message()
    assert "Ierakstiet" in rules["type-number"].message()


def test_targets_need_unit_and_year_and_actuals_need_targets():
    plan = good_plan()
    row = plan.tables["indicators"].rows[0]
    row.update(unit=None, target_year=None)
    report = validate([plan])
    assert [(i.column, i.level.value) for i in report if i.rule == "required-missing"] == [
        ("unit", "error"), ("target_year", "error")]
    row.update(target=None, unit="participants", target_year=2027)
    assert rules_at(validate([plan]), "actual-without-target") == [("8 Rādītāji", "J6")]
    assert [i.column for i in validate([plan]) if i.rule == "required-missing"] == ["target"]
    row.update(target=0.0, actual=None)
    assert rules_at(validate([plan]), "baseline-equals-target") == [("8 Rādītāji", "F6")]


def test_value_not_in_a_closed_list_is_an_error_listing_the_choices():
    plan = good_plan()
    plan.tables["risks"].rows[0]["level"] = "ļoti augsts"
    issue = next(i for i in validate([plan]) if i.rule == "choice-invalid")
    assert "zems, vidējs, augsts" in issue.message()


def test_english_messages():
    plan = good_plan()
    plan.tables["risks"].rows[0]["preventive"] = ""
    issue = next(i for i in validate([plan], lang="en") if i.rule == "risk-measures-missing")
    assert issue.message("en").startswith("The risk with level")


def test_duplicate_rows_are_warnings():
    plan = plan_of({"resources": [{"financial": "Granti", "holder": "PIUAC"}, {"financial": "Granti", "holder": "PIUAC"}]})
    assert rules_at(validate([plan]), "duplicate-row") == [("5 Resursi", "B7")]


def test_many_plans_are_validated_together_and_issues_keep_their_file():
    a, b = good_plan(), good_plan()
    b.file = "otrs_novads.xlsx"
    b.tables["risks"].rows[0]["preventive"] = ""
    report = validate([a, b])
    assert {i.file for i in report if i.rule == "risk-measures-missing"} == {"otrs_novads.xlsx"}


def test_a_sheet_that_links_nothing_gets_one_warning_not_one_per_task():
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["task_id"] = None
    report = validate([plan])
    issues = [i for i in report if i.rule in ("links-missing", "orphan-task")]
    assert [(i.rule, i.sheet, i.cell) for i in issues] == [("links-missing", "7 Rīcības plāns", "")]
    assert "Uzdevuma ID" in issues[0].message() and "6 Mērķi un uzdevumi" in issues[0].message()


def test_an_empty_required_cell_in_a_filled_row_is_an_error():
    plan = good_plan()
    plan.tables["monitoring"].rows[3].update(responsible=None, deadline="", indicator=None)
    found = [(i.column, i.cell) for i in validate([plan]) if i.rule == "required-missing"]
    assert found == [("responsible", "C9"), ("deadline", "D9"), ("indicator", "E9")]
