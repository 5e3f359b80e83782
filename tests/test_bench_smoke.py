"""The benchmark in small (no timing assertions): synthetic workbooks, every case runs, same bytes for any workers."""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SIZE = 8  # the smallest inbox that consolidate reads in worker processes


def _bench(name: str):
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture(scope="module")
def books(cache: Path):
    return _bench("generate").ensure([SIZE], cache)


def test_synthetic_plans_are_labelled_linked_and_distinct():
    synth = _bench("synth")
    one, two = synth.plan_data(synth.Spec(1)), synth.plan_data(synth.Spec(2))
    assert one["municipality"] == "Sintētisks novads 001" != two["municipality"]
    assert one["sheets"] != two["sheets"]
    assert 90 <= synth.row_count(one) <= 110
    assert synth.row_count(synth.plan_data(synth.Spec(0, synth.LARGE_SCALE))) >= 2000
    sheets = one["sheets"]
    tasks = {r["task_id"] for r in sheets["goals"]}
    activities = {r["activity_id"] for r in sheets["action_plan"]}
    assert {r["task_id"] for r in sheets["action_plan"]} == tasks  # every task has an activity
    assert {r["activity_id"] for r in sheets["engagement"]} <= activities
    assert {r["goal_id"] for r in sheets["indicators"]} == {r["goal_id"] for r in sheets["goals"]}


def test_synthetic_workbook_reads_back_with_only_the_planted_errors(books):
    from reimpact_xl.validation.check import check_files

    clean = check_files([books.inboxes[SIZE] / _bench("generate").file_name(1)])
    planted = check_files([books.inboxes[SIZE] / _bench("generate").file_name(5)])
    assert clean.errors == 0, [i.message() for i in clean if i.level.value == "error"]
    assert sorted(i.rule for i in planted if i.level.value == "error") == ["placeholder", "risk-measures-missing"]


def test_inbox_holds_distinct_municipalities(books):
    from python_calamine import CalamineWorkbook

    files = sorted(books.inboxes[SIZE].glob("*.xlsx"))
    assert len(files) == SIZE
    covers = {tuple(map(tuple, CalamineWorkbook.from_path(str(f)).get_sheet_by_index(0).to_python()[:8]))
              for f in files}
    assert len(covers) == SIZE


def test_quick_benchmark_runs_every_case(books, cache: Path, tmp_path: Path):
    out = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--quick", "--cache", str(cache),
                           "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    text = out.read_text(encoding="utf-8")
    for case in (f"floor, {SIZE} workbooks", f"user's script, {SIZE} workbooks", f"consolidate {SIZE} workbooks",
                 "validate one workbook", "new: build one template", "reimpact-xl --help"):
        assert f"| {case} |" in text
    assert "cores (nproc)" in text and "Python" in text


def test_workers_do_not_change_the_regional_workbook(books, tmp_path: Path):
    from reimpact_xl.outputs.run import consolidate

    inbox = books.inboxes[SIZE]
    one = consolidate(inbox, tmp_path / "one.xlsx", jobs=1)
    two = consolidate(inbox, tmp_path / "two.xlsx", jobs=2)
    assert len(one.plans) == len(two.plans) == SIZE
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()
