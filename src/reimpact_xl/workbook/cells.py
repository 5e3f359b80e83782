"""Where a plan sheet's cells are, what its formulas say and what they compute (pure: no Excel library).

Formula text is generated from the Python constants of risks.py and indicators.py, and every formula
has a Python twin here that gives the value cached in the file, so the two cannot drift apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Sequence

from ..plan import indicators, layout, risks
from ..schema import ID_PATTERNS, REF_NAMESPACES, SHEETS_BY_KEY, Column, ColumnType, Sheet
from ..schema.vocab import RISK_LEVELS, STATUSES

SPARE_ROWS = 50  # rows below each table that still get dropdowns, colours and counts
Row = Mapping[str, Any]
_LIKELIHOOD = SHEETS_BY_KEY["risks"].column("likelihood")


def quote_sheet(name: str) -> str:
    """A sheet name as a formula needs it: 'name', inner apostrophes doubled."""
    return "'" + name.replace("'", "''") + "'"


def text_literal(value: str) -> str:
    """A formula string literal: "value", inner quotes doubled."""
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class Geometry:
    """One plan sheet as written: its name, its rows of values, its table size and any cell's address."""

    sheet: Sheet
    name: str
    values: tuple[Row, ...] = ()
    size: int = 1  # rows in the Excel table (the values plus empty rows)

    @property
    def first(self) -> int:
        return layout.FIRST_DATA_ROW

    @property
    def last(self) -> int:
        return self.first + self.size - 1

    @property
    def reach(self) -> int:
        """The last row that still gets dropdowns, colours and counts."""
        return self.last + SPARE_ROWS

    def index(self, key: str) -> int:
        return layout.FIRST_COL + self.sheet.keys.index(key)

    def letter(self, key: str) -> str:
        return layout.col_letter(self.index(key))

    def cell(self, key: str, i: int) -> str:
        """The A1 address of data row i (0-based) in column `key`, e.g. "D7"."""
        return f"{self.letter(key)}{self.first + i}"

    def column_range(self, key: str, *, reach: bool = True) -> str:
        """The sheet-qualified absolute range of one column's data rows."""
        letter, end = self.letter(key), self.reach if reach else self.last
        return f"{quote_sheet(self.name)}!${letter}${self.first}:${letter}${end}"

    def input_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.sheet.input_columns)

    def required_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.sheet.input_columns if c.required)

    def row_cells(self, i: int) -> str:
        """The row's input cells as COUNTA arguments, contiguous columns joined: "A6:K6,N6:Q6"."""
        idx = sorted(self.index(k) for k in self.input_keys())
        runs: list[list[int]] = []
        for x in idx:
            if runs and runs[-1][-1] == x - 1:
                runs[-1].append(x)
            else:
                runs.append([x])
        row = self.first + i
        return ",".join(f"{layout.col_letter(r[0])}{row}" if len(r) == 1 else
                        f"{layout.col_letter(r[0])}{row}:{layout.col_letter(r[-1])}{row}" for r in runs)


# --- values as Excel sees them ------------------------------------------------------------------

def is_blank(value: Any) -> bool:
    """True where Excel's LEN() of the written cell would be 0."""
    return value is None or value == ""


def number(value: Any) -> float | int | None:
    """The value if Excel's ISNUMBER() would be true for it (dates aside), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def whole(value: Any) -> int | None:
    """A number as Excel's DATE() takes a year: truncated."""
    n = number(value)
    return None if n is None else int(n)


def as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def row_has_value(row: Row, sheet: Sheet) -> bool:
    return any(not is_blank(row.get(c.key)) for c in sheet.input_columns)


def missing_required(rows: Iterable[Row], sheet: Sheet) -> int:
    """Empty required cells in rows that hold anything: the cover's "still missing" count."""
    required = [c.key for c in sheet.input_columns if c.required]
    return sum(sum(is_blank(r.get(k)) for k in required) for r in rows if row_has_value(r, sheet))


def filled_rows(rows: Iterable[Row], sheet: Sheet) -> int:
    return sum(row_has_value(r, sheet) for r in rows)


# --- risks --------------------------------------------------------------------------------------

def level_labels(lang: str) -> dict[str, str]:
    return {c.key: c.label(lang) for c in RISK_LEVELS}


def level_variants(level: str) -> tuple[str, ...]:
    """Every spelling that states this level: labels in all languages and the seed plans' aliases."""
    choice = next(c for c in RISK_LEVELS if c.key == level)
    seen: dict[str, str] = {}
    for v in choice.spellings():
        seen.setdefault(v.casefold(), v)
    return tuple(seen.values())


def score_formula(lik: str, sev: str) -> str:
    low, high = int(_LIKELIHOOD.minimum or 1), int(_LIKELIHOOD.maximum or 5)
    bounds = f"AND({lik}>={low},{lik}<={high},{sev}>={low},{sev}<={high})"
    return f'=IF(AND(ISNUMBER({lik}),ISNUMBER({sev})),IF({bounds},{lik}*{sev},""),"")'


def band_formula(score: str, lang: str) -> str:
    labels, expr = level_labels(lang), '""'
    for low, high, level in reversed(risks.BANDS):
        expr = f"IF(AND({score}>={low},{score}<={high}),{text_literal(labels[level])},{expr})"
    return f'=IF(ISNUMBER({score}),{expr},"")'


def risk_cached(row: Row, lang: str) -> tuple[Any, str]:
    """(score, level label) as the formulas compute them; "" where they show nothing."""
    s = risks.score(number(row.get("likelihood")), number(row.get("severity")))  # type: ignore[arg-type]
    level = risks.band(s)
    return ("" if s is None else s), (level_labels(lang)[level] if level else "")


def effective_level(row: Row) -> str | None:
    """The level a risk row counts in on the matrix sheet: its score's band, else its stated level."""
    s = risks.score(number(row.get("likelihood")), number(row.get("severity")))  # type: ignore[arg-type]
    return risks.band(s) or risks.level_key(row.get("level"))


def _matches(stated: str, level: str) -> str:
    return "+".join(f"(TRIM({stated})={text_literal(v)})" for v in level_variants(level))


def level_count_formula(computed: str, stated: str, level: str, lang: str) -> str:
    """Risks in this level: by the computed level, else by the level typed (any case, any spelling)."""
    label = text_literal(level_labels(lang)[level])
    return f'=SUMPRODUCT(({computed}={label})+({computed}="")*({_matches(stated, level)}))'


def unrated_formula(computed: str, stated: str, inputs: Sequence[str]) -> str:
    """Risk rows that hold something but have neither a score nor a recognised level."""
    any_level = "+".join(_matches(stated, lv) for lv in risks.LEVELS)
    filled = "+".join(f"LEN({r})" for r in inputs)
    return f'=SUMPRODUCT((({filled})>0)*({computed}="")*(1-({any_level})))'


def heat_formula(lik: str, sev: str, likelihood: int, impact: int) -> str:
    return f"=COUNTIFS({lik},{likelihood},{sev},{impact})"


# --- indicators ---------------------------------------------------------------------------------

def status_labels(lang: str) -> dict[str, str]:
    return {c.key: c.label(lang) for c in STATUSES}


def progress_formula(baseline: str, target: str, actual: str) -> str:
    base = f"IF(ISNUMBER({baseline}),{baseline},0)"
    return (f"=IF(AND(ISNUMBER({target}),ISNUMBER({actual})),"
            f'IF({target}={base},"",({actual}-{base})/({target}-{base})),"")')


def report_date_expr() -> str:
    name = layout.REPORT_DATE_NAME
    return f"IF(ISNUMBER({name}),INT({name}),TODAY())"


def expected_expr(baseline_year: str, target_year: str, on: str) -> str:
    """indicators.expected_progress as an expression; 1 where it would be None."""
    by, ty = baseline_year, target_year
    start = f"DATE(IF(AND(ISNUMBER({by}),{by}<>0),{by},{ty}-1),12,31)"
    end = f"DATE({ty},12,31)"
    return f"IF(ISNUMBER({ty}),IF({end}<={start},1,MIN(1,MAX(0,({on}-{start})/({end}-{start})))),1)"


def status_formula(progress: str, baseline_year: str, target_year: str, row_cells: str, lang: str) -> str:
    """indicators.status against the cover's reporting date (today when it is empty); "" on empty rows."""
    labels = {k: text_literal(v) for k, v in status_labels(lang).items()}
    gap = f"({expected_expr(baseline_year, target_year, report_date_expr())}-{progress})"
    judged = (f"IF({gap}<={indicators.ON_TRACK_GAP!r},{labels['on_track']},"
              f"IF({gap}<={indicators.BEHIND_GAP!r},{labels['behind']},{labels['off_track']}))")
    return (f'=IF(COUNTA({row_cells})=0,"",IF(NOT(ISNUMBER({progress})),{labels["no_data"]},'
            f"IF({progress}>=1,{labels['achieved']},{judged})))")


def indicator_cached(row: Row, sheet: Sheet, on: date, lang: str) -> tuple[Any, str]:
    """(progress, status label) as the formulas compute them on this reporting date."""
    p = indicators.progress(number(row.get("baseline")), number(row.get("target")), number(row.get("actual")))
    if not row_has_value(row, sheet):
        return ("" if p is None else p), ""
    by, ty = whole(row.get("baseline_year")), whole(row.get("target_year"))
    expected = indicators.expected_progress(on, ty, by) if ty is not None else None
    return ("" if p is None else p), status_labels(lang)[indicators.status(p, expected)]


# --- the cover's counts -------------------------------------------------------------------------

def input_lengths(geo: Geometry) -> str:
    """The summed LEN() of a row's input cells, as an array over the sheet's rows (0: an empty row)."""
    return "+".join(f"LEN({geo.column_range(k)})" for k in geo.input_keys())


def filled_count(geo: Geometry) -> str:
    """How many rows hold something (an expression, no "=")."""
    return f"SUMPRODUCT(--(({input_lengths(geo)})>0))"


def filled_formula(geo: Geometry) -> str:
    return "=" + filled_count(geo)


# --- ID dropdowns -------------------------------------------------------------------------------

def id_namespace(column: Column) -> str:
    """The namespace ("goal", "task", ...) of an ID column, found by its pattern."""
    return next((ns for ns, pat in ID_PATTERNS.items() if pat == column.id_pattern), "")


def ref_sources(geometries: Sequence[Geometry], ref: str) -> list[tuple[Geometry, tuple[str, ...]]]:
    """For a REF namespace ("goal_task"), each sheet's ID columns whose IDs it may pick, in sheet order."""
    return id_sources(geometries, set(REF_NAMESPACES[ref]))


def id_sources(geometries: Sequence[Geometry], wanted: set[str]) -> list[tuple[Geometry, tuple[str, ...]]]:
    """Each sheet's ID columns of the `wanted` ID namespaces ("goal", "task", ...), in sheet order."""
    found = []
    for geo in geometries:
        keys = tuple(c.key for c in geo.sheet.columns if c.type is ColumnType.ID and id_namespace(c) in wanted)
        if keys:
            found.append((geo, keys))
    return found


def id_cells(sources: Sequence[tuple[Geometry, tuple[str, ...]]]) -> list[tuple[str, Any]]:
    """(address, written value) of every cell feeding one ID list, row by row within each sheet."""
    cells = []
    for geo, keys in sources:
        for i in range(geo.reach - geo.first + 1):
            row = geo.values[i] if i < len(geo.values) else {}
            cells.extend((f"{quote_sheet(geo.name)}!{geo.cell(k, i)}", row.get(k)) for k in keys)
    return cells


def excel_trim(value: Any) -> str:
    """Excel's TRIM() of a written value: outer spaces gone, inner runs of spaces made one."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(part for part in str(value).split(" ") if part)
