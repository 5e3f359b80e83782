"""What the master workbook's tables show (pure): rows, colours and links from the regional picture.

master.py writes them empty into the new master; xl.py writes them filled after "Apkopot".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import safetext
from ..outputs.regional_workbook import NAMES as TABLE_NAMES  # the regional workbook's sheet names and colours
from ..outputs.regional_workbook import SEVERITY_COLOURS
from ..plan import risks
from ..plan.indicators import STATUS_COLOURS
from ..plan.issues import Report
from ..region import grids as regional
from ..region.model import Result
from ..region.picture import RegionalPicture, build_picture
from ..region.rollup import ROLLUP_KEYS
from ..region.yearview import SHEET
from ..schema import SHEETS, Text
from ..schema.vocab import RISK_LEVELS, STATUSES

HEADING = "#D9D9D9"  # fill of the headings inside a table body (risk matrix)
NOT_SUBMITTED = regional.NOT_SUBMITTED


# --- tables -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """A background colour over `rows` cells of one column; row 0 is the table's header."""

    row: int
    col: int
    colour: str
    rows: int = 1


@dataclass(frozen=True)
class Link:
    """A hyperlink on one cell: to a file, optionally at a place in it ("path#'Sheet'!A1")."""

    row: int
    col: int
    address: str
    text: str
    tip: str = ""


@dataclass(frozen=True)
class Block:
    """The content of one master sheet from its anchor: header and rows (rectangular), colours, links."""

    key: str
    rows: tuple[tuple[Any, ...], ...]
    fills: tuple[Fill, ...] = ()
    links: tuple[Link, ...] = ()
    widths: Mapping[int, int] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


# Text Excel would not keep as typed when set as a cell's value: a formula (= + - @) or what reads as a
# number or date ("2025", "01.2026.", "1/2", "40 000"). A leading apostrophe keeps it text, unseen.
_READ_AS_NOT_TEXT = re.compile(r"^\s*[=+\-@]|^[\d\s.,:/%]+$")


def as_values(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows as Range.value must get them: every text that Excel would turn into a formula, number or date
    carries the apostrophe prefix, so submitted text is shown as written and never runs as a formula."""
    return [[_text(v) if isinstance(v, str) else v for v in row] for row in rows]


def _text(value: str) -> str:
    """One text for Range.value: within a cell's limit, room left for the apostrophe (Excel escapes controls)."""
    value = safetext.excel_text(value, safetext.CELL - 1, escaped=True)
    return f"'{value}" if _READ_AS_NOT_TEXT.search(value) else value


def table_keys() -> tuple[str, ...]:
    """The master's table sheets in workbook order."""
    return ("status", *(s.key for s in SHEETS), "yoy", "rollup", "matrix", "issues")


def sheet_name(key: str, lang: str) -> str:
    """The master's sheet name of a table key."""
    if key in TABLE_NAMES:
        return TABLE_NAMES[key](lang)
    if key == "yoy":
        return SHEET(lang)
    return next(s.name(lang) for s in SHEETS if s.key == key)


def _block(key: str, rows: Sequence[Sequence[Any]], fills: Sequence[Fill] = (), links: Sequence[Link] = (),
           widths: Mapping[int, int] | None = None) -> Block:
    width = max((len(r) for r in rows), default=0)
    grid = tuple(tuple(_cell(v) for v in r) + (None,) * (width - len(r)) for r in rows)
    return Block(key, grid, _merge(fills), tuple(links), dict(widths or {}))


def _cell(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return None if value == "" else value


def _merge(fills: Sequence[Fill]) -> tuple[Fill, ...]:
    """Adjacent fills of one colour in one column become one range (one action for xlwings)."""
    merged: list[Fill] = []
    for f in sorted(fills, key=lambda f: (f.col, f.row)):
        last = merged[-1] if merged else None
        if last and last.col == f.col and last.colour == f.colour and last.row + last.rows == f.row:
            merged[-1] = Fill(last.row, last.col, last.colour, last.rows + f.rows)
        else:
            merged.append(f)
    return tuple(merged)


def blocks(picture: "RegionalPicture") -> list[Block]:
    """Every table of the master, in table_keys() order, from the regional picture (of a consolidation,
    or of an empty Result for the new master)."""
    out = [status_block(picture)]
    out += [sheet_block(s.key, picture) for s in SHEETS]
    return out + [yoy_block(picture), rollup_block(picture), matrix_block(picture), issues_block(picture)]


def empty_result() -> "Result":
    return Result([], Report())


def empty_picture(lang: str) -> "RegionalPicture":
    """The picture of no consolidation: the tables' headers only (the new master)."""
    return build_picture(empty_result(), lang)


def status_block(picture: "RegionalPicture") -> Block:
    """One row per inbox file, then the expected municipalities that sent none; status coloured."""
    grid = picture.status
    n = len(picture.files)
    fills = [Fill(i, 2, colour) for i, colour in enumerate(_status_colours(picture), 1)]
    fills += [Fill(i, 2, risks.COLOURS["medium"][0]) for i in range(n + 1, len(grid.rows) + 1)]
    fills += [Fill(i, c, risks.COLOURS[level][0]) for i, r in enumerate(grid.rows[:n], 1)
              for c, level in ((3, "high"), (4, "medium")) if isinstance(r[c], int) and r[c] > 0]
    return _block("status", [grid.header, *grid.rows], fills, widths={0: 24, 1: 30, 9: 22, 10: 26, 13: 20})


def _status_colours(picture: "RegionalPicture") -> list[str]:
    colours = []
    for f in picture.files:
        if f.source.status == "superseded":
            colours.append(STATUS_COLOURS["no_data"][0])
        elif f.source.status in ("unreadable", "not_plan") or f.errors:
            colours.append(risks.COLOURS["high"][0])
        else:
            colours.append(STATUS_COLOURS["on_track"][0])
    return colours


def sheet_block(key: str, picture: "RegionalPicture") -> Block:
    """All municipalities' rows of one worksheet; risk levels and indicator status coloured."""
    sheet = next(s for s in SHEETS if s.key == key)
    grid = picture.sheets[key]
    fills: list[Fill] = []
    for i, row in enumerate(grid.rows, 1):
        values = dict(zip(grid.keys, row))
        if key == "risks":
            level = risks.RiskRow.from_row("", values).effective
            fills += [Fill(i, grid.keys.index(k), risks.COLOURS[level][0]) for k in ("level", "computed_level")
                      if level and k in grid.keys]
        if key == "indicators" and _status_key(values.get("status")):
            fills.append(Fill(i, grid.keys.index("status"), STATUS_COLOURS[_status_key(values["status"])][0]))
    widths = {0: 20, 1: 26, **{i + 2: c.width for i, c in enumerate(sheet.columns)}}
    return _block(key, [grid.header, *grid.rows], fills, widths=widths)


def _status_key(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    folded = text.strip().casefold()
    return next((c.key for c in STATUSES if folded in {v.casefold() for v in (c.key, *c.label.variants())}), None)


def rollup_block(picture: "RegionalPicture") -> Block:
    """The regional indicator roll-up, its status column coloured."""
    grid = picture.rollup_grid
    col = ROLLUP_KEYS.index("status")
    fills = [Fill(i, col, STATUS_COLOURS[k][0]) for i, r in enumerate(grid.rows, 1) if (k := _status_key(r[col]))]
    return _block("rollup", [grid.header, *grid.rows], fills, widths={0: 44, 9: 30, 10: 30})


def yoy_block(picture: "RegionalPicture") -> Block:
    """Each indicator's actual value in every archived year, its change and trend (yearview.py)."""
    grid = picture.years.grid
    rows = [list(r[:-1]) for r in (grid.header, *grid.rows)]  # Excel's sparklines are the regional workbook's
    return _block("yoy", rows, widths={0: 24, 2: 44})


def matrix_block(picture: "RegionalPicture") -> Block:
    """Risks per level and municipality, then the regional 5x5 matrix coloured by band."""
    lang, levels = picture.lang, picture.risk_levels
    rows: list[list[Any]] = [list(levels.header), *levels.rows, []]
    top = len(rows)
    rows.append([Text("regional_workbook.title")(lang)])
    rows.append([Text("regional_workbook.matrix.impact_likelihood")(lang), 1, 2, 3, 4, 5])
    fills = [Fill(top + 1, c, HEADING) for c in range(6)] + [Fill(top + 2, 0, HEADING, 5)]
    fills += [Fill(i, c, risks.COLOURS[level][0]) for i, r in enumerate(levels.rows, 1)
              for c, level in enumerate(risks.LEVELS, 1) if isinstance(r[c], int) and r[c] > 0]
    for r, counts in enumerate(picture.risks.region.grid):
        impact = 5 - r
        rows.append([impact, *counts])
        fills += [Fill(top + 2 + r, lik, risks.COLOURS[risks.band(impact * lik) or "low"][0]) for lik in range(1, 6)]
    return _block("matrix", rows, fills, widths={0: 26, **{c: 14 for c in range(1, 6)}})


def issues_block(picture: "RegionalPicture", paths: Mapping[str, Path] | None = None) -> Block:
    """Every issue; severity coloured; the cell links to the file (by name in `paths`) at that cell."""
    lang, grid = picture.lang, picture.issue_grid
    paths = paths if paths is not None else picture.paths
    severity, cell = grid.keys.index("severity"), grid.keys.index("cell")
    fills = [Fill(i, severity, SEVERITY_COLOURS[issue.level.value]) for i, issue in enumerate(picture.issues, 1)]
    links = []
    for i, issue in enumerate(picture.issues, 1):
        path = paths.get(issue.file)
        if path is not None and issue.cell:
            address = safetext.url(f"{Path(path).resolve()}#{issue.ref}")
            if address:  # Excel holds it: XML characters only, within its length limit
                tip = safetext.excel_text(issue.message(lang), safetext.TIP)
                links.append(Link(i, cell, address, issue.cell, tip))
    return _block("issues", [grid.header, *grid.rows], fills, links,
                  widths={0: 20, 1: 26, 2: 20, 3: 8, 4: 12, 5: 22, 6: 36, 7: 90})


def file_issues(checked: Sequence[tuple[Path, Report]]) -> tuple["Result", dict[str, Path]]:
    """The reports of single files (validated, or read for carrying forward) as one Result, and their paths."""
    from dataclasses import replace

    report = Report([replace(i, file=i.file or path.name) for path, found in checked for i in found])
    return replace(empty_result(), report=report), {path.name: path for path, _ in checked}


# --- worksheet functions' arguments -------------------------------------------------------------------


def level_label(level: str | None, lang: str) -> str:
    return next((c.label(lang) for c in RISK_LEVELS if c.key == level), "")


def status_label(key: str, lang: str) -> str:
    return next(c.label(lang) for c in STATUSES if c.key == key)
