"""The regional picture as tables (pure): status, consolidated sheets, risks, issues.

Both the regional workbook (writer.py) and the master workbook (xl.py) present these rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import risks
from .issues import SEVERITY_WORDS
from .plan import EXTRA_PREFIX
from .schema import SHEETS, Sheet, Text

if TYPE_CHECKING:
    from .consolidation import Result

STATUS_HEAD = (
    Text("Pašvaldība", "Municipality"), Text("Fails", "File"), Text("Statuss", "Status"),
    Text("Kļūdas", "Errors"), Text("Brīdinājumi", "Warnings"), Text("Aizpildītība, %", "Completeness, %"),
    Text("Veidnes versija", "Template version"), Text("Saglabāts", "Saved"), Text("Faila laiks", "File time"),
    Text("SHA-256", "SHA-256"),
)
ISSUE_HEAD = (Text("Pašvaldība", "Municipality"), Text("Fails", "File"), Text("Lapa", "Sheet"),
              Text("Šūna", "Cell"), Text("Smagums", "Severity"), Text("Noteikums", "Rule"),
              Text("Ziņojums", "Message"))
MUNICIPALITY = Text("Pašvaldība", "Municipality")
SOURCE = Text("Avota šūna", "Source cell")


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
    from .summary import STATUS_WORDS

    head = [h(lang) for h in STATUS_HEAD] + [s.name(lang) for s in SHEETS]
    rows = []
    for s in result.sources:
        mine = result.report.for_file(s.name)
        counts = s.plan.row_counts() if s.plan else {}
        rows.append([s.municipality, s.name, STATUS_WORDS[s.status](lang), mine.errors, mine.warnings,
                     completeness(s.plan) if s.plan else 0.0, s.plan.meta.get("template_version", "") if s.plan else "",
                     s.saved, s.modified.isoformat(), s.sha256, *(counts.get(sh.key, 0) for sh in SHEETS)])
    return Grid(tuple(head), rows)


def sheet_grid(sheet: Sheet, result: "Result", lang: str) -> Grid:
    """All municipalities' rows of one sheet: municipality first, the source cell, then the columns."""
    extras: dict[str, None] = {}
    for plan in result.plans:
        table = plan.tables.get(sheet.key)
        for key in table.extra_columns if table else ():
            extras.setdefault(key, None)
    keys = (*sheet.keys, *extras)
    head = (MUNICIPALITY(lang), SOURCE(lang), *(c.label(lang) for c in sheet.columns),
            *(k.removeprefix(EXTRA_PREFIX) for k in extras))
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
            rows.append(cells)
    return Grid(head, rows, ("municipality", "source", *keys))


def risk_rows(result: "Result") -> list[tuple[str, int | None, int | None, str | None]]:
    """(municipality, likelihood, impact, effective level) of every risk in the region."""
    out = []
    for plan in result.plans:
        table = plan.tables.get("risks")
        for row in table.rows if table else ():
            risk = risks.RiskRow.from_row(plan.municipality, row)
            out.append((plan.municipality, risk.likelihood, risk.severity, risk.effective))
    return out


def risk_level_grid(result: "Result", lang: str) -> Grid:
    """Risks per level and municipality, stated levels counted in their band without a score."""
    words = {"low": Text("zems", "low"), "medium": Text("vidējs", "medium"), "high": Text("augsts", "high"),
             "none": Text("nav novērtēts", "not rated")}
    by_muni: dict[str, list[str | None]] = {}
    for muni, _, _, level in risk_rows(result):
        by_muni.setdefault(muni, []).append(level)
    head = (MUNICIPALITY(lang), *(words[k](lang) for k in (*risks.LEVELS, "none")))
    rows = [[m, *risks.level_counts(levels).values()] for m, levels in by_muni.items()]
    if rows:
        rows.append([Text("Reģions kopā", "Region total")(lang), *(sum(r[i] for r in rows) for i in range(1, 5))])
    return Grid(head, rows, ("municipality", *risks.LEVELS, "none"))


def regional_heatmap(result: "Result") -> list[list[int]]:
    return risks.heatmap((lik, imp) for _, lik, imp, _ in risk_rows(result) if lik and imp)


def issue_grid(result: "Result", lang: str) -> Grid:
    munis = {s.name: s.municipality for s in result.sources}
    rows = [[munis.get(i.file, ""), i.file, i.sheet, i.cell, SEVERITY_WORDS[i.level](lang), i.rule, i.message(lang)]
            for i in result.report]
    return Grid(tuple(h(lang) for h in ISSUE_HEAD), rows, ("municipality", "file", "sheet", "cell", "severity",
                                                          "rule", "message"))

