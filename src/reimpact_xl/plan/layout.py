"""Where things stand in a generated workbook: the contract between template, reader and writers."""
from __future__ import annotations

TITLE_ROW = 1  # "Darba lapa #7: ..."
PURPOSE_ROW = 2  # "Mērķis: ..."
GUIDANCE_ROW = 3  # the seed's guidance text
KEY_ROW = 4  # hidden: the stable key of each column, so a moved column keeps its key
HEADER_ROW = 5  # column labels (the Excel table's header)
FIRST_DATA_ROW = 6
FIRST_COL = 0  # column A

META_KEYS = ("template_version", "language", "municipality", "created")
OPTIONAL_META_KEYS = ("data_note",)  # "ilustratīvi dati" in generated workbooks
COLUMNS_PREFIX = "columns:"  # metadata rows "columns:<sheet key>" -> comma-separated column keys
SHEET_PREFIX = "sheet:"  # metadata rows "sheet:<sheet key>" -> the sheet's name in this workbook

COVER_FIRST_ROW = 4  # cover: label in column A, value in column B, from this row (1-based)
REPORT_DATE_NAME = "ReportDate"  # defined name of the cover's reporting date
MAX_ROWS = 5000  # rows per sheet the reader accepts before reporting too-many-rows
MAX_CELL_CHARS = 32767  # Excel's own limit for one cell


def col_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 27 -> AB).

    >>> col_letter(0), col_letter(27), col_letter(16383)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
