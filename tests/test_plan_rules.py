"""Plan-level rules (docs/rules.md) on synthetic plans ("Testa novads (sintētisks)"): required worksheets,
the plan period, orphans judged through the goal, reworded template rows, messages in the column's terms."""
from __future__ import annotations

from datetime import date

import pytest

from reimpact_xl.region.grids import completeness
from reimpact_xl.schema import SHEETS
from reimpact_xl.validation import validate
from synthetic import laid_out
from test_validation import good_plan, rules_at

REQUIRED = [s.key for s in SHEETS if s.required]


def relaid(plan):
    return laid_out(plan, plan.file)


@pytest.mark.parametrize("key", REQUIRED)
def test_an_emptied_required_worksheet_is_one_error_at_its_first_cell(key):
    plan = good_plan()
    plan.table(key).rows.clear()
    relaid(plan)
    found = [i for i in validate([plan]) if i.rule == "sheet-empty"]
    assert [(i.sheet, i.cell[1:], i.level.value) for i in found] == [(plan.tables[key].sheet_name, "6", "error")]
    assert "tukša" in found[0].message()


def test_the_optional_worksheet_may_stay_empty_and_completeness_counts_empty_worksheets():
    plan = good_plan()
    assert "support_given" not in REQUIRED
    assert not [i for i in validate([plan]) if i.rule == "sheet-empty"]
    full = completeness(plan)
    for key in ("legal_acts", "partners", "needs", "engagement"):
        plan.table(key).rows.clear()
    assert completeness(plan) < full


def test_indicators_without_target_unit_or_target_year_are_errors_at_each_cell():
    plan = good_plan()
    plan.tables["indicators"].rows[0].update(unit=None, target=None, target_year=None, actual=None)
    found = [(i.column, i.level.value) for i in validate([plan]) if i.rule == "required-missing"]
    assert sorted(found) == [("target", "error"), ("target_year", "error"), ("unit", "error")]


def test_a_target_year_outside_the_plan_period_and_an_undated_actual_are_errors():
    plan = good_plan()  # plan period 2025–2027
    plan.tables["indicators"].rows[0].update(target_year=2030, actual_date=None)
    report = validate([plan])
    assert rules_at(report, "target-year-outside") == [("8 Rādītāji", "I6")]
    assert rules_at(report, "actual-undated") == [("8 Rādītāji", "K6")]
    assert "2025–2027" in next(i for i in report if i.rule == "target-year-outside").message()
    plan.tables["indicators"].rows[0].update(target_year=2027, actual_date=date(2026, 6, 30))
    assert not [i for i in validate([plan]) if i.rule in ("target-year-outside", "actual-undated")]


def _goals_plan(task_ids: bool, link: str):
    plan = good_plan()
    goals = plan.tables["goals"]
    goals.rows[:] = [
        {"goal_id": "M1", "goal": "Pirmais mērķis", "task_id": "M1.U1" if task_ids else None, "task": "Uzdevums A"},
        {"goal_id": "M1", "task_id": "M1.U2" if task_ids else None, "task": "Uzdevums B"},
        {"goal_id": "M2", "goal": "Otrais mērķis", "task_id": "M2.U1" if task_ids else None, "task": "Uzdevums C"},
    ]
    plan.tables["action_plan"].rows[0]["task_id"] = link
    plan.tables["indicators"].rows.append(dict(plan.tables["indicators"].rows[0], indicator_id="I2", goal_id="M2"))
    return relaid(plan)


@pytest.mark.parametrize("task_ids", [True, False])
def test_a_goal_without_activities_is_found_with_or_without_task_ids(task_ids):
    report = validate([_goals_plan(task_ids, "M1")])
    assert {(i.rule, i.value, i.cell) for i in report if i.rule.startswith("orphan")} == {
        ("orphan-goal-activity", "M2", "A8")}


def test_activities_linked_to_a_goal_carry_its_tasks_and_to_a_task_leave_the_others_orphan():
    report = validate([_goals_plan(True, "M1")])
    assert not [i for i in report if i.rule == "orphan-task"]  # A1 carries all of M1
    report = validate([_goals_plan(True, "M1.U1")])
    assert {(i.rule, i.value) for i in report if i.rule.startswith("orphan")} == {
        ("orphan-task", "M1.U2"), ("orphan-goal-activity", "M2")}


def test_a_reworded_template_row_is_kept_and_a_deleted_one_is_reported_at_its_place():
    plan = good_plan()
    rows = plan.tables["monitoring"].rows
    rows[2]["activity"] = "Ikgadēja risku analīze un plāna aktualizācija kopā ar partneriem"  # K3 reworded
    rows[4]["activity"] = "Kampaņa “Sociālais uzņēmējs – kaimiņš” pagastos"  # K5 reworded
    assert not [i for i in validate([plan]) if i.rule == "template-row-missing"]
    del rows[3]  # K4 really gone
    relaid(plan)
    found = [i for i in validate([plan]) if i.rule == "template-row-missing"]
    assert [(i.cell, i.detail) for i in found] == [("B9", "K4")]
    assert "Finansējuma diversifikācijas" in found[0].message() and "šūna B9" in found[0].message()


def test_a_reworded_row_without_ids_keeps_its_place():
    plan = good_plan()
    rows = plan.tables["data_sources"].rows
    for row in rows:
        row["no"] = None
    rows[5]["data_type"] = "Pašvaldības un ALTUM atbalsta instrumentu pārskats"
    assert not [i for i in validate([plan]) if i.rule == "template-row-missing"]


def test_messages_say_what_to_do_in_the_columns_own_terms():
    plan = good_plan()
    plan.tables["risks"].rows[0].update(responsible=None, reactive="-")
    found = {i.column: i.message() for i in validate([plan]) if i.rule == "risk-measures-missing"}
    assert "kas rīkosies" in found["responsible"] and "Aprakstiet, kā rīkoties" not in found["responsible"]
    assert "ja risks iestāsies" in found["reactive"]
    plan.tables["monitoring"].rows[0]["responsible"] = None
    message = next(i.message() for i in validate([plan]) if i.rule == "required-missing")
    assert "Atbildīgā iestāde" in message


def test_errors_come_first_in_each_files_report():
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["funding_source"] = "Rotari klubs"  # a note
    plan.tables["risks"].rows[0]["preventive"] = ""  # an error on a later sheet
    levels = [i.level.value for i in validate([plan])]
    assert levels == sorted(levels, key=["error", "warning", "info"].index)


def test_a_blank_in_a_number_or_date_cell_is_a_blank_not_a_wrong_type():
    plan = good_plan()
    plan.tables["indicators"].rows[0].update(baseline="__", target_year="202_.", actual_date="__.__.2026")
    report = validate([plan])
    assert sorted((i.column, i.rule) for i in report if i.column in ("baseline", "target_year", "actual_date")) == [
        ("actual_date", "placeholder"), ("baseline", "placeholder"), ("target_year", "placeholder")]
