"""The regional workbook's sheets: awkward values read back as written, in a package every reader accepts."""
from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from lo import convert, require_soffice
from reimpact_xl.outputs.regional_workbook import IN_MEMORY_UP_TO, _Book
from reimpact_xl.plan.layout import MAX_CELL_CHARS
from reimpact_xl.region.grids import Grid

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


def _write(path: Path, plans: int = 0) -> Path:
    book = _Book(path, plans)
    book.grid("1 Tiesību akti", Grid(HEADER, [list(r) for r in AWKWARD]), {2: 40})
    book.wb.close()
    return path


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("writer") / "regional.xlsx")


def test_a_large_inbox_saved_through_temporary_files_holds_the_same_package(written, tmp_path):
    """Above IN_MEMORY_UP_TO plans XlsxWriter streams the sheets through temporary files: same parts, same bytes."""
    large = _write(tmp_path / "large.xlsx", IN_MEMORY_UP_TO + 1)
    with zipfile.ZipFile(written) as small_zip, zipfile.ZipFile(large) as large_zip:
        assert small_zip.namelist() == large_zip.namelist()
        assert all(small_zip.read(n) == large_zip.read(n) for n in small_zip.namelist())


def _values(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name("1 Tiesību akti").to_python()


def test_awkward_values_read_back_as_written(written):
    values = _values(written)
    assert values[5][2] == "vadības rakstzīme \x01 un \x1f, _x0041_ kā teksts"
    assert values[3][2] == "=SUM(A1:A9) paliek teksts"  # text, never a formula
    assert values[2][2] == "  sākas ar atstarpi"
    assert values[9][2] == date(2024, 3, 1) and values[11][2] == "TRUE"
    assert values[7][2] == 7694.7 and values[14][2] == -0.1
    assert len(values[13][2]) == MAX_CELL_CHARS


def test_rows_are_tall_enough_and_within_excels_limit(written):
    sheet = openpyxl.load_workbook(written).worksheets[0]
    heights = {r: d.height for r, d in sheet.row_dimensions.items() if d.height}
    assert heights[7] > heights[3]  # three lines of text get three lines
    assert max(heights.values()) <= 409.5
    (table,) = sheet.tables.values()  # an Excel table: its filter covers the header and every row
    assert (table.ref, table.autoFilter.ref, sheet.freeze_panes) == ((f"A1:C{len(AWKWARD) + 1}",) * 2 + ("B2",))
    assert sheet["C10"].number_format == "dd.mm.yyyy" and sheet["C10"].is_date


def test_every_member_of_the_package_is_well_formed_and_dated(written):
    from xml.etree import ElementTree

    with zipfile.ZipFile(written) as package:
        assert package.testzip() is None
        for info in package.infolist():
            assert 1 <= info.date_time[1] <= 12 and 1 <= info.date_time[2] <= 31, info.filename
            if info.filename.endswith((".xml", ".rels")):
                ElementTree.fromstring(package.read(info))


def test_libreoffice_opens_the_sheet_with_every_value(tmp_path, written):
    require_soffice()
    (resaved,) = convert([written], "xlsx", tmp_path)  # what LibreOffice read, saved in its own words
    assert _values(resaved)[:13] == _values(written)[:13]


def test_problem_links_stop_at_excels_limit_per_sheet(tmp_path, monkeypatch):
    """A region with more problems than Excel keeps hyperlinks on one sheet: the first get links, the rest
    keep their sheet and cell as text, and nothing is dropped with a warning (limit made small here)."""
    import shutil
    import warnings

    from paths import EXAMPLES_DIR
    from reimpact_xl.outputs import regional_workbook
    from reimpact_xl.outputs.run import consolidate

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sorted(EXAMPLES_DIR.glob("*.xlsx"))[:2]:
        shutil.copy(path, inbox / path.name)
    monkeypatch.setattr(regional_workbook, "MAX_LINKS", 10)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # XlsxWriter warns when it ignores a URL over the limit
        result = consolidate(inbox, tmp_path / "out" / "regional.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out" / "regional.xlsx")[regional_workbook.NAMES["issues"]("lv")]
    assert len(result.report) > 10
    assert sum(1 for (cell,) in sheet.iter_rows(min_col=4, max_col=4) if cell.hyperlink) == 10
    assert sheet.max_row == len(result.report) + 1
