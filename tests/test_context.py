"""One reporting context per run: the same verdict for every indicator in every output, and who is missing."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from illustrative import LEFT_OUT, expected_file, illustrative_inbox
from reimpact_xl.cli import main
from reimpact_xl.excel.mastersettings import ZEMGALE
from reimpact_xl.region.context import ReportingContext, municipality_key, read_expected


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Path:
    """`consolidate --year 2025 --expected` on the illustrative inbox, both readers' reports."""
    root = tmp_path_factory.mktemp("ctx")
    inbox = illustrative_inbox(root / "inbox")
    expected = expected_file(root / "gaidamas.txt")
    out = root / "out"
    args = ["consolidate", str(inbox), "-o", str(out / "regional.xlsx"), "--year", "2025", "--expected", str(expected)]
    coordinator = CliRunner().invoke(main, [*args, "--report", str(out / "report.html"), "--feedback", str(out / "fb")])
    council = CliRunner().invoke(main, [*args, "--report", str(out / "council.html"), "--report-for", "council"])
    assert coordinator.exit_code in (0, 1) and council.exit_code in (0, 1), coordinator.output
    (out / "summary.txt").write_text(coordinator.output, encoding="utf-8")
    return root


def workbook_verdicts(path: Path) -> dict[tuple[str, str], str]:
    """(municipality, indicator ID) -> status word of the regional workbook's #8 sheet."""
    rows = list(openpyxl.load_workbook(path, read_only=True)["8 Rādītāji"].values)
    head = rows[0]
    m, i, s = head.index("Pašvaldība"), head.index("Rādītāja ID"), head.index("Statuss")
    return {(r[m], r[i]): r[s] for r in rows[1:] if r[i]}


def report_verdicts(path: Path) -> dict[tuple[str, str], str]:
    """The same from the report's per-municipality tables (data attributes, status word in the chip)."""
    html = path.read_text(encoding="utf-8")
    found = re.findall(r'<tr data-municipality="([^"]*)" data-id="([^"]*)" data-status="[^"]*">.*?'
                       r'<span class="chip"[^>]*>([^<]*)</span></td></tr>', html, flags=re.S)
    return {(m, i): word for m, i, word in found}


def test_every_output_gives_each_indicator_the_same_status(run):
    out = run / "out"
    in_workbook = workbook_verdicts(out / "regional.xlsx")
    assert len(in_workbook) > 20
    assert report_verdicts(out / "report.html") == in_workbook
    assert report_verdicts(out / "council.html") == in_workbook
    # judged on 31.12.2025, not on the covers' 31.03.2025: a fifth of the target two years out is off track
    assert {"sasniegts", "atbilst plānam", "atpaliek", "būtiski atpaliek", "nav datu"} <= set(in_workbook.values())


def test_feedback_workbook_judges_on_the_same_date(run):
    book = openpyxl.load_workbook(run / "out" / "fb" / "bauskas_novads_atgriezeniska_saite.xlsx", read_only=True)
    cover = [r for r in book[book.sheetnames[0]].values if r and r[0] == "Pārskata datums"]
    assert cover and cover[0][1].date().isoformat() == "2025-12-31"


def test_the_missing_municipality_is_named_everywhere(run):
    out = run / "out"
    status = list(openpyxl.load_workbook(out / "regional.xlsx", read_only=True)["Statuss"].values)
    not_sent = {r[0] for r in status[1:] if r[2] == "nav iesniegts"}
    assert not_sent == {LEFT_OUT, "Jēkabpils novads"}
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert "Nav iesniegts (2): Dobeles novads, Jēkabpils novads." in summary
    assert "vērtēts uz 31.12.2025" in summary
    for name in ("report.html", "council.html"):
        html = (out / name).read_text(encoding="utf-8")
        assert '<span class="chip sev-warning">Dobeles novads</span>' in html
        assert "<b>4</b> iesnieguši plānu no <b>6</b>" in html


def test_the_council_report_has_every_worksheet_and_no_data_quality_detail(run):
    council = (run / "out" / "council.html").read_text(encoding="utf-8")
    coordinator = (run / "out" / "report.html").read_text(encoding="utf-8")
    for n in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"):
        assert f"Darba lapa #{n}:" in council
    for part in ('class="checklist', 'class="monitoring', 'class="money', 'class="per-municipality', "Kopā"):
        assert part in council
    assert 'id="problems"' not in council and "Kļūdas" not in council
    assert 'id="files"' in coordinator and "required-missing" not in council


def test_problem_links_are_relative_and_open_after_the_folder_moves(run, tmp_path):
    moved = tmp_path / "elsewhere"
    shutil.copytree(run, moved)
    sheet = openpyxl.load_workbook(moved / "out" / "regional.xlsx")["Problēmu saraksts"]
    targets = [c.hyperlink.target for c in sheet["D"][1:] if c.hyperlink]
    assert targets and not any(str(run) in t or t.startswith(("/", "\\")) for t in targets)
    for target in targets[:20]:
        file = (moved / "out" / target.split("#")[0].replace("\\", "/")).resolve()
        assert file.is_file() and file.parent == (moved / "inbox").resolve()


def test_unexpected_municipality_is_flagged(tmp_path):
    inbox = illustrative_inbox(tmp_path / "inbox")
    listed = tmp_path / "list.txt"
    listed.write_text("Bauskas novads\nAizkraukles novads\nJelgavas novads\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["consolidate", str(inbox), "-o", str(tmp_path / "r.xlsx"), "--expected",
                                       str(listed)])
    assert "apkopots, nav sarakstā" in result.output
    rows = list(openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)["Problēmu saraksts"].values)
    flagged = [r for r in rows if r[5] == "municipality-not-expected"]
    assert [r[0] for r in flagged] == ["Jelgavas valstspilsēta"]  # and no false alarm for the listed three


def test_expected_file_tolerates_bom_comments_blanks(tmp_path):
    path = expected_file(tmp_path / "e.txt")
    assert read_expected(path) == ZEMGALE
    ctx = ReportingContext(year=2025, expected=("Bauskas novada pašvaldība",))
    assert ctx.on.isoformat() == "2025-12-31" and ctx.is_expected("bauskas  Novads")
    assert municipality_key("Jelgavas valstspilsēta") != municipality_key("Jelgavas novads")


def test_the_regional_workbook_is_a_working_file(run):
    """Tables with filters on every sheet, real times, rule titles in words, percentages 0–100 everywhere."""
    from datetime import datetime

    book = openpyxl.load_workbook(run / "out" / "regional.xlsx")
    assert all(ws.tables for ws in book), [ws.title for ws in book if not ws.tables]
    status = [[c.value for c in row] for row in book["Statuss"].iter_rows()]
    for column in ("Saglabāts", "Faila laiks"):
        at = status[0].index(column)
        assert all(isinstance(r[at], datetime) for r in status[1:] if r[2] != "nav iesniegts")
    assert {"Kontaktpersona", "E-pasts", "Plāna periods", "Iesniegšanas datums"} <= set(status[0])
    issues = [[c.value for c in row] for row in book["Problēmu saraksts"].iter_rows()]
    key, title = issues[0].index("Noteikums"), issues[0].index("Noteikuma nosaukums")
    assert title == key + 1 and all(r[title] and r[title] != r[key] for r in issues[1:])
    indicators = [[c.value for c in row] for row in book["8 Rādītāji"].iter_rows()]
    shares = [r[indicators[0].index("Izpilde, %")] for r in indicators[1:]]
    assert 100 in shares and max(s for s in shares if s is not None) <= 100  # 0–100, as the roll-up's
    assert "Izpilde, %" in [c.value for c in book["Rādītāju kopsavilkums"][1]]


def test_council_timelines_share_one_year_axis_and_print_whole_labels(run):
    html = (run / "out" / "council.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg[^>]*class="gantt".*?</svg>', html, flags=re.S)
    assert len(charts) >= 4
    axes = {tuple(re.findall(r'class="year-label"[^>]*>(\d{4})<', svg)) for svg in charts}
    assert len(axes) == 1  # every municipality's timeline on the same years
    labels = re.findall(r'class="label"[^>]*>(?:<title>[^<]*</title>)?([^<]*)<', " ".join(charts))
    assert labels and not any(text.endswith("…") for text in labels)
