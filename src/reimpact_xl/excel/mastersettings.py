"""The master workbook's settings sheet (pure): settings, buttons, defined names, the messages of its buttons.

master.py lays the sheet out from these definitions; xl.py reads it back by the same defined names, so no
sheet name or cell address is written twice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Mapping, Sequence

from .. import runtime
from ..region.context import ReportingContext, expected_names
from ..schema import Text, languages

PREFIX = "rx_"  # every defined name of the master starts with it
SETTINGS_SHEET = Text("master.settings_sheet")
MUNICIPALITY_ROWS = 30
ZEMGALE = ("Aizkraukles novads", "Bauskas novads", "Dobeles novads", "Jelgavas novads", "Jelgavas valstspilsēta",
           "Jēkabpils novads")


@dataclass(frozen=True)
class Setting:
    key: str
    label: Text
    help: Text
    default: Text = Text("")


SETTINGS: tuple[Setting, ...] = (
    Setting("inbox", Text("master.settings.inbox.label"), Text("master.settings.inbox.help"),
            Text("master.settings.inbox.default")),
    Setting("output", Text("master.settings.output.label"), Text("master.settings.output.help"),
            Text("master.settings.output.default")),
    Setting("archive", Text("master.settings.archive.label"), Text("master.settings.archive.help")),
    Setting("year", Text("master.settings.year.label"), Text("master.settings.year.help")),
    Setting("lang", Text("master.settings.lang.label", codes="/".join(languages())), Text("master.settings.lang.help")),
    Setting("period", Text("master.settings.period.label"), Text("master.settings.period.help")),
    Setting("validate_file", Text("master.settings.validate_file.label"), Text("master.settings.validate_file.help")),
    Setting("report_path", Text("master.settings.report_path.label"), Text("master.settings.report_path.help")),
    Setting("message", Text("master.settings.message.label"), Text("")),
)
SETTINGS_HEAD = (Text("master.settings_head.setting"), Text("master.settings_head.value"),
                 Text("master.settings_head.explanation"))
MUNICIPALITY_HEAD = (Text("master.municipality_head.municipality"),
                     Text("master.municipality_head.last_year"))
BUTTONS = (  # (macro in xlmacros/Reimpact.bas, caption, what it does)
    ("Apkopot", Text("master.buttons.Apkopot.caption"), Text("master.buttons.Apkopot.help")),
    ("Parbaudit", Text("master.buttons.Parbaudit.caption"), Text("master.buttons.Parbaudit.help")),
    ("JaunasDarbgramatas", Text("master.buttons.JaunasDarbgramatas.caption"),
     Text("master.buttons.JaunasDarbgramatas.help")),
    ("AtvertParskatu", Text("master.buttons.AtvertParskatu.caption"), Text("master.buttons.AtvertParskatu.help")),
)
VBA_TEXTS = {  # constants the ASCII-only VBA reads by name, so that its dialogs speak Latvian
    "txt_pick": Text("master.vba_texts.txt_pick"),
    "txt_filter": Text("master.vba_texts.txt_filter"),
    "txt_no_report": Text("master.vba_texts.txt_no_report"),
}
OUTPUT_NAMES = {
    "regional": Text("master.output_names.regional"),
    "report": Text("master.output_names.report"),
    "council": Text("master.output_names.council"),
    "feedback": Text("master.output_names.feedback"),
    "new": Text("master.output_names.new"),
    "archive": Text("master.output_names.archive"),
}
MESSAGES = {
    "setting-missing": Text("master.messages.setting-missing"),
    "folder-missing": Text("master.messages.folder-missing"),
    "file-missing": Text("master.messages.file-missing"),
    "year-invalid": Text("master.messages.year-invalid"),
    "no-municipalities": Text("master.messages.no-municipalities"),
    "not-master": Text("master.messages.not-master"),
    "consolidated": Text("master.messages.consolidated"),
    "validated": Text("master.messages.validated"),
    "created": Text("master.messages.created"),
    "lite-download": Text("master.messages.lite-download"),
    "lite-pick": Text("master.messages.lite-pick"),
    "lite-none-dropped": Text("master.messages.lite-none-dropped"),
    "unexpected": Text("master.messages.unexpected"),
}


def name(key: str) -> str:
    """The defined name of a setting, a VBA text or a table anchor ("table_status")."""
    return PREFIX + key


def message(key: str, lang: str, **values: Any) -> str:
    return MESSAGES[key](lang).format(**values)


# --- settings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The coordinator's settings as read from the settings sheet."""

    inbox: str = ""
    output: str = ""
    archive: str = ""
    year: int | None = None
    lang: str = "lv"
    period: str = ""
    validate_file: str = ""
    municipalities: tuple[tuple[str, str], ...] = ()  # (municipality, last year's workbook or "")
    bad_year: str = ""  # the text of a year cell that holds no year


def parse_settings(values: Mapping[str, Any], municipalities: Sequence[Sequence[Any]] = ()) -> Settings:
    """Cell values (by setting key) and the municipality rows -> Settings; numbers from Excel become text."""
    text = {k: _text(v) for k, v in values.items()}
    year = to_year(values.get("year"))
    rows = tuple((_text(r[0]), _text(r[1]) if len(r) > 1 else "") for r in municipalities if r and _text(r[0]))
    return Settings(inbox=text.get("inbox", ""), output=text.get("output", ""), archive=text.get("archive", ""),
                    year=year,
                    lang=text.get("lang", "").lower() if text.get("lang", "").lower() in languages() else "lv",
                    period=text.get("period", ""), validate_file=text.get("validate_file", ""),
                    municipalities=rows, bad_year="" if year or not text.get("year") else text["year"])


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else " ".join(str(value).split())


def resolve(path: str, base: Path) -> Path:
    """A settings path: absolute as given, relative to the master's folder otherwise (in xlwings Lite, to
    /data, where a bare file name is also found among the dropped files)."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    found = base / p
    return found if found.exists() else runtime.find_dropped(path) or found


@dataclass(frozen=True)
class Problem:
    """A setting that stops an action: which one, the message, and the value it holds."""

    key: str
    message: str
    value: str = ""


def check(settings: Settings, needs: Sequence[str], base: Path) -> Problem | None:
    """The first setting in `needs` that is empty or wrong (folders and files must exist)."""
    if settings.bad_year:
        return Problem("year", "year-invalid", settings.bad_year)
    for key in needs:
        if key == "municipalities":
            if not settings.municipalities:
                return Problem(key, "no-municipalities")
            continue
        value = getattr(settings, key)
        if not value:
            return Problem(key, "setting-missing")
        if key == "inbox" and not resolve(value, base).is_dir():
            return Problem(key, "folder-missing", value)
        if key == "validate_file" and not resolve(value, base).is_file():
            return Problem(key, "file-missing", value)
    return None


def output_path(kind: str, settings: Settings, base: Path, today: date) -> Path:
    """Where an output goes: the output folder, a name per kind and reporting year."""
    year = settings.year or today.year
    return resolve(settings.output, base) / OUTPUT_NAMES[kind](settings.lang).format(year=year)


def archive_path(settings: Settings, base: Path) -> Path:
    """The region's archive: the setting, else one file of the same name every year in the output folder."""
    if settings.archive:
        return resolve(settings.archive, base)
    return resolve(settings.output, base) / OUTPUT_NAMES["archive"](settings.lang)


def judged_on(settings: Settings) -> date | None:
    """The date indicator status is judged against: 31 December of the reporting year, if set."""
    return date(settings.year, 12, 31) if settings.year else None


def context(settings: Settings) -> "ReportingContext":
    """The run's reporting context from the settings: the reporting year and the municipality list."""
    return ReportingContext(year=settings.year, expected=expected_names(m for m, _ in settings.municipalities))


# --- cell values ------------------------------------------------------------------------------------------


def to_number(value: Any) -> float | None:
    """A cell value as a number: numbers as they are, numeric text ("7 694,70"), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = "".join(str(value).split()).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def to_year(value: Any) -> int | None:
    number = to_number(value)
    return int(number) if number is not None and number.is_integer() and 1900 <= number <= 2200 else None


def to_date(value: Any) -> date | None:
    """A date, a datetime, or an Excel date serial as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    number = to_number(value)
    if number is not None and 0 < number < 2958466:
        return date(1899, 12, 30) + timedelta(days=int(number))
    return None
