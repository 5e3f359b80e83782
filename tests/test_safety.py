"""Hostile and broken files: each gets a clear message naming the file, none is modified, none crashes."""
from __future__ import annotations

import hashlib
import os
import stat
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from reimpact_xl import cfb
from reimpact_xl.read import safety, sheetscan
from reimpact_xl.read.reader import read_plan
from reimpact_xl.schema import Severity

ROWS = {"risks": [{"risk_id": "R1", "factor": "Finansējuma trūkums", "impact": "Kavē ieviešanu", "level": "zems"}],
        "partners": [{"no": "1", "organisation": "Biedrība “Saime”", "result": "3 pasākumi"}]}

# case -> (rule, a phrase its Latvian detail must contain)
REFUSED = {
    "empty": ("file-unreadable", "tukšs"),
    "tiny": ("file-unreadable", "4 baitus"),
    "pdf_renamed": ("file-unreadable", "PDF dokuments"),
    "random_bytes": ("file-unreadable", "neatbilst nevienam zināmam formātam"),
    "truncated": ("file-unreadable", "bojāts vai nepilnīgs"),
    "csv_renamed": ("file-unreadable", "teksta fails"),
    "html_renamed": ("file-unreadable", "HTML"),
    "docx_renamed": ("file-unreadable", "Word dokuments"),
    "plain_zip": ("file-unreadable", "ZIP arhīvs"),
    "word97": ("file-unreadable", ".doc"),
    "legacy": ("file-legacy-xls", ""),
    "encrypted": ("file-encrypted", ""),
    "entity": ("file-unreadable", "DTD"),
    "xlsb": ("file-unreadable", ".xlsb"),
    "no_workbook_part": ("file-unreadable", "xl/workbook.xml"),
    "duplicate_member": ("file-unreadable", "xl/workbook.xml"),
    "huge_extent": ("file-too-large", "1048576 rindas × 16384 kolonnas"),
    "bomb_ratio": ("file-too-large", "ZIP bumba"),
    "bomb_lying": ("file-too-large", "200 MB"),
    "bomb_declared": ("file-too-large", "200 MB"),
    "ods_bomb": ("file-too-large", "9001 rindas × 10000 kolonnas"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    base = hostile.plan_workbook(folder / "base.xlsx", ROWS)
    return {"base": base, **hostile.corpus(folder, base)}


def digest(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


def test_the_corpus_has_every_case(corpus):
    assert set(REFUSED) | {"macros", "svg_image", "base"} <= set(corpus)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_hostile_file_is_refused_with_a_clear_message(corpus, case):
    path = corpus[case]
    before, listing = digest(path), sorted(os.listdir(path.parent))
    started = time.perf_counter()
    plan, report = read_plan(path)
    assert time.perf_counter() - started < 5
    assert plan is None
    rule, phrase = REFUSED[case]
    assert [i.rule for i in report] == [rule]
    issue = report.issues[0]
    assert issue.file == path.name and issue.level is Severity.ERROR
    assert phrase in issue.message("lv")
    assert "{" not in issue.message("lv") and "{" not in issue.message("en")
    assert digest(path) == before, "the input was modified"
    assert sorted(os.listdir(path.parent)) == listing, "something was written beside the input"


@pytest.mark.parametrize("case, phrase", [
    ("pdf_renamed", "it is a PDF document"), ("truncated", "damaged or incomplete"),
    ("bomb_ratio", "zip bomb"), ("huge_extent", "1048576 rows × 16384 columns"),
])
def test_details_follow_the_language(corpus, case, phrase):
    _, report = read_plan(corpus[case], lang="en")
    assert phrase in report.issues[0].message("en")


def test_legacy_xls_and_encrypted_files_say_what_to_do(corpus):
    _, legacy = read_plan(corpus["legacy"])
    assert "saglabājiet kā .xlsx" in legacy.issues[0].message()
    _, locked = read_plan(corpus["encrypted"])
    assert "aizsargāta ar paroli" in locked.issues[0].message()
    assert safety.ole_kind(corpus["legacy"].read_bytes()) == "xls"


def test_a_workbook_with_macros_is_read_and_no_macro_runs(corpus):
    before = digest(corpus["macros"])
    plan, report = read_plan(corpus["macros"])
    assert plan is not None and plan.tables["risks"].rows[0]["level"] == "low"
    assert [(i.rule, i.level) for i in report] == [("file-macros", Severity.INFO)]
    assert digest(corpus["macros"]) == before


def test_an_svg_image_with_a_doctype_is_not_parsed_so_not_refused(corpus):
    plan, report = read_plan(corpus["svg_image"])
    assert plan is not None and not report.issues


def test_a_really_encrypted_workbook(tmp_path, corpus):
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    target = tmp_path / "ar_paroli.xlsx"
    with open(corpus["base"], "rb") as plain, open(target, "wb") as out:
        OOXMLFile(plain).encrypt("parole", out)
    plan, report = read_plan(target)
    assert plan is None and [i.rule for i in report] == ["file-encrypted"]


@pytest.mark.parametrize("lock", ["~${name}", ".~lock.{name}#"])
def test_a_lock_file_beside_it_is_a_warning_and_the_saved_version_is_read(tmp_path, lock):
    path = hostile.plan_workbook(tmp_path / "bauskas_novads.xlsx", ROWS)
    (tmp_path / lock.format(name=path.name)).write_bytes(b"\x0bjanis")
    plan, report = read_plan(path)
    assert plan is not None and plan.tables["partners"].rows
    assert [(i.rule, i.level) for i in report] == [("file-locked", Severity.WARNING)]


def test_a_read_only_file_is_read(tmp_path):
    path = hostile.plan_workbook(tmp_path / "tikai_lasāms.xlsx", ROWS)
    path.chmod(0o444)
    try:
        before = digest(path)
        plan, report = read_plan(path)
        assert plan is not None and not report.issues
        assert digest(path) == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    finally:
        path.chmod(0o644)


def test_not_a_file(tmp_path):
    _, missing = read_plan(tmp_path / "nav.xlsx")
    _, folder = read_plan(tmp_path)
    assert "nav atrasts" in missing.issues[0].message()
    assert "mape" in folder.issues[0].message()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    plan, report = read_plan(pipe)
    assert plan is None and "ierīce" in report.issues[0].message()


def test_a_file_over_the_size_cap_is_not_read(tmp_path):
    big = tmp_path / "liels.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(safety.MAX_FILE_BYTES + 1)  # sparse: no disk used
    started = time.perf_counter()
    _, report = read_plan(big)
    assert time.perf_counter() - started < 1
    assert report.issues[0].rule == "file-too-large" and "50 MB" in report.issues[0].message()


def test_unicode_file_names(tmp_path):
    path = hostile.plan_workbook(tmp_path / "Jelgavas valstspilsēta – plāns (ģķļņ).xlsx", ROWS,
                                 municipality="Jelgavas valstspilsēta")
    plan, report = read_plan(path)
    assert plan is not None and plan.file == path.name and plan.municipality == "Jelgavas valstspilsēta"


def test_an_ods_spreadsheet_is_read(tmp_path):
    grid = hostile.plan_grid("risks", ROWS["risks"])
    path = hostile.minimal_ods(tmp_path / "riski.ods", {"10 Riski": grid})
    plan, report = read_plan(path)
    assert plan is not None and plan.meta["format"] == "ods"
    assert plan.tables["risks"].rows[0]["factor"] == "Finansējuma trūkums"
    assert plan.tables["risks"].cell(0, "level") == "G6"


def test_an_encrypted_ods_is_refused(tmp_path):
    path = hostile.minimal_ods(tmp_path / "x.ods", {"S": [["a"]]})
    manifest = hostile.member(path, "META-INF/manifest.xml").replace(
        b"</manifest:manifest>", b"<manifest:encryption-data/></manifest:manifest>")
    hostile.rezip(path, tmp_path / "slepens.ods", replace={"META-INF/manifest.xml": manifest})
    _, report = read_plan(tmp_path / "slepens.ods")
    assert [i.rule for i in report] == ["file-encrypted"]


def test_libreoffice_xls_and_ods_copies(tmp_path, corpus):
    lo = pytest.importorskip("lo")
    lo.require_soffice()
    source = tmp_path / "bauskas_novads.xlsx"
    source.write_bytes(corpus["base"].read_bytes())
    ods = lo.convert([source], "ods", tmp_path / "ods")[0]
    xls = lo.convert([source], "xls", tmp_path / "xls")[0]
    plan, report = read_plan(ods)
    assert plan is not None, [i.message() for i in report]
    assert plan.tables["partners"].rows[0]["organisation"] == "Biedrība “Saime”"
    assert plan.tables["risks"].rows[0]["level"] == "low"
    legacy, found = read_plan(xls)
    assert legacy is None and [i.rule for i in found] == ["file-legacy-xls"]


def test_cfb_directory_names():
    data = cfb.compound_file({"EncryptionInfo": b"x", "EncryptedPackage": b"y" * 5000})
    assert cfb.names(data) == {"Root Entry", "EncryptionInfo", "EncryptedPackage"}
    assert safety.ole_kind(data) == "encrypted"
    assert cfb.names(data[:600]) <= {"Root Entry", "EncryptionInfo", "EncryptedPackage"}


def test_cell_extent_counts_what_the_reader_would_allocate():
    simple = b'<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C7" s="1"/></row></sheetData>'
    assert sheetscan.scan_sheet(simple).rows == 1  # a styled empty cell holds nothing: python-calamine skips it
    prefixed = b'<x:sheetData><x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c><x:c s="1"/><x:c><x:v>2</x:v></x:c></x:row>'
    assert sheetscan.sheet_extent(prefixed) == (3, 3)
    with pytest.raises(ValueError):
        sheetscan.sheet_extent(b'<c r="&#65;1"><v>1</v></c>')
    for spacing in (b"\t", b"\n", b"\r\n"):  # valid XML, however the cell opens
        far = simple.replace(b"</row>", b'<c' + spacing + b'r="XFD1048576"><v>1</v></c></row>')
        assert (sheetscan.scan_sheet(far).rows, sheetscan.scan_sheet(far).cols) == (1048576, 16384)
        open_empty = far.replace(b"><v>1</v></c></row>", b"></c></row>")  # <c r="XFD1048576"></c>: counted
        assert sheetscan.scan_sheet(open_empty).rows == 1048576
    mixed = b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="9"><x:c\tr="Z9"><v>2</v></x:c></row>'
    assert (sheetscan.scan_sheet(mixed).rows, sheetscan.scan_sheet(mixed).cols) == (9, 26)


def test_many_small_sheets_are_measured_not_refused(tmp_path):
    import xlsxwriter

    path = tmp_path / "many_sheets.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for n in range(45):  # many sheets, each measured by its real extent
        book.add_worksheet(f"S{n}").write(0, 0, n)
    book.close()
    verdict = safety.inspect(path)
    assert verdict.readable, [i.message() for i in verdict.issues]
    assert (verdict.sheets["S44"].rows, verdict.sheets["S44"].cols) == (1, 1)


def test_error_cells_and_formulas_without_values_are_found():
    xml = (b'<sheetData><row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
           b'<c r="B1"><f>A1*2</f><v /></c><c r="C1" t="str"><f>IF(1,"")</f><v></v></c>'
           b'<c r="D1"><f>1+1</f><v>2</v></c><c r="E1" t="e"><v>#N/A</v></c></row></sheetData>')
    scan = sheetscan.scan_sheet(xml)
    assert dict(scan.errors) == {"A1": "#DIV/0!", "E1": "#N/A"}
    assert scan.uncached == {"B1"}


MUTATIONS = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                     min_size=1, max_size=8)


@pytest.fixture(scope="module")
def fuzz_base(tmp_path_factory) -> tuple[Path, bytes, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("fuzz")
    path = hostile.plan_workbook(folder / "base.xlsx", ROWS)
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    return folder, path.read_bytes(), members


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MUTATIONS)
def test_fuzz_mutated_bytes_never_raise(fuzz_base, mutations):
    folder, data, _ = fuzz_base
    mutated = bytearray(data)
    for pos, byte in mutations:
        mutated[pos % len(mutated)] = byte
    path = folder / "mutated.xlsx"
    path.write_bytes(bytes(mutated))
    plan, report = read_plan(path)
    assert plan is not None or report.errors


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_mutated_xml_in_a_valid_zip_never_raises(fuzz_base, data):
    folder, _, members = fuzz_base
    name = data.draw(st.sampled_from(sorted(members)))
    content = bytearray(members[name])
    for pos, byte in data.draw(MUTATIONS):
        if content:
            content[pos % len(content)] = byte
    path = folder / "mutated_xml.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, body in members.items():
            z.writestr(n, bytes(content) if n == name else body)
    plan, report = read_plan(path)
    assert plan is not None or report.errors

