"""What a spreadsheet package holds, read from its XML bytes (pure, stdlib plus defusedxml).

The cell extent of each worksheet (python-calamine allocates one slot per cell of it), error cells
and formulas saved without a value (python-calamine reads both as empty), the sheet -> part map,
the document's saved time, and the extent of ODS tables with their repeated rows and columns.
"""
from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping


@dataclass(frozen=True)
class SheetScan:
    """What the byte scan of one worksheet found: its cell extent, error cells, formulas with no value."""

    rows: int = 0  # the extent
    cols: int = 0
    errors: Mapping[str, str] = field(default_factory=dict)  # "E12" -> "#DIV/0!"
    uncached: frozenset[str] = frozenset()  # formulas saved without a value (openpyxl, some generators)


# ---- worksheets: cell extent, error cells, formulas without a saved value ----
# Elements may carry any namespace prefix and any XML whitespace: the patterns allow both.

_P = rb"(?:[\w.-]+:)?"  # an optional namespace prefix
_ANY_CELL = re.compile(rb"<" + _P + rb"c(?=[\s>/])(?:[^>]*?\sr\s*=\s*[\"']([^\"']*)[\"'])?[^>]*?(/?)>")
_ROW_R = re.compile(rb"<" + _P + rb"row\s(?:[^>]*?\s)?r\s*=\s*[\"']([^\"']*)[\"']")
_ROW = re.compile(rb"<" + _P + rb"row[\s>/]")
_REF_BYTES = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_FORMULA_CELL = re.compile(
    rb"<" + _P + rb"c(\s[^>]*?)?>\s*<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P + rb"f>)\s*"
    rb"(?:<" + _P + rb"v\s*/>|<" + _P + rb"v>([^<]*)</" + _P + rb"v>)?\s*</" + _P + rb"c>")
_ERROR_CELL = re.compile(rb"<" + _P + rb"c(\s[^>]*?\st\s*=\s*[\"']e[\"'][^>]*?)>(.*?)</" + _P + rb"c>", re.S)
_VALUE = re.compile(rb"<" + _P + rb"v>([^<]*)</" + _P + rb"v>")
_ATTR_R = re.compile(rb"\sr\s*=\s*[\"']([^\"']*)[\"']")
_ATTR_T = re.compile(rb"\st\s*=\s*[\"']([^\"']*)[\"']")


def col_index(letters: str) -> int:
    """Excel column letters -> 1-based index (A -> 1, XFD -> 16384).

    >>> col_index("A"), col_index("AB"), col_index("XFD")
    (1, 28, 16384)
    """
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


def scan_sheet(xml: bytes, marks: bool = True) -> SheetScan:
    """Measure one worksheet's XML: its extent and (with `marks`) error cells and formulas without a value."""
    scan = SheetScan(*sheet_extent(xml))
    return with_marks(scan, xml) if marks else scan


def with_marks(scan: SheetScan, xml: bytes) -> SheetScan:
    """A measured sheet with its error cells and formulas without a value, found in the same XML."""
    errors, uncached = cell_marks(xml)
    return SheetScan(scan.rows, scan.cols, errors, uncached)


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """Rows and columns the reader will allocate for this sheet: the furthest valued cell, conservatively.

    Cells without an `r` attribute take the next position, so each one may push the extent by one.
    """
    cells = [ref for ref, closed in _ANY_CELL.findall(xml) if not closed]
    addressed = [ref for ref in cells if ref]
    parts = _REF_BYTES.findall(b" ".join(addressed))  # letters and digits of every reference, in one pass
    if len(parts) != len(addressed) or any(len(a) + len(d) != len(r) for (a, d), r in zip(parts, addressed)):
        bad = next(r for r in addressed if not _REF_BYTES.fullmatch(r))
        raise ValueError(bad[:20].decode("ascii", "replace"))
    rows = max(map(int, {digits for _, digits in parts}), default=0)
    cols = max((col_index(letters.decode()) for letters in {a for a, _ in parts}), default=0)
    unaddressed = len(cells) - len(addressed)
    if unaddressed:
        row_refs = [int(r) for r in _ROW_R.findall(xml) if r.isdigit() and len(r) <= 7]
        rows = max([rows, *row_refs]) + max(len(_ROW.findall(xml)) - len(row_refs), 0) + 1
        cols += unaddressed
    return rows, cols


def cell_marks(xml: bytes) -> tuple[dict[str, str], frozenset[str]]:
    """Error cells ("E12" -> "#DIV/0!") and formulas saved without a value, found in a worksheet's XML."""
    uncached: set[str] = set()
    if b"<f" in xml or b":f" in xml:
        for attrs, value in _FORMULA_CELL.findall(xml):
            if not value.strip() and _text_type(attrs) is False:
                uncached.add(_attr(_ATTR_R, attrs).upper())
    errors: dict[str, str] = {}
    if b"'e'" in xml or b'"e"' in xml:
        for attrs, inner in _ERROR_CELL.findall(xml):
            found = _VALUE.search(inner)
            errors[_attr(_ATTR_R, attrs).upper()] = _unescape(found.group(1)) if found else "#VALUE!"
    errors.pop("", None)
    return errors, frozenset(uncached - set(errors) - {""})


def _text_type(attrs: bytes) -> bool | None:
    """True for text results (an empty text is a saved value), None for errors, False for numbers."""
    kind = _attr(_ATTR_T, attrs)
    return True if kind in ("str", "s", "inlineStr") else None if kind == "e" else False


def _attr(pattern: re.Pattern[bytes], attrs: bytes) -> str:
    found = pattern.search(attrs or b"")
    return found.group(1).decode("ascii", "replace") if found else ""


def _unescape(raw: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(raw.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


def sheet_parts(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name -> the zip member holding it, from xl/workbook.xml and its relationships."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(workbook_xml)
        rels = ElementTree.fromstring(rels_xml)
    except Exception:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    found: dict[str, str] = {}
    for element in book.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        if target and element.get("name") is not None:
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            found.setdefault(element.get("name", ""), part)
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def ods_saved(meta_xml: bytes) -> str:
    return _xml_text(meta_xml, ("date", "creation-date"))


def _xml_text(xml: bytes, names: tuple[str, ...]) -> str:
    if not xml:
        return ""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(xml)
    except Exception:
        return ""
    found = {_local(e.tag): (e.text or "").strip() for e in root.iter()}
    return next((found[n] for n in names if found.get(n)), "")


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def ods_extents(content_xml: bytes) -> list[tuple[str, int, int]]:
    """(table name, rows, columns) of every table's non-empty extent in an ODS content.xml."""
    from defusedxml import ElementTree

    return list(_ods_tables(ElementTree.iterparse(io.BytesIO(content_xml), ("start", "end"))))


def _ods_tables(events: Iterator[tuple[str, Any]]) -> Iterator[tuple[str, int, int]]:
    """(table name, rows, columns) of each table's non-empty extent, honouring *-repeated attributes."""
    table, row, rows, cols, col, row_cols = "", 0, 0, 0, 0, 0
    tag_table, tag_row = f"{{{_TABLE_NS}}}table", f"{{{_TABLE_NS}}}table-row"
    cells = {f"{{{_TABLE_NS}}}table-cell", f"{{{_TABLE_NS}}}covered-table-cell"}
    for event, element in events:
        if event == "start" and element.tag == tag_table:
            table, row, rows, cols = element.get(f"{{{_TABLE_NS}}}name", ""), 0, 0, 0
        elif event == "start" and element.tag == tag_row:
            col, row_cols = 0, 0
        elif event == "end" and element.tag in cells:
            repeat = _repeat(element.get(f"{{{_TABLE_NS}}}number-columns-repeated"))
            if element.get(f"{{{_OFFICE_NS}}}value-type") or len(element) or (element.text or "").strip():
                row_cols = col + repeat
            col += repeat
            element.clear()
        elif event == "end" and element.tag == tag_row:
            repeat = _repeat(element.get(f"{{{_TABLE_NS}}}number-rows-repeated"))
            if row_cols:
                rows, cols = row + repeat, max(cols, row_cols)
            row += repeat
            element.clear()
        elif event == "end" and element.tag == tag_table:
            yield table, rows, cols
            element.clear()


def _repeat(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 10 else 1
