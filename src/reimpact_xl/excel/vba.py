"""The master's VBA project written from source text: MS-OVBA compression, the project streams (stdlib only).

[MS-OVBA] describes a vbaProject.bin: a compound file holding the PROJECT and PROJECTwm streams and a VBA
storage with the "dir" stream, the "_VBA_PROJECT" stream and one stream per module. Module streams carry
no compiled cache (MODULEOFFSET 0) and "_VBA_PROJECT" declares version 0xFFFF, so Office compiles the
project from the source text on first open, as it does for xlwings' own quickstart_standalone.xlsm.
"""
from __future__ import annotations

import re
import struct
import uuid
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Sequence

from ..cfb import compound_file

CHUNK = 4096  # bytes of decompressed data per compressed chunk
MAX_CANDIDATES = 64  # earlier positions tried per match: any match is valid, longer ones only compress better
PROJECT_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "reimpact-xl/vba-project")).upper() + "}"
ENCRYPTION_SEED = 0x8D  # fixed, so that the same sources give the same bytes
BASE_WORKBOOK = "0{00020819-0000-0000-C000-000000000046}"  # VB_Base of ThisWorkbook
BASE_SHEET = "0{00020820-0000-0000-C000-000000000046}"  # VB_Base of a worksheet's module
BASE_CLASS = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"  # VB_Base of a class module
REFERENCES = (  # the two type libraries every Excel VBA project refers to
    ("stdole", r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb#OLE Automation"),
    ("Office", r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files\Microsoft Shared"
               r"\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library"),
)


# --- compression ([MS-OVBA] 2.4.1) ----------------------------------------------------------------


def compress(data: bytes, exact: bool = False) -> bytes:
    """A CompressedContainer: signature byte 0x01, then one chunk per 4096 bytes of data.

    A chunk that does not shrink is stored raw (flag 0). [MS-OVBA] pads a raw chunk to 4096 bytes with
    zeros, so a final chunk of over ~3640 incompressible bytes decompresses with trailing NULs; with
    `exact`, that case raises ValueError instead (program text always compresses far below it).
    """
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        packed = _compress_chunk(chunk)
        if len(packed) <= CHUNK:
            out += struct.pack("<H", 0xB000 | (len(packed) + 2 - 3)) + packed
        elif exact and len(chunk) < CHUNK:
            raise ValueError("the data's last 4096-byte chunk does not compress; it would gain trailing NULs")
        else:
            out += struct.pack("<H", 0x3000 | (CHUNK + 2 - 3)) + chunk.ljust(CHUNK, b"\x00")
    return bytes(out)


def _compress_chunk(chunk: bytes) -> bytes:
    """Token sequences: a flag byte, then eight literals or copy tokens (longest recent match)."""
    out = bytearray()
    seen: dict[bytes, list[int]] = {}
    pos = 0
    while pos < len(chunk):
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if pos >= len(chunk):
                break
            offset, length = _longest_match(chunk, pos, seen)
            if length >= 3:
                bits = _offset_bits(pos)
                out += struct.pack("<H", ((offset - 1) << (16 - bits)) | (length - 3))
                flags |= 1 << bit
            else:
                out.append(chunk[pos])
                length = 1
            for p in range(pos, pos + length):
                seen.setdefault(chunk[p:p + 3], []).append(p)
            pos += length
        out[flag_at] = flags
    return bytes(out)


def _offset_bits(pos: int) -> int:
    """Bits of a copy token that hold the offset at this position of a chunk ([MS-OVBA] 2.4.1.3.19.1)."""
    return max((pos - 1).bit_length(), 4)


def _longest_match(chunk: bytes, pos: int, seen: dict[bytes, list[int]]) -> tuple[int, int]:
    """(offset, length) of the longest earlier copy of the bytes at pos; a copy may overlap pos."""
    if pos == 0 or pos + 3 > len(chunk):
        return 0, 0
    limit = min((0xFFFF >> _offset_bits(pos)) + 3, len(chunk) - pos)
    best_offset, best_length = 0, 0
    for start in reversed(seen.get(chunk[pos:pos + 3], [])[-MAX_CANDIDATES:]):
        length = 3
        while length < limit and chunk[start + length] == chunk[pos + length]:
            length += 1
        if length > best_length:
            best_offset, best_length = pos - start, length
            if length == limit:
                break
    return best_offset, best_length


# --- data encryption of the PROJECT stream's protection fields ([MS-OVBA] 2.4.3) --------------------


def encrypt(data: bytes, project_id: str = PROJECT_ID, seed: int = ENCRYPTION_SEED) -> str:
    """Obfuscate `data` as the hex text of CMG=, DPB= and GC=; the ignored bytes are zeros (deterministic)."""
    version, key = 2, sum(project_id.encode("ascii")) & 0xFF
    out = [seed, seed ^ version, seed ^ key]
    plain1, enc1, enc2 = key, out[2], out[1]
    ignored = bytes((seed & 6) // 2)
    for byte in (*ignored, *struct.pack("<I", len(data)), *data):
        enc = byte ^ ((enc2 + plain1) & 0xFF)
        out.append(enc)
        enc2, enc1, plain1 = enc1, enc, byte
    return bytes(out).hex().upper()


# --- modules ----------------------------------------------------------------------------------------


class Kind(str, Enum):
    STANDARD = "standard"  # Module=
    CLASS = "class"  # Class=
    DOCUMENT = "document"  # Document=: ThisWorkbook and one per worksheet


@dataclass(frozen=True)
class Module:
    """One VBA module: its name and the source text as the module stream stores it (CRLF line ends)."""

    name: str
    kind: Kind
    source: str


def _crlf(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "\r\n".join(lines) + "\r\n"


def parse_module(text: str) -> Module:
    """A module from an exported .bas or .cls file (the VBA editor's File > Export format)."""
    found = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
    if not found:
        raise ValueError("a VBA module file must start its code with Attribute VB_Name = \"...\"")
    name = found.group(1)
    if not re.match(r"\s*VERSION 1\.0 CLASS", text):
        return Module(name, Kind.STANDARD, _crlf(text))
    body = text[found.start():]  # the VERSION/BEGIN/END header is not part of the stream
    body = body.replace(found.group(0), f'{found.group(0)}\nAttribute VB_Base = "{BASE_CLASS}"', 1)
    body = re.sub(r"^(Attribute VB_Exposed = \w+)$", r"\1\nAttribute VB_TemplateDerived = False\n"
                  r"Attribute VB_Customizable = False", body, count=1, flags=re.M)
    return Module(name, Kind.CLASS, _crlf(body))


def document_module(name: str, base: str = BASE_SHEET) -> Module:
    """The module behind ThisWorkbook (base BASE_WORKBOOK) or a worksheet (its code name)."""
    lines = (f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{base}"', "Attribute VB_GlobalNameSpace = False",
             "Attribute VB_Creatable = False", "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
             "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True")
    return Module(name, Kind.DOCUMENT, "\r\n".join(lines) + "\r\n")


# --- the project streams ------------------------------------------------------------------------------


def _record(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def _text_records(rid: int, rid_unicode: int, text: str, codepage: str) -> bytes:
    return _record(rid, text.encode(codepage)) + _record(rid_unicode, text.encode("utf-16-le"))


def dir_stream(modules: Sequence[Module], codepage: int = 1252, name: str = "VBAProject") -> bytes:
    """The decompressed "dir" stream: project information, references, modules ([MS-OVBA] 2.3.4.2)."""
    cp = f"cp{codepage}"
    out = bytearray()
    out += _record(0x01, struct.pack("<I", 3))  # SYSKIND: 64-bit Windows, as xlwings' standalone project
    out += _record(0x02, struct.pack("<I", 0x409)) + _record(0x14, struct.pack("<I", 0x409))  # LCID, LCIDINVOKE
    out += _record(0x03, struct.pack("<H", codepage)) + _record(0x04, name.encode(cp))
    out += _text_records(0x05, 0x40, "", cp) + _text_records(0x06, 0x3D, "", cp)  # doc string, help file
    out += _record(0x07, struct.pack("<I", 0)) + _record(0x08, struct.pack("<I", 0))  # help context, lib flags
    out += struct.pack("<HIIH", 0x09, 4, 1, 0)  # PROJECTVERSION: reserved size 4, major 1, minor 0
    out += _text_records(0x0C, 0x3C, "", cp)  # conditional compilation constants
    for ref_name, libid in REFERENCES:
        out += _text_records(0x16, 0x3E, ref_name, cp)
        lib = libid.encode(cp)
        out += struct.pack("<HII", 0x0D, 4 + len(lib) + 6, len(lib)) + lib + struct.pack("<IH", 0, 0)
    out += _record(0x0F, struct.pack("<H", len(modules))) + _record(0x13, struct.pack("<H", 0xFFFF))
    for module in modules:
        out += _module_record(module, cp)
    out += _record(0x10, b"")
    return bytes(out)


def _module_record(module: Module, cp: str) -> bytes:
    out = _record(0x19, module.name.encode(cp)) + _record(0x47, module.name.encode("utf-16-le"))
    out += _text_records(0x1A, 0x32, module.name, cp)  # stream name
    out += _text_records(0x1C, 0x48, "", cp)  # doc string
    out += _record(0x31, struct.pack("<I", 0)) + _record(0x1E, struct.pack("<I", 0))  # text offset, help context
    out += _record(0x2C, struct.pack("<H", 0xFFFF))  # cookie
    out += _record(0x21 if module.kind is Kind.STANDARD else 0x22, b"")
    return out + _record(0x2B, b"")


def project_stream(modules: Sequence[Module], codepage: int = 1252, name: str = "VBAProject",
                   project_id: str = PROJECT_ID) -> bytes:
    """The PROJECT stream: the text properties of the project ([MS-OVBA] 2.3.1)."""
    kinds = {Kind.STANDARD: "Module={}", Kind.CLASS: "Class={}", Kind.DOCUMENT: "Document={}/&H00000000"}
    lines = [f'ID="{project_id}"', *(kinds[m.kind].format(m.name) for m in modules), f'Name="{name}"',
             'HelpContextID="0"', 'VersionCompatible32="393222000"',
             f'CMG="{encrypt(bytes(4), project_id)}"',  # not protected
             f'DPB="{encrypt(bytes(1), project_id)}"',  # no password
             f'GC="{encrypt(bytes([0xFF]), project_id)}"',  # visible
             "", "[Host Extender Info]", "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
             "", "[Workspace]", *(f"{m.name}=0, 0, 0, 0, C" for m in modules), ""]
    return "\r\n".join(lines).encode(f"cp{codepage}")


def projectwm_stream(modules: Iterable[Module], codepage: int = 1252) -> bytes:
    """The PROJECTwm stream: each module name in the code page and in UTF-16."""
    out = bytearray()
    for m in modules:
        out += m.name.encode(f"cp{codepage}") + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


VBA_PROJECT_STREAM = bytes((0xCC, 0x61, 0xFF, 0xFF, 0x00, 0x01, 0x00))  # version 0xFFFF: no compiled cache


def vba_project(modules: Sequence[Module], codepage: int = 1252, name: str = "VBAProject") -> bytes:
    """The bytes of a vbaProject.bin holding these modules; their text is encoded in `codepage`.

    Raises ValueError when two modules share a name, or a text cannot be encoded in the code page or
    would not read back exactly.
    """
    names = [m.name.casefold() for m in modules]
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate VBA module names: {sorted(n for n in names if names.count(n) > 1)}")
    streams = {
        "PROJECT": project_stream(modules, codepage, name),
        "PROJECTwm": projectwm_stream(modules, codepage),
        "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM,
        "VBA/dir": compress(dir_stream(modules, codepage, name)),
    }
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(m.source.encode(f"cp{codepage}"), exact=True)
    return compound_file(streams)
