"""How far a plan sheet prints: its filled rows, and the empty rows that fit on the page of the last one.

The template offers empty rows below every table to fill in; printed, they would spill onto a page of
nothing but empty rows. The print area therefore ends on the page that holds the last filled row. Pages
are estimated from the row heights the template itself sets, twice: generously and sparingly (an app
may wrap a little wider and set its header and footer inside the margins). Empty rows are printed only
as far as the sparing estimate fits them on that page, and none where the two estimates disagree on
which page the last filled row falls.
"""
from __future__ import annotations

from typing import Any, Sequence

from ..plan import layout
from ..schema import Text
from .cells import Geometry
from .formats import LINE_PT

CONTINUED = Text("printing.continued")

PAGE_PT = 595.3 - 2 * 0.6 * 72  # A4 landscape height less the top and bottom margins (0.6 in)
SPARING = (0.85, 36.0)  # share of the page, and points for the printed header and footer
GENEROUS_SCALE = 0.92  # an app that fits the width may print a little smaller than Excel's pixels say


def print_end(top_pt: float, header_pt: float, heights: Sequence[float | None], filled: int, scale: float) -> int:
    """The number of table rows to print: every filled row, then the empty rows that fit on its page.

    top_pt: the rows above the table's header on the first page; header_pt: the header row, repeated on
    every page; heights: each table row's height (None: the default); filled: rows that hold something.
    """
    rows = [h or LINE_PT for h in heights]
    generous = _pages(top_pt, header_pt, rows, PAGE_PT / max(scale * GENEROUS_SCALE, 0.1))
    sparing = _pages(top_pt, header_pt, rows, (PAGE_PT * SPARING[0] - SPARING[1]) / max(scale, 0.1))
    last = filled - 1
    if last >= 0 and generous[last] != sparing[last]:
        return filled
    page = sparing[last] if last >= 0 else 0
    return filled + sum(1 for p in sparing[filled:] if p == page)


def _pages(top_pt: float, header_pt: float, rows: Sequence[float], page: float) -> list[int]:
    """The page (0-based) each row prints on."""
    used, number, found = top_pt + header_pt, 0, []
    for h in rows:
        if used + h > page and used > header_pt:
            number, used = number + 1, header_pt
        used += h
        found.append(number)
    return found


def continued_titles(ws: Any, geo: Geometry, lang: str, breaks: Sequence[int], title_format: Any) -> None:
    """The title again at the top of each page across after the first, over that page's columns."""
    edges = [*breaks, len(geo.sheet.columns)]
    for a, b in zip(edges, edges[1:]):
        first, last = layout.FIRST_COL + a, layout.FIRST_COL + b - 1
        text = f"{geo.sheet.title(lang)} {CONTINUED(lang)}"
        if last > first:
            ws.merge_range(layout.TITLE_ROW - 1, first, layout.TITLE_ROW - 1, last, "", title_format)
        ws.write_string(layout.TITLE_ROW - 1, first, text, title_format)
