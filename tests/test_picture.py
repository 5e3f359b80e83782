"""One regional picture per run: the regional workbook, the report and the master's tables show the same
numbers because they render the same object (region/picture.py), and a run computes it once."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from reimpact_xl.excel import masterdata
from reimpact_xl.outputs import regional_workbook
from reimpact_xl.outputs.run import consolidate
from reimpact_xl.plan import indicators, risks
from reimpact_xl.region import picture as picture_module
from reimpact_xl.region.illustrative import build_round
from reimpact_xl.region.rollup import ROLLUP_KEYS
from reimpact_xl.workbook.examples import build_examples

YEAR = 2026  # the illustrative round after the example plans: actual values, so progress and verdicts vary


class Tables(HTMLParser):
    """The cells of every <table class="…"> of a page, by its first class: rows of (text, attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[tuple[str, dict]]]] = {}
        self._table: list | None = None
        self._cell: list[str] | None = None
        self._attrs: dict = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault((found.get("class") or "").split(" ")[0], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag == "td" and self._table is not None:
            self._cell, self._attrs = [], found

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table:
            self._table[-1].append((" ".join("".join(self._cell).split()), self._attrs))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The five example plans carried into an illustrative round, consolidated with report and feedback,
    counting the builds of the picture and of the numbers in it."""
    base = tmp_path_factory.mktemp("picture")
    build_examples(base / "examples")
    build_round(base / "examples", base / "inbox", YEAR, 1)
    calls = {"build_picture": 0, "rollup": 0, "regional_risks": 0}
    with pytest.MonkeyPatch.context() as patch:
        for module, name in ((picture_module, "build_picture"), (indicators, "rollup"), (risks, "regional_risks")):
            patch.setattr(module, name, _counted(getattr(module, name), calls, name))
        patch.setattr("reimpact_xl.outputs.run.build_picture", picture_module.build_picture)
        result = consolidate(base / "inbox", base / "out" / "regional.xlsx", report=base / "out" / "report.html",
                             feedback=base / "out" / "feedback", year=YEAR)
    return result, base / "out", calls


def _counted(func, calls: dict, name: str):
    def counted(*args, **kwargs):
        calls[name] += 1
        return func(*args, **kwargs)
    return counted


def workbook_rows(out: Path, sheet: str) -> list[list]:
    ws = openpyxl.load_workbook(out / "regional.xlsx")[sheet]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def report_tables(out: Path) -> dict[str, list[list[tuple[str, dict]]]]:
    parser = Tables()
    parser.feed((out / "report.html").read_text(encoding="utf-8"))
    return parser.tables


def test_a_run_computes_the_picture_once_and_every_number_in_it_once(run):
    result, _, calls = run
    assert calls == {"build_picture": 1, "rollup": 1, "regional_risks": 1}
    assert result.picture is not None and len(result.picture.plans) == 5


def test_every_indicator_has_one_target_actual_progress_and_verdict_in_every_output(run):
    result, out, _ = run
    picture = result.picture
    workbook = workbook_rows(out, regional_workbook.NAMES["rollup"]("lv"))[1:]
    master = [list(r) for r in masterdata.rollup_block(picture).rows[1:]]
    report = [r for r in report_tables(out)["rollup"] if r]
    assert workbook == master and len(workbook) == len(picture.rollup) >= 10
    shown = [dict(zip(ROLLUP_KEYS, row)) for row in workbook]
    numeric = [r for r in shown if r["target"] is not None or r["actual"] is not None or r["baseline"] is not None]
    assert len(numeric) == len(report) and len({r["status"] for r in numeric}) >= 3  # verdicts vary: a real test
    for row, (title, _unit, n, _baseline, target, actual, bar, verdict) in zip(numeric, report):
        assert title[0].startswith(" ".join(row["indicator"].split())) and verdict[0].startswith(row["status"])
        assert (_value(target), _value(actual), int(n[0])) == (row["target"], row["actual"], row["n"])
        if row["progress"] is not None:  # the bar's label: "Izpilde: 31 % — atpaliek"
            shown = re.search(r": ([\d\s,.]+) % — (.+?)\d", bar[0])
            value = float(shown[1].replace(",", ".").replace(" ", "")) if shown else None
            assert value is not None and abs(value - row["progress"]) <= 0.5  # the report prints whole percent
            assert shown[2] == row["status"]


def _value(cell: tuple[str, dict]) -> float | None:
    text = cell[1].get("data-value", "")
    return float(text) if text else None


def test_every_file_has_the_same_errors_and_warnings_in_every_output(run):
    result, out, _ = run
    picture = result.picture
    workbook = {r[1]: (r[3], r[4]) for r in workbook_rows(out, regional_workbook.NAMES["status"]("lv"))[1:] if r[1]}
    master = {r[1]: (r[3], r[4]) for r in masterdata.status_block(picture).rows[1:] if r[1]}
    report = {r[1][0]: (int(r[3][0]), int(r[4][0])) for r in report_tables(out)["status"] if len(r) > 4}
    expected = {f.name: (f.errors, f.warnings) for f in picture.files}
    assert workbook == master == report == expected
    assert sum(e for e, _ in expected.values()) == result.report.errors > 0


def test_risk_counts_per_municipality_and_for_the_region_agree_in_every_output(run):
    result, out, _ = run
    picture = result.picture
    levels = (*risks.LEVELS, "none")
    expected = {s.name: tuple(s.counts[k] for k in levels) for s in (*picture.risks.municipalities,
                                                                     picture.risks.region) if s.total}
    sheet = workbook_rows(out, regional_workbook.NAMES["matrix"]("lv"))
    workbook = {r[0]: tuple(r[1:5]) for r in sheet[1:len(expected) + 1]}
    block = masterdata.matrix_block(picture).rows
    master = {r[0]: tuple(r[1:5]) for r in block[1:len(expected) + 1]}
    report = {r[0][0]: tuple(int(c[0]) for c in r[1:5]) for r in report_tables(out)["levels"] if r}
    assert workbook == master == report == expected and len(expected) == 6  # five municipalities and the region
    heat = [r[1:6] for r in sheet[len(expected) + 5:len(expected) + 10]]  # below the title and the axis
    assert heat == [list(r) for r in picture.risks.region.grid] == [list(r[1:6]) for r in block[-5:]]
    assert sum(map(sum, heat)) == picture.risks.region.scored > 0
