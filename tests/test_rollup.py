"""The regional roll-up and the report's rows, on synthetic plans ("sintētisks" in every name)."""
from __future__ import annotations

import math
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reimpact_xl.plan.issues import Issue, Report
from reimpact_xl.plan.model import Plan
from reimpact_xl.region import context, rollup, words
from reimpact_xl.region.model import Result, Source
from reimpact_xl.schema import SHEETS_BY_KEY, Severity
from reimpact_xl.validation import validate
from synthetic import laid_out

INDICATORS = SHEETS_BY_KEY["indicators"]


def plan_of(municipality: str, sheets: dict, cover: dict | None = None) -> Plan:
    """A synthetic plan with row numbers and column letters as a read workbook has them."""
    plan = Plan.from_dict({"municipality": municipality, "sheets": sheets,
                           "cover": cover or {"municipality": municipality, "plan_period": "2025–2027"}})
    return laid_out(plan, f"{municipality.split()[0].lower()}.xlsx")


def result_of(*plans: Plan, validated: bool = False) -> Result:
    when = datetime(2026, 1, 5, tzinfo=timezone.utc)
    sources = [Source(Path(p.file), "0" * 64, 1, when, p, Report()) for p in plans]
    report = validate(list(plans)) if validated else Report()
    return Result(sources, report)


def indicator(target: float | None, actual: float | None, unit: str = "participants", baseline: float = 0.0,
              name: str = "q4_participants") -> dict:
    return {"indicator_id": "I1", "goal_id": "M1", "indicator": name, "unit": unit, "baseline": baseline,
            "baseline_year": 2025, "target": target, "target_year": 2027, "actual": actual,
            "actual_date": date(2026, 6, 30)}


def test_regional_totals_equal_the_sum_of_the_municipal_values():
    plans = [plan_of(f"{n} novads (sintētisks)", {"indicators": [indicator(t, a, baseline=b)]})
             for n, b, t, a in (("Alfa", 2.0, 40.0, 12.0), ("Beta", 0.0, 25.5, 30.0), ("Gamma", 1.0, 10.0, None))]
    grid = rollup.rollup_grid(result_of(*plans), "lv")
    assert len(grid.rows) == 1
    row = dict(zip(grid.keys, grid.rows[0]))
    assert row["baseline"] == pytest.approx(3.0)
    assert row["target"] == pytest.approx(75.5)
    assert row["actual"] == pytest.approx(42.0)
    assert row["n"] == 2
    assert row["reporting"] == "Alfa novads (sintētisks), Beta novads (sintētisks)"
    assert row["missing"] == "Gamma novads (sintētisks)"
    assert row["unit"] == "dalībnieki" and row["how"] == "summa"
    # progress of the municipalities that report: (42 - 2) / (65.5 - 2)
    assert row["progress"] == pytest.approx(round(100 * 40 / 63.5, 1))


def test_percentages_are_averaged_not_summed():
    plans = [plan_of(f"{n} novads (sintētisks)", {"indicators": [indicator(t, a, unit="%", name="k2_awareness")]})
             for n, t, a in (("Alfa", 60.0, 30.0), ("Beta", 80.0, 50.0))]
    row = dict(zip(rollup.ROLLUP_KEYS, rollup.rollup_grid(result_of(*plans), "lv").rows[0]))
    assert (row["target"], row["actual"], row["how"]) == (70.0, 40.0, "vidējais")


def test_grid_speaks_english_with_lang_en():
    grid = rollup.rollup_grid(result_of(plan_of("Alfa novads (sintētisks)", {"indicators": [indicator(40, 10)]})), "en")
    assert grid.header[0] == "Indicator" and "Municipalities missing" in grid.header
    assert grid.rows[0][0].startswith("Participants in support events")
    assert grid.rows[0][1] == "participants"


def test_reporting_date_is_the_covers_else_the_latest_actual():
    with_cover = plan_of("Alfa novads (sintētisks)", {"indicators": [indicator(40, 10)]},
                         cover={"municipality": "Alfa", "reporting_date": date(2026, 12, 31)})
    without = plan_of("Beta novads (sintētisks)", {"indicators": [indicator(40, 10)]})
    assert context.reporting_date(result_of(with_cover, without)) == date(2026, 12, 31)
    assert context.reporting_date(result_of(without)) == date(2026, 6, 30)
    assert context.reporting_date(result_of()) is None


def test_activity_rows_read_each_timeline_and_keep_what_cannot_be_read():
    plan = plan_of("Alfa novads (sintētisks)", {"action_plan": [
        {"activity_id": "A1", "activity": "Seminārs", "timeline": "2026. gada 2. ceturksnis"},
        {"activity_id": "A2", "activity": "Diena", "timeline": "Katru gadu - pavasaris"},
        {"activity_id": "A3", "activity": "Kaut kas", "timeline": "kad būs nauda"}]})
    a1, a2, a3 = rollup.activity_rows(result_of(plan))
    assert a1.placed and (a1.period.start, a1.period.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert a2.period is not None and not a2.placed and a2.period.recurrence == "yearly"
    assert a3.period is None and a3.timeline == "kad būs nauda"


def _risky(name: str) -> Plan:
    return plan_of(name, {"risks": [{"risk_id": "R1", "factor": "Finansējuma trūkums", "impact": "Kavē",
                                     "level": "high"}]})


def test_common_problems_count_rules_and_municipalities_errors_first():
    result = result_of(_risky("Alfa novads (sintētisks)"), _risky("Beta novads (sintētisks)"), validated=True)
    rows = rollup.problem_rows(result, "lv")
    measures = next(r for r in rows if r.rule == "risk-measures-missing")
    assert (measures.count, measures.municipalities) == (6, 2)  # three columns in each of two plans
    assert "lapa" not in measures.title and "Riskam ar līmeni “augsts”" in measures.title
    severities = [r.severity for r in rows]
    assert severities == sorted(severities, key=lambda s: s is Severity.INFO)


def test_problems_of_one_file_are_grouped_by_sheet_and_cell_errors_first():
    issues = [Issue("orphan-goal", file="f", sheet="6 Mērķi un uzdevumi", cell="A6", column="goal_id"),
              Issue("required-missing", file="f", sheet="10 Riski", cell="C7", column="impact"),
              Issue("multiple-items", file="f", sheet="10 Riski", cell="B6", column="factor"),
              Issue("risk-level-missing", file="f", sheet="10 Riski", cell="B6", column="level"),
              Issue("plan-empty", file="f")]
    groups = rollup.sheet_problems(issues, "lv")
    assert [g.sheet for g in groups] == ["10 Riski", "", "6 Mērķi un uzdevumi"]
    assert [c.cell for c in groups[0].cells] == ["B6", "C7"]
    assert [i.rule for i in groups[0].cells[0].issues] == ["risk-level-missing", "multiple-items"]
    assert groups[0].count(Severity.ERROR) == 2


@pytest.mark.parametrize("cell, order", [("A1", (1, 1)), ("Z10", (10, 26)), ("AA10", (10, 27)), ("", (0, 0))])
def test_cells_sort_in_reading_order(cell, order):
    assert rollup.cell_order(cell) == order


def test_percent_rounds_to_one_decimal():
    assert words.percent(0.3049) == 30.5 and words.percent(None) is None
    assert math.isclose(words.percent(1.0), 100.0)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 1000), st.one_of(st.none(), st.integers(0, 1000))),
                min_size=1, max_size=6))
def test_property_regional_totals_are_the_sums_of_the_municipal_values(values):
    plans = [plan_of(f"Pašvaldība {i} (sintētiska)", {"indicators": [indicator(float(t), a, baseline=float(b))]})
             for i, (b, t, a) in enumerate(values)]
    row = dict(zip(rollup.ROLLUP_KEYS, rollup.rollup_grid(result_of(*plans), "lv").rows[0]))
    assert row["baseline"] == pytest.approx(sum(b for b, _, _ in values))
    assert row["target"] == pytest.approx(sum(t for _, t, _ in values))
    actuals = [a for _, _, a in values if a is not None]
    assert row["actual"] == (pytest.approx(sum(actuals)) if actuals else None)
    assert row["n"] == len(actuals)
