"""The rows of the large consolidated sheets as worksheet XML, spliced into a workbook XlsxWriter wrote.

XlsxWriter spends ~20 µs on each cell; the consolidated sheets of 1,000 plans hold ~900,000 cells.
XlsxWriter still writes everything else (header row, columns, styles, filters, print setup,
conditional formats); these rows are added to its `<sheetData>` as inline strings (`t="inlineStr"`,
ECMA-376 Part 1 §18.3.1.4, the form XlsxWriter itself writes in its constant_memory mode).
"""
from __future__ import annotations

import io
import math
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping, Sequence
from xml.etree import ElementTree

try:
    import deflate as libdeflate
except ImportError:  # Pyodide (xlwings Lite) has no libdeflate: zlib compresses there (other bytes, same parts)
    libdeflate = None

from .layout import MAX_CELL_CHARS
from .runtime import processes_available
from .xlsx_formats import LINE_PT, TEXT_PX, column_px, wrapped_lines

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")  # text that looks like Excel's own escape keeps its meaning
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f\ufffe\uffff])")  # not allowed in XML: written as _xHHHH_
_NEEDS_WORK = re.compile("[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]")
PARALLEL_CELLS = 200_000  # below this, starting worker processes costs more than it saves
EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 0 with Excel's 1900 leap-year bug folded in (valid from March 1900)


@dataclass(frozen=True)
class Body:
    """Rows to add under a sheet's header row: values, column widths, and the two cell styles used."""

    rows: Sequence[Sequence[Any]]
    widths: Sequence[float]  # characters, for the row heights
    text_style: int  # index into the workbook's cellXfs
    date_style: int
    first_row: int = 2  # Excel row number of rows[0]


@dataclass(frozen=True)
class Deflated:
    """A package part compressed for the zip: raw deflate data, CRC-32 and size of the original."""

    data: bytes
    crc: int
    size: int


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
                lines = n if n > lines else lines
        heights.append(min(409.0, round(lines * LINE_PT + 4, 1)) if lines else LINE_PT)  # as text_height
    return heights


def column_letters(count: int) -> list[str]:
    """A, B, …, Z, AA, … for the first `count` columns."""
    letters = []
    for n in range(1, count + 1):
        name = ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def text_xml(text: str) -> str:
    """Cell text as XML character data, with Excel's _xHHHH_ escapes for characters XML cannot hold."""
    text = text[:MAX_CELL_CHARS]
    if _NEEDS_WORK.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", _ESCAPED.sub(r"_x005F\1", text))
    return text


def cell_xml(ref: str, value: Any, body: Body) -> str:
    """One `<c>` element by the value's Python type, as the template's writer types it; "" for a blank."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    elif isinstance(value, (int, float)) and math.isfinite(value):
        return f'<c r="{ref}" s="{body.text_style}"><v>{value:.16G}</v></c>'
    elif isinstance(value, (date, datetime)):
        return f'<c r="{ref}" s="{body.date_style}"><v>{excel_serial(value):.16G}</v></c>'
    text = str(value)
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}" s="{body.text_style}" t="inlineStr"><is><t{space}>{text_xml(text)}</t></is></c>'


def excel_serial(value: date) -> float:
    """Days since Excel's epoch (1900 system), the time of day as the fraction."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    delta = moment.replace(tzinfo=None) - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6


def rows_xml(body: Body) -> Iterator[str]:
    """The `<row>` elements of the body, one string per row."""
    width = max((len(row) for row in body.rows), default=0)
    refs = [f'<c r="{letter}' for letter in column_letters(width)]
    text_cell = f'" s="{body.text_style}" t="inlineStr"><is><t>'
    number_cell = f'" s="{body.text_style}"><v>'
    for i, (row, height) in enumerate(zip(body.rows, row_heights(body.rows, body.widths))):
        r = body.first_row + i
        cells = []
        for c, value in enumerate(row):
            if type(value) is str and value and not _NEEDS_WORK.search(value) \
                    and not value[0].isspace() and not value[-1].isspace() and len(value) <= MAX_CELL_CHARS:
                cells.append(f"{refs[c]}{r}{text_cell}{value}</t></is></c>")  # most cells: plain text
            elif (type(value) is int or type(value) is float) and math.isfinite(value):
                cells.append(f"{refs[c]}{r}{number_cell}{value:.16G}</v></c>")
            elif value is not None and value != "":
                cells.append(cell_xml(f"{refs[c][6:]}{r}", value, body))
        points = int(height * 4 / 3 + 0.5) * 0.75  # whole pixels, as Excel stores row heights
        yield f'<row r="{r}" spans="1:{max(1, len(row))}" ht="{points:.16G}" customHeight="1">{"".join(cells)}</row>'


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part name in the package, from the workbook part and its relationships."""
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PACKAGE_REL_NS}Relationship")}
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iter(f"{MAIN_NS}sheet"):
        target = targets[sheet.get(f"{REL_NS}id")]
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    return parts


def splice(package: bytes, target: Path, bodies: Mapping[str, Body], workers: int = 1) -> None:
    """Write `package` to `target` with each named sheet's body rows added after its header row.

    Large bodies are rendered and compressed in worker processes, one sheet each; the bytes are the
    same whatever the number of workers.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        names = {part: name for name, part in sheet_parts(source).items() if name in bodies}
        part_names = list(names)
        tasks = [(source.read(part).decode("utf-8"), bodies[names[part]]) for part in part_names]
        cells = sum(len(body.rows) * len(body.widths) for body in bodies.values())
        if workers > 1 and cells >= PARALLEL_CELLS and len(tasks) > 1 and processes_available():
            from concurrent.futures import ProcessPoolExecutor

            order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i][1].rows))  # largest first: even shares
            with ProcessPoolExecutor(max_workers=min(workers, len(tasks))) as pool:
                rendered = pool.map(_render, *zip(*(tasks[i] for i in order)))
                done = {part_names[i]: part for i, part in zip(order, rendered)}
        else:
            done = {part: _render(xml, body) for part, (xml, body) in zip(part_names, tasks)}
        parts = [(info, done.get(info.filename) or _as_compressed(source, package, info))
                 for info in source.infolist()]
    write_zip(target, parts)


def _render(xml: str, body: Body) -> Deflated:
    """One worksheet part with its body rows, compressed (in a worker process for large sheets)."""
    return deflate(chunk.encode("utf-8") for chunk in _sheet_xml(xml, body))


def deflate(data: bytes | Iterable[bytes]) -> Deflated:
    """Raw deflate (as zip stores it) of the data, or of its chunks joined: libdeflate at level 6, smaller
    than zlib's level 6 and faster."""
    whole = data if isinstance(data, bytes) else b"".join(data)
    if libdeflate is None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        return Deflated(packer.compress(whole) + packer.flush(), zlib.crc32(whole), len(whole))
    return Deflated(libdeflate.deflate_compress(whole, 6), zlib.crc32(whole), len(whole))


def _as_compressed(source: zipfile.ZipFile, package: bytes, info: zipfile.ZipInfo) -> Deflated:
    """A member of XlsxWriter's package as it is already compressed: its data follows the local header
    (30 bytes, the name, the extra field). A stored member is compressed here."""
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return deflate(source.read(info))
    name_len, extra_len = struct.unpack_from("<HH", package, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return Deflated(package[start:start + info.compress_size], info.CRC, info.file_size)


def write_zip(target: Path, parts: Sequence[tuple[zipfile.ZipInfo, Deflated]]) -> None:
    """A zip file of deflated parts, each with its original name and time (APPNOTE 6.3: no zip64, no
    data descriptors; a workbook part is far below the 4 GiB these headers can hold)."""
    central = []
    with open(target, "wb") as out:
        for info, part in parts:
            if max(part.size, len(part.data), out.tell()) >= 0xFFFFFFFF:
                raise ValueError(f"{info.filename}: too large for a zip without zip64")
            name = info.filename.encode("utf-8")
            y, mo, d, h, mi, sec = info.date_time
            dos_time, dos_date = h << 11 | mi << 5 | sec // 2, (y - 1980) << 9 | mo << 4 | d
            fields = (0, 8, dos_time, dos_date, part.crc, len(part.data), part.size, len(name))
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, *fields, 0, 0, 0, 0, 0,
                                       out.tell()) + name)
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, *fields, 0) + name + part.data)
        start, directory = out.tell(), b"".join(central)
        out.write(directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(directory),
                                          start, 0))


def _sheet_xml(xml: str, body: Body) -> Iterable[str]:
    """The worksheet XML with the body rows before `</sheetData>` and the dimension widened to them."""
    if "<sheetData/>" in xml:
        xml = xml.replace("<sheetData/>", "<sheetData></sheetData>", 1)
    head, end = xml.split("</sheetData>", 1)
    width = max((len(row) for row in body.rows), default=1)
    last = body.first_row + len(body.rows) - 1
    if body.rows:
        head = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{column_letters(width)[-1]}{last}"/>', head, 1)
    yield head
    batch: list[str] = []
    for row in rows_xml(body):
        batch.append(row)
        if len(batch) == 2000:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)
    yield "</sheetData>" + end
