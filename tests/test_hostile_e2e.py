"""Hostile and broken files driven through `validate` and `consolidate`, as a coordinator meets them."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import hostile
from paths import EXAMPLES_DIR
from reimpact_xl.cli import main

GOOD = ("bauskas_novads.xlsx", "dobeles_novads.xlsx")
INJECTION = "=HYPERLINK(\"http://example.invalid\",\"klikšķini\")"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """Two example workbooks, one hand-made workbook with tricky cells, and the whole hostile corpus."""
    scratch = tmp_path_factory.mktemp("build")
    folder = tmp_path_factory.mktemp("inbox")
    for name in GOOD:
        shutil.copy(EXAMPLES_DIR / name, folder / name)
    rows = [{"organisation": INJECTION, "result": "+371 2000000"}, {"organisation": "@vārds", "result": "-5 dalībnieki"}]
    grid = hostile.plan_grid("partners", rows, extra={"Piezīmes (pašu kolonna)": ["pirmā", "otrā"]})
    hostile.plan_workbook(folder / "tricky_cells.xlsx", municipality="Sintētiskais novads", grids={"partners": grid})
    base = hostile.plan_workbook(scratch / "base.xlsx", {"partners": [{"organisation": "Biedrība"}]},
                                 municipality="Sintētiskais bāzes novads")
    for name, path in hostile.corpus(scratch, base).items():
        shutil.copy(path, folder / path.name)
    (folder / "~$bauskas_novads.xlsx").write_bytes(b"\0" * 165)
    return folder


@pytest.fixture(scope="module")
def run(inbox, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = digest(inbox)
    result = CliRunner().invoke(main, ["consolidate", str(inbox), "-o", str(out / "regional.xlsx"),
                                       "--report", str(out / "report.html"), "--feedback", str(out / "fb")])
    return result, out, before


def test_the_run_finishes_and_says_what_happened(run, inbox):
    result, out, before = run
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert digest(inbox) == before, "inputs must be byte-identical after the run"
    for name in ("regional.xlsx", "report.html"):
        assert (out / name).exists()


def test_every_file_appears_in_the_status_sheet_and_the_good_ones_are_consolidated(run, inbox):
    _, out, _ = run
    book = load_workbook(out / "regional.xlsx", read_only=True)
    status = list(book["Statuss"].iter_rows(values_only=True))
    files = {row[1]: row[2] for row in status[1:]}
    expected = {p.name for p in inbox.iterdir() if not p.name.startswith("~$")}
    assert set(files) == expected
    assert files["bauskas_novads.xlsx"] == files["dobeles_novads.xlsx"] == "apkopots"
    assert files["empty.xlsx"] == files["encrypted.xlsx"] == "nenolasāms"


def test_formula_text_from_a_submission_stays_text_in_the_regional_workbook(run):
    _, out, _ = run
    sheet = load_workbook(out / "regional.xlsx")["2 Partneri"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    texts = {c.value for row in sheet.iter_rows() for c in row}
    assert {"@vārds", "-5 dalībnieki", "+371 2000000"} <= texts


def test_a_column_the_template_does_not_know_is_carried_into_the_regional_sheet(run):
    _, out, _ = run
    rows = list(load_workbook(out / "regional.xlsx", read_only=True)["2 Partneri"].iter_rows(values_only=True))
    column = rows[0].index("Piezīmes (pašu kolonna)")
    assert [r[column] for r in rows[1:] if r[0] == "Sintētiskais novads"] == ["pirmā", "otrā"]


@pytest.mark.parametrize(("case", "rule"), [
    ("empty.xlsx", "file-unreadable"), ("pdf_renamed.xlsx", "file-unreadable"), ("truncated.xlsx", "file-unreadable"),
    ("encrypted.xlsx", "file-encrypted"), ("legacy.xls", "file-legacy-xls"), ("entity.xlsx", "file-unreadable"),
    ("bomb_declared.xlsx", "file-too-large"), ("macros.xlsm", "file-macros"),
])
def test_validate_names_the_file_and_says_what_to_do(inbox, case, rule):
    result = CliRunner().invoke(main, ["validate", "--format", "json", str(inbox / case)])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    import json

    rows = json.loads(result.output)
    assert any(r["rule"] == rule and r["file"].endswith(case.split(".")[0] + Path(case).suffix) for r in rows), rows


def test_the_feedback_folder_has_a_page_for_every_file(run, inbox):
    _, out, _ = run
    pages = list((out / "fb").glob("*.html"))
    assert len(pages) == len([p for p in inbox.iterdir() if not p.name.startswith("~$")])
