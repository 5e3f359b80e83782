"""The Excel layer (xl.py) through xlwings' remote engine: the master's own sheets and names as the payload
Excel sends, the entry points called with that book, and the actions they return checked.

XLWINGS_LICENSE_KEY=noncommercial is set for these tests only (monkeypatch, before xlwings is imported: xlwings
registers its remote engine at import); the core never needs it.
"""
from __future__ import annotations

import ast
import hashlib
import io
import os
import sys
import types
from datetime import date, datetime, timezone
from importlib.util import find_spec
from pathlib import Path

import pytest

from paths import EXAMPLES_DIR
from reimpact_xl.excel import master, masterdata
from reimpact_xl.excel import mastersettings as ms
from reimpact_xl.plan.errors import OutputError
from reimpact_xl.plan.issues import Issue, Report
from reimpact_xl.plan.risks import COLOURS
from reimpact_xl.region.model import Result, Source
from reimpact_xl.region.picture import build_picture
from reimpact_xl.workbook.examples import load_example

pytestmark = pytest.mark.skipif(find_spec("xlwings") is None, reason="xlwings is not installed")

ROOT = Path(__file__).resolve().parents[1]
UDF_MODULE = ROOT / "xlmacros" / "xlwings_udfs.bas"


# --- the payload: the built master as Excel would send it --------------------------------------------------


@pytest.fixture(scope="module")
def master_file(tmp_path_factory) -> Path:
    return master.build_master(tmp_path_factory.mktemp("master") / "reimpact_master.xlsm")


@pytest.fixture
def xw(monkeypatch):
    """xlwings with its remote engine, the licence key set for this test only."""
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings

    if "remote" not in [e.name for e in xlwings.engines]:  # imported before, without the key
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xlwings.engines.add(Engine(impl=_xlremote.engine))
    return xlwings


def payload(path: Path, version: str) -> dict:
    """The JSON xlwings' VBA client sends (Remote.bas): book, names that refer to ranges, every sheet's values."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    names = []
    for name, defined in wb.defined_names.items():
        for sheet, coord in defined.destinations:
            names.append({"name": name, "sheet_index": index[sheet], "address": coord.replace("$", ""),
                          "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None})
    sheets = [{"name": ws.title, "pictures": [], "tables": [],
               "values": [[c.value for c in row] for row in ws.iter_rows(min_row=1, min_col=1)] or [[]]}
              for ws in wb.worksheets]
    return {"client": "VBA", "version": version, "names": names, "sheets": sheets,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}}


@pytest.fixture
def book(master_file, xw, tmp_path, monkeypatch):
    """The master as a remote book; it has no folder, so logs and relative paths land in tmp_path."""
    monkeypatch.chdir(tmp_path)
    return xw.Book(json=payload(master_file, xw.__version__))


def set_setting(book, key: str, value) -> None:
    """Type into a setting cell of the payload (as the coordinator would before clicking)."""
    rng = book.names[ms.name(key)].refers_to_range
    values = rng.sheet.api["values"]
    values[rng.row - 1][rng.column - 1] = value


def actions(book, func: str) -> list[dict]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def sheet_position(book, key: str) -> int:
    return book.names[ms.name(f"table_{key}")].refers_to_range.sheet.index - 1


def written(book, key: str) -> list[list]:
    """The values written in one go at a table's anchor."""
    found = [a for a in actions(book, "setValues") if a["sheet_position"] == sheet_position(book, key)
             and a["start_row"] == 0 and a["start_column"] == 0]
    assert len(found) == 1, f"one bulk write expected on {key}"
    return found[0]["values"]


def message(book) -> str:
    cell = book.names[ms.name("message")].refers_to_range
    found = [a for a in actions(book, "setValues") if a["sheet_position"] == cell.sheet.index - 1
             and a["start_row"] == cell.row - 1 and a["start_column"] == cell.column - 1]
    alerts = actions(book, "alert")
    assert found and len(alerts) == 1
    assert found[-1]["values"] == [[alerts[0]["args"][0]]]
    return alerts[0]["args"][0]


# --- a consolidation result from the example transcriptions -----------------------------------------------


def source(path: Path, municipality: str, status: str = "used", issues: tuple[Issue, ...] = ()) -> Source:
    plan = load_example(EXAMPLES_DIR / f"{path.stem}.yaml") if status == "used" else None
    if plan is not None:
        plan.file = path.name
    report = Report(list(issues))
    return Source(path, hashlib.sha256(path.name.encode()).hexdigest(), 1000,
                  datetime(2026, 1, 5, tzinfo=timezone.utc), plan, report, status)


@pytest.fixture
def inbox(tmp_path, book):
    folder = tmp_path / "iesniegtie"
    folder.mkdir()
    set_setting(book, "inbox", str(folder))
    set_setting(book, "output", str(tmp_path / "out"))
    set_setting(book, "year", 2025.0)
    return folder


def fake_consolidation(inbox: Path) -> Result:
    dobele = inbox / "dobeles_novads.xlsx"
    bauska = inbox / "bauskas_novads.xlsx"
    error = Issue("risk-level-mismatch", file=dobele.name, sheet="10 Riski", cell="H7", column="level",
                  value="zems", expected="augsts", detail="12")
    note = Issue("choice-other", file=bauska.name, sheet="8 Rādītāji", cell="E6", column="unit", value="gab.")
    sources = [source(dobele, "Dobeles novads", issues=(error,)), source(bauska, "Bauskas novads", issues=(note,)),
               source(inbox / "vecs.xls", "", status="unreadable", issues=(Issue("file-legacy-xls", file="vecs.xls"),))]
    return Result(sources, Report([error, note, *sources[2].report]))


def pictured(result: Result, options: dict) -> Result:
    """A fake consolidation's result with its regional picture, as consolidate() returns it."""
    result.picture = build_picture(result, options.get("lang", "lv"))
    return result


# --- Apkopot -------------------------------------------------------------------------------------------------


def test_consolidate_calls_the_library_once_and_writes_every_table_in_one_go(book, inbox, monkeypatch):
    calls = []

    def run(folder, output, **options):
        calls.append((folder, output, options))
        result = fake_consolidation(folder)
        result.context = options["context"].resolved(result)  # as consolidate() does
        return pictured(result, options)

    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", run)
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    [(folder, output, options)] = calls
    assert options["context"].year == 2025 and "Jelgavas novads" in options["context"].expected
    assert folder == inbox and output.name == "reimpact_kopsavilkums_2025.xlsx"
    assert options["report"].name == "reimpact_parskats_2025.html" and options["lang"] == "lv"
    assert options["feedback"].name == "atgriezeniska_saite_2025"
    for key in masterdata.table_keys():
        rows = written(book, key)
        assert len({len(r) for r in rows}) == 1, f"{key}: rows of one width"
    status = written(book, "status")
    assert status[0][:3] == ["Pašvaldība", "Fails", "Statuss"]
    names = [r[0] for r in status[1:]]
    assert names[:2] == ["Dobeles novads", "Bauskas novads"]
    assert {"Jelgavas novads", "Aizkraukles novads"} <= set(names)  # listed but not sent
    assert any(r[2] == "nav iesniegts" for r in status[1:])
    risks = written(book, "risks")
    assert {r[0] for r in risks[1:]} == {"Dobeles novads", "Bauskas novads"}
    report_cell = book.names[ms.name("report_path")].refers_to_range
    assert any(a["values"] == [[str(options["report"])]] and a["start_row"] == report_cell.row - 1
               for a in actions(book, "setValues"))
    text = message(book)
    assert text.startswith("Apkopots. Faili: 3, apkopoti: 2; kļūdas: 2, brīdinājumi: 0 (lapa “Problēmu saraksts”).")


def test_consolidate_colours_risks_status_and_links_issues_to_the_cell(book, inbox, monkeypatch):
    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", lambda folder, output, **o: pictured(fake_consolidation(folder), o))
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    colours = {(a["sheet_position"], a["args"][0]) for a in actions(book, "setRangeColor") if a["args"][0]}
    risk_sheet = sheet_position(book, "risks")
    assert {(risk_sheet, COLOURS[level][0]) for level in ("low", "medium", "high")} & colours
    assert (sheet_position(book, "status"), COLOURS["high"][0]) in colours  # Dobele has an error
    assert (sheet_position(book, "matrix"), COLOURS["high"][0]) in colours
    links = actions(book, "addHyperlink")
    assert len(links) == 2  # the legacy .xls issue has no cell
    assert all(a["sheet_position"] == sheet_position(book, "issues") for a in links)
    target = str((inbox / "dobeles_novads.xlsx").resolve()) + "#'10 Riski'!H7"
    assert [target, "H7"] == links[0]["args"][:2]
    assert "augsts" in links[0]["args"][2]  # the tip is the message


def test_the_previous_run_is_cleared_below_the_header_before_writing(book, inbox, monkeypatch):
    issues = book.names[ms.name("table_issues")].refers_to_range.sheet
    issues.api["values"] = [issues.api["values"][0], ["old"] * 7, ["old"] * 7]
    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", lambda folder, output, **o: pictured(fake_consolidation(folder), o))
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    cleared = [a for a in actions(book, "rangeClearContents") if a["sheet_position"] == sheet_position(book, "issues")]
    assert cleared and cleared[0]["start_row"] == 1 and cleared[0]["row_count"] == 2


def test_a_missing_setting_is_named_by_sheet_and_cell_and_nothing_runs(book, monkeypatch):
    set_setting(book, "inbox", None)
    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", lambda *a, **k: pytest.fail("must not run"))
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    cell = book.names[ms.name("inbox")].refers_to_range
    text = message(book)
    assert text.startswith("Iestatījumos nav norādīts “Ienākošo failu mape”")
    assert f"lapa “{cell.sheet.name}”, šūna {cell.get_address(False, False)}" in text


def test_an_inbox_that_does_not_exist_is_reported_in_english_when_asked(book, tmp_path, monkeypatch):
    set_setting(book, "inbox", str(tmp_path / "nowhere"))
    set_setting(book, "lang", "en")
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    assert message(book).startswith(f"The folder “{tmp_path / 'nowhere'}” was not found (sheet “")


def test_a_year_that_is_not_a_year_is_named(book, inbox):
    set_setting(book, "year", "divtūkstoš")
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    assert message(book).startswith("“divtūkstoš” nav gads (lapa “")


def test_an_unexpected_error_is_a_short_message_and_a_logged_traceback(book, inbox, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", broken)
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)  # no exception escapes
    text = message(book)
    assert text.startswith("Darbība neizdevās: ZeroDivisionError: division by zero.")
    log = tmp_path / xl.LOG_NAME
    assert str(log) in text and "Traceback" in log.read_text(encoding="utf-8")
    assert "Traceback" not in text


def test_a_reimpact_error_shows_its_own_message(book, inbox, monkeypatch):
    def locked(*args, **kwargs):
        raise OutputError("Nevar ierakstīt “kopsavilkums.xlsx”: fails ir atvērts.")

    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", locked)
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    assert message(book) == "Nevar ierakstīt “kopsavilkums.xlsx”: fails ir atvērts."


def test_a_book_that_is_not_the_master_gets_an_alert_only(xw):
    other = xw.Book(json={"client": "VBA", "version": xw.__version__, "names": [],
                          "book": {"name": "cits.xlsx", "active_sheet_index": 0, "selection": "A1"},
                          "sheets": [{"name": "Lapa1", "values": [[]], "pictures": [], "tables": []}]})
    import reimpact_xl.excel.xl as xl

    xl.consolidate(other)
    [alert] = actions(other, "alert")
    assert "nav reimpact-xl koordinatora darbgrāmata" in alert["args"][0]
    assert not actions(other, "setValues")


def test_the_caller_book_is_used_when_excel_passes_none(book, xw, monkeypatch):
    set_setting(book, "inbox", None)
    monkeypatch.setattr(xw.Book, "_mock_caller", book, raising=False)
    import reimpact_xl.excel.xl as xl

    xl.consolidate()
    assert len(actions(book, "alert")) == 1


# --- Pārbaudīt and Jaunas darbgrāmatas ----------------------------------------------------------------------


def test_validate_lists_the_chosen_file_s_issues_with_links(book, tmp_path, monkeypatch):
    chosen = tmp_path / "Bauska ar atstarpi.xlsx"
    chosen.write_bytes(b"x")
    set_setting(book, "validate_file", str(chosen))
    found = Report([Issue("required-missing", sheet="7 Rīcības plāns", cell="C9", column="activity"),
                    Issue("plan-empty", file=chosen.name)])
    monkeypatch.setattr("reimpact_xl.validation.check.check_files", lambda paths, lang: found if paths == [chosen] else None)
    import reimpact_xl.excel.xl as xl

    xl.validate(book)
    rows = written(book, "issues")
    assert [r[1] for r in rows[1:]] == [chosen.name, chosen.name]  # the file is named on every row
    [link] = actions(book, "addHyperlink")
    assert link["args"][0] == f"{chosen.resolve()}#'7 Rīcības plāns'!C9"
    assert message(book) == f"Pārbaudīts “{chosen.name}”. Kļūdas: 1, brīdinājumi: 1 (lapa “Problēmu saraksts”)."


def test_validate_without_a_chosen_file_says_which_cell(book):
    import reimpact_xl.excel.xl as xl

    xl.validate(book)
    assert message(book).startswith("Iestatījumos nav norādīts “Pārbaudāmais fails”")


def test_new_workbooks_one_per_listed_municipality_carrying_last_year(book, tmp_path, monkeypatch):
    set_setting(book, "output", str(tmp_path / "out"))
    set_setting(book, "period", "2025–2027")
    last_year = tmp_path / "bauska_2025.xlsx"
    rows = book.names[ms.name("municipalities")].refers_to_range
    rows.sheet.api["values"][rows.row - 1][rows.column] = str(last_year)  # beside Aizkraukle, the first
    calls = []

    def fake(folder, *, municipality, period, lang, source):
        calls.append((municipality, period, lang, source))
        report = Report([Issue("file-unreadable", detail="x")]) if source else Report()
        return folder / f"{municipality}.xlsx", report

    monkeypatch.setattr("reimpact_xl.workbook.carry.new_workbook", fake)
    import reimpact_xl.excel.xl as xl

    xl.new_workbooks(book)
    assert [c[0] for c in calls] == list(ms.ZEMGALE)
    assert calls[0] == ("Aizkraukles novads", "2025–2027", "lv", last_year)
    assert all(c[3] is None for c in calls[1:])
    assert written(book, "issues")[1][1] == last_year.name
    folder = tmp_path / "out" / f"jaunas_darbgramatas_{date.today().year}"
    assert message(book) == (f"Jaunas darbgrāmatas mapē “{folder}”: 6. Kļūdas, lasot pagājušā gada darbgrāmatas: 1 "
                             "(lapa “Problēmu saraksts”).")


def test_new_workbooks_needs_at_least_one_municipality(book, tmp_path):
    set_setting(book, "output", str(tmp_path))
    rows = book.names[ms.name("municipalities")].refers_to_range
    for r in range(rows.row - 1, rows.row - 1 + rows.shape[0]):
        rows.sheet.api["values"][r][0] = None
    import reimpact_xl.excel.xl as xl

    xl.new_workbooks(book)
    assert message(book).startswith("Pašvaldību sarakstā nav neviena nosaukuma (lapa “")


# --- worksheet functions -------------------------------------------------------------------------------------


def test_progress_function():
    import reimpact_xl.excel.xl as xl

    assert xl.REIMPACT_PROGRESS(0, 10, 5) == 0.5
    assert xl.REIMPACT_PROGRESS(None, "40 000", "10 000,0") == 0.25  # text numbers with spaces and commas
    assert xl.REIMPACT_PROGRESS(5, 5, 6) == "" and xl.REIMPACT_PROGRESS(0, 10, None) == ""


def test_risk_level_function():
    import reimpact_xl.excel.xl as xl

    assert [xl.REIMPACT_RISK_LEVEL(1, 4), xl.REIMPACT_RISK_LEVEL(3, 3), xl.REIMPACT_RISK_LEVEL(5, 2.0)] == [
        "zems", "vidējs", "augsts"]
    assert xl.REIMPACT_RISK_LEVEL(4, 5, "en") == "high"
    assert xl.REIMPACT_RISK_LEVEL(None, 3) == "" and xl.REIMPACT_RISK_LEVEL(6, 1) == "" and xl.REIMPACT_RISK_LEVEL(2.5, 2) == ""


def test_status_function():
    import reimpact_xl.excel.xl as xl

    assert xl.REIMPACT_STATUS(0, 10, 10, 2027) == "sasniegts"
    assert xl.REIMPACT_STATUS(0, 10, None, 2027, lang="en") == "no data"
    halfway = datetime(2026, 12, 31)  # half of 2025..2027 has passed
    assert xl.REIMPACT_STATUS(0, 10, 5, 2027, 2025, halfway) == "atbilst plānam"
    assert xl.REIMPACT_STATUS(0, 10, 1, 2027, 2025, 46387.0) == "būtiski atpaliek"  # an Excel date serial
    assert xl.REIMPACT_STATUS(0, 10, 3, 2027, 2025, halfway, "en") == "behind"


def xlwings_udf_module() -> str:
    """The UDF module xlwings' own generator (udfs.generate_vba_wrapper) writes for xl.py's functions.

    Its module imports pywin32; stand-ins let the pure generator run here.
    """
    saved = {n: sys.modules.get(n) for n in ("pythoncom", "pywintypes", "win32com", "win32com.client",
                                              "xlwings.udfs")}
    try:
        for n in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
            sys.modules[n] = types.ModuleType(n)
        sys.modules["pythoncom"].CoInitialize = lambda: None
        sys.modules["win32com.client"].Dispatch = None
        sys.modules["win32com"].client = sys.modules["win32com.client"]
        sys.modules.pop("xlwings.udfs", None)
        import xlwings.udfs as udfs

        import reimpact_xl.excel.xl as xl

        module = types.ModuleType("reimpact_xl.excel.xl")
        for n in ("REIMPACT_PROGRESS", "REIMPACT_RISK_LEVEL", "REIMPACT_STATUS"):
            setattr(module, n, udfs.xlfunc(getattr(xl, n)))
        out = io.StringIO()
        out.write('Attribute VB_Name = "xlwings_udfs"\n'
                  "'Autogenerated code by xlwings - changes will be lost with next import!\n"
                  "#Const App = \"Microsoft Excel\" 'Adjust when using outside of Excel\n")
        udfs.generate_vba_wrapper("reimpact_xl.excel.xl", module, out, types.SimpleNamespace(Name="reimpact_master.xlsm"))
        return out.getvalue()
    finally:
        for n, mod in saved.items():
            if mod is None:
                sys.modules.pop(n, None)
            else:
                sys.modules[n] = mod


def test_the_udf_module_is_what_xlwings_generates_for_xl_py():
    expected = xlwings_udf_module()
    if os.environ.get("REIMPACT_UPDATE_UDFS") == "1":
        UDF_MODULE.write_text(expected, encoding="ascii", newline="\r\n")
    current = UDF_MODULE.read_bytes().decode("ascii").replace("\r\n", "\n")
    assert current == expected, ("xlmacros/xlwings_udfs.bas is stale: run REIMPACT_UPDATE_UDFS=1 pytest "
                                 "tests/test_xl.py, then reimpact-xl build-master")


def test_xlwings_is_imported_only_by_the_excel_layer():
    src = ROOT / "src" / "reimpact_xl"
    importers = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "xlwings" or n.startswith("xlwings.") for n in names):
                importers.add(path.name)
    assert importers == {"xl.py"}


# --- with the real library: one example workbook, consolidated and validated -------------------------------


def test_consolidate_and_validate_a_real_submission_end_to_end(book, tmp_path):
    """The real consolidation on the Dobele example: every table written, the issues linked, outputs on disk."""
    import json

    from reimpact_xl.workbook.build import build_workbook

    inbox = tmp_path / "iesniegtie"
    inbox.mkdir()
    plan = load_example(EXAMPLES_DIR / "dobeles_novads.yaml")
    submitted = build_workbook(inbox / "dobeles_novads.xlsx", municipality=plan.municipality, plan=plan)
    set_setting(book, "inbox", "iesniegtie")  # relative: from the master's folder (here the working folder)
    set_setting(book, "output", "rezultati")
    set_setting(book, "year", 2025)
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    text = message(book)
    assert text.startswith("Apkopots. Faili: 1, apkopoti: 1;"), text
    out = tmp_path / "rezultati"
    assert {p.name for p in out.iterdir()} >= {"reimpact_kopsavilkums_2025.xlsx", "reimpact_parskats_2025.html"}
    assert [r[0] for r in written(book, "goals")[1:]] and {r[0] for r in written(book, "goals")[1:]} == {
        "Dobeles novads"}
    links = actions(book, "addHyperlink")
    assert links and all(a["args"][0].startswith(f"{submitted.resolve()}#'") for a in links)
    json.dumps(book.json())  # what goes back to Excel is plain JSON

    set_setting(book, "validate_file", str(submitted))
    xl.validate(book)
    assert actions(book, "alert")[-1]["args"][0].startswith("Pārbaudīts “dobeles_novads.xlsx”. Kļūdas: ")


def test_submitted_text_is_written_as_text_never_as_a_formula_or_number(book, inbox, monkeypatch):
    result = fake_consolidation(inbox)
    table = result.sources[0].plan.table("legal_acts")
    table.rows = [{"national_act": "=HYPERLINK(\"http://x\")", "strategy": "2025", "programme": "01.2026."},
                  {"national_act": "-- skatīt zemāk", "strategy": "Stratēģija 2021.-2045.", "programme": None}]
    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", lambda folder, output, **o: pictured(result, o))
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    rows = written(book, "legal_acts")[1:]
    assert rows[0][2:5] == ["'=HYPERLINK(\"http://x\")", "'2025", "'01.2026."]
    assert rows[1][2:4] == ["'-- skatīt zemāk", "Stratēģija 2021.-2045."]


def test_the_master_gives_every_indicator_the_status_the_command_line_gives(book, tmp_path):
    """Apkopot with the master's year and list, and `consolidate --year --expected` on the same inbox."""
    from click.testing import CliRunner

    from illustrative import LEFT_OUT, expected_file, illustrative_inbox
    from reimpact_xl.cli import main
    from test_context import workbook_verdicts

    inbox = illustrative_inbox(tmp_path / "iesniegtie")
    CliRunner().invoke(main, ["consolidate", str(inbox), "-o", str(tmp_path / "cli.xlsx"), "--year", "2025",
                              "--expected", str(expected_file(tmp_path / "list.txt"))])
    set_setting(book, "inbox", str(inbox))
    set_setting(book, "output", str(tmp_path / "rezultati"))
    set_setting(book, "year", 2025)
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    rows = written(book, "indicators")
    m, i, s = (rows[0].index(h) for h in ("Pašvaldība", "Rādītāja ID", "Statuss"))
    in_master = {(r[m], r[i]): r[s] for r in rows[1:] if r[i]}
    assert in_master == workbook_verdicts(tmp_path / "cli.xlsx")
    assert {r[0] for r in written(book, "status")[1:] if r[2] == "nav iesniegts"} == {LEFT_OUT, "Jēkabpils novads"}
    assert (tmp_path / "rezultati" / "reimpact_parskats_padomei_2025.html").is_file()


def test_a_language_whose_catalogue_would_break_the_run_is_named_and_nothing_runs(book, inbox, monkeypatch, tmp_path):
    folder = tmp_path / "valodas"
    folder.mkdir()
    lv = (ROOT / "src" / "reimpact_xl" / "texts" / "lv.toml").read_text(encoding="utf-8")
    catalogue = lv.replace('code = "lv"', 'code = "xx"').replace('name = "6 Mērķi un uzdevumi"',
                                                                 'name = "6 Mērķi un uzdevumi, kas ir ļoti gari"')
    (folder / "xx.toml").write_text(catalogue, encoding="utf-8")
    monkeypatch.setenv("REIMPACT_XL_TEXTS", str(folder))
    monkeypatch.setattr("reimpact_xl.outputs.run.consolidate", lambda *a, **k: pytest.fail("must not run"))
    set_setting(book, "lang", "xx")
    import reimpact_xl.excel.xl as xl

    xl.consolidate(book)
    text = message(book)
    assert text.startswith("Valodu “xx” nevar izmantot") and "sheet.goals.name" in text and "Darbība" not in text
