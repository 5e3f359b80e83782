"""Look at a submitted file before any parser does: what it is, whether it is safe to open, size caps.

The file is read once into memory; every later step parses exactly those bytes. Nothing is extracted
to disk and nothing is ever run. Zip members are inflated and counted, whatever their headers declare
(in bounded chunks, stopping at the cap); XML parts with DTD declarations are refused; the cell extent
of every worksheet is measured from its XML, because the spreadsheet reader allocates one slot per
cell of that extent.
"""
from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

from .. import cfb
from ..plan.issues import Issue
from ..schema import Text
from .sheetscan import SheetScan, ods_extents, ods_saved, scan_sheet, sheet_parts
from .submissions import doc_properties

MAX_FILE_BYTES = 50 * 2**20  # a plan workbook is well under 1 MB
MAX_INFLATED_BYTES = 200 * 2**20  # all zip members together, counted while inflating
MAX_RATIO = 200  # a member inflating more than this many times ...
RATIO_MIN_BYTES = 5 * 2**20  # ... and to more than this is a zip bomb
MAX_MEMBERS = 10_000
MAX_SHEET_CELLS = 5_000_000  # rows x columns of one sheet's extent (the reader allocates all of them)
MAX_BOOK_CELLS = 10_000_000  # the same, summed over all sheets
MIN_FILE_BYTES = 22  # the smallest possible zip file
CHUNK = 1 << 20

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
READABLE = frozenset({"xlsx", "xlsm", "ods"})

DETAILS: dict[str, Text] = {
    "missing": Text("safety.details.missing"),
    "not-file": Text("safety.details.not-file"),
    "no-access": Text("safety.details.no-access"),
    "empty": Text("safety.details.empty"),
    "tiny": Text("safety.details.tiny"),
    "pdf": Text("safety.details.pdf"),
    "docx": Text("safety.details.docx"),
    "pptx": Text("safety.details.pptx"),
    "odf": Text("safety.details.odf"),
    "xlsb": Text("safety.details.xlsb"),
    "zip": Text("safety.details.zip"),
    "doc": Text("safety.details.doc"),
    "ole": Text("safety.details.ole"),
    "html": Text("safety.details.html"),
    "xml": Text("safety.details.xml"),
    "text": Text("safety.details.text"),
    "image": Text("safety.details.image"),
    "unknown": Text("safety.details.unknown"),
    "damaged": Text("safety.details.damaged"),
    "truncated": Text("safety.details.truncated"),
    "dtd": Text("safety.details.dtd"),
    "compression": Text("safety.details.compression"),
    "bytes": Text("safety.details.bytes"),
    "inflated": Text("safety.details.inflated"),
    "ratio": Text("safety.details.ratio"),
    "cells": Text("safety.details.cells"),
}


def detail(key: str, lang: str = "lv", **values: object) -> str:
    """One detail phrase of a file-level message, in the reader's language."""
    return DETAILS[key](lang).format(**values)


@dataclass(frozen=True)
class Verdict:
    """The outcome of inspecting one file: its kind, the issues found, and what the reader may use."""

    path: Path
    kind: str  # "xlsx", "xlsm", "ods", "xls", "encrypted", or what it looks like instead
    issues: tuple[Issue, ...] = ()
    data: bytes = b""  # the bytes that were checked: parse these, never the path again
    sheets: Mapping[str, SheetScan] = field(default_factory=dict)  # extents by sheet name (xlsx)
    xml: Mapping[str, bytes] = field(default_factory=dict)  # worksheet XML by sheet name (xlsx)
    saved: str = ""  # the document's own "modified" time (docProps/core.xml or ODS meta.xml)
    props: Mapping[str, str] = field(default_factory=dict)  # document properties (submissions.doc_properties)

    @property
    def readable(self) -> bool:
        return self.kind in READABLE and not any(i.level.value == "error" for i in self.issues)


class Refusal(Exception):
    """Raised inside this module only: the file must not be parsed; carries the issue to report."""

    def __init__(self, rule: str, detail_text: str) -> None:
        super().__init__(detail_text)
        self.rule = rule
        self.detail = detail_text


def inspect(path: Path | str, *, lang: str = "lv") -> Verdict:
    """Decide, before any parser runs, whether a submitted file can be read and how."""
    path = Path(path)
    notes = _lock_issues(path)
    try:
        verdict = _classify(path, _read_bytes(path, lang), lang)
    except Refusal as refusal:
        issue = Issue(refusal.rule, file=path.name, detail=refusal.detail)
        return Verdict(path, "refused", (issue, *notes))
    return replace(verdict, issues=(*verdict.issues, *notes))


def _lock_issues(path: Path) -> tuple[Issue, ...]:
    """Excel's "~$name" owner file (Word-style "~$me" too) or LibreOffice's ".~lock.name#" beside it."""
    name = path.name
    candidates = {f"~${name}", f"~${name[2:]}", f".~lock.{name}#"}
    try:
        present = any((path.parent / c).exists() for c in candidates if c not in ("~$", name))
    except OSError:
        present = False
    return (Issue("file-locked", file=name),) if present else ()


def _read_bytes(path: Path, lang: str) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Refusal("file-unreadable", detail("missing", lang)) from None
    except OSError:
        raise Refusal("file-unreadable", detail("no-access", lang)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Refusal("file-unreadable", detail("not-file", lang))
    if info.st_size > MAX_FILE_BYTES:
        raise Refusal("file-too-large", detail("bytes", lang, size=_mb(info.st_size, lang),
                                               cap=_mb(MAX_FILE_BYTES, lang)))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise Refusal("file-unreadable", detail("no-access", lang)) from None
    if len(data) > MAX_FILE_BYTES:  # it grew while we looked
        raise Refusal("file-too-large", detail("bytes", lang, size=_mb(len(data), lang), cap=_mb(MAX_FILE_BYTES, lang)))
    if not data:
        raise Refusal("file-unreadable", detail("empty", lang))
    if len(data) < MIN_FILE_BYTES:
        raise Refusal("file-unreadable", detail("tiny", lang, n=len(data)))
    return data


def _mb(size: int, lang: str) -> str:
    text = f"{size // 2**20} MB" if size % 2**20 == 0 else f"{size / 2**20:.1f} MB"
    return text if lang == "en" else text.replace(".", ",")


def _classify(path: Path, data: bytes, lang: str) -> Verdict:
    if data.startswith(ZIP_MAGIC):
        return _classify_zip(path, data, lang)
    if data.startswith(cfb.MAGIC):
        kind = ole_kind(data)
        if kind == "encrypted":
            raise Refusal("file-encrypted", "")
        if kind == "xls":
            raise Refusal("file-legacy-xls", "")
        raise Refusal("file-unreadable", detail(kind, lang))
    if is_biff(data):
        raise Refusal("file-legacy-xls", "")
    raise Refusal("file-unreadable", detail(sniff(data), lang))


def sniff(data: bytes) -> str:
    """What a file that is neither zip nor OLE looks like: "pdf", "html", "xml", "text", "image", "unknown"."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:300]:
        return "html"
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return "xml"
    try:
        sample = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        try:
            sample = data[:4096].decode("cp1257")
        except UnicodeDecodeError:
            return "unknown"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in sample)
    return "text" if sample and printable / len(sample) > 0.95 else "unknown"


# ---- zip containers: xlsx, xlsm, ods (and what else arrives zipped) ----

def _classify_zip(path: Path, data: bytes, lang: str) -> Verdict:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # zipfile raises many kinds on hostile input
        raise Refusal("file-unreadable", detail("truncated", lang)) from None
    names = [i.filename for i in infos]
    if len(infos) > MAX_MEMBERS:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"{len(infos)} ZIP"))
    twice = [n for n, count in Counter(names).items() if count > 1]
    if twice:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"{twice[0]} ×2"))
    if sum(i.file_size for i in infos) > MAX_INFLATED_BYTES:
        raise Refusal("file-too-large", detail("inflated", lang, cap=_mb(MAX_INFLATED_BYTES, lang)))
    kind = _zip_kind(set(names), data, archive, lang)
    parts = _inflate_all(data, infos, lang)
    issues: tuple[Issue, ...] = ()
    if kind == "xlsm" or any(n.startswith(("Basic/", "Scripts/")) for n in names):
        issues = (Issue("file-macros", file=path.name),)
    if kind == "ods":
        if b"encryption-data" in parts.get("META-INF/manifest.xml", b""):
            raise Refusal("file-encrypted", "")
        _check_ods_extent(parts.get("content.xml", b""), lang)
        return Verdict(path, kind, issues, data, saved=ods_saved(parts.get("meta.xml", b"")))
    scans, xml = _sheet_scans(parts, lang)
    props = doc_properties(parts.get("docProps/core.xml", b""), parts.get("docProps/custom.xml", b""))
    return Verdict(path, kind, issues, data, scans, xml, props.get("modified") or props.get("created", ""), props)


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return text or type(exc).__name__


def _zip_kind(names: set[str], data: bytes, archive: zipfile.ZipFile, lang: str) -> str:
    if "mimetype" in names:
        try:
            mime = archive.read("mimetype")[:100].strip()
        except Exception as exc:
            raise Refusal("file-unreadable", detail("damaged", lang, why=_why(exc))) from None
        if mime == ODS_MIME:
            return "ods"
        raise Refusal("file-unreadable", detail("odf", lang))
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        macros = "xl/vbaProject.bin" in names or any(n.startswith("xl/macrosheets/") for n in names)
        return "xlsm" if macros else "xlsx"
    if "xl/workbook.bin" in names:
        raise Refusal("file-unreadable", detail("xlsb", lang))
    if any(n.startswith("word/") for n in names):
        raise Refusal("file-unreadable", detail("docx", lang))
    if any(n.startswith("ppt/") for n in names):
        raise Refusal("file-unreadable", detail("pptx", lang))
    if any(n.startswith("xl/") for n in names) or "[Content_Types].xml" in names:
        raise Refusal("file-unreadable", detail("damaged", lang, why="xl/workbook.xml"))
    raise Refusal("file-unreadable", detail("zip", lang))


def _inflate_all(data: bytes, infos: list[zipfile.ZipInfo], lang: str) -> dict[str, bytes]:
    """Inflate every member in chunks, counting real bytes against the caps; keep the XML parts."""
    total = 0
    parts: dict[str, bytes] = {}
    for info in infos:
        keep = _parsed_part(info.filename)
        content, size = _inflate(data, info, MAX_INFLATED_BYTES - total, keep, lang)
        total += size
        if size > RATIO_MIN_BYTES and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size // max(info.compress_size, 1)
            raise Refusal("file-too-large", detail("ratio", lang, part=info.filename, ratio=ratio))
        if keep:
            if _has_dtd(content):
                raise Refusal("file-unreadable", detail("dtd", lang, part=info.filename))
            parts[info.filename] = content
    return parts


def _parsed_part(name: str) -> bool:
    """Members some parser will read: XML and relationships, not images or embedded files."""
    lowered = name.lower()
    skip = ("xl/media/", "xl/embeddings/", "pictures/", "thumbnails/")
    return (lowered.endswith((".xml", ".rels", ".vml")) or lowered == "mimetype") and not lowered.startswith(skip)


def _inflate(data: bytes, info: zipfile.ZipInfo, budget: int, keep: bool, lang: str) -> tuple[bytes, int]:
    raw = _raw_member(data, info, lang)
    if info.flag_bits & 0x1:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"{info.filename}: zip encryption"))
    if info.compress_type == zipfile.ZIP_STORED:
        out = bytes(raw)
        size, crc = len(out), zlib.crc32(out)
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        out, size, crc = _deflate(raw, budget, keep, info.filename, lang)
    else:
        raise Refusal("file-unreadable", detail("compression", lang, part=info.filename))
    if size > budget:
        raise Refusal("file-too-large", detail("inflated", lang, cap=_mb(MAX_INFLATED_BYTES, lang)))
    if size != info.file_size or crc != info.CRC:
        raise Refusal("file-unreadable", detail("damaged", lang, why=info.filename))
    return (out if keep else b""), size


def _raw_member(data: bytes, info: zipfile.ZipInfo, lang: str) -> memoryview:
    offset = info.header_offset
    header = data[offset:offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise Refusal("file-unreadable", detail("damaged", lang, why=info.filename))
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    if start + info.compress_size > len(data):
        raise Refusal("file-unreadable", detail("damaged", lang, why=info.filename))
    return memoryview(data)[start:start + info.compress_size]


def _deflate(raw: memoryview, budget: int, keep: bool, name: str, lang: str) -> tuple[bytes, int, int]:
    """Raw deflate in bounded steps, stopping once the budget is exceeded, whatever the header says."""
    inflater = zlib.decompressobj(-15)
    chunks: list[bytes] = []
    size = crc = 0
    try:
        for pos in range(0, max(len(raw), 1), CHUNK):
            pending = bytes(raw[pos:pos + CHUNK])
            while pending and not inflater.eof:
                out = inflater.decompress(pending, CHUNK)
                size, crc = size + len(out), zlib.crc32(out, crc)
                if size > budget:
                    raise Refusal("file-too-large", detail("inflated", lang, cap=_mb(MAX_INFLATED_BYTES, lang)))
                if keep:
                    chunks.append(out)
                pending = inflater.unconsumed_tail
        tail = inflater.flush()  # output zlib still holds once all input is consumed (under 64 KB)
        size, crc = size + len(tail), zlib.crc32(tail, crc)
        if keep and tail:
            chunks.append(tail)
    except zlib.error as exc:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"{name}: {_why(exc)}")) from None
    if not inflater.eof:
        raise Refusal("file-unreadable", detail("damaged", lang, why=name))
    return (chunks[0] if len(chunks) == 1 else b"".join(chunks)), size, crc  # one chunk: no copy


_DTD_OPENERS = tuple("<!".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_DTD_WORDS = tuple(word.encode(codec) for word in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le",
                                                                                        "utf-16-be"))


_UTF8_OPENER = re.compile(re.escape(_DTD_OPENERS[0]))  # b"<!" in content, faster by the regex engine


def _has_dtd(content: bytes) -> bool:
    """A DTD (where entities are declared) in UTF-8 or UTF-16: no OOXML or ODF part needs one."""
    if b"!" not in content:  # every opener holds a "!" byte; one-byte search is many times faster than "<!"
        return False
    head = content[:200]
    wide = b"\0" in head or head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"16" in head  # UTF-16, or declared so
    opened = any(opener in content for opener in _DTD_OPENERS) if wide else _UTF8_OPENER.search(content)
    if not opened:  # "<!" is rare: comments, CDATA
        return False
    return any(word in content for word in _DTD_WORDS)


def _sheet_scans(parts: Mapping[str, bytes], lang: str) -> tuple[dict[str, SheetScan], dict[str, bytes]]:
    """Measure every worksheet part (whatever its name); the extents and the XML, by sheet name."""
    sheets = [part for part, xml in parts.items() if b"sheetData" in xml]
    by_part = {part: _measure(part, parts[part], lang) for part in sheets}
    names = sheet_parts(parts.get("xl/workbook.xml", b""), parts.get("xl/_rels/workbook.xml.rels", b""))
    total = 0
    for part, scan in by_part.items():
        total += scan.rows * scan.cols
        if scan.rows * scan.cols > MAX_SHEET_CELLS or total > MAX_BOOK_CELLS:
            sheet = next((n for n, p in names.items() if p == part), part)
            raise Refusal("file-too-large", detail("cells", lang, sheet=sheet, rows=scan.rows, cols=scan.cols))
    return {name: by_part[part] for name, part in names.items() if part in by_part}, {
        name: parts[part] for name, part in names.items() if part in by_part}


def _measure(part: str, xml: bytes, lang: str) -> SheetScan:
    try:
        return scan_sheet(xml, marks=False)
    except ValueError as exc:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"{part}: {exc}")) from None


def _check_ods_extent(content_xml: bytes, lang: str) -> None:
    """Refuse an ODS whose repeated rows/columns of non-empty cells would span too many cells."""
    if not content_xml:
        raise Refusal("file-unreadable", detail("damaged", lang, why="content.xml"))
    try:
        extents = ods_extents(content_xml)
    except Exception as exc:
        raise Refusal("file-unreadable", detail("damaged", lang, why=f"content.xml: {_why(exc)}")) from None
    total = 0
    for name, rows, cols in extents:
        total += rows * cols
        if rows * cols > MAX_SHEET_CELLS or total > MAX_BOOK_CELLS:
            raise Refusal("file-too-large", detail("cells", lang, sheet=name, rows=rows, cols=cols))


# ---- OLE compound files: legacy .xls and encrypted OOXML ----

def ole_kind(data: bytes) -> str:
    """"encrypted" (OOXML with a password), "xls", "doc" or "ole", from the compound file's directory."""
    names = {name.upper() for name in cfb.names(data)}  # [MS-CFB] compares names case-insensitively
    if {"ENCRYPTIONINFO", "ENCRYPTEDPACKAGE"} <= names:
        return "encrypted"
    if names & {"WORKBOOK", "BOOK"}:
        return "xls"
    return "doc" if "WORDDOCUMENT" in names else "ole"


def is_biff(data: bytes) -> bool:
    """An Excel 2.x-4.0 workbook: a bare BIFF2/3/4 record stream (no compound file), opening with BOF."""
    if len(data) < 8 or data[:2] not in (b"\x09\x00", b"\x09\x02", b"\x09\x04"):
        return False
    size, kind = struct.unpack_from("<HxxH", data, 2)
    return 4 <= size <= 16 and kind in (0x0010, 0x0020, 0x0040, 0x0100)  # sheet, chart, macro, workbook
