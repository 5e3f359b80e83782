"""The HTML reports: a Jinja2 environment over templates/, the regional report and the feedback page.

The only module that imports Jinja2. Templates get plain rows (from the regional picture, region/picture.py)
and ready-made inline SVG (from charts.py); every other value is escaped by the environment.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .. import resources, style
from ..atomic import write_text
from ..plan import indicators, risks
from ..plan.issues import SEVERITY_WORDS
from ..plan.periods import describe
from ..region import rollup
from ..region.grids import MUNICIPALITY, STATUS_HEAD
from ..region.model import Source
from ..region.picture import FileSlice, RegionalPicture
from ..region.words import INDICATOR_STATUS_WORDS, LEVEL_WORDS, STATUS_WORDS
from ..region.yearview import report_part
from ..safetext import excel_text
from ..schema import Severity, Text
from . import charts
from .report_labels import labels
from .report_parts import worksheet_part

if TYPE_CHECKING:
    from jinja2 import Environment

BAR_PX = 56  # progress bar track; with its label the SVG fills the roll-up's progress column
GANTT_ROWS = 14  # activities per timeline chart: one chart of labels wrapped over several lines fits an A4 page
GANTT_COLOUR = "#2E75B6"
STATUS_CLASSES = {"used": "info", "superseded": "warning", "unreadable": "error", "not_plan": "error"}
STATUS_COLUMNS = (0, 1, 2, 3, 4, 5, 7)  # of regional.STATUS_HEAD: municipality ... completeness, saved
TOTAL = Text("report_page.total")


@lru_cache(maxsize=1)
def environment() -> "Environment":
    """Jinja2 over templates/: autoescaped HTML, undefined names are errors, a number filter."""
    from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FunctionLoader(_template_source), undefined=StrictUndefined,
                      autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, finalize=html_text)
    env.filters["number"] = number
    env.globals["palette"] = style  # the CSS takes its colours from the one palette
    return env


def html_text(value: Any) -> Any:
    """Every value a template prints, without the control characters HTML and XML cannot hold (the markup
    of a Markup value stays markup)."""
    if isinstance(value, str):
        from markupsafe import Markup

        clean = excel_text(value, limit=None)
        return Markup(clean) if isinstance(value, Markup) else clean
    return value


def _template_source(name: str) -> str | None:
    """A report template's text from the package's templates/ folder (None: Jinja2 says it is not found)."""
    path = resources.folder("templates").joinpath(name)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def number(value: float | int, digits: int = 0) -> str:
    """A number as Latvian and SI print it: thin-spaced thousands, decimal comma, no trailing zeros."""
    text = f"{value:,.{digits}f}" if digits else f"{round(value):,d}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def _svg(markup: str) -> Any:
    """SVG from charts.py: it escapes every text it draws, so it is inserted as markup."""
    from markupsafe import Markup

    return Markup(markup)  # noqa: S704 - charts.py escapes all user text


def _render(name: str, context: Mapping[str, Any]) -> str:
    return environment().get_template(name).render(**context)


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


# --- the regional report --------------------------------------------------------------------------


READERS = ("coordinator", "council")


def render_regional(picture: "RegionalPicture", *, today: date | None = None, reader: str = "coordinator") -> str:
    """The regional report as one HTML page (inline CSS and SVG), Latvian unless lang="en".

    reader "council": A4, a one-page summary first, all eleven worksheets, no data-quality detail;
    "coordinator": the same and the problems, per file."""
    if reader not in READERS:
        raise ValueError(f"reader must be one of {READERS}")
    today = today or date.today()
    lang, ctx = picture.lang, picture.context
    context = {"t": labels(lang), "today": _day(today), "reporting_date": _day(ctx.on), "year": ctx.year or "",
               "reader": reader, "summary": _tiles(picture, with_files=True),
               **_status_part(picture), **_indicator_part(picture), **_risk_part(picture),
               **_timeline_part(picture, today), **worksheet_part(picture, lang, _svg),
               "problems": _problems(picture), "files": _file_problems(picture) if reader == "coordinator" else [],
               **report_part(picture.years, picture.data_note, lang)}
    return _render("regional.html.j2", context)


def write_regional_report(picture: "RegionalPicture", path: Path, reader: str = "coordinator") -> Path:
    """Render the regional report for `reader` and write it atomically (UTF-8)."""
    return write_text(Path(path), render_regional(picture, reader=reader), picture.lang)


def _file_problems(picture: "RegionalPicture") -> list[dict[str, Any]]:
    """The coordinator's list: every file with problems, its issues by sheet and cell, errors first."""
    lang, out = picture.lang, []
    for f in picture.files:
        if not f.issues:
            continue
        rows = [{"sheet": i.sheet, "cell": i.cell, "severity": i.level.value,
                 "severity_word": SEVERITY_WORDS[i.level](lang), "message": i.message(lang)}
                for g in f.groups for c in g.cells for i in c.issues]
        out.append({"municipality": f.source.municipality, "file": f.name, "errors": f.errors,
                    "warnings": f.warnings, "rows": rows})
    return out


def _tiles(picture: "RegionalPicture", with_files: bool, file: FileSlice | None = None) -> list[tuple[str, int, str]]:
    t = labels(picture.lang)
    counts = file.counts if file is not None else picture.issues.counts()
    tiles = [(t["files"], len(picture.files), ""), (t["consolidated"], len(picture.plans), "")] if with_files else []
    return [*tiles, (t["errors"], counts[Severity.ERROR], "error"),
            (t["warnings"], counts[Severity.WARNING], "warning"), (t["notes"], counts[Severity.INFO], "info")]


def _status_part(picture: "RegionalPicture") -> dict[str, Any]:
    lang = picture.lang
    rows = [{**vars(r), "status_word": STATUS_WORDS[r.status](lang), "status_class": STATUS_CLASSES[r.status]}
            for r in picture.sources]
    head = [STATUS_HEAD[i](lang) for i in STATUS_COLUMNS]

    covers = {f.name: _cover(f.source, lang) for f in picture.files}
    for r in rows:
        r.update(covers.get(r["file"], {}))
        r["not_listed"] = r["file"] in picture.not_listed
    expected = picture.context.expected
    return {"sources": rows, "left_out": [r for r in rows if r["status"] != "used"], "status_head": head,
            "missing": list(picture.missing), "expected": list(expected),
            "submitted_expected": len(expected) - len(picture.missing)}


def _cover(source: "Source", lang: str) -> dict[str, str]:
    """The cover facts the coordinator writes to: contact person, e-mail, plan period, submission date."""
    cover = source.plan.cover if source.plan else {}
    when = cover.get("submission_date")
    return {"contact": str(cover.get("contact_person") or ""), "email": str(cover.get("contact_email") or ""),
            "period": str(cover.get("plan_period") or ""),
            "submitted": _day(when) if isinstance(when, date) else str(when or "")}


def _indicator_part(picture: "RegionalPicture") -> dict[str, Any]:
    lang, named, numeric, free = picture.lang, picture.named, [], []
    for r in picture.rollup:
        if r.target is None and r.actual is None and r.baseline is None:
            free.append({"title": r.title(lang), "municipalities": named.get((r.key, r.unit), [])})
        else:
            numeric.append({**_rollup_row(r, lang), "named": named.get((r.key, r.unit), [])})
    return {"rollup": numeric, "free": free, "rollup_head": [h(lang) for h in rollup.ROLLUP_HEAD]}


def _rollup_row(r: indicators.RollupRow, lang: str) -> dict[str, Any]:
    return {"key": r.key, "unit_key": r.unit, "title": r.title(lang), "unit": rollup.unit_label(r.unit, lang),
            "how": r.how, "how_word": rollup.HOW_WORDS[r.how](lang), "n": r.n, "baseline": r.baseline,
            "target": r.target, "actual": r.actual, "status": r.status,
            "status_word": INDICATOR_STATUS_WORDS[r.status](lang),
            "status_colours": indicators.STATUS_COLOURS.get(r.status, indicators.STATUS_COLOURS["no_data"]),
            "bar": _svg(charts.progress_bar(r.progress, r.status, lang=lang, width=BAR_PX)),
            "reporting": r.reporting, "missing": r.missing, "behind": r.behind}


def _risk_part(picture: "RegionalPicture") -> dict[str, Any]:
    lang, summary = picture.lang, picture.risks
    t = labels(lang)
    rows = [*(s for s in summary.municipalities if s.total), summary.region] if summary.region.total else []
    head = [MUNICIPALITY(lang), *(LEVEL_WORDS[k](lang) for k in (*risks.LEVELS, "none")),
            t["scored"], t["stated_only"], TOTAL(lang)]
    heat = charts.heatmap_svg(summary.region.grid, lang=lang) if rows else ""
    return {"risk_rows": rows, "level_head": head, "levels": risks.LEVELS, "level_colours": risks.COLOURS,
            "heatmap": _svg(heat)}


def _timeline_part(picture: "RegionalPicture", today: date) -> dict[str, Any]:
    lang, activities = picture.lang, list(picture.activities)
    undated = [{"municipality": a.municipality, "label": _label(a), "timeline": a.timeline,
                "read_as": describe(a.period, lang)} for a in activities if a.period is not None and not a.placed]
    unread = [{"municipality": a.municipality, "label": _label(a), "timeline": a.timeline}
              for a in activities if a.period is None]
    return {"gantts": _gantts(activities, lang, today), "undated": undated, "unread": unread}


def _gantts(activities: list[rollup.ActivityRow], lang: str, today: date) -> list[dict[str, Any]]:
    """One timeline per municipality (split after GANTT_ROWS activities, so that each fits a page), all on
    one year axis so that the municipalities compare at a glance; labels wrap instead of being cut."""
    placed_all = [(_label(a), a.period, GANTT_COLOUR) for a in activities if a.placed]
    axis = charts.timeline_axis(placed_all)
    out = []
    for plan_name in dict.fromkeys(a.municipality for a in activities):
        placed = [a for a in activities if a.municipality == plan_name and a.placed]
        for chunk in _chunks(placed):
            items = [(_label(a), a.period, GANTT_COLOUR) for a in chunk]
            svg = charts.gantt_svg(items, lang, today=today, axis=axis, wrap=True)
            out.append({"municipality": plan_name, "svg": _svg(svg)})
    return out


def _label(activity: rollup.ActivityRow) -> str:
    return " ".join(p for p in (activity.activity_id, activity.activity) if p)


def _chunks(items: list[Any], size: int = GANTT_ROWS) -> Iterable[list[Any]]:
    """Consecutive runs of at most `size` items, as even as possible."""
    if not items:
        return []
    parts = -(-len(items) // size)
    step = -(-len(items) // parts)
    return [items[i:i + step] for i in range(0, len(items), step)]


def _problems(picture: "RegionalPicture") -> list[dict[str, Any]]:
    return [{**vars(p), "severity": p.severity.value, "severity_word": SEVERITY_WORDS[p.severity](picture.lang)}
            for p in picture.problems]


# --- the feedback page ----------------------------------------------------------------------------


def render_feedback(picture: "RegionalPicture", file: str, *, today: date | None = None) -> str:
    """One file's feedback page: every problem by sheet and cell, errors first, with what to do."""
    lang, mine = picture.lang, picture.file(file)
    source, t = mine.source, labels(lang)
    groups = [{"title": g.sheet or t["whole_file"], "sheet": g.sheet,
               "counts": [(s.value, g.count(s), SEVERITY_WORDS[s](lang)) for s in Severity if g.count(s)],
               "cells": [{"cell": c.cell, "column": c.column,
                          "issues": [{"rule": i.rule, "severity": i.level.value,
                                      "severity_word": SEVERITY_WORDS[i.level](lang), "message": i.message(lang)}
                                     for i in c.issues]} for c in g.cells]}
              for g in mine.groups]
    context = {"t": t, "today": _day(today or date.today()), "municipality": source.municipality,
               "file": source.name, "sha256": source.sha256, "status_word": STATUS_WORDS[source.status](lang),
               "status_class": STATUS_CLASSES[source.status],
               "summary": _tiles(picture, with_files=False, file=mine), "groups": groups}
    return _render("feedback.html.j2", context)
