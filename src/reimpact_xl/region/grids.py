"""The regional picture as tables (pure): status, consolidated sheets, risks, issues.

Both the regional workbook (writer.py) and the master workbook (xl.py) present these rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..plan import risks
from ..plan.issues import SEVERITY_WORDS
from ..plan.model import EXTRA_PREFIX
from ..schema import SHEETS, Sheet, Text
from .context import context_of, judge_row
from .model import Result
from .words import INDICATOR_STATUS_WORDS, LEVEL_WORDS, NOT_LISTED, NOT_SUBMITTED, STATUS_WORDS, percent, rule_title

STATUS_HEAD = (
    Text("grids.status_head.municipality"), Text("grids.status_head.file"), Text("grids.status_head.status"),
    Text("grids.status_head.errors"), Text("grids.status_head.warnings"), Text("grids.status_head.completeness"),
    Text("grids.status_head.template_version"), Text("grids.status_head.saved"), Text("grids.status_head.file_time"),
    Text("grids.status_head.contact_person"), Text("grids.status_head.e_mail"), Text("grids.status_head.plan_period"),
    Text("grids.status_head.submission_date"), Text("grids.status_head.sha_256"),
)
COVER_FACTS = ("contact_person", "contact_email", "plan_period", "submission_date")  # cover keys, in STATUS_HEAD
ISSUE_HEAD = (Text("issue_head.municipality"), Text("issue_head.file"), Text("issue_head.sheet"),
              Text("issue_head.cell"), Text("issue_head.severity"), Text("issue_head.rule"),
              Text("issue_head.rule_title"), Text("issue_head.message"))
MUNICIPALITY = Text("grids.municipality")
SOURCE = Text("grids.source")


@dataclass(frozen=True)
class Grid:
    """A sheet's worth of rows: header, body, and the column keys of the body (for formats)."""

    header: tuple[str, ...]
    rows: list[list[Any]]
    keys: tuple[str, ...] = ()


def completeness(plan) -> float:
    """Share of required cells filled, over all sheets, 0..100: in the rows that exist, and one empty row
    for each required worksheet that has none (an emptied worksheet is missing, not absent)."""
    filled = total = 0
    for sheet in SHEETS:
        table = plan.tables.get(sheet.key)
        required = [c.key for c in sheet.input_columns if c.required]
        rows = table.rows if table else []
        if not rows and sheet.required:
            total += len(required) or 1
        for row in rows:
            total += len(required)
            filled += sum(1 for k in required if row.get(k) not in (None, ""))
    return round(100 * filled / total, 1) if total else 0.0


def status_grid(result: "Result", lang: str) -> Grid:
    """One row per inbox file (cover facts, real times), then every expected municipality that sent none."""
    ctx = context_of(result)
    head = [h(lang) for h in STATUS_HEAD] + [s.name(lang) for s in SHEETS]
    rows: list[list[Any]] = []
    for s in result.sources:
        mine = result.report.for_file(s.name)
        counts = s.plan.row_counts() if s.plan else {}
        cover = s.plan.cover if s.plan else {}
        word = STATUS_WORDS[s.status](lang)
        if s.status == "used" and s.municipality and not ctx.is_expected(s.municipality):
            word = NOT_LISTED(lang)
        rows.append([s.municipality, s.name, word, mine.errors, mine.warnings,
                     completeness(s.plan) if s.plan else 0.0, s.plan.meta.get("template_version", "") if s.plan else "",
                     local_time(s.saved), local_time(s.modified), *(cover.get(k) for k in COVER_FACTS), s.sha256,
                     *(counts.get(sh.key, 0) for sh in SHEETS)])
    rows += [[m, "", NOT_SUBMITTED(lang)] + [None] * (len(head) - 3) for m in ctx.missing(result.sources)]
    return Grid(tuple(head), rows)


def local_time(value: Any) -> Any:
    """An ISO time text or an aware datetime as a naive local datetime (what a spreadsheet cell holds);
    other text as it is."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value


def sheet_grid(sheet: Sheet, result: "Result", lang: str) -> Grid:
    """All municipalities' rows of one sheet: municipality first, the source cell, then the columns."""
    extras: dict[str, None] = {}
    for plan in result.plans:
        table = plan.tables.get(sheet.key)
        for key in table.extra_columns if table else ():
            extras.setdefault(key, None)
    keys = (*sheet.keys, *extras)
    head = (MUNICIPALITY(lang), SOURCE(lang), *(_label(c, lang) for c in sheet.columns),
            *(k.removeprefix(EXTRA_PREFIX) for k in extras))
    judged = _judging(sheet, keys, result, lang)
    # a stored choice key is shown as the word the user picks (Column.display), looked up once per column
    shown = [(c, {o.key: o.label(lang) for o in col.choices}) for c, col in enumerate(sheet.columns, 2) if col.choices]
    first_key = sheet.columns[0].key
    rows = []
    for plan in result.plans:
        table = plan.tables.get(sheet.key)
        if not table:
            continue
        letter = table.columns.get(first_key) or table.columns.get(next(iter(table.columns), ""), "")
        numbers = table.row_numbers if letter else []
        for i, row in enumerate(table.rows):
            source = f"{plan.file} › {table.sheet_name}!{letter}{numbers[i]}" if i < len(numbers) else plan.file
            cells = [plan.municipality, source, *map(row.get, keys)]
            for c, words in shown:
                if isinstance(cells[c], str):
                    cells[c] = words.get(cells[c], cells[c])
            if judged:
                judged(plan.municipality, row, cells)
            rows.append(cells)
    return Grid(head, rows, ("municipality", "source", *keys))


def _label(column: Any, lang: str) -> str:
    """A column's header; a progress share is shown as a percentage (one convention: 0–100, "%")."""
    return f"{column.label(lang)}, %" if column.key == "progress" else column.label(lang)


def _judging(sheet: Sheet, keys: tuple[str, ...], result: "Result", lang: str) -> Any:
    """For worksheet #8, a function that puts the run's verdict (progress %, status) into a row's cells:
    the status the municipality's own workbook computed on its own date is replaced by the run's."""
    if sheet.key != "indicators":
        return None
    on = context_of(result).on
    at_progress, at_status = keys.index("progress") + 2, keys.index("status") + 2

    def put(municipality: str, row: dict[str, Any], cells: list[Any]) -> None:
        value, status = judge_row(municipality, row, on)
        cells[at_progress] = percent(value)
        cells[at_status] = INDICATOR_STATUS_WORDS[status](lang)
    return put


def risk_level_head(lang: str) -> tuple[str, ...]:
    """The header of the risks-per-level table (picture.risk_level_grid fills it)."""
    return (MUNICIPALITY(lang), *(LEVEL_WORDS[k](lang) for k in (*risks.LEVELS, "none")))


def issue_grid(result: "Result", lang: str) -> Grid:
    """Every issue: where, how severe, the rule's key and its title in words, the message."""
    munis = {s.name: s.municipality for s in result.sources}
    rows = [[munis.get(i.file, ""), i.file, i.sheet, i.cell, SEVERITY_WORDS[i.level](lang), i.rule,
             rule_title(i, lang), i.message(lang)] for i in result.report]
    return Grid(tuple(h(lang) for h in ISSUE_HEAD), rows, ("municipality", "file", "sheet", "cell", "severity",
                                                          "rule", "rule_title", "message"))
