"""Risk score, band, stated levels and the regional heat map."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reimpact_xl.plan.risks import (
    BANDS,
    COLOURS,
    LEVELS,
    RiskRow,
    band,
    effective_level,
    heatmap,
    level_counts,
    level_key,
    regional_risks,
    score,
    summarise,
)
from reimpact_xl.schema.vocab import RISK_LEVELS

# The five seed plans' #10 levels as typed (catalogue §15): none has a likelihood or an impact.
SEED_LEVELS = {
    "Aizkraukles novads": ["zems", "vidējs", "Zems", "Augsts", "Vidējs", "Augsts", "Augsts", "Augsts"],
    "Bauskas novads": ["Augsts", "Vidējs", "Vidējs", "Augsts", "Augsts", "Vidējs", "Augsts", "Augsts"],
    "Dobeles novads": ["vidējs", "vidējs", "augsts", "vidējs", "augsts", "vidējs"],
    "Jelgavas novads": ["Augsts", "Vidējs", "Vidējs", "Vidējs", "Vidējs", "Vidējs"],
    "Jelgavas valstspilsēta": ["vidējs", "zems", "vidējs", "vidējs", "zems", "vidējs", "vidējs"],
}
SEED_TOTALS = {  # zems / vidējs / augsts, as the catalogue counts them
    "Aizkraukles novads": (2, 2, 4), "Bauskas novads": (0, 3, 5), "Dobeles novads": (0, 4, 2),
    "Jelgavas novads": (0, 5, 1), "Jelgavas valstspilsēta": (2, 5, 0),
}


def test_score_and_band() -> None:
    assert score(3, 4) == 12 and band(12) == "high"
    assert score(0, 4) is None and score(6, 1) is None and score(None, 3) is None
    assert [band(s) for s in (1, 4, 5, 9, 10, 25)] == ["low", "low", "medium", "medium", "high", "high"]
    assert band(None) is None and band(26) is None


def test_bands_cover_every_score_once() -> None:
    covered = [s for low, high, _ in BANDS for s in range(low, high + 1)]
    assert covered == list(range(1, 26))
    assert set(COLOURS) == set(LEVELS) == {c.key for c in RISK_LEVELS}


@pytest.mark.parametrize("text, key", [("Augsts", "high"), ("augsta", "high"), (" Vidējs ", "medium"),
                                       ("videjs", "medium"), ("ZEMS", "low"), ("high", "high"), ("medium", "medium"),
                                       ("Zems atbalsts un iesaiste", None), ("", None), (None, None), (3, None)])
def test_level_key_reads_the_seed_spellings(text, key) -> None:
    assert level_key(text) == key


def test_score_wins_over_the_stated_level() -> None:
    assert effective_level("low", 4, 5) == "high"
    assert effective_level("medium", None, 5) == "medium"
    assert effective_level("sort of", None, None) is None
    assert RiskRow("X", 2, 2, "Augsts").effective == "low"


def test_seed_registers_count_stated_levels_in_their_band() -> None:
    rows = [RiskRow(m, level=lv) for m, levels in SEED_LEVELS.items() for lv in levels]
    result = regional_risks(rows, list(SEED_LEVELS))
    for summary in result.municipalities:
        assert tuple(summary.counts[lv] for lv in LEVELS) == SEED_TOTALS[summary.name]
        assert summary.scored == 0 and summary.stated_only == summary.total
        assert sum(map(sum, summary.grid)) == 0  # no score is invented for the matrix
    assert tuple(result.region.counts[lv] for lv in LEVELS) == (4, 19, 12)
    assert result.region.total == 35 and result.region.counts["none"] == 0


def test_regional_risks_mixes_scored_stated_and_unrated() -> None:
    rows = [RiskRow("Bauskas novads", 4, 5, "zems"), RiskRow("Bauskas novads", None, None, "vidējs"),
            RiskRow("Dobeles novads", 1, 2), RiskRow("Dobeles novads", None, 3, ""),
            RiskRow("Rundāles novads", 5, 5)]
    result = regional_risks(rows, ["Aizkraukles novads", "Bauskas novads", "Dobeles novads"], region="Zemgale")
    names = [s.name for s in result.municipalities]
    assert names == ["Aizkraukles novads", "Bauskas novads", "Dobeles novads", "Rundāles novads"]
    aizkraukle, bauska, dobele, _ = result.municipalities
    assert (aizkraukle.total, aizkraukle.counts["none"]) == (0, 0)
    assert dict(bauska.counts) == {"low": 0, "medium": 1, "high": 1, "none": 0}
    assert (bauska.scored, bauska.stated_only) == (1, 1)
    assert bauska.grid[0][3] == 1  # impact 5 (top row), likelihood 4
    assert dict(dobele.counts) == {"low": 1, "medium": 0, "high": 0, "none": 1}
    assert result.region.name == "Zemgale" and result.region.grid[0][4] == 1 and result.region.scored == 3


def test_from_row() -> None:
    row = {"risk_id": "R2", "factor": "Normatīvo aktu ierobežojumi", "likelihood": 3.0, "severity": "4",
           "level": "Vidējs"}
    r = RiskRow.from_row("Dobeles novads", row)
    assert (r.likelihood, r.severity, r.score, r.effective, r.risk_id) == (3, 4, 12, "high", "R2")
    assert RiskRow.from_row("D", {"likelihood": True, "severity": 2.5}).score is None


# --- properties -----------------------------------------------------------------------------------

@given(st.integers(1, 25), st.integers(1, 25))
def test_band_never_falls_as_the_score_rises(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert LEVELS.index(band(low)) <= LEVELS.index(band(high))


rate = st.none() | st.integers(-1, 7)
risk = st.builds(RiskRow, st.sampled_from(["A", "B", "D", "JN", "JV"]), rate, rate,
                 st.none() | st.sampled_from(["zems", "Vidējs", "augsti", "high", "???", ""]))


@given(st.lists(risk, max_size=40))
def test_heatmap_totals_equal_the_number_of_scored_risks(rows: list[RiskRow]) -> None:
    scored = [r for r in rows if r.score is not None]
    assert sum(map(sum, heatmap((r.likelihood, r.severity) for r in scored))) == len(scored)
    summary = summarise("", rows)
    assert sum(map(sum, summary.grid)) == summary.scored == len(scored)
    assert sum(summary.counts.values()) == summary.total == len(rows)
    assert summary.counts["none"] == len(rows) - summary.scored - summary.stated_only


@given(st.lists(risk, max_size=40))
def test_region_is_the_sum_of_its_municipalities(rows: list[RiskRow]) -> None:
    result = regional_risks(rows)
    for i in range(5):
        for j in range(5):
            assert result.region.grid[i][j] == sum(s.grid[i][j] for s in result.municipalities)
    for level in (*LEVELS, "none"):
        assert result.region.counts[level] == sum(s.counts[level] for s in result.municipalities)


def test_level_counts_keeps_every_level() -> None:
    assert level_counts([]) == {"low": 0, "medium": 0, "high": 0, "none": 0}
