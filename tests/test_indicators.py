"""Indicator progress, status, standard-indicator matching and the regional roll-up."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reimpact_xl.plan.indicators import (
    STATUS_COLOURS,
    STATUS_KEYS,
    STATUS_ORDER,
    IndicatorRow,
    expected_progress,
    fold,
    progress,
    rollup,
    standard_key,
    status,
    status_rank,
    unit_key,
)
from reimpact_xl.schema.vocab import STANDARD_INDICATORS, STATUSES

MUNIS = ("Aizkraukles novads", "Bauskas novads", "Dobeles novads", "Jelgavas novads", "Jelgavas valstspilsēta")


# --- progress and status ------------------------------------------------------------------------

def test_progress_basics() -> None:
    assert progress(0, 10, 5) == 0.5
    assert progress(None, 4, 2) == 0.5  # a plan that states only a target starts at 0
    assert progress(3, 3, 5) is None  # no way to measure
    assert progress(0, 10, None) is None


def test_status_against_the_date() -> None:
    halfway = expected_progress(date(2026, 7, 2), 2026, 2025)
    assert halfway == pytest.approx(0.5, abs=0.01)
    assert status(0.45, halfway) == "on_track"
    assert status(0.30, halfway) == "behind"
    assert status(0.10, halfway) == "off_track"
    assert status(1.2, halfway) == "achieved"
    assert status(None, halfway) == "no_data"


def test_status_words_and_colours_cover_every_status() -> None:
    assert set(STATUS_KEYS) == {c.key for c in STATUSES} == set(STATUS_COLOURS)
    assert set(STATUS_ORDER) == set(STATUS_KEYS) - {"no_data"}


finite = st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3))


@given(finite, finite)
def test_progress_is_0_at_baseline_and_1_at_target(baseline: float, target: float) -> None:
    assume(target != baseline)
    assert progress(baseline, target, baseline) == 0
    assert progress(baseline, target, target) == 1


@given(finite, st.floats(0.001, 1e6), finite, finite, st.none() | st.floats(0, 1))
def test_status_never_improves_when_actual_falls(baseline, rise, a1, a2, expected) -> None:
    target = baseline + rise  # an indicator that should grow
    low, high = sorted((a1, a2))
    worse = status(progress(baseline, target, low), expected)
    better = status(progress(baseline, target, high), expected)
    assert status_rank(worse) <= status_rank(better)


# --- standard indicators ------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    # the seeds copy the #8 guidance verbatim ...
    ("Sociālo uzņēmumu skaits pašvaldības teritorijā (pirms un pēc darbību uzsākšanas)", "q1_se_count"),
    ("Sabiedrības iesaistes aktivitāšu skaits (informācijas kampaņas, pasākumi, aptaujas)", "q7_engagement"),
    # ... with the closing parenthesis lost over a page break (A 1.3)
    ("Dalībnieku skaits atbalsta pasākumos (piemēram, apmācībās, informācijas dienās", "q4_participants"),
    # ... without the examples in parentheses (JN 7)
    ("Iedzīvotāju un uzņēmēju izpratnes līmenis par sociālo uzņēmējdarbību", "k2_awareness"),
    # ... with the examples replaced by a clause of their own (A 1.2)
    ("Atbalsta pasākumu skaits, ko pašvaldība organizē sociālajiem uzņēmumiem, informēšanai par sociālo "
     "uzņēmējdarbību", "q3_support_events"),
    # ... shortened (B 1, JN 1)
    ("Sociālo uzņēmumu skaits pašvaldībā (pirms un pēc)", "q1_se_count"),
    # case, spaces, diacritics, punctuation
    ("  SABIEDRĪBAS IESAISTES KVALITĀTE  ", "k4_engagement_quality"),
    ("Izveidoto darba vietu skaits socialajos uznemumos, kas sanemusi pasvaldibas atbalstu.", "q6_jobs"),
    # English label and key
    ("Jobs created in social enterprises that received municipal support", "q6_jobs"),
    ("q2_partnerships", "q2_partnerships"),
])
def test_standard_key_matches(text: str, key: str) -> None:
    assert standard_key(text) == key


@pytest.mark.parametrize("text", [
    "Pilotprojekta rezultāti deleģētajos pakalpojumos",  # JN 8: the municipality's own indicator
    "Pašvaldības sniegtā finansiālā un materiālā atbalsta apjoms (€)",  # JN 5: related, not near-exact
    "Jaunu partnerību skaits starp SU, uzņēmējiem un pašvaldību",
    "SU un sociālo inovatoru skaits Whatsapp grupā",
    # B 1: two indicators in one cell is not one standard indicator
    "Sociālo uzņēmumu skaits pašvaldībā (pirms un pēc) Izveidoto darba vietu skaits",
    "", "   ", None,
])
def test_standard_key_leaves_other_text_alone(text) -> None:
    assert standard_key(text) is None


def test_every_standard_label_matches_itself() -> None:
    for choice in STANDARD_INDICATORS:
        assert standard_key(choice.label.lv) == choice.key
        assert standard_key(choice.label.en) == choice.key


@pytest.mark.parametrize("text, key", [("EUR", "eur"), ("eiro", "eur"), ("€", "eur"), ("%", "percent"),
                                       ("Skaits", "count"), (" dalībnieki ", "participants"), ("skolas", "skolas"),
                                       ("", ""), (None, "")])
def test_unit_key(text, key) -> None:
    assert unit_key(text) == key


# --- roll-up --------------------------------------------------------------------------------------

def _row(muni: str, indicator: str = "Jaunu partnerību skaits, kas izveidotas starp sociālajiem uzņēmumiem, "
         "NVO un pašvaldību", unit: str = "skaits", **numbers) -> IndicatorRow:
    """A row as from_row() makes it: a standard indicator picked from the list carries its key."""
    picked = next((c.key for c in STANDARD_INDICATORS if indicator in (c.key, c.label("lv"))), None)
    return IndicatorRow(municipality=muni, indicator=indicator, standard_key=picked, unit=unit, **numbers)


def test_rollup_sums_counts_and_names_who_is_missing() -> None:
    rows = [
        _row(MUNIS[0], baseline=1, target=5, actual=3, target_year=2027),
        _row(MUNIS[1], baseline=0, target=5, actual=1, target_year=2026),
        _row(MUNIS[3], unit="", target=5),  # same indicator picked from the list, unit left empty, no actual yet
    ]
    (r,) = rollup(rows, MUNIS)
    assert (r.key, r.standard_key, r.unit, r.how) == ("q2_partnerships", "q2_partnerships", "count", "sum")
    assert (r.baseline, r.target, r.actual, r.n, r.rows) == (1, 15, 4, 2, 3)
    assert r.reporting == MUNIS[:2]
    assert r.missing == (MUNIS[2], MUNIS[3], MUNIS[4])
    assert r.progress == pytest.approx((4 - 1) / (10 - 1))  # of the two that report
    assert r.target_year == 2027
    assert r.title("en") == "New partnerships between social enterprises, NGOs and the municipality"


def test_free_text_is_never_merged_with_a_standard_indicator_by_similarity() -> None:
    typed = "jaunu partnerību skaits, kas izveidotas starp sociālajiem uzņēmumiem, NVO un pašvaldību."
    youth = "Jauniešu iesaistes aktivitāšu skaits"  # 0.853 like "Sabiedrības iesaistes aktivitāšu skaits"
    rows = [_row(MUNIS[0], target=5, actual=3), _row(MUNIS[1], typed, target=5, actual=1),
            _row(MUNIS[2], "q7_engagement", target=4, actual=1), _row(MUNIS[3], youth, target=2, actual=2)]
    groups = {r.key: r for r in rollup(rows, MUNIS)}
    assert len(groups) == 4
    assert groups["q2_partnerships"].rows == 1 and groups["q7_engagement"].rows == 1
    assert groups[f"{MUNIS[3]}|{fold(youth)}"].reporting == (MUNIS[3],)


def test_a_standard_indicator_is_one_group_whatever_the_count_unit_is_called() -> None:
    rows = [_row(MUNIS[0], "q1_se_count", "", target=2, actual=1), _row(MUNIS[1], "q1_se_count", "skaits", target=1),
            _row(MUNIS[2], "q1_se_count", "sociālais uzņēmums", target=1, actual=1),
            _row(MUNIS[3], "q1_se_count", "%", target=10, actual=5)]
    by_unit = {r.unit: r for r in rollup(rows, MUNIS)}
    assert set(by_unit) == {"count", "percent"}
    assert (by_unit["count"].rows, by_unit["count"].target) == (3, 4)


def test_rollup_averages_percentages_and_keeps_units_apart() -> None:
    awareness = "k2_awareness"
    rows = [_row(MUNIS[1], awareness, "%", target=60, actual=50), _row(MUNIS[3], awareness, "%", target=70, actual=70),
            _row(MUNIS[0], awareness, "skaits", target=3, actual=1)]
    by_unit = {r.unit: r for r in rollup(rows, MUNIS)}
    assert set(by_unit) == {"percent", "count"}
    pct = by_unit["percent"]
    assert (pct.how, pct.target, pct.actual, pct.n) == ("mean", 65, 60, 2)
    assert pct.progress == pytest.approx(60 / 65)
    assert by_unit["count"].reporting == (MUNIS[0],)


def test_rollup_keeps_each_municipalitys_own_indicator_on_its_own_row() -> None:
    rows = [_row(MUNIS[3], "Pilotprojekta rezultāti deleģētajos pakalpojumos", target=1, actual=1),
            _row(MUNIS[4], "PILOTPROJEKTA rezultāti — deleģētajos pakalpojumos!", target=2)]
    found = rollup(rows, MUNIS)
    assert [(r.standard_key, r.target, r.status) for r in found] == [(None, 1, "achieved"), (None, 2, "no_data")]
    assert found[0].label == "Pilotprojekta rezultāti deleģētajos pakalpojumos"
    assert found[0].title("en") == found[0].label


def test_a_free_text_indicator_misses_only_its_own_municipality() -> None:
    rows = [_row(MUNIS[3], "Pilotprojekta rezultāti deleģētajos pakalpojumos", target=1, actual=1),
            _row(MUNIS[4], "Brīvprātīgo stundas kopienā", target=2),
            _row(MUNIS[0], target=5)]  # a standard indicator: every municipality is expected to report it
    own, unreported, standard = rollup(rows, MUNIS)
    assert (own.reporting, own.missing) == ((MUNIS[3],), ())
    assert (unreported.reporting, unreported.missing) == ((), (MUNIS[4],))  # the others never had it
    assert standard.missing == MUNIS


def test_rollup_status_against_the_reporting_date() -> None:
    rows = [_row(MUNIS[0], baseline=0, target=10, actual=2, target_year=2027, baseline_year=2025)]
    early, late = rollup(rows, MUNIS, on=date(2026, 1, 31)), rollup(rows, MUNIS, on=date(2027, 12, 31))
    assert (early[0].status, late[0].status) == ("on_track", "off_track")
    assert rollup(rows, MUNIS)[0].status == "off_track"  # no date: judged against the whole target


def test_rollup_reports_municipalities_outside_the_list_too() -> None:
    (r,) = rollup([_row("Rundāles novads", target=2, actual=1)], MUNIS[:1])
    assert r.reporting == ("Rundāles novads",) and r.missing == (MUNIS[0],)


def test_rollup_of_nothing() -> None:
    assert rollup([], MUNIS) == []
    (r,) = rollup([_row(MUNIS[0])], MUNIS)
    assert (r.baseline, r.target, r.actual, r.progress, r.status) == (None, None, None, None, "no_data")


def test_from_row_reads_a_plan_row() -> None:
    row = {"indicator_id": "I1", "indicator": "q4_participants", "unit": "dalībnieki", "baseline": "0", "target": "40 000", "target_year": 2027.0,
           "actual": 12, "actual_date": date(2026, 6, 30), "baseline_year": "x"}
    r = IndicatorRow.from_row("Aizkraukles novads", row)
    assert (r.standard_key, r.baseline, r.target, r.actual, r.target_year, r.baseline_year, r.indicator_id) == (
        "q4_participants", 0.0, 40000.0, 12.0, 2027, None, "I1")
    typed = IndicatorRow.from_row("Aizkraukles novads", {**row, "indicator": "Dalībnieku skaits atbalsta pasākumos"})
    assert typed.standard_key is None  # text typed by hand is never matched by similarity


# --- properties -----------------------------------------------------------------------------------

amount = st.integers(0, 10_000).map(float)
plan_row = st.builds(
    lambda muni, ind, b, rise, a: _row(muni, ind, "skaits", baseline=b, target=b + rise, actual=a),
    st.sampled_from(MUNIS), st.sampled_from([c.label.lv for c in STANDARD_INDICATORS[:7]]),
    amount, st.integers(1, 1000).map(float), st.none() | amount)


@given(st.lists(plan_row, max_size=25))
def test_regional_totals_equal_the_sum_of_municipal_ones(rows: list[IndicatorRow]) -> None:
    region = {r.key: r for r in rollup(rows, MUNIS)}
    per_muni = [r for m in MUNIS for r in rollup([x for x in rows if x.municipality == m], MUNIS)]
    for key, total in region.items():
        parts = [r for r in per_muni if r.key == key]
        for field in ("baseline", "target", "actual"):
            values = [getattr(p, field) for p in parts if getattr(p, field) is not None]
            assert getattr(total, field) == (sum(values) if values else None)
        assert total.n == sum(p.n for p in parts) and total.rows == sum(p.rows for p in parts)
        assert set(total.reporting) | set(total.missing) == set(MUNIS)


@given(st.lists(st.tuples(st.sampled_from(MUNIS), amount, st.integers(1, 1000).map(float)), min_size=1, max_size=10),
       st.sampled_from(["skaits", "%"]))
def test_regional_progress_is_0_at_baseline_and_1_at_target(parts, unit) -> None:
    at_base = [_row(m, unit=unit, baseline=b, target=b + r, actual=b) for m, b, r in parts]
    at_target = [_row(m, unit=unit, baseline=b, target=b + r, actual=b + r) for m, b, r in parts]
    assert rollup(at_base, MUNIS)[0].progress == pytest.approx(0, abs=1e-9)
    assert rollup(at_target, MUNIS)[0].progress == pytest.approx(1)
    assert rollup(at_target, MUNIS)[0].status == "achieved"


@given(st.lists(plan_row, min_size=1, max_size=10), st.integers(0, 9), st.floats(0, 500))
def test_regional_status_never_improves_when_an_actual_falls(rows, pick, drop) -> None:
    i = pick % len(rows)
    assume(rows[i].actual is not None)
    lowered = list(rows)
    lowered[i] = IndicatorRow(**{**rows[i].__dict__, "actual": rows[i].actual - drop})
    on = date(2026, 6, 30)
    before = {r.key: r.status for r in rollup(rows, MUNIS, on=on)}
    after = {r.key: r.status for r in rollup(lowered, MUNIS, on=on)}
    assert all(status_rank(after[k]) <= status_rank(before[k]) for k in before)
