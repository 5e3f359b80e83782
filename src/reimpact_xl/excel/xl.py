"""The Excel layer: what the master's buttons and worksheet functions call through xlwings (thin).

Each entry point reads its inputs from the calling book by defined name, makes one library call and
writes the outcome back in bulk (one value write per table). A problem ends as a short message in the
settings sheet and an alert, never as a traceback; unexpected errors are logged next to the workbook.
Entry points take the book as an optional argument: Excel passes none (xw.Book.caller() is used),
tests pass a book of xlwings' remote engine.
"""
from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Callable, Sequence

import xlwings as xw

from .. import runtime
from ..plan import indicators, risks
from ..plan.errors import ReimpactError, UsageError
from ..region.picture import build_picture
from ..texts import CatalogueError
from ..texts.check import ensure_usable
from . import masterdata
from . import mastersettings as ms

LOG_NAME = "reimpact-xl.log"
TITLE = "reimpact-xl"
Action = Callable[[xw.Book, ms.Settings, Path], str]


# --- buttons ------------------------------------------------------------------------------------------


def consolidate(book: xw.Book | None = None) -> None:
    """Button “Apkopot”: consolidate the inbox into the regional workbook, report and feedback; fill the master."""
    _run(book, _consolidate, ("inbox", "output"))


def validate(book: xw.Book | None = None) -> None:
    """Button “Pārbaudīt”: validate the workbook chosen in the file picker; its issues fill the issues sheet."""
    _run(book, _validate, ("validate_file",))


def new_workbooks(book: xw.Book | None = None) -> None:
    """Button “Jaunas darbgrāmatas”: one new workbook per listed municipality, carried from last year's if given."""
    _run(book, _new_workbooks, ("output", "municipalities"))


def _consolidate(book: xw.Book, s: ms.Settings, base: Path) -> str:
    from ..outputs.report import write_regional_report
    from ..outputs.run import consolidate as run

    today = date.today()
    report = ms.output_path("report", s, base, today)
    result = run(ms.resolve(s.inbox, base), ms.output_path("regional", s, base, today), report=report,
                 feedback=ms.output_path("feedback", s, base, today), lang=s.lang, context=ms.context(s),
                 archive=ms.archive_path(s, base) if _sqlite_available() else None, year=s.year)
    council = write_regional_report(result.picture, ms.output_path("council", s, base, today), reader="council")
    result.outputs.append(council)
    _write_blocks(book, masterdata.blocks(result.picture))  # the picture the run's outputs rendered
    _range(book, "report_path").value = str(report)
    return ms.message("consolidated", s.lang, used=len(result.plans), files=len(result.sources),
                      errors=result.report.errors, warnings=result.report.warnings, value=report,
                      sheet=_sheet_of(book, "issues"), council=council.name) + _download_note(s.lang)


def _sqlite_available() -> bool:
    """Pyodide (xlwings Lite) ships sqlite3 apart from its standard library: without it, no archive."""
    try:
        import sqlite3  # noqa: F401
    except ImportError:
        return False
    return True


def _validate(book: xw.Book, s: ms.Settings, base: Path) -> str:
    from ..validation.check import check_files

    path = ms.resolve(s.validate_file, base)
    report = check_files([path], lang=s.lang)
    result, paths = masterdata.file_issues([(path, report)])
    _write_blocks(book, [masterdata.issues_block(build_picture(result, s.lang), paths)])
    return ms.message("validated", s.lang, value=path.name, errors=report.errors, warnings=report.warnings,
                      sheet=_sheet_of(book, "issues"))


def _new_workbooks(book: xw.Book, s: ms.Settings, base: Path) -> str:
    from ..workbook.carry import new_workbook

    folder = ms.output_path("new", s, base, date.today())
    sources = [ms.resolve(previous, base) if previous else None for _, previous in s.municipalities]
    made = [new_workbook(folder, municipality=m, period=s.period, lang=s.lang, source=source)
            for (m, _), source in zip(s.municipalities, sources)]
    result, paths = masterdata.file_issues([(src, report) for src, (_, report) in zip(sources, made) if src])
    _write_blocks(book, [masterdata.issues_block(build_picture(result, s.lang), paths)])
    return ms.message("created", s.lang, count=len(made), value=folder, errors=result.report.errors,
                      sheet=_sheet_of(book, "issues")) + _download_note(s.lang)


def _download_note(lang: str) -> str:
    """In xlwings Lite the outputs are reached through the add-in's Import/Export panel, not a folder."""
    return " " + ms.message("lite-download", lang) if runtime.LITE else ""


# --- the boundary: settings in, message out, no traceback ----------------------------------------------


def _run(book: xw.Book | None, action: Action, needs: Sequence[str]) -> None:
    book = book if book is not None else xw.Book.caller()
    lang = "lv"
    try:
        settings = _settings(book)
        ensure_usable(settings.lang)  # a catalogue that would break the run: its mistakes, before any work
        lang = settings.lang
        base = _folder(book)
        problem = ms.check(settings, needs, base)
        if problem:
            raise UsageError(_problem_text(book, problem, lang))
        text = action(book, settings, base)
    except (ReimpactError, CatalogueError) as exc:
        text = str(exc)
    except Exception:  # noqa: BLE001 - the coordinator gets a message, the log gets the traceback
        text = ms.message("unexpected", lang, detail=traceback.format_exc().strip().splitlines()[-1],
                          value=_log(book))
    _tell(book, text)


def _settings(book: xw.Book) -> ms.Settings:
    values = {s.key: _range(book, s.key).value for s in ms.SETTINGS}
    rows = _range(book, "municipalities").options(ndim=2).value
    return ms.parse_settings(values, rows)


def _range(book: xw.Book, key: str) -> xw.Range:
    """The range of a defined name of the master; a book without it is not a master."""
    try:
        return book.names[ms.name(key)].refers_to_range
    except (KeyError, ValueError):
        raise UsageError(ms.message("not-master", "lv", value=ms.name(key))) from None


def _problem_text(book: xw.Book, problem: ms.Problem, lang: str) -> str:
    rng = _range(book, problem.key)
    label = next((s.label(lang) for s in ms.SETTINGS if s.key == problem.key), problem.key)
    text = ms.message(problem.message, lang, label=label, sheet=rng.sheet.name,
                      cell=rng.get_address(False, False), value=problem.value)
    if runtime.LITE and problem.key == "validate_file":  # no file picker in Lite: name the files to choose from
        files = [str(p.relative_to(runtime.DATA)) for p in runtime.dropped_workbooks()]
        text += " " + (ms.message("lite-pick", lang, cell=rng.get_address(False, False), files=", ".join(files))
                       if files else ms.message("lite-none-dropped", lang))
    return text


def _sheet_of(book: xw.Book, key: str) -> str:
    return _range(book, f"table_{key}").sheet.name


def _folder(book: xw.Book) -> Path:
    """The master's folder (in xlwings Lite, /data): relative settings paths start there."""
    data = runtime.data_folder()
    if data is not None:
        return data
    full = Path(book.fullname)
    return full.parent if full.is_absolute() else Path.cwd()


def _tell(book: xw.Book, text: str) -> None:
    try:
        _range(book, "message").value = masterdata.as_values([[text]])
    except Exception:  # noqa: BLE001 - not a master, or the cell is locked: the alert alone says it
        pass
    book.app.alert(text, title=TITLE)


def _log(book: xw.Book) -> Path:
    """Append the current traceback to the log beside the workbook (or in the temp folder)."""
    import tempfile

    for folder in (_folder(book), Path(tempfile.gettempdir())):
        path = folder / LOG_NAME
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {date.today().isoformat()} {book.name}\n{traceback.format_exc()}\n")
            return path
        except OSError:
            continue
    return Path(LOG_NAME)


# --- writing tables -------------------------------------------------------------------------------------


def _write_blocks(book: xw.Book, blocks: Sequence[masterdata.Block]) -> None:
    for block in blocks:
        _write_block(_range(book, f"table_{block.key}"), block)


def _write_block(anchor: xw.Range, block: masterdata.Block) -> None:
    """Clear what the last run left below the header, write the table in one go, then colours and links."""
    sheet = anchor.sheet
    last = sheet.used_range.last_cell
    if last.row > anchor.row:
        old = sheet.range((anchor.row + 1, anchor.column), (last.row, max(last.column, anchor.column)))
        old.clear_contents()
        old.color = None
    anchor.resize(len(block.rows), block.width).value = masterdata.as_values(block.rows)
    for fill in block.fills:
        anchor.offset(fill.row, fill.col).resize(fill.rows, 1).color = fill.colour
    for link in block.links if not runtime.LITE else ():  # Lite: the file is in the add-in, no path to link to
        anchor.offset(link.row, link.col).add_hyperlink(link.address, link.text, link.tip)


# --- worksheet functions ---------------------------------------------------------------------------------
# No type hints on these: xlwings reads them as converters for the arguments and the result.


@xw.func
def REIMPACT_PROGRESS(baseline, target, actual):  # type: ignore[no-untyped-def]
    """Indicator progress, (actual − baseline) / (target − baseline); empty when it cannot be computed."""
    value = indicators.progress(ms.to_number(baseline), ms.to_number(target),
                                ms.to_number(actual))
    return "" if value is None else value


@xw.func
def REIMPACT_RISK_LEVEL(likelihood, impact, lang="lv"):  # type: ignore[no-untyped-def]
    """Risk level (zems / vidējs / augsts) of likelihood × impact, each 1–5; empty without a score."""
    whole = [int(n) if n is not None and n.is_integer() else None
             for n in (ms.to_number(likelihood), ms.to_number(impact))]
    return masterdata.level_label(risks.band(risks.score(*whole)), str(lang or "lv"))


@xw.func
def REIMPACT_STATUS(baseline, target, actual, target_year, baseline_year=None, as_of=None,  # type: ignore[no-untyped-def]
                    lang="lv"):
    """Indicator status (sasniegts … nav datu) judged on a date (default: today) between baseline and target year."""
    value = indicators.progress(ms.to_number(baseline), ms.to_number(target),
                                ms.to_number(actual))
    expected = indicators.expected_progress(ms.to_date(as_of) or date.today(), ms.to_year(target_year),
                                            ms.to_year(baseline_year))
    return masterdata.status_label(indicators.status(value, expected), str(lang or "lv"))
