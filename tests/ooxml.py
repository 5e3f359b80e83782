"""A conformance checker for .xlsx/.xlsm packages: what Excel needs to open a file without repairing it.

`problems(path)` lists every finding as "part: what"; an empty list means the package passed:

1. The zip: members readable, names unique, dates valid (a DOS date of month 0 is refused by some
   unzippers), `[Content_Types].xml` giving every part a type.
2. Every XML part well-formed (no raw control characters, no undeclared entities).
3. Every XML part whose root namespace the ECMA-376 transitional schemas in `ooxml-xsd/` cover valid
   against them, after markup compatibility is resolved as a consumer does: elements and attributes
   of namespaces named in `mc:Ignorable` dropped, each `mc:AlternateContent` replaced by its
   `mc:Fallback`, and `xml:space` (XML's own attribute, which Excel writes on `<t>` though sml.xsd
   gives `<t>` a simple type without attributes) removed. Skipped by rule, because no schema here
   covers them: VML drawings (legacy comments and buttons: root `xml`, namespace-less), parts whose root is in an Office 2010+ extension namespace
   (x14, xr, x15, ...: ctrlProps, richData, threaded comments, people), and non-XML parts (vbaProject,
   printer settings, images). Inside covered parts `extLst/ext` holds `xsd:any` (lax), so extension
   elements there are checked only where a schema knows them.
4. The rules Excel enforces beyond the schemas: rows ascending and cells ascending within a row, each
   cell in its row, no reference twice; style indexes below the number of cellXfs (and a style's font,
   fill, border, number format and a conditional format's dxf existing); shared-string indexes below the
   number of strings; text of a cell at most 32,767 UTF-16 units (Excel's `_xHHHH_` escapes decoded);
   data-validation title 32, message 255, list 255; hyperlink tooltip 255; header/footer 255; row
   heights at most 409.5 pt; sheet names 1-31 units without []:*?/\\ nor a leading or trailing ',
   unique ignoring case; defined names legal and unique in their scope, their string constants at most
   255; every r:id naming a relationship of its part, every internal relationship target present.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "ooxml-xsd" / "all.xsd"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_SPACE = f"{{{XML_NS}}}space"  # XML 1.0 §2.10; sml.xsd's <t> (a simple type) omits it
COVERED = {  # root namespaces the schemas declare global elements for
    MAIN, CT, PKG_R,
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
}
MAX_TEXT, MAX_ROW_PT, MAX_ROWS, MAX_COLS = 32_767, 409.5, 1_048_576, 16_384
DV_LIMITS = {"promptTitle": 32, "errorTitle": 32, "prompt": 255, "error": 255}
ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")
SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
NAME = re.compile(r"^[^\W\d][\w.\\]*$|^\\[\w.\\]*$")  # a letter, _ or \ first; letters, digits, _ . \
LOOKS_LIKE_REF = re.compile(r"^([A-Za-z]{1,3}[0-9]+|[Rr][0-9]*[Cc][0-9]*|[RrCc])$")
STRING_CONSTANT = re.compile(r'"((?:[^"]|"")*)"')
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS)))


def utf16_len(text: str) -> int:
    """Length as Excel counts it: a character beyond the BMP (an emoji) takes two units."""
    return len(text) + len(ASTRAL.findall(text))


def decoded_len(text: str) -> int:
    """Length of cell text as Excel holds it: each `_xHHHH_` escape is one character."""
    return len(text) if len(text) * 2 <= MAX_TEXT else utf16_len(ESCAPE.sub("_", text))


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def problems(path: Path | str) -> list[str]:
    """Every finding for the package at `path` (empty: Excel opens it without repairing)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _check_package(zf)
    except zipfile.BadZipFile as exc:
        return [f"{Path(path).name}: not a zip ({exc})"]


def _check_package(zf: zipfile.ZipFile) -> list[str]:
    out: list[str] = []
    names = [i.filename for i in zf.infolist()]
    if len(set(names)) != len(names):
        out.append("zip: a member name appears twice")
    for info in zf.infolist():
        try:
            when = datetime(*info.date_time)
            if when.year < 1980:
                raise ValueError("before 1980")
        except ValueError as exc:
            out.append(f"{info.filename}: invalid zip date {info.date_time} ({exc})")
    trees: dict[str, etree._Element] = {}
    for name in names:
        data = zf.read(name)
        if name.endswith((".xml", ".rels", ".vml")) or data.lstrip()[:5] == b"<?xml":
            try:
                trees[name] = etree.fromstring(data, PARSER)
            except etree.XMLSyntaxError as exc:
                out.append(f"{name}: not well-formed XML ({exc})")
    out += _content_types(names, trees)
    for name, tree in trees.items():
        out += _validate(name, tree)
    rels = {name: _rels(name, trees) for name in trees if not name.endswith(".rels")}
    out += _relationships(names, trees, rels)
    out += _excel_rules(trees, rels)
    return out


def _content_types(names: list[str], trees: dict) -> list[str]:
    types = trees.get("[Content_Types].xml")
    if types is None:
        return ["[Content_Types].xml: missing"]
    defaults = {d.get("Extension", "").lower() for d in types.iter(q(CT, "Default"))}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(q(CT, "Override"))}
    return [f"{n}: no content type" for n in names if not n.endswith("/") and n != "[Content_Types].xml"
            and n not in overrides and n.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower() not in defaults]


def _validate(name: str, tree: etree._Element) -> list[str]:
    """Schema errors of one part; a part outside the schemas' namespaces is skipped (see the docstring)."""
    if etree.QName(tree).namespace not in COVERED:
        return []
    doc = _resolve_mc(etree.fromstring(etree.tostring(tree), PARSER))
    if schema().validate(doc):
        return []
    return [f"{name}: line {e.line}: {e.message}" for e in list(schema().error_log)[:5]]


def _resolve_mc(root: etree._Element) -> etree._Element:
    """Markup compatibility as a consumer applies it (ECMA-376 Part 3): Fallbacks in, ignorables out."""
    ignorable = {el.nsmap.get(prefix, "") for el in root.xpath("//*[@mc:Ignorable]", namespaces={"mc": MC})
                 for prefix in el.get(q(MC, "Ignorable")).split()}
    for alt in root.xpath("//mc:AlternateContent", namespaces={"mc": MC}):
        parent, fallback = alt.getparent(), alt.find(q(MC, "Fallback"))
        if parent is None:
            continue  # inside an AlternateContent already replaced
        at = parent.index(alt)
        parent.remove(alt)
        for i, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(at + i, child)
    for ns in ignorable:
        for el in root.xpath("//*[namespace-uri()=$ns]", ns=ns):
            if el.getparent() is not None:
                el.getparent().remove(el)
    for ns in ignorable | {MC}:
        for el in root.xpath("//*[@*[namespace-uri()=$ns]]", ns=ns):
            for attr in [a for a in el.attrib if a.startswith(f"{{{ns}}}")]:
                del el.attrib[attr]
    for el in root.xpath("//*[@xml:space]"):
        del el.attrib[XML_SPACE]
    return root


def _rels(part: str, trees: dict) -> dict[str, etree._Element]:
    """Relationship id -> element, of the part's .rels (empty when it has none)."""
    folder, base = posixpath.split(part)
    tree = trees.get(posixpath.join(folder, "_rels", base + ".rels"))
    return {} if tree is None else {r.get("Id"): r for r in tree.iter(q(PKG_R, "Relationship"))}


def _relationships(names: list[str], trees: dict, rels: dict) -> list[str]:
    out = []
    present = set(names)
    for name, tree in trees.items():
        if not name.endswith(".rels"):
            continue
        source = posixpath.dirname(posixpath.dirname(name))
        for rel in tree.iter(q(PKG_R, "Relationship")):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or target.startswith("#"):  # "#Sheet1!A1": a place in this workbook
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(source, target.split("#")[0]))
            if resolved not in present:
                out.append(f"{name}: relationship {rel.get('Id')} points at {target}, which is not in the package")
    for name, refs in rels.items():
        for value in trees[name].xpath("//@*[namespace-uri()=$ns]", ns=R):
            if value not in refs:
                tag = etree.QName(value.getparent()).localname
                out.append(f"{name}: {tag} names relationship {value}, which is missing")
    return out


def _excel_rules(trees: dict, rels: dict) -> list[str]:
    book = trees.get("xl/workbook.xml")
    if book is None:
        return ["xl/workbook.xml: missing"]
    styles = trees.get("xl/styles.xml")
    counts = _style_counts(styles) if styles is not None else {"cellXfs": 1, "dxfs": 0}
    out = _style_rules(styles) if styles is not None else []
    strings = trees.get("xl/sharedStrings.xml")
    n_strings = 0
    if strings is not None:
        items = strings.findall(q(MAIN, "si"))
        n_strings = len(items)
        for i, si in enumerate(items):
            if decoded_len("".join(t.text or "" for t in si.iter(q(MAIN, "t")))) > MAX_TEXT:
                out.append(f"xl/sharedStrings.xml: string {i} is longer than {MAX_TEXT}")
    out += _workbook_rules(book)
    for part, tree in trees.items():
        if etree.QName(tree).localname in ("worksheet", "dialogsheet") and etree.QName(tree).namespace == MAIN:
            out += _sheet_rules(part, tree, counts, n_strings, rels.get(part, {}))
    return out


def _style_counts(styles: etree._Element) -> dict[str, int]:
    return {tag: len(styles.find(q(MAIN, tag)) if styles.find(q(MAIN, tag)) is not None else [])
            for tag in ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "dxfs")}


def _style_rules(styles: etree._Element) -> list[str]:
    counts = _style_counts(styles)
    formats = {int(f.get("numFmtId", "0")) for f in styles.iter(q(MAIN, "numFmt"))}
    out = []
    for group in ("cellXfs", "cellStyleXfs"):
        box = styles.find(q(MAIN, group))
        for i, xf in enumerate(box if box is not None else []):
            for attr, of in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
                if int(xf.get(attr, "0")) >= max(counts[of], 1):
                    out.append(f"xl/styles.xml: {group}[{i}] {attr} {xf.get(attr)} of {counts[of]}")
            number = int(xf.get("numFmtId", "0"))
            if number >= 164 and number not in formats:
                out.append(f"xl/styles.xml: {group}[{i}] uses number format {number}, which is not defined")
            if group == "cellXfs" and int(xf.get("xfId", "0")) >= max(counts["cellStyleXfs"], 1):
                out.append(f"xl/styles.xml: cellXfs[{i}] xfId {xf.get('xfId')} of {counts['cellStyleXfs']}")
    return out


def _workbook_rules(book: etree._Element) -> list[str]:
    out, seen = [], set()
    sheets = book.findall(f"{q(MAIN, 'sheets')}/{q(MAIN, 'sheet')}")
    for sheet in sheets:
        name = sheet.get("name", "")
        if not 1 <= utf16_len(name) <= 31 or SHEET_ILLEGAL.search(name) or name.startswith("'") \
                or name.endswith("'"):
            out.append(f"xl/workbook.xml: illegal sheet name {name!r}")
        if name.casefold() in seen:
            out.append(f"xl/workbook.xml: sheet name {name!r} twice")
        seen.add(name.casefold())
    scoped: set[tuple[str, str]] = set()
    for defined in book.iter(q(MAIN, "definedName")):
        name, scope = defined.get("name", ""), defined.get("localSheetId", "")
        plain = name[len("_xlnm."):] if name.startswith("_xlnm.") else name
        if not NAME.match(plain) or LOOKS_LIKE_REF.match(plain) or len(name) > 255:
            out.append(f"xl/workbook.xml: illegal defined name {name!r}")
        if (name.casefold(), scope) in scoped:
            out.append(f"xl/workbook.xml: defined name {name!r} twice in one scope")
        scoped.add((name.casefold(), scope))
        if scope and int(scope) >= len(sheets):
            out.append(f"xl/workbook.xml: defined name {name!r} scoped to sheet {scope} of {len(sheets)}")
        for constant in STRING_CONSTANT.findall(defined.text or ""):
            if utf16_len(constant.replace('""', '"')) > 255:
                out.append(f"xl/workbook.xml: defined name {name!r} holds a text over 255 characters")
    return out


def _sheet_rules(part: str, tree: etree._Element, counts: dict, n_strings: int, rels: dict) -> list[str]:
    out: list[str] = []
    n_xf = max(counts["cellXfs"], 1)
    last_row = 0
    for row in tree.iter(q(MAIN, "row")):
        r = int(row.get("r", last_row + 1))
        if not last_row < r <= MAX_ROWS:
            out.append(f"{part}: row {r} after row {last_row}")
        last_row = r
        if float(row.get("ht", "0")) > MAX_ROW_PT:
            out.append(f"{part}: row {r} is {row.get('ht')} pt high (Excel's maximum is {MAX_ROW_PT})")
        if int(row.get("s", "0")) >= n_xf:
            out.append(f"{part}: row {r} style {row.get('s')} of {n_xf}")
        out += _cells(part, row, r, n_xf, n_strings)
    for col in tree.iter(q(MAIN, "col")):
        if int(col.get("style", "0")) >= n_xf:
            out.append(f"{part}: column {col.get('min')} style {col.get('style')} of {n_xf}")
    for rule in tree.iter(q(MAIN, "cfRule")):
        if rule.get("dxfId") is not None and int(rule.get("dxfId")) >= counts["dxfs"]:
            out.append(f"{part}: conditional format dxf {rule.get('dxfId')} of {counts['dxfs']}")
    for dv in tree.iter(q(MAIN, "dataValidation")):
        out += _validation(part, dv)
    for link in tree.iter(q(MAIN, "hyperlink")):
        if utf16_len(link.get("tooltip", "")) > 255:
            out.append(f"{part}: hyperlink {link.get('ref')} tooltip over 255 characters")
        if link.get(q(R, "id")) is None and link.get("location") is None:
            out.append(f"{part}: hyperlink {link.get('ref')} has neither a relationship nor a location")
    for hf in tree.iter(q(MAIN, "headerFooter")):
        for item in hf:
            if utf16_len(item.text or "") > 255:
                out.append(f"{part}: {etree.QName(item).localname} over 255 characters")
    return out


def _cells(part: str, row: etree._Element, r: int, n_xf: int, n_strings: int) -> list[str]:
    out, last_col = [], 0
    for cell in row.iter(q(MAIN, "c")):
        ref = cell.get("r")
        if ref is None:
            col = last_col + 1
        else:
            match = REF.match(ref)
            if not match or int(match.group(2)) != r:
                out.append(f"{part}: cell {ref} in row {r}")
                continue
            col = column_number(match.group(1))
        if not last_col < col <= MAX_COLS:
            out.append(f"{part}: cell {ref} out of order in row {r} (repeated or before column {last_col})")
        last_col = col
        if int(cell.get("s", "0")) >= n_xf:
            out.append(f"{part}: cell {ref} style {cell.get('s')} of {n_xf}")
        kind, value = cell.get("t", "n"), cell.findtext(q(MAIN, "v"))
        if kind == "s" and (value is None or not value.isdigit() or int(value) >= n_strings):
            out.append(f"{part}: cell {ref} shared string {value} of {n_strings}")
        text = "".join(t.text or "" for t in cell.iter(q(MAIN, "t"))) if kind == "inlineStr" else \
            (value or "") if kind == "str" else ""
        if decoded_len(text) > MAX_TEXT:
            out.append(f"{part}: cell {ref} holds {decoded_len(text)} characters (Excel's maximum is {MAX_TEXT})")
    return out


def _validation(part: str, dv: etree._Element) -> list[str]:
    out, where = [], dv.get("sqref", "")
    for attr, limit in DV_LIMITS.items():
        if utf16_len(dv.get(attr, "")) > limit:
            out.append(f"{part}: data validation {where} {attr} over {limit} characters")
    formula = dv.findtext(q(MAIN, "formula1")) or ""
    if dv.get("type") == "list" and formula.startswith('"') and utf16_len(formula[1:-1]) > 255:
        out.append(f"{part}: data validation {where} list over 255 characters")
    return out
