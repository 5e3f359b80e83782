"""Inline SVG for the reports: progress bars, the risk matrix and the activity timeline (pure strings).

Every user text goes through xml.sax.saxutils (names carry quotes, ampersands and Latvian letters).
Sizes are in CSS pixels and fit an A4 page (180 mm, about 680 px, between margins).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..plan.errors import UsageError
from ..plan.indicators import STATUS_COLOURS
from ..plan.periods import Period, describe, month_index
from ..plan.risks import COLOURS, band
from ..schema import SHEETS_BY_KEY, Text
from ..schema.vocab import STATUSES

A4_WIDTH = 680
FONT = "font-family=\"'Segoe UI', Arial, sans-serif\" font-size=\"11\""
TRACK = "#E7E6E6"
GRID_LINE = "#BFBFBF"
TODAY = "#C00000"
# Okabe-Ito colours (readable by colour-blind readers), for colour keys that name no status or level.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")

PROGRESS = Text("charts.progress")
NO_DATA = Text("charts.no_data")
RISK_MATRIX = Text("charts.risk_matrix")
TIMELINE = Text("charts.timeline")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _t(text: object) -> str:
    """Text content, escaped; characters XML cannot carry (Excel's line-break \\x0b) become spaces."""
    return escape(_NOT_XML.sub(" ", str(text)))


def _svg(width: float, height: float, label: str, body: list[str], extra: str = "") -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}" role="img" aria-label={quoteattr(label)} {FONT}{extra}>')
    return "".join([head, f"<title>{_t(label)}</title>", *body, "</svg>"])


def _text(x: float, y: float, content: str, *, cls: str = "", anchor: str = "start", fill: str = "#000000",
          extra: str = "", title: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    tip = f"<title>{_t(title)}</title>" if title else ""
    return (f'<text{klass} x="{x:g}" y="{y:g}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{tip}{_t(content)}</text>")


def _rect(x: float, y: float, w: float, h: float, fill: str, *, cls: str = "", extra: str = "",
          title: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    tip = f"<title>{_t(title)}</title>" if title else ""
    end = f">{tip}</rect>" if tip else "/>"
    return f'<rect{klass} x="{x:g}" y="{y:g}" width="{max(w, 0):g}" height="{h:g}" fill="{fill}"{extra}{end}'


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- progress bar ---------------------------------------------------------------------------------


def _status_word(key: str, lang: str) -> str:
    return next((c.label(lang) for c in STATUSES if c.key == key), key)


def percent(value: float | None) -> str:
    """"45 %" (Latvian and SI spacing), "" for None."""
    return "" if value is None else f"{round(value * 100):d} %"


def progress_bar(value: float | None, status: str, *, lang: str = "lv", width: int = 120,
                 height: int = 14) -> str:
    """A small inline bar: progress 0..1 fills it (more than 1 shows full, with its percentage)."""
    colour = STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"])[1]
    shown = percent(value) if value is not None else NO_DATA(lang)
    label = f"{PROGRESS(lang)}: {shown} — {_status_word(status, lang)}"
    body = [_rect(0, 0, width, height, TRACK, cls="track", extra=' rx="2"')]
    if value is not None:
        share = min(max(value, 0.0), 1.0)
        body.append(_rect(0, 0, width * share, height, colour, cls="bar", extra=' rx="2"'))
    body.append(_text(width + 6, height - 3, shown, cls="value", fill=colour if value is not None else "#595959"))
    return _svg(width + 60, height, label, body, ' class="progress"')


# --- risk matrix ----------------------------------------------------------------------------------

_CELL = 44


def _axis_label(key: str, lang: str) -> str:
    return SHEETS_BY_KEY["risks"].column(key).label(lang)


def _check_grid(grid: Sequence[Sequence[int]]) -> None:
    if len(grid) != 5 or any(len(row) != 5 for row in grid):
        raise UsageError("A risk matrix needs 5 rows of 5 counts (impact 5..1 by likelihood 1..5).")


def _matrix_cell(row: int, col: int, count: int, x0: float, y0: float) -> list[str]:
    likelihood, impact = col + 1, 5 - row
    fill, font = COLOURS[band(likelihood * impact) or "low"]
    x, y = x0 + col * _CELL, y0 + row * _CELL
    tip = f"{likelihood} × {impact} = {likelihood * impact}: {count}"
    out = [_rect(x, y, _CELL - 2, _CELL - 2, fill, cls="cell", title=tip)]
    if count:
        out.append(_text(x + _CELL / 2 - 1, y + _CELL / 2 + 4, str(count), cls="count", anchor="middle",
                         fill=font, extra=' font-size="14" font-weight="bold"'))
    return out


def heatmap_svg(grid: Sequence[Sequence[int]], title: str = "", lang: str = "lv") -> str:
    """The 5x5 risk matrix (rows impact 5..1, columns likelihood 1..5) coloured by band, with counts."""
    _check_grid(grid)
    top = 22 if title else 4
    x0, y0 = 40, top
    body = [_text(x0, 14, title, cls="title", extra=' font-weight="bold" font-size="12"')] if title else []
    for r, row in enumerate(grid):
        body.append(_text(x0 - 6, y0 + r * _CELL + _CELL / 2 + 3, str(5 - r), cls="tick", anchor="end"))
        for c, count in enumerate(row):
            body += _matrix_cell(r, c, int(count), x0, y0)
    bottom = y0 + 5 * _CELL
    body += [_text(x0 + c * _CELL + _CELL / 2 - 1, bottom + 12, str(c + 1), cls="tick", anchor="middle")
             for c in range(5)]
    body.append(_text(x0 + 5 * _CELL / 2, bottom + 28, _axis_label("likelihood", lang), cls="axis", anchor="middle"))
    middle = y0 + 5 * _CELL / 2
    body.append(_text(12, middle, _axis_label("severity", lang), cls="axis", anchor="middle",
                      extra=f' transform="rotate(-90 12 {middle:g})"'))
    label = f"{RISK_MATRIX(lang)}: {title}" if title else RISK_MATRIX(lang)
    return _svg(x0 + 5 * _CELL + 8, bottom + 36, label, body, ' class="heatmap"')


# --- timeline -------------------------------------------------------------------------------------

_ROW = 20
_HEAD = 26
_LABEL_W = 190
_PERIOD_W = 132
_LINE = 13  # a wrapped label's further lines


_HEX = re.compile(r"#(?:[0-9A-Fa-f]{3}){1,2}")


def colour_of(key: str) -> str:
    """A bar colour: "#RRGGBB" as given, a status or risk level's colour, else a stable palette colour."""
    if _HEX.fullmatch(key):  # only a real colour goes into an attribute as given
        return key
    if key in STATUS_COLOURS:
        return STATUS_COLOURS[key][1]
    if key in COLOURS:
        return COLOURS[key][1]
    return PALETTE[sum(map(ord, key)) % len(PALETTE)]


def timeline_axis(items: Sequence[tuple[str, Period | None, str]]) -> tuple[int, int] | None:
    """The axis of several timelines drawn alike: whole years around every date of all their items."""
    return _axis(items)


def _wrap(text: str, width: int = 30, lines: int = 8) -> list[str]:
    """A label in lines of at most `width` characters at spaces (at most `lines`, the last one cut)."""
    out: list[str] = []
    for word in " ".join(str(text).split()).split(" "):
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [_clip(" ".join(out[lines - 1:]), width)]
    return out or [""]


def _axis(items: Sequence[tuple[str, Period | None, str]]) -> tuple[int, int] | None:
    """(first, last) month index of the timeline: whole years around every date given."""
    dates = [d for _, p, _ in items if p is not None for d in (p.start, p.end) if d is not None]
    if not dates:
        return None
    return month_index(date(min(dates).year, 1, 1)), month_index(date(max(dates).year, 12, 1))


class _Scale:
    """Month index -> x in the chart area."""

    def __init__(self, first: int, last: int, x0: float, x1: float) -> None:
        self.first, self.x0 = first, x0
        self.step = (x1 - x0) / (last - first + 1)

    def x(self, index: float) -> float:
        return self.x0 + (index - self.first) * self.step


def _year_ticks(scale: _Scale, first: int, last: int, height: float) -> list[str]:
    out = [f'<line class="quarter" x1="{scale.x(i):g}" y1="{_HEAD - 6:g}" x2="{scale.x(i):g}" y2="{_HEAD - 2:g}" '
           f'stroke="{GRID_LINE}" stroke-width="1"/>' for i in range(first, last + 1, 3) if i % 12]
    for index in range(first, last + 1, 12):
        x = scale.x(index)
        out.append(f'<line class="year" x1="{x:g}" y1="{_HEAD - 8:g}" x2="{x:g}" y2="{height - 4:g}" '
                   f'stroke="{GRID_LINE}" stroke-width="1"/>')
        out.append(_text(x + 12 * scale.step / 2, _HEAD - 12, str(index // 12), cls="year-label", anchor="middle",
                         extra=' font-weight="bold"'))
    end = scale.x(last + 1)
    out.append(f'<line class="year" x1="{end:g}" y1="{_HEAD - 8:g}" x2="{end:g}" y2="{height - 4:g}" '
               f'stroke="{GRID_LINE}" stroke-width="1"/>')
    return out


def _bar(period: Period, colour: str, scale: _Scale, axis: tuple[int, int], y: float, lang: str) -> str:
    start = month_index(period.start) if period.start else axis[0]
    end = month_index(period.end) + 1 if period.end else axis[1] + 1
    kind = "bar" + (" open-start" if period.start is None else "") + (" open-end" if period.end is None else "")
    dashed = ' stroke-dasharray="3 2" fill-opacity="0.45"' if period.start is None or period.end is None else ""
    return _rect(scale.x(start), y + 4, scale.x(end) - scale.x(start), _ROW - 8, colour, cls=kind,
                 extra=f' stroke="{colour}"{dashed}', title=describe(period, lang))


def _timeline_row(y: float, height: float, item: tuple[str, Period | None, str], scale: _Scale | None,
                  axis: tuple[int, int] | None, lang: str, wrap: bool = False) -> list[str]:
    label, period, key = item
    if wrap:
        out = [_text(4, y + 14 + n * _LINE, line, cls="label", title=label) for n, line in enumerate(_wrap(label))]
    else:
        out = [_text(4, y + 14, _clip(label, 32), cls="label", title=label)]
    if period is None:
        out.append(_text(_LABEL_W + 4, y + 14, describe(None, lang), cls="period not-understood", fill="#9C0006",
                         extra=' font-style="italic"'))
        return out
    out.append(_text(_LABEL_W + 4, y + 14, _clip(describe(period, lang), 24), cls="period",
                     fill="#595959" if period.placed else "#7F6000"))
    if period.placed and scale and axis:
        out.append(_bar(period, colour_of(key), scale, axis, y, lang))
    return out


def _today_line(today: date | None, scale: _Scale | None, axis: tuple[int, int] | None, height: float) -> list[str]:
    if not (today and scale and axis) or not axis[0] <= month_index(today) <= axis[1]:
        return []
    x = scale.x(month_index(today) + (today.day - 1) / 31)
    return [f'<line class="today" x1="{x:g}" y1="{_HEAD - 8:g}" x2="{x:g}" y2="{height - 4:g}" '
            f'stroke="{TODAY}" stroke-width="1.5" stroke-dasharray="4 3"/>']


def gantt_svg(items: Sequence[tuple[str, Period | None, str]], lang: str = "lv", *, width: int = A4_WIDTH,
              today: date | None = None, axis: tuple[int, int] | None = None, wrap: bool = False) -> str:
    """A timeline of activities by month with year ticks; text it could not place is listed as such.

    items: (label, period or None, colour key). Rows keep the order given; a period with no dates
    ("Reizi gadā") shows its recurrence and no bar; None shows "nav saprasts". `axis`: (first, last)
    month index shared with other timelines (timeline_axis); `wrap`: labels in whole lines, not cut.
    """
    items = list(items)
    axis = axis or _axis(items)
    heights = [_ROW + (len(_wrap(label)) - 1) * _LINE if wrap else _ROW for label, _, _ in items]
    tops = [_HEAD + sum(heights[:i]) for i in range(len(items))]
    height = _HEAD + (sum(heights) if items else _ROW) + 6
    scale = _Scale(axis[0], axis[1], _LABEL_W + _PERIOD_W, width - 8) if axis else None
    body = [_text(4, _HEAD - 12, TIMELINE(lang), cls="title", extra=' font-weight="bold"')]
    body += [_rect(0, tops[i], width, heights[i], "#F4F4F4", cls="stripe") for i in range(1, len(items), 2)]
    if scale and axis:
        body += _year_ticks(scale, axis[0], axis[1], height)
    for i, item in enumerate(items):
        body += _timeline_row(tops[i], heights[i], item, scale, axis, lang, wrap)
    body += _today_line(today, scale, axis, height)
    return _svg(width, height, TIMELINE(lang), body, ' class="gantt"')
