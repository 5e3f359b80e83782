"""The five example plans are faithful transcriptions of the seed plans (catalogue §13, §15)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from paths import EXAMPLES_DIR, REGENERATE
from reimpact_xl.schema import SHEETS_BY_KEY
from reimpact_xl.workbook.examples import _yaml_load, load_example

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CODES = {"A": "aizkraukles_novads", "B": "bauskas_novads", "D": "dobeles_novads", "JN": "jelgavas_novads",
         "JV": "jelgavas_valstspilseta"}

# Catalogue §13: data rows per worksheet (split rows counted once, rows marked _extra not counted).
ROWS = {
    "partners": {"A": 7, "B": 13, "D": 9, "JN": 7, "JV": 12},
    "data_sources": {"A": 9, "B": 9, "D": 9, "JN": 16, "JV": 10},
    "needs": {"A": 6, "B": 7, "D": 5, "JN": 6, "JV": 7},
    "resources": {"A": 8, "B": 11, "D": 8, "JN": 9, "JV": 8},
    "action_plan": {"A": 9, "B": 10, "D": 4, "JN": 8, "JV": 10},
    "indicators": {"A": 11, "B": 7, "D": 5, "JN": 8, "JV": 13},
    "engagement": {"A": 11, "B": 7, "D": 4, "JN": 5, "JV": 8},
    "risks": {"A": 8, "B": 8, "D": 6, "JN": 6, "JV": 7},
    "monitoring": {"A": 6, "B": 7, "D": 6, "JN": 7, "JV": 5},
}
LEGAL_ACT_COLUMNS = {"A": (4, 2, 2), "B": (4, 2, 4), "D": (4, 2, 1), "JN": (4, 4, 4), "JV": (4, 3, 3)}
GOALS = {"A": 2, "B": 5, "D": 5, "JN": 9, "JV": 3}
TASKS = {"A": 9, "B": 13, "D": 5, "JN": 14, "JV": 9}  # D: five task cells, each split into its clauses
CHECKLIST_TICKS = {"A": 2, "B": 1, "D": 0, "JN": 5, "JV": 2}  # JN: 3 template items + 2 added, all ticked
RISK_LEVELS = {"A": (2, 2, 4), "B": (0, 3, 5), "D": (0, 4, 2), "JN": (0, 5, 1), "JV": (2, 5, 0)}  # §15


def raw(code: str) -> dict:
    return _yaml_load((EXAMPLES_DIR / f"{CODES[code]}.yaml").read_text(encoding="utf-8"))


def counted(rows: list[dict]) -> int:
    """Rows not marked _extra; the parts of one split seed row ("1/3", "2/3", ...) count once."""
    total, group_counted = 0, False
    for row in rows:
        split = str(row.get("_split", ""))
        if not split or split.startswith("1/"):
            group_counted = False
        if not row.get("_extra") and not group_counted:
            total += 1
            group_counted = bool(split)
    return total


@pytest.mark.parametrize("code", CODES)
def test_row_counts_match_the_catalogue(code):
    sheets = raw(code)["sheets"]
    got = {key: counted(sheets.get(key) or []) for key in ROWS}
    assert got == {key: counts[code] for key, counts in ROWS.items()}


@pytest.mark.parametrize("code", CODES)
def test_goals_tasks_and_legal_acts_match_the_catalogue(code):
    sheets = raw(code)["sheets"]
    goals = sheets["goals"]
    assert len({g["goal_id"] for g in goals}) == GOALS[code]
    tasks = counted([g for g in goals if g.get("task")]) if code == "D" else sum(1 for g in goals if g.get("task"))
    assert tasks == TASKS[code]
    acts = sheets["legal_acts"]
    assert tuple(sum(1 for r in acts if r.get(c)) for c in ("national_act", "strategy", "programme")) \
        >= LEGAL_ACT_COLUMNS[code]


@pytest.mark.parametrize("code", CODES)
def test_checklist_ticks_and_risk_levels_are_the_seeds(code):
    sheets = raw(code)["sheets"]
    assert sum(1 for r in sheets["checklist"] if r.get("state")) == CHECKLIST_TICKS[code]
    levels = [str(r.get("level", "")).casefold() for r in sheets["risks"]]
    assert tuple(levels.count(w) for w in ("zems", "vidējs", "augsts")) == RISK_LEVELS[code]


@pytest.mark.parametrize("code", CODES)
def test_keys_are_the_schema_and_nothing_is_invented(code):
    plan = load_example(EXAMPLES_DIR / f"{CODES[code]}.yaml")
    for key, table in plan.tables.items():
        allowed = set(SHEETS_BY_KEY[key].keys)
        for row in table.rows:
            assert set(row) <= allowed, (key, set(row) - allowed)
            # likelihood/impact ratings and actual values: no seed plan states any (catalogue §14, §15)
            assert not {"likelihood", "severity", "actual", "baseline", "actual_date"} & set(row)


def _fold(text: str) -> str:
    """Whitespace and PDF hyphenation removed, quotes unified: the seed and a cell compare by letters."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", "", text).replace("”", "\"").replace("“", "\"").replace("„", "\"")


@pytest.mark.parametrize("code", CODES)
def test_text_cells_stand_verbatim_in_the_seed(code):
    if not SEEDS.exists():
        pytest.skip("the seed plans (../shared/seeds) are not beside this checkout")
    seed = _fold((SEEDS / f"{CODES[code]}.txt").read_text(encoding="utf-8"))
    seed_nohyphen = seed.replace("-", "")
    cells = [v for rows in raw(code)["sheets"].values() for r in rows or [] for k, v in r.items()
             if isinstance(v, str) and not k.startswith("_") and len(v) > 15]
    missing = [v for v in cells if _fold(v) not in seed and _fold(v).replace("-", "") not in seed_nohyphen]
    # Cells re-assembled from interleaved PDF columns cannot stand in one run; they are few and noted.
    assert len(missing) <= max(3, len(cells) // 12), missing[:10]
    assert len(cells) > 60


@pytest.mark.parametrize(("code", "sheet", "text"), [
    ("A", "action_plan", "Ik gadu pašvaldības budžetā tiek atvēlēti 20000 Biznesa ideju konkursam"),
    ("B", "partners", "Līdzdalības budžets (158 000 EUR)"),
    ("D", "goals", "Sekmēt sociālās uzņēmējdarbības attīstību par 25% līdz 2027. gadam."),
    ("JN", "goals", "??? Par cik???"),
    ("JV", "goals", "Palielināt sociālo uzņēmumu skaitu pašvaldībā par 20% līdz 2027. gadam"),
])
def test_catalogue_quotes_are_in_the_right_sheet(code, sheet, text):
    values = [str(v) for r in raw(code)["sheets"][sheet] for k, v in r.items() if not k.startswith("_")]
    assert any(text in v for v in values), text


def _values(path: Path) -> dict:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_committed_example_workbooks_are_built_from_the_transcriptions(tmp_path):
    """workbook/examples/*.xlsx equal a fresh build."""
    from reimpact_xl.workbook.examples import build_examples

    for fresh in build_examples(tmp_path):
        committed = EXAMPLES_DIR / fresh.name
        stale = f"{committed.name} is missing or stale: run {REGENERATE} and commit the result"
        assert committed.exists(), stale
        assert _values(committed) == _values(fresh), stale
