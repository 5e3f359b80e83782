"""Every workbook the project writes opens in Excel without "repair", even from hostile submissions.

The checker (`ooxml.py`) validates each XML part against the ECMA-376 transitional schemas in
`ooxml-xsd/` and applies the rules Excel enforces beyond them. It was calibrated on files Excel saved:
all 993 workbooks of XlsxWriter's `xlsxwriter/test/comparison/xlsx_files/` (commit cf3fe78d) pass
but one, `chart_stock02.xlsx`, a stock chart of one and two series that the schema requires to have
three or four (Excel accepts it; no workbook here holds a chart); ten of them are in
`excel_written/` so that CI calibrates too. Mutations of those files show it finds what Excel would
repair.

Then every output: both templates, the examples, both masters, the demo's regional workbook, report and
feedback, `new --from`; and the same outputs after an adversarial round: control characters (a Word
soft line break is a vertical tab), emoji, right-to-left marks, `&<>"'`, literal `_x0041_`, text of
32,000 characters and of 40,000 UTF-16 units, injected into text, ID, choice and number columns (whose
values the messages quote) of several sheets and the cover.
"""
from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ooxml

ROOT = Path(__file__).resolve().parents[1]
EXCEL_WRITTEN = sorted((Path(__file__).parent / "excel_written").glob("*.xls[xm]"))
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --- the checker: Excel's files pass, broken ones do not ------------------------------------------


@pytest.mark.parametrize("path", EXCEL_WRITTEN, ids=lambda p: p.name)
def test_workbooks_excel_wrote_pass(path):
    assert ooxml.problems(path) == []


def _mutated(tmp_path: Path, source: str, part: str, old: bytes, new: bytes) -> Path:
    """A copy of an Excel-written workbook with one replacement in one part (a broken fixture on purpose)."""
    out = io.BytesIO()
    with zipfile.ZipFile(Path(__file__).parent / "excel_written" / source) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                assert old in data, (part, old)
                data = data.replace(old, new, 1)
            zout.writestr(info, data)
    target = tmp_path / f"broken_{source}"
    target.write_bytes(out.getvalue())
    return target


SHEET = "xl/worksheets/sheet1.xml"
BREAKAGES = {  # what Excel repairs -> (file, part, old, new, words of the finding)
    "raw control in a tooltip": ("hyperlink05.xlsx", SHEET, b'tooltip="', b'tooltip="\x0b', "well-formed"),
    "tooltip over 255": ("hyperlink05.xlsx", SHEET, b'tooltip="', b'tooltip="' + b"x" * 256, "tooltip"),
    "unknown element": ("header04.xlsx", SHEET, b"<sheetData", b"<foo/><sheetData", "not expected"),
    "row height over 409.5": ("comment10.xlsx", SHEET, b'<row r="1"', b'<row r="1" ht="410" customHeight="1"',
                              "pt high"),
    "rows out of order": ("optimize06.xlsx", SHEET, b'<row r="1"', b'<row r="9"', "after row"),
    "style index out of range": ("data_validation03.xlsx", SHEET, b'<sheetData/>',
                                 b'<sheetData><row r="1"><c r="A1" s="99"/></row></sheetData>', "style 99"),
    "cells out of order": ("data_validation03.xlsx", SHEET, b'<sheetData/>',
                           b'<sheetData><row r="1"><c r="B1"/><c r="A1"/></row></sheetData>', "out of order"),
    "a reference twice": ("data_validation03.xlsx", SHEET, b'<sheetData/>',
                          b'<sheetData><row r="1"><c r="A1"/><c r="A1"/></row></sheetData>', "out of order"),
    "shared string out of range": ("data_validation03.xlsx", SHEET, b'<sheetData/>',
                                   b'<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>',
                                   "shared string"),
    "cell text over 32,767": ("data_validation03.xlsx", SHEET, b'<sheetData/>',
                              b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + b"x" * 32_768
                              + b"</t></is></c></row></sheetData>", "characters"),
    "validation prompt over 255": ("data_validation03.xlsx", SHEET, b'prompt="', b'prompt="' + b"x" * 256, "prompt"),
    "validation title over 32": ("data_validation03.xlsx", SHEET, b'promptTitle="', b'promptTitle="' + b"x" * 33,
                                 "promptTitle"),
    "illegal sheet name": ("header04.xlsx", "xl/workbook.xml", b'name="Sheet1"', b'name="Sheet[1]"', "sheet name"),
    "illegal defined name": ("defined_name04.xlsx", "xl/workbook.xml", b'<definedName name="',
                             b'<definedName name="9 ', "defined name"),
    "missing relationship": ("hyperlink05.xlsx", "xl/worksheets/_rels/sheet1.xml.rels", b'Id="rId1"',
                             b'Id="rId99"', "rId1"),
}


@pytest.mark.parametrize("case", BREAKAGES, ids=str)
def test_the_checker_finds_what_excel_repairs(tmp_path, case):
    source, part, old, new, words = BREAKAGES[case]
    found = ooxml.problems(_mutated(tmp_path, source, part, old, new))
    assert any(words in p for p in found), found


def test_the_checker_finds_an_impossible_zip_date(tmp_path):
    target = tmp_path / "dated.xlsx"
    data = bytearray((Path(__file__).parent / "excel_written" / "header04.xlsx").read_bytes())
    offset = data.index(b"PK\x01\x02")  # the first central directory entry: its date at +14
    data[offset + 14:offset + 16] = (0 << 9 | 0 << 5 | 17).to_bytes(2, "little")  # month 0
    target.write_bytes(bytes(data))
    assert any("invalid zip date" in p for p in ooxml.problems(target))


# --- what the project writes -------------------------------------------------------------------------


def _assert_conforms(paths):
    paths = list(paths)
    assert paths
    found = {p.name: ooxml.problems(p) for p in paths}
    assert {k: v[:5] for k, v in found.items() if v} == {}


def test_shipped_workbooks_conform(tmp_path):
    from reimpact_xl.excel.lite import build_lite_master
    from reimpact_xl.excel.master import build_master

    shipped = sorted((ROOT / "workbook").glob("reimpact_*.xls[xm]"))
    assert len(shipped) == 4  # both templates, the master and the Lite master
    _assert_conforms([*shipped, *sorted((ROOT / "workbook" / "examples").glob("*.xlsx")),
                      build_master(tmp_path / "master_en.xlsm", lang="en"),
                      build_lite_master(tmp_path / "lite_en.xlsx", lang="en")])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from reimpact_xl.outputs.demo import run_demo

    out = tmp_path_factory.mktemp("demo")
    run_demo(out)
    return out


def test_demo_outputs_conform(demo):
    _assert_conforms([*sorted(demo.glob("regional*.xlsx")), *sorted((demo / "feedback").glob("*.xlsx")),
                      *sorted(demo.glob("inbox_*/*.xlsx"))])  # the illustrative rounds, carried forward


def test_new_from_conforms(demo, tmp_path):
    from click.testing import CliRunner

    from reimpact_xl.cli import main

    source = sorted((demo / "inbox").glob("*.xlsx"))[0]
    result = CliRunner().invoke(main, ["new", "--from", str(source), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    _assert_conforms(sorted(tmp_path.glob("*.xlsx")))


# --- the adversarial round ------------------------------------------------------------------------

TEXTS = (
    "Word rinda\x0bjauna rinda\x01un\x1fbeigas",
    "emoji 😀👍🏽🇱🇻 teksts",
    "\u200fمرحبا بالعالم\u200e \u202eapgriezts\u202c",
    "&<>\"' <b>treknraksts</b> &amp; =1+1 <script>x</script>",
    "_x0041_ un _x000B_ burtiski",
    "\ufffe\uffff ne-rakstzīmes \t tab\r\nCRLF",
    "puse pāra \ud83d beigas",
)
NUMBERS = ("7\x0b694,70 €", "12 😀", "\u200f5\u200e", "<1&2>", "_x0033_", "1\x1f0")
LONG = ("Ļoti garš apraksts ar vārdiem. " * 1100)[:32_000]
EMOJI = "😀" * 20_000  # 40,000 UTF-16 units: over a cell's limit
ADVERSARIAL_SHEETS = ("needs", "support_given", "goals", "action_plan", "indicators", "risks", "monitoring")


def _inject(plan, seed: int) -> None:
    """Hostile text into the text, ID, choice and number columns of several sheets, and the cover."""
    from reimpact_xl.schema import ColumnType

    numeric = {ColumnType.EUR, ColumnType.NUMBER, ColumnType.INTEGER, ColumnType.YEAR}
    k = seed
    for key in ADVERSARIAL_SHEETS:
        table = plan.table(key)
        for i, row in enumerate(table.rows[:3]):
            for col in table.sheet.columns:
                if col.type is ColumnType.FORMULA:
                    continue
                k += 1
                if col.type in numeric:
                    row[col.key] = NUMBERS[k % len(NUMBERS)]
                elif col.type in (ColumnType.ID, ColumnType.REF) and i == 0:
                    row[col.key] = f"{row.get(col.key) or 'X1'}{TEXTS[k % len(TEXTS)][:12]}"
                elif col.type in (ColumnType.TEXT, ColumnType.CHOICE):
                    row[col.key] = TEXTS[k % len(TEXTS)]
        if table.rows:
            text_cols = [c.key for c in table.sheet.columns if c.type is ColumnType.TEXT]
            table.rows[-1][text_cols[0]] = LONG
            table.rows[-1][text_cols[-1]] = EMOJI
    plan.cover["contact_person"] = TEXTS[seed % len(TEXTS)]
    plan.cover["plan_period"] = "2025\x0b–2027 😀"


@pytest.fixture(scope="module")
def adversarial(tmp_path_factory):
    """Three example plans made hostile, built as submissions, consolidated with report and feedback."""
    from reimpact_xl.outputs.run import consolidate
    from reimpact_xl.workbook.build import build_workbook
    from reimpact_xl.workbook.examples import example_files, load_example

    out = tmp_path_factory.mktemp("adversarial")
    inbox = out / "inbox"
    inbox.mkdir()
    for seed, path in enumerate(example_files()[:3]):
        plan = load_example(path)
        _inject(plan, seed)
        municipality = plan.municipality + (" & <Co> 😀\x0b" if seed == 0 else "")
        build_workbook(inbox / f"hostile_{path.stem}.xlsx", municipality=municipality, plan=plan,
                       plan_period=plan.cover["plan_period"])
    consolidate(inbox, out / "regional.xlsx", report=out / "report.html", feedback=out / "feedback")
    return out


def test_hostile_submissions_are_built_conforming(adversarial):
    _assert_conforms(sorted((adversarial / "inbox").glob("*.xlsx")))


def test_outputs_from_hostile_submissions_conform(adversarial):
    feedback = sorted((adversarial / "feedback").glob("*.xlsx"))
    assert len(feedback) == 3
    _assert_conforms([adversarial / "regional.xlsx", *feedback])


def test_new_from_hostile_submissions_conforms(adversarial, tmp_path):
    from reimpact_xl.workbook.carry import new_workbook

    for source in sorted((adversarial / "inbox").glob("*.xlsx")):
        new_workbook(tmp_path / source.stem, source=source)
    _assert_conforms(sorted(tmp_path.glob("*/*.xlsx")))


class _Balance(HTMLParser):
    """Open elements, to tell that every element a page opens it also closes."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
            "path", "rect", "line", "circle", "polyline", "polygon", "stop"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()


def test_pages_from_hostile_submissions_are_well_formed(adversarial):
    pages = [adversarial / "report.html", *sorted((adversarial / "feedback").glob("*.html"))]
    assert len(pages) == 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not NOT_XML.search(html), page.name
        assert "<script>x</script>" not in html and "<b>treknraksts</b>" not in html, page.name
        parser = _Balance()
        parser.feed(html)
        parser.close()
        assert parser.errors == [] and parser.stack == [], (page.name, parser.errors[:3], parser.stack)


def test_hostile_text_reaches_the_regional_workbook_whole(adversarial):
    """Text is kept as sent (controls as Excel's escapes); only what no cell can hold is cut."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(adversarial / "regional.xlsx"))
    from reimpact_xl.schema import SHEETS_BY_KEY

    cells = {v for row in book.get_sheet_by_name(SHEETS_BY_KEY["needs"].name("lv")).to_python() for v in row
             if isinstance(v, str)}
    assert LONG in cells
    assert "emoji 😀👍🏽🇱🇻 teksts" in cells
    assert "_x0041_ un _x000B_ burtiski" in cells
    clipped = [v for v in cells if v.startswith("😀😀")]
    assert clipped and all(ooxml.utf16_len(v) <= 32_767 for v in clipped)
