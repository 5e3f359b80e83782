"""The master workbook: built by the command, deterministic, its VBA project complete and its buttons bound.

Checked with openpyxl and the raw parts of the .xlsm, with oletools (the VBA project), and with LibreOffice
(it opens the file, lists the VBA modules, binds each button to its macro, exports a PDF). What only Excel
can confirm is listed in the README section for the coordinator.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from paths import REGENERATE, ROOT
from reimpact_xl.cli import main
from reimpact_xl.excel import master, masterdata
from reimpact_xl.excel import mastersettings as ms

COMMITTED = ROOT / "workbook" / "reimpact_master.xlsm"
XLMACROS = ROOT / "xlmacros"
olevba = pytest.importorskip("oletools.olevba")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return master.build_master(tmp_path_factory.mktemp("m") / "reimpact_master.xlsm")


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def project_sources(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        parser = olevba.VBA_Parser("vbaProject.bin", data=z.read("xl/vbaProject.bin"))
    return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}


def test_the_command_builds_the_master(tmp_path):
    target = tmp_path / "sub" / "master.xlsm"
    run = CliRunner().invoke(main, ["build-master", "-o", str(target)])
    assert run.exit_code == 0, run.output
    assert run.output.strip() == str(target) and zipfile.is_zipfile(target)
    assert [p.name for p in target.parent.iterdir()] == ["master.xlsm"]  # no temporary file left


def fingerprint(path: Path) -> dict[str, object]:
    """What the master holds, independent of how XlsxWriter laid out the XML: sheets, cells, names, buttons,
    and the VBA modules."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out: dict[str, object] = {"names": sorted((n, d.attr_text) for n, d in wb.defined_names.items()),
                              "modules": project_sources(path),
                              "buttons": re.findall(r"<x:FmlaMacro>([^<]+)<", part(path, "xl/drawings/vmlDrawing1.vml"))}
    for ws in wb.worksheets:
        out[ws.title] = [(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    return out


def test_the_build_is_deterministic_and_the_committed_master_is_current(built, tmp_path):
    again = master.build_master(tmp_path / "again.xlsm")
    assert again.read_bytes() == built.read_bytes()
    stale = f"workbook/reimpact_master.xlsm is stale: run {REGENERATE} and commit it"
    assert COMMITTED.exists(), stale
    assert fingerprint(COMMITTED) == fingerprint(built), stale
    import openpyxl

    if openpyxl.load_workbook(COMMITTED).properties.description == master.builder_note():
        assert COMMITTED.read_bytes() == built.read_bytes(), stale


def test_the_vba_project_holds_every_module_exactly(built):
    expected = {m.name: m.source for m in master.project_modules(1 + len(masterdata.table_keys()))}
    found = project_sources(built)
    assert found == expected
    assert {"Reimpact", "xlwings_udfs", "xlwings", "Dictionary", "ThisWorkbook"} <= set(found)
    assert found["xlwings"].replace("\r\n", "\n") == (master.xlwings_dir() / "xlwings.bas").read_text().replace(
        "\r\n", "\n").rstrip("\n") + "\n"


def test_every_sheet_has_its_document_module(built):
    with zipfile.ZipFile(built) as z:
        sheets = [n for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        code_names = {re.search(r'codeName="([^"]+)"', z.read(n).decode()).group(1) for n in sheets}
    assert 'codeName="ThisWorkbook"' in part(built, "xl/workbook.xml")
    assert code_names == {f"Sheet{i}" for i in range(1, len(sheets) + 1)}
    assert code_names <= set(project_sources(built))


def test_each_button_is_bound_to_a_macro_of_the_reimpact_module(built):
    vml = part(built, "xl/drawings/vmlDrawing1.vml")
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == [macro for macro, _, _ in ms.BUTTONS]
    source = (XLMACROS / "Reimpact.bas").read_text(encoding="ascii")
    for macro, caption, _ in ms.BUTTONS:
        assert re.search(rf"^Sub {macro}\(\)\r?$", source, re.M), macro
        assert caption("lv") in vml
    assert "Apkopot" in vml and "Pārbaudīt" in vml and "Jaunas darbgrāmatas" in vml and "Atvērt pārskatu" in vml


def test_the_buttons_make_one_line_runpython_calls_into_xl_py():
    import reimpact_xl.excel.xl as xl

    source = (XLMACROS / "Reimpact.bas").read_text(encoding="ascii")
    calls = re.findall(r'RunPython "import reimpact_xl\.excel\.xl as x; x\.(\w+)\(\)"', source)
    assert calls == ["consolidate", "validate", "new_workbooks"]
    assert all(callable(getattr(xl, c)) for c in calls)


def test_every_name_the_macros_use_is_defined(built):
    import openpyxl

    defined = set(openpyxl.load_workbook(built).defined_names)
    used = set()
    for path in XLMACROS.glob("*.bas"):
        used |= set(re.findall(r'"(rx_\w+)"', path.read_text(encoding="ascii")))
    assert used and used <= defined
    wanted = {ms.name(s.key) for s in ms.SETTINGS} | {ms.name("municipalities")}
    wanted |= {ms.name(f"table_{k}") for k in masterdata.table_keys()} | {ms.name(k) for k in ms.VBA_TEXTS}
    assert wanted == defined


def test_the_macro_sources_are_ascii_with_windows_line_ends():
    for path in XLMACROS.glob("*.bas"):
        raw = path.read_bytes()
        assert raw.isascii(), f"{path.name}: VBA text must stay ASCII (captions come from the workbook)"
        assert raw.count(b"\n") == raw.count(b"\r\n")


def test_the_master_speaks_latvian_by_default_and_english_on_request(built, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(built)
    assert wb.sheetnames == [ms.SETTINGS_SHEET("lv"), *(masterdata.sheet_name(k, "lv") for k in masterdata.table_keys())]
    assert wb.sheetnames[:3] == ["Iestatījumi", "Statuss", "1 Tiesību akti"]
    assert wb.sheetnames[-3:] == ["Rādītāju kopsavilkums", "Riska matrica", "Problēmu saraksts"]
    settings = wb["Iestatījumi"]
    inbox = wb.defined_names[ms.name("inbox")]
    sheet, cell = next(inbox.destinations)
    assert sheet == "Iestatījumi" and settings[cell].value == "iesniegtie"
    label = settings.cell(settings[cell].row, settings[cell].column - 1).value
    assert label == "Ienākošo failu mape"
    issues = wb["Problēmu saraksts"]
    assert [c.value for c in issues[1]][:4] == ["Pašvaldība", "Fails", "Lapa", "Šūna"]
    english = openpyxl.load_workbook(master.build_master(tmp_path / "en.xlsm", lang="en"))
    assert english.sheetnames[:2] == ["Settings", "Status"] and english.sheetnames[-1] == "Issues"


def test_the_municipality_list_starts_with_the_zemgale_municipalities(built):
    import openpyxl

    wb = openpyxl.load_workbook(built)
    sheet, cells = next(wb.defined_names[ms.name("municipalities")].destinations)
    rows = [[c.value for c in row] for row in wb[sheet][cells.replace("$", "")]]
    assert len(rows) == ms.MUNICIPALITY_ROWS and all(len(r) == 2 for r in rows)
    assert [r[0] for r in rows if r[0]] == list(ms.ZEMGALE)


def test_without_xlwings_the_build_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(master, "find_spec", lambda name: None)
    with pytest.raises(master.BuildError, match=r"reimpact-xl-main\.zip\[excel\]"):
        master.build_master(tmp_path / "m.xlsm")
    assert not list(tmp_path.iterdir())


def test_without_the_xlmacros_folder_the_build_says_to_reinstall(monkeypatch):
    from reimpact_xl import resources

    monkeypatch.setitem(resources.FOLDERS, "nowhere", "xlmacros")
    with pytest.raises(resources.ResourceError, match="pip install --force-reinstall"):
        master.project_modules(3, resources.folder("nowhere"))


# --- LibreOffice: opens it, lists the modules, binds the buttons, exports a PDF ---------------------------

UNO_SCRIPT = r'''
import json, os, subprocess, sys, tempfile, time, uno
from com.sun.star.beans import PropertyValue
source, pdf, profile = sys.argv[1:4]
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile), "--headless",
                           "--invisible", "--norestore", "--accept=pipe,name=rxmaster;urp;"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(300):
    try:
        ctx = resolver.resolve("uno:pipe,name=rxmaster;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.2)
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                   (prop("Hidden", True), prop("MacroExecutionMode", 0)))
libraries = doc.BasicLibraries
modules = {}
for name in libraries.ElementNames:
    libraries.loadLibrary(name)
    modules[name] = sorted(libraries.getByName(name).ElementNames)
buttons = []
forms = doc.Sheets.getByIndex(0).DrawPage.Forms
for f in range(forms.Count):
    form = forms.getByIndex(f)
    for c in range(form.Count):
        buttons.append([form.getByIndex(c).Label, [e.ScriptCode for e in form.getScriptEvents(c)]])
doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "calc_pdf_Export"),))
result = {"sheets": list(doc.Sheets.ElementNames), "modules": modules, "buttons": buttons}
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
office.wait(timeout=60)
print(json.dumps(result))
'''


def uno_python() -> str | None:
    """A Python that can import LibreOffice's uno module (the system one on Debian), or None."""
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and shutil.which("soffice") and subprocess.run([exe, "-c", "import uno"],
                                                              capture_output=True).returncode == 0:
            return exe
    return None


def test_libreoffice_opens_the_master_lists_its_modules_and_binds_its_buttons(built, tmp_path):
    exe = uno_python()
    if exe is None:
        pytest.skip("LibreOffice with its Python bridge (uno) is not installed")
    pdf = tmp_path / "master.pdf"
    run = subprocess.run([exe, "-c", UNO_SCRIPT, str(built.resolve()), str(pdf), str(tmp_path / "profile")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["sheets"][0] == "Iestatījumi" and len(found["sheets"]) == 1 + len(masterdata.table_keys())
    assert set(found["modules"]["VBAProject"]) == set(project_sources(built))
    assert [label for label, _ in found["buttons"]] == [caption("lv") for _, caption, _ in ms.BUTTONS]
    for (_, scripts), (macro, _, _) in zip(found["buttons"], ms.BUTTONS):
        assert scripts == [f"vnd.sun.star.script:VBAProject.Reimpact.{macro}?language=Basic&location=document"]
    assert pdf.read_bytes().startswith(b"%PDF")
