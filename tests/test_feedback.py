"""Feedback: a page per file, a workbook per readable file, problem cells coloured and commented."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from reimpact_xl.outputs import feedback
from reimpact_xl.plan.issues import Report
from reimpact_xl.plan.model import Plan
from reimpact_xl.region.gather import gather
from reimpact_xl.region.model import Source
from reimpact_xl.region.picture import build_picture
from reimpact_xl.schema import SHEETS_BY_KEY, rule
from reimpact_xl.workbook.build import build_workbook

TODAY = date(2026, 3, 1)
FILLS = {"error": "FFFFC7CE", "warning": "FFFFEB9C", "info": "FFDDEBF7"}
RISKS = SHEETS_BY_KEY["risks"]


def synthetic_plan(municipality: str, factor: str = "Finansējuma trūkums") -> Plan:
    """A plan with known problems: a high risk without measures, an unreadable timeline, a foreign indicator."""
    return Plan.from_dict({"municipality": municipality, "cover": {
        "municipality": municipality, "plan_period": "2025–2027", "contact_person": "Testa Persona"}, "sheets": {
        "goals": [{"goal_id": "M1", "goal": "Vairāk sociālo uzņēmumu", "task_id": "M1.U1", "task": "Semināri"}],
        "action_plan": [{"activity_id": "A1", "task_id": "M1.U1", "activity": "<script>alert(1)</script> seminārs",
                         "timeline": "kad būs nauda", "responsible": "Attīstības nodaļa"}],
        "indicators": [{"indicator_id": "I1", "goal_id": "M1", "indicator": "q4_participants", "unit": "participants",
                        "baseline": 0, "baseline_year": 2025, "target": 40, "target_year": 2027}],
        "risks": [{"risk_id": "R1", "factor": factor, "impact": "Kavē ieviešanu", "likelihood": 4, "severity": 4,
                   "level": "high"}],
    }})


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """Two submissions of one municipality (the later wins), another one, and a file that is no workbook."""
    folder = tmp_path_factory.mktemp("inbox")
    for name, municipality, when in (("alfa_v1.xlsx", "Alfa novads (sintētisks)", "2026-01-10 09:00"),
                                     ("alfa_v2.xlsx", "Alfa novads (sintētisks)", "2026-02-10 09:00"),
                                     ("ēķu_pagasts.xlsx", "Ēķu pagasts (sintētisks)", "2026-02-01 09:00")):
        build_workbook(folder / name, municipality=municipality, plan=synthetic_plan(municipality),
                       created=datetime.fromisoformat(when))
    (folder / "vēstule.xlsx").write_bytes(b"not a workbook")
    return folder


@pytest.fixture(scope="module")
def written(inbox, tmp_path_factory):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    result = gather(inbox)
    out = tmp_path_factory.mktemp("feedback")
    paths = feedback.write_feedback(build_picture(result), out, today=TODAY)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    return result, out, paths, before, after


def test_submissions_are_never_written(written):
    result, _, _, before, after = written
    assert before == after
    assert {s.name: s.sha256 for s in result.sources} == before


def test_every_file_gets_a_page_and_every_readable_one_a_workbook(written):
    result, out, paths, _, _ = written
    assert {s.name: s.status for s in result.sources}["alfa_v1.xlsx"] == "superseded"
    assert sorted(p.name for p in paths) == sorted(p.name for p in out.iterdir()) == [
        "alfa_novads_sintetisks_atgriezeniska_saite.html", "alfa_novads_sintetisks_atgriezeniska_saite.xlsx",
        "alfa_v1_atgriezeniska_saite.html", "alfa_v1_atgriezeniska_saite.xlsx",
        "eku_pagasts_sintetisks_atgriezeniska_saite.html", "eku_pagasts_sintetisks_atgriezeniska_saite.xlsx",
        "vestule_atgriezeniska_saite.html"]


class Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and any(k == "data-rule" for k, _ in attrs):
            self.rows.append(dict(attrs))


def test_the_page_lists_every_issue_of_its_file_with_sheet_and_cell(written):
    result, out, _, _, _ = written
    html = (out / "eku_pagasts_sintetisks_atgriezeniska_saite.html").read_text(encoding="utf-8")
    parser = Rows()
    parser.feed(html)
    mine = result.report.for_file("ēķu_pagasts.xlsx")
    assert len(mine) > 3
    shown = sorted((r["data-sheet"], r["data-cell"], r["data-rule"]) for r in parser.rows)
    assert shown == sorted((i.sheet, i.cell, i.rule) for i in mine)
    text = unescape(html)
    assert all(issue.message("lv") in text for issue in mine)
    assert "Ēķu pagasts (sintētisks)" in text
    assert rule(parser.rows[0]["data-rule"]).severity.value == "error"  # errors first
    assert "risk-measures-missing" in {r["data-rule"] for r in parser.rows}


def test_the_page_of_an_unreadable_file_says_why(written):
    _, out, _, _, _ = written
    html = (out / "vestule_atgriezeniska_saite.html").read_text(encoding="utf-8")
    assert "vēstule.xlsx" in html and "Saglabājiet to kā .xlsx" in html


def test_problem_cells_of_the_feedback_workbook_have_a_fill_and_a_comment(written):
    result, out, _, _, _ = written
    wb = openpyxl.load_workbook(out / "eku_pagasts_sintetisks_atgriezeniska_saite.xlsx")
    ws = wb[RISKS.name("lv")]
    plan = next(p for p in result.plans if p.municipality.startswith("Ēķu"))
    table = plan.tables["risks"]
    for key in ("preventive", "reactive", "responsible"):
        cell = ws[table.cell(0, key)]
        assert cell.fill.fgColor.rgb == FILLS["error"]
        assert cell.comment is not None and "Riskam ar līmeni “augsts” nav norādīts" in cell.comment.text
        assert cell.comment.text.startswith("kļūda: ")
    timeline = wb[SHEETS_BY_KEY["action_plan"].name("lv")][plan.tables["action_plan"].cell(0, "timeline")]
    assert timeline.value == "kad būs nauda" and timeline.fill.fgColor.rgb == FILLS["warning"]
    assert "nevar nolasīt kā periodu" in timeline.comment.text


def test_text_typed_into_a_cell_is_escaped_on_the_page(written):
    _, out, _, _, _ = written
    html = (out / "alfa_novads_sintetisks_atgriezeniska_saite.html").read_text(encoding="utf-8")
    assert "<script>" not in html


def test_feedback_in_english_names_files_and_speaks_english(inbox, tmp_path):
    result = gather(inbox, lang="en")
    paths = feedback.write_feedback(build_picture(result, "en"), tmp_path, today=TODAY)
    assert "eku_pagasts_sintetisks_feedback.html" in {p.name for p in paths}
    html = (tmp_path / "eku_pagasts_sintetisks_feedback.html").read_text(encoding="utf-8")
    assert "Feedback: Ēķu pagasts (sintētisks)" in html and "Kļūdas" not in html


def test_names_never_collide():
    def source(name: str, municipality: str, status: str) -> Source:
        plan = Plan(municipality=municipality) if status != "unreadable" else None
        return Source(Path(name), "", 0, datetime.now(timezone.utc), plan, Report(), status)

    stems = feedback.feedback_stems([source("alfa_novads.xlsx", "Alfa novads", "superseded"),
                                     source("alfa_v2.xlsx", "Alfa novads", "used"),
                                     source("Alfa novads.xlsx", "", "unreadable")], "lv")
    assert stems == {"alfa_v2.xlsx": "alfa_novads_atgriezeniska_saite",
                     "alfa_novads.xlsx": "alfa_novads_2_atgriezeniska_saite",
                     "Alfa novads.xlsx": "alfa_novads_3_atgriezeniska_saite"}


def test_the_issue_sheet_links_to_each_problem_cell(written):
    result, out, _, _, _ = written
    wb = openpyxl.load_workbook(out / "eku_pagasts_sintetisks_atgriezeniska_saite.xlsx")
    ws = wb[feedback.ISSUES_SHEET("lv")]
    links = [c.hyperlink.location for c in ws["B"][1:] if c.hyperlink]
    assert len(links) == ws.max_row - 1 == len(result.report.for_file("ēķu_pagasts.xlsx"))
    assert any(link.startswith("'10 Riski'!") for link in links)
    assert wb.sheetnames[1] == feedback.ISSUES_SHEET("lv")
    assert [w.title for w in wb if w.sheet_view.tabSelected] == [wb.sheetnames[0]]  # never a group of tabs
