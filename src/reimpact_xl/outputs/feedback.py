"""Feedback to each municipality: an HTML page per file and a feedback workbook per readable file.

The feedback workbook is a newly generated workbook filled with the submission's plan (template
.build_workbook), each problem cell coloured by severity with a comment holding its messages, and an
issue list with a link to each cell. The submission itself is only ever read.
"""
from __future__ import annotations

import os
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .. import style
from ..atomic import staged, write_text
from ..plan import layout
from ..plan.issues import SEVERITY_WORDS, Issue, Report
from ..plan.model import Plan
from ..read.submissions import OUTPUT_PROPERTY, municipality_slug
from ..region.model import Result, Source
from ..region.picture import RegionalPicture
from ..region.rollup import SEVERITY_ORDER, cell_order, sheet_order
from ..runtime import processes_available
from ..safetext import TIP, excel_text
from ..schema import COVER_FIELDS, COVER_SHEET, SHEETS, SHEETS_BY_KEY, Text
from ..workbook.build import build_workbook
from ..workbook.carry import slug
from ..workbook.cover import COVER_KEY, cover_row
from ..workbook.formats import MARK_FILLS, column_px, text_height
from ..workbook.sheet import CellKey
from ..workers import pool
from .report import render_feedback

SUFFIX = Text("feedback.suffix")
ISSUES_SHEET = Text("feedback.issues_sheet")
ISSUE_HEAD = (Text("issue_head.sheet"), Text("issue_head.cell"), Text("issue_head.severity"),
              Text("issue_head.message"), Text("feedback.issue_head.cell_in_the_file_sent"))


@dataclass(frozen=True)
class Mark:
    """One problem as the feedback workbook shows it: where in the new workbook, and the issue."""

    issue: Issue
    key: CellKey | None  # None: a problem of the file or sheet as a whole, or a cell that was not carried
    sheet: str  # the sheet's name in the feedback workbook ("" when it has no such sheet)
    cell: str  # the A1 address in the feedback workbook ("" when none)


# --- where each problem lands in the new workbook -------------------------------------------------


def cell_key(issue: Issue, plan: "Plan") -> CellKey | None:
    """The cell of the plan an issue names, as (sheet key, row index, column key), or None."""
    if issue.sheet in COVER_SHEET.variants():
        return (COVER_KEY, 0, issue.column) if issue.column in {f.key for f in COVER_FIELDS} else None
    table = next((t for t in plan.tables.values() if issue.sheet and issue.sheet in
                  (t.sheet_name, *t.sheet.name.variants())), None)
    row, letters = _split_cell(issue.cell)
    if table is None or row is None:
        return None
    numbers = table.row_numbers or [layout.FIRST_DATA_ROW + i for i in range(len(table.rows))]
    if row not in numbers:
        return None
    by_letter = {letter: key for key, letter in table.columns.items()}
    key = issue.column if issue.column in table.sheet.keys else by_letter.get(letters, "")
    return (table.sheet.key, numbers.index(row), key) if key in table.sheet.keys else None


def _split_cell(cell: str) -> tuple[int | None, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return (int(digits) if digits else None), "".join(ch for ch in cell if ch.isalpha()).upper()


def new_address(key: CellKey, lang: str) -> tuple[str, str]:
    """(sheet name, A1 cell) of a marked cell in a workbook built by template.build_workbook."""
    sheet_key, index, column = key
    if sheet_key == COVER_KEY:
        return COVER_SHEET(lang), f"B{cover_row(column)}"
    sheet = SHEETS_BY_KEY[sheet_key]
    letter = layout.col_letter(layout.FIRST_COL + sheet.keys.index(column))
    return sheet.name(lang), f"{letter}{layout.FIRST_DATA_ROW + index}"


def marks(issues: Iterable[Issue], plan: "Plan", lang: str) -> list[Mark]:
    """Every issue with its place in the feedback workbook; errors first, then in workbook order."""
    out = []
    for issue in issues:
        key = cell_key(issue, plan)
        sheet, cell = new_address(key, lang) if key else (_sheet_name(issue.sheet, lang), "")
        out.append(Mark(issue, key, sheet, cell))
    out.sort(key=lambda m: (SEVERITY_ORDER[m.issue.level], sheet_order(m.issue.sheet), cell_order(m.cell)))
    return out


def _sheet_name(name: str, lang: str) -> str:
    """The feedback workbook's name of a sheet the submission names in any language, else ""."""
    for sheet in (COVER_SHEET, *(s.name for s in SHEETS)):
        if name and name in sheet.variants():
            return sheet(lang)
    return ""


def cell_marks(found: Sequence[Mark], lang: str) -> tuple[dict[CellKey, str], dict[CellKey, str]]:
    """(notes, highlights) for build_workbook: each cell's messages, worst first, and its worst severity."""
    notes: dict[CellKey, list[str]] = {}
    worst: dict[CellKey, Issue] = {}
    for mark in found:
        if mark.key is None:
            continue
        notes.setdefault(mark.key, []).append(f"{SEVERITY_WORDS[mark.issue.level](lang)}: {mark.issue.message(lang)}")
        if mark.key not in worst or SEVERITY_ORDER[mark.issue.level] < SEVERITY_ORDER[worst[mark.key].level]:
            worst[mark.key] = mark.issue
    return ({k: "\n\n".join(v) for k, v in notes.items()}, {k: i.level.value for k, i in worst.items()})


# --- file names -----------------------------------------------------------------------------------


def feedback_stems(sources: Sequence["Source"], lang: str) -> dict[str, str]:
    """File name stem per source file: "bauskas_novads_atgriezeniska_saite"; never two alike.

    A consolidated file is named for its municipality; a superseded or unreadable one by its own stem.
    """
    taken: set[str] = set()
    stems: dict[str, str] = {}
    for source in sorted(sources, key=lambda s: s.status != "used"):
        named = source.status == "used" and source.municipality
        base = municipality_slug(source.municipality) if named else slug(source.path.stem)
        stem, n = f"{base}_{SUFFIX(lang)}", 2
        while stem in taken:
            stem, n = f"{base}_{n}_{SUFFIX(lang)}", n + 1
        taken.add(stem)
        stems[source.name] = stem
    return stems


# --- writing --------------------------------------------------------------------------------------


def write_feedback(picture: "RegionalPicture", folder: Path, *, today: date | None = None) -> list[Path]:
    """For every file of the inbox a feedback page, and for every readable one a feedback workbook."""
    with feedback_started(picture, folder, today=today) as finish:
        return finish()


@contextmanager
def feedback_started(picture: "RegionalPicture", folder: Path, *,
                     today: date | None = None) -> Iterator[Callable[[], list[Path]]]:
    """Start building the feedback workbooks in worker processes; yields finish(), which writes the pages
    in this process and waits for the workbooks. Whatever the caller does in between (the regional
    workbook, the report) runs while the workers build."""
    folder, lang = Path(folder), picture.lang
    stems, jobs, books, pages = feedback_stems([f.source for f in picture.files], lang), [], [], []
    on = picture.context.on  # the run's date: the workbook's status formulas judge on it, as every output does
    for mine in picture.files:  # each file's slice of the picture: its source and its own issues
        source = mine.source
        if source.status == "not_plan":
            continue  # no municipality's file: the report and the summary name it, no page to send
        pages.append((source, folder / f"{stems[source.name]}.html"))
        if source.plan is not None:
            plan = replace(source.plan, cover={**source.plan.cover, "reporting_date": on}) if on else source.plan
            books.append(folder / f"{stems[source.name]}.xlsx")  # renamed into place with the run's others
            jobs.append((replace(source, plan=plan), list(mine.issues), staged(books[-1]), lang))
    with _executor(len(jobs)) as executor:
        futures = [executor.submit(_workbook_job, job) for job in jobs] if executor else []

        def finish() -> list[Path]:
            written = [write_text(path, render_feedback(picture, source.name, today=today), lang)
                       for source, path in pages]
            for job in jobs if executor is None else ():
                _workbook_job(job)
            for future in futures:
                future.result()
            return written + books

        yield finish


def _executor(jobs: int) -> Any:
    """Worker processes for several feedback workbooks (0.2 s each), where processes exist; else none."""
    workers = min(os.cpu_count() or 1, 4)
    if workers <= 1 or jobs < 4 or not processes_available():
        return nullcontext(None)

    return pool(workers)


def _workbook_job(job: tuple) -> Path:
    """One feedback workbook from one source and its own issues (all a worker needs to be sent)."""
    source, issues, path, lang = job
    return write_workbook(source, Result([source], Report(issues)), path, lang)


def write_workbook(source: "Source", result: "Result", path: Path, lang: str = "lv") -> Path:
    """A new workbook filled with the submission's plan, problem cells coloured and commented."""
    plan = source.plan
    if plan is None:
        raise ValueError(f"{source.name} has no plan: an unreadable file gets a feedback page only")
    found = marks(result.report.for_file(source.name), plan, lang)
    notes, highlights = cell_marks(found, lang)
    return build_workbook(path, lang=lang, municipality=plan.municipality, plan=plan,
                          plan_period=str(plan.cover.get("plan_period") or ""), notes=notes,
                          highlights=highlights,
                          extra_sheets=(mark_output, lambda workbook: write_issue_sheet(workbook, found, lang)))


def mark_output(workbook: Any) -> None:
    """The marker that tells a later run this is a feedback workbook, not a submission (submissions.py)."""
    workbook.set_custom_property(OUTPUT_PROPERTY, "feedback")


def issue_rows(found: Sequence[Mark], lang: str) -> list[tuple[str, str, str, str, str, str]]:
    """(sheet, cell, link, severity word, message, cell in the file sent) per problem."""
    rows = []
    for mark in found:
        target = f"internal:{_quote(mark.sheet)}!{mark.cell or 'A1'}" if mark.sheet else ""
        rows.append((mark.sheet or mark.issue.sheet, mark.cell, target, SEVERITY_WORDS[mark.issue.level](lang),
                     mark.issue.message(lang), mark.issue.cell))
    return rows


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def write_issue_sheet(workbook: Any, found: Sequence[Mark], lang: str) -> Any:
    """The issue list (an XlsxWriter worksheet): a row per problem with a link to its cell."""
    ws = workbook.add_worksheet(ISSUES_SHEET(lang))
    head = workbook.add_format({"bold": True, "bg_color": style.HEADER[0], "font_color": style.HEADER[1],
                                "text_wrap": True, "valign": "top", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    link = workbook.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
    fills = {k: workbook.add_format({"bg_color": v, "valign": "top"}) for k, v in MARK_FILLS.items()}
    widths = (20, 8, 13, 80, 12)
    for c, (text, width) in enumerate(zip(ISSUE_HEAD, widths)):
        ws.write_string(0, c, text(lang), head)
        ws.set_column(c, c, width, wrap)
    ws.set_row(0, max(text_height(h(lang), column_px(w), bold=True) for h, w in zip(ISSUE_HEAD, widths)))
    for r, (mark, row) in enumerate(zip(found, issue_rows(found, lang)), 1):
        sheet, cell, target, word, message, original = row
        ws.set_row(r, max(text_height(message, column_px(widths[3])), text_height(sheet, column_px(widths[0]))))
        ws.write_string(r, 0, sheet, wrap)
        if target:
            ws.write_url(r, 1, target, link, string=cell or "A1", tip=excel_text(message, TIP))
        ws.write_string(r, 2, word, fills[mark.issue.level.value])
        ws.write_string(r, 3, message, wrap)
        ws.write_string(r, 4, original, wrap)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(found), 1), len(ISSUE_HEAD) - 1)
    ws.set_paper(9)  # A4, landscape, one page wide, the header on every page
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    return ws  # not activated: the cover is (two selected tabs would open as a group in Excel)
