"""The regional report: renders for empty, broken and real inboxes; well-formed, escaped, Latvian first."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reimpact_xl.outputs import report as reporting
from reimpact_xl.plan.issues import Issue, Report
from reimpact_xl.plan.model import Plan
from reimpact_xl.region.gather import gather
from reimpact_xl.region.model import Result, Source
from reimpact_xl.region.picture import build_picture
from reimpact_xl.validation import validate
from synthetic import laid_out

TODAY = date(2026, 3, 1)
VOID = {"meta", "br", "col", "img", "hr", "input", "link", "wbr", "source"}
SVG_SELF_CLOSING = {"rect", "line", "path", "circle", "polyline", "polygon"}


class Walker(HTMLParser):
    """Checks that every element closes in order, and collects text and attributes for the tests."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.rows: list[dict[str, str]] = []
        self.cells: list[tuple[dict[str, str], str]] = []
        self._cell: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "tr":
            self.rows.append(attrs)
        if tag == "td":
            self._cell, self._cell_text = attrs, []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # <rect .../> and friends

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append((self._cell, "".join(self._cell_text)))
            self._cell = None
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell_text.append(data)


def walk(html: str) -> Walker:
    walker = Walker()
    walker.feed(html)
    walker.close()
    assert walker.errors == [] and walker.stack == [], (walker.errors, walker.stack)
    return walker


def plan_of(municipality: str, file: str, sheets: dict) -> Plan:
    plan = Plan.from_dict({"municipality": municipality, "sheets": sheets,
                           "cover": {"municipality": municipality, "plan_period": "2025–2027"}})
    return laid_out(plan, file)


def sheets(target: float, actual: float | None, activity: str = "Seminārs par grantiem") -> dict:
    return {
        "action_plan": [{"activity_id": "A1", "task_id": "M1.U1", "activity": activity,
                         "timeline": "2026. gada 2. ceturksnis", "responsible": "Attīstības nodaļa"},
                        {"activity_id": "A2", "task_id": "M1.U1", "activity": "Tikšanās",
                         "timeline": "kad būs nauda", "responsible": "Attīstības nodaļa"}],
        "indicators": [{"indicator_id": "I1", "goal_id": "M1", "indicator": "q4_participants", "unit": "participants",
                        "baseline": 0.0, "target": target, "target_year": 2027, "actual": actual}],
        "risks": [{"risk_id": "R1", "factor": "Finansējuma trūkums", "impact": "Kavē", "likelihood": 4,
                   "severity": 4, "level": "high"},
                  {"risk_id": "R2", "factor": "Maz interesentu", "impact": "Kavē", "level": "medium"}],
    }


def broken_inbox() -> Result:
    """Two consolidated plans (one with "<script>" typed into a cell), an older file and an unreadable one."""
    when = datetime(2026, 1, 5, tzinfo=timezone.utc)
    alfa = plan_of("Alfa novads (sintētisks)", "alfa.xlsx", sheets(40.0, 12.0, "<script>alert(1)</script> Ēķis"))
    beta = plan_of("Beta novads (sintētisks)", "beta.xlsx", sheets(25.0, 30.0))
    old = plan_of("Beta novads (sintētisks)", "beta_vecais.xlsx", sheets(10.0, None))
    sources = [Source(Path(p.file), "0" * 64, 1, when, p, Report(), "used") for p in (alfa, beta, old)]
    sources[2].status = "superseded"
    sources[2].report.add(Issue("file-superseded", file="beta_vecais.xlsx", expected="beta.xlsx"))
    sources.append(Source(Path("salauzts.xlsx"), "1" * 64, 9, when, None, Report(
        [Issue("file-unreadable", file="salauzts.xlsx", detail="nav ZIP arhīvs")]), "unreadable"))
    result = Result(sources, Report.merge(s.report for s in sources))
    result.report.extend(validate(result.plans))
    return result


def test_an_empty_inbox_gives_a_report_that_says_so():
    html = reporting.render_regional(build_picture(Result([], Report())), today=TODAY)
    text = " ".join(walk(html).text)
    assert "Mapē nav neviena faila, ko apkopot." in text
    assert "01.03.2026" in text and "Problēmu nav." in text


def test_superseded_and_unreadable_files_are_listed_with_the_reason():
    walker = walk(reporting.render_regional(build_picture(broken_inbox()), today=TODAY))
    text = " ".join(walker.text)
    assert "Nav iekļauti apkopojumā" in text
    assert "jaunāku failu “beta.xlsx”" in text
    assert "Failu nevar atvērt kā Excel darbgrāmatu (nav ZIP arhīvs)" in text
    for name in ("Alfa novads (sintētisks)", "Beta novads (sintētisks)", "beta_vecais.xlsx", "salauzts.xlsx"):
        assert name in text


def test_rollup_numbers_are_the_sums_of_the_municipal_values():
    walker = walk(reporting.render_regional(build_picture(broken_inbox()), today=TODAY))
    row = next(r for r in walker.rows if r.get("data-key") == "q4_participants")
    assert row["data-unit"] == "participants"
    values = [float(a["data-value"]) for a, _ in walker.cells if a.get("data-value")]
    assert values == [0.0, 65.0, 42.0]  # baseline, target, actual of alfa + beta; the older file not counted


def test_text_typed_into_a_cell_is_escaped_and_latvian_letters_survive(tmp_path):
    path = reporting.write_regional_report(build_picture(broken_inbox()), tmp_path / "pārskats.html")
    html = path.read_bytes().decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ēķis" in html
    assert "Riska matrica" in html and "Aktivitāšu laika grafiks" in html
    assert [p.name for p in tmp_path.iterdir()] == ["pārskats.html"]  # no temporary file left


def test_report_has_the_sections_the_board_reads():
    walker = walk(reporting.render_regional(build_picture(broken_inbox()), today=TODAY))
    text = " ".join(walker.text)
    for heading in ("Iesniegtās darbgrāmatas", "Rādītāju kopsavilkums", "Riski", "Aktivitāšu laika grafiks",
                    "Biežākās problēmas"):
        assert heading in text
    assert "“kad būs nauda”" in text  # a timeline that cannot be read is listed, not drawn
    rules = [r["data-rule"] for r in walker.rows if "data-rule" in r]
    assert rules[0] == "risk-measures-missing"


def test_english_report_has_no_latvian_interface_words():
    html = reporting.render_regional(build_picture(broken_inbox(), "en"), today=TODAY)
    text = " ".join(walk(html).text)
    assert "Social entrepreneurship action plans: regional summary" in text
    assert "Most common problems" in text and "Risk matrix" in html
    for word in ("Kļūdas", "Pašvaldība", "Biežākās", "apkopots"):
        assert word not in text


# --- the five example plans, built, read and reported -------------------------------------------------------


@pytest.fixture(scope="module")
def examples_result(tmp_path_factory) -> Result:
    from reimpact_xl.workbook.examples import build_examples

    inbox = tmp_path_factory.mktemp("inbox")
    build_examples(inbox)
    return gather(inbox)


@pytest.fixture(scope="module")
def examples_report(examples_result, tmp_path_factory) -> Path:
    return reporting.write_regional_report(build_picture(examples_result), tmp_path_factory.mktemp("report") / "report.html")


def test_report_of_the_example_plans_names_every_municipality(examples_result, examples_report):
    html = examples_report.read_text(encoding="utf-8")
    walker = walk(html)
    text = " ".join(walker.text)
    assert len(examples_result.plans) == 5
    for plan in examples_result.plans:
        assert plan.municipality in text
    assert html.count('class="gantt"') >= 5  # a timeline per municipality (and per page of it)


def _pdf_pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return pages, re.search(r"Page size:\s+(.*)", info).group(1)


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("pdfinfo")), reason="needs chromium and poppler")
def test_example_report_prints_on_a4(examples_report, tmp_path):
    html, pdf = examples_report, tmp_path / "report.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    pages, size = _pdf_pages(pdf)
    assert "(A4)" in size
    assert 5 <= pages <= 60  # every big section starts a page; the coordinator's adds every problem per file
