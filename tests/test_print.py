"""Printed on A4 through LibreOffice: every page readable (text at >= ~85 % of its size) and no page that
holds nothing but a table's empty rows. Checked on the five example plans and the blank template."""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

from lo import convert, require_soffice
from reimpact_xl.schema import SHEETS
from reimpact_xl.workbook.build import build_templates
from reimpact_xl.workbook.examples import build_examples

FULL_SIZE = 14.3  # median word box height (pt) of 11 pt text printed at 100 % (Carlito, LibreOffice)
MIN_SCALE = 0.85


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list[Path]:
    require_soffice()
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler) is not installed")
    folder = tmp_path_factory.mktemp("print")
    books = build_examples(folder / "examples") + build_templates(folder / "blank", langs=("lv",))
    return convert(books, "pdf", folder / "pdf")


def pages(pdf: Path) -> list[str]:
    """Each page's text in XML boxes (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("<page ")[1:]


def words(page: str) -> list[tuple[float, str]]:
    """(box height, word) of each word on a page."""
    return [(float(y1) - float(y0), w) for y0, y1, w in
            re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]


def test_every_page_prints_readably(pdfs):
    small = []
    for pdf in pdfs:
        for n, page in enumerate(pages(pdf), 1):
            heights = [h for h, _ in words(page)]
            if heights and statistics.median(heights) < FULL_SIZE * MIN_SCALE:
                small.append((pdf.name, n, round(statistics.median(heights) / FULL_SIZE, 2)))
    assert small == []


def _frame_words() -> set[str]:
    """Words a page shows without any row of data: titles, column labels, page header and footer."""
    texts = [t for s in SHEETS for t in (s.title("lv"), s.name("lv"), *(c.label("lv") for c in s.columns))]
    texts += ["(turpinājums)", "lpp. no", "Rādītāju pārskats"]
    return {w for t in texts for w in t.replace("\u2060", "").split()}


def test_no_page_holds_only_empty_rows(pdfs):
    frame = _frame_words()
    empty = []
    for pdf in pdfs:
        if pdf.stem.startswith("reimpact_plan"):
            continue  # the blank template is all empty rows, and meant to be
        municipality = set(pdf.stem.replace("_", " ").title().split())
        for n, page in enumerate(pages(pdf), 1):
            body = {w for _, w in words(page) if not re.fullmatch(r"[\d.:#()–-]+", w)}  # page numbers, "#"
            if not body - frame - municipality - {"novads", "valstspilsēta"}:
                empty.append((pdf.name, n))
    assert empty == []
