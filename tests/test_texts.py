"""A new language is a data file: a throw-away catalogue "xx" renders the workbook, the validation messages,
the report and the feedback without a line of code; the catalogue check names what is wrong in one."""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import tomllib
from click.testing import CliRunner

import hostile
from paths import EXAMPLES_DIR, ROOT
from reimpact_xl import schema, texts
from reimpact_xl.cli import main
from reimpact_xl.read.reader import read_plan
from reimpact_xl.schema import SHEETS, SHEETS_BY_KEY, Text
from reimpact_xl.texts.check import check
from test_validation import good_plan

PREFIX = "XX·"
LV_FILE = ROOT / "src" / "reimpact_xl" / "texts" / "lv.toml"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def dump_toml(table: dict, prefix: str = "") -> list[str]:
    """A nested table as TOML: its strings first, then each sub-table under its own header."""
    lines = [f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}"
             for k, v in table.items() if not isinstance(v, dict)]
    for k, v in table.items():
        if isinstance(v, dict):
            name = f"{prefix}.{json.dumps(k, ensure_ascii=False)}" if prefix else json.dumps(k, ensure_ascii=False)
            lines += ["", f"[{name}]", *dump_toml(v, name)]
    return lines


def prefixed(table: dict, drop: frozenset[str] = frozenset(), path: str = "") -> dict:
    """Latvian's catalogue with every text prefixed (placeholders kept), less the dotted keys in `drop`."""
    out: dict = {}
    for key, value in table.items():
        dotted = f"{path}{key}"
        if dotted in drop:
            continue
        out[key] = prefixed(value, drop, dotted + ".") if isinstance(value, dict) else PREFIX + value
    return out


def write_xx(folder: Path, drop: frozenset[str] = frozenset(), **header: str) -> Path:
    data = tomllib.loads(LV_FILE.read_text(encoding="utf-8"))
    body = prefixed({k: v for k, v in data.items() if k != "language"}, drop)
    catalogue = {"language": {"code": "xx", "name": "Iksiks", **header}, **body}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "xx.toml"
    path.write_text("# throw-away test language\n" + "\n".join(dump_toml(catalogue)) + "\n", encoding="utf-8")
    return path


def xx(key: str) -> str:
    return PREFIX + texts.lookup(key, "lv")


@pytest.fixture()
def xx_texts(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "valodas"
    write_xx(folder)
    monkeypatch.setenv(texts.ENV, str(folder))
    return folder


def visible_text(page: str) -> list[str]:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return [s for s in (html.unescape(t).strip() for t in re.split(r"<[^>]+>", page)) if s]


def latvian_words() -> dict[str, str]:
    """Latvian catalogue texts without placeholders, by text; sheet names are left out: a message names the
    sheet as the file sent has it (here Latvian)."""
    lv = texts.catalogue("lv").texts
    names = {k for k in lv if k.startswith("sheet.") and k.endswith(".name")} | {"schema.cover_sheet"}
    return {v: k for k, v in lv.items() if len(v) > 3 and not PLACEHOLDER.search(v) and k not in names
            and not k.startswith(DATA_KEYS)}


DATA_KEYS = ("prefilled.", "example.")  # a plan's rows may keep these texts: data once in a plan, so not a leak


def test_the_language_list_and_lang_offer_a_catalogue_dropped_into_the_folder(xx_texts):
    assert schema.LANGUAGES == ("lv", "en", "xx")
    assert "[lv|en|xx]" in " ".join(run("validate", "--help").output.split())
    findings = check()
    assert findings.ok, findings.problems
    assert findings.missing == {}


def test_without_the_folder_only_the_packaged_languages_are_offered(monkeypatch):
    monkeypatch.delenv(texts.ENV, raising=False)
    assert schema.LANGUAGES == ("lv", "en")
    assert run("new", "--lang", "xx").exit_code == 2


def test_new_renders_the_workbook_in_the_new_language_and_the_reader_reads_it_back(xx_texts, tmp_path):
    result = run("new", "--lang", "xx", "-m", "Testa novads", "--period", "2025–2027", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    path = Path(result.output.strip().splitlines()[-1])
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    for sheet in SHEETS:
        assert sheet.name("xx") == PREFIX + sheet.name("lv") in names
        assert len(sheet.name("xx")) <= 31
        ws = book[sheet.name("xx")]
        cells = {str(c.value).replace("\u2060", "") for row in ws.iter_rows(max_row=12) for c in row if c.value is not None}
        assert sheet.title("xx") in cells, sheet.key
        labels = [c.label("xx") for c in sheet.columns]
        assert set(labels) <= cells, (sheet.key, set(labels) - cells)
        prompts = {dv.prompt for dv in ws.data_validations.dataValidation if dv.prompt}
        assert any(p.startswith(PREFIX) for p in prompts), sheet.key
    cover = book[schema.COVER_SHEET("xx")]
    cover_cells = {str(c.value) for row in cover.iter_rows() for c in row if c.value is not None}
    assert {f.label("xx") for f in schema.COVER_FIELDS} <= cover_cells
    assert not any(schema.COVER_SHEET("lv") == n or s.name("lv") == n for n in names for s in SHEETS)
    plan, report = read_plan(path)
    assert plan.municipality == "Testa novads"
    assert not [i.rule for i in report.issues if i.rule.startswith(("file-", "sheet-", "column-"))]


def test_a_plan_carried_into_the_new_language_reads_back_as_the_same_plan_with_xx_messages(xx_texts, tmp_path):
    example = EXAMPLES_DIR / "dobeles_novads.xlsx"
    result = run("new", "--from", example, "--lang", "xx", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    carried = tmp_path / "reimpact_dobeles_novads.xlsx"
    old_plan, old_report = read_plan(example)
    new_plan, new_report = read_plan(carried)
    for key, table in old_plan.tables.items():
        assert new_plan.tables[key].rows == table.rows, key
    lv_run = run("validate", example, "--format", "json")
    xx_run = run("validate", carried, "--format", "json", "--lang", "xx")
    lv_rows, xx_rows = json.loads(lv_run.output), json.loads(xx_run.output)
    assert [r["rule"] for r in xx_rows] == [r["rule"] for r in lv_rows]
    assert xx_rows and all(PREFIX in r["message"] for r in xx_rows)
    table = run("validate", carried, "--lang", "xx").output
    assert table.count(PREFIX) >= len(xx_rows)


def test_consolidate_writes_report_and_feedback_in_the_new_language(xx_texts, tmp_path):
    inbox = tmp_path / "iesniegtie"
    inbox.mkdir()
    for name in ("dobeles_novads.xlsx", "bauskas_novads.xlsx"):
        shutil.copy(EXAMPLES_DIR / name, inbox / name)
    (inbox / "nav_plans.xlsx").write_bytes(b"not a workbook at all")
    out = tmp_path / "rezultati"
    result = run("consolidate", inbox, "-o", out / "regional.xlsx", "--report", out / "report.html",
                 "--feedback", out / "fb", "--lang", "xx")
    assert result.exit_code in (0, 1), result.output
    assert xx("summary.headers.municipality") in result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    words = visible_text(page)
    assert xx("report.regional_title") in " ".join(words)
    assert 'lang="xx"' in page
    leaked = {w for w in words if w in latvian_words()}
    assert not leaked, sorted(leaked)
    regional = openpyxl.load_workbook(out / "regional.xlsx", read_only=True)
    assert all(n.startswith(PREFIX) or n.startswith("_") for n in regional.sheetnames), regional.sheetnames
    pages = sorted((out / "fb").glob("*.html"))
    books = sorted((out / "fb").glob("*.xlsx"))
    assert len(pages) == 3 and len(books) == 2
    for feedback in pages:
        words = visible_text(feedback.read_text(encoding="utf-8"))
        assert any(w.startswith(PREFIX) for w in words)
        leaked = {w for w in words if w in latvian_words()}
        assert not leaked, (feedback.name, sorted(leaked)[:20])
    book = openpyxl.load_workbook(books[0])
    assert Text("feedback.issues_sheet")("xx") in book.sheetnames


def test_a_text_the_catalogue_lacks_is_shown_in_latvian_and_the_check_lists_it(tmp_path, monkeypatch):
    gone = frozenset({"report.regional_title", "rule.sheet-empty"})
    write_xx(tmp_path, drop=gone)
    monkeypatch.setenv(texts.ENV, str(tmp_path))
    assert texts.lookup("report.regional_title", "xx") == texts.lookup("report.regional_title", "lv")
    assert texts.lookup("report.contents", "xx") == xx("report.contents")
    findings = check()
    assert findings.ok, findings.problems
    assert sorted(findings.missing["xx"]) == sorted(gone)


def test_a_broken_catalogue_is_a_message_naming_the_file_not_a_traceback(tmp_path, monkeypatch):
    path = write_xx(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + '\n[sheet.goals\nname = "half', encoding="utf-8")
    monkeypatch.setenv(texts.ENV, str(tmp_path))
    result = CliRunner().invoke(main, ["new", "--lang", "xx", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert str(path) in result.output and "TOML" in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert not check().ok
    listed = CliRunner().invoke(main, ["check-texts"])
    assert listed.exit_code == 1 and str(path) in listed.output


@pytest.mark.parametrize("mend, says", [
    (lambda t: t.replace('"code" = "xx"', '"code" = "yy"', 1), "file name says"),
    (lambda t: t + '\n[nonsense]\nword = "x"\n', "unknown key nonsense.word"),
    (lambda t: t.replace("{where}", "{kur}", 1), "placeholders"),
    (lambda t: t.replace('"name" = "XX·6 Mērķi un uzdevumi"', '"name" = "XX·6 Mērķi un uzdevumi, kas ir ļoti gari"'),
     "longer than 31"),
    (lambda t: t.replace('"name" = "XX·6 Mērķi un uzdevumi"', '"name" = "XX·7 Rīcības plāns"'), "both named"),
    (lambda t: t.replace('"suffix" = "XX·', '"suffix" = "XX/', 1), "file name"),
])
def test_the_check_names_what_is_wrong_in_a_catalogue(tmp_path, monkeypatch, mend, says):
    path = write_xx(tmp_path)
    before = path.read_text(encoding="utf-8")
    path.write_text(mend(before), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != before
    monkeypatch.setenv(texts.ENV, str(tmp_path))
    findings = check(lang="en")
    assert not findings.ok
    assert any(says in p for p in findings.problems), findings.problems
    assert len(check().problems) == len(findings.problems)  # the same findings, said in Latvian by default


def test_the_packaged_catalogues_pass_the_check_and_english_is_complete(monkeypatch):
    monkeypatch.delenv(texts.ENV, raising=False)
    findings = check()
    assert findings.ok, findings.problems
    assert "en" not in findings.missing


def test_every_key_the_code_names_is_in_the_latvian_catalogue():
    lv = texts.catalogue("lv").texts
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "reimpact_xl").rglob("*.py"))
    named = set(re.findall(r'(?:Text|lookup)\("([a-z_][\w.-]*)"', source))
    assert len(named) > 200
    assert not sorted(k for k in named if k not in lv)


def test_the_new_languages_workbook_shows_its_own_template_rows_and_no_latvian_text(xx_texts, tmp_path):
    result = run("new", "--lang", "xx", "-m", "Testa novads", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(Path(result.output.strip().splitlines()[-1]))
    cells = {(ws.title, c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    for sheet in (s for s in SHEETS if s.prefilled):
        for row in sheet.prefilled_rows("xx"):
            text = next(v for v in row.values() if v.startswith(PREFIX))
            assert (sheet.name("xx"), text) in cells, (sheet.key, text)
    lv = {v: k for k, v in texts.catalogue("lv").texts.items() if len(v) > 3 and not PLACEHOLDER.search(v)}
    leaked = sorted({(title, lv[value]) for title, value in cells if value in lv})
    assert not leaked, leaked[:20]
    assert not any(PREFIX + e.lv in v or e.lv == v for _, v in cells for s in SHEETS for e in s.examples)


def _filled_plan(rows_lang: str, drop: int = 0) -> dict[str, list[dict]]:
    """The synthetic good plan (test_validation) with its template rows' texts in `rows_lang`; `drop` > 0 deletes
    that template row of #11 (ID K<drop>) and of #3, whose rows lose their numbers (matched by text alone)."""
    tables = {k: [dict(r) for r in t.rows] for k, t in good_plan().tables.items()}
    for sheet in (s for s in SHEETS if s.prefilled):
        for row, template in zip(tables[sheet.key], sheet.prefilled_rows(rows_lang)):
            row.update(template, **({"no": None} if drop and sheet.key == "data_sources" else {}))
    for key in ("monitoring", "data_sources") if drop else ():
        del tables[key][drop - 1]
    return tables


def _validated(tmp_path: Path, cover_lang: str, tables: dict) -> list[tuple[str, str, str]]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = hostile.plan_workbook(tmp_path / f"plan_{cover_lang}.xlsx", tables, lang=cover_lang,
                                 municipality="Testa novads")
    found = json.loads(run("validate", path, "--format", "json", "--lang", "lv").output)
    return sorted((r["rule"], r["cell"], r["sheet"]) for r in found)


@pytest.mark.parametrize("cover_lang, rows_lang", [("xx", "xx"), ("xx", "lv"), ("lv", "xx"), ("lv", "lv")])
def test_template_rows_kept_in_any_language_are_kept_and_a_deleted_one_is_flagged(xx_texts, tmp_path, cover_lang,
                                                                               rows_lang):
    names = {s.name(cover_lang): s.name("lv") for s in SHEETS}
    judged = [(rule, cell, names.get(sheet, sheet))
              for rule, cell, sheet in _validated(tmp_path, cover_lang, _filled_plan(rows_lang))]
    assert judged == _validated(tmp_path / "lv", "lv", _filled_plan("lv"))
    assert not [j for j in judged if j[0] in ("template-row-missing", "template-example")]
    gone = _validated(tmp_path / "gone", cover_lang, _filled_plan(rows_lang, drop=4))
    flagged = [(cell, names.get(sheet, sheet)) for rule, cell, sheet in gone if rule == "template-row-missing"]
    wanted = [("B9", SHEETS_BY_KEY[key].name("lv")) for key in ("data_sources", "monitoring")]
    assert sorted(flagged) == sorted(wanted)


@pytest.mark.parametrize("lang", ["xx", "lv"])
def test_the_template_example_is_recognised_in_any_language_under_an_xx_cover(xx_texts, tmp_path, lang):
    tables = {k: [dict(r) for r in t.rows] for k, t in good_plan().tables.items()}
    example = SHEETS_BY_KEY["legal_acts"].examples[0](lang)
    tables["legal_acts"].append({"national_act": example})
    path = hostile.plan_workbook(tmp_path / "p.xlsx", tables, lang="xx", municipality="Testa novads")
    found = json.loads(run("validate", path, "--format", "json", "--lang", "xx").output)
    assert [r["rule"] for r in found if r["rule"] == "template-example"] == ["template-example"]


def test_an_example_row_labelled_in_the_new_language_is_scaffolding_not_data(xx_texts, monkeypatch):
    from reimpact_xl.read.recognise import is_scaffolding

    sheet = SHEETS_BY_KEY["legal_acts"]
    row = [xx("example.label"), sheet.examples[0]("xx")]
    assert is_scaffolding(row, sheet)
    assert is_scaffolding([texts.lookup("example.label", "lv"), sheet.examples[0]("lv")], sheet)
    monkeypatch.delenv(texts.ENV)  # without the xx catalogue its label is a stranger's text: the row is data
    assert not is_scaffolding(row, sheet)


@pytest.mark.parametrize("mend, says", [
    (lambda t: t.replace('"name" = "XX·6 Mērķi un uzdevumi"', '"name" = "XX·6 Mērķi un uzdevumi, kas ir ļoti gari"'),
     "sheet.goals.name"),
    (lambda t: t.replace("{where}", "{kur}", 1), "{where}"),
])
def test_a_catalogue_that_would_break_a_run_is_refused_before_work_starts(tmp_path, monkeypatch, mend, says):
    path = write_xx(tmp_path)
    path.write_text(mend(path.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv(texts.ENV, str(tmp_path))
    result = CliRunner().invoke(main, ["new", "-m", "Testa novads", "--lang", "xx", "-o", str(tmp_path / "o")])
    assert result.exit_code == 2 and not (tmp_path / "o").exists()
    assert str(path) in result.output and says in result.output
    assert "Negaidīta" not in result.output and "Traceback" not in result.output


def test_a_key_latvian_lacks_does_not_stop_a_run_in_the_language(tmp_path, monkeypatch):
    path = write_xx(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + '\n[nonsense]\nword = "x"\n', encoding="utf-8")
    monkeypatch.setenv(texts.ENV, str(tmp_path))
    result = run("new", "-m", "Testa novads", "--lang", "xx", "-o", tmp_path / "o")
    assert result.exit_code == 0 and list((tmp_path / "o").glob("*.xlsx"))
