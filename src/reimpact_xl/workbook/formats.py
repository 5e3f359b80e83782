"""Cell formats of the generated workbooks: fonts, fills, borders and number formats in one place."""
from __future__ import annotations

from typing import Any

from .. import style
from ..safetext import row_points
from ..schema import Column, ColumnType

NUM_FORMATS = {
    ColumnType.EUR: "#,##0.00",  # shown as 7 694,70 in a Latvian Excel
    ColumnType.INTEGER: "0",
    ColumnType.YEAR: "0",
    ColumnType.PERCENT: "0%",
    ColumnType.DATE: "dd.mm.yyyy",
    # typed text stays text: "01.2026" must not turn into a date, "M1.U2" into anything else
    ColumnType.PERIOD: "@",
    ColumnType.ID: "@",
    ColumnType.REF: "@",
}
FORMULA_NUM_FORMATS = {"progress": "0%", "score": "0"}

GRID = "#BFBFBF"
HEADER_FILL = style.HEADER_LIGHT[0]
GUIDANCE_FILL = "#FFF9E5"
COMPUTED_FILL = "#F2F2F2"
INPUT_FILL = "#FFFDE7"
MISSING_FILL = "#FCE4D6"  # an empty required cell in a row that holds something
MISSING_FONT = "#9C0006"
MARK_FILLS = {key: fill for key, (fill, _) in style.SEVERITY.items()}
STATUS_COLOURS = style.STATUS  # the same colours as the report and the master
FONT_SIZE = 11
TEXT_PX = 6.2  # average width of one character of Calibri 11 in pixels, for wrapping estimates
LINE_PT = 15.0  # height of one line of Calibri 11 in points


def mark_fill(mark: str) -> str:
    """The fill of a marked cell: a severity ("error", "warning", "info") or a colour "#RRGGBB"."""
    return mark if mark.startswith("#") else MARK_FILLS.get(mark, MARK_FILLS["info"])


class Formats:
    """The formats of one XlsxWriter workbook, each distinct set of properties created once."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._cache: dict[tuple[Any, ...], Any] = {}

    def get(self, **props: Any) -> Any:
        key = ("cell", *sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._workbook.add_format(props)
        return self._cache[key]

    def conditional(self, fill: str, font: str = "") -> Any:
        """A format for conditional formatting (kept apart from cell formats)."""
        key = ("cf", fill, font)
        if key not in self._cache:
            props = {"bg_color": fill, **({"font_color": font} if font else {})}
            self._cache[key] = self._workbook.add_format(props)
        return self._cache[key]

    def cell(self, column: Column | None = None, *, num_format: str = "", fill: str = "",
             computed: bool = False) -> Any:
        """A table cell: wrapped, top-aligned, thin grid, the column's number format."""
        props: dict[str, Any] = {"text_wrap": True, "valign": "top", "border": 1, "border_color": GRID}
        fmt = num_format or (NUM_FORMATS.get(column.type, "") if column else "")
        if fmt:
            props["num_format"] = fmt
        if fill or computed:
            props["bg_color"] = fill or COMPUTED_FILL
        return self.get(**props)

    def header(self) -> Any:
        return self.get(bold=True, text_wrap=True, valign="top", bg_color=HEADER_FILL, border=1,
                        border_color=GRID, font_color="#1F3864")

    def title(self, size: int = 14) -> Any:
        return self.get(bold=True, font_size=size, valign="vcenter", font_color="#1F3864")

    def paragraph(self, *, fill: str = "", italic: bool = False, size: int = FONT_SIZE) -> Any:
        props: dict[str, Any] = {"text_wrap": True, "valign": "top", "font_size": size}
        if fill:
            props["bg_color"] = fill
        if italic:
            props["italic"] = True
        return self.get(**props)

    def label(self) -> Any:
        return self.get(bold=True, valign="top", text_wrap=True)

    def muted(self) -> Any:
        return self.get(font_color="#7F7F7F", italic=True)


def wrapped_lines(text: str, width_px: float, char_px: float = TEXT_PX) -> int:
    """How many lines `text` takes when wrapped at word boundaries in a box this many pixels wide."""
    per_line = max(1, int(width_px / char_px))
    text = str(text)
    if len(text) <= per_line and "\n" not in text:
        return 1  # most cells: one line, no need to wrap word by word
    lines = 0
    for paragraph in text.split("\n"):
        if len(paragraph) <= per_line:
            lines += 1
            continue
        count, used = 1, 0
        for size in map(len, paragraph.split()):
            if not used:
                used = size
            elif used + size + 1 > per_line:
                count, used = count + 1, size
            else:
                used += size + 1
            if used > per_line:  # a word longer than the line breaks inside itself
                more = (used - 1) // per_line
                count, used = count + more, used - more * per_line
        lines += count
    return max(1, lines)


def column_px(width: float) -> int:
    """Pixels of an Excel column of this character width (Calibri 11: 7 px per digit plus 5 padding)."""
    return int(width * 7 + 0.5) + 5


def text_height(text: str, width_px: float, *, size: int = FONT_SIZE, bold: bool = False) -> float:
    """Points a wrapped text needs in a cell of this width, with a little air (at most Excel's 409.5)."""
    scale = size / FONT_SIZE
    lines = wrapped_lines(text, width_px, TEXT_PX * scale * (1.08 if bold else 1.0))
    return row_points(round(lines * LINE_PT * scale + 4, 1))
