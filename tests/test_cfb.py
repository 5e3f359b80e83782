"""The one compound-file module: what it writes olefile reads back, what it reads it reads bounded, whatever the bytes."""
from __future__ import annotations

import io
import struct
import time

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reimpact_xl import cfb
from reimpact_xl.read import safety

NAME = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x24F, exclude_characters="/!:\\"), min_size=1,
               max_size=31)
SIZES = st.sampled_from([0, 1, 63, 64, 65, 4095, 4096, 4097, 9000])
STORAGES = ("VBA", "Ā")  # a stream at the top may not take a storage's name (test_names_are_not_taken_twice)
STREAMS = st.dictionaries(st.tuples(st.sampled_from(["", "VBA/", "Ā/b/"]), NAME).map("".join), SIZES, min_size=1,
                          max_size=12).filter(lambda s: len({p.upper() for p in s} | {*STORAGES}) == len(s) + 2)


def _expected_names(paths: list[str]) -> set[str]:
    return {"Root Entry"} | {part for p in paths for part in p.split("/")}


@settings(max_examples=60, deadline=None)
@given(STREAMS)
def test_what_the_writer_writes_olefile_reads_and_the_reader_names(sizes):
    streams = {path: bytes((i + n) % 251 for i in range(n)) for n, path in ((n, p) for p, n in sizes.items())}
    data = cfb.compound_file(streams)
    ole = olefile.OleFileIO(io.BytesIO(data))
    assert {"/".join(p) for p in ole.listdir()} == set(streams)
    assert all(ole.openstream(path).read() == body for path, body in streams.items())
    assert cfb.names(data) == _expected_names(list(streams))


def test_names_are_not_taken_twice():
    """[MS-CFB] siblings' names differ beyond case: a stream and a storage may not share one either."""
    for streams in ({"VBA/a": b"1", "VBA/A": b"2"}, {"x" * 32: b"1"}, {"Ā": b"", "Ā/b": b""}, {"ā": b"", "Ā/b": b""},
                    {"Ā/b": b"", "Ā": b""}, {"VBA/a": b"", "vba/b": b""}):
        with pytest.raises(ValueError):
            cfb.compound_file(streams)


def test_header_and_entries_read_back_as_written():
    data = cfb.compound_file({"Workbook": b"x" * 5000, "\x05SummaryInformation": b"s" * 100})
    header = cfb.Header.unpack(data)
    assert header is not None and header.sector_size == 512 and header.fat_count == 1
    entries = {e.name: e for e in cfb.directory(data)}
    assert entries["Workbook"].size == 5000 and entries["Workbook"].kind == cfb.STREAM
    assert entries["Root Entry"].kind == cfb.ROOT


def _loop_directory(data: bytes) -> bytes:
    """The directory's FAT entry pointing back at the directory: a chain with no end."""
    header = cfb.Header.unpack(data)
    assert header is not None
    at = (header.fat_sectors[0] + 1) * 512 + header.dir_start * 4
    return data[:at] + struct.pack("<I", header.dir_start) + data[at + 4:]


def _loop_difat(data: bytes) -> bytes:
    """A DIFAT chain that starts at, and keeps returning to, a sector of its own."""
    fields = list(cfb.HEADER.unpack_from(data))
    fields[15], fields[16] = 0, 1
    block = bytearray(data[512:1024])
    block[-4:] = struct.pack("<I", 0)
    return cfb.HEADER.pack(*fields) + bytes(block) + data[1024:]


def test_loops_and_cuts_end_and_keep_what_can_be_read():
    data = cfb.compound_file({"Workbook": b"w" * 5000})
    assert cfb.names(_loop_directory(data)) == {"Root Entry", "Workbook"}
    assert cfb.names(_loop_difat(data)) == {"Root Entry", "Workbook"}
    assert cfb.names(data[:600]) == frozenset()  # the directory lies past the cut
    assert cfb.names(b"") == cfb.names(cfb.MAGIC + bytes(600)) == frozenset()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=40), st.integers(200, 12_000))
def test_any_damage_reads_without_error_and_quickly(hits, cut):
    data = bytearray(cfb.compound_file({"Workbook": b"w" * 5000, "EncryptionInfo": b"e" * 300}))
    for at, value in hits:
        data[at % len(data)] = value
    start = time.perf_counter()
    found = cfb.names(bytes(data[:cut]))
    assert time.perf_counter() - start < 2
    assert all(isinstance(n, str) and len(n) <= 32 for n in found)


def test_stream_names_are_compared_as_the_format_does_without_case():
    assert safety.ole_kind(cfb.compound_file({"WORKBOOK": b"w" * 100})) == "xls"
    assert safety.ole_kind(cfb.compound_file({"encryptioninfo": b"e", "EncryptedPackage": b"p"})) == "encrypted"
    assert safety.ole_kind(cfb.compound_file({"WorkbookNotes": b"w"})) == "ole"


def test_a_bare_excel_4_workbook_is_legacy_and_lookalikes_are_not():
    bof4 = struct.pack("<HHHH", 0x0409, 6, 0, 0x0010) + bytes(2) + struct.pack("<HH", 0x000A, 0)
    assert safety.is_biff(bof4) and safety.is_biff(struct.pack("<HHHH", 0x0009, 4, 2, 0x0010))
    assert not safety.is_biff(b"\t\x00Nosaukums\tSumma\n")  # a tab-separated text file
    assert not safety.is_biff(struct.pack("<HHHH", 0x0409, 6, 0, 0x1234))
