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
from ..schema import LANGUAGES, Text

PREFIX = "rx_"  # every defined name of the master starts with it
SETTINGS_SHEET = Text("Iestatījumi", "Settings")
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
    Setting("inbox", Text("Ienākošo failu mape", "Inbox folder"), Text(
        "Mape, kurā saglabājat pašvaldību atsūtītās darbgrāmatas. Relatīvu ceļu skaita no šīs darbgrāmatas mapes.",
        "The folder where you save the workbooks the municipalities send. A relative path starts at this "
        "workbook's folder."), Text("iesniegtie", "inbox")),
    Setting("output", Text("Rezultātu mape", "Output folder"), Text(
        "Šeit tiek ierakstīts reģiona kopsavilkums, pārskats, atgriezeniskā saite un jaunās darbgrāmatas.",
        "The regional workbook, report, feedback and new workbooks are written here."), Text("rezultati", "output")),
    Setting("archive", Text("Arhīvs", "Archive"), Text(
        "Reģiona arhīvs (SQLite fails): katra gada apkopojums tiek saglabāts tajā, un kopsavilkums salīdzina "
        "gadus. Tukšs: reimpact_arhivs.sqlite rezultātu mapē. Glabājiet to un veidojiet rezerves kopijas.",
        "The region's archive (an SQLite file): each year's consolidation is kept in it and the outputs compare "
        "the years. Empty: reimpact_archive.sqlite in the output folder. Keep it and back it up.")),
    Setting("year", Text("Pārskata gads", "Reporting year"), Text(
        "Rādītāju statusu vērtē uz šī gada 31. decembri. Tukšs: pēc pārskata datumiem titullapās.",
        "Indicator status is judged on 31 December of this year. Empty: by the reporting dates on the covers.")),
    Setting("lang", Text("Valoda (lv/en)", "Language (lv/en)"), Text(
        "Ziņojumu, pārskata un jauno darbgrāmatu valoda.", "Language of messages, report and new workbooks.")),
    Setting("period", Text("Plāna periods", "Plan period"), Text(
        "Jaunajām darbgrāmatām, piemēram, 2025–2027.", "For new workbooks, e.g. 2025–2027.")),
    Setting("validate_file", Text("Pārbaudāmais fails", "File to validate"), Text(
        "Aizpilda poga “Pārbaudīt”.", "Filled in by the “Validate” button.")),
    Setting("report_path", Text("Reģiona pārskats", "Regional report"), Text(
        "Aizpilda poga “Apkopot”; poga “Atvērt pārskatu” to atver.",
        "Filled in by “Consolidate”; “Open report” opens it.")),
    Setting("message", Text("Pēdējās darbības rezultāts", "Result of the last action"), Text("")),
)
SETTINGS_HEAD = (Text("Iestatījums", "Setting"), Text("Vērtība", "Value"), Text("Paskaidrojums", "Explanation"))
MUNICIPALITY_HEAD = (Text("Pašvaldība", "Municipality"),
                     Text("Pagājušā gada darbgrāmata (neobligāti)", "Last year's workbook (optional)"))
BUTTONS = (  # (macro in xlmacros/Reimpact.bas, caption, what it does)
    ("Apkopot", Text("Apkopot", "Consolidate"), Text(
        "Pārbauda un apkopo visas ienākošās darbgrāmatas; aizpilda šīs darbgrāmatas lapas.",
        "Validates and consolidates every workbook in the inbox; fills this workbook's sheets.")),
    ("Parbaudit", Text("Pārbaudīt", "Validate"), Text(
        "Pārbauda vienu darbgrāmatu; problēmas parāda problēmu sarakstā.",
        "Validates one workbook; its problems go to the issues sheet.")),
    ("JaunasDarbgramatas", Text("Jaunas darbgrāmatas", "New workbooks"), Text(
        "Izveido darbgrāmatu katrai pašvaldībai no saraksta zemāk.",
        "Makes a workbook for each municipality listed below.")),
    ("AtvertParskatu", Text("Atvērt pārskatu", "Open report"), Text(
        "Atver pēdējo reģiona pārskatu.", "Opens the latest regional report.")),
)
VBA_TEXTS = {  # constants the ASCII-only VBA reads by name, so that its dialogs speak Latvian
    "txt_pick": Text("Izvēlieties pārbaudāmo darbgrāmatu", "Choose the workbook to validate"),
    "txt_filter": Text("Excel darbgrāmatas (*.xlsx;*.xlsm),*.xlsx;*.xlsm",
                       "Excel workbooks (*.xlsx;*.xlsm),*.xlsx;*.xlsm"),
    "txt_no_report": Text("Pārskats vēl nav izveidots. Vispirms nospiediet “Apkopot”.",
                          "There is no report yet. Click “Consolidate” first."),
}
OUTPUT_NAMES = {
    "regional": Text("reimpact_kopsavilkums_{year}.xlsx", "reimpact_summary_{year}.xlsx"),
    "report": Text("reimpact_parskats_{year}.html", "reimpact_report_{year}.html"),
    "council": Text("reimpact_parskats_padomei_{year}.html", "reimpact_report_council_{year}.html"),
    "feedback": Text("atgriezeniska_saite_{year}", "feedback_{year}"),
    "new": Text("jaunas_darbgramatas_{year}", "new_workbooks_{year}"),
    "archive": Text("reimpact_arhivs.sqlite", "reimpact_archive.sqlite"),
}
MESSAGES = {
    "setting-missing": Text("Iestatījumos nav norādīts “{label}” (lapa “{sheet}”, šūna {cell}). Ierakstiet to un "
                            "mēģiniet vēlreiz.", "The settings do not give “{label}” (sheet “{sheet}”, cell {cell}). "
                            "Fill it in and try again."),
    "folder-missing": Text("Mape “{value}” nav atrasta (lapa “{sheet}”, šūna {cell}). Pārbaudiet ceļu.",
                           "The folder “{value}” was not found (sheet “{sheet}”, cell {cell}). Check the path."),
    "file-missing": Text("Fails “{value}” nav atrasts (lapa “{sheet}”, šūna {cell}). Izvēlieties failu vēlreiz.",
                         "The file “{value}” was not found (sheet “{sheet}”, cell {cell}). Choose the file again."),
    "year-invalid": Text("“{value}” nav gads (lapa “{sheet}”, šūna {cell}). Ierakstiet, piemēram, 2025.",
                         "“{value}” is not a year (sheet “{sheet}”, cell {cell}). Type e.g. 2025."),
    "no-municipalities": Text("Pašvaldību sarakstā nav neviena nosaukuma (lapa “{sheet}”, šūnas {cell}). "
                              "Ierakstiet pašvaldības.", "The municipality list is empty (sheet “{sheet}”, cells "
                              "{cell}). Type the municipalities."),
    "not-master": Text("Šajā darbgrāmatā nav nosaukuma “{value}”: tā nav reimpact-xl koordinatora darbgrāmata. "
                       "Izveidojiet to ar komandu reimpact-xl build-master.", "This workbook has no name “{value}”: "
                       "it is not a reimpact-xl master. Build one with the command reimpact-xl build-master."),
    "consolidated": Text("Apkopots. Faili: {files}, apkopoti: {used}; kļūdas: {errors}, brīdinājumi: {warnings} "
                         "(lapa “{sheet}”). Pārskats: {value}; padomei: {council}",
                         "Consolidated. Files: {files}, consolidated: "
                         "{used}; errors: {errors}, warnings: {warnings} (sheet “{sheet}”). Report: {value}; for the "
                         "council: {council}"),
    "validated": Text("Pārbaudīts “{value}”. Kļūdas: {errors}, brīdinājumi: {warnings} (lapa “{sheet}”).",
                      "Validated “{value}”. Errors: {errors}, warnings: {warnings} (sheet “{sheet}”)."),
    "created": Text("Jaunas darbgrāmatas mapē “{value}”: {count}. Kļūdas, lasot pagājušā gada darbgrāmatas: {errors} "
                    "(lapa “{sheet}”).", "New workbooks in “{value}”: {count}. Errors reading last year's workbooks: "
                    "{errors} (sheet “{sheet}”)."),
    "lite-download": Text("Rezultāti ir xlwings Lite izvēlnē Files > Import/Export: lejupielādējiet tos pa vienam vai "
                          "visus kā ZIP (Download All).", "The results are in the xlwings Lite menu Files > "
                          "Import/Export: download them one by one or all as a ZIP (Download All)."),
    "lite-pick": Text("Ierakstiet šūnā {cell} vienu no ievietotajiem failiem: {files}.",
                      "Type one of the dropped files into cell {cell}: {files}."),
    "lite-none-dropped": Text("Ievelciet darbgrāmatas xlwings Lite izvēlnē Files > Import/Export (tās nonāk mapē "
                              "/data).", "Drop the workbooks into the xlwings Lite menu Files > Import/Export (they "
                              "arrive under /data)."),
    "unexpected": Text("Darbība neizdevās: {detail}. Sīkāka informācija žurnālā “{value}”.",
                       "The action failed: {detail}. Details are in the log “{value}”."),
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
                    lang=text.get("lang", "").lower() if text.get("lang", "").lower() in LANGUAGES else "lv",
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
