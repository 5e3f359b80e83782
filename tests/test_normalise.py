"""Cell values as municipal staff type them, read the way the plan needs them."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reimpact_xl.read import normalise as n
from reimpact_xl.schema import SHEETS_BY_KEY, ColumnType
from reimpact_xl.schema.vocab import FUNDING_SOURCES, RISK_LEVELS, UNITS

col = {key: SHEETS_BY_KEY[sheet].column(key) for sheet, key in (
    ("support_given", "amount_eur"), ("support_given", "year"), ("indicators", "baseline"),
    ("indicators", "actual_date"), ("risks", "likelihood"), ("risks", "level"), ("checklist", "state"),
    ("goals", "task_id"), ("action_plan", "activity_id"), ("partners", "result"), ("action_plan", "timeline"),
    ("indicators", "progress"), ("indicators", "goal_id"))}


@pytest.mark.parametrize("typed, number, changed", [
    ("40 000 EUR", 40000.0, True),
    ("7694,70", 7694.7, True),
    ("7 694,70 €", 7694.7, True),
    ("50 000 €", 50000.0, True),
    ("1 000,5", 1000.5, True),
    ("20000", 20000.0, False),
    ("70%", 70.0, True),  # a percent means its number: 70 % is 70
    ("7694.7", 7694.7, False),
    ("1,000.50", 1000.5, True),
    ("1.234.567", 1234567.0, True),
    ("-5", -5.0, False),
    ("\u22125", -5.0, True),
    ("40\u00a0000", 40000.0, True),  # non-breaking space
    ("40\u202f000", 40000.0, True),  # narrow no-break space (French-style Excel)
    ("40\u2009000", 40000.0, True),  # thin space
    ("eur 15", 15.0, True),
    (7694.7, 7694.7, False),
    (20000, 20000.0, False),
])
def test_numbers_typed_with_spaces_units_and_commas(typed, number, changed):
    assert n.normalise(typed, col["amount_eur"]) == (number, changed)


@pytest.mark.parametrize("typed", ["vismaz 5", "min. 30 dalībnieki", "1 0", "12 3456", "1,2,3", "5-7", "=A1*2",
                                   "2025./2026."])
def test_text_that_is_no_number_stays_text_for_the_validator(typed):
    value, changed = n.normalise(typed, col["baseline"])
    assert value == typed.strip() and not changed


def test_booleans_are_never_numbers():
    assert n.normalise(True, col["baseline"]) == ("TRUE", False)


@pytest.mark.parametrize("typed, expected, changed", [
    (2026.0, 2026, False), (2026, 2026, False), ("2026", 2026, False), ("2026.", 2026, False),
    ("2026. gads", 2026, True), ("2026.g.", 2026, True), (date(2026, 5, 1), 2026, True),
    ("2025./2026.", "2025./2026.", False), (2026.5, 2026.5, False),
])
def test_years(typed, expected, changed):
    assert n.normalise(typed, col["year"]) == (expected, changed)


@pytest.mark.parametrize("typed, expected, changed", [
    (3.0, 3, False), ("3", 3, False), ("3,0", 3, True), (3.5, 3.5, False), ("trīs", "trīs", False),
])
def test_integers(typed, expected, changed):
    assert n.normalise(typed, col["likelihood"]) == (expected, changed)


@pytest.mark.parametrize("typed, expected, changed", [
    (date(2026, 3, 15), date(2026, 3, 15), False),
    (datetime(2026, 3, 15), date(2026, 3, 15), False),
    (datetime(2026, 3, 15, 10, 30), date(2026, 3, 15), True),
    (46096.0, date(2026, 3, 15), True),  # an Excel serial in a cell not formatted as a date
    ("15.03.2026", date(2026, 3, 15), False),
    ("15.03.2026.", date(2026, 3, 15), True),
    ("15.3.2026", date(2026, 3, 15), True),
    ("2026-03-15", date(2026, 3, 15), True),
    ("15/03/2026", date(2026, 3, 15), True),
    ("31.02.2026", "31.02.2026", False),
    ("marts", "marts", False),
    (2026, 2026, False),  # a year typed into a date column is not a serial
])
def test_dates(typed, expected, changed):
    assert n.normalise(typed, col["actual_date"]) == (expected, changed)


@pytest.mark.parametrize("typed, key, changed", [
    ("zems", "low", False), ("Zems", "low", True), ("VIDĒJS", "medium", True), ("videjs", "medium", True),
    ("vidēji", "medium", True), ("Augsta", "high", True), ("high", "high", False), ("ļoti augsts", "ļoti augsts", False),
])
def test_risk_levels_by_label_alias_case_and_missing_diacritics(typed, key, changed):
    assert n.choice(typed, RISK_LEVELS) == (key, changed)


@pytest.mark.parametrize("typed, key", [
    ("x", "yes"), ("X", "yes"), ("+", "yes"), ("v", "yes"), ("✓", "yes"), ("Jā", "yes"), ("ja", "yes"),
    (True, "yes"), ("Plānots", "planned"), ("planots", "planned"), ("Nē", "no"), ("-", "no"), ("–", "no"),
    (False, "no"),
])
def test_checklist_marks(typed, key):
    assert n.normalise(typed, col["state"])[0] == key


def test_open_choices_match_long_labels_and_keep_other_text():
    assert n.choice("Pašvaldības budžets", FUNDING_SOURCES) == ("municipal", False)
    assert n.choice("pašvaldības budžets", FUNDING_SOURCES) == ("municipal", True)
    assert n.choice("Pašvaldības budžets 2026", FUNDING_SOURCES) == ("Pašvaldības budžets 2026", False)
    assert n.choice("%", UNITS) == ("percent", False)
    assert n.choice("€", UNITS) == ("eur", True)


@pytest.mark.parametrize("typed, expected, changed", [
    ("m1.u1 ", "M1.U1", True), ("M1.U1", "M1.U1", False), ("M 1. U 2", "M1.U2", True), (1.0, "1", False),
])
def test_task_ids(typed, expected, changed):
    assert n.normalise(typed, col["task_id"]) == (expected, changed)


@pytest.mark.parametrize("typed, expected, changed", [
    ("A1a", "A1a", False), ("a1b", "A1b", True), ("A1B", "A1b", True), ("a12", "A12", True), ("x9", "X9", True),
])
def test_activity_ids_keep_the_lower_case_suffix_their_pattern_wants(typed, expected, changed):
    assert n.normalise(typed, col["activity_id"]) == (expected, changed)


def test_references_pick_the_case_of_any_namespace():
    assert n.normalise("m2", col["goal_id"]) == ("M2", True)
    assert n.normalise("m2.u3", col["goal_id"]) == ("M2.U3", True)


@pytest.mark.parametrize("typed, expected", [
    ("  teksts  ", "teksts"), ("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("\u200bteksts\ufeff", "teksts"),
    ("rinda 1\n\nrinda 2", "rinda 1\n\nrinda 2"), (3.0, "3"), (2.5, "2.5"), (date(2026, 1, 2), "02.01.2026"),
    (time(13, 30), "13:30"), ("", None), ("   ", None), (None, None),
])
def test_text_is_trimmed_but_its_lines_are_kept(typed, expected):
    assert n.normalise(typed, col["result"]) == (expected, False)


def test_periods_stay_text():
    assert n.normalise("2026. gada 2. ceturksnis ", col["timeline"]) == ("2026. gada 2. ceturksnis", False)
    assert n.normalise(2026.0, col["timeline"]) == ("2026", False)


def test_formula_columns_keep_numbers():
    assert n.normalise(0.5, col["progress"]) == (0.5, False)
    assert n.normalise(12.0, col["progress"]) == (12, False)


@pytest.mark.parametrize("typed, formula", [
    ("=SUM(A1:A3)", True), ("=cmd|' /C calc'!A0", True), ("@SUM(A1)", True), ("+cmd|' /C calc'!A0", True),
    ("-2+3+cmd|' /C calc'!A0", True), ("- Atbildīgais: Kultūras pārvalde", False), ("- -", False),
    ("+371 26 000 000 (mob.)", False), ("-Izveidot e-pakalpojumu (2026)", False), ("=", False), ("", False),
])
def test_formula_like_text(typed, formula):
    assert n.formula_like(typed) is formula


def test_text_that_looks_like_a_formula_stays_text_in_every_column():
    for key in ("result", "timeline", "baseline", "actual_date", "level"):
        assert n.normalise("=HYPERLINK(\"http://x\")", col[key])[0] == "=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("value, error", [
    ("#N/A", True), ("#DIV/0!", True), (" #REF! ", True), ("Err:502", True), ("#NAV", False), ("N/A", False), (5, False),
])
def test_error_literals(value, error):
    assert n.is_error_text(value) is error


@pytest.mark.parametrize("value, column, lang, words", [
    (7694.7, "amount_eur", "lv", "7694,7"), (7694.7, "amount_eur", "en", "7694.7"), (40000.0, "amount_eur", "lv", "40000"),
    (date(2026, 3, 15), "actual_date", "lv", "15.03.2026"), (date(2026, 3, 15), "actual_date", "en", "2026-03-15"),
    ("medium", "level", "lv", "vidējs"), ("medium", "level", "en", "medium"), ("yes", "state", "lv", "Jā"),
])
def test_values_shown_in_words(value, column, lang, words):
    assert n.shown(value, col[column], lang) == words


def test_fold_ignores_case_diacritics_and_punctuation():
    assert n.fold("Riska līmenis (zems/vidējs/augsts)") == "riska limenis zems videjs augsts"
    assert n.fold("  Darba lapa #7: ") == "darba lapa #7"
    assert n.fold("ĶĒŅĢŪ") == "kengu"


SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", "\u2009", "", "'"])


@st.composite
def formatted(draw) -> tuple[str, float]:
    """A number as a person might write it: grouped thousands, a decimal comma or point, a unit."""
    whole = draw(st.integers(min_value=0, max_value=10**9))
    cents = draw(st.integers(min_value=0, max_value=99))
    sep = draw(SEPARATORS)
    decimal = draw(st.sampled_from([",", "."]))
    if sep == "" and decimal == ",":
        sep = " "
    grouped = f"{whole:,}".replace(",", sep)
    text = grouped + (f"{decimal}{cents:02d}" if cents else "")
    unit = draw(st.sampled_from(["", " EUR", " €", "€", " eiro", "%"]))
    sign = draw(st.sampled_from(["", "-"]))
    return f"{sign}{text}{unit}", (-1 if sign else 1) * (whole + cents / 100)


@settings(max_examples=300, deadline=None)
@given(formatted())
def test_a_formatted_number_reads_back_as_its_number(case):
    typed, number = case
    value, _ = n.normalise(typed, col["amount_eur"])
    assert value == pytest.approx(number, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.floats(allow_nan=False), st.integers(), st.booleans(), st.none(),
                 st.dates(), st.datetimes()))
def test_no_value_breaks_any_column(value):
    for column in SHEETS_BY_KEY["indicators"].columns + SHEETS_BY_KEY["risks"].columns:
        result, changed = n.normalise(value, column)
        assert isinstance(changed, bool)
        if column.type is ColumnType.TEXT and result is not None:
            assert isinstance(result, str)
