"""Inline SVG: well-formed, escaped, and drawing what the numbers say."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reimpact_xl.outputs.charts import A4_WIDTH, PALETTE, colour_of, gantt_svg, heatmap_svg, percent, progress_bar
from reimpact_xl.plan.errors import UsageError
from reimpact_xl.plan.indicators import STATUS_COLOURS
from reimpact_xl.plan.periods import parse_period
from reimpact_xl.plan.risks import COLOURS
from reimpact_xl.schema import SHEETS_BY_KEY

SVG = "{http://www.w3.org/2000/svg}"
NASTY = "Biedrība “Cerību spārni” & \"Rundāles Avoti\" <b>ņ</b> 'x'"


def _root(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def _with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def _texts(root: ET.Element, name: str) -> list[str]:
    return ["".join(e.itertext()) if e.find(f"{SVG}title") is None else (e.find(f"{SVG}title").tail or "")
            for e in _with_class(root, name)]


# --- progress bar ---------------------------------------------------------------------------------

def test_progress_bar_fills_its_share_in_the_status_colour() -> None:
    root = _root(progress_bar(0.45, "on_track", width=120))
    (bar,) = _with_class(root, "bar")
    assert float(bar.get("width")) == pytest.approx(54)
    assert bar.get("fill") == STATUS_COLOURS["on_track"][1]
    assert _texts(root, "value") == ["45 %"]
    assert "atbilst plānam" in root.get("aria-label")


def test_progress_bar_over_and_under_the_range() -> None:
    over = _root(progress_bar(1.3, "achieved", width=100))
    assert float(_with_class(over, "bar")[0].get("width")) == 100 and _texts(over, "value") == ["130 %"]
    under = _root(progress_bar(-0.2, "off_track", width=100))
    assert float(_with_class(under, "bar")[0].get("width")) == 0 and _texts(under, "value") == ["-20 %"]


def test_progress_bar_without_data() -> None:
    root = _root(progress_bar(None, "no_data", lang="en"))
    assert _with_class(root, "bar") == [] and _texts(root, "value") == ["no data"]
    assert _texts(_root(progress_bar(None, "no_data")), "value") == ["nav datu"]


@given(st.none() | st.floats(-5, 5, allow_nan=False), st.sampled_from(list(STATUS_COLOURS) + ["odd"]))
def test_progress_bar_is_always_well_formed(value, status) -> None:
    root = _root(progress_bar(value, status))
    assert len(_with_class(root, "bar")) == (value is not None)


def test_percent() -> None:
    assert (percent(0.456), percent(1), percent(None)) == ("46 %", "100 %", "")


# --- risk matrix ----------------------------------------------------------------------------------

GRID = [[0, 1, 0, 2, 1], [0, 0, 3, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [4, 0, 0, 0, 0]]


def test_heatmap_has_25_cells_coloured_by_band_with_counts() -> None:
    root = _root(heatmap_svg(GRID, "Zemgale"))
    cells = _with_class(root, "cell")
    assert len(cells) == 25
    assert cells[4].get("fill") == COLOURS["high"][0]  # top right: likelihood 5 x impact 5
    assert cells[20].get("fill") == COLOURS["low"][0]  # bottom left: 1 x 1
    assert cells[2 * 5 + 2].get("fill") == COLOURS["medium"][0]  # 3 x 3 = 9
    counts = [int(t) for t in _texts(root, "count")]
    assert sorted(counts) == sorted(v for row in GRID for v in row if v) and sum(counts) == 12


def test_heatmap_axes_come_from_the_schema() -> None:
    risks = SHEETS_BY_KEY["risks"]
    for lang in ("lv", "en"):
        axes = _texts(_root(heatmap_svg(GRID, lang=lang)), "axis")
        assert axes == [risks.column("likelihood").label(lang), risks.column("severity").label(lang)]


def test_heatmap_title_is_escaped() -> None:
    root = _root(heatmap_svg(GRID, NASTY))
    assert _texts(root, "title") == [NASTY]
    assert NASTY in root.get("aria-label")


@pytest.mark.parametrize("grid", [[], [[0] * 5] * 4, [[0] * 4] * 5])
def test_heatmap_needs_a_5x5_grid(grid) -> None:
    with pytest.raises(UsageError):
        heatmap_svg(grid)


# --- timeline -------------------------------------------------------------------------------------

SEED_ACTIVITY_TIMELINES = [  # the #7 "Laika grafiks" cells of the five seed plans
    "2027. gads", "2026. gada pirmā puse", "Katru gadu - pavasaris", "2026. gada sākums", "Divas reizes gadā",
    "2026. gada marts", "01.2026.", "2025./2026. mācību gads", "2026. gada septembris", "2025–2026", "2025–2027",
    "2026-2027", "2025. gada oktobris -2026. gada janvāris", "sākot ar 2026. gada janvāri",
    "2026. gada pavasaris–rudens", "2026. gads (2 cikli)", "2026.–2028. gads", "Regulāri- pēc pieprasījuma",
    "1xgadā", "2025.gada decembris", "Mēnesi pirms pasākuma",
]


def _items(texts: list[str]) -> list[tuple[str, object, str]]:
    return [(f"A{i} {NASTY}", parse_period(t), f"M{i % 3}") for i, t in enumerate(texts, 1)]


def test_gantt_draws_one_bar_per_placed_activity() -> None:
    items = _items(SEED_ACTIVITY_TIMELINES)
    root = _root(gantt_svg(items))
    placed = [p for _, p, _ in items if p is not None and p.placed]
    assert len(_with_class(root, "bar")) == len(placed) == 16
    assert len(_with_class(root, "label")) == len(items)
    assert _texts(root, "not-understood") == ["nav saprasts"]  # "Mēnesi pirms pasākuma"
    assert "katru gadu" in _texts(root, "period")  # understood, but not placeable: no bar
    assert _texts(root, "year-label") == ["2025", "2026", "2027", "2028"]
    assert float(root.get("width")) == A4_WIDTH


def test_gantt_escapes_labels_and_keeps_latvian_letters() -> None:
    label = "Kampaņa “Sociālais bizness” & <pop-up> \"tirdziņi\""
    root = _root(gantt_svg([(label, parse_period("2026. gada marts"), "M1")], "en"))
    (text,) = _with_class(root, "label")
    assert text.find(f"{SVG}title").text == label
    assert _texts(root, "title") == ["Timeline"]


def test_gantt_bars_follow_the_months() -> None:
    items = [("a", parse_period("2026. gads"), "M1"), ("b", parse_period("2026. gada 2. ceturksnis"), "M1"),
             ("c", parse_period("2027. gada decembris"), "M1")]
    root = _root(gantt_svg(items, width=700))
    year, quarter, month = (_with_class(root, "bar")[i] for i in range(3))
    x = lambda e: float(e.get("x"))  # noqa: E731
    w = lambda e: float(e.get("width"))  # noqa: E731
    near = lambda a, b: a == pytest.approx(b, abs=0.01)  # noqa: E731  (coordinates carry 6 digits)
    assert near(w(year), 4 * w(quarter)) and near(w(year), 12 * w(month))
    assert near(x(quarter), x(year) + 3 * w(month))
    assert near(x(month), x(year) + 23 * w(month))


def test_gantt_open_ended_periods_reach_the_edge() -> None:
    items = [("from", parse_period("sākot ar 2026. gada janvāri"), "M1"), ("until", parse_period("līdz 2027"), "M1"),
             ("span", parse_period("2025–2027"), "M1")]
    root = _root(gantt_svg(items))
    start_open, end_open = _with_class(root, "open-start"), _with_class(root, "open-end")
    assert len(start_open) == 1 and len(end_open) == 1
    span = _with_class(root, "bar")[2]
    assert float(start_open[0].get("x")) == float(span.get("x"))  # "līdz 2027" starts where the axis starts
    end = lambda e: float(e.get("x")) + float(e.get("width"))  # noqa: E731
    assert end(end_open[0]) == pytest.approx(end(span))  # "sākot ar" runs to the axis end


def test_gantt_today_line_only_inside_the_axis() -> None:
    items = [("a", parse_period("2026. gads"), "M1")]
    assert len(_with_class(_root(gantt_svg(items, today=date(2026, 5, 1))), "today")) == 1
    assert _with_class(_root(gantt_svg(items, today=date(2030, 5, 1))), "today") == []


def test_gantt_with_nothing_placeable() -> None:
    root = _root(gantt_svg([("a", None, "M1"), ("b", parse_period("Reizi gadā"), "M1")], "en"))
    assert _with_class(root, "bar") == [] and _with_class(root, "year-label") == []
    assert _texts(root, "period") == ["not understood", "yearly"]
    assert _root(gantt_svg([])).tag == f"{SVG}svg"


def test_colour_keys() -> None:
    assert colour_of("#123456") == "#123456"
    assert colour_of("behind") == STATUS_COLOURS["behind"][1]
    assert colour_of("high") == COLOURS["high"][1]
    assert colour_of("M1.U2") == colour_of("M1.U2") in PALETTE


@given(st.lists(st.tuples(st.text(max_size=40), st.sampled_from(SEED_ACTIVITY_TIMELINES + [""]),
                          st.text(max_size=8)), max_size=12))
def test_gantt_is_always_well_formed(rows) -> None:
    items = [(label, parse_period(t), key) for label, t, key in rows]
    root = _root(gantt_svg(items))
    assert len(_with_class(root, "bar")) == sum(1 for _, p, _ in items if p is not None and p.placed)


def test_a_colour_key_that_only_looks_like_a_colour_is_not_written_into_an_attribute() -> None:
    assert colour_of("#\x0800") in PALETTE and colour_of('#"><x') in PALETTE  # found by Hypothesis
    assert colour_of("#2E75B6") == "#2E75B6"
