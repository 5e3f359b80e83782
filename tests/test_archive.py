"""The yearly cycle: two rounds of the region (last year's workbooks carried forward with `new --from` and
filled in) consolidated into one archive, compared year on year in the archive, the regional workbook and
the report; re-runs replace one round only; `new --from` never carries last year's results."""
from __future__ import annotations

import random
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from paths import EXAMPLES_DIR
from reimpact_xl.cli import main
from reimpact_xl.read.reader import read_plan
from reimpact_xl.region import archive
from reimpact_xl.workbook.build import build_workbook
from reimpact_xl.workbook.examples import example_files, load_example

YEARS = (2025, 2026)


def _fill(plan, year: int, rng: random.Random) -> dict[tuple[str, str], float | None]:
    """The specialist's monitoring of one year: actual values (some left empty), dates, statuses."""
    plan.cover["reporting_date"] = date(year, 12, 31)
    plan.cover["submission_date"] = date(year + 1, 1, 15)
    filled = {}
    for row in plan.table("indicators").rows:
        value = None if rng.random() < 0.25 else round(rng.uniform(0, 500), 1)
        row["actual"], row["actual_date"] = value, date(year, 12, 31) if value is not None else None
        if row.get("indicator"):
            filled[(plan.municipality, str(row.get("indicator_id") or ""))] = value
    for row in plan.table("action_plan").rows:
        row["status"] = rng.choice(["planned", "in_progress", "done", "delayed", "cancelled"])
        row["actual_eur"] = round(rng.uniform(0, 5000), 2)
    for row in plan.table("monitoring").rows:
        row["done_date"] = date(year, rng.randint(1, 12), rng.randint(1, 28))
    return filled


def _consolidate(inbox: Path, out: Path, db: Path, year: int) -> None:
    run = CliRunner().invoke(main, ["consolidate", str(inbox), "-o", str(out / f"regional_{year}.xlsx"),
                                    "--report", str(out / f"report_{year}.html"), "--archive", str(db),
                                    "--year", str(year)])
    assert run.exit_code in (0, 1) and "Traceback" not in run.output, run.output


def _dump(db: Path, year: int) -> dict[str, list[tuple]]:
    """Every stored row of one round, table by table (the round's creation time left out)."""
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        out = {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}" WHERE round = ?', (year,))))
               for t in tables if t != "rounds"}
        out["rounds"] = list(conn.execute("SELECT year, schema_version, note FROM rounds WHERE year = ?", (year,)))
    return out


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """Two rounds: the seed plans filled in for 2025, then carried with `new --from` and filled for 2026."""
    root = tmp_path_factory.mktemp("region")
    rng = random.Random(19)
    expected: dict[tuple[str, str], dict[int, float | None]] = {}
    first, second = root / "inbox_2025", root / "inbox_2026"
    first.mkdir()
    for path in example_files():
        plan = load_example(path)
        for key, value in _fill(plan, YEARS[0], rng).items():
            expected.setdefault(key, {})[YEARS[0]] = value
        build_workbook(first / path.with_suffix(".xlsx").name, plan=plan, municipality=plan.municipality)
    for path in sorted(first.glob("*.xlsx")):
        run = CliRunner().invoke(main, ["new", "--from", str(path), "-o", str(second)])
        assert run.exit_code == 0, run.output
        new_path = Path(run.output.strip().splitlines()[-1])
        plan, _ = read_plan(new_path)
        for key, value in _fill(plan, YEARS[1], rng).items():
            expected.setdefault(key, {})[YEARS[1]] = value
        build_workbook(new_path, plan=plan, municipality=plan.municipality)
    db = root / "arhivs.sqlite"
    for year, inbox in zip(YEARS, (first, second)):
        _consolidate(inbox, root, db, year)
    return root, db, expected


def test_both_years_side_by_side_for_every_indicator(region):
    root, db, expected = region
    got = {(h.municipality, h.indicator_id): dict(h.values) for h in archive.history(db)}
    misses = [k for k in expected if got.get(k) != expected[k]]
    false_alarms = [k for k in got if k not in expected]
    assert len(expected) > 40 and not misses and not false_alarms, (misses[:3], false_alarms[:3])


def test_the_regional_workbook_shows_each_year_in_its_column(region):
    root, _, expected = region
    ws = openpyxl.load_workbook(root / "regional_2026.xlsx", read_only=True)["Gadu salīdzinājums"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    cols = [head.index(str(y)) for y in YEARS]
    seen = {}
    for row in rows[1:]:
        if not row or row[0] is None:  # the indicator table ends at the first empty row
            break
        seen[(row[0], row[1] or "")] = {y: row[c] for y, c in zip(YEARS, cols)}
    assert seen == expected


def test_the_report_shows_each_year_beside_the_other(region):
    root, _, expected = region
    html = (root / "report_2026.html").read_text(encoding="utf-8")
    section = html[html.index('id="year-on-year"'):]
    found = {}
    for muni, ident, cells in re.findall(r'<tr data-municipality="([^"]*)" data-id="([^"]*)">(.*?)</tr>', section, re.S):
        values = dict(re.findall(r'data-year="(\d+)" data-value="([^"]*)"', cells))
        found[(muni, ident)] = {int(y): float(v) if v else None for y, v in values.items()}
    assert found == expected


def test_new_from_never_carries_last_years_results(region):
    root = region[0]
    for path in sorted((root / "inbox_2025").glob("*.xlsx")):
        out = root / "check_new" / path.stem
        run = CliRunner().invoke(main, ["new", "--from", str(path), "-o", str(out)])
        assert run.exit_code == 0, run.output
        plan, _ = read_plan(next(out.glob("*.xlsx")))
        last, _ = read_plan(path)
        assert not any(plan.cover.get(k) for k in ("submission_date", "reporting_date"))
        for key, cols in {"indicators": ("actual", "actual_date"), "action_plan": ("actual_eur",),
                          "monitoring": ("done_date",)}.items():
            assert not [r for r in plan.tables[key].rows for c in cols if r.get(c) not in (None, "")], (path, key)
        kept = [r.get("status") for r in plan.tables["action_plan"].rows if r.get("status")]
        assert set(kept) <= {"done", "cancelled"}
        # the plan itself is carried: every indicator, its ID and target; every activity
        for key, cols in {"indicators": ("indicator_id", "indicator", "target"),
                          "action_plan": ("activity_id", "activity")}.items():
            assert [[r.get(c) for c in cols] for r in plan.tables[key].rows] == \
                   [[r.get(c) for c in cols] for r in last.tables[key].rows]


def test_rerunning_either_round_leaves_the_other_intact(region, tmp_path):
    root, db, expected = region
    work = tmp_path / "a.sqlite"
    work.write_bytes(db.read_bytes())
    before = {y: _dump(work, y) for y in YEARS}
    _consolidate(root / "inbox_2025", tmp_path, work, 2025)  # the same round again: replaced by itself
    assert {y: _dump(work, y) for y in YEARS} == before
    smaller = tmp_path / "inbox_2026_smaller"
    smaller.mkdir()
    files = sorted((root / "inbox_2026").glob("*.xlsx"))
    for path in files[1:]:
        (smaller / path.name).write_bytes(path.read_bytes())
    _consolidate(smaller, tmp_path, work, 2026)  # 2026 re-run without one municipality
    assert _dump(work, 2025) == before[2025]
    after = _dump(work, 2026)
    assert len(after["submissions"]) == len(files) - 1
    assert len(after["indicators"]) < len(before[2026]["indicators"])
    assert [r.year for r in archive.load(work)] == list(YEARS)


def test_a_new_schema_column_becomes_a_table_column(tmp_path, monkeypatch):
    from dataclasses import replace

    from reimpact_xl.schema import SHEETS, Column, Text

    db = tmp_path / "a.sqlite"
    archive.connect(db).close()
    grown = tuple(replace(s, columns=(*s.columns, Column("new_thing", Text("column.risks.new_thing.label"))))
                  if s.key == "risks" else s for s in SHEETS)
    monkeypatch.setattr(archive, "SHEETS", grown)
    archive.connect(db).close()
    with sqlite3.connect(db) as conn:
        assert "new_thing" in {r[1] for r in conn.execute('PRAGMA table_info("risks")')}


def test_a_file_that_is_no_archive_gets_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "arhivs.sqlite"
    bad.write_bytes(b"this is not a database, just text " * 100)
    (tmp_path / "inbox").mkdir()
    shutil.copy(EXAMPLES_DIR / "dobeles_novads.xlsx", tmp_path / "inbox")  # a plan: the archive is reached
    run = CliRunner().invoke(main, ["consolidate", str(tmp_path / "inbox"), "-o", str(tmp_path / "r.xlsx"),
                                    "--archive", str(bad), "--year", "2025"])
    assert run.exit_code == 3 and "Traceback" not in run.output  # 3: an output cannot be written
    assert "nav reimpact-xl arhīvs" in run.output and str(bad) in run.output
    assert bad.read_bytes().startswith(b"this is not a database")
