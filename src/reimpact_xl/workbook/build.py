"""The municipality workbook: the schema (and optionally a plan) written as an .xlsx with XlsxWriter.

Sheets: the cover, one sheet per schema sheet, an indicator overview, a risk matrix, a hidden sheet of
dropdown lists and the hidden metadata sheet. `notes` and `highlights` mark cells for a feedback workbook,
keyed by (sheet key, row index in the table, column key) or (COVER_KEY, 0, cover field key).
"""
from __future__ import annotations

import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from ..atomic import TEMP_PREFIX, output_error
from ..plan import layout
from ..plan.model import Plan
from ..safetext import PROPERTY, excel_text
from ..schema import COVER_SHEET, METADATA_SHEET, REF_NAMESPACES, SHEETS, TEMPLATE_VERSION, ColumnType, Sheet, Text
from .cells import Geometry, excel_trim, id_cells, id_sources, quote_sheet, ref_sources
from .cover import (
    COVER_KEY,
    MATRIX_SHEET,
    OVERVIEW_SHEET,
    cover_row,
    cover_values,
    write_cover,
    write_matrix,
    write_overview,
)
from .formats import Formats
from .sheet import CellKey, Context, cached, choice_list_name, id_list_name, write_plan_sheet

__all__ = ["COVER_KEY", "CellKey", "LISTS_SHEET", "TEMPLATE_DATE", "build_templates", "build_workbook",
           "sheet_names", "template_name"]

LISTS_SHEET = "_lists"
# The committed templates carry this date (workbook properties and metadata) so that a rebuild is
# byte-identical and a test can tell when they are stale.
TEMPLATE_DATE = datetime(2025, 1, 1)


def template_name(lang: str = "lv") -> str:
    """The file name of the blank template of this language, committed as workbook/reimpact_plan_<lang>.xlsx."""
    return f"reimpact_plan_{lang}.xlsx"


def build_templates(folder: Path, langs: Sequence[str] = ("lv", "en")) -> list[Path]:
    """Build the blank templates into `folder` (deterministically, dated TEMPLATE_DATE)."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return [build_workbook(Path(folder) / template_name(lang), lang=lang, created=TEMPLATE_DATE) for lang in langs]


def sheet_names(lang: str = "lv") -> list[str]:
    """The sheet names of a workbook in this language, in order."""
    return [COVER_SHEET(lang), *(s.name(lang) for s in SHEETS), OVERVIEW_SHEET(lang), MATRIX_SHEET(lang),
            LISTS_SHEET, METADATA_SHEET]


def build_workbook(path: str | os.PathLike[str], *, lang: str = "lv", municipality: str = "",
                   plan: Plan | None = None, plan_period: str = "",
                   notes: Mapping[CellKey, str] | None = None, highlights: Mapping[CellKey, str] | None = None,
                   created: datetime | None = None,
                   extra_sheets: Sequence[Callable[[Any], Any]] = (), banner: str = "") -> Path:
    """Write the municipality workbook to `path` (via a temporary file in the same folder) and return it.

    With a `plan`, its cover and rows are written instead of the template rows, and every formula
    carries its computed value. `highlights` map a cell to "error", "warning", "info" or "#RRGGBB";
    `notes` map a cell to the text of a comment. Each of `extra_sheets` is called with the XlsxWriter
    workbook right after the cover is written (the feedback workbook adds its problem list so).
    A `banner` ("ilustratīvi dati") is printed on the cover and kept in the metadata as data_note.
    """
    created = created or datetime.now().replace(microsecond=0)
    values = cover_values(plan.cover if plan else {}, municipality or (plan.municipality if plan else ""),
                          plan_period)
    ctx = Context(lang=lang, municipality=str(values.get("municipality") or ""),
                  report_date=_report_date(values.get("reporting_date")),
                  notes=dict(notes or {}), highlights=dict(highlights or {}), banner=banner)
    geos = [_geometry(sheet, lang, plan, ctx) for sheet in SHEETS]
    target = Path(path)
    _atomic_write(target, lambda tmp: _write(tmp, geos, values, ctx, created, extra_sheets), lang)
    return target


def builder_note() -> str:
    """What built a workbook (kept in its properties): a stale-template test compares bytes only when
    the XlsxWriter version matches, since another version may write the same content differently."""
    import xlsxwriter
    return f"reimpact-xl template {TEMPLATE_VERSION}; XlsxWriter {xlsxwriter.__version__}"


def _report_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.today()


def _geometry(sheet: Sheet, lang: str, plan: Plan | None, ctx: Context) -> Geometry:
    """Where the sheet's rows go: the plan's rows (or the template rows) plus sheet.min_rows empty ones."""
    if plan is not None:
        rows = tuple(dict(r) for r in plan.tables[sheet.key].rows) if sheet.key in plan.tables else ()
    else:
        rows = sheet.prefilled_rows(lang)
    marked = [i + 1 for (key, i, _) in (*ctx.notes, *ctx.highlights) if key == sheet.key]
    size = max(len(rows), *marked, 0) + sheet.min_rows
    return Geometry(sheet=sheet, name=sheet.name(lang), values=rows, size=max(1, size))


def _write(filename: str, geos: list[Geometry], values: Mapping[str, Any], ctx: Context,
           created: datetime, extra_sheets: Sequence[Callable[[Any], Any]] = ()) -> None:
    from .writer import Workbook  # XlsxWriter's, each formula text prepared once per process

    workbook = Workbook(filename, {"strings_to_numbers": False, "strings_to_formulas": False,
                                "strings_to_urls": False, "in_memory": True})  # no temp files
    workbook.set_properties({"title": Text("build.title")(ctx.lang),
                             "subject": excel_text(ctx.municipality, PROPERTY), "author": "reimpact-xl",
                             "created": created, "comments": builder_note()})
    fmt = Formats(workbook)
    cover = COVER_SHEET(ctx.lang)
    write_cover(workbook, fmt, cover, values, geos, ctx)
    workbook.define_name(layout.REPORT_DATE_NAME, f"={quote_sheet(cover)}!$B${cover_row('reporting_date')}")
    for add_sheet in extra_sheets:
        add_sheet(workbook)
    for geo in geos:
        write_plan_sheet(workbook, fmt, geo, ctx)
    by_key = {g.sheet.key: g for g in geos}
    write_overview(workbook, fmt, by_key["indicators"], ctx)
    write_matrix(workbook, fmt, by_key["risks"], ctx)
    _write_lists(workbook, geos, ctx.lang)
    _write_meta(workbook, geos, ctx, created)
    workbook.close()


def _write_lists(workbook: Any, geos: Sequence[Geometry], lang: str) -> None:
    """The hidden sheet behind the dropdowns: each choice list, and each ID list kept live by formulas."""
    ws = workbook.add_worksheet(LISTS_SHEET)
    col = 0
    for geo in geos:
        for column in geo.sheet.columns:
            if column.type is ColumnType.CHOICE and column.choices:
                for r, choice in enumerate(column.choices):
                    ws.write_string(r, col, choice.label(lang))
                letter = layout.col_letter(col)
                workbook.define_name(choice_list_name(geo.sheet.key, column.key),
                                     f"={quote_sheet(LISTS_SHEET)}!${letter}$1:${letter}${len(column.choices)}")
                col += 1
    refs = sorted({c.ref_namespace for g in geos for c in g.sheet.columns if c.type is ColumnType.REF})
    _write_id_lists(workbook, ws, col, refs, geos)
    ws.hide()


def _write_id_lists(workbook: Any, ws: Any, col: int, refs: Sequence[str], geos: Sequence[Geometry]) -> None:
    """The ID lists behind the dropdowns, kept live by formulas over two shared columns.

    Column 1 copies every ID cell the lists draw on, trimmed, in sheet order; column 2 marks each ID's
    first appearance with its row number. Each list is one more column that compacts its own block of
    them (SMALL skips the unmarked rows), and its dropdown's defined name is an OFFSET as long as the
    IDs marked in that block: each ID once, without blanks, in the order the sheets hold them. Every
    list's cells are one block of the shared column (the sheets are in schema order), so an ID is
    copied and compared once, whichever lists offer it.
    """
    cells = id_cells(id_sources(geos, {ns for ref in refs for ns in REF_NAMESPACES[ref]}))
    copy, first = layout.col_letter(col), layout.col_letter(col + 1)
    n, seen, marks = len(cells), set(), []
    for j, (address, value) in enumerate(cells):
        trimmed = excel_trim(value)
        new = bool(trimmed) and trimmed.casefold() not in seen
        seen.add(trimmed.casefold())
        marks.append(j + 1 if new else "")
        ws.write_formula(j, col, f'=IF(LEN({address})=0,"",TRIM({address}))', None, cached(trimmed))
        earlier = "" if j == 0 else f',SUMPRODUCT(--(${copy}$1:{copy}{j}={copy}{j + 1}))>0'
        ws.write_formula(j, col + 1, f'=IF(OR({copy}{j + 1}=""{earlier}),"",ROW())', None, marks[-1])
    addresses = [address for address, _ in cells]
    sheet = quote_sheet(LISTS_SHEET)
    for k, ref in enumerate(refs, 2):
        start, size = _block(addresses, [a for a, _ in id_cells(ref_sources(geos, ref))])
        out, block = layout.col_letter(col + k), f"${first}${start + 1}:${first}${start + size}"
        listed = [excel_trim(v) for (_, v), m in zip(cells[start:start + size], marks[start:start + size]) if m]
        for j in range(size):
            ws.write_formula(j, col + k, f'=IFERROR(INDEX(${copy}$1:${copy}${n},SMALL({block},{j + 1})),"")',
                             None, cached(listed[j]) if j < len(listed) else "")
        workbook.define_name(id_list_name(ref), f"=OFFSET({sheet}!${out}$1,0,0,MAX(1,COUNT({sheet}!{block})),1)")


def _block(addresses: Sequence[str], wanted: Sequence[str]) -> tuple[int, int]:
    """Where one list's cells lie in the shared column: (first index, count)."""
    start = addresses.index(wanted[0]) if wanted else 0
    assert list(addresses[start:start + len(wanted)]) == list(wanted), "an ID list must be one block of cells"
    return start, len(wanted)


def _write_meta(workbook: Any, geos: Sequence[Geometry], ctx: Context, created: datetime) -> None:
    """The hidden metadata sheet: key in column A, value in column B."""
    ws = workbook.add_worksheet(METADATA_SHEET)
    rows = [("template_version", TEMPLATE_VERSION), ("language", ctx.lang), ("municipality", ctx.municipality),
            ("created", created.isoformat(timespec="seconds"))]
    if ctx.banner:
        rows.append(("data_note", ctx.banner))
    for geo in geos:
        rows.append((f"{layout.SHEET_PREFIX}{geo.sheet.key}", geo.name))
        rows.append((f"{layout.COLUMNS_PREFIX}{geo.sheet.key}", ",".join(geo.sheet.keys)))
    for r, (key, value) in enumerate(rows):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, excel_text(value, escaped=True))
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 60)
    ws.very_hidden()


def _default_mode() -> int:
    """The mode a plainly created file would get (mkstemp makes it private)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _atomic_write(target: Path, write: Callable[[str], None], lang: str) -> None:
    """Write through a temporary file in the target's folder and rename it into place."""
    from xlsxwriter.exceptions import FileCreateError
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.stem}.", suffix=".xlsx", dir=target.parent)
    except OSError as exc:
        raise output_error(target, exc, lang) from None
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
    except (OSError, FileCreateError) as exc:
        raise output_error(target, exc if isinstance(exc, OSError) else exc.args[0] if exc.args else exc,
                           lang) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
