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
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, Iterable, Iterator, Mapping, Sequence
from xml.etree import ElementTree

from .layout import MAX_CELL_CHARS

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")  # text that looks like Excel's own escape keeps its meaning
_CONTROL = re.compile("([\x00-\x08\x0b-\x1f\ufffe\uffff])")  # not allowed in XML: written as _xHHHH_
_NEEDS_WORK = re.compile("[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]")
EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 0 with Excel's 1900 leap-year bug folded in (valid from March 1900)


@dataclass(frozen=True)
class Body:
    """Rows to add under a sheet's header row: values, row heights, and the two cell styles used."""

    rows: Sequence[Sequence[Any]]
    heights: Sequence[float]
    text_style: int  # index into the workbook's cellXfs
    date_style: int
    first_row: int = 2  # Excel row number of rows[0]


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
    for i, (row, height) in enumerate(zip(body.rows, body.heights)):
        r = body.first_row + i
        cells = []
        for c, value in enumerate(row):
            if type(value) is str and value and not _NEEDS_WORK.search(value) \
                    and not value[0].isspace() and not value[-1].isspace() and len(value) <= MAX_CELL_CHARS:
                cells.append(f"{refs[c]}{r}{text_cell}{value}</t></is></c>")  # most cells: plain text
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


def splice(package: bytes, target: Path, bodies: Mapping[str, Body]) -> None:
    """Write `package` to `target` with each named sheet's body rows added after its header row."""
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        parts = {parts: name for name, parts in sheet_parts(source).items() if name in bodies}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                data = source.read(info)
                if info.filename not in parts:
                    out.writestr(info, data)
                    continue
                with out.open(_copy_info(info), "w") as stream:
                    _write_through(stream, _sheet_xml(data.decode("utf-8"), bodies[parts[info.filename]]))


def _write_through(stream: IO[bytes], chunks: Iterable[str]) -> None:
    """Render and encode here, compress and write in a second thread: zlib lets go of the GIL, so a
    second core deflates one chunk while this one renders the next."""
    from concurrent.futures import Future, ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: Future | None = None
        for chunk in chunks:
            data = chunk.encode("utf-8")
            if pending is not None:
                pending.result()  # one chunk in flight at most: memory stays flat
            pending = writer.submit(stream.write, data)
        if pending is not None:
            pending.result()


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh entry with the original's name and time (same inputs, same bytes), deflated."""
    copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    copy.compress_type, copy.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
    return copy


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
