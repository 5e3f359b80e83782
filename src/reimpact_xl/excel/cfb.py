"""A writer of compound files ([MS-CFB] version 3), the container of a vbaProject.bin (stdlib only).

olefile and oletools only read compound files; this writes the small, fixed set of streams a VBA project
needs: 512-byte sectors, streams under 4096 bytes in the mini stream, no DIFAT (files up to ~7 MB).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Mapping

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
HEADER_FAT_SLOTS = 109
STORAGE, STREAM, ROOT = 1, 2, 5
BLACK = 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list["_Entry"] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN


def _order(entry: _Entry) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names first, then by upper-cased code points."""
    return len(entry.name), entry.name.upper()


def _tree(streams: Mapping[str, bytes]) -> _Entry:
    root = _Entry("Root Entry", ROOT)
    for path, data in streams.items():
        *storages, leaf = path.split("/")
        node = root
        for part in storages:
            found = next((c for c in node.children if c.name == part and c.kind == STORAGE), None)
            if found is None:
                found = _Entry(part, STORAGE)
                node.children.append(found)
            node = found
        if len(leaf) > 31 or any(c.name.upper() == leaf.upper() for c in node.children):
            raise ValueError(f"stream name too long or repeated: {path!r}")
        node.children.append(_Entry(leaf, STREAM, bytes(data)))
    return root


def _number(root: _Entry) -> list[_Entry]:
    """Directory order: breadth first, siblings sorted; each storage's siblings as a balanced tree."""
    entries, queue = [root], [root]
    while queue:
        node = queue.pop(0)
        node.children.sort(key=_order)
        for child in node.children:
            child.sid = len(entries)
            entries.append(child)
            queue.append(child)
    for node in entries:
        node.child = _balance(node.children)
    return entries


def _balance(siblings: list[_Entry]) -> int:
    """Link sorted siblings as a balanced binary tree (all nodes black, which [MS-CFB] allows)."""
    if not siblings:
        return NOSTREAM
    mid = len(siblings) // 2
    top = siblings[mid]
    top.left, top.right = _balance(siblings[:mid]), _balance(siblings[mid + 1:])
    return top.sid


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """The bytes of a compound file holding `streams`, keyed by "storage/stream" paths."""
    entries = _number(_tree(streams))
    files = [e for e in entries if e.kind == STREAM]
    small = [e for e in files if 0 < len(e.data) < MINI_CUTOFF]
    large = [e for e in files if len(e.data) >= MINI_CUTOFF]

    mini, minifat = bytearray(), []
    for e in small:
        e.start = len(mini) // MINI_SECTOR
        count = _sectors(len(e.data), MINI_SECTOR)
        minifat += [e.start + i + 1 if i < count - 1 else ENDOFCHAIN for i in range(count)]
        mini += e.data.ljust(count * MINI_SECTOR, b"\x00")

    body = bytearray()
    spans: list[tuple[int, int]] = []  # (first sector, sector count) of each chain in `body`

    def place(data: bytes) -> int:
        first, count = len(body) // SECTOR, _sectors(len(data), SECTOR)
        body.extend(data.ljust(count * SECTOR, b"\x00"))
        spans.append((first, count))
        return first if count else ENDOFCHAIN

    for e in large:
        e.start = place(e.data)
    entries[0].start = place(bytes(mini))
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += struct.pack("<I", FREESECT) * (-len(minifat) % (SECTOR // 4))
    minifat_start = place(minifat_bytes) if minifat else ENDOFCHAIN
    dir_start = place(b"".join(_dir_entry(e, len(mini)) for e in entries) + _free_entries(len(entries)))

    used = len(body) // SECTOR
    fat_count = 1
    while fat_count * (SECTOR // 4) < used + fat_count:
        fat_count += 1
    if fat_count > HEADER_FAT_SLOTS:
        raise ValueError("compound file too large for a header-only FAT (no DIFAT support)")
    fat = [FREESECT] * (fat_count * (SECTOR // 4))
    for first, count in spans:
        _chain(fat, first, count)
    for i in range(fat_count):
        fat[used + i] = FATSECT
    header = _header(fat_count, used, dir_start, minifat_start, _sectors(len(minifat_bytes), SECTOR) if minifat else 0)
    return header + bytes(body) + struct.pack(f"<{len(fat)}I", *fat)


def _dir_entry(e: _Entry, mini_size: int) -> bytes:
    name = (e.name + "\x00").encode("utf-16-le")
    size = mini_size if e.kind == ROOT else len(e.data)
    start = e.start if (e.kind != STORAGE and size) else (0 if e.kind == STORAGE else ENDOFCHAIN)
    return struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e.kind, BLACK, e.left, e.right, e.child,
                       bytes(16), 0, 0, 0, start, size)


def _free_entries(count: int) -> bytes:
    spare = -count % (SECTOR // 128)
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0)
    return empty * spare


def _header(fat_count: int, fat_first: int, dir_start: int, minifat_start: int, minifat_count: int) -> bytes:
    difat = [fat_first + i for i in range(fat_count)] + [FREESECT] * (HEADER_FAT_SLOTS - fat_count)
    return (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
            + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, fat_count, dir_start, 0,
                          MINI_CUTOFF, minifat_start, minifat_count, ENDOFCHAIN, 0)
            + struct.pack(f"<{HEADER_FAT_SLOTS}I", *difat))
