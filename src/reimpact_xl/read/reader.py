"""Workbook file -> plan data + report: the only place that opens a submitted workbook.

It never writes to the file and never runs anything: safety.inspect() looks at the bytes first, then
python-calamine reads values only. Sheets are found by metadata, name, hidden key row, title or header
labels (recognise.py); columns by their hidden key, else by label in any language; every value keeps
its cell, and every change the reader makes to a value is reported as a `normalised` note.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple

from ..plan import layout
from ..plan.issues import Issue, Report
from ..plan.model import EXTRA_PREFIX, Plan, Table
from ..schema import (
    COVER_FIELDS,
    METADATA_SHEET,
    SHEETS,
    SHEETS_BY_KEY,
    TEMPLATE_VERSION,
    Column,
    ColumnType,
    Severity,
    Sheet,
    Text,
)
from . import safety, submissions
from .normalise import all_blank, fold, formula_like, is_blank, is_clean, is_error_text, normaliser, plain, shown, text
from .recognise import (
    Grid,
    Header,
    find_header,
    identify_sheets,
    is_cover,
    is_scaffolding,
    scaffold_label,
    untouched_prefilled,
)
from .sheetscan import SheetScan, scan_sheet, with_marks

OPTIONAL_SHEETS = frozenset({"support_given"})  # new in this template: its absence is only a note
COVER_KEY = "cover"
COVER_SEARCH_ROWS = 40
_FORMULA_START = ("=", "+", "-", "@")  # formula_like() is False for any other first character
_SPECIAL_START = frozenset({"#", "E", *_FORMULA_START})  # ... and is_error_text() for any but "#" and "E"
NO_SCAN = SheetScan()
WORDS = {
    "rows": Text("reader.words.rows"),
    "chars": Text("reader.words.chars"),
    "reader": Text("reader.words.reader"),
}


def read_plan(path: Path | str, *, lang: str | None = None) -> tuple[Plan | None, Report]:
    """Read one submitted workbook: its plan (None when the file cannot be read at all) and its issues.

    `lang` is the language of the details the reader writes into issues ("lv" when not given).
    """
    lang = lang or "lv"
    verdict = safety.inspect(path, lang=lang)
    report = Report(list(verdict.issues))
    if not verdict.readable:
        return None, report
    own = submissions.output_kind(verdict.props, verdict.sheets)
    if own:  # the tool's own output: never read back as a plan
        return None, Report([Issue("file-own-output", file=verdict.path.name, value=own,
                                    detail=submissions.REASONS[own](lang))])
    try:
        plan = _read(verdict, lang, report)
    except _Unreadable as exc:
        report.add(Issue("file-unreadable", file=verdict.path.name, detail=WORDS["reader"](lang).format(why=exc)))
        return None, report
    except _NotPlan as exc:
        return None, Report([Issue("file-not-plan", file=verdict.path.name, detail=str(exc))])
    return plan, report


class _NotPlan(Exception):
    """The workbook has no template metadata, no cover, and too few sheets like the worksheets: its sheet names."""


class _Unreadable(Exception):
    """python-calamine could not read the file (or a sheet of it)."""


def _calamine(call: Callable[[], Any]) -> Any:
    """Run one call into python-calamine; whatever it raises (a Rust panic included) becomes _Unreadable."""
    try:
        return call()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        raise _Unreadable(" ".join(str(exc).split())[:120] or type(exc).__name__) from None


@dataclass
class _Book:
    """The opened workbook: worksheet names, hidden ones, and grids loaded (once) on demand."""

    workbook: Any
    names: list[str]
    hidden: set[str]
    verdict: safety.Verdict
    grids: dict[str, Grid] = field(default_factory=dict)
    scans: dict[str, SheetScan] = field(default_factory=dict)

    def scan(self, name: str) -> SheetScan:
        """Error cells and formulas without a value of one sheet (xlsx), found when first needed."""
        if name not in self.scans:
            xml = self.verdict.xml.get(name)
            measured = self.verdict.sheets.get(name)  # measured by safety.inspect: only the marks are new
            self.scans[name] = NO_SCAN if xml is None else with_marks(measured, xml) if measured is not None \
                else scan_sheet(xml)
        return self.scans[name]

    def grid(self, name: str) -> Grid | None:
        if name not in self.grids:
            # ODS: every table was measured before opening; xlsx: only measured sheets are loaded
            if self.verdict.kind != "ods" and name not in self.verdict.sheets:
                return None
            sheet = _calamine(lambda: self.workbook.get_sheet_by_name(name))
            self.grids[name] = _calamine(lambda: sheet.to_python(skip_empty_area=False))
        return self.grids[name]


def _open(verdict: safety.Verdict) -> _Book:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    workbook = _calamine(lambda: CalamineWorkbook.from_filelike(io.BytesIO(verdict.data)))
    sheets = _calamine(lambda: list(workbook.sheets_metadata))
    names = [s.name for s in sheets if s.typ == SheetTypeEnum.WorkSheet]
    hidden = {s.name for s in sheets if s.visible != SheetVisibleEnum.Visible}
    return _Book(workbook, names, hidden, verdict)


def _read(verdict: safety.Verdict, lang: str, report: Report) -> Plan:
    book = _open(verdict)
    file = verdict.path.name
    meta_name = next((n for n in book.names if n.casefold() == METADATA_SHEET), None)
    meta = read_metadata(book.grid(meta_name) or []) if meta_name else {}
    found = identify_sheets(book.names, meta, book.grid)
    cover_name = _cover_name(book.names, meta)
    if not meta and cover_name is None and not _any_header(book, found):
        shown_names = ", ".join(f"“{n}”" for n in book.names[:5]) + (" …" if len(book.names) > 5 else "")
        raise _NotPlan(shown_names or "—")
    plan = Plan(file=file)
    for sheet in SHEETS:
        name = found.get(sheet.key)
        if name is None:
            severity = Severity.INFO if sheet.key in OPTIONAL_SHEETS else None
            expected = meta.get(layout.SHEET_PREFIX + sheet.key) or sheet.name(meta.get("language") or lang)
            report.add(Issue("sheet-missing", file=file, detail=expected, severity=severity))
            continue
        if name in book.hidden:
            report.add(Issue("sheet-hidden", file=file, sheet=name))
        table, issues = read_table(book.grid(name) or [], sheet, _Where(file, name, lang, book.scan(name)))
        plan.tables[sheet.key] = table
        report.extend(issues)
    cells: dict[str, str] = {}
    if cover_name:
        where = _Where(file, cover_name, lang, book.scan(cover_name))
        plan.cover, cells, issues = read_cover(book.grid(cover_name) or [], where)
        report.extend(issues)
    plan.municipality, issues = resolve_municipality(meta, plan.cover, verdict.path, cover_name, cells)
    report.extend(issues)
    if is_blank(plan.cover.get("municipality")) and meta.get("municipality"):
        plan.cover["municipality"] = plan.municipality  # the coordinator's name stands for an emptied cover
    plan.meta = _plan_meta(meta, verdict, found)
    report.extend(version_issues(meta, file))
    drop_untouched_template(plan)
    return plan


def _any_header(book: _Book, found: Mapping[str, str]) -> bool:
    """Whether a sheet found as a worksheet has that worksheet's header row: without metadata or a cover,
    this makes a workbook a plan (a budget with a sheet called "Riski" is none; one plan sheet copied
    into a new workbook is)."""
    return any(find_header(book.grid(name) or [], SHEETS_BY_KEY[key]) is not None for key, name in found.items())


def _cover_name(names: list[str], meta: Mapping[str, str]) -> str | None:
    named = meta.get(layout.SHEET_PREFIX + COVER_KEY)
    if named in names:
        return named
    return next((n for n in names if is_cover(n)), None)


def read_metadata(grid: Grid) -> dict[str, str]:
    """The hidden metadata sheet: key in column A, value in column B, both as text."""
    meta: dict[str, str] = {}
    for row in grid[:500]:
        key = text(row[0])[0] if row else None
        if key and len(row) > 1 and key not in meta:
            meta[key] = text(row[1])[0] or ""
    return meta


@dataclass(frozen=True)
class _Where:
    """Which file and sheet the cells being read belong to, and the language of the details."""

    file: str
    sheet: str
    lang: str
    scan: SheetScan

    def issue(self, rule: str, cell: str = "", column: str = "", **values: Any) -> Issue:
        return Issue(rule, file=self.file, sheet=self.sheet, cell=cell, column=column, **values)


def read_table(grid: Grid, sheet: Sheet, where: _Where) -> tuple[Table, list[Issue]]:
    """One sheet's filled rows by column key, each value normalised, each row with its Excel row number."""
    table = Table(sheet, sheet_name=where.sheet)
    header = find_header(grid, sheet)
    if header is None:
        return table, [where.issue("header-not-found")]
    spec = _Columns.of(sheet, header, _extra_columns(grid, header))
    table.columns = {key: letter for key, _, _, letter in spec.cells}
    issues = _column_issues(sheet, header, spec, where)
    marks = set(where.scan.errors) | set(where.scan.uncached)
    count, stopped = 0, 0
    for r in range(header.row + 1, max(len(grid), _last_marked_row(marks))):
        cells = grid[r] if r < len(grid) else []
        ordered = [cells[c] if c < len(cells) else None for c in spec.inputs]
        if all_blank(ordered):
            if not marks or not any(f"{spec.letters[c]}{r + 1}" in marks for c in spec.inputs):
                continue
        elif is_scaffolding(ordered, sheet):
            continue
        count += 1
        if count > layout.MAX_ROWS:
            stopped = stopped or r + 1
            continue
        row, found = _read_row(cells, r, spec, marks, where)
        table.rows.append(row)
        table.row_numbers.append(r + 1)
        issues.extend(found)
    if stopped:
        issues.append(where.issue("too-many-rows", cell=f"A{stopped}",
                                  detail=WORDS["rows"](where.lang).format(count=count, limit=layout.MAX_ROWS)))
    return table, issues


@dataclass(frozen=True)
class _Columns:
    """The columns of one table as found: (key, schema column or None, index, letter) for each."""

    keys: tuple[str, ...]  # every schema key, in schema order: each row has them all
    cells: tuple[tuple[str, Column | None, int, str], ...]
    inputs: tuple[int, ...]  # indexes of the columns people fill (no formula columns), extras included
    labelled: tuple[int, ...]  # indexes of schema columns, left to right (a "Piemērs" label sits in the first)
    letters: Mapping[int, str]
    steps: tuple[_Step, ...] = ()  # how each of `cells` is read, worked out once per table

    @classmethod
    def of(cls, sheet: Sheet, header: Header, extras: Mapping[int, str]) -> "_Columns":
        known = [(col.key, col, header.columns[col.key]) for col in sheet.columns if col.key in header.columns]
        found = [*known, *((key, None, c) for c, key in extras.items())]
        letters = {c: layout.col_letter(c) for _, _, c in found}
        inputs = sorted(c for _, col, c in found if col is None or col.type is not ColumnType.FORMULA)
        cells = tuple((k, col, c, letters[c]) for k, col, c in found)
        return cls(sheet.keys, cells, tuple(inputs), tuple(sorted(c for _, _, c in known)), letters,
                   tuple(_Step.of(k, col, c, letter) for k, col, c, letter in cells))


class _Step(NamedTuple):
    """One column of a table as read_cell() takes it: key, schema column, index, letter, reader, formula."""

    key: str
    col: Column | None
    at: int  # the column's index in the row's cells (not `index`: a tuple's method)
    letter: str
    read: Callable[[Any], tuple[Any, bool]]  # normalise() for this column, or plain() for an extra column
    computed: bool  # a formula column of the template

    @classmethod
    def of(cls, key: str, col: Column | None, at: int, letter: str) -> "_Step":
        computed = col is not None and col.type is ColumnType.FORMULA
        return cls(col.key if col else key, col, at, letter, normaliser(col) if col else plain, computed)


def _last_marked_row(marks: set[str]) -> int:
    """The last row holding an error or a formula without a value: the grid ends at the last value."""
    rows = (re.fullmatch(r"[A-Z]{1,3}([0-9]{1,7})", ref) for ref in marks)
    return max((int(found.group(1)) for found in rows if found), default=0)


def _extra_columns(grid: Grid, header: Header) -> dict[int, str]:
    """Column index -> row key of every column the schema does not know, named by its header
    (or by its letter when it has none and holds values)."""
    named = dict(header.extras)
    known = set(header.columns.values()) | set(named)
    rows = grid[header.row + 1:]
    for c in range(max(map(len, rows), default=0)):  # column by column: known columns are skipped at once
        if c not in known and not all_blank([row[c] for row in rows if c < len(row)]):
            named[c] = layout.col_letter(c)
    keys: dict[int, str] = {}
    for c in sorted(named):
        key, n = EXTRA_PREFIX + named[c], 2
        while key in keys.values():
            key, n = f"{EXTRA_PREFIX}{named[c]} ({n})", n + 1
        keys[c] = key
    return keys


def _column_issues(sheet: Sheet, header: Header, spec: _Columns, where: _Where) -> list[Issue]:
    issues = []
    for col in sheet.input_columns:
        if col.key not in header.columns:
            severity = None if col.required else Severity.INFO
            issues.append(where.issue("column-missing", column=col.key, severity=severity))
    for key, known, c, letter in spec.cells:
        if known is None:
            issues.append(where.issue("column-unknown", cell=f"{letter}{header.row + 1}", column=key,
                                      value=key[len(EXTRA_PREFIX):]))
    return issues


def _read_row(cells: list[Any], r: int, spec: _Columns, marks: set[str],
              where: _Where) -> tuple[dict[str, Any], list[Issue]]:
    row: dict[str, Any] = dict.fromkeys(spec.keys)
    issues: list[Issue] = []
    size, number = len(cells), r + 1
    first_filled = _first_filled(cells, spec.labelled)
    for step in spec.steps:
        key, col, c, letter, read, _ = step
        raw = cells[c] if c < size else None
        ref = f"{letter}{number}"
        if (is_blank(raw) and ref not in marks) or (c in first_filled and col and scaffold_label(raw)):
            row[key] = None
        elif (read is text or read is plain) and _as_is(raw) and ref not in marks:
            row[key] = raw  # what _read_cell() returns for it, with no notes
        else:
            row[key], found = _read_cell(raw, ref, where, step)
            issues.extend(found)
    return row, issues


def _as_is(raw: Any) -> bool:
    """A text cell _read_cell() keeps exactly as it is: no error literal, no formula-like start, nothing to trim."""
    return (type(raw) is str and raw[:1] not in _SPECIAL_START and len(raw) <= layout.MAX_CELL_CHARS
            and is_clean(raw))


def _first_filled(cells: list[Any], labelled: tuple[int, ...]) -> tuple[int, ...]:
    """The first two schema columns of a row holding a value (where a "Piemērs" label may sit)."""
    found: list[int] = []
    for c in labelled:
        if c < len(cells) and not is_blank(cells[c]):
            found.append(c)
            if len(found) == 2:
                break
    return tuple(found)


def read_cell(raw: Any, col: Column | None, ref: str, where: _Where, key: str = "") -> tuple[Any, list[Issue]]:
    """One cell's value for its column, and the notes about it (error value, no cached value, changes)."""
    return _read_cell(raw, ref, where, _Step.of(key, col, 0, ""))


def _read_cell(raw: Any, ref: str, where: _Where, step: _Step) -> tuple[Any, list[Issue]]:
    key, col, computed = step.key, step.col, step.computed
    if ref in where.scan.errors or is_error_text(raw):
        error = where.scan.errors.get(ref) or str(raw).strip()
        severity = Severity.INFO if computed else None  # the workbook's own formulas are recomputed anyway
        return None, [where.issue("cell-error-value", ref, key, value=error, severity=severity)]
    if ref in where.scan.uncached:
        return None, [] if computed else [where.issue("formula-no-value", ref, key)]
    issues = []
    if isinstance(raw, str) and len(raw) > layout.MAX_CELL_CHARS:
        detail = WORDS["chars"](where.lang).format(count=len(raw), limit=layout.MAX_CELL_CHARS)
        issues.append(where.issue("cell-too-long", ref, key, detail=detail))
        raw = raw[: layout.MAX_CELL_CHARS]
    value, changed = step.read(raw)
    if changed and not computed:
        issues.append(where.issue("normalised", ref, key, value=text(raw)[0] or "",
                                  expected=shown(value, col, where.lang)))
    if isinstance(value, str) and value[:1] in _FORMULA_START and formula_like(value):
        issues.append(where.issue("formula-text", ref, key, value=value[:12]))
    return value, issues


# ---- the cover, the municipality, metadata ----

def read_cover(grid: Grid, where: _Where) -> tuple[dict[str, Any], dict[str, str], list[Issue]]:
    """Cover facts by field key (a label, then its value to the right), their cells, and notes."""
    labels = {fold(v): f for f in COVER_FIELDS for v in f.label.variants()}
    cover: dict[str, Any] = {}
    cells: dict[str, str] = {}
    issues: list[Issue] = []
    for r, row in enumerate(grid[:COVER_SEARCH_ROWS]):
        for c, label in enumerate(row[:3]):
            found = labels.get(fold(label)) if isinstance(label, str) else None
            if found is None or found.key in cover:
                continue
            v = next((j for j in range(c + 1, min(c + 4, len(row))) if not is_blank(row[j])), c + 1)
            ref = f"{layout.col_letter(v)}{r + 1}"
            cover[found.key], notes = read_cell(row[v] if v < len(row) else None, found, ref, where)
            cells[found.key] = ref
            issues.extend(notes)
            break
    return cover, cells, issues


def resolve_municipality(meta: Mapping[str, str], cover: Mapping[str, Any], path: Path, cover_name: str | None,
                         cells: Mapping[str, str]) -> tuple[str, list[Issue]]:
    """Metadata first (the coordinator wrote it), then the cover, then the file name; a cover that
    names another municipality than the metadata is a warning."""
    from_meta = (meta.get("municipality") or "").strip()
    from_cover = str(cover.get("municipality") or "").strip()
    if from_meta and from_cover and not same_municipality(from_meta, from_cover):
        issue = Issue("municipality-mismatch", file=path.name, sheet=cover_name or "",
                      cell=cells.get("municipality", ""), column="municipality", value=from_meta, expected=from_cover)
        return from_meta, [issue]
    named = from_meta or from_cover
    other = submissions.file_name_disagrees(path.stem, named) if named else ""
    if other:  # the file name names another municipality than the workbook does
        issue = Issue("municipality-file-name", file=path.name, sheet=cover_name or "",
                      cell=cells.get("municipality", ""), column="municipality", value=named, expected=path.name,
                      detail=other[:1].upper() + other[1:])
        return named, [issue]
    return named or municipality_from_name(path), []


same_municipality = submissions.same_municipality  # the one identity of a municipality (submissions.py)


def municipality_from_name(path: Path) -> str:
    """ "bauskas_novads (1).xlsx" -> "Bauskas novads"."""
    stem = re.sub(r"\s*\(\d+\)$", "", path.stem)
    stem = re.sub(r"^reimpact[_ -]+", "", stem, flags=re.IGNORECASE)
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def _plan_meta(meta: Mapping[str, str], verdict: safety.Verdict, found: Mapping[str, str]) -> dict[str, str]:
    out = {k: meta[k] for k in (*layout.META_KEYS, *layout.OPTIONAL_META_KEYS) if meta.get(k)}
    if verdict.saved:
        out["modified"] = verdict.saved
    out["format"] = verdict.kind
    out["sha256"] = hashlib.sha256(verdict.data).hexdigest()
    out.update({layout.SHEET_PREFIX + key: name for key, name in found.items()})
    return out


def version_issues(meta: Mapping[str, str], file: str) -> list[Issue]:
    """A template older than this program's is a note: columns are read by their keys all the same."""
    version = meta.get("template_version", "")
    if version and _version(version) < _version(TEMPLATE_VERSION):
        return [Issue("template-outdated", file=file, value=version, expected=TEMPLATE_VERSION)]
    return []


def _version(value: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"[0-9]{1,6}", value)[:4]]
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


def drop_untouched_template(plan: Plan) -> None:
    """A workbook whose sheets hold nothing but the template's own pre-filled rows is an empty plan.

    Otherwise untouched pre-filled rows stay: the validator then says which template risk, data type or
    monitoring activity was not assessed, and can tell a deleted template row from an untouched one.
    """
    if all(untouched_prefilled(row, t.sheet) for t in plan.tables.values() for row in t.rows):
        for table in plan.tables.values():
            table.rows.clear()
            table.row_numbers.clear()
