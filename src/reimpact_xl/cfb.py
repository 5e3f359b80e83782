"""Compound files ([MS-CFB], OLE2): the one module that knows their layout (stdlib only).

It writes the small, fixed set of streams a VBA project needs (excel/vba.py) and reads, bounded, the names
in any compound file's directory, which tell a legacy .xls from a password-protected workbook
(read/safety.py). olefile, compoundfiles and cfb only read compound files (olefile rewrites a stream in
place, at its old size); none writes a new one, so the writer is ours: version 3, 512-byte sectors,
streams under 4096 bytes in the mini stream, no DIFAT (files up to ~7 MB).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Iterator, Mapping

MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
MAXREGSECT = 0xFFFFFFFA  # sector numbers from here up are markers
DIFSECT, FATSECT, ENDOFCHAIN, FREESECT = 0xFFFFFFFC, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF
HEADER_FAT_SLOTS = 109
EMPTY, STORAGE, STREAM, ROOT = 0, 1, 2, 5
BLACK = 1

# [MS-CFB] 2.2: signature, CLSID, minor/major version, byte order, sector and mini sector shift, reserved,
# directory sectors, FAT sectors, first directory sector, transaction, mini cutoff, first mini FAT sector,
# mini FAT sectors, first DIFAT sector, DIFAT sectors, the header's 109 FAT sector numbers.
HEADER = struct.Struct(f"<8s16sHHHHH6sIIIIIIIII{HEADER_FAT_SLOTS}I")
# [MS-CFB] 2.6.1: name, name length, type, colour, left, right, child, CLSID, state, times, start, size.
ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")
_BOUND = 100_000  # sectors followed at most in one chain: a loop or a hostile chain ends there


@dataclass(frozen=True)
class Header:
    """The fields of a header this package writes or reads."""

    fat_count: int
    dir_start: int
    minifat_start: int = ENDOFCHAIN
    minifat_count: int = 0
    difat_start: int = ENDOFCHAIN
    difat_count: int = 0
    fat_sectors: tuple[int, ...] = ()
    sector_shift: int = 9

    @property
    def sector_size(self) -> int:
        """512 for version 3, 4096 for version 4."""
        return 1 << self.sector_shift

    def pack(self) -> bytes:
        """The 512 header bytes (version 3)."""
        slots = [*self.fat_sectors, *[FREESECT] * (HEADER_FAT_SLOTS - len(self.fat_sectors))]
        return HEADER.pack(MAGIC, bytes(16), 0x3E, 3, 0xFFFE, self.sector_shift, 6, bytes(6), 0, self.fat_count,
                           self.dir_start, 0, MINI_CUTOFF, self.minifat_start, self.minifat_count,
                           self.difat_start, self.difat_count, *slots)

    @classmethod
    def unpack(cls, data: bytes) -> Header | None:
        """The header of `data`, or None when it is not a compound file of 512- or 4096-byte sectors."""
        if len(data) < HEADER.size or not data.startswith(MAGIC):
            return None
        fields = HEADER.unpack_from(data)
        if fields[5] not in (9, 12):
            return None
        return cls(fat_count=fields[9], dir_start=fields[10], minifat_start=fields[13], minifat_count=fields[14],
                   difat_start=fields[15], difat_count=fields[16], fat_sectors=tuple(fields[17:]),
                   sector_shift=fields[5])


@dataclass(frozen=True)
class DirEntry:
    """One 128-byte directory entry; an EMPTY one is an unused slot."""

    name: str
    kind: int
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0

    def pack(self) -> bytes:
        encoded = (self.name + "\x00").encode("utf-16-le") if self.kind != EMPTY else b""
        return ENTRY.pack(encoded, len(encoded), self.kind, BLACK if self.kind != EMPTY else 0, self.left,
                          self.right, self.child, bytes(16), 0, 0, 0, self.start, self.size)

    @classmethod
    def unpack(cls, block: bytes, offset: int = 0) -> DirEntry | None:
        """The entry at `offset`, or None for an unused or malformed slot."""
        name, length, kind, _, left, right, child, _, _, _, _, start, size = ENTRY.unpack_from(block, offset)
        if kind not in (STORAGE, STREAM, ROOT) or not 2 <= length <= 64 or length % 2:
            return None
        return cls(name[:length - 2].decode("utf-16-le", "replace"), kind, left, right, child, start, size)


# ---- reading ----

def directory(data: bytes) -> list[DirEntry]:
    """The used entries of a compound file's directory, in order; [] when `data` is not one (bounded)."""
    header = Header.unpack(data)
    if header is None:
        return []
    size, fat = header.sector_size, _fat_sectors(data, header)
    entries = []
    for sector in _chain(data, header, fat, header.dir_start):
        block = _sector(data, sector, size)
        entries += [e for pos in range(0, len(block) - ENTRY.size + 1, ENTRY.size)
                    if (e := DirEntry.unpack(block, pos)) is not None]
    return entries


def names(data: bytes) -> frozenset[str]:
    """The stream and storage names (and "Root Entry") of a compound file."""
    return frozenset(e.name for e in directory(data))


def _sector(data: bytes, sector: int, size: int) -> bytes:
    block = data[(sector + 1) * size:(sector + 2) * size]
    return block if len(block) == size else b""


def _chain(data: bytes, header: Header, fat: list[int], start: int) -> Iterator[int]:
    """The sectors of the chain from `start`, ending at a marker, a loop, the file's end or _BOUND."""
    size, sector, seen = header.sector_size, start, set[int]()
    per = size // 4
    while sector < MAXREGSECT and sector not in seen and len(seen) < _BOUND and _sector(data, sector, size):
        seen.add(sector)
        yield sector
        index = sector // per
        offset = (fat[index] + 1) * size + (sector % per) * 4 if index < len(fat) else len(data)
        sector = struct.unpack_from("<I", data, offset)[0] if offset + 4 <= len(data) else ENDOFCHAIN


def _fat_sectors(data: bytes, header: Header) -> list[int]:
    """The FAT's sectors: the header's slots, then those listed by the DIFAT chain."""
    size, sectors = header.sector_size, [s for s in header.fat_sectors if s < MAXREGSECT]
    difat, seen = header.difat_start, set[int]()
    while difat < MAXREGSECT and difat not in seen and len(seen) < _BOUND // 10:
        seen.add(difat)
        block = _sector(data, difat, size)
        if not block:
            break
        values = struct.unpack(f"<{size // 4}I", block)
        sectors.extend(v for v in values[:-1] if v < MAXREGSECT)
        difat = values[-1]
    return sectors


# ---- writing ----

@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Node] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN


def _order(entry: _Node) -> tuple[int, str]:
    """[MS-CFB] 2.6.4: shorter names first, then by upper-cased code points."""
    return len(entry.name), entry.name.upper()


def _tree(streams: Mapping[str, bytes]) -> _Node:
    root = _Node("Root Entry", ROOT)
    for path, data in streams.items():
        *storages, leaf = path.split("/")
        node = root
        for part in storages:
            found = next((c for c in node.children if c.name.upper() == part.upper()), None)
            if found is None:
                found = _Node(part, STORAGE)
                node.children.append(found)
            elif found.kind != STORAGE or found.name != part:  # siblings' names differ beyond case
                raise ValueError(f"storage name taken by a stream or spelt two ways: {path!r}")
            node = found
        if len(leaf) > 31 or any(c.name.upper() == leaf.upper() for c in node.children):
            raise ValueError(f"stream name too long or repeated: {path!r}")
        node.children.append(_Node(leaf, STREAM, bytes(data)))
    return root


def _number(root: _Node) -> list[_Node]:
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


def _balance(siblings: list[_Node]) -> int:
    """Link sorted siblings as a balanced binary tree (all nodes black, which [MS-CFB] allows)."""
    if not siblings:
        return NOSTREAM
    mid = len(siblings) // 2
    top = siblings[mid]
    top.left, top.right = _balance(siblings[:mid]), _balance(siblings[mid + 1:])
    return top.sid


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """The bytes of a compound file holding `streams`, keyed by "storage/stream" paths."""
    entries = _number(_tree(streams))
    files = [e for e in entries if e.kind == STREAM]
    mini, minifat = bytearray(), []
    for e in (e for e in files if 0 < len(e.data) < MINI_CUTOFF):
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

    for e in (e for e in files if len(e.data) >= MINI_CUTOFF):
        e.start = place(e.data)
    entries[0].start = place(bytes(mini))
    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += struct.pack("<I", FREESECT) * (-len(minifat) % (SECTOR // 4))
    minifat_start = place(minifat_bytes) if minifat else ENDOFCHAIN
    directory = [_entry(e, len(mini)).pack() for e in entries]
    directory += [DirEntry("", EMPTY, start=0).pack()] * (-len(entries) % (SECTOR // ENTRY.size))
    dir_start = place(b"".join(directory))
    used, fat = len(body) // SECTOR, _fat(spans, len(body) // SECTOR)
    fat_count = len(fat) // (SECTOR // 4)
    header = Header(fat_count, dir_start, minifat_start, _sectors(len(minifat_bytes), SECTOR) if minifat else 0,
                    fat_sectors=tuple(range(used, used + fat_count)))
    return header.pack() + bytes(body) + struct.pack(f"<{len(fat)}I", *fat)


def _fat(spans: list[tuple[int, int]], used: int) -> list[int]:
    """The FAT for `used` sectors of chains, placed right after them."""
    fat_count = 1
    while fat_count * (SECTOR // 4) < used + fat_count:
        fat_count += 1
    if fat_count > HEADER_FAT_SLOTS:
        raise ValueError("compound file too large for a header-only FAT (no DIFAT support)")
    fat = [FREESECT] * (fat_count * (SECTOR // 4))
    for first, count in spans:
        for i in range(count):
            fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN
    for i in range(fat_count):
        fat[used + i] = FATSECT
    return fat


def _entry(e: _Node, mini_size: int) -> DirEntry:
    size = mini_size if e.kind == ROOT else len(e.data)
    start = e.start if (e.kind != STORAGE and size) else (0 if e.kind == STORAGE else ENDOFCHAIN)
    return DirEntry(e.name, e.kind, e.left, e.right, e.child, start, size)
