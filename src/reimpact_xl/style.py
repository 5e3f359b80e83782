"""The one palette: risk bands, indicator statuses, severities and headers as (fill, font) "#RRGGBB" pairs.

The municipality workbook's formats (workbook/formats.py), the regional workbook, the feedback, the
master's tables and buttons, the report's CSS (templates/_style.css.j2) and its charts all read these;
change a colour here and every output follows. Pure data, no imports: every layer may use it.
"""
from __future__ import annotations

RISK = {"low": ("#C6EFCE", "#006100"), "medium": ("#FFEB9C", "#7F6000"), "high": ("#FFC7CE", "#9C0006")}
# indicator statuses, best to worst; "no_data" stands outside the order (bars use the font colour)
STATUS = {
    "achieved": ("#A9D08E", "#375623"), "on_track": ("#C6EFCE", "#006100"), "behind": ("#FFEB9C", "#7F6000"),
    "off_track": ("#FFC7CE", "#9C0006"), "no_data": ("#EDEDED", "#595959"),
}
SEVERITY = {"error": ("#FFC7CE", "#9C0006"), "warning": ("#FFEB9C", "#7F6000"), "info": ("#DDEBF7", "#1F4E78")}
HEADER = ("#1F4E78", "#FFFFFF")  # table header rows: regional workbook, feedback, master, report
HEADER_LIGHT = ("#DDEBF7", "#000000")  # the municipality workbook's column headers and matrix axes
