"""Inboxes and output folders as coordinators have them (issue 15): debris, locked files, spreadsheets that
are no plans, the tool's own outputs, name variants of one municipality, outputs that cannot be written.

Every run asserts what a coordinator cares about: no traceback, inputs byte-identical, every good plan
consolidated, every odd file named once (or quietly skipped), and outputs all from one run.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import hostile
from paths import EXAMPLES_DIR
from reimpact_xl import atomic
from reimpact_xl.cli import main
from reimpact_xl.read.reader import read_plan
from reimpact_xl.region import gather as consolidation
from reimpact_xl.workbook.build import build_workbook
from reimpact_xl.workbook.examples import load_example

FOREIGN = Path(__file__).parent / "foreign"
PLANS = ("aizkraukles_novads.xlsx", "bauskas_novads.xlsx", "dobeles_novads.xlsx", "jelgavas_novads.xlsx",
         "jelgavas_valstspilseta.xlsx")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What Windows, Office, LibreOffice, mail and macOS leave in a folder of attachments.
DEBRIS = {
    "~$bauskas_novads.xlsx": b"\x0bKoordinators" + b" " * 41 + b"\x00" * 111,  # Excel's owner file, 165 bytes
    ".~lock.jelgavas_novads.xlsx#": ",Koordinators,PC-01,06.12.2026 10:02,file:///C:/Users/k/AppData;",
    "Thumbs.db": OLE + b"\x00" * 504,
    "desktop.ini": "[.ShellClassInfo]\r\nLocalizedResourceName=@%SystemRoot%\\system32\\shell32.dll,-21770\r\n",
    "dobeles_novads.xlsx:Zone.Identifier": "[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://outlook.office.com/\r\n",
    "dobeles_novads.xlsxZone.Identifier": "[ZoneTransfer]\r\nZoneId=3\r\n",
    "RE_ rīcības plāns.msg": OLE + b"\x00" * 1024,
    "plāns no Bauskas.eml": "From: a@bauska.lv\r\nSubject: plans\r\n\r\npielikumā\r\n",
    "Saīsne uz Dokumenti.lnk": b"L\x00\x00\x00\x01\x14\x02\x00" + b"\x00" * 68,
    ".DS_Store": b"\x00\x00\x00\x01Bud1" + b"\x00" * 64,
    "~WRL0001.tmp": b"\x00" * 300,
    ".~tmp-k2x9a.xlsx": b"",
}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def digest(folder: Path) -> dict[str, str]:
    """Every file under the folder (sub-folders too) by its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def budget(path: Path) -> Path:
    """A spreadsheet of another kind, written with XlsxWriter: a budget with a chart."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Budžets 2026")
    for r, row in enumerate([["Pozīcija", "EUR"], ["Telpas", 1200], ["Algas", 5400], ["Transports", 300]]):
        ws.write_row(r, 0, row)
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='Budžets 2026'!$B$2:$B$4", "categories": "='Budžets 2026'!$A$2:$A$4"})
    ws.insert_chart("D2", chart)
    book.close()
    return path


def openpyxl_sheet(path: Path) -> Path:
    """A spreadsheet openpyxl wrote (another program than this project's writer)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Riski"  # a sheet called like a worksheet, but no plan in it
    book.active.append(["Datums", "Notikums"])
    book.active.append([datetime(2026, 3, 1), "Plūdi"])
    book.save(path)
    return path


NOT_PLANS = ("budzets_2026.xlsx", "riski_openpyxl.xlsx", *(p.name for p in sorted(FOREIGN.glob("*.xlsx"))))


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    """Five real plans among what else a coordinator's inbox holds."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in PLANS:
        shutil.copy(EXAMPLES_DIR / name, folder / name)
    for name, content in DEBRIS.items():
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    (folder / "vecie").mkdir()
    shutil.copy(EXAMPLES_DIR / PLANS[1], folder / "vecie" / PLANS[1])
    budget(folder / "budzets_2026.xlsx")
    openpyxl_sheet(folder / "riski_openpyxl.xlsx")
    for path in FOREIGN.glob("*.xlsx"):
        shutil.copy(path, folder / path.name)
    return folder


def consolidate(inbox: Path, out: Path, *extra: object):
    return run("consolidate", inbox, "-o", out / "regional.xlsx", "--report", out / "report.html",
               "--feedback", out / "feedback", *extra)


def test_a_coordinators_inbox(inbox, tmp_path):
    before = digest(inbox)
    out = tmp_path / "out"
    result = consolidate(inbox, out)
    assert result.exit_code == 1, result.output  # the example plans have errors
    assert "Traceback" not in result.output
    assert digest(inbox) == before
    lines = result.output.splitlines()
    for name in PLANS:  # every good plan consolidated
        assert sum(name in line and "apkopots" in line for line in lines) == 1, name
    for name in NOT_PLANS:  # every spreadsheet of another kind named once, as no plan
        assert sum(name in line for line in lines) == 1, name
        assert any(name in line and "nav plāns" in line for line in lines), name
    skipped = next(line for line in lines if line.startswith("Izlaisti"))
    for name in DEBRIS:
        assert result.output.count(name) == 1 and name in skipped, name
    assert "vecie (mape)" in skipped
    assert "Kopā: 10 faili, 5 apkopoti" in result.output
    feedback = {p.name for p in (out / "feedback").iterdir()}
    assert len(feedback) == 2 * len(PLANS)  # a page and a workbook per plan, nothing for debris or no plans
    assert not [p for p in out.rglob(".~*")], "no temporary file stays"


def test_a_spreadsheet_that_is_no_plan_gets_one_message_and_never_supersedes_a_plan(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES_DIR / "bauskas_novads.xlsx", inbox / "bauskas_novads.xlsx")
    budget(inbox / "bauskas_novads_budzets.xlsx")  # newer, and named for the same municipality
    shutil.copy(FOREIGN / "excel_table01.xlsx", inbox / "bauskas_novads (2).xlsx")
    result = consolidation.gather(inbox)
    status = {s.name: s.status for s in result.sources}
    assert status == {"bauskas_novads.xlsx": "used", "bauskas_novads_budzets.xlsx": "not_plan",
                      "bauskas_novads (2).xlsx": "not_plan"}
    for name in ("bauskas_novads_budzets.xlsx", "bauskas_novads (2).xlsx"):
        mine = result.report.for_file(name)
        assert [i.rule for i in mine] == ["file-not-plan"]
        assert "nav rīcības plāns" in mine.issues[0].message()
    assert not [i for i in result.report if i.rule == "file-superseded"]


def test_an_unreadable_submission_is_its_own_issue_and_the_others_go_on(inbox, tmp_path, monkeypatch):
    """Held by antivirus or by Outlook mid-save: no permission to read (as root chmod blocks nothing)."""
    locked = inbox / "dobeles_novads.xlsx"
    if os.geteuid() != 0:
        locked.chmod(0)
    original = Path.open

    def guarded(self, *args, **kwargs):
        if self.name == locked.name and self.parent.name == "inbox":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    out = tmp_path / "out"
    try:
        result = consolidate(inbox, out)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 1 and "Traceback" not in result.output
    line = next(line for line in result.output.splitlines() if "dobeles_novads.xlsx" in line)
    assert "nenolasāms" in line
    assert "Kopā: 10 faili, 4 apkopoti" in result.output
    assert (out / "regional.xlsx").exists()
    page = (out / "feedback" / "dobeles_novads_atgriezeniska_saite.html").read_text(encoding="utf-8")
    assert "nav atļaujas lasīt failu" in page


def test_one_file_whose_reading_fails_in_any_way_is_its_own_issue(tmp_path, monkeypatch):
    from reimpact_xl.read import reader

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in PLANS[:2]:
        shutil.copy(EXAMPLES_DIR / name, inbox / name)
    real = reader.read_plan

    def broken(path, **kwargs):
        if Path(path).name == PLANS[0]:
            raise MemoryError("the reader ran out of memory")
        return real(path, **kwargs)

    monkeypatch.setattr(reader, "read_plan", broken)
    result = consolidation.gather(inbox)
    assert [s.status for s in result.sources] == ["unreadable", "used"]
    assert "bojāts" in result.report.for_file(PLANS[0]).issues[0].message()


def test_validate_a_good_and_a_locked_file(tmp_path, monkeypatch):
    good, locked = tmp_path / "bauskas_novads.xlsx", tmp_path / "dobeles_novads.xlsx"
    shutil.copy(EXAMPLES_DIR / good.name, good)
    shutil.copy(EXAMPLES_DIR / locked.name, locked)
    real_open, real_access = Path.open, os.access

    def guarded(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: Path(p) != locked and real_access(p, mode, **kw))
    result = run("validate", good, locked)
    assert result.exit_code == 1 and "Usage" not in result.output and "Traceback" not in result.output
    assert "dobeles_novads.xlsx: Failu nevar atvērt" in result.output and "nav atļaujas lasīt" in result.output
    assert "bauskas_novads.xlsx: " in result.output  # the good one was validated all the same


@pytest.mark.parametrize("where", ["regional", "report", "feedback", "input", "relative", "symlink", "twice"])
def test_an_output_in_the_inbox_or_on_a_submission_is_refused_before_anything_is_read(where, inbox, tmp_path,
                                                                                       monkeypatch):
    before = digest(inbox)
    monkeypatch.setattr(consolidation, "gather", lambda *a, **k: pytest.fail("read before refusing"))
    out = tmp_path / "out"
    args = {"regional": ("-o", inbox / "regional.xlsx"),
            "report": ("-o", out / "r.xlsx", "--report", inbox / "report.html"),
            "feedback": ("-o", out / "r.xlsx", "--feedback", inbox),
            "input": ("-o", out / "r.xlsx", "--report", inbox / "bauskas_novads.xlsx"),
            "twice": ("-o", out / "r.xlsx", "--report", out / ".." / "out" / "r.xlsx")}
    if where == "relative":
        monkeypatch.chdir(inbox)
        args[where] = ("-o", Path("..") / "inbox" / "kopsavilkums.xlsx")
    if where == "symlink":
        (tmp_path / "rezultati").symlink_to(inbox, target_is_directory=True)
        args[where] = ("-o", tmp_path / "rezultati" / "regional.xlsx")
    result = run("consolidate", inbox, *args[where])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    named = str(args[where][-1])
    assert named in result.output
    why = {"input": "ir ievades fails", "twice": "norādīts divām izvadēm"}.get(where, "atrodas ienākošo failu mapē")
    assert why in result.output
    assert digest(inbox) == before and not out.exists()


def test_new_from_last_years_workbook_never_writes_over_it(tmp_path):
    last = tmp_path / "reimpact_bauskas_novads.xlsx"
    shutil.copy(EXAMPLES_DIR / "bauskas_novads.xlsx", last)
    before = digest(tmp_path)
    result = run("new", "--from", last, "-o", tmp_path)
    assert result.exit_code == 2 and "ir ievades fails" in result.output and str(last) in result.output
    assert digest(tmp_path) == before
    assert run("new", "--from", last, "-o", tmp_path / "jaunas").exit_code == 0
    assert (tmp_path / "jaunas" / last.name).exists() and digest(tmp_path / "jaunas")


def test_a_second_run_with_the_outputs_copied_into_the_inbox(inbox, tmp_path):
    first = consolidate(inbox, tmp_path / "out1")
    for path in (tmp_path / "out1").rglob("*"):
        if path.is_file():
            shutil.copy(path, inbox / path.name)  # dragged into the inbox with the attachments
    copied = sorted(p.name for p in (tmp_path / "out1").rglob("*") if p.is_file())
    before = digest(inbox)
    second = consolidate(inbox, tmp_path / "out2")
    assert second.exit_code == 1 and "Traceback" not in second.output
    assert digest(inbox) == before
    totals = [line for line in second.output.splitlines() if line.startswith("Kopā")]
    assert totals == [line for line in first.output.splitlines() if line.startswith("Kopā")]
    skipped = next(line for line in second.output.splitlines() if line.startswith("Izlaisti"))
    told = "\n".join(line for line in second.output.splitlines() if not line.startswith(str(tmp_path / "out2")))
    for name in copied:  # the regional workbook, the report, each feedback page and workbook: named once
        assert told.count(name) == 1 and name in skipped, name
    assert "Regional" not in second.output


def saved_by_a_person(source: Path, target: Path) -> Path:
    """The workbook as Excel leaves it after a person edits and saves it: a new saved time, their name."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-04-02T08:15:00Z", data)
                data = re.sub(rb"(<cp:lastModifiedBy>)[^<]*", "\\g<1>Dobeles speciāliste".encode(), data)
            new.writestr(info, data)
    return target


def dobele_feedback(tmp_path: Path) -> Path:
    """The feedback workbook a consolidation of Dobele's example writes."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES_DIR / "dobeles_novads.xlsx", inbox / "dobeles_novads.xlsx")
    consolidate(inbox, tmp_path / "out")
    return tmp_path / "out" / "feedback" / "dobeles_novads_atgriezeniska_saite.xlsx"


def test_a_feedback_workbook_the_specialist_saved_again_is_their_submission(tmp_path):
    feedback = dobele_feedback(tmp_path)
    plan, report = read_plan(feedback)
    assert plan is None and [i.rule for i in report] == ["file-own-output"]  # as written: the tool's own output
    plan, report = read_plan(saved_by_a_person(feedback, tmp_path / "dobeles_novads_labots.xlsx"))
    assert plan is not None and plan.municipality == "Dobeles novads", [i.message() for i in report]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_feedback_workbook_converted_by_libreoffice_keeps_its_marker(tmp_path):
    """A conversion is no edit: LibreOffice keeps the marker and the times, so it stays an output."""
    import subprocess

    feedback = dobele_feedback(tmp_path)
    saved = tmp_path / "saved"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                    "xlsx", "--outdir", str(saved), str(feedback)], check=True, capture_output=True, timeout=180)
    assert [i.rule for i in read_plan(saved / feedback.name)[1]] == ["file-own-output"]
    plan, report = read_plan(saved_by_a_person(saved / feedback.name, tmp_path / "labots.xlsx"))
    assert plan is not None, [i.message() for i in report]


def _variant(folder: Path, name: str, municipality: str, day: int, source: str = "bauskas_novads") -> Path:
    plan = load_example(EXAMPLES_DIR / f"{source}.yaml")
    plan.cover["municipality"] = municipality
    return build_workbook(folder / name, municipality=municipality, plan=plan, created=datetime(2026, 3, day, 9))


def test_name_variants_of_one_municipality_are_one_municipality(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _variant(inbox, "bauskas_novads.xlsx", "Bauskas novads", 2)
    _variant(inbox, "Bauskas novada pašvaldības plāns.xlsx", "Bauskas novada pašvaldība", 4)
    _variant(inbox, "bauska (labots).xlsx", "Bauskas  novads", 3)
    for name in ("jelgavas_novads.xlsx", "jelgavas_valstspilseta.xlsx"):  # two municipalities, not two wordings
        shutil.copy(EXAMPLES_DIR / name, inbox / name)
    out = tmp_path / "out"
    result = consolidate(inbox, out)
    assert "Traceback" not in result.output
    status = {line.split("  ")[0]: line for line in result.output.splitlines()}
    found = consolidation.gather(inbox)
    used = {s.name for s in found.sources if s.status == "used"}
    assert used == {"Bauskas novada pašvaldības plāns.xlsx", "jelgavas_novads.xlsx", "jelgavas_valstspilseta.xlsx"}
    assert {s.name for s in found.sources if s.status == "superseded"} == {"bauskas_novads.xlsx",
                                                                          "bauska (labots).xlsx"}
    assert status and "Kopā: 5 faili, 3 apkopoti" in result.output
    names = {p.name for p in (out / "feedback").iterdir() if p.suffix == ".xlsx"}
    assert "bauskas_novads_atgriezeniska_saite.xlsx" in names  # the feedback name from the same identity

    from dataclasses import replace

    from reimpact_xl.excel import masterdata
    from reimpact_xl.region.picture import build_picture

    listed = ["Bauskas novads", "Jelgavas valstspilsētas pašvaldība", "Tukuma novads"]
    found.context = replace(found.context, expected=tuple(listed))
    block = masterdata.status_block(build_picture(found, "lv"))
    missing = [row[0] for row in block.rows if row[2] == masterdata.NOT_SUBMITTED("lv")]
    assert missing == ["Tukuma novads"]


def test_a_cover_that_disagrees_with_the_file_name_is_a_warning_naming_both(tmp_path):
    wrong = _variant(tmp_path, "dobeles_novads_2026.xlsx", "Bauskas novads", 2)
    _, report = read_plan(wrong)
    found = [i for i in report if i.rule == "municipality-file-name"]
    assert len(found) == 1
    assert "“Bauskas novads”" in found[0].message() and "dobeles_novads_2026.xlsx" in found[0].message()
    assert "Dobeles novads" in found[0].message()
    for name, municipality in (("plans_2026.xlsx", "Bauskas novads"),  # the file name names no municipality
                               ("bauskas_novads_labots.xlsx", "Bauskas novada pašvaldība"),
                               ("jelgavas_valstspilseta.xlsx", "Jelgavas valstspilsēta")):
        _, quiet = read_plan(_variant(tmp_path, name, municipality, 2))
        assert not [i for i in quiet if i.rule == "municipality-file-name"], name


def test_an_inbox_without_a_plan_keeps_the_previous_outputs(inbox, tmp_path):
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 1
    previous = digest(out)
    empty = tmp_path / "tukša"
    empty.mkdir()
    for name, content in list(DEBRIS.items())[:4]:
        (empty / name).write_bytes(content.encode() if isinstance(content, str) else content)
    result = consolidate(empty, out)
    assert result.exit_code == 4 and "Traceback" not in result.output
    assert "nav neviena iesniegta faila" in result.output and "Iepriekšējie rezultāti nav mainīti" in result.output
    assert digest(out) == previous
    strangers = tmp_path / "lejupielādes"
    strangers.mkdir()
    for path in FOREIGN.glob("*.xlsx"):
        shutil.copy(path, strangers / path.name)
    result = consolidate(strangers, out)
    assert result.exit_code == 4 and "nav neviena plāna" in result.output
    assert all(f"{p.name}" in result.output for p in FOREIGN.glob("*.xlsx"))  # the summary says what was found
    assert digest(out) == previous


def _previous_run(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in PLANS[:2]:
        shutil.copy(EXAMPLES_DIR / name, inbox / name)
    out = tmp_path / "out"
    assert consolidate(inbox, out).exit_code == 1
    shutil.copy(EXAMPLES_DIR / PLANS[2], inbox / PLANS[2])  # this run would change every output
    return inbox, out, digest(out)


def test_a_report_whose_folder_is_a_file(tmp_path):
    inbox, out, previous = _previous_run(tmp_path)
    (tmp_path / "piezimes.txt").write_text("x")
    report = tmp_path / "piezimes.txt" / "report.html"
    result = run("consolidate", inbox, "-o", out / "regional.xlsx", "--report", report)
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert f"Nevar ierakstīt “{report}”" in result.output and "ir fails, nevis mape" in result.output
    assert digest(out) == previous  # the regional workbook was not replaced alone


@pytest.mark.parametrize("failure", ["disk-full", "no-permission", "open-in-excel"])
def test_outputs_are_replaced_together_or_not_at_all(failure, tmp_path, monkeypatch):
    inbox, out, previous = _previous_run(tmp_path)
    if failure == "disk-full":  # the report is the last file written
        real = Path.write_text

        def full(self, *args, **kwargs):
            if self.suffix == ".html" and self.name.startswith(atomic.TEMP_PREFIX):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(self, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", full)
        expected = "diskā vairs nav vietas"
    elif failure == "no-permission":  # the feedback folder is not writable (as root chmod blocks nothing)
        import tempfile

        real_mkstemp = tempfile.mkstemp

        def refuse(*args, **kwargs):
            if Path(kwargs.get("dir", "")).name == "feedback":
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_mkstemp(*args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
        expected = "nav atļaujas rakstīt"
    else:  # the report is open in Excel on Windows: it cannot be renamed over, after the workbook was
        real_replace = os.replace

        def locked(src, dst, *args, **kwargs):
            if Path(src).name == "report.html":
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_replace(src, dst, *args, **kwargs)

        monkeypatch.setattr(os, "replace", locked)
        expected = "Aizveriet failu"
    result = consolidate(inbox, out)
    assert result.exit_code == 3 and "Traceback" not in result.output, result.output
    assert expected in result.output and "Nevar ierakstīt “" in result.output
    assert digest(out) == previous, "every output still from the previous run"


def test_a_new_run_sweeps_what_a_killed_run_left(tmp_path):
    inbox, out, _ = _previous_run(tmp_path)
    left = [out / ".~tmp-a1b2c3.xlsx", out / ".~tmp-d4e5.html", out / "feedback" / ".~tmp-x.xlsx",
            out / "feedback" / ".~tmp-bauskas_novads_atgriezeniska_saite.k2j3.xlsx"]
    for path in left:
        path.write_bytes(b"half")
    os.replace(out / "report.html", out / ".~old-report.html")  # killed while renaming the outputs
    assert atomic.sweep(out) and (out / "report.html").exists() and not (out / ".~old-report.html").exists()
    assert consolidate(inbox, out).exit_code == 1
    assert not [p for p in out.rglob(".~*")]


def test_an_unexpected_failure_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    inbox, out, previous = _previous_run(tmp_path)

    def bug(*args, **kwargs):
        raise KeyError("sheet")

    monkeypatch.setattr("reimpact_xl.outputs.regional_workbook.write_regional", bug)
    result = CliRunner().invoke(main, ["consolidate", str(inbox), "-o", str(out / "regional.xlsx")])
    assert result.exit_code == 5 and "Traceback" not in result.output
    assert "Negaidīta kļūda (KeyError: 'sheet')" in result.output
    assert digest(out) == previous


def test_the_exit_codes_are_documented():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):]
    for code in range(6):
        assert f"| {code} |" in section, code


def test_master_title_is_known_to_the_inbox():
    from reimpact_xl.excel import master
    from reimpact_xl.read import submissions

    assert submissions.MASTER_TITLE.variants() == master.TITLE.variants()


@pytest.mark.parametrize("name, key", [
    ("Bauskas novads", "bauskas novads"), ("Bauskas  novads", "bauskas novads"),
    ("  bauskas novads ", "bauskas novads"), ("Bauskas novada pašvaldība", "bauskas novads"),
    ("bauskas_novads", "bauskas novads"), ("BAUSKAS NOVADS", "bauskas novads"),
    ("Jelgavas valstspilsētas pašvaldība", "jelgavas valstspilseta"),
    ("Jelgavas valstspilsēta", "jelgavas valstspilseta"),
    ("Jelgavas novads", "jelgavas novads"),
])
def test_one_identity_of_a_municipality(name, key):
    from reimpact_xl.read.submissions import municipality_key

    assert municipality_key(name) == key


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_end_with_their_parent(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = ("import time\nfrom reimpact_xl.workers import pool\n"
              "ex = pool(2)\nfs = [ex.submit(time.sleep, 60) for _ in range(2)]\n"
              "time.sleep(0.5)\nprint(' '.join(str(p) for p in ex._processes), flush=True)\ntime.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(p) for p in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in workers), "workers outlived their killed parent"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_hostile_builders_are_not_mistaken_for_outputs(tmp_path):
    """A plan written by another XlsxWriter program (no reimpact-xl marker) is a plan, as before."""
    path = hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": []}, municipality="Sintētiskais novads")
    plan, report = read_plan(path)
    assert plan is not None and not [i for i in report if i.rule in ("file-own-output", "file-not-plan")]


def _descendants(pid: int) -> set[int]:
    """Every process under `pid`, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        children = {child for child, parent in parents.items() if parent == current}
        todo.extend(children - found)
        found |= children
    return found


def _long_run(tmp_path: Path, *outputs: str) -> list[str]:
    """The command of a consolidation long enough to interrupt: 40 plans, read in two worker processes."""
    import sys

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(8):
        for name in PLANS:
            shutil.copy(EXAMPLES_DIR / name, inbox / f"{i}_{name}")
    return [sys.executable, "-c", "from reimpact_xl.cli import main; main()", "consolidate", str(inbox), *outputs,
            "-j", "2"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_9_during_a_consolidation_leaves_no_worker_and_the_next_run_sweeps(tmp_path):
    import signal
    import subprocess
    import time

    out = tmp_path / "out"
    command = _long_run(tmp_path, "-o", str(out / "regional.xlsx"), "--feedback", str(out / "feedback"))
    seen: set[int] = set()
    for _attempt in range(3):  # the kill must land while workers run; a fast machine may need a second try
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None:
            seen = _descendants(process.pid)
            if seen and list(out.rglob(".~tmp-*")):
                break
            time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            break
        shutil.rmtree(out)
    else:
        pytest.skip("every run ended before it could be killed")
    deadline = time.monotonic() + 5
    while any(_alive(p) for p in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen and not any(_alive(p) for p in seen), "worker processes outlived the killed run"
    assert list(out.rglob(".~tmp-*")), "the killed run left temporary files (hidden on Linux only)"
    assert subprocess.run(command, capture_output=True).returncode == 1
    assert not list(out.rglob(".~*"))


@pytest.mark.parametrize("props, sheets, kind", [
    ({"reimpact-xl": "regional"}, (), "regional"),
    ({"title": "reimpact-xl"}, (), "regional"),  # a regional workbook of a version before the marker
    ({"title": "REIMPACT: koordinatora darbgrāmata"}, (), "master"),
    ({"reimpact-xl": "feedback", "creator": "reimpact-xl", "created": "2026-03-02T09:00:00Z",
      "modified": "2026-03-02T09:00:00Z"}, (), "feedback"),
    ({"reimpact-xl": "feedback", "creator": "reimpact-xl", "created": "2026-03-02T09:00:00Z",
      "modified": "2026-04-02T08:15:00Z"}, (), ""),  # saved again by a person: their submission
    ({"creator": "reimpact-xl", "created": "2026-03-02T09:00:00Z", "modified": "2026-03-02T09:00:00Z"},
     ("Titullapa", "Problēmu saraksts"), "feedback"),  # a feedback workbook of a version before the marker
    ({"creator": "reimpact-xl", "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z"},
     ("Titullapa", "1 Tiesību akti"), ""),  # a new workbook sent back unfilled is a (blank) plan
    ({"creator": "John", "title": "Budget"}, ("Sheet1",), ""),
])
def test_the_tools_own_workbooks_are_known_by_their_properties(props, sheets, kind):
    from reimpact_xl.read.submissions import output_kind

    assert output_kind(props, sheets) == kind


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_ctrl_c_during_a_consolidation_is_a_message_and_no_worker_traceback(tmp_path):
    import signal
    import subprocess
    import time

    command = _long_run(tmp_path, "-o", str(tmp_path / "out" / "regional.xlsx"))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)  # its own process group, as a terminal gives it
    while process.poll() is None and not _descendants(process.pid):
        time.sleep(0.01)
    if process.poll() is not None:
        pytest.skip("the run ended before it could be interrupted")
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl+C does: the whole group gets it
    try:
        _, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("the run hung after Ctrl+C")
    assert process.returncode == 130 and "Traceback" not in err, err
    assert "Pārtraukts (Ctrl+C)" in err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


DEBRIS_NAMES = ("~${stem}.xlsx", ".~lock.{stem}.xlsx#", "Thumbs.db", "desktop.ini", "{stem}.xlsx:Zone.Identifier",
                "{stem}.msg", "{stem}.eml", "{stem}.lnk", ".DS_Store", "~WRL{n:04}.tmp", ".~tmp-{n}.xlsx",
                "{stem}.xlsx.crdownload", "{stem}.tmp")
FILE_NAMES = ("{stem}.xlsx", "{stem} (1).xlsx", "{Stem} - labots.xlsx", "reimpact_{stem}.xlsx", "{STEM}.xlsx")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_inboxes(seed, tmp_path):
    """Random inboxes: plans under several names (the newest of each municipality wins), no plans, debris."""
    import random

    rng = random.Random(seed)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    chosen = rng.sample(PLANS, rng.randint(1, len(PLANS)))
    plan_files, odd, debris = [], [], set()
    for plan in chosen:
        stem = plan[:-5]
        for pattern in rng.sample(FILE_NAMES, rng.randint(1, 3)):
            name = pattern.format(stem=stem, Stem=stem.replace("_", " ").capitalize(), STEM=stem.upper())
            shutil.copy(EXAMPLES_DIR / plan, inbox / name)
            plan_files.append(name)
    for i, path in enumerate(rng.sample(sorted(FOREIGN.glob("*.xlsx")), rng.randint(0, 3))):
        shutil.copy(path, inbox / f"tabula_{i}.xlsx")
        odd.append(f"tabula_{i}.xlsx")
    if rng.random() < 0.7:
        odd.append(budget(inbox / "budžets.xlsx").name)
    for _ in range(rng.randint(0, 10)):
        name = rng.choice(DEBRIS_NAMES).format(stem=rng.choice(chosen)[:-5], n=rng.randint(0, 9999))
        if name not in debris:
            (inbox / name).write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))))
            debris.add(name)
    before = digest(inbox)
    result = run("consolidate", inbox, "-o", tmp_path / "out" / "regional.xlsx")
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert digest(inbox) == before
    assert f"Kopā: {len(plan_files) + len(odd)} faili, {len(chosen)} apkopoti" in result.output
    lines = result.output.splitlines()
    for name in plan_files:
        assert sum(f"  {name}  " in line for line in lines) == 1, name
    for name in odd:
        assert sum(name in line for line in lines) == 1 and any(name in x and "nav plāns" in x for x in lines)
    skipped = next((line for line in lines if line.startswith("Izlaisti")), "")
    for name in debris:
        assert result.output.count(f"{name} (") == 1 and name in skipped, name
