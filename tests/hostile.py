"""Builds test workbooks from code: small plan workbooks laid out like the template, and the hostile
corpus (files that are not workbooks, broken, encrypted, legacy, bombs). Nothing binary is committed.

Every builder writes into a folder the test gives it (a pytest tmp_path) and returns the path; each
file is named after the case it covers (README.md in this folder lists them).
"""
from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from reimpact_xl.cfb import compound_file
from reimpact_xl.plan import layout
from reimpact_xl.schema import COVER_FIELDS, COVER_SHEET, METADATA_SHEET, SHEETS, SHEETS_BY_KEY, TEMPLATE_VERSION

Grid = list[list[Any]]


# ---- plan workbooks laid out like the template (layout.py), fast to build ----

def plan_grid(sheet_key: str, rows: Sequence[Mapping[str, Any]] = (), *, lang: str = "lv",
              order: Sequence[str] | None = None, key_row: bool = True, labels: Mapping[str, str] | None = None,
              extra: Mapping[str, Sequence[Any]] | None = None, top: int = 0) -> Grid:
    """One plan sheet as a grid: title, purpose, guidance, key row, header, data rows.

    `order` reorders (or drops) columns, `labels` replaces header texts, `extra` appends unknown columns
    (header -> values by row), `top` inserts empty rows above everything.
    """
    sheet = SHEETS_BY_KEY[sheet_key]
    keys = list(order or sheet.keys)
    extra = dict(extra or {})
    header = [(labels or {}).get(k, sheet.column(k).label(lang)) for k in keys] + list(extra)
    grid: Grid = [[None] for _ in range(top)]
    grid += [[sheet.title(lang)], [sheet.purpose(lang)], [sheet.guidance(lang)]]
    grid.append([*keys, *([None] * len(extra))] if key_row else [None])
    grid.append(header)
    for i, row in enumerate(rows):
        grid.append([row.get(k) for k in keys] + [values[i] if i < len(values) else None
                                                  for values in extra.values()])
    return grid


def cover_grid(values: Mapping[str, Any], lang: str = "lv") -> Grid:
    grid: Grid = [["Rīcības plāns"], [f"Veidnes versija {TEMPLATE_VERSION}"], [None]]
    for field in COVER_FIELDS:
        grid.append([field.label(lang), values.get(field.key)])
    return grid


def meta_grid(municipality: str = "", lang: str = "lv", version: str = TEMPLATE_VERSION,
              names: Mapping[str, str] | None = None) -> Grid:
    rows = [["template_version", version], ["language", lang], ["municipality", municipality],
            ["created", "2026-01-15T09:00:00"]]
    for sheet in SHEETS:
        rows.append([f"{layout.SHEET_PREFIX}{sheet.key}", (names or {}).get(sheet.key, sheet.name(lang))])
        rows.append([f"{layout.COLUMNS_PREFIX}{sheet.key}", ",".join(sheet.keys)])
    return rows


def plan_workbook(path: Path, tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None, *,
                  lang: str = "lv", municipality: str = "Bauskas novads", cover: Mapping[str, Any] | None = None,
                  grids: Mapping[str, Grid] | None = None, names: Mapping[str, str] | None = None,
                  meta: bool = True, version: str = TEMPLATE_VERSION, hidden: Iterable[str] = (),
                  skip: Iterable[str] = ()) -> Path:
    """A whole plan workbook: cover, every schema sheet (rows by key, or a ready grid), metadata."""
    tables, grids, names = dict(tables or {}), dict(grids or {}), dict(names or {})
    sheets: dict[str, Grid] = {COVER_SHEET(lang): cover_grid({"municipality": municipality, **(cover or {})}, lang)}
    for sheet in SHEETS:
        if sheet.key in skip:
            continue
        name = names.get(sheet.key, sheet.name(lang))
        sheets[name] = grids.get(sheet.key) or plan_grid(sheet.key, tables.get(sheet.key, ()), lang=lang)
    if meta:
        sheets[METADATA_SHEET] = meta_grid(municipality, lang, version)
    hide = {names.get(k, SHEETS_BY_KEY[k].name(lang)) if k in SHEETS_BY_KEY else k for k in hidden}
    return write_grids(path, sheets, hidden=hide | ({METADATA_SHEET} if meta else set()))


def write_grids(path: Path, sheets: Mapping[str, Grid], *, hidden: Iterable[str] = (),
                formulas: Mapping[tuple[str, str], tuple[str, Any]] | None = None) -> Path:
    """Grids to an .xlsx with XlsxWriter: strings always as text, numbers, dates; `formulas` maps
    (sheet, "E7") to (formula, cached value)."""
    import xlsxwriter

    path = Path(path)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    date_format = book.add_format({"num_format": "dd.mm.yyyy"})
    hide = set(hidden)
    for name, grid in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                _write(ws, r, c, value, date_format)
        if name in hide:
            ws.hide()
    for (name, cell), (formula, value) in (formulas or {}).items():
        book.get_worksheet_by_name(name).write_formula(cell, formula, None, value)
    book.close()
    return path


def _write(ws: Any, r: int, c: int, value: Any, date_format: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, (date, datetime)):
        ws.write_datetime(r, c, value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                                                    value.day), date_format)
    else:
        ws.write_string(r, c, str(value))


def rezip(source: Path, target: Path, *, replace: Mapping[str, bytes] | None = None,
          add: Mapping[str, bytes] | None = None, drop: Iterable[str] = (), stored: bool = False) -> Path:
    """A copy of a zip package with members replaced, added or dropped (CRCs and sizes kept honest)."""
    replace, add, drop = dict(replace or {}), dict(add or {}), set(drop)
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", method) as out:
        for info in src.infolist():
            if info.filename not in drop:
                out.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in add.items():
            out.writestr(name, data)
    return target


def member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


# ---- the hostile corpus ----

def minimal_ods(path: Path, tables: Mapping[str, Grid]) -> Path:
    """An OpenDocument spreadsheet written by hand: mimetype first and stored, one table per grid."""
    cells = []
    for name, grid in tables.items():
        rows = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
                       for row in grid)
        cells.append(f'<table:table table:name="{_esc(name)}">{rows}</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet>{"".join(cells)}</office:spreadsheet></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return path


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{_esc(str(value))}</text:p></table:table-cell>'


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def deflate_zeros(size: int) -> bytes:
    """A raw deflate stream of `size` zero bytes, made in 1 MB steps (so no big buffer is held)."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * 2**20
    out = [squeezer.compress(block) for _ in range(size // len(block))]
    out.append(squeezer.compress(b"\0" * (size % len(block))))
    out.append(squeezer.flush())
    return b"".join(out)


def zip_with_raw_member(path: Path, base: Path, name: str, raw: bytes, declared: int, crc: int) -> Path:
    """The base package plus one deflated member whose headers declare `declared` bytes (maybe a lie)."""
    data = Path(base).read_bytes()
    eocd = data.rfind(b"PK\x05\x06")
    count, _, cd_start = struct.unpack("<HII", data[eocd + 10:eocd + 20])
    encoded = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw), declared, len(encoded), 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(raw), declared,
                          len(encoded), 0, 0, 0, 0, 0, cd_start) + encoded
    directory = data[cd_start:eocd] + central
    new_start = cd_start + len(local) + len(encoded) + len(raw)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count + 1, count + 1, len(directory), new_start, 0)
    Path(path).write_bytes(data[:cd_start] + local + encoded + raw + directory + end)
    return Path(path)


def corpus(folder: Path, base: Path) -> dict[str, Path]:
    """Every hostile case, built from `base` (a valid small workbook) into `folder`, by case name."""
    folder = Path(folder)
    good = base.read_bytes()
    cases: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        cases[name.split(".")[0]] = folder / name
        (folder / name).write_bytes(data)

    put("empty.xlsx", b"")
    put("tiny.xlsx", b"PK\x03\x04")
    put("pdf_renamed.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 200)
    put("random_bytes.xlsx", bytes((i * 7919 + 13) % 256 for i in range(4096)))
    put("truncated.xlsx", good[: len(good) // 2])
    put("csv_renamed.xlsx", "Organizācija;Rezultāts\nBiedrība;3 pasākumi\n".encode() * 5)
    put("html_renamed.xlsx", b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>")
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    put("docx_renamed.xlsx", docx.getvalue())
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("notes.txt", "not a workbook")
    put("plain_zip.xlsx", plain_zip.getvalue())
    put("legacy.xls", compound_file({"Workbook": b"\x09\x08" + b"\0" * 5000, "\x05SummaryInformation": b"\0" * 100}))
    put("encrypted.xlsx", compound_file({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 200,
                                         "EncryptedPackage": os.urandom(8000)}))
    put("word97.doc", compound_file({"WordDocument": b"\0" * 5000}))
    cases.update(_zip_cases(folder, base))
    return cases


def _zip_cases(folder: Path, base: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}
    entity = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
              b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              b"<si><t>&lol2;</t></si></sst>")
    names = zipfile.ZipFile(base).namelist()
    strings = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/workbook.xml"
    cases["entity"] = rezip(base, folder / "entity.xlsx", replace={strings: entity})
    cases["macros"] = rezip(base, folder / "macros.xlsm", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 600})
    cases["xlsb"] = rezip(base, folder / "binary.xlsb", drop=[n for n in names if n.startswith("xl/")],
                          add={"xl/workbook.bin": b"\0" * 64})
    cases["no_workbook_part"] = rezip(base, folder / "no_workbook_part.xlsx", drop=["xl/workbook.xml"])
    sheet = next(n for n in names if n.startswith("xl/worksheets/sheet"))
    xml = member(base, sheet)
    far = xml.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    cases["huge_extent"] = rezip(base, folder / "huge_extent.xlsx", replace={sheet: far})
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    cases["svg_image"] = rezip(base, folder / "svg_image.xlsx", add={"xl/media/image1.svg": svg})
    cases["bomb_ratio"] = rezip(base, folder / "bomb_ratio.xlsx", add={"xl/media/zeros.bin": b"\0" * (30 * 2**20)})
    raw = deflate_zeros(210 * 2**20)
    cases["bomb_lying"] = zip_with_raw_member(folder / "bomb_lying.xlsx", base, "xl/media/lie.bin", raw, 1000, 0)
    cases["bomb_declared"] = zip_with_raw_member(folder / "bomb_declared.xlsx", base, "xl/media/big.bin",
                                                 zlib.compress(b"x", 9)[2:-4], 300 * 2**20, zlib.crc32(b"x"))
    bomb = ('<table:table-row table:number-rows-repeated="9000"><table:table-cell '
            'table:number-columns-repeated="10000" office:value-type="float" office:value="1"/></table:table-row>')
    ods = minimal_ods(folder / "ods_small.ods", {"S": [["x"]]})
    content = member(ods, "content.xml").replace(b"</table:table>", bomb.encode() + b"</table:table>")
    cases["ods_bomb"] = rezip(ods, folder / "ods_bomb.ods", replace={"content.xml": content})
    twice = io.BytesIO()
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(twice, "w") as out, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the duplicate is the point
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        out.writestr("xl/workbook.xml", src.read("xl/workbook.xml"))
    (folder / "duplicate_member.xlsx").write_bytes(twice.getvalue())
    cases["duplicate_member"] = folder / "duplicate_member.xlsx"
    return cases
