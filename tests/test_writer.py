"""The regional workbook's consolidated sheets: rows written by sheetdata read back as XlsxWriter's own would."""
from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from lo import convert, require_soffice
from reimpact_xl import sheetdata
from reimpact_xl.layout import MAX_CELL_CHARS
from reimpact_xl.regional import Grid
from reimpact_xl.writer import _Book

AWKWARD = [  # synthetic values, one awkward case each
    ["Ādažu novads", "B7", "Sadarbība ar NVO; ķēķis, ļoti garš teksts " * 8],
    ["Cēsu novads", "C9", "  sākas ar atstarpi"],
    ["Dobeles novads", "D3", "=SUM(A1:A9) paliek teksts"],
    ["Gulbenes novads", "E4", "<b>tags</b> & \"pēdiņas\" 'un' > <"],
    ["Jelgavas novads", "F5", "vadības rakstzīme \x01 un \x1f, _x0041_ kā teksts"],
    ["Krāslavas novads", "G6", "rinda viens\nrinda divi\nrinda trīs"],
    ["Liepāja", "H2", 7694.7],
    ["Ludzas novads", "H3", 40000],
    ["Madonas novads", "H4", date(2024, 3, 1)],
    ["Ogres novads", "H5", datetime(2025, 12, 31, 18, 30)],
    ["Rēzeknes novads", "H6", True],
    ["Siguldas novads", "H7", None],
    ["Talsu novads", "H8", "x" * (MAX_CELL_CHARS + 10)],
    ["Valmieras novads", "H9", -0.1],
]
HEADER = ("Pašvaldība", "Avota šūna", "Vērtība")


def _write(path: Path, bulk: bool) -> Path:
    book = _Book()
    book.grid("1 Tiesību akti", Grid(HEADER, [list(r) for r in AWKWARD]), {2: 40}, bulk=bulk)
    book.close(path)
    return path


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("writer")
    return _write(folder / "xlsxwriter.xlsx", bulk=False), _write(folder / "sheetdata.xlsx", bulk=True)


def _formats(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [(c.coordinate, c.data_type, c.number_format, c.alignment.wrap_text, c.alignment.vertical)
            for row in sheet.iter_rows() for c in row if c.value is not None]


def _values(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("1 Tiesību akti").to_python()


def test_spliced_rows_read_back_exactly_like_xlsxwriters_own(pair):
    own, spliced = pair
    assert _formats(spliced) == _formats(own)
    values = _values(spliced)
    assert values == _values(own)
    assert values[5][2] == "vadības rakstzīme \x01 un \x1f, _x0041_ kā teksts"
    assert values[3][2] == "=SUM(A1:A9) paliek teksts"
    assert values[9][2] == date(2024, 3, 1) and values[11][2] == "TRUE"
    assert len(values[13][2]) == MAX_CELL_CHARS


def test_spliced_rows_keep_row_heights_filter_and_print_setup(pair):
    own, spliced = pair
    a, b = openpyxl.load_workbook(own).worksheets[0], openpyxl.load_workbook(spliced).worksheets[0]
    assert {r: d.height for r, d in b.row_dimensions.items()} == {r: d.height for r, d in a.row_dimensions.items()}
    assert b.row_dimensions[7].height > b.row_dimensions[3].height  # three lines of text get three lines
    assert (b.auto_filter.ref, b.freeze_panes, b.dimensions) == (a.auto_filter.ref, a.freeze_panes, a.dimensions)
    assert b.dimensions == f"A1:C{len(AWKWARD) + 1}"


def test_same_rows_give_the_same_bytes(tmp_path, pair):
    assert _write(tmp_path / "again.xlsx", bulk=True).read_bytes() == pair[1].read_bytes()


def test_every_part_of_the_package_is_well_formed_xml(pair):
    from xml.etree import ElementTree

    with zipfile.ZipFile(pair[1]) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(package.read(name))


def test_libreoffice_opens_the_spliced_sheet_with_every_value(tmp_path, pair):
    require_soffice()
    (resaved,) = convert([pair[1]], "xlsx", tmp_path)  # what LibreOffice read, saved in its own words
    assert _values(resaved) == _values(pair[1])


def test_text_is_escaped_for_xml_and_for_excel():
    assert sheetdata.text_xml("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert sheetdata.text_xml("x\x01y") == "x_x0001_y"
    assert sheetdata.text_xml("_x0041_") == "_x005F_x0041_"
    assert sheetdata.text_xml("Ādaži") == "Ādaži"
    assert sheetdata.column_letters(28)[-3:] == ["Z", "AA", "AB"]
    assert sheetdata.excel_serial(date(2024, 3, 1)) == 45352


def test_sheets_rendered_in_worker_processes_give_the_same_bytes(tmp_path, monkeypatch):
    def two_sheets(path: Path, jobs: int) -> bytes:
        book = _Book()
        for name in ("1 Tiesību akti", "2 Partneri"):
            book.grid(name, Grid(HEADER, [list(r) for r in AWKWARD]), {2: 40}, bulk=True)
        book.close(path, jobs)
        return path.read_bytes()

    monkeypatch.setattr(sheetdata, "PARALLEL_CELLS", 0)  # this small workbook in workers too
    assert two_sheets(tmp_path / "two.xlsx", 2) == two_sheets(tmp_path / "one.xlsx", 1)
