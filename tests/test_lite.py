"""The master for xlwings Lite: a macro-free .xlsx whose Python is inside, its buttons' scripts run as Lite runs
them in a process with Pyodide's limits, with the results of the .xlsm's Python side.

The workbook is read back as a package (every part parsed, every reference resolved, the add-in's properties
decoded), compared with the .xlsm (sheets, names), and its scripts run through xlwings' remote-engine protocol
by tests/lite_runner.py. What only Excel with the add-in can confirm is listed in the README.
"""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from paths import REGENERATE, ROOT
from reimpact_xl import runtime
from reimpact_xl.cli import main
from reimpact_xl.excel import lite, master, masterdata
from reimpact_xl.excel import mastersettings as ms

COMMITTED = ROOT / "workbook" / "reimpact_master_lite.xlsx"
EXAMPLES = sorted((ROOT / "workbook" / "examples").glob("*.xlsx"))
DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TIMESTAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ?")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return lite.build_lite_master(tmp_path_factory.mktemp("lite") / "reimpact_master_lite.xlsx")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_command_builds_the_lite_master(tmp_path):
    target = tmp_path / "sub" / "master.xlsx"
    run = CliRunner().invoke(main, ["build-master", "--lite", "-o", str(target), "--wheel", "reimpact-xl==0.1.0"])
    assert run.exit_code == 0, run.output
    assert run.output.strip() == str(target) and zipfile.is_zipfile(target)
    assert [p.name for p in target.parent.iterdir()] == ["master.xlsx"]  # no temporary file left
    assert "reimpact-xl==0.1.0  # reimpact-xl" in lite.read_properties(target)["requirements.txt"]


def test_the_parts_decode_back_to_the_main_py_and_requirements_written(built):
    found = lite.read_properties(built)
    sheet = ms.SETTINGS_SHEET("lv")
    assert found["main.py"] == lite.main_py(sheet) and found["requirements.txt"] == lite.requirements_txt()
    assert found["pyodideVersion"] == lite.PYODIDE_VERSION and found["addinVersion"] == lite.ADDIN_VERSION
    assert found[lite.AUTO_SHOW] == "true"  # the add-in loads with the workbook, so the buttons work at once
    ast.parse(found["main.py"])
    raw = ET.fromstring(parts(built)[lite.WEBEXTENSION])
    values = {p.get("name"): p.get("value") for p in raw.iter(f"{{{lite.WE_NS}}}property")}
    assert json.loads(values["main.py"]) == found["main.py"] and values["main.py"].startswith('"')
    reference = raw.find(f"{{{lite.WE_NS}}}reference")
    assert (reference.get("id"), reference.get("storeType")) == ("wa200008175", "OMEX")


def test_requirements_reach_reimpact_xl_and_its_pure_python_dependencies(built):
    lines = [line.split("#")[0].strip() for line in lite.read_properties(built)["requirements.txt"].splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == f"xlwings=={lite.XLWINGS_PIN}"
    assert any(line.startswith("emfs:/data/reimpact_xl-") and line.endswith("-py3-none-any.whl") for line in lines)
    names = {re.split(r"[<>=!~;\s]", line)[0].lower() for line in lines}
    assert {"xlsxwriter", "openpyxl", "pandera", "defusedxml"} <= names
    assert not names & {"deflate", "pandas", "numpy"}  # not in Pyodide, or built into it


def test_the_package_is_well_formed_and_every_reference_resolves(built):
    found = parts(built)
    for name, data in found.items():
        if name.endswith((".xml", ".rels")):
            ET.fromstring(data)  # well-formed
    package_rels = ET.fromstring(found["_rels/.rels"])
    panes = [r.get("Target") for r in package_rels if r.get("Type") == lite.REL_TASKPANES]
    assert panes == [lite.TASKPANES]
    pane_rels = ET.fromstring(found[lite.TASKPANES_RELS])
    assert [(r.get("Id"), r.get("Type"), r.get("Target")) for r in pane_rels] == [
        ("rId1", lite.REL_WEBEXTENSION, "webextension1.xml")]
    ref = ET.fromstring(found[lite.TASKPANES]).find(f".//{{{lite.TP_NS}}}webextensionref")
    assert ref.get(f"{{{lite.R_NS}}}id") == "rId1"
    types = {o.get("PartName"): o.get("ContentType") for o in ET.fromstring(found["[Content_Types].xml"])
             if o.get("PartName")}
    assert {"/" + p: t for p, t in lite.CONTENT_TYPES.items()}.items() <= types.items()
    assert "macroEnabled" not in types["/xl/workbook.xml"] and "xl/vbaProject.bin" not in found
    ids = [r.get("Id") for r in package_rels]
    assert len(ids) == len(set(ids))


def test_every_part_of_xlsxwriter_is_copied_as_it_was(built):
    book = BytesIO()
    master.write_book(book, "lv", lite.flavour(), note=lite.builder_note())
    with zipfile.ZipFile(book) as z:
        original = {i.filename: (z.read(i), i.date_time) for i in z.infolist()}
    with zipfile.ZipFile(built) as z:
        copied = {i.filename: (z.read(i), i.date_time) for i in z.infolist()}
    changed = {n for n in original if copied[n] != original[n]}
    assert changed == {"_rels/.rels", "[Content_Types].xml"}
    assert set(copied) - set(original) == {lite.WEBEXTENSION, lite.TASKPANES, lite.TASKPANES_RELS}


def scripts_of(main_py: str) -> dict[str, str]:
    """@script(button=...) of each script in main.py."""
    out = {}
    for node in ast.parse(main_py).body:
        for deco in getattr(node, "decorator_list", []):
            if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "script":
                out[node.name] = next(k.value.value for k in deco.keywords if k.arg == "button")
    return out


def test_each_button_is_a_shape_linked_to_the_cell_its_script_names(built):
    found = parts(built)
    drawing = ET.fromstring(found["xl/drawings/drawing1.xml"])
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(found["xl/drawings/_rels/drawing1.xml.rels"])}
    shapes = {}
    for shape in drawing.iter(f"{DRAWING}sp"):
        props = shape.find(f"{DRAWING}nvSpPr/{DRAWING}cNvPr")
        link = props.find(f"{A}hlinkClick").get(f"{{{lite.R_NS}}}id")
        text = "".join(t.text or "" for t in shape.iter(f"{A}t"))
        shapes[props.get("name")] = (rels[link], text)
    buttons = scripts_of(lite.read_properties(built)["main.py"])
    assert list(buttons) == ["apkopot", "parbaudit", "jaunas_darbgramatas"]
    captions = ["Apkopot", "Pārbaudīt", "Jaunas darbgrāmatas"]
    cells = []
    for (name, spec), caption in zip(buttons.items(), captions):
        shape, cell = re.fullmatch(r"\[([^\]]+)\](.+)", spec).groups()
        assert shapes[shape] == ("#" + cell, caption), name
        cells.append(cell.split("!")[1])
    rows = [int(c[1:]) for c in cells]
    assert all(b - a > 1 for a, b in zip(rows, rows[1:]))  # after a click Lite selects the cell below: no button
    with zipfile.ZipFile(built) as z:
        anchors = [(int(a.find(f"{DRAWING}from/{DRAWING}row").text), int(a.find(f"{DRAWING}to/{DRAWING}row").text))
                   for a in ET.fromstring(z.read("xl/drawings/drawing1.xml")).iter(f"{DRAWING}twoCellAnchor")]
    assert [(r - 1, r - 1) for r in rows] == anchors  # each shape lies within the row of the cell it links to
    assert len(shapes) == 3


def test_main_py_is_one_line_per_button_into_the_entry_points_of_the_xlsm():
    import reimpact_xl.excel.xl as xl

    tree = ast.parse(lite.main_py("Iestatījumi"))
    source = (ROOT / "xlmacros" / "Reimpact.bas").read_text(encoding="ascii")
    xlsm = re.findall(r'RunPython "import reimpact_xl\.excel\.xl as x; x\.(\w+)\(\)"', source)
    calls = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
            assert len(body) == 1, node.name
            call = body[0].value
            assert ast.unparse(call.func).startswith("xl."), node.name
            calls.append((node.name, ast.unparse(call.func)[3:]))
    assert [c for _, c in calls[:3]] == xlsm
    functions = [name for name, _ in calls[3:]]
    assert functions == ["REIMPACT_PROGRESS", "REIMPACT_RISK_LEVEL", "REIMPACT_STATUS"]
    assert all(callable(getattr(xl, f)) for f in functions)


def test_the_same_sheets_and_names_as_the_xlsm_and_defaults_under_data(built):
    import openpyxl

    lite_book = openpyxl.load_workbook(built)
    xlsm = openpyxl.load_workbook(ROOT / "workbook" / "reimpact_master.xlsm")
    assert lite_book.sheetnames == xlsm.sheetnames
    assert set(lite_book.defined_names) == {n for n in xlsm.defined_names if not n.startswith("rx_txt_")}
    for key, value in (("inbox", "/data/iesniegtie"), ("output", "/data/rezultati")):
        sheet, cell = next(lite_book.defined_names[ms.name(key)].destinations)
        assert lite_book[sheet][cell].value == value
    for key in masterdata.table_keys():
        sheet, cell = next(lite_book.defined_names[ms.name(f"table_{key}")].destinations)
        first = [c.value for c in lite_book[sheet][1]]
        assert first == [c.value for c in xlsm[sheet][1]], key  # the same table headers


def test_the_build_is_deterministic_and_the_committed_lite_master_is_current(built, tmp_path):
    again = lite.build_lite_master(tmp_path / "again.xlsx")
    assert again.read_bytes() == built.read_bytes()
    stale = f"workbook/reimpact_master_lite.xlsx is stale: run {REGENERATE} and commit it"
    assert COMMITTED.exists(), stale
    assert lite.read_properties(COMMITTED) == lite.read_properties(built), stale
    assert parts(COMMITTED).keys() == parts(built).keys(), stale


def test_processes_are_unavailable_without_multiprocessing(monkeypatch):
    assert runtime.processes_available() is (sys.platform != "emscripten")
    monkeypatch.setitem(sys.modules, "_multiprocessing", None)
    assert runtime.processes_available() is False


# --- the scripts of main.py, run as Lite runs them, in a process with Pyodide's limits -----------------------


def run(mode: str, workbook: Path, data: Path, scripts: str, settings: dict, out: Path) -> dict:
    cmd = [sys.executable, str(ROOT / "tests" / "lite_runner.py"), mode, str(workbook), str(data), scripts,
           json.dumps(settings), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8"))


def members(path: Path) -> dict[str, bytes]:
    """Every part of a package, inflated, its creation times masked (each run stamps its own)."""
    return {name: TIMESTAMP.sub(b"T", data) for name, data in parts(path).items()}


@pytest.fixture(scope="module")
def runs(built, tmp_path_factory):
    """The example inbox under data/: the .xlsm's Python side first, then main.py under Pyodide's limits."""
    if not EXAMPLES:
        pytest.skip("workbook/examples/*.xlsx are not built")
    base = tmp_path_factory.mktemp("lite-run")
    data = base / "data"
    (data / "iesniegtie").mkdir(parents=True)
    for path in EXAMPLES:
        (data / "iesniegtie" / path.name).write_bytes(path.read_bytes())
    settings = {"inbox": "iesniegtie", "output": "rezultati", "year": 2025, "period": "2025–2027"}
    classic = run("classic", ROOT / "workbook" / "reimpact_master.xlsm", data, "apkopot", settings,
                  base / "classic.json")
    (data / "rezultati").rename(base / "classic")
    settings["validate_file"] = "dobeles_novads.xlsx"  # a dropped file, chosen by its name
    found = run("lite", built, data, "apkopot,parbaudit,jaunas_darbgramatas", settings, base / "lite.json")
    return classic, found, base / "classic", data / "rezultati"


def without(action: dict, note: str) -> dict:
    """The action with Lite's download note taken out of the message it writes or shows."""
    text = json.dumps(action, ensure_ascii=False).replace(json.dumps(note, ensure_ascii=False)[1:-1], "")
    return json.loads(text)


def alert(actions: list[dict]) -> str:
    [found] = [a["args"][0] for a in actions if a["func"] == "alert"]
    return found


def archived(path: Path) -> list[tuple]:
    from reimpact_xl.region.archive import load

    return [(r.year, r.note, r.submissions, r.covers, r.tables) for r in load(path)]


def test_apkopot_gives_the_results_of_the_xlsm(runs):
    classic, found, classic_out, lite_out = runs
    note = " " + ms.message("lite-download", "lv")
    assert alert(found["apkopot"]).startswith("Apkopots. Faili: 5, apkopoti: 5;")
    assert alert(found["apkopot"]) == alert(classic["apkopot"]) + note
    same = [a for a in classic["apkopot"] if a["func"] != "addHyperlink"]  # no local file to link to in Lite
    assert [without(a, note) for a in found["apkopot"]] == same
    assert any(a["func"] == "addHyperlink" for a in classic["apkopot"])
    files = sorted(p.relative_to(lite_out) for p in lite_out.rglob("*")
                   if p.is_file() and not p.parent.name.startswith("jaunas_darbgramatas"))  # the third button's
    assert files == sorted(p.relative_to(classic_out) for p in classic_out.rglob("*") if p.is_file())
    assert len(files) == 14  # regional workbook, the coordinator's and the council's report, 5 feedback pages
    # and workbooks, and the region's archive
    for name in files:
        ours, theirs = lite_out / name, classic_out / name
        if name.suffix == ".html":
            assert ours.read_bytes() == theirs.read_bytes(), name  # the report and the pages, byte for byte
        elif name.suffix == ".sqlite":
            assert archived(ours) == archived(theirs), name  # the same rounds, files and rows
        else:
            assert members(ours) == members(theirs), name  # the same parts


def test_parbaudit_validates_a_dropped_file_chosen_by_name(runs):
    _, found, _, _ = runs
    text = alert(found["parbaudit"])
    assert text.startswith("Pārbaudīts “dobeles_novads.xlsx”. Kļūdas: "), text
    written = [a for a in found["parbaudit"] if a["func"] == "setValues" and len(a["values"]) > 1]
    assert written and all(row[1] == "dobeles_novads.xlsx" for row in written[0]["values"][1:])
    assert not [a for a in found["parbaudit"] if a["func"] == "addHyperlink"]


def test_jaunas_darbgramatas_writes_under_data_for_download(runs):
    _, found, _, lite_out = runs
    text = alert(found["jaunas_darbgramatas"])
    assert text.startswith(f"Jaunas darbgrāmatas mapē “{lite_out}"), text
    assert text.endswith(ms.message("lite-download", "lv"))
    made = sorted(p.name for p in lite_out.glob("jaunas_darbgramatas_*/*.xlsx"))
    assert len(made) == len(ms.ZEMGALE)


# --- Lite's file choice, in this process -------------------------------------------------------------------


def test_without_a_chosen_file_lite_names_the_dropped_workbooks(tmp_path, monkeypatch):
    (tmp_path / "iesniegtie").mkdir()
    for name in ("bauskas_novads.xlsx", "dobeles_novads.xlsx", "piezimes.txt"):
        (tmp_path / "iesniegtie" / name).write_bytes(b"x")
    monkeypatch.setattr(runtime, "LITE", True)
    monkeypatch.setattr(runtime, "DATA", tmp_path)
    assert [p.name for p in runtime.dropped_workbooks()] == ["bauskas_novads.xlsx", "dobeles_novads.xlsx"]
    assert runtime.find_dropped("dobeles_novads.xlsx") == tmp_path / "iesniegtie" / "dobeles_novads.xlsx"
    assert runtime.find_dropped("nav.xlsx") is None and runtime.find_dropped("../x.xlsx") is None
    assert ms.resolve("dobeles_novads.xlsx", tmp_path) == tmp_path / "iesniegtie" / "dobeles_novads.xlsx"
    assert ms.message("lite-pick", "lv", cell="B14", files="a.xlsx").startswith("Ierakstiet šūnā B14")
    monkeypatch.setattr(runtime, "LITE", False)
    assert runtime.find_dropped("dobeles_novads.xlsx") is None  # outside Lite a bare name is not searched for


@pytest.fixture
def xw(monkeypatch):
    """xlwings with its remote engine, the licence key set for this test only."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    xlwings = pytest.importorskip("xlwings")
    if "remote" not in [e.name for e in xlwings.engines]:
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xlwings.engines.add(Engine(impl=_xlremote.engine))
    return xlwings


def test_parbaudit_without_a_file_lists_the_dropped_ones_and_never_a_traceback(built, xw, tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "tests"))
    from lite_runner import payload

    (tmp_path / "iesniegtie").mkdir()
    (tmp_path / "iesniegtie" / "bauskas_novads.xlsx").write_bytes(b"x")
    monkeypatch.setattr(runtime, "LITE", True)
    monkeypatch.setattr(runtime, "DATA", tmp_path)
    import reimpact_xl.excel.xl as xl

    book = xw.Book(json=payload(built, xw.__version__, "Office.js", {}))
    xl.validate(book)
    [text] = [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"]
    cell = book.names[ms.name("validate_file")].refers_to_range.get_address(False, False)
    assert text.startswith("Iestatījumos nav norādīts “Pārbaudāmais fails”")
    assert text.endswith(f"Ierakstiet šūnā {cell} vienu no ievietotajiem failiem: iesniegtie/bauskas_novads.xlsx.")


# --- real Pyodide (node), when REIMPACT_PYODIDE_DIR names the npm package's folder --------------------------


def test_in_real_pyodide_the_safety_check_takes_the_zlib_path_with_the_same_verdicts():
    import os
    import shutil
    import sysconfig

    folder = os.environ.get("REIMPACT_PYODIDE_DIR", "")
    if not folder or not (Path(folder) / "pyodide.mjs").exists() or not shutil.which("node"):
        pytest.skip("set REIMPACT_PYODIDE_DIR to node_modules/pyodide (npm install pyodide) to run this")
    from reimpact_xl.read import safety

    done = subprocess.run(["node", str(ROOT / "tests" / "pyodide_smoke.mjs"), folder, str(ROOT),
                           sysconfig.get_paths()["purelib"]], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert (found["platform"], found["lite"], found["processes"], found["libdeflate"]) == (
        "emscripten", True, False, False)
    for path in EXAMPLES:
        v = safety.inspect(path)  # here with libdeflate
        assert found["verdicts"][path.name] == [v.kind, v.readable, [i.code for i in v.issues], len(v.sheets),
                                                sum(map(len, v.xml.values()))]
    assert found["zlib_round_trip"] and found["chosen"] == "/data/iesniegtie/dobeles_novads.xlsx"
