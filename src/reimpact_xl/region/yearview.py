"""Year on year in the outputs: the regional workbook's sheet "Gadu salīdzinājums" and the report's section.

The numbers come from history.py (pure rows over the archive's rounds); this module only lays them out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence
from xml.sax.saxutils import escape

from ..plan.layout import col_letter
from ..schema import Text
from .archive import Round
from .grids import Grid
from .history import TRENDS, IndicatorYears, PlanChange, indicator_history, plan_changes
from .rollup import unit_label

SHEET = Text("Gadu salīdzinājums", "Year on year")
HEAD = (Text("Pašvaldība", "Municipality"), Text("ID", "ID"), Text("Rādītājs", "Indicator"),
        Text("Mērvienība", "Unit"))
TAIL = (Text("Izmaiņas pret iepriekšējo gadu", "Change on the year before"), Text("Tendence", "Trend"),
        Text("Mērķa vērtība", "Target"), Text("Līkne", "Sparkline"))
CHANGES_SHEET = Text("Plānu izmaiņas kopš {year}", "Plan changes since {year}")
CHANGES_TITLE = Text("Izmaiņas plānos kopš {year}. gada", "Changes in the plans since {year}")
CHANGES_HEAD = (Text("Pašvaldība", "Municipality"), Text("Izmaiņa", "Change"), Text("ID", "ID"),
                Text("Aktivitāte, risks vai rādītājs", "Activity, risk or indicator"), Text("Bija", "Was"),
                Text("Tagad", "Now"))
NO_CHANGES = Text("Kopš iepriekšējā gada plānos nekas nav mainīts.",
                  "Nothing changed in the plans since last year.")
ONE_YEAR = Text("Arhīvā ir tikai šī gada dati; salīdzinājums parādīsies pēc nākamā gada apkopošanas.",
                "The archive holds this year only; the comparison appears once next year is consolidated.")
NOTE = Text("Piezīme: {note}", "Note: {note}")
INTRO = Text("Katra pašvaldības rādītāja faktiskā vērtība katrā arhivētajā gadā, izmaiņas pret iepriekšējo gadu "
             "un tendence. Rādītājs gadu no gada sasaistīts pēc pašvaldības, ID un rādītāja teksta.",
             "Each municipality's indicator: its actual value in every archived year, the change on the year "
             "before and the trend. An indicator is followed by municipality, ID and text.")
DATA_NOTE = Text("Šajā pārskatā ir ilustratīvi dati, kas ģenerēti no piemēru plāniem demonstrācijai; tie nav "
                 "pašvaldību sniegti dati.", "This report holds illustrative data generated from the example "
                 "plans for a demonstration; they are not data the municipalities gave.")


@dataclass(frozen=True)
class YearView:
    """The archived years side by side: each indicator's values by year, the notes, the plan changes."""

    years: tuple[int, ...]
    rows: tuple[IndicatorYears, ...]
    grid: Grid  # the rows as the sheet "Gadu salīdzinājums" shows them (the last column: Excel's sparkline)
    notes: tuple[str, ...]
    changes: tuple[PlanChange, ...]  # between the two latest rounds
    change_grid: Grid

    @property
    def previous(self) -> int | None:
        return self.years[-2] if len(self.years) > 1 else None


def year_view(rounds: Sequence["Round"], lang: str) -> YearView:
    """The year-on-year view of the archive's rounds (empty without any)."""
    rows = indicator_history(rounds)
    changes = change_rows(rounds, lang)
    return YearView(tuple(years(rounds)), tuple(rows), indicator_grid(rows, rounds, lang), tuple(notes(rounds, lang)),
                    tuple(changes), change_grid(changes, lang))


def years(rounds: Sequence["Round"]) -> list[int]:
    return [r.year for r in rounds]


def notes(rounds: Sequence["Round"], lang: str) -> list[str]:
    """"2026, 2027: ilustratīvi dati": the years of each data note the rounds carry."""
    by_note: dict[str, list[str]] = {}
    for r in rounds:
        if r.note:
            by_note.setdefault(r.note, []).append(str(r.year))
    return [f"{', '.join(years)}: {note}" for note, years in by_note.items()]


def indicator_grid(rows: Sequence[IndicatorYears], rounds: Sequence["Round"], lang: str) -> Grid:
    """One row per municipality's indicator: its value in each archived year, change, trend, target."""
    header = (*(h(lang) for h in HEAD), *(str(y) for y in years(rounds)), *(h(lang) for h in TAIL))
    body = [[r.municipality, r.indicator_id, r.title(lang), unit_label(r.unit, lang),
             *(v for _, v in r.values), r.change, f"{TRENDS[r.trend]} {r.spark}".strip(), r.target, None]
            for r in rows]
    return Grid(header, body)


def change_rows(rounds: Sequence["Round"], lang: str) -> list[PlanChange]:
    """What changed between the two latest archived rounds (none with fewer than two)."""
    return plan_changes(rounds[-2], rounds[-1], lang) if len(rounds) > 1 else []


def change_grid(changes: Sequence[PlanChange], lang: str) -> Grid:
    return Grid(tuple(h(lang) for h in CHANGES_HEAD),
                [[c.municipality, c.kind_word(lang), c.item, c.text, c.before, c.after] for c in changes])


def write_sheet(book: Any, view: YearView, lang: str) -> None:
    """The regional workbook's sheets: each indicator's values by year with sparklines, and (with an
    earlier year archived) the plan changes since it."""
    n_years = len(view.years)
    widths = {0: 22, 1: 7, 2: 44, 3: 12, **{4 + i: 9 for i in range(n_years)},
              4 + n_years: 13, 5 + n_years: 12, 6 + n_years: 10, 7 + n_years: 14}
    ws = book.grid(SHEET(lang), view.grid, widths)
    sheet = SHEET(lang)
    for r in range(1, len(view.rows) + 1 if n_years > 1 else 1):  # Excel's own sparkline over the year columns
        ws.add_sparkline(r, 7 + n_years, {"range": f"'{sheet}'!{_cell(r, 4)}:{_cell(r, 3 + n_years)}",
                                           "type": "column", "series_color": "#2E75B6"})
    top = len(view.rows) + 3
    for i, note in enumerate(view.notes):
        ws.write_string(top + i, 0, NOTE(lang).format(note=note), book.title)
    if n_years < 2:
        ws.write_string(top + len(view.notes), 0, ONE_YEAR(lang))
        return
    _changes_sheet(book, view, lang)


def _changes_sheet(book: Any, view: YearView, lang: str) -> None:
    """The sheet "Plānu izmaiņas kopš <year>": what changed in each plan since the previous archived round."""
    name = CHANGES_SHEET(lang).format(year=view.previous)
    ws = book.grid(name, view.change_grid, {0: 22, 1: 22, 2: 8, 3: 60, 4: 24, 5: 24})
    if not view.change_grid.rows:
        ws.write_string(2, 0, NO_CHANGES(lang))


def _cell(row: int, col: int) -> str:
    return f"{col_letter(col)}{row + 1}"


# --- the report ---------------------------------------------------------------------------------------


def report_part(view: YearView, note: str, lang: str) -> dict[str, Any]:
    """The report's context for templates/_year_on_year.html.j2 (empty without an archive)."""
    from markupsafe import Markup

    if not view.years:
        return {"yoy": None, "data_note": note, "yt": report_words(lang)}
    rows = [{"municipality": r.municipality, "id": r.indicator_id, "title": r.title(lang),
             "unit": unit_label(r.unit, lang), "by_year": [v for _, v in r.values], "change": r.change,
             "trend": TRENDS[r.trend], "target": r.target,
             "spark": Markup(sparkline_svg([v for _, v in r.values]))}  # noqa: S704 - numbers only
            for r in view.rows]
    changes = [{"municipality": c.municipality, "kind": c.kind, "kind_word": c.kind_word(lang), "item": c.item,
                "text": c.text, "before": c.before, "after": c.after} for c in view.changes]
    return {"yoy": {"years": list(view.years), "rows": rows, "changes": changes, "notes": list(view.notes),
                    "previous": view.previous},
            "data_note": note, "yt": report_words(lang)}


def report_words(lang: str) -> dict[str, str]:
    """The section's words (kept here, beside the section, rather than in the shared report labels)."""
    words = {"title": SHEET, "changes_title": CHANGES_TITLE, "no_changes": NO_CHANGES, "one_year": ONE_YEAR,
             "note": NOTE, "intro": INTRO, "data_note": DATA_NOTE,
             **{f"head{i}": h for i, h in enumerate((*HEAD, *TAIL))},
             **{f"change{i}": h for i, h in enumerate(CHANGES_HEAD)}}
    return {k: v(lang) for k, v in words.items()}


def sparkline_svg(values: Sequence[float | None], width: int = 64, height: int = 18) -> str:
    """A small line over the years (gaps where a year has no value), its last point marked."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    low, high = min(v for _, v in points), max(v for _, v in points)
    span = (high - low) or 1.0
    step = (width - 6) / max(1, len(values) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        y = height - 3 - (v - low) / span * (height - 6) if high != low else height / 2
        return 3 + i * step, y

    coords = [xy(i, v) for i, v in points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    x, y = coords[-1]
    label = escape(" → ".join("–" if v is None else f"{v:g}" for v in values))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{label}"><title>{label}</title>'
            f'<polyline points="{line}" fill="none" stroke="#2E75B6" stroke-width="1.5"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="#2E75B6"/></svg>')
