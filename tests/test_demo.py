"""The demo: the example plans as the first round, two illustrative rounds after them, all labelled and
archived, so that the report shows progress, a filled risk matrix and trends."""
from __future__ import annotations

import copy

import openpyxl
import pytest

from reimpact_xl.outputs.demo import ARCHIVE, run_demo
from reimpact_xl.region import archive
from reimpact_xl.region.illustrative import fill_year
from reimpact_xl.workbook.examples import example_files, load_example

LABEL = "ILUSTRATĪVI DATI"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return out, run_demo(out)


def _cover_banner(path) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    return str(wb["Titullapa"]["B2"].value or "")


def test_every_generated_cover_says_illustrative_and_no_example_does(demo):
    out, _ = demo
    generated = sorted(out.glob("inbox_20*/*.xlsx"))
    assert len(generated) == 10
    assert [p for p in generated if _cover_banner(p) != LABEL] == []
    assert [p for p in sorted((out / "inbox").glob("*.xlsx")) if _cover_banner(p)] == []


def test_the_archive_keeps_the_examples_as_they_are_and_labels_the_generated_rounds(demo):
    out, _ = demo
    rounds = archive.load(out / ARCHIVE)
    assert [(r.year, r.note) for r in rounds] == [(2025, ""), (2026, "ilustratīvi dati"), (2027, "ilustratīvi dati")]
    first = rounds[0].tables["indicators"]
    assert not [r for rows in first.values() for r in rows if r.get("actual") is not None]


def test_the_report_shows_the_label_progress_a_filled_matrix_and_trends(demo):
    out, result = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count(LABEL) >= 1 and "nav pašvaldību sniegti dati" in html
    reported = [r for p in result.plans for r in p.tables["indicators"].rows if r.get("actual") is not None]
    assert len(reported) >= 30
    assert sum(map(sum, result.picture.risks.region.grid)) >= 30
    section = html[html.index('id="year-on-year"'):]
    assert section.count("<polyline") >= 30 and section.count("↑") >= 10


def test_the_generated_values_are_the_same_every_time():
    plan = load_example(example_files()[1])
    one, two = fill_year(copy.deepcopy(plan), 2026, 1), fill_year(copy.deepcopy(plan), 2026, 1)
    assert one.to_dict() == two.to_dict()
    assert fill_year(copy.deepcopy(plan), 2026, 1, seed=7).to_dict() != one.to_dict()
