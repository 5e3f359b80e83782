"""One plan sheet of the municipality workbook: texts, the Excel table, formulas, dropdowns, colours, print setup."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Mapping

from ..plan import layout, risks
from ..safetext import COMMENT, HEADER_FOOTER, excel_text, header_text
from ..schema import Column, ColumnType, Text
from ..schema.vocab import STATUSES
from .cells import (
    Geometry,
    Row,
    band_formula,
    indicator_cached,
    level_variants,
    progress_formula,
    risk_cached,
    score_formula,
    status_formula,
    text_literal,
)
from .formats import (
    FONT_SIZE,
    FORMULA_NUM_FORMATS,
    GUIDANCE_FILL,
    MISSING_FILL,
    NUM_FORMATS,
    STATUS_COLOURS,
    Formats,
    column_px,
    mark_fill,
    text_height,
)
from .printing import continued_titles, print_end

CellKey = tuple[str, int, str]  # (sheet key or "cover", row index in the table (0 on the cover), column key)
TITLE_SIZE = 14
TEXT_MAX_PX = 1100  # title, purpose and guidance wrap over at most this width: one screen, one page
PAGE_PX = 1040  # printable width of A4 landscape with narrow margins, in pixels at 100 %
MIN_PRINT_SCALE = 0.85  # below this a sheet is printed on several pages across instead (11 pt stays >= 9 pt)
PRINT_SAFETY = 0.92  # spreadsheet apps measure columns a little wider than Excel's nominal pixels

MSG = {
    "required": Text("sheet.msg.required"),
    "number": Text("sheet.msg.number"),
    "range": Text("sheet.msg.range"),
    "min": Text("sheet.msg.min"),
    "date": Text("sheet.msg.date"),
    "closed": Text("sheet.msg.closed"),
    "open": Text("sheet.msg.open"),
    "ref": Text("sheet.msg.ref"),
    "unique": Text("sheet.msg.unique"),
    "check": Text("sheet.msg.check"),
    "footer": Text("sheet.msg.footer"),
}


@dataclass(frozen=True)
class Context:
    """What every sheet writer needs to know about the workbook being built."""

    lang: str = "lv"
    municipality: str = ""
    report_date: date = field(default_factory=date.today)
    notes: Mapping[CellKey, str] = field(default_factory=dict)
    highlights: Mapping[CellKey, str] = field(default_factory=dict)
    banner: str = ""  # e.g. "ilustratīvi dati": printed on the cover and kept in the metadata


def clip(text: str, limit: int) -> str:
    """Text cut to Excel's limit (titles 32, messages 255 characters), an ellipsis marking the cut."""
    return excel_text(text, limit)


def choice_list_name(sheet_key: str, column_key: str) -> str:
    return f"list_{sheet_key}_{column_key}"


def id_list_name(ref_namespace: str) -> str:
    return f"ids_{ref_namespace}"


def print_chunks(columns: tuple[Column, ...], repeat_first: bool) -> list[int]:
    """Column indices where a new printed page starts: none when one page wide stays readable, else
    the fewest pages across (the first column repeated on each) that keep MIN_PRINT_SCALE."""
    widths = [column_px(c.width) for c in columns]
    if sum(widths) * MIN_PRINT_SCALE <= PAGE_PX:
        return []
    extra = widths[0] if repeat_first else 0
    for pages in range(2, len(widths) + 1):
        limit = (sum(widths) + extra * (pages - 1)) // pages
        while True:
            breaks = _greedy_breaks(widths, limit, extra)
            if len(breaks) < pages:
                break
            limit += 10
        if PAGE_PX * PRINT_SAFETY / _widest_chunk(widths, breaks, extra) >= MIN_PRINT_SCALE:
            return breaks
    return []


def _greedy_breaks(widths: list[int], limit: int, extra: int) -> list[int]:
    breaks, used = [], 0
    for i, w in enumerate(widths):
        if used and used + w > limit:
            breaks.append(i)
            used = extra
        used += w
    return breaks


def _widest_chunk(widths: list[int], breaks: list[int], extra: int) -> int:
    edges = [0, *breaks, len(widths)]
    return max(sum(widths[a:b]) + (extra if a else 0) for a, b in zip(edges, edges[1:]))


def text_columns(columns: tuple[Column, ...], breaks: list[int]) -> int:
    """How many leading columns the title, purpose and guidance span."""
    stop = breaks[0] if breaks else len(columns)
    used, count = 0, 0
    for col in columns[:stop]:
        if count and used + column_px(col.width) > TEXT_MAX_PX:
            break
        used, count = used + column_px(col.width), count + 1
    return count


def write_plan_sheet(workbook: Any, fmt: Formats, geo: Geometry, ctx: Context) -> Any:
    """Write one plan sheet and return the XlsxWriter worksheet."""
    ws = workbook.add_worksheet(geo.name)
    cols = geo.sheet.columns
    for i, col in enumerate(cols):
        ws.set_column(layout.FIRST_COL + i, layout.FIRST_COL + i, col.width,
                      fmt.get(text_wrap=True, valign="top", **_num(col)))
    breaks = print_chunks(cols, cols[0].type is ColumnType.ID)
    # a sheet printed over pages across repeats its ID column: the texts then start beside it, so that the
    # continuation pages show no cut-off text in that column, and each continuation page gets its title
    start = 1 if breaks and cols[0].type is ColumnType.ID else 0
    heights = [*_write_texts(ws, fmt, geo, ctx.lang, text_columns(cols, breaks), start),
               _write_table(ws, fmt, geo, ctx.lang)]
    continued_titles(ws, geo, ctx.lang, breaks, fmt.title(TITLE_SIZE))
    heights += _write_rows(ws, fmt, geo, ctx)
    for col in geo.sheet.input_columns:
        options = validation(col, geo, ctx.lang)
        if options:
            ws.data_validation(geo.first - 1, geo.index(col.key), geo.reach - 1, geo.index(col.key), options)
    _conditional_formats(ws, fmt, geo, ctx.lang)
    _page_setup(ws, geo, ctx, breaks, heights)
    return ws


def _num(col: Column) -> dict[str, str]:
    return {"num_format": NUM_FORMATS[col.type]} if col.type in NUM_FORMATS else {}


def _write_texts(ws: Any, fmt: Formats, geo: Geometry, lang: str, span: int, start: int = 0) -> list[float]:
    """Title, purpose and guidance above the table (columns start..span-1); returns their row heights."""
    sheet, last, first = geo.sheet, layout.FIRST_COL + span - 1, layout.FIRST_COL + start
    width = sum(column_px(c.width) for c in sheet.columns[start:span])
    texts = ((layout.TITLE_ROW, sheet.title(lang), fmt.title(TITLE_SIZE), TITLE_SIZE, True),
             (layout.PURPOSE_ROW, sheet.purpose(lang), fmt.paragraph(italic=True), FONT_SIZE, False),
             (layout.GUIDANCE_ROW, sheet.guidance(lang), fmt.paragraph(fill=GUIDANCE_FILL), FONT_SIZE, False))
    heights: list[float] = []
    for row, text, cell_format, size, bold in texts:
        r = row - 1
        if last > first:
            ws.merge_range(r, first, r, last, "", cell_format)
        ws.write_string(r, first, text, cell_format)
        heights.append(text_height(text, width - 8, size=size, bold=bold))
        ws.set_row(r, heights[-1])
    for key in sheet.keys:
        ws.write_string(layout.KEY_ROW - 1, geo.index(key), key)
    ws.set_row(layout.KEY_ROW - 1, None, None, {"hidden": True})
    return heights


def header_labels(geo: Geometry, lang: str) -> list[str]:
    """The column labels, made unique (Excel tables require it) by numbering repeats."""
    labels: list[str] = []
    for col in geo.sheet.columns:
        label, n = _unbroken(col.label(lang)), 2
        while label.casefold() in {x.casefold() for x in labels}:
            label, n = f"{col.label(lang)} ({n})", n + 1
        labels.append(label)
    return labels


def _unbroken(label: str) -> str:
    """A range like "(1–5)" never wraps at its dash: a word joiner (U+2060) holds "1–" and "5" together."""
    return re.sub(r"(\d)([–-])(\d)", "\\1\\2\u2060\\3", label)


def _write_table(ws: Any, fmt: Formats, geo: Geometry, lang: str) -> float:
    labels = header_labels(geo, lang)
    header = fmt.header()
    ws.add_table(layout.HEADER_ROW - 1, layout.FIRST_COL, geo.last - 1, layout.FIRST_COL + len(labels) - 1, {
        "name": f"T_{geo.sheet.key}", "style": "Table Style Light 1", "autofilter": False,
        "columns": [{"header": label, "header_format": header} for label in labels],
    })
    height = max(text_height(label, column_px(col.width) - 6, bold=True)
                 for label, col in zip(labels, geo.sheet.columns))
    ws.set_row(layout.HEADER_ROW - 1, height)
    return height


def row_height(row: Row, columns: tuple[Column, ...]) -> float | None:
    """Points a filled row needs so every wrapped value shows (LibreOffice does not fit rows on load)."""
    heights = [text_height(str(row[c.key]), column_px(c.width) - 6) for c in columns
               if isinstance(row.get(c.key), str) and row[c.key]]
    return max(heights) if heights and max(heights) > 20 else None


def _write_rows(ws: Any, fmt: Formats, geo: Geometry, ctx: Context) -> list[float | None]:
    """The table's rows; returns each row's height (None: the default)."""
    heights: list[float | None] = []
    for i in range(geo.size):
        row = geo.values[i] if i < len(geo.values) else {}
        height = row_height(row, geo.sheet.columns)
        heights.append(height)
        if height:
            ws.set_row(geo.first - 1 + i, height)
        computed = _computed(geo, i, row, ctx)
        for col in geo.sheet.columns:
            key = (geo.sheet.key, i, col.key)
            mark = ctx.highlights.get(key, "")
            is_formula = col.type is ColumnType.FORMULA
            cell_format = fmt.cell(col, fill=mark_fill(mark) if mark else "", computed=is_formula,
                                   num_format=_cell_num(col, row.get(col.key)))
            r, c = geo.first - 1 + i, geo.index(col.key)
            if is_formula and col.key in computed:
                formula, value = computed[col.key]
                ws.write_formula(r, c, formula, cell_format, cached(value))
            else:
                # a stored choice key ("medium") is written as the word the user picks ("vidējs")
                write_value(ws, r, c, None if is_formula else col.display(row.get(col.key), ctx.lang), cell_format)
            if ctx.notes.get(key):
                ws.write_comment(r, c, excel_text(ctx.notes[key], COMMENT), {"x_scale": 2.2, "y_scale": 1.6})
    return heights


def _cell_num(col: Column, value: Any) -> str:
    """The number format of one cell where it differs from the column's: formulas, and a date read
    from a text column (a timeline Excel turned into a date), which would otherwise show as a serial."""
    if col.type is ColumnType.FORMULA:
        return FORMULA_NUM_FORMATS.get(col.key, "")
    if isinstance(value, (date, datetime)) and col.type is not ColumnType.DATE:
        return NUM_FORMATS[ColumnType.DATE]
    return ""


def write_value(ws: Any, r: int, c: int, value: Any, cell_format: Any) -> None:
    """Write one value by its Python type: text always as text (never a formula), numbers, dates."""
    if value is None or value == "":
        ws.write_blank(r, c, None, cell_format)
    elif isinstance(value, bool):
        ws.write_string(r, c, "TRUE" if value else "FALSE", cell_format)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, cell_format)
    elif isinstance(value, (date, datetime)):
        ws.write_datetime(r, c, value if isinstance(value, datetime) else
                          datetime(value.year, value.month, value.day), cell_format)
    else:
        ws.write_string(r, c, excel_text(value, escaped=True), cell_format)


def cached(value: Any) -> Any:
    """A formula's cached value as XlsxWriter writes it raw into <v>: text without characters XML cannot hold."""
    return excel_text(value) if isinstance(value, str) else value


def _computed(geo: Geometry, i: int, row: Row, ctx: Context) -> dict[str, tuple[str, Any]]:
    """Formula and cached value of each formula column in data row i."""
    key, lang, cell = geo.sheet.key, ctx.lang, lambda k: geo.cell(k, i)
    if key == "risks":
        score, level = risk_cached(row, lang)
        return {"score": (score_formula(cell("likelihood"), cell("severity")), score),
                "computed_level": (band_formula(cell("score"), lang), level)}
    if key == "indicators":
        progress, status = indicator_cached(row, geo.sheet, ctx.report_date, lang)
        return {"progress": (progress_formula(cell("baseline"), cell("target"), cell("actual")), progress),
                "status": (status_formula(cell("progress"), cell("baseline_year"), cell("target_year"),
                                          geo.row_cells(i), lang), status)}
    return {}


def validation(col: Column, geo: Geometry | None, lang: str) -> dict[str, Any] | None:
    """The data validation of one input column: a dropdown or a type check, with the help as input message.

    `geo` is None for cover fields, which have no dropdowns.
    """
    help_text = " ".join(t for t in (col.help(lang), MSG["required"](lang) if col.required else "") if t)
    options = (_list_check(col, geo, lang) if geo else None) or _value_check(col, lang)
    if options is None and not help_text:
        return None
    options = options or {"validate": "any"}
    if help_text:
        options.update(input_title=clip(col.label(lang), 32), input_message=clip(help_text, 255))
    if "error_message" in options:
        options.update(error_title=clip(col.label(lang), 32), error_message=clip(options["error_message"], 255))
    return options


def _list_check(col: Column, geo: Geometry, lang: str) -> dict[str, Any] | None:
    """Dropdowns (choices, IDs of earlier sheets) and the uniqueness of a row's own ID."""
    if col.type is ColumnType.CHOICE:
        return {"validate": "list", "source": "=" + choice_list_name(geo.sheet.key, col.key),
                "error_type": "information" if col.open_choice else "stop",
                "error_message": MSG["open" if col.open_choice else "closed"](lang)}
    if col.type is ColumnType.REF:
        # an empty list must not block typing: a warning lets the specialist keep an ID
        return {"validate": "list", "source": "=" + id_list_name(col.ref_namespace), "error_type": "warning",
                "error_message": MSG["ref"](lang)}
    if col.type is ColumnType.ID and col.key == _own_id(geo):
        letter = geo.letter(col.key)
        return {"validate": "custom", "value": f"=COUNTIF(${letter}${geo.first}:${letter}${geo.reach},"
                f"{letter}{geo.first})<=1", "error_type": "warning", "error_message": MSG["unique"](lang)}
    return None


def _value_check(col: Column, lang: str) -> dict[str, Any] | None:
    """Numbers, whole numbers in a range, years and dates."""
    t, whole = col.type, col.type in (ColumnType.INTEGER, ColumnType.YEAR)
    if whole and col.minimum is not None and col.maximum is not None:
        low, high = int(col.minimum), int(col.maximum)
        return {"validate": "integer", "criteria": "between", "minimum": low, "maximum": high,
                "error_message": MSG["range"](lang).format(low=low, high=high)}
    if col.numeric:
        low = col.minimum if col.minimum is not None else -1e15
        message = MSG["min"](lang).format(low=_plain(low)) if col.minimum is not None else MSG["number"](lang)
        return {"validate": "integer" if whole else "decimal", "criteria": ">=", "value": low,
                "error_message": message}
    if t is ColumnType.DATE:
        return {"validate": "date", "criteria": "between", "minimum": datetime(2000, 1, 1),
                "maximum": datetime(2100, 12, 31), "error_message": MSG["date"](lang)}
    return None


def validation_for_cover(field: Column, lang: str) -> dict[str, Any] | None:
    """The data validation of one cover field (dates checked, help shown)."""
    return validation(field, None, lang)


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _own_id(geo: Geometry) -> str:
    """The column holding the row's own identifier: the sheet's last ID column (#6: the task ID)."""
    ids = [c.key for c in geo.sheet.columns if c.type is ColumnType.ID]
    return ids[-1] if ids else ""


def _conditional_formats(ws: Any, fmt: Formats, geo: Geometry, lang: str) -> None:
    first, last = geo.first - 1, geo.reach - 1
    missing = fmt.conditional(MISSING_FILL)
    for key in geo.required_keys():
        c = geo.index(key)
        ws.conditional_format(first, c, last, c, {"type": "formula", "format": missing, "criteria":
                              f'=AND(LEN({geo.cell(key, 0)})=0,COUNTA({geo.row_cells(0)})>0)'})
    if geo.sheet.key == "risks":
        for key in ("level", "computed_level"):
            _level_colours(ws, fmt, geo, key)
    if geo.sheet.key == "indicators":
        c = geo.index("status")
        status_colours(ws, fmt, (first, c, last, c), lang)


def _level_colours(ws: Any, fmt: Formats, geo: Geometry, key: str) -> None:
    c, ref = geo.index(key), geo.cell(key, 0)
    for level in risks.LEVELS:
        fill, font = risks.COLOURS[level]
        test = ",".join(f"TRIM({ref})={text_literal(v)}" for v in level_variants(level))
        ws.conditional_format(geo.first - 1, c, geo.reach - 1, c, {
            "type": "formula", "criteria": f"=OR({test})", "format": fmt.conditional(fill, font)})


def status_colours(ws: Any, fmt: Formats, area: tuple[int, int, int, int], lang: str) -> None:
    """Colour status labels: achieved/on track green, behind amber, off track red, no data grey."""
    for choice in STATUSES:
        fill, font = STATUS_COLOURS[choice.key]
        ws.conditional_format(*area, {"type": "cell", "criteria": "==", "value": text_literal(choice.label(lang)),
                                      "format": fmt.conditional(fill, font)})


def _page_setup(ws: Any, geo: Geometry, ctx: Context, breaks: list[int], heights: list) -> None:
    ncols = len(geo.sheet.columns)
    has_id = geo.sheet.columns[0].type is ColumnType.ID
    ws.freeze_panes(layout.HEADER_ROW, layout.FIRST_COL + (1 if has_id else 0))
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(layout.HEADER_ROW - 1)
    widths, extra = [column_px(c.width) for c in geo.sheet.columns], column_px(geo.sheet.columns[0].width)
    widest = _widest_chunk(widths, breaks, extra if has_id else 0)
    scale = min(1.0, PAGE_PX * PRINT_SAFETY / widest)
    filled = max((i + 1 for i, r in enumerate(geo.values) if any(v not in (None, "") for v in r.values())), default=0)
    # the larger scale an app may choose holds fewer rows a page: count on it, so no page holds only empty rows
    rows = print_end(sum(heights[:3]), heights[3], heights[4:], filled, min(1.0, PAGE_PX / widest))
    ws.print_area(0, layout.FIRST_COL, geo.first - 2 + max(rows, 1), layout.FIRST_COL + ncols - 1)
    if breaks:
        ws.set_print_scale(max(10, int(100 * scale)))
        ws.set_v_pagebreaks([layout.FIRST_COL + b for b in breaks])
        if has_id:
            ws.repeat_columns(layout.FIRST_COL)
    else:
        ws.fit_to_pages(1, 0)
    page_header(ws, geo.name, ctx, geo.sheet.title(ctx.lang))


def page_header(ws: Any, name: str, ctx: Context, title: str = "") -> None:
    """Printed header (municipality, the worksheet's title, sheet name) and footer (page x of y): the title
    is on every printed page, also where a wide table goes on over a second page across."""
    muni, title = header_text(ctx.municipality, 100), header_text(title, 110)  # + 16 of codes: within 255
    ws.set_header(f"&L&9{muni}&C&9&B{title}&R&9&A")
    ws.set_footer(f"&L{header_text(name, HEADER_FOOTER - 30)}&R{MSG['footer'](ctx.lang)}")
