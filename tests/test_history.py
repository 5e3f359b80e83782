"""What changed in a plan since last year: every change made is reported, and nothing else."""
from __future__ import annotations

import random

import pytest

from reimpact_xl.region.archive import Round
from reimpact_xl.region.history import indicator_history, plan_changes
from reimpact_xl.workbook.examples import example_files, load_example

STATUSES = ["planned", "in_progress", "done", "delayed", "cancelled"]


def _round(year: int, plans) -> Round:
    rnd = Round(year, "", "1.0", submissions=[{"municipality": p.municipality, "status": "used"} for p in plans])
    for plan in plans:
        for key, table in plan.tables.items():
            rnd.tables.setdefault(key, {})[plan.municipality] = [dict(r) for r in table.rows]
    return rnd


def _change(plan, rng: random.Random) -> set[tuple[str, str, str]]:
    """Make random changes to a plan, as a specialist would next year; return what was changed."""
    made = set()
    name = plan.municipality
    acts = plan.table("action_plan").rows
    for row in acts:
        row["status"] = "planned"
    for row in list(acts):
        roll = rng.random()
        if roll < 0.1 and row.get("activity_id"):
            acts.remove(row)
            made.add((name, "activity_removed", row["activity_id"]))
        elif roll < 0.25:
            row["status"] = rng.choice(["in_progress", "done", "delayed", "cancelled"])
            made.add((name, "activity_delayed" if row["status"] == "delayed" else "activity_status",
                      row.get("activity_id") or row["activity"].strip()))
    acts.append({"activity_id": "A99", "activity": "Jauna aktivitāte (sintētiska)", "timeline": "2027"})
    made.add((name, "activity_added", "A99"))
    for row in plan.table("risks").rows:
        if rng.random() < 0.3:
            row["likelihood"], row["severity"] = (row.get("likelihood") or 1) % 5 + 1, 3
            made.add((name, "risk_rerated", row.get("risk_id") or row["factor"].strip()))
    for row in plan.table("indicators").rows:
        if rng.random() < 0.3 and row.get("indicator_id"):
            row["target_year"] = 2031
            made.add((name, "target_moved", row["indicator_id"]))
    return made


@pytest.mark.parametrize("seed", range(4))
def test_every_change_is_reported_and_nothing_else(seed):
    rng = random.Random(seed)
    before = [load_example(p) for p in example_files()]
    for plan in before:
        for row in plan.table("action_plan").rows:
            row["status"] = "planned"
        for row in plan.table("risks").rows:
            row["likelihood"], row["severity"] = 2, 2
    after = [load_example(p) for p in example_files()]
    for plan in after:
        for row in plan.table("risks").rows:
            row["likelihood"], row["severity"] = 2, 2
    made = set().union(*(_change(p, rng) for p in after))
    found = {(c.municipality, c.kind, c.item) for c in plan_changes(_round(2025, before), _round(2026, after))}
    assert made - found == set(), "misses"
    assert found - made == set(), "false alarms"


def test_an_indicator_is_followed_across_years_and_a_gap_stays_a_gap():
    plan = load_example(example_files()[0])
    first, second = [dict(r) for r in plan.table("indicators").rows], [dict(r) for r in plan.table("indicators").rows]
    for i, row in enumerate(first):
        row["actual"] = float(i)
    for i, row in enumerate(second):
        row["actual"] = None if i % 3 == 0 else float(2 * i + 1)
    rounds = []
    for year, rows in ((2025, first), (2026, second)):
        rnd = Round(year, "", "1.0", submissions=[{"municipality": plan.municipality, "status": "used"}])
        rnd.tables["indicators"] = {plan.municipality: rows}
        rounds.append(rnd)
    history = {h.indicator_id: h for h in indicator_history(rounds)}
    for i, row in enumerate(second):
        h = history[row["indicator_id"]]
        assert dict(h.values) == {2025: float(i), 2026: None if i % 3 == 0 else float(2 * i + 1)}
        assert h.change == (None if i % 3 == 0 else float(i + 1))
        assert h.trend == ("" if i % 3 == 0 else "up")
