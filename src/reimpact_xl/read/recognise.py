"""Recognise a plan in a grid of cell values (pure): which sheet is which, where the header is, which
rows are template scaffolding. Tolerant of what people do to workbooks: renamed and reordered sheets,
moved and inserted columns, rows added above the table, headers in either language or the seed wording.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from ..plan import layout
from ..schema import COVER_SHEET, SHEETS, SHEETS_BY_KEY, ColumnType, Sheet, Text, languages
from .normalise import fold, is_blank, non_blank, text

Grid = list[list[Any]]
SEARCH_ROWS = 15  # the header (and the hidden key row) is looked for in this many top rows
TITLE_ROWS = 4
# Header wording of the seed plans (and common variants) where it differs from the schema's labels.
SEED_LABELS: dict[tuple[str, str], tuple[str, ...]] = {
    ("risks", "reactive"): ("Reaktīvā rīcība un atbildīgais (kas un ko dara, ja risks iestājas)",
                            "Reaktīvā rīcība un atbildīgais"),
    ("*", "no"): ("Nr.", "Nr.p.k.", "N.p.k.", "No.", "Nr"),
}
SCAFFOLD_LABELS = frozenset(fold(t) for t in (
    "Piemērs", "Piemērs:", "Piemērs aktivitātei:", "Resursu veidu piemēri", "Resursu veidu piemēri:",
    "Piemēri sadarbības daudzveidībai:", "Example", "Example:"))
EXAMPLE_LABEL = Text("example.label")  # "Piemērs:" in each catalogue
_NUMBERED = re.compile(r"^(?:(?:darba lapa|darblapa|worksheet|dl|ws)\s*)?#?\s*(\d{1,2}[ab]?)(?:\s+(.*))?$")


@dataclass(frozen=True)
class Header:
    """Where a table stands in its grid: the header row, a column index per key, unknown columns."""

    row: int  # 0-based index of the label row; data start on the next row
    columns: Mapping[str, int]  # column key -> 0-based column index
    extras: Mapping[int, str] = field(default_factory=dict)  # column index -> its header text
    by_keys: bool = False  # found through the hidden key row (else through labels)


# ---- sheets ----

def split_name(name: str) -> tuple[str, str]:
    """A sheet name as (worksheet number, words): "Darba lapa #7" -> ("7", ""), "7 Plāns" -> ("7", "plans")."""
    folded = fold(name)
    found = _NUMBERED.match(folded)
    return (found.group(1), found.group(2) or "") if found else ("", folded)


def name_score(name: str, sheet: Sheet) -> int:
    """How surely a workbook sheet name means this schema sheet: 6 identical ... 2 same words, 0 no."""
    number, words = split_name(name)
    best = 0
    for variant in sheet.name.variants():
        v_number, v_words = split_name(variant)
        if fold(name) == fold(variant):
            return 6
        if words and words == v_words and number in ("", sheet.number):
            best = max(best, 5)
        elif number == sheet.number:
            best = max(best, 4 if not words else 3)
        elif not number and words and _word_prefix(words, v_words):
            best = max(best, 2)
    return best


def _word_prefix(a: str, b: str) -> bool:
    if a[:5] != b[:5]:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and (long_ == short or long_.startswith(short + " "))


def is_cover(name: str) -> bool:
    return fold(name) in {fold(v) for v in COVER_SHEET.variants()}


def identify_sheets(names: Sequence[str], meta: Mapping[str, Any],
                    peek: Callable[[str], Grid | None]) -> dict[str, str]:
    """Schema sheet key -> workbook sheet name: by metadata, then by name, then by content."""
    found: dict[str, str] = {}
    for sheet in SHEETS:
        named = meta.get(layout.SHEET_PREFIX + sheet.key)
        if isinstance(named, str) and named in names and named not in found.values():
            found[sheet.key] = named
    # sheets named "_…" are the template's hidden helpers (metadata, dropdown lists): never plan sheets
    free = [n for n in names if n not in found.values() and not is_cover(n) and not n.startswith("_")]
    scores = [(name_score(n, s), n, s.key) for n in free for s in SHEETS if s.key not in found]
    _assign(found, [x for x in scores if x[0] >= 2])
    free = [n for n in free if n not in found.values()]
    if len(found) == len(SHEETS):
        return found
    contents: list[tuple[int, str, str]] = []
    for name in free:
        grid = peek(name)
        if grid:
            contents.extend((content_score(grid, s), name, s.key) for s in SHEETS if s.key not in found)
    _assign(found, [x for x in contents if x[0] > 0])
    return found


def _assign(found: dict[str, str], scored: list[tuple[int, str, str]]) -> None:
    """Greedy by score; a name whose best score ties between two sheets is left for a later pass."""
    best: dict[str, list[tuple[int, str]]] = {}
    for score, name, key in scored:
        best.setdefault(name, []).append((score, key))
    for score, name, key in sorted(scored, key=lambda x: -x[0]):
        if key in found or name in found.values():
            continue
        rivals = [s for s, k in best[name] if k not in found and s == score]
        if len(rivals) == 1:
            found[key] = name


def content_score(grid: Grid, sheet: Sheet) -> int:
    """How surely a grid holds this sheet: its key row weighs most, then its title, then its labels."""
    keys = frozenset(sheet.keys)
    key_hits = max((_key_hits(row, keys) for row in grid[:SEARCH_ROWS]), default=0)
    title = max((_title_hit(cell, sheet) for row in grid[:TITLE_ROWS] for cell in row[:3]), default=0)
    labels = max((len(match_labels(row, sheet)) for row in grid[:SEARCH_ROWS]), default=0)
    return (10 * key_hits if key_hits >= 2 else 0) + 5 * title + (labels if labels >= _label_threshold(sheet) else 0)


def _title_hit(cell: Any, sheet: Sheet) -> int:
    if not isinstance(cell, str) or len(cell) < 10:
        return 0
    folded = fold(cell)
    hits = [2 if folded == fold(t) or folded.startswith(fold(t)) else 0 for t in sheet.title.variants()]
    return max(hits, default=0)


# ---- the header ----

def find_header(grid: Grid, sheet: Sheet) -> Header | None:
    """The table's header: through the hidden key row if it is there, else the best row of labels."""
    return _header_by_keys(grid, sheet) or _header_by_labels(grid, sheet)


def _key_hits(row: Sequence[Any], keys: frozenset[str]) -> int:
    return len(keys.intersection([c.strip() for c in row if isinstance(c, str)]))


def _header_by_keys(grid: Grid, sheet: Sheet) -> Header | None:
    names = sheet.keys
    keys = frozenset(names)
    count, key_row = 0, 0  # the row with the most keys, the first of equals; one with all of them ends the search
    for r, row in enumerate(grid[:SEARCH_ROWS]):
        hits = _key_hits(row, keys)
        if hits > count:
            count, key_row = hits, r
            if hits == len(keys):
                break
    if count < min(2, len(names)):
        return None
    columns: dict[str, int] = {}
    for c, cell in enumerate(grid[key_row]):
        key = cell.strip() if isinstance(cell, str) else ""
        if key in keys and key not in columns:
            columns[key] = c
    below = key_row + layout.HEADER_ROW - layout.KEY_ROW
    label_row = below if below < len(grid) and match_labels(grid[below], sheet) else key_row
    labels = grid[label_row] if label_row != key_row else [None] * len(grid[key_row])
    extras = _extras(labels, sheet, columns, grid[key_row])
    return Header(label_row, columns, extras, by_keys=True)


def _extras(labels: Sequence[Any], sheet: Sheet, columns: dict[str, int], keys_row: Sequence[Any]) -> dict[int, str]:
    """Columns the key row does not name: a known label still maps; anything else is carried along."""
    unmapped = {c: v for c, v in enumerate(labels) if c not in columns.values() and not is_blank(v)}
    for c, key in match_labels(labels, sheet, exclude=set(columns)).items():
        if c in unmapped:
            columns[key] = c
    extras: dict[int, str] = {}
    for c in range(max(len(labels), len(keys_row))):
        if c in columns.values():
            continue
        name = labels[c] if c < len(labels) and not is_blank(labels[c]) else (
            keys_row[c] if c < len(keys_row) else None)
        if not is_blank(name):
            extras[c] = _header_text(name)
    return extras


def _header_text(value: Any) -> str:
    cleaned = " ".join((text(value)[0] or "").split())
    return cleaned[:80]


def _header_by_labels(grid: Grid, sheet: Sheet) -> Header | None:
    best: tuple[int, int, dict[int, str]] = (0, -1, {})
    for r, row in enumerate(grid[:SEARCH_ROWS]):
        matched = match_labels(row, sheet)
        if len(matched) > best[0]:
            best = (len(matched), r, matched)
    count, r, matched = best
    if count < _label_threshold(sheet):
        return None
    columns = {key: c for c, key in matched.items()}
    extras = {c: _header_text(v) for c, v in enumerate(grid[r]) if c not in matched and not is_blank(v)}
    return Header(r, columns, extras)


def _label_threshold(sheet: Sheet) -> int:
    inputs = len(sheet.input_columns)
    return min(inputs, max(2, math.ceil(0.35 * inputs)))


def match_labels(row: Sequence[Any], sheet: Sheet, exclude: set[str] | None = None) -> dict[int, str]:
    """Column index -> key for the cells of a row that read as this sheet's column labels."""
    scored = []
    for c, cell in enumerate(row):
        if isinstance(cell, str) and cell.strip():
            for key, score in _label_scores(cell, sheet.key):
                if not exclude or key not in exclude:
                    scored.append((score, c, key))
    matched: dict[int, str] = {}
    for score, c, key in sorted(scored, key=lambda x: (-x[0], x[1])):
        if c not in matched and key not in matched.values():
            matched[c] = key
    return matched


def _label_scores(cell: str, sheet_key: str) -> tuple[tuple[str, int], ...]:
    langs = languages()  # part of the caches' keys: a catalogue found later has its labels known too
    return _cached_scores(cell, sheet_key, langs) if len(cell) <= 200 else _scores(cell, sheet_key, langs)


def _scores(cell: str, sheet_key: str, langs: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    folded, stem = fold(cell), fold(cell.split("(")[0])
    out = []
    for key, variants in _label_index(sheet_key, langs):
        score = 0
        for full, v_stem in variants:
            if folded == full:
                score = 3
                break
            if stem and stem == v_stem:
                score = max(score, 2)
            elif stem and v_stem and _word_prefix(stem, v_stem):
                score = max(score, 1)
        if score:
            out.append((key, score))
    return tuple(out)


_cached_scores = lru_cache(maxsize=4096)(_scores)


@lru_cache(maxsize=None)
def _label_index(sheet_key: str, _langs: tuple[str, ...]) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    sheet = SHEETS_BY_KEY[sheet_key]
    index = []
    for col in sheet.columns:
        seeds = (*SEED_LABELS.get((sheet_key, col.key), ()), *SEED_LABELS.get(("*", col.key), ()))
        words = (*col.label.variants(), *seeds)
        index.append((col.key, tuple((fold(w), fold(w.split("(")[0])) for w in words)))
    return tuple(index)


# ---- rows ----

def is_scaffolding(cells: Sequence[Any], sheet: Sheet) -> bool:
    """Template scaffolding, never data: a "Piemērs" row, a column-number row "1 2 3 …", an example row."""
    filled = non_blank(cells)
    if not filled:
        return False
    if any(scaffold_label(c) for c in filled[:2]):
        return all(_is_example(c, sheet) for c in filled if not scaffold_label(c))
    if _column_numbers(filled):
        return True
    return bool(sheet.examples) and len(filled) >= min(2, len(sheet.examples)) and all(
        _is_example(c, sheet) for c in filled)


def scaffold_label(value: Any) -> bool:
    """ "Piemērs", "Piemērs aktivitātei:", "Resursu veidu piemēri", "Example", or the example label of any
    language found."""
    return isinstance(value, str) and len(value) < 40 and fold(value) in _scaffold_labels(languages())


@lru_cache(maxsize=None)
def _scaffold_labels(langs: tuple[str, ...]) -> frozenset[str]:
    words = (w for v in EXAMPLE_LABEL.variants() for w in (v, v.rstrip(":").rstrip()))
    return SCAFFOLD_LABELS | frozenset(fold(w) for w in words)


def _is_example(value: Any, sheet: Sheet) -> bool:
    return isinstance(value, str) and len(value) < 400 and fold(value) in _examples(sheet.key)


def _examples(sheet_key: str) -> frozenset[str]:
    return _example_texts(sheet_key, languages())


@lru_cache(maxsize=None)
def _example_texts(sheet_key: str, langs: tuple[str, ...]) -> frozenset[str]:
    """The sheet's examples folded, in every language found (a plan keeps its wording under any cover)."""
    return frozenset(fold(v) for e in SHEETS_BY_KEY[sheet_key].examples for v in e.variants())


def _column_numbers(filled: Sequence[Any]) -> bool:
    if len(filled) < 2 or filled[0] not in (1, "1", "1."):
        return False
    numbers = []
    for value in filled:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        if isinstance(value, str) and re.fullmatch(r"\s*\d{1,2}\.?\s*", value):
            number = int(value.strip().rstrip("."))
        if number is None:
            return False
        numbers.append(number)
    return len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1))


def untouched_prefilled(row: Mapping[str, Any], sheet: Sheet) -> bool:
    """A template row exactly as the template wrote it, nothing else filled in."""
    keys = sheet.keys
    filled = {k: fold(v) for k, v in row.items()
              if not is_blank(v) and k in keys and sheet.column(k).type is not ColumnType.FORMULA}
    return any(filled.keys() == pre.keys() and all(filled[k] in pre[k] for k in pre)
               for pre in _prefilled(sheet.key, languages()))


@lru_cache(maxsize=None)
def _prefilled(sheet_key: str, langs: tuple[str, ...]) -> tuple[dict[str, frozenset[str]], ...]:
    """Each template row as the folded values each cell may hold: its text in every language found."""
    return tuple({k: frozenset(fold(t) for t in (v.variants() if isinstance(v, Text) else (v,)))
                  for k, v in row.items()} for row in SHEETS_BY_KEY[sheet_key].prefilled)
