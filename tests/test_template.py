"""The municipality workbook: structure, committed templates, formulas recalculated by LibreOffice, print."""
from __future__ import annotations

import random
import warnings
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from paths import REGENERATE, WORKBOOK_DIR
from reimpact_xl.plan import indicators, layout, risks
from reimpact_xl.plan.errors import OutputError
from reimpact_xl.plan.model import Plan
from reimpact_xl.schema import (
    COVER_FIELDS,
    COVER_SHEET,
    METADATA_SHEET,
    SHEETS,
    SHEETS_BY_KEY,
    TEMPLATE_VERSION,
    ColumnType,
)
from reimpact_xl.schema.vocab import RISK_LEVELS, STATUSES
from reimpact_xl.workbook.build import (
    COVER_KEY,
    LISTS_SHEET,
    build_templates,
    build_workbook,
    builder_note,
    sheet_names,
)
from reimpact_xl.workbook.cover import MATRIX_GRID_ROW, MATRIX_LEVELS_ROW, MATRIX_SHEET, OVERVIEW_SHEET, cover_row

try:
    from reimpact_xl import lo  # type: ignore[attr-defined]
except ImportError:
    import lo  # type: ignore[no-redef]

REPORT_DAY = date(2026, 6, 30)
warnings.filterwarnings("ignore", message=".*extension is not supported", category=UserWarning)


def load(path: Path, **kw) -> openpyxl.Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return openpyxl.load_workbook(path, **kw)


def data_row(i: int) -> int:
    return layout.FIRST_DATA_ROW + i


def col_of(sheet_key: str, column_key: str) -> str:
    return layout.col_letter(layout.FIRST_COL + SHEETS_BY_KEY[sheet_key].keys.index(column_key))


def random_rows(seed: int = 7, n: int = 40) -> tuple[list[dict], list[dict]]:
    """Risk and indicator rows covering blanks, bounds, stated levels, equal baseline/target, old and future years."""
    rnd = random.Random(seed)
    spellings = [v for c in RISK_LEVELS for v in (c.label.lv, c.label.en.upper(), *c.aliases)] + ["", "nezinu"]
    risk_rows = []
    for i in range(n):
        row = {"risk_id": f"R{i + 1}", "factor": f"Faktors {i + 1}", "impact": "Ietekme"}
        for key in ("likelihood", "severity"):
            v = rnd.choice([None, 1, 2, 3, 4, 5, 5, 3, 0, 6])
            if v is not None:
                row[key] = v
        if rnd.random() < 0.5:
            row["level"] = rnd.choice(spellings) + rnd.choice(["", " "])
        risk_rows.append(row)
    ind_rows = []
    for i in range(n):
        row = {"indicator_id": f"I{i + 1}", "indicator": f"Rādītājs {i + 1}"}
        for key, choices in (("baseline", [None, 0, 2, 10, 7.5]), ("target", [None, 0, 10, 20, 7.5]),
                             ("actual", [None, 0, 5, 12, 20, 3.3]), ("baseline_year", [None, 2023, 2024, 2025]),
                             ("target_year", [None, 2025, 2026, 2027, 2030])):
            v = rnd.choice(choices)
            if v is not None:
                row[key] = v
        ind_rows.append(row)
    return risk_rows, ind_rows


def filled_plan(report_date: date | None = REPORT_DAY) -> Plan:
    risk_rows, ind_rows = random_rows()
    cover = {"plan_period": "2025–2027", "contact_person": "Anna Bērziņa"}
    if report_date:
        cover["reporting_date"] = report_date
    return Plan.from_dict({"municipality": "Bauskas novads", "cover": cover, "sheets": {
        "goals": [{"goal_id": "M1", "goal": "Palielināt sociālo uzņēmumu skaitu", "task_id": "M1.U1", "task": "T1"},
                  {"goal_id": "M1", "task_id": "M1.U2", "task": "T2"},
                  {"goal_id": " m1", "task_id": "M2.U1"}],
        "action_plan": [{"activity_id": "A1", "task_id": "M1.U1", "activity": "=1+1", "timeline": "01.2026."},
                        {"activity_id": "A2", "activity": "Seminārs", "funding_eur": 1500.5}],
        "indicators": ind_rows, "risks": risk_rows}})


# --- structure --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("blank")
    return {lang: build_workbook(folder / f"blank_{lang}.xlsx", lang=lang, municipality="Dobeles novads",
                                 plan_period="2025–2027") for lang in ("lv", "en")}


def fingerprint(path: Path) -> dict[str, object]:
    """What a workbook holds, independent of how the writer laid out the XML: cells, formulas,
    validations, conditional formats, merges, sizes, names."""
    wb = load(path)
    out: dict[str, object] = {"sheets": wb.sheetnames,
                              "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items())}
    for ws in wb.worksheets:
        out[ws.title] = {
            "cells": [(c.coordinate, c.value, c.number_format) for row in ws.iter_rows() for c in row
                      if c.value is not None],
            "validations": sorted((str(v.sqref), v.type, v.formula1, v.formula2, v.prompt, v.error)
                                  for v in ws.data_validations.dataValidation),
            "formats": sorted((str(cf.sqref), [(r.type, r.formula) for r in cf.rules])
                              for cf in ws.conditional_formatting),
            "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "rows": sorted((r, d.height, d.hidden) for r, d in ws.row_dimensions.items() if d.height or d.hidden),
            "cols": sorted((k, d.width) for k, d in ws.column_dimensions.items()),
            "state": ws.sheet_state,
        }
    return out


def test_committed_templates_are_fresh(tmp_path):
    """workbook/reimpact_plan_*.xlsx equal a fresh build."""
    for fresh in build_templates(tmp_path):
        committed = WORKBOOK_DIR / fresh.name
        stale = f"{committed.name} is missing or stale: run {REGENERATE} and commit the result"
        assert committed.exists(), stale
        assert fingerprint(committed) == fingerprint(fresh), stale
        if load(committed).properties.description == builder_note():
            assert committed.read_bytes() == fresh.read_bytes(), stale


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_sheet_names_and_visibility(blank, lang):
    wb = load(blank[lang])
    assert wb.sheetnames == sheet_names(lang)
    assert wb.sheetnames[0] == COVER_SHEET(lang)
    assert wb.sheetnames[1:1 + len(SHEETS)] == [s.name(lang) for s in SHEETS]
    assert all(len(name) <= 31 for name in wb.sheetnames)
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb[METADATA_SHEET].sheet_state == "veryHidden"
    assert all(wb[n].sheet_state == "visible" for n in wb.sheetnames[:-2])
    if lang == "lv":
        assert "6 Mērķi un uzdevumi" in wb.sheetnames and "11 Uzraudzība" in wb.sheetnames


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_key_row_header_and_table(blank, lang):
    wb = load(blank[lang])
    for sheet in SHEETS:
        ws = wb[sheet.name(lang)]
        cols = range(layout.FIRST_COL + 1, layout.FIRST_COL + 1 + len(sheet.columns))
        assert [ws.cell(layout.KEY_ROW, c).value for c in cols] == list(sheet.keys)
        assert ws.row_dimensions[layout.KEY_ROW].hidden
        # a word joiner holds "(1–5)" together in the printed header
        assert [ws.cell(layout.HEADER_ROW, c).value.replace("\u2060", "") for c in cols] == \
            [c.label(lang) for c in sheet.columns]
        # a sheet printed across pages starts its texts beside the repeated ID column
        first = 2 if ws.cell(layout.TITLE_ROW, 1).value is None else 1
        assert ws.cell(layout.TITLE_ROW, first).value == sheet.title(lang)
        assert ws.cell(layout.GUIDANCE_ROW, first).value == sheet.guidance(lang)
        table = ws.tables[f"T_{sheet.key}"]
        first, last = table.ref.split(":")
        assert first == f"{layout.col_letter(layout.FIRST_COL)}{layout.HEADER_ROW}"
        assert int("".join(ch for ch in last if ch.isdigit())) == \
            layout.FIRST_DATA_ROW + len(sheet.prefilled) + sheet.min_rows - 1
        assert ws.freeze_panes.endswith(str(layout.FIRST_DATA_ROW))


def test_prefilled_rows_are_written(blank):
    wb = load(blank["lv"])
    for sheet in SHEETS:
        ws = wb[sheet.name("lv")]
        for i, row in enumerate(sheet.prefilled_rows("lv")):
            for key, value in row.items():
                assert ws[f"{col_of(sheet.key, key)}{data_row(i)}"].value == value


def _validations(ws) -> dict[str, object]:
    """Column letter -> the data validation covering its first data row."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            if rng.min_row == layout.FIRST_DATA_ROW:
                found[layout.col_letter(rng.min_col - 1)] = dv
    return found


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_dropdowns_and_checks(blank, lang):
    wb = load(blank[lang])
    for sheet in SHEETS:
        dvs = _validations(wb[sheet.name(lang)])
        for col in sheet.input_columns:
            dv = dvs.get(col_of(sheet.key, col.key))
            if col.type is ColumnType.CHOICE:
                assert dv.type == "list" and dv.formula1 == f"list_{sheet.key}_{col.key}"
                assert dv.errorStyle == ("information" if col.open_choice else None)  # None: "stop"
            elif col.type is ColumnType.REF:
                assert dv.type == "list" and dv.formula1 == f"ids_{col.ref_namespace}"
                assert dv.errorStyle == "warning"
            elif col.type is ColumnType.DATE:
                assert dv.type == "date"
            elif col.key in ("likelihood", "severity"):
                assert (dv.type, dv.formula1, dv.formula2) == ("whole", "1", "5")
            elif col.type is ColumnType.YEAR:
                assert (dv.type, dv.formula1, dv.formula2) == ("whole", "2000", "2100")
            elif col.type is ColumnType.EUR:
                assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
            if dv is not None and col.help(lang):
                assert dv.promptTitle and len(dv.promptTitle) <= 32
                assert col.help(lang)[:200] in dv.prompt and len(dv.prompt) <= 255
    names = wb.defined_names
    assert layout.REPORT_DATE_NAME in names
    assert names[layout.REPORT_DATE_NAME].attr_text.endswith(f"!$B${cover_row('reporting_date')}")


def test_metadata_sheet(blank):
    wb = load(blank["lv"])
    meta = {r[0]: r[1] for r in wb[METADATA_SHEET].iter_rows(values_only=True)}
    assert meta["template_version"] == TEMPLATE_VERSION
    assert meta["language"] == "lv"
    assert meta["municipality"] == "Dobeles novads"
    assert set(layout.META_KEYS) <= set(meta)
    for sheet in SHEETS:
        assert meta[f"{layout.SHEET_PREFIX}{sheet.key}"] == sheet.name("lv")
        assert meta[f"{layout.COLUMNS_PREFIX}{sheet.key}"] == ",".join(sheet.keys)


def test_cover_fields_and_prefill(blank):
    ws = load(blank["lv"])[COVER_SHEET("lv")]
    for field in COVER_FIELDS:
        assert ws.cell(cover_row(field.key), 1).value == field.label("lv")
    assert ws.cell(cover_row("municipality"), 2).value == "Dobeles novads"
    assert ws.cell(cover_row("plan_period"), 2).value == "2025–2027"


def test_plan_text_is_never_a_formula(tmp_path):
    path = build_workbook(tmp_path / "plan.xlsx", plan=filled_plan())
    ws = load(path)[SHEETS_BY_KEY["action_plan"].name("lv")]
    cell = ws[f"{col_of('action_plan', 'activity')}{data_row(0)}"]
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert ws[f"{col_of('action_plan', 'funding_eur')}{data_row(1)}"].value == 1500.5


def test_values_keep_their_type(tmp_path):
    plan = Plan.from_dict({"municipality": "X", "cover": {"submission_date": date(2026, 1, 15)}, "sheets": {
        "action_plan": [{"activity_id": "A1", "activity": "+371 2000", "timeline": date(2026, 1, 1),
                         "funding_eur": 7694.7}]}})
    wb = load(build_workbook(tmp_path / "types.xlsx", plan=plan))
    ws = wb[SHEETS_BY_KEY["action_plan"].name("lv")]
    assert ws[f"{col_of('action_plan', 'activity')}{data_row(0)}"].value == "+371 2000"
    timeline = ws[f"{col_of('action_plan', 'timeline')}{data_row(0)}"]
    assert timeline.is_date and timeline.number_format == "dd.mm.yyyy"
    assert ws[f"{col_of('action_plan', 'funding_eur')}{data_row(0)}"].number_format == "#,##0.00"
    assert wb[COVER_SHEET("lv")].cell(cover_row("submission_date"), 2).is_date


def test_notes_and_highlights_mark_cells(tmp_path):
    notes = {("risks", 1, "level"): "Līmenis neatbilst novērtējumam.", (COVER_KEY, 0, "contact_person"): "Trūkst"}
    highlights = {("risks", 1, "level"): "error", ("risks", 30, "factor"): "#00FF00",
                  (COVER_KEY, 0, "contact_person"): "warning"}
    path = build_workbook(tmp_path / "feedback.xlsx", plan=filled_plan(), notes=notes, highlights=highlights)
    wb = load(path)
    ws = wb[SHEETS_BY_KEY["risks"].name("lv")]
    level = ws[f"{col_of('risks', 'level')}{data_row(1)}"]
    assert level.comment.text.startswith("Līmenis neatbilst")
    assert level.fill.fgColor.rgb.endswith("FFC7CE")
    far = ws[f"{col_of('risks', 'factor')}{data_row(30)}"]  # beyond the plan's rows: the table grows to it
    assert far.fill.fgColor.rgb.endswith("00FF00")
    cover = wb[COVER_SHEET("lv")].cell(cover_row("contact_person"), 2)
    assert cover.comment.text == "Trūkst" and cover.fill.fgColor.rgb.endswith("FFEB9C")


def test_extra_sheets_follow_the_cover(tmp_path):
    def problems(workbook):
        workbook.add_worksheet("Problēmas").write_string(0, 0, "1 kļūda")

    path = build_workbook(tmp_path / "f.xlsx", plan=filled_plan(), extra_sheets=(problems,))
    wb = load(path)
    assert wb.sheetnames[:3] == [COVER_SHEET("lv"), "Problēmas", SHEETS[0].name("lv")]
    assert wb["Problēmas"]["A1"].value == "1 kļūda"


def test_output_replaces_atomically_and_reports_unwritable_folder(tmp_path):
    target = tmp_path / "Bauskas novads.xlsx"
    target.write_bytes(b"old")
    build_workbook(target, municipality="Bauskas novads")
    assert target.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    with pytest.raises(OutputError, match="Nevar ierakstīt .*mape nav atrasta") as err:
        build_workbook(tmp_path / "nav" / "x.xlsx")
    assert "x.xlsx" in str(err.value)


def test_build_is_deterministic_with_a_fixed_date(tmp_path):
    from reimpact_xl.workbook.build import TEMPLATE_DATE
    a = build_workbook(tmp_path / "a.xlsx", plan=filled_plan(), created=TEMPLATE_DATE)
    b = build_workbook(tmp_path / "b.xlsx", plan=filled_plan(), created=TEMPLATE_DATE)
    assert a.read_bytes() == b.read_bytes()


# --- LibreOffice: formulas recalculated, sheets printed ----------------------------------------------

@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Filled workbooks (lv with a reporting date, en without one) and their LibreOffice recalculation."""
    lo.require_soffice()
    folder = tmp_path_factory.mktemp("recalc")
    built = {"lv": build_workbook(folder / "filled_lv.xlsx", plan=filled_plan(), lang="lv"),
             "en": build_workbook(folder / "filled_en.xlsx", plan=filled_plan(None), lang="en")}
    out = lo.convert(built.values(), "xlsx", folder / "out")
    return {lang: (built[lang], o) for lang, o in zip(built, out)}


def _near_boundary(p: float | None, expected: float | None) -> bool:
    """Gaps within 1e-9 of a status threshold: LibreOffice compares with a tolerance, Python exactly."""
    if p is None:
        return False
    gap = (1.0 if expected is None else expected) - p
    return any(abs(gap - t) < 1e-9 for t in (indicators.ON_TRACK_GAP, indicators.BEHIND_GAP)) or abs(p - 1) < 1e-9


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_risk_formulas_match_risks_py(recalculated, lang):
    _, out = recalculated[lang]
    ws = load(out, data_only=True)[SHEETS_BY_KEY["risks"].name(lang)]
    labels = {c.key: c.label(lang) for c in RISK_LEVELS}
    risk_rows, _ = random_rows()
    for i, row in enumerate(risk_rows):
        score = risks.score(row.get("likelihood"), row.get("severity"))
        got_score = ws[f"{col_of('risks', 'score')}{data_row(i)}"].value
        got_level = ws[f"{col_of('risks', 'computed_level')}{data_row(i)}"].value
        assert (got_score if got_score != "" else None) == score, (i, row)
        assert (got_level or None) == (labels[risks.band(score)] if score else None), (i, row)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_indicator_formulas_match_indicators_py(recalculated, lang):
    _, out = recalculated[lang]
    ws = load(out, data_only=True)[SHEETS_BY_KEY["indicators"].name(lang)]
    on = REPORT_DAY if lang == "lv" else date.today()
    labels = {c.key: c.label(lang) for c in STATUSES}
    _, ind_rows = random_rows()
    checked = 0
    for i, row in enumerate(ind_rows):
        p = indicators.progress(row.get("baseline"), row.get("target"), row.get("actual"))
        expected = indicators.expected_progress(on, row.get("target_year"), row.get("baseline_year"))
        got_p = ws[f"{col_of('indicators', 'progress')}{data_row(i)}"].value
        got_status = ws[f"{col_of('indicators', 'status')}{data_row(i)}"].value
        assert (None if got_p == "" else got_p) == pytest.approx(p), (i, row)
        if not _near_boundary(p, expected):
            assert got_status == labels[indicators.status(p, expected)], (i, row, p, expected)
            checked += 1
    assert checked > len(ind_rows) * 0.8
    assert ws[f"{col_of('indicators', 'status')}{data_row(len(ind_rows))}"].value in (None, "")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_cached_values_equal_recalculated_values(recalculated, lang):
    """Every formula's value written by Python is the value LibreOffice computes: files read right unopened."""
    built, out = recalculated[lang]
    before, after = load(built, data_only=True), load(out, data_only=True)
    for name in (*[s.name(lang) for s in SHEETS], COVER_SHEET(lang), OVERVIEW_SHEET(lang), MATRIX_SHEET(lang),
                 LISTS_SHEET):
        for row in after[name].iter_rows():
            for cell in row:
                old = before[name][cell.coordinate].value
                new = cell.value
                if isinstance(old, float) or isinstance(new, float):
                    assert old == pytest.approx(new), (name, cell.coordinate)
                else:
                    assert (old if old is not None else "") == (new if new is not None else ""), \
                        (name, cell.coordinate, old, new)


def test_id_dropdown_lists_each_id_once(recalculated):
    _, out = recalculated["lv"]
    wb = load(out, data_only=True)
    ref = wb.defined_names["ids_goal_task"].attr_text  # OFFSET('_lists'!$X$1,...)
    letter = ref.split("!$")[1].split("$")[0]
    ids = [c.value for c in wb[LISTS_SHEET][letter] if c.value not in (None, "")]
    assert ids == ["M1", "M1.U1", "M1.U2", "M2.U1"]


def test_matrix_and_level_counts(recalculated):
    _, out = recalculated["lv"]
    ws = load(out, data_only=True)[MATRIX_SHEET("lv")]
    risk_rows, _ = random_rows()
    scored = [(r["likelihood"], r["severity"]) for r in risk_rows
              if risks.score(r.get("likelihood"), r.get("severity"))]
    grid = [[ws.cell(MATRIX_GRID_ROW + 1 + i, 2 + j).value for j in range(5)] for i in range(5)]
    assert grid == risks.heatmap(scored)
    levels = [risks.band(risks.score(r.get("likelihood"), r.get("severity"))) or risks.level_key(r.get("level"))
              for r in risk_rows]
    counts = risks.level_counts(levels)
    first = MATRIX_LEVELS_ROW + 2
    got = {ws.cell(first + i, 1).value: ws.cell(first + i, 2).value for i in range(4)}
    assert got == {**{c.label.lv: counts[c.key] for c in RISK_LEVELS}, "nav novērtēts": counts["none"]}


def test_every_sheet_prints(blank, recalculated, tmp_path):
    pdfs = lo.convert([*blank.values(), recalculated["lv"][0]], "pdf", tmp_path)
    visible = len(sheet_names()) - 2
    for pdf in pdfs:
        assert lo.pdf_pages(pdf) >= visible, pdf.name
