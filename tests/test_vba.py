"""The VBA project writer: MS-OVBA compression, the protection fields, the compound file, module round trips.

oletools (olevba's decompressor and VBA parser) and olefile are the independent readers every check uses.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reimpact_xl import cfb
from reimpact_xl.excel import vba
from reimpact_xl.excel.master import xlwings_dir

olefile = pytest.importorskip("olefile")
olevba = pytest.importorskip("oletools.olevba")

LATVIAN = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
VBA_WORDS = ["Sub", "End Sub", "Dim", "As", "String", "If", "Then", "Else", "RunPython", "Rīga", "Jelgavas",
             "novads", "\r\n", "    ", "\"", "'", "=", "(", ")", "x", "pašvaldība", "ķēde"]


def decompress(data: bytes) -> bytes:
    return bytes(olevba.decompress_stream(bytearray(data)))


def modules_of(project: bytes) -> dict[str, str]:
    """Module name -> source as olevba reads it back."""
    parser = olevba.VBA_Parser("vbaProject.bin", data=project)
    return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}


# --- compression ----------------------------------------------------------------------------------------


texts = st.one_of(
    st.lists(st.sampled_from(VBA_WORDS), max_size=4000).map(" ".join),  # program-like, compressible
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ._\r\n" + LATVIAN, max_size=20_000),  # random letters
    st.text(alphabet="ab" + LATVIAN[:2], min_size=4000, max_size=20_000),
)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_compression_round_trips_through_olevba_s_decompressor(text):
    data = text.encode("cp1257")[:20_000]
    try:
        packed = vba.compress(data, exact=True)
    except ValueError:
        # [MS-OVBA]: a final chunk that does not compress is stored raw and padded to 4096 bytes with NULs
        padded = decompress(vba.compress(data))
        assert padded[:len(data)] == data and not padded[len(data):].strip(b"\x00")
        assert len(data) % vba.CHUNK > 3000
        return
    assert decompress(packed) == data


@pytest.mark.parametrize("size", [0, 1, 2, 3, 17, 4095, 4096, 4097, 8192, 8193, 20_000])
def test_chunk_boundaries(size):
    data = (("Sub Apkopot()\r\n    RunPython \"x\" ' Rīga\r\nEnd Sub\r\n" * 700).encode("cp1257"))[:size]
    packed = vba.compress(data, exact=True)
    assert decompress(packed) == data
    assert packed[0] == 1 and (size < 100 or len(packed) < size / 2)  # VBA text shrinks


def test_incompressible_full_chunks_are_stored_raw():
    import random

    rng = random.Random(5)
    noise = bytes(rng.randrange(256) for _ in range(8192))
    packed = vba.compress(noise, exact=True)
    assert [struct.unpack_from("<H", packed, 1 + i * 4098)[0] for i in range(2)] == [0x3FFF, 0x3FFF]  # flag 0
    assert len(packed) == 1 + 2 * 4098 and decompress(packed) == noise


def test_long_runs_use_the_longest_copies():
    data = b"a" * 4096
    packed = vba.compress(data)
    assert decompress(packed) == data and len(packed) < 40


def test_the_modules_of_the_master_compress_exactly_and_well():
    package = xlwings_dir()
    for path in (package / "xlwings.bas", Path(__file__).resolve().parents[1] / "xlmacros" / "Reimpact.bas"):
        data = vba.parse_module(path.read_text(encoding="utf-8")).source.encode("cp1252")
        packed = vba.compress(data, exact=True)
        assert decompress(packed) == data
        assert len(packed) < 0.8 * len(data)


# --- the PROJECT stream's protection fields -------------------------------------------------------------


def decrypt(hex_text: str) -> tuple[int, int, bytes]:
    """[MS-OVBA] 2.4.3.3 Decryption: (version, project key, data)."""
    raw = bytes.fromhex(hex_text)
    seed, key = raw[0], raw[2] ^ raw[0]
    plain1, enc1, enc2, out = key, raw[2], raw[1], []
    for enc in raw[3:]:
        plain = enc ^ ((enc2 + plain1) & 0xFF)
        out.append(plain)
        enc2, enc1, plain1 = enc1, enc, plain
    skip = (seed & 6) // 2
    length = struct.unpack("<I", bytes(out[skip:skip + 4]))[0]
    assert len(out) == skip + 4 + length
    return raw[1] ^ seed, key, bytes(out[skip + 4:])


def test_protection_fields_decrypt_to_unprotected_no_password_visible():
    for data in (bytes(4), bytes(1), b"\xff"):
        version, key, plain = decrypt(vba.encrypt(data))
        assert (version, key, plain) == (2, sum(vba.PROJECT_ID.encode()) & 0xFF, data)


def test_protection_fields_match_those_of_xlwings_standalone_project():
    """The quickstart project xlwings ships decrypts to the same three values."""
    with zipfile.ZipFile(xlwings_dir() / "quickstart_standalone.xlsm") as z:
        ole = olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin")))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    found = dict(re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"', text, re.M))
    assert [decrypt(found[k])[2] for k in ("CMG", "DPB", "GC")] == [bytes(4), bytes(1), b"\xff"]


# --- compound file ------------------------------------------------------------------------------------------


def test_compound_file_holds_every_stream_exactly():
    streams = {"PROJECT": b"p" * 10, "big": bytes(range(256)) * 40, "VBA/dir": b"d" * 4095, "VBA/xlwings": b"x" * 4096,
               "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x01\x00", "VBA/empty": b"", "VBA/Sheet10": b"s" * 64,
               "VBA/Sheet9": b"t" * 65}
    ole = olefile.OleFileIO(io.BytesIO(cfb.compound_file(streams)))
    assert sorted("/".join(p) for p in ole.listdir()) == sorted(streams)
    for path, data in streams.items():
        assert ole.openstream(path).read() == data
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE


def test_compound_file_siblings_form_a_search_tree_in_cfb_order():
    names = [f"M{i}" for i in range(30)] + ["a", "ThisWorkbook", "Sheet1", "Sheet10", "Sheet2"]
    raw = cfb.compound_file({f"VBA/{n}": b"x" for n in names})
    ole = olefile.OleFileIO(io.BytesIO(raw))

    def walk(sid: int) -> list[str]:
        if sid == cfb.NOSTREAM:
            return []
        entry = ole.direntries[sid] or ole._load_direntry(sid)
        return walk(entry.sid_left) + [entry.name] + walk(entry.sid_right)

    storage = ole.direntries[ole.root.sid_child] or ole._load_direntry(ole.root.sid_child)
    in_order = walk(storage.sid_child)
    assert in_order == sorted(names, key=lambda n: (len(n), n.upper()))


def test_compound_file_rejects_a_repeated_or_long_name():
    with pytest.raises(ValueError):
        cfb.compound_file({"VBA/a": b"1", "VBA/A": b"2"})
    with pytest.raises(ValueError):
        cfb.compound_file({"x" * 32: b"1"})


# --- modules and the project ----------------------------------------------------------------------------------


def test_every_module_reads_back_exactly_with_olevba():
    package = xlwings_dir()
    modules = [vba.document_module("ThisWorkbook", vba.BASE_WORKBOOK), vba.document_module("Sheet1"),
               vba.parse_module((package / "xlwings.bas").read_text(encoding="utf-8")),
               vba.parse_module((package / "addin" / "Dictionary.cls").read_text(encoding="utf-8")),
               vba.Module("Tiny", vba.Kind.STANDARD, 'Attribute VB_Name = "Tiny"\r\n')]
    found = modules_of(vba.vba_project(modules))
    assert found == {m.name: m.source for m in modules}


def test_a_latvian_project_in_code_page_1257():
    source = 'Attribute VB_Name = "Teksti"\r\n\' Pašvaldību darbgrāmatas: ķēde, ūdens, žogs\r\nSub A()\r\nEnd Sub\r\n'
    project = vba.vba_project([vba.Module("Teksti", vba.Kind.STANDARD, source)], codepage=1257)
    assert modules_of(project) == {"Teksti": source}
    dir_stream = decompress(olefile.OleFileIO(io.BytesIO(project)).openstream("VBA/dir").read())
    assert struct.unpack_from("<HIH", dir_stream, dir_stream.index(b"\x03\x00\x02\x00\x00\x00")) == (3, 2, 1257)
    with pytest.raises(UnicodeEncodeError):
        vba.vba_project([vba.Module("Teksti", vba.Kind.STANDARD, source)], codepage=1252)


def test_the_project_stream_declares_each_module_by_kind():
    modules = [vba.document_module("ThisWorkbook", vba.BASE_WORKBOOK), vba.document_module("Sheet1"),
               vba.Module("Reimpact", vba.Kind.STANDARD, 'Attribute VB_Name = "Reimpact"\r\n'),
               vba.Module("Dictionary", vba.Kind.CLASS, 'Attribute VB_Name = "Dictionary"\r\n')]
    text = vba.project_stream(modules).decode("cp1252")
    assert "Document=ThisWorkbook/&H00000000\r\nDocument=Sheet1/&H00000000\r\nModule=Reimpact\r\nClass=Dictionary" in text
    assert f'ID="{vba.PROJECT_ID}"' in text


def test_duplicate_module_names_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        vba.vba_project([vba.document_module("Sheet1"), vba.document_module("SHEET1")])


def test_a_class_module_file_becomes_the_stream_xlwings_ships():
    """Dictionary.cls as a stream: the header dropped and the attributes Office adds, as in quickstart_standalone."""
    package = xlwings_dir()
    module = vba.parse_module((package / "addin" / "Dictionary.cls").read_text(encoding="utf-8"))
    with zipfile.ZipFile(package / "quickstart_standalone.xlsm") as z:
        shipped = olevba.VBA_Parser("q.xlsm", data=z.read("xl/vbaProject.bin"))
        theirs = next(code for _, _, name, code in shipped.extract_macros() if name == "Dictionary.cls")
    assert module.kind is vba.Kind.CLASS
    assert module.source.casefold().splitlines()[:10] == theirs.casefold().splitlines()[:10]
    assert module.source.casefold() == theirs.casefold()  # the VBA editor only re-cased "Err"


def test_a_module_file_without_a_name_is_refused():
    with pytest.raises(ValueError, match="VB_Name"):
        vba.parse_module("Sub A()\r\nEnd Sub\r\n")
