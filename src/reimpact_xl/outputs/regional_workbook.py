"""The regional workbook: status, one consolidated sheet per worksheet, roll-up, risk matrix, issues."""
from __future__ import annotations

import os
from datetime import date, datetime
from itertools import zip_longest
from pathlib import Path
from typing import Any, Mapping, Sequence

import xlsxwriter

from .. import safetext, style
from ..atomic import atomic_path
from ..plan import risks
from ..plan.issues import SEVERITY_WORDS
from ..region import grids as regional
from ..region.picture import RegionalPicture
from ..region.yearview import write_sheet
from ..schema import SHEETS, SHEETS_BY_KEY, Text
from ..workbook.formats import LINE_PT, TEXT_PX, column_px, text_height, wrapped_lines
from ..workbook.sheet import write_value

FIXED_CREATED = datetime(2026, 1, 1)  # workbook property: same inputs, same bytes
NAMES = {
    "status": Text("regional_workbook.names.status"), "rollup": Text("regional_workbook.names.rollup"),
    "matrix": Text("regional_workbook.names.matrix"), "issues": Text("regional_workbook.names.issues"),
}
PRINT_WIDTH = 260  # column widths (characters) that still read well fitted to one landscape A4 page
TABLE_STYLE = "Table Style Light 1"  # plain banding: the status and level fills stay the colours that speak
IN_MEMORY_UP_TO = 200  # plans: a larger regional workbook is saved through temporary files (see _Book)
SEVERITY_COLOURS = {key: fill for key, (fill, _) in style.SEVERITY.items()}


class _Book:
    """XlsxWriter with the few formats every regional sheet uses."""

    def __init__(self, path: Path, plans: int = 0) -> None:
        # with a shared-string table: 25 % less CPU and a third smaller than constant_memory mode (every row
        # repeats its municipality). A small workbook is assembled in memory (no temporary files, ~3 % less
        # CPU); above IN_MEMORY_UP_TO plans XlsxWriter streams each sheet's XML through a temporary file
        # instead of holding it as one string: at 1,000 plans saving then adds nothing to the peak, not +265 MB
        self.wb = xlsxwriter.Workbook(str(path), {"in_memory": plans <= IN_MEMORY_UP_TO, "strings_to_formulas": False,
                                                  "strings_to_urls": False, "default_date_format": "dd.mm.yyyy"})
        self.wb.set_properties({"title": "reimpact-xl", "created": FIXED_CREATED})
        self.wb.set_custom_property("reimpact-xl", "regional")  # never read back as a submission (submissions.py)
        self.head = self.wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": style.HEADER[0],
                                        "font_color": style.HEADER[1], "border": 1})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        self.date = self.wb.add_format({"num_format": "dd.mm.yyyy", "valign": "top"})
        self.time = self.wb.add_format({"num_format": "dd.mm.yyyy hh:mm", "valign": "top"})
        self.title = self.wb.add_format({"bold": True, "font_size": 14})
        self.fills = {k: self.wb.add_format({"bg_color": fill, "font_color": font, "valign": "top"})
                      for k, (fill, font) in risks.COLOURS.items()}

    def grid(self, name: str, grid: regional.Grid, widths: dict[int, int] | None = None,
             links: Mapping[tuple[int, int], tuple[str, str, str]] | None = None,
             formats: Mapping[int, Any] | None = None) -> Any:
        """One sheet: header, rows, filter and print setup; `links` are the (row, column) cells written as
        hyperlinks, (url, text, tip); `formats` the cell format of a column's values (else by type)."""
        ws = self.wb.add_worksheet(safetext.sheet_name(name))
        cols = [(widths or {}).get(c, 18 if c < 2 else 24) for c in range(len(grid.header))]
        dates = _date_columns(grid.rows)
        for c, text in enumerate(grid.header):
            ws.set_column(c, c, cols[c], self.date if c in dates else self.wrap)
        ws.set_row(0, _height(grid.header, cols, bold=True))
        for c, text in enumerate(grid.header):
            ws.write_string(0, c, str(text), self.head)
        links, formats = links or {}, formats or {}
        for r, (row, height) in enumerate(zip(grid.rows, row_heights(grid.rows, cols)), 1):
            ws.set_row(r, height)
            for c, value in enumerate(row):
                if (r, c) in links:
                    url, text, tip = links[r, c]
                    ws.write_url(r, c, url, string=text, tip=tip)
                else:
                    self.cell(ws, r, c, value, formats.get(c))
        ws.freeze_panes(1, 1)
        if grid.rows:  # an Excel table: filters, banding, and it grows when the coordinator adds rows
            ws.add_table(0, 0, len(grid.rows), len(grid.header) - 1, {
                "style": TABLE_STYLE, "columns": [{"header": h, "header_format": self.head}
                                                  for h in _unique(grid.header)]})
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.repeat_rows(0)
        pages_wide = -(-sum(cols) // PRINT_WIDTH)  # wide sheets print across pages at a readable size
        ws.fit_to_pages(pages_wide, 0)
        if pages_wide > 1:
            ws.repeat_columns(0, 1 if len(cols) > 1 else 0)
        return ws

    def cell(self, ws: Any, r: int, c: int, value: Any, fmt: Any = None) -> None:
        """Write one value by its type (the template's writer: text always as text, never a formula)."""
        if value is None or value == "":
            return
        if fmt is None:  # explicit: a number in a column styled for dates must not show as a date
            fmt = self.date if isinstance(value, (date, datetime)) else self.wrap
        write_value(ws, r, c, value, fmt)


def _unique(header: Sequence[Any]) -> list[str]:
    """Header texts as a table's column names, which Excel wants unique: a repeated one gets " (2)"."""
    seen: dict[str, int] = {}
    out = []
    for text in map(str, header):
        seen[text.casefold()] = seen.get(text.casefold(), 0) + 1
        out.append(text if seen[text.casefold()] == 1 else f"{text} ({seen[text.casefold()]})")
    return out


def _height(values: Sequence[Any], widths: Sequence[int], bold: bool = False) -> float:
    """Points a row needs so that its longest wrapped text shows whole (Excel's maximum is 409)."""
    needed = [text_height(str(v), column_px(w), bold=bold) for v, w in zip(values, widths)
              if isinstance(v, str) and v]
    return min(409.0, max(needed, default=LINE_PT))


def row_heights(rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> list[float]:
    """Points each row needs so that its longest wrapped text shows whole (Excel's maximum is 409);
    LibreOffice does not size wrapped rows on opening."""
    pixels = [column_px(w) for w in widths]
    fits = [max(1, int(px / TEXT_PX)) for px in pixels]
    heights = []
    for row in rows:
        lines = 0  # of the row's tallest text
        for c, value in enumerate(row):
            if isinstance(value, str) and value:  # a text that fits on one line skips the word-wrap count
                n = 1 if len(value) <= fits[c] and "\n" not in value else wrapped_lines(value, pixels[c])
                lines = max(lines, n)
        heights.append(min(409.0, round(lines * LINE_PT + 4, 1)) if lines else LINE_PT)  # as text_height
    return heights


def _date_columns(rows: Sequence[Sequence[Any]]) -> set[int]:
    """The columns holding a date (or a date and time) somewhere: a date type among each column's value types."""
    columns = enumerate(zip_longest(*rows))
    return {c for c, values in columns if any(issubclass(t, date) for t in set(map(type, values)))}


def write_regional(picture: "RegionalPicture", path: Path) -> Path:
    """Write the regional workbook atomically; the previous file stays intact if anything fails."""
    lang = picture.lang
    with atomic_path(path, lang) as tmp:
        book = _Book(tmp, len(picture.plans))
        _status(book, picture, lang)
        for sheet in SHEETS:
            grid = picture.sheets[sheet.key]
            widths = {0: 20, 1: 26, **{i: sheet.column(k).width for i, k in enumerate(grid.keys) if k in sheet.keys}}
            _colour_levels(book, book.grid(sheet.name(lang), grid, widths), grid, sheet.key)
        _rollup(book, picture, lang)
        _matrix(book, picture, lang)
        _year_on_year(book, picture, lang)
        _issues(book, picture, lang, Path(path).parent)
        book.wb.close()
    return Path(path)


def _status(book: _Book, picture: "RegionalPicture", lang: str) -> None:
    grid = picture.status
    widths = {0: 24, 1: 30, 2: 14, 3: 9, 4: 12, 5: 13, 6: 10, 7: 16, 8: 16, 9: 22, 10: 26, 11: 12, 12: 13, 13: 66,
              **{c: 10 for c in range(14, len(grid.header))}}
    ws = book.grid(NAMES["status"](lang), grid, widths, formats={7: book.time, 8: book.time})
    n = len(grid.rows)
    if n > len(picture.files):  # expected municipalities that sent nothing
        missing = f'"{regional.NOT_SUBMITTED(lang)}"'
        ws.conditional_format(1, 2, n, 2, {"type": "cell", "criteria": "==", "value": missing,
                                           "format": book.fills["medium"]})
    if n:
        ws.conditional_format(1, 3, n, 3, {"type": "cell", "criteria": ">", "value": 0,
                                           "format": book.fills["high"]})
        ws.conditional_format(1, 4, n, 4, {"type": "cell", "criteria": ">", "value": 0,
                                           "format": book.fills["medium"]})
        ws.conditional_format(1, 5, n, 5, {"type": "data_bar", "bar_color": "#63BE7B", "min_type": "num",
                                           "min_value": 0, "max_type": "num", "max_value": 100})
    ws.activate()


def _colour_levels(book: _Book, ws: Any, grid: regional.Grid, sheet_key: str) -> None:
    """Risk levels coloured as in the municipality workbook."""
    if sheet_key != "risks" or not grid.rows:
        return

    level_col = SHEETS_BY_KEY["risks"].column("level")
    for key in ("level", "computed_level"):
        c = grid.keys.index(key)
        for level in risks.LEVELS:
            ws.conditional_format(1, c, len(grid.rows), c, {
                "type": "cell", "criteria": "==", "value": f'"{level_col.display(level, "lv")}"',
                "format": book.fills[level]})
            ws.conditional_format(1, c, len(grid.rows), c, {
                "type": "cell", "criteria": "==", "value": f'"{level_col.display(level, "en")}"',
                "format": book.fills[level]})


def _rollup(book: _Book, picture: "RegionalPicture", lang: str) -> None:
    book.grid(NAMES["rollup"](lang), picture.rollup_grid, {0: 44})


def _matrix(book: _Book, picture: "RegionalPicture", lang: str) -> None:
    levels = picture.risk_levels
    ws = book.grid(NAMES["matrix"](lang), levels, {0: 26, **{c: 14 for c in range(1, 6)}})
    top = len(levels.rows) + 3
    title = Text("regional_workbook.title")
    ws.write_string(top, 0, title(lang), book.title)
    ws.write_string(top + 1, 0, Text("regional_workbook.matrix.impact_likelihood")(lang), book.head)
    for lik in range(1, 6):
        ws.write_number(top + 1, lik, lik, book.head)
    for r, counts in enumerate(picture.risks.region.grid):
        impact = 5 - r
        ws.write_number(top + 2 + r, 0, impact, book.head)
        for c, count in enumerate(counts):
            band = risks.band(impact * (c + 1)) or "low"
            ws.write_number(top + 2 + r, c + 1, count, book.fills[band])


def relative_link(source: Path, folder: Path) -> str:
    """A submission's path relative to the regional workbook's folder: the link still opens when the folder
    moves with the inbox beside it, and an emailed workbook does not show the coordinator's folders."""
    try:
        return Path(os.path.relpath(Path(source).resolve(), Path(folder).resolve())).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return str(Path(source).resolve())


def _year_on_year(book: _Book, picture: "RegionalPicture", lang: str) -> None:
    """With an archive: each indicator's values by year and what changed in the plans (yearview.py)."""
    if picture.years.years:
        write_sheet(book, picture.years, lang)


MAX_LINKS = 65_530  # hyperlinks Excel keeps on one worksheet


def _issues(book: _Book, picture: "RegionalPicture", lang: str, folder: Path) -> None:
    grid = picture.issue_grid
    targets = {name: relative_link(path, folder) for name, path in picture.paths.items()}  # each file's path once
    message = grid.keys.index("message")
    links = {}
    for r, (issue, row) in enumerate(zip(picture.issues, grid.rows), 1):
        target = targets.get(issue.file)
        if len(links) >= MAX_LINKS:  # Excel's limit per sheet: the rest keep their sheet and cell as text
            break
        if target is not None and issue.cell:  # a link that opens the submission at the cell
            url = safetext.url(f"external:{target}#{issue.ref}")
            if url:  # Excel holds it: XML characters only, within its length limit
                links[r, 3] = (url, issue.cell, safetext.excel_text(row[message], safetext.TIP))
    ws = book.grid(NAMES["issues"](lang), grid, {0: 20, 1: 26, 2: 20, 3: 8, 4: 12, 5: 22, 6: 36, 7: 90}, links)
    for severity, word in SEVERITY_WORDS.items():
        fmt = book.wb.add_format({"bg_color": SEVERITY_COLOURS[severity.value]})
        if grid.rows:
            ws.conditional_format(1, 4, len(grid.rows), 4, {"type": "cell", "criteria": "==",
                                                            "value": f'"{word(lang)}"', "format": fmt})
