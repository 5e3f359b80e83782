"""Illustrative monitoring rounds for the demo: last year's workbooks carried forward (as `new --from`
does) and filled with generated values, deterministically from a seed.

Every generated workbook says "ilustratīvi dati" on its cover and in its metadata, so the data can never
pass for a municipality's own; the archive keeps that note with the round and the report shows it.
"""
from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping

from ..plan.model import Plan
from ..plan.risks import band
from ..read.reader import read_plan
from ..workbook.build import build_workbook
from ..workbook.carry import next_year, workbook_name
from .archive import ILLUSTRATIVE

SEED = 19
# Where an activity may stand a year later, with weights: work moves forward or is delayed, never back.
NEXT_STATUS = {
    None: (("planned", 25), ("in_progress", 40), ("done", 15), ("delayed", 15), ("cancelled", 5)),
    "planned": (("planned", 20), ("in_progress", 50), ("done", 10), ("delayed", 20)),
    "in_progress": (("in_progress", 35), ("done", 45), ("delayed", 20)),
    "delayed": (("delayed", 25), ("in_progress", 45), ("done", 20), ("cancelled", 10)),
}


def _rng(seed: int, *parts: Any) -> random.Random:
    """A generator of its own for each item, so one item's values do not depend on the others'."""
    return random.Random(":".join(map(str, (seed, *parts))))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def fill_year(plan: Plan, year: int, step: int, seed: int = SEED, before: Mapping[str, str] | None = None) -> Plan:
    """Fill a carried-forward plan with a generated year of monitoring; `step` counts the generated
    years (1, 2, ...), so that indicator values grow from year to year; `before` gives last year's
    activity statuses by activity ID, from which this year's follow."""
    name = plan.municipality
    plan.cover["reporting_date"] = date(year, 12, 31)
    plan.cover["submission_date"] = date(year + 1, 1, 20)
    for row in plan.tables["indicators"].rows if "indicators" in plan.tables else ():
        _indicator(row, _rng(seed, name, row.get("indicator_id"), row.get("indicator")), year, step)
    for row in plan.tables["action_plan"].rows if "action_plan" in plan.tables else ():
        _activity(row, _rng(seed, name, row.get("activity_id"), year), (before or {}).get(row.get("activity_id")))
    for row in plan.tables["risks"].rows if "risks" in plan.tables else ():
        _risk(row, _rng(seed, name, row.get("risk_id"), year))
    for row in plan.tables["monitoring"].rows if "monitoring" in plan.tables else ():
        rng = _rng(seed, name, row.get("monitoring_id"), year)
        if rng.random() < 0.7:
            row["done_date"] = date(year, rng.randint(2, 11), rng.randint(1, 28))
    return plan


def _indicator(row: dict[str, Any], rng: random.Random, year: int, step: int) -> None:
    """An actual value on the way to the target: the share reached grows by 15-55 % a year."""
    target = _number(row.get("target"))
    if target is None:
        return
    base = _number(row.get("baseline")) or 0.0
    share = sum(rng.uniform(0.15, 0.55) for _ in range(step))  # the same first steps every year
    value = base + (target - base) * min(share, 1.15)
    row["actual"] = round(value) if float(target).is_integer() else round(value, 1)
    row["actual_date"] = date(year, 12, 31)


def _activity(row: dict[str, Any], rng: random.Random, last: str | None) -> None:
    if row.get("status") not in ("done", "cancelled"):
        keys, weights = zip(*NEXT_STATUS.get(last, NEXT_STATUS[None]))
        row["status"] = rng.choices(keys, weights)[0]
    planned = _number(row.get("funding_eur"))
    if planned and row["status"] in ("in_progress", "done", "delayed"):
        row["actual_eur"] = round(planned * rng.uniform(0.3, 1.05), 2)


def _risk(row: dict[str, Any], rng: random.Random) -> None:
    if not (row.get("factor") or row.get("risk_id")):
        return
    old = (row.get("likelihood"), row.get("severity"))
    if all(isinstance(v, (int, float)) for v in old):  # rated last year: some ratings move by one step
        row["likelihood"], row["severity"] = (_nudge(int(v), rng) for v in old)
    else:
        row["likelihood"], row["severity"] = rng.randint(1, 5), rng.randint(1, 5)
    row["level"] = band(row["likelihood"] * row["severity"])  # the level matches the score, as the rules ask


def _nudge(value: int, rng: random.Random) -> int:
    """A rating one step up or down (within 1..5) three times in ten, else as it was."""
    return min(5, max(1, value + rng.choice((-1, 1)))) if rng.random() < 0.3 else value


def build_round(previous: Path, out_dir: Path, year: int, step: int, *, seed: int = SEED,
                lang: str = "lv") -> list[Path]:
    """Next year's workbooks from last year's in `previous`, filled with generated values, labelled."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(previous.glob("*.xlsx")):
        plan, _ = read_plan(source, lang=lang)
        if plan is None:
            continue
        before = {r.get("activity_id"): r.get("status") for r in plan.table("action_plan").rows}
        fill_year(next_year(plan), year, step, seed, before)
        written.append(build_workbook(out_dir / workbook_name(plan.municipality), lang=lang, plan=plan,
                                      municipality=plan.municipality, created=datetime(year + 1, 1, 20),
                                      plan_period=str(plan.cover.get("plan_period") or ""),
                                      banner=ILLUSTRATIVE(lang)))
    return written
