"""The workbook's summary sheets: the cover (facts, what is still missing, how to fill in), the
indicator overview and the risk matrix. All of them are formulas that update as the specialist types."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping, Sequence

from ..plan import layout, risks
from ..safetext import COMMENT, excel_text
from ..schema import COVER_FIELDS, TEMPLATE_VERSION, ColumnType, Text
from ..schema.vocab import RISK_LEVELS
from .cells import (
    Geometry,
    effective_level,
    filled_formula,
    filled_rows,
    heat_formula,
    indicator_cached,
    level_count_formula,
    number,
    quote_sheet,
    row_has_value,
    unrated_formula,
)
from .counts import error_count, error_formula
from .formats import (
    HEADER_FILL,
    INPUT_FILL,
    LINE_PT,
    MISSING_FILL,
    MISSING_FONT,
    Formats,
    column_px,
    mark_fill,
    text_height,
)
from .printing import print_end
from .sheet import PAGE_PX, Context, page_header, row_height, status_colours, validation_for_cover, write_value
from .sheet import cached as cached_value

COVER_KEY = "cover"  # the sheet key of cover cells in notes/highlights: (COVER_KEY, 0, field key)
OVERVIEW_SHEET = Text("cover.overview_sheet")
MATRIX_SHEET = Text("cover.matrix_sheet")
T = {
    "title": Text("cover.t.title"),
    "version": Text("cover.t.version"),
    "missing": Text("cover.t.missing"),
    "sheet": Text("cover.t.sheet"),
    "worksheet": Text("cover.t.worksheet"),
    "filled": Text("cover.t.filled"),
    "required": Text("cover.t.required"),
    "rest": Text("cover.t.rest"),
    "howto_title": Text("cover.t.howto_title"),
    "howto": Text("cover.t.howto"),
    "overview_title": Text("cover.t.overview_title"),
    "overview_note": Text("cover.t.overview_note"),
    "matrix_title": Text("cover.t.matrix_title"),
    "matrix_note": Text("cover.t.matrix_note"),
    "level": Text("cover.t.level"),
    "risks": Text("cover.t.risks"),
    "unrated": Text("words.unrated"),
    "levels_note": Text("cover.t.levels_note"),
}
OVERVIEW_KEYS = ("indicator_id", "indicator", "unit", "baseline", "target", "actual", "progress", "status")
OVERVIEW_WIDTHS = (10, 54, 12, 11, 11, 11, 11, 17)
COVER_WIDTHS = (28, 48, 12, 14)  # one A4 page wide at ~90 %
MATRIX_GRID_ROW = 5  # 0-based row of impact 5; likelihood 1..5 in columns B..F
MATRIX_LEVELS_ROW = 11  # 0-based header row of the count per level
HOWTO_ROW_GAP = 2


def cover_row(field_key: str) -> int:
    """The 1-based row of a cover field (its label in column A, its value in column B)."""
    return layout.COVER_FIRST_ROW + [f.key for f in COVER_FIELDS].index(field_key)


def cover_values(plan_cover: Mapping[str, Any], municipality: str, plan_period: str) -> dict[str, Any]:
    values = dict(plan_cover)
    if municipality:
        values["municipality"] = municipality
    if plan_period:
        values["plan_period"] = plan_period
    return values


def write_cover(workbook: Any, fmt: Formats, name: str, values: Mapping[str, Any], geos: Sequence[Geometry],
                ctx: Context) -> Any:
    """The cover: plan facts, the live "what is still missing" table and how to fill in."""
    ws, lang = workbook.add_worksheet(name), ctx.lang
    for i, width in enumerate(COVER_WIDTHS):
        ws.set_column(i, i, width)
    ws.merge_range(0, 0, 0, 3, T["title"](lang), fmt.title(16))
    ws.set_row(0, 28)
    ws.write_string(1, 0, T["version"](lang).format(version=TEMPLATE_VERSION), fmt.muted())
    if ctx.banner:  # generated data must never pass for the municipality's own
        ws.merge_range(1, 1, 1, 3, ctx.banner.upper(), fmt.get(bold=True, font_color="#9C0006", bg_color="#FFC7CE",
                                                               align="center", font_size=13))
    for field in COVER_FIELDS:
        _cover_field(ws, fmt, field, values.get(field.key), ctx)
    row = layout.COVER_FIRST_ROW + len(COVER_FIELDS) + 1  # 1-based row of the heading
    ws.write_string(row - 1, 0, T["missing"](lang), fmt.title(13))
    _missing_table(ws, fmt, row, geos, lang)
    howto = row + len(geos) + 1 + HOWTO_ROW_GAP
    ws.write_string(howto - 1, 0, T["howto_title"](lang), fmt.title(13))
    ws.merge_range(howto, 0, howto, 3, "", fmt.paragraph())
    ws.write_string(howto, 0, T["howto"](lang), fmt.paragraph())
    ws.set_row(howto, text_height(T["howto"](lang), sum(column_px(w) for w in COVER_WIDTHS) - 8))
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)  # one page wide; the how-to may go on to a second page rather than print small
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    page_header(ws, name, ctx)
    ws.activate()
    return ws


def _cover_field(ws: Any, fmt: Formats, field: Any, value: Any, ctx: Context) -> None:
    r, key = cover_row(field.key) - 1, (COVER_KEY, 0, field.key)
    mark = ctx.highlights.get(key, "")
    ws.write_string(r, 0, field.label(ctx.lang), fmt.label())
    cell_format = fmt.cell(field, fill=mark_fill(mark) if mark else INPUT_FILL)
    ws.merge_range(r, 1, r, 3, "", cell_format)
    write_value(ws, r, 1, value, cell_format)
    options = validation_for_cover(field, ctx.lang)
    if options:
        ws.data_validation(r, 1, r, 1, options)
    if field.required:
        ws.conditional_format(r, 1, r, 1, {"type": "blanks", "format": fmt.conditional(MISSING_FILL)})
    if ctx.notes.get(key):
        ws.write_comment(r, 1, excel_text(ctx.notes[key], COMMENT), {"x_scale": 2.2, "y_scale": 1.6})


def _missing_table(ws: Any, fmt: Formats, heading_row: int, geos: Sequence[Geometry], lang: str) -> None:
    header = heading_row  # 0-based index of the row below the heading
    labels = [T[key](lang) for key in ("sheet", "worksheet", "filled", "required")]
    for c, label in enumerate(labels):
        ws.write_string(header, c, label, fmt.header())
    ws.set_row(header, max(text_height(lb, column_px(w) - 6, bold=True) for lb, w in zip(labels, COVER_WIDTHS)))
    link = fmt.get(font_color="#0563C1", underline=1, valign="top", border=1, border_color="#BFBFBF")
    plain = fmt.cell()
    for i, geo in enumerate(geos):
        r = header + 1 + i
        ws.write_url(r, 0, f"internal:{quote_sheet(geo.name)}!A{layout.FIRST_DATA_ROW}", link, string=geo.name)
        title = geo.sheet.title(lang).split(": ", 1)[-1]
        ws.write_string(r, 1, title, plain)
        ws.set_row(r, max(LINE_PT, text_height(title, column_px(COVER_WIDTHS[1]) - 6)))
        ws.write_formula(r, 2, filled_formula(geo), plain, filled_rows(geo.values, geo.sheet))
        ws.write_formula(r, 3, error_formula(geo, lang), plain, error_count(geo))
    first, last = header + 1, header + len(geos)
    note = fmt.get(font_color="#7F7F7F", italic=True, text_wrap=True, valign="top")
    ws.merge_range(last + 1, 0, last + 1, 3, "", note)
    ws.write_string(last + 1, 0, T["rest"](lang), note)
    ws.set_row(last + 1, text_height(T["rest"](lang), sum(column_px(w) for w in COVER_WIDTHS) - 8))
    ws.conditional_format(first, 3, last, 3, {"type": "cell", "criteria": ">", "value": 0,
                                             "format": fmt.conditional(MISSING_FILL, MISSING_FONT)})
    ws.conditional_format(first, 2, last, 2, {"type": "cell", "criteria": "==", "value": 0,
                                             "format": fmt.conditional("#F2F2F2", "#7F7F7F")})


def write_overview(workbook: Any, fmt: Formats, geo: Geometry, ctx: Context) -> Any:
    """One row per row of worksheet #8: ID, indicator, unit, values, progress (with a bar) and status."""
    lang = ctx.lang
    ws = workbook.add_worksheet(OVERVIEW_SHEET(lang))
    for i, width in enumerate(OVERVIEW_WIDTHS):
        ws.set_column(i, i, width)
    ws.write_string(0, 0, T["overview_title"](lang), fmt.title())
    ws.write_string(1, 0, T["overview_note"](lang).format(sheet=geo.name), fmt.muted())
    header_row = 3
    labels = [geo.sheet.column(k).label(lang) for k in OVERVIEW_KEYS]
    for c, label in enumerate(labels):
        ws.write_string(header_row, c, label, fmt.header())
    header_pt = max(text_height(lb, column_px(w) - 6, bold=True) for lb, w in zip(labels, OVERVIEW_WIDTHS))
    ws.set_row(header_row, header_pt)
    heights = []
    for i in range(geo.size):
        row = geo.values[i] if i < len(geo.values) else {}
        cached = _overview_cached(geo, i, row, ctx)
        height = row_height(row, tuple(replace(geo.sheet.column(k), width=w)
                                       for k, w in zip(OVERVIEW_KEYS, OVERVIEW_WIDTHS)))
        heights.append(height)
        if height:
            ws.set_row(header_row + 1 + i, height)
        for c, key in enumerate(OVERVIEW_KEYS):
            src = f"{quote_sheet(geo.name)}!{geo.cell(key, i)}"
            formula = f'=IF(LEN({src})=0,"",{src})'
            col = geo.sheet.column(key)
            num = {"progress": "0%"}.get(key, "0" if col.type is ColumnType.YEAR else "")
            ws.write_formula(header_row + 1 + i, c, formula, fmt.cell(num_format=num), cached_value(cached[key]))
    first, last = header_row + 1, header_row + geo.size
    ws.conditional_format(first, 6, last, 6, {"type": "data_bar", "bar_color": "#63BE7B", "bar_solid": True,
                                             "min_type": "num", "min_value": 0, "max_type": "num", "max_value": 1})
    status_colours(ws, fmt, (first, 7, last, 7), lang)
    ws.freeze_panes(header_row + 1, 0)
    _landscape(ws, header_row, OVERVIEW_SHEET(lang), ctx)
    filled = sum(1 for r in geo.values if row_has_value(r, geo.sheet))
    scale = min(1.0, PAGE_PX / sum(column_px(w) for w in OVERVIEW_WIDTHS))
    rows = print_end(3 * LINE_PT + 8, header_pt, heights, filled, scale)  # title, note, a gap
    ws.print_area(0, 0, header_row + max(rows, 1), len(OVERVIEW_KEYS) - 1)
    return ws


def _overview_cached(geo: Geometry, i: int, row: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    progress, status = indicator_cached(row, geo.sheet, ctx.report_date, ctx.lang)
    values = {k: row.get(k) for k in OVERVIEW_KEYS}
    values.update(progress=progress, status=status)
    return {k: ("" if v is None or not isinstance(v, (str, int, float)) or isinstance(v, bool) else v)
            for k, v in values.items()}


def _landscape(ws: Any, repeat_row: int, name: str, ctx: Context) -> None:
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(repeat_row)
    page_header(ws, name, ctx)


def write_matrix(workbook: Any, fmt: Formats, geo: Geometry, ctx: Context) -> Any:
    """A 5x5 grid of risk counts (impact 5..1 down, likelihood 1..5 across) and the count per level."""
    lang = ctx.lang
    ws = workbook.add_worksheet(MATRIX_SHEET(lang))
    ws.set_column(0, 0, 26)
    ws.set_column(1, 5, 12)
    ws.write_string(0, 0, T["matrix_title"](lang), fmt.title())
    ws.write_string(1, 0, T["matrix_note"](lang).format(sheet=geo.name), fmt.muted())
    lik, sev = geo.column_range("likelihood"), geo.column_range("severity")
    top = MATRIX_GRID_ROW - 2
    ws.merge_range(top, 1, top, 5, geo.sheet.column("likelihood").label(lang) + " →", fmt.header())
    ws.write_string(top + 1, 0, geo.sheet.column("severity").label(lang) + " ↓", fmt.header())
    counts = risks.heatmap((int(r["likelihood"]), int(r["severity"])) for r in geo.values
                           if _scored(r))
    for j in range(5):
        ws.write_number(top + 1, 1 + j, j + 1, fmt.get(bold=True, align="center", bg_color=HEADER_FILL, border=1))
    for i, impact in enumerate(range(5, 0, -1)):
        r = MATRIX_GRID_ROW + i
        ws.set_row(r, 32)
        ws.write_number(r, 0, impact, fmt.get(bold=True, align="center", valign="vcenter", bg_color=HEADER_FILL,
                                              border=1))
        for j, likelihood in enumerate(range(1, 6)):
            fill, font = risks.COLOURS[risks.band(likelihood * impact) or "low"]
            cell = fmt.get(bold=True, font_size=14, align="center", valign="vcenter", bg_color=fill,
                           font_color=font, border=1, border_color="#FFFFFF")
            ws.write_formula(r, 1 + j, heat_formula(lik, sev, likelihood, impact), cell, counts[i][j])
    _level_table(ws, fmt, geo, MATRIX_LEVELS_ROW, lang)
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)
    page_header(ws, MATRIX_SHEET(lang), ctx)
    return ws


def _scored(row: Mapping[str, Any]) -> bool:
    lik, sev = number(row.get("likelihood")), number(row.get("severity"))
    return risks.score(lik, sev) is not None and float(lik).is_integer() and float(sev).is_integer()  # type: ignore


def _level_table(ws: Any, fmt: Formats, geo: Geometry, top: int, lang: str) -> None:
    computed, stated = geo.column_range("computed_level"), geo.column_range("level")
    ws.write_string(top, 0, T["level"](lang), fmt.header())
    ws.write_string(top, 1, T["risks"](lang), fmt.header())
    levels = [effective_level(r) for r in geo.values if row_has_value(r, geo.sheet)]
    cached = risks.level_counts(levels)
    for i, choice in enumerate(RISK_LEVELS):
        fill, font = risks.COLOURS[choice.key]
        style = fmt.get(bg_color=fill, font_color=font, bold=True, border=1, border_color="#BFBFBF")
        ws.write_string(top + 1 + i, 0, choice.label(lang), style)
        ws.write_formula(top + 1 + i, 1, level_count_formula(computed, stated, choice.key, lang), fmt.cell(),
                         cached[choice.key])
    r = top + 1 + len(RISK_LEVELS)
    ws.write_string(r, 0, T["unrated"](lang), fmt.cell())
    inputs = [geo.column_range(k) for k in geo.input_keys()]
    ws.write_formula(r, 1, unrated_formula(computed, stated, inputs), fmt.cell(), cached["none"])
    ws.write_string(r + 1, 0, T["levels_note"](lang), fmt.muted())

