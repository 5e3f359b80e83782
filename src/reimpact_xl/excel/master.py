"""The coordinator's master workbook (.xlsm): settings and buttons, one sheet per table, the VBA project.

The VBA project is built here from source text (vba.py): the modules in xlmacros/, and xlwings' own
module taken from the installed xlwings package. The same sources give the same bytes, so the committed
master can be checked against a fresh build.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Mapping

from .. import resources, style
from ..atomic import atomic_path
from ..plan.errors import ReimpactError
from ..safetext import formula_string
from ..schema import Text
from . import masterdata, vba
from . import mastersettings as ms

if TYPE_CHECKING:
    from importlib.abc import Traversable

FIXED_CREATED = datetime(2026, 1, 1)  # workbook property: same inputs, same bytes
HEADER = {"bold": True, "text_wrap": True, "valign": "top", "bg_color": style.HEADER[0], "font_color": style.HEADER[1],
          "border": 1}
TITLE = Text("REIMPACT: koordinatora darbgrāmata", "REIMPACT: the coordinator's master workbook")
INTRO = Text(
    "Saglabājiet pašvaldību atsūtītās darbgrāmatas ienākošo failu mapē un nospiediet “Apkopot”. Pogas izsauc "
    "Python (reimpact-xl ar xlwings), ko uzstāda no projekta ZIP faila: "
    "py -m pip install \"reimpact-xl-main.zip[excel]\" (sīkāk README).",
    "Save the workbooks the municipalities send into the inbox folder and click “Consolidate”. The buttons call "
    "Python (reimpact-xl with xlwings), installed from the project's ZIP file: "
    "py -m pip install \"reimpact-xl-main.zip[excel]\" (details in README).")
XLWINGS_NOTE = Text("VBA modulis no xlwings {version}: uzstādiet to pašu xlwings versiju.",
                    "VBA module from xlwings {version}: install the same xlwings version.")
# settings sheet layout (0-based rows): buttons, settings table, municipality list
BUTTON_ROW, SETTINGS_ROW = 3, 8
MUNICIPALITY_ROW = SETTINGS_ROW + len(ms.SETTINGS) + 2
FILLED_BY_BUTTONS = ("validate_file", "report_path", "message")


class BuildError(ReimpactError, RuntimeError):
    """The master cannot be built on this machine (e.g. xlwings is not installed)."""


@dataclass(frozen=True)
class Flavour:
    """What differs between the two masters' settings sheets (.xlsm with VBA, .xlsx for xlwings Lite)."""

    intro: Text
    buttons: tuple[tuple[str, Text, Text], ...]  # (key, caption, what it does)
    draw: Callable[[Any, int, str, str], None]  # (sheet, row, key, caption): the button itself
    button_step: int = 1  # rows from one button to the next
    defaults: Mapping[str, Text] = field(default_factory=dict)  # setting key -> default, where it differs
    helps: Mapping[str, Text] = field(default_factory=dict)  # setting key -> explanation, where it differs
    note: Callable[[str], str] = lambda lang: ""  # the line under the municipality list


def build_master(output: Path, lang: str = "lv") -> Path:
    """Write the master workbook atomically: settings, buttons, tables, and the VBA project."""
    project = vba.vba_project(project_modules(1 + len(masterdata.table_keys())))
    with atomic_path(Path(output), lang) as tmp:
        write_book(tmp, lang, CLASSIC, project)
    return Path(output)


def xlwings_dir() -> Path:
    """The installed xlwings package's folder (found without importing it)."""
    spec = find_spec("xlwings")
    if spec is None or not spec.origin:
        raise BuildError("The master needs xlwings' VBA module: install reimpact-xl with its extra: "
                         "pip install \"reimpact-xl-main.zip[excel]\" (the project's ZIP, or a wheel, with [excel]).")
    return Path(spec.origin).parent


def xlwings_version() -> str:
    from importlib.metadata import version

    return version("xlwings")


def builder_note() -> str:
    """The writers of the bytes: a master from other versions holds the same content in other bytes."""
    from importlib.metadata import version

    return f"reimpact-xl build-master; XlsxWriter {version('XlsxWriter')}; xlwings {xlwings_version()}"


def project_modules(sheets: int, macros: Traversable | None = None) -> list[vba.Module]:
    """ThisWorkbook, one document module per sheet, xlmacros/*.bas, then xlwings' module and its Dictionary."""
    macros = macros or resources.folder("xlmacros")
    modules = [vba.document_module("ThisWorkbook", vba.BASE_WORKBOOK)]
    modules += [vba.document_module(f"Sheet{i}") for i in range(1, sheets + 1)]
    modules += [vba.parse_module(p.read_text(encoding="ascii"))
                for p in sorted(macros.iterdir(), key=lambda p: p.name) if p.name.endswith(".bas")]
    package = xlwings_dir()
    for path in (package / "xlwings.bas", package / "addin" / "Dictionary.cls"):
        modules.append(vba.parse_module(path.read_text(encoding="utf-8")))
    return modules


def write_book(path: Path | BinaryIO, lang: str, flavour: Flavour, project: bytes | None = None,
               note: str | None = None) -> None:
    """The master's sheets by XlsxWriter; with the VBA project when one is given (the .xlsm)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path if not isinstance(path, Path) else str(path),
                             {"strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": TITLE(lang), "author": "reimpact-xl", "created": FIXED_CREATED,
                       "comments": note if note is not None else builder_note()})
    if project is not None:
        wb.set_vba_name("ThisWorkbook")
        wb.add_vba_project(io.BytesIO(project), is_stream=True)
    formats = _Formats(wb)
    ws = wb.add_worksheet(ms.SETTINGS_SHEET(lang))
    if project is not None:
        ws.set_vba_name("Sheet1")
    _settings_sheet(wb, ws, formats, lang, flavour, vba_texts=project is not None)
    for i, block in enumerate(masterdata.blocks(masterdata.empty_picture(lang)), 2):
        sheet = wb.add_worksheet(masterdata.sheet_name(block.key, lang))
        if project is not None:
            sheet.set_vba_name(f"Sheet{i}")
        _table_sheet(wb, sheet, block, formats)
    wb.close()


class _Formats:
    """The few cell formats of the master, fills made once per colour."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.header = wb.add_format(HEADER)
        self.title = wb.add_format({"bold": True, "font_size": 16})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.label = wb.add_format({"bold": True, "valign": "top", "text_wrap": True})
        self.input = wb.add_format({"bg_color": "#FFF2CC", "border": 1, "valign": "top", "locked": False})
        self.output = wb.add_format({"italic": True, "font_color": "#595959", "bg_color": "#F2F2F2", "border": 1,
                                     "text_wrap": True, "valign": "top"})
        self._fills: dict[str, Any] = {}

    def fill(self, colour: str) -> Any:
        if colour not in self._fills:
            self._fills[colour] = self.wb.add_format({"bg_color": colour, "valign": "top"})
        return self._fills[colour]


def _ref(sheet: str, first: tuple[int, int], last: tuple[int, int] | None = None) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    cells = xl_rowcol_to_cell(*first, row_abs=True, col_abs=True)
    if last:
        cells += ":" + xl_rowcol_to_cell(*last, row_abs=True, col_abs=True)
    return "='{}'!{}".format(sheet.replace("'", "''"), cells)


def _vba_button(ws: Any, row: int, macro: str, caption: str) -> None:
    ws.insert_button(row, 0, {"macro": macro, "caption": caption, "width": 220, "height": 34,
                              "x_offset": 4, "y_offset": 3})


CLASSIC = Flavour(INTRO, ms.BUTTONS, _vba_button,
                  note=lambda lang: XLWINGS_NOTE(lang).format(version=xlwings_version()))


def _settings_sheet(wb: Any, ws: Any, f: _Formats, lang: str, flavour: Flavour = CLASSIC,
                    vba_texts: bool = True) -> None:
    """Title, buttons with what each does, the settings, the municipality list; every place named."""
    name = ms.SETTINGS_SHEET(lang)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 2, 70, f.wrap)
    ws.write_string(0, 0, TITLE(lang), f.title)
    ws.write_string(1, 0, flavour.intro(lang))
    for i, (key, caption, what) in enumerate(flavour.buttons):
        row = BUTTON_ROW + i * flavour.button_step
        ws.set_row(row, 30)
        flavour.draw(ws, row, key, caption(lang))
        ws.write_string(row, 1, what(lang), f.wrap)
    ws.write_row(SETTINGS_ROW, 0, [h(lang) for h in ms.SETTINGS_HEAD], f.header)
    for i, setting in enumerate(ms.SETTINGS, SETTINGS_ROW + 1):
        ws.set_row(i, 30)  # two lines of explanation
        ws.write_string(i, 0, setting.label(lang), f.label)
        default = lang if setting.key == "lang" else flavour.defaults.get(setting.key, setting.default)(lang)
        ws.write_string(i, 1, default, f.output if setting.key in FILLED_BY_BUTTONS else f.input)
        ws.write_string(i, 2, flavour.helps.get(setting.key, setting.help)(lang), f.wrap)
        wb.define_name(ms.name(setting.key), _ref(name, (i, 1)))
    _validations(ws)
    ws.write_row(MUNICIPALITY_ROW, 0, [h(lang) for h in ms.MUNICIPALITY_HEAD], f.header)
    first, last = MUNICIPALITY_ROW + 1, MUNICIPALITY_ROW + ms.MUNICIPALITY_ROWS
    for row in range(first, last + 1):
        town = ms.ZEMGALE[row - first] if row - first < len(ms.ZEMGALE) else ""
        ws.write_string(row, 0, town, f.input)
        ws.write_string(row, 1, "", f.input)
    wb.define_name(ms.name("municipalities"), _ref(name, (first, 0), (last, 1)))
    if flavour.note(lang):
        ws.write_string(last + 2, 0, flavour.note(lang))
    for key, text in ms.VBA_TEXTS.items() if vba_texts else ():
        wb.define_name(ms.name(key), "=" + formula_string(text(lang)))
    ws.freeze_panes(BUTTON_ROW, 0)
    _print_setup(ws)
    ws.activate()


def _validations(ws: Any) -> None:
    rows = {s.key: i for i, s in enumerate(ms.SETTINGS, SETTINGS_ROW + 1)}
    ws.data_validation(rows["lang"], 1, rows["lang"], 1, {"validate": "list", "source": ["lv", "en"]})
    ws.data_validation(rows["year"], 1, rows["year"], 1, {"validate": "integer", "criteria": "between",
                                                          "minimum": 2000, "maximum": 2100, "ignore_blank": True})


def _table_sheet(wb: Any, ws: Any, block: masterdata.Block, f: _Formats) -> None:
    """The table's header (and the fixed parts, e.g. the risk matrix), named at its anchor A1."""
    for col in range(block.width):
        ws.set_column(col, col, block.widths.get(col, 18), f.wrap)
    fills = {(fill.row + r, fill.col): fill.colour for fill in block.fills for r in range(fill.rows)}
    for r, row in enumerate(block.rows):
        for c, value in enumerate(row):
            fmt = f.header if r == 0 else (f.fill(fills[(r, c)]) if (r, c) in fills else None)
            if value is None:
                ws.write_blank(r, c, None, fmt)
            else:
                ws.write(r, c, value, fmt)
    ws.freeze_panes(1, 1)
    _print_setup(ws)
    ws.repeat_rows(0)
    wb.define_name(ms.name(f"table_{block.key}"), _ref(ws.get_name(), (0, 0)))


def _print_setup(ws: Any) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
