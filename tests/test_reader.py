"""Reading filled workbooks: what municipal staff do to them, and what the coordinator gets back."""
from __future__ import annotations

import hashlib
import time
from datetime import date
from pathlib import Path

import pytest

import hostile
from reimpact_xl.plan import layout
from reimpact_xl.plan.model import EXTRA_PREFIX
from reimpact_xl.read.reader import municipality_from_name, read_plan, same_municipality
from reimpact_xl.read.recognise import name_score, split_name
from reimpact_xl.schema import SHEETS, SHEETS_BY_KEY, TEMPLATE_VERSION, Severity

RISKS = [
    {"risk_id": "R1", "factor": "Finansējuma trūkums vai nestabilitāte", "impact": "Kavē rīcības plāna ieviešanu",
     "likelihood": 3, "severity": 4, "level": "Augsts", "preventive": "Piesaistīt ES fondus",
     "reactive": "Pārplānot aktivitātes", "responsible": "Attīstības nodaļa"},
    {"risk_id": "r6", "factor": "Zema motivācija", "impact": "Maz pieteikumu", "level": "zems"},
]
PARTNERS = [{"no": "1", "organisation": "Biedrība “Saime”", "cooperation_type": "Partnerības līgums",
             "result": "3 pasākumi 2025. gadā"}]


def rules(report, severity: Severity | None = None) -> list[str]:
    return [i.rule for i in report if severity is None or i.level is severity]


def by_rule(report, rule: str):
    return [i for i in report if i.rule == rule]


def read(path: Path):
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    plan, report = read_plan(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the input was modified"
    assert plan is not None, [i.message() for i in report]
    return plan, report


# ---- the template itself (template.py) ----

@pytest.fixture(scope="module")
def example_plans():
    from reimpact_xl.workbook.examples import example_files, load_example

    return [load_example(f) for f in example_files()[:2]]


def test_a_plan_written_by_the_template_reads_back(tmp_path, example_plans):
    from reimpact_xl.workbook.build import build_workbook

    for original in example_plans:
        path = build_workbook(tmp_path / original.file, plan=original)
        plan, report = read(path)
        assert plan.municipality == original.municipality
        assert plan.meta["template_version"] == TEMPLATE_VERSION and plan.meta["modified"]
        assert not rules(report, Severity.ERROR) and not rules(report, Severity.WARNING)
        for key, table in original.tables.items():
            got = plan.tables[key]
            assert len(got.rows) == len(table.rows), key
            for i, row in enumerate(table.rows):
                for col in SHEETS_BY_KEY[key].input_columns:
                    want = row.get(col.key)
                    assert _same(col, want, got.rows[i][col.key]), (key, i, col.key, want, got.rows[i][col.key])


def _same(col, want, got) -> bool:
    """Equal as the workbook shows them: choices by label, IDs ignoring the case the pattern fixes."""
    from reimpact_xl.read.normalise import normalise

    expected, _ = normalise(want, col)
    return col.display(expected) == col.display(got)


def test_an_untouched_template_is_an_empty_plan(tmp_path):
    from reimpact_xl.workbook.build import build_workbook

    for lang in ("lv", "en"):
        path = build_workbook(tmp_path / f"tukšs_{lang}.xlsx", lang=lang, municipality="Dobeles novads")
        plan, report = read(path)
        assert set(plan.tables) == {s.key for s in SHEETS}
        assert all(not t.rows for t in plan.tables.values())  # the pre-filled rows alone are no plan
        assert plan.municipality == "Dobeles novads" and plan.meta["language"] == lang
        assert not report.issues


def test_a_touched_template_keeps_its_untouched_prefilled_rows(tmp_path):
    rows = [dict(r) for r in SHEETS_BY_KEY["risks"].prefilled_rows()]
    rows[0].update(likelihood=2, severity=2, level="zems")
    path = hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": rows})
    plan, _ = read(path)
    risks = plan.tables["risks"]
    assert len(risks.rows) == 5 and risks.rows[0]["level"] == "low" and risks.rows[1]["level"] is None
    assert risks.row_numbers == [6, 7, 8, 9, 10]


# ---- sheets: found by metadata, name, key row, title or labels ----

def test_values_keep_their_cells(tmp_path):
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": RISKS, "partners": PARTNERS}))
    risks = plan.tables["risks"]
    assert risks.sheet_name == "10 Riski" and risks.row_numbers == [6, 7]
    assert risks.cell(0, "level") == "G6" and risks.cell(1, "risk_id") == "A7"
    assert risks.rows[0]["likelihood"] == 3 and isinstance(risks.rows[0]["likelihood"], int)
    assert [r["level"] for r in risks.rows] == ["high", "low"]
    assert risks.rows[1]["risk_id"] == "R6"
    note = next(i for i in report if i.rule == "normalised" and i.cell == "A7")
    assert note.message() == "Vērtība “r6” nolasīta kā “R6” (lapa “10 Riski”, šūna A7)."
    assert plan.tables["partners"].rows[0]["cooperation_type"] == "c1"


@pytest.mark.parametrize("name", ["7", "#7", "Darba lapa #7", "DL7", "7 Ricibas plans", "7 RĪCĪBAS PLĀNS",
                                  "Rīcības plāns", "7 Action plan", "Action plan", "07 Rīcības plāns"])
def test_a_renamed_sheet_is_found_by_its_name(tmp_path, name):
    rows = [{"activity_id": "A1", "activity": "Seminārs", "timeline": "2026. gada pavasaris", "responsible": "UKAC"}]
    grid = hostile.plan_grid("action_plan", rows, key_row=False)
    path = hostile.plan_workbook(tmp_path / "p.xlsx", grids={"action_plan": grid}, names={"action_plan": name},
                                 meta=False)
    plan, report = read(path)
    assert plan.tables["action_plan"].sheet_name == name
    assert plan.tables["action_plan"].rows[0]["activity"] == "Seminārs"
    assert "sheet-missing" not in rules(report)


def test_a_sheet_renamed_beyond_recognition_is_found_by_its_key_row(tmp_path):
    path = hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": RISKS}, names={"risks": "Mūsu riski 2026"})
    plan, report = read(path)
    assert plan.tables["risks"].sheet_name == "Mūsu riski 2026" and len(plan.tables["risks"].rows) == 2
    assert "sheet-missing" not in rules(report)


def test_without_metadata_or_key_row_a_sheet_is_found_by_title_or_labels(tmp_path):
    grid = hostile.plan_grid("risks", RISKS, key_row=False)
    no_title = hostile.plan_grid("partners", PARTNERS, key_row=False)[3:]
    path = hostile.plan_workbook(tmp_path / "p.xlsx", grids={"risks": grid, "partners": no_title},
                                 names={"risks": "Lapa1", "partners": "Lapa2"}, meta=False)
    plan, _ = read(path)
    assert plan.tables["risks"].sheet_name == "Lapa1" and plan.tables["risks"].rows[0]["level"] == "high"
    assert plan.tables["partners"].sheet_name == "Lapa2"
    assert plan.tables["partners"].rows[0]["organisation"] == "Biedrība “Saime”"


def test_a_hidden_sheet_is_read_and_noted(tmp_path):
    path = hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": RISKS}, hidden=["risks"])
    plan, report = read(path)
    assert len(plan.tables["risks"].rows) == 2
    hidden = by_rule(report, "sheet-hidden")
    assert [(i.sheet, i.level) for i in hidden] == [("10 Riski", Severity.INFO)]


def test_missing_sheets(tmp_path):
    path = hostile.plan_workbook(tmp_path / "p.xlsx", {"risks": RISKS}, skip=["monitoring", "support_given"])
    plan, report = read(path)
    missing = {i.detail: i.level for i in by_rule(report, "sheet-missing")}
    assert missing == {"11 Uzraudzība": Severity.ERROR, "5b Sniegtais atbalsts": Severity.INFO}
    assert "monitoring" not in plan.tables
    assert by_rule(report, "sheet-missing")[0].message() == (
        "Darbgrāmatā nav lapas “5b Sniegtais atbalsts”. Izmantojiet veidni vai atjaunojiet lapu.")
    _, english = read_plan(path, lang="en")  # the sheet keeps the name the workbook gave it
    assert by_rule(english, "sheet-missing")[0].message("en") == (
        "The workbook has no sheet “5b Sniegtais atbalsts”. Use the template or restore the sheet.")


def test_a_workbook_that_is_no_plan_at_all(tmp_path):
    """One clear message naming its sheets, no municipality made from its file name (issue 15)."""
    path = hostile.write_grids(tmp_path / "budžets.xlsx", {"Lapa1": [["Pozīcija", "Summa"], ["Telpas", 1200]]})
    plan, report = read_plan(path)
    assert plan is None
    assert [i.rule for i in report] == ["file-not-plan"]
    assert "“Lapa1”" in report.issues[0].message() and "nav rīcības plāns" in report.issues[0].message()


@pytest.mark.parametrize("name, number, words", [
    ("Darba lapa #9", "9", ""), ("9a Kontrolsaraksts", "9a", "kontrolsaraksts"), ("#10", "10", ""),
    ("Riski", "", "riski"), ("5b Sniegtais atbalsts", "5b", "sniegtais atbalsts"),
])
def test_sheet_names_split_into_number_and_words(name, number, words):
    assert split_name(name) == (number, words)


def test_worksheet_9_alone_is_ambiguous_by_name():
    assert name_score("9", SHEETS_BY_KEY["checklist"]) == 0 == name_score("9", SHEETS_BY_KEY["engagement"])
    assert name_score("9b", SHEETS_BY_KEY["engagement"]) == 4


# ---- columns: by key, else by label ----

def test_moved_columns_keep_their_keys(tmp_path):
    order = ["level", "factor", "risk_id", "impact", "likelihood", "severity", "score", "computed_level",
             "preventive", "reactive", "responsible"]
    grid = hostile.plan_grid("risks", RISKS, order=order, labels={"factor": "Faktors (mūsu nosaukums)"})
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"risks": grid}))
    risks = plan.tables["risks"]
    assert risks.columns["level"] == "A" and risks.columns["risk_id"] == "C"
    assert risks.rows[0]["factor"] == RISKS[0]["factor"] and risks.rows[0]["level"] == "high"
    assert risks.cell(0, "level") == "A6"
    assert "column-unknown" not in rules(report) and "column-missing" not in rules(report)


def test_an_inserted_column_is_carried_along_and_noted(tmp_path):
    grid = hostile.plan_grid("partners", PARTNERS, extra={"Kontaktpersona": ["Jānis Bērziņš"]})
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"partners": grid}))
    table = plan.tables["partners"]
    key = EXTRA_PREFIX + "Kontaktpersona"
    assert table.rows[0][key] == "Jānis Bērziņš" and table.columns[key] == "E"
    assert table.extra_columns == [key]
    [note] = by_rule(report, "column-unknown")
    assert (note.cell, note.level) == ("E5", Severity.INFO)
    assert "“Kontaktpersona”" in note.message() and "(lapa “2 Partneri”, šūna E5)" in note.message()


def test_values_in_a_column_without_any_header_are_kept_too(tmp_path):
    grid = hostile.plan_grid("partners", PARTNERS)
    grid[5] += [None, None, "piezīme malā"]
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"partners": grid}))
    assert plan.tables["partners"].rows[0][EXTRA_PREFIX + "G"] == "piezīme malā"
    assert any(i.rule == "column-unknown" and i.value == "G" for i in report)


def test_a_missing_column(tmp_path):
    order = [k for k in SHEETS_BY_KEY["partners"].keys if k not in ("organisation", "result")]
    grid = hostile.plan_grid("partners", PARTNERS, order=order)
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"partners": grid}))
    missing = {i.column: i.level for i in by_rule(report, "column-missing")}
    assert missing == {"organisation": Severity.ERROR, "result": Severity.INFO}
    assert plan.tables["partners"].rows[0]["organisation"] is None
    assert "organisation" not in plan.tables["partners"].columns


def test_the_header_moved_down_and_labels_only(tmp_path):
    grid = hostile.plan_grid("risks", RISKS, key_row=False, top=4)
    plan, _ = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"risks": grid}, meta=False))
    assert plan.tables["risks"].row_numbers == [10, 11]
    assert plan.tables["risks"].rows[0]["level"] == "high"


def test_seed_and_english_header_wording(tmp_path):
    labels = {"reactive": "Reaktīvā rīcība un atbildīgais (kas un ko dara, ja risks iestājas)",
              "level": "Riska līmenis\n(zems/vidējs/\naugsts)", "factor": "RISKU FAKTORS", "impact": "Possible impact"}
    order = ["factor", "impact", "level", "preventive", "reactive"]
    grid = hostile.plan_grid("risks", RISKS, key_row=False, order=order, labels=labels)
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", grids={"risks": grid}, meta=False))
    risks = plan.tables["risks"]
    assert risks.columns == {"factor": "A", "impact": "B", "level": "C", "preventive": "D", "reactive": "E"}
    assert risks.rows[0]["reactive"] == "Pārplānot aktivitātes"
    assert "column-unknown" not in rules(report)


def test_no_header_at_all(tmp_path):
    grid = [["Riski"], ["Finansējums", "augsts"], ["Kapacitāte", "zems"]]
    path = hostile.plan_workbook(tmp_path / "p.xlsx", grids={"risks": grid}, meta=False)
    plan, report = read(path)
    [issue] = by_rule(report, "header-not-found")
    assert issue.sheet == "10 Riski" and not plan.tables["risks"].rows


# ---- rows ----

def test_template_scaffolding_rows_are_skipped(tmp_path):
    rows = [{"no": "Piemērs", "target_group": "Jaunieši bez darba pieredzes",
             "existing_support": "Jauniešu garantijas programma, pašvaldības jauniešu centri",
             "unmet_needs": "Ierobežotas prakses un darba iespējas reģionos",
             "se_opportunities": "Sociālie uzņēmumi kā pirmās darba vietas, jauno uzņēmēju atbalsta programmas"},
            {"no": 1, "target_group": 2, "existing_support": 3, "unmet_needs": 4, "se_opportunities": 5},
            {},
            {"no": "1.", "target_group": "Seniori", "unmet_needs": "Vientulība", "se_opportunities": "Kopienas centrs"},
            {"no": "Piemērs:", "target_group": "Jaunieši", "unmet_needs": "Prakse", "se_opportunities": "Darbs"}]
    plan, _ = read(hostile.plan_workbook(tmp_path / "p.xlsx", {"needs": rows}))
    needs = plan.tables["needs"]
    assert [r["target_group"] for r in needs.rows] == ["Seniori", "Jaunieši"]
    assert needs.rows[1]["no"] is None  # the "Piemērs:" label is no data, the row's own content is
    assert needs.row_numbers == [9, 10]


def test_checklist_marks_and_empty_rows(tmp_path):
    rows = [{"item": "Partneri identificēti", "state": "x"}, {}, {}, {"item": "Tikšanās", "state": "Plānots"},
            {"item": "Memorands", "state": "nezinu"}]
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", {"checklist": rows}))
    assert [r["state"] for r in plan.tables["checklist"].rows] == ["yes", "planned", "nezinu"]
    assert plan.tables["checklist"].row_numbers == [6, 9, 10]
    assert next(i for i in report if i.rule == "normalised").message() == (
        "Vērtība “x” nolasīta kā “Jā” (lapa “9a Kontrolsaraksts”, šūna B6).")


def test_numbers_and_dates_as_people_type_them(tmp_path):
    support = [{"recipient": "SIA “Zaļā saime”", "support_type": "grants", "year": "2024.", "amount_eur": "7694,70"},
               {"recipient": "Biedrība", "support_type": "telpas", "year": 2025.0, "amount_eur": "50 000 €"}]
    indicators = [{"indicator_id": "I1", "indicator": "Sociālo uzņēmumu skaits", "baseline": "1", "target": 5,
                   "actual": "3", "actual_date": "15.03.2026", "baseline_year": 2024, "target_year": "2027"},
                  {"indicator_id": "I2", "indicator": "Partnerības", "actual_date": 46096, "target": "vismaz 5"},
                  {"indicator_id": "I3", "indicator": "Dalībnieki", "actual_date": date(2026, 3, 15)}]
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", {"support_given": support,
                                                                     "indicators": indicators}))
    given = plan.tables["support_given"].rows
    assert [(r["year"], r["amount_eur"]) for r in given] == [(2024, 7694.7), (2025, 50000.0)]
    ind = plan.tables["indicators"].rows
    assert ind[0]["baseline"] == 1.0 and ind[0]["target_year"] == 2027 and ind[0]["baseline_year"] == 2024
    assert [r["actual_date"] for r in ind] == [date(2026, 3, 15)] * 3
    assert ind[1]["target"] == "vismaz 5"  # the validator names it
    notes = {i.cell: i.message() for i in by_rule(report, "normalised")}
    assert notes["D6"] == "Vērtība “7694,70” nolasīta kā “7694,7” (lapa “5b Sniegtais atbalsts”, šūna D6)."
    assert notes["K7"] == "Vērtība “46096” nolasīta kā “15.03.2026” (lapa “8 Rādītāji”, šūna K7)."
    _, english = read_plan(tmp_path / "p.xlsx", lang="en")
    assert any("“50 000 €” was read as “50000”" in i.message("en") for i in english)


def test_formulas_with_and_without_saved_values_and_error_values(tmp_path):
    rows = [{"recipient": "A", "support_type": "grants"}, {"recipient": "B", "support_type": "telpas"},
            {"recipient": "C", "support_type": "aprīkojums"}, {"recipient": "D", "support_type": "#N/A"}]
    sheets = {"5b Sniegtais atbalsts": hostile.plan_grid("support_given", rows)}
    formulas = {("5b Sniegtais atbalsts", "D6"): ("=1000*2", 2000),
                ("5b Sniegtais atbalsts", "D7"): ("=1/0", "#DIV/0!"),
                ("5b Sniegtais atbalsts", "D8"): ("=NA()", "#N/A")}
    path = hostile.write_grids(tmp_path / "f.xlsx", sheets, formulas=formulas)
    plan, report = read(path)
    amounts = [r["amount_eur"] for r in plan.tables["support_given"].rows]
    assert amounts == [2000.0, None, None, None]
    errors = {i.cell: (i.value, i.level) for i in by_rule(report, "cell-error-value")}
    assert errors == {"D7": ("#DIV/0!", Severity.ERROR), "D8": ("#N/A", Severity.ERROR),
                      "B9": ("#N/A", Severity.ERROR)}
    assert by_rule(report, "cell-error-value")[0].message() == (
        "Šūnā ir kļūdas vērtība #DIV/0! (lapa “5b Sniegtais atbalsts”, šūna D7). Izlabojiet formulu vai ierakstiet "
        "vērtību.")

    import openpyxl  # openpyxl writes formulas without a saved value, as some generators do

    book = openpyxl.load_workbook(path)
    book["5b Sniegtais atbalsts"]["D6"] = "=500*2"
    book["5b Sniegtais atbalsts"]["D10"] = "=SUM(D6:D9)"
    book.save(tmp_path / "openpyxl.xlsx")
    plan, report = read(tmp_path / "openpyxl.xlsx")
    warned = {i.cell for i in by_rule(report, "formula-no-value")}
    assert warned == {"D6", "D7", "D8", "D10"}  # openpyxl also drops the values Excel had saved
    assert plan.tables["support_given"].rows[0]["amount_eur"] is None
    assert plan.tables["support_given"].row_numbers[-1] == 10  # a row holding only a formula is a row


def test_formula_looking_text_stays_text(tmp_path):
    rows = [{"no": "1", "organisation": "=HYPERLINK(\"http://evil\",\"klikšķini\")", "result": "@SUM(A1)"},
            {"no": "2", "organisation": "- Biedrība", "result": "+371 26 000 000"}]
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", {"partners": rows}))
    assert plan.tables["partners"].rows[0]["organisation"].startswith("=HYPERLINK")
    assert {i.cell for i in by_rule(report, "formula-text")} == {"B6", "D6"}


def test_a_very_long_cell_is_shortened_and_noted(tmp_path):
    rows = [{"no": "1", "organisation": "Biedrība", "result": "GARŠ-TEKSTS"}]
    short = hostile.plan_workbook(tmp_path / "short.xlsx", {"partners": rows})  # Excel itself stops at 32767
    strings = hostile.member(short, "xl/sharedStrings.xml").replace("GARŠ-TEKSTS".encode(), ("ā" * 2**20).encode())
    path = hostile.rezip(short, tmp_path / "p.xlsx", replace={"xl/sharedStrings.xml": strings})
    plan, report = read(path)
    assert len(plan.tables["partners"].rows[0]["result"]) == layout.MAX_CELL_CHARS
    [note] = by_rule(report, "cell-too-long")
    assert note.cell == "D6" and "1048576 rakstzīmes" in note.message()


def test_ten_thousand_rows(tmp_path):
    rows = [{"no": str(i), "organisation": f"Organizācija {i}", "result": f"{i} pasākumi"} for i in range(10_000)]
    path = hostile.plan_workbook(tmp_path / "liels.xlsx", {"partners": rows})
    started = time.perf_counter()
    plan, report = read(path)
    elapsed = time.perf_counter() - started
    table = plan.tables["partners"]
    assert len(table.rows) == layout.MAX_ROWS and table.row_numbers[-1] == layout.MAX_ROWS + 5
    [issue] = by_rule(report, "too-many-rows")
    assert issue.cell == f"A{layout.MAX_ROWS + 6}" and "10000 aizpildītas rindas; atļauts 5000" in issue.message()
    assert elapsed < 5


# ---- the cover, the municipality, metadata ----

def test_cover_values(tmp_path):
    cover = {"plan_period": "2025–2027", "contact_person": "Ilze Kalniņa", "submission_date": "15.01.2026",
             "reporting_date": date(2026, 6, 30)}
    plan, _ = read(hostile.plan_workbook(tmp_path / "p.xlsx", cover=cover))
    assert plan.cover["plan_period"] == "2025–2027" and plan.cover["contact_person"] == "Ilze Kalniņa"
    assert plan.cover["submission_date"] == date(2026, 1, 15) and plan.cover["reporting_date"] == date(2026, 6, 30)


def test_metadata_wins_and_a_different_cover_is_a_warning(tmp_path):
    path = hostile.plan_workbook(tmp_path / "p.xlsx", municipality="Bauskas novads",
                                 cover={"municipality": "Dobeles novads"})
    # the builder writes the metadata's municipality onto the cover unless told otherwise
    plan, report = read(path)
    [issue] = by_rule(report, "municipality-mismatch")
    assert plan.municipality == "Bauskas novads" and plan.cover["municipality"] == "Dobeles novads"
    assert (issue.sheet, issue.cell, issue.level) == ("Titullapa", "B4", Severity.WARNING)
    assert "“Bauskas novads”" in issue.message() and "“Dobeles novads”" in issue.message()


def test_municipality_from_the_cover_then_from_the_file_name(tmp_path):
    plan, _ = read(hostile.plan_workbook(tmp_path / "x.xlsx", municipality="Jelgavas novads", meta=False))
    assert plan.municipality == "Jelgavas novads"
    plan, _ = read(hostile.plan_workbook(tmp_path / "bauskas_novads (1).xlsx", municipality="", meta=False))
    assert plan.municipality == "Bauskas novads"


@pytest.mark.parametrize("a, b, same", [
    ("Bauskas novads", "Bauskas novada pašvaldība", True), ("Bauskas novads", "bauskas novads", True),
    ("Jelgavas valstspilsēta", "Jelgavas valstspilsētas pašvaldība", True),
    # two municipalities of Zemgale, not two wordings of one (issue 15)
    ("Jelgavas novads", "Jelgavas valstspilsēta", False), ("Bauskas novads", "Bauska", True),
    ("Bauskas novads", "Dobeles novads", False), ("Aizkraukles novads", "Bauska", False),
])
def test_same_municipality(a, b, same):
    assert same_municipality(a, b) is same


def test_file_names():
    assert municipality_from_name(Path("bauskas_novads.xlsx")) == "Bauskas novads"
    assert municipality_from_name(Path("reimpact_dobeles_novads (2).xlsx")) == "Dobeles novads"


def test_an_older_template_version_is_a_note(tmp_path):
    plan, report = read(hostile.plan_workbook(tmp_path / "p.xlsx", version="0.9"))
    [note] = by_rule(report, "template-outdated")
    assert note.level is Severity.INFO and "0.9" in note.message() and plan.meta["template_version"] == "0.9"


def test_an_english_workbook(tmp_path):
    rows = [{"risk_id": "R1", "factor": "Funding", "impact": "Delays", "level": "High"}]
    plan, report = read(hostile.plan_workbook(tmp_path / "en.xlsx", {"risks": rows}, lang="en"))
    assert plan.tables["risks"].sheet_name == "10 Risks" and plan.tables["risks"].rows[0]["level"] == "high"
    assert [(i.rule, i.cell) for i in report] == [("normalised", "G6")]  # "High" for "high"


def test_reading_a_seed_sized_workbook_is_fast(tmp_path, example_plans):
    from reimpact_xl.workbook.build import build_workbook

    path = build_workbook(tmp_path / "bauska.xlsx", plan=example_plans[1])
    read_plan(path)
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        read_plan(path)
        runs.append(time.perf_counter() - started)
    assert min(runs) < 0.15, runs  # about 20-40 ms on a laptop; generous for slow CI machines
