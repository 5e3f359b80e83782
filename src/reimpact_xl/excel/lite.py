"""The coordinator's master for xlwings Lite: a plain .xlsx with its Python inside, nothing to install.

XlsxWriter writes the same sheets as the .xlsm (master.write_book), with the buttons as text boxes
whose hyperlink selects the cell they cover: xlwings Lite runs the script bound to that cell by
`@script(button="[shape]Sheet!Cell")`. XlsxWriter has no API for Office web-extension parts
([MS-OWEXML]), so they are added afterwards: every member of XlsxWriter's package is copied as it is
(zipfile), the package relationships and content types get one entry each, and the add-in's parts
are added. Lite keeps main.py and requirements.txt as properties of that part, each a JSON string.
"""
from __future__ import annotations

import io
import json
import uuid
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping
from xml.etree import ElementTree as ET

from .. import style
from ..atomic import atomic_path
from ..schema import Text
from . import mastersettings as ms
from .master import BUTTON_ROW, CLASSIC, Flavour, write_book

ADDIN_ID = "wa200008175"  # xlwings Lite in Office's add-in store (AppSource), as Lite-saved workbooks reference it
ADDIN_REF_VERSION = "1.0.0.0"
# Pyodide 0.27.5, which older Lite-saved workbooks name, has no python-calamine; 314 has it (and pandas 3)
PYODIDE_VERSION = "314.0.8"
ADDIN_VERSION = "1.0.0.0-35"  # as in Lite-saved workbooks; Lite writes its own values when it saves
XLWINGS_PIN = "0.37.8"  # the xlwings the classic master and the tests use (pyproject's [excel] extra)
WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
TP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TASKPANES = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
REL_WEBEXTENSION = "http://schemas.microsoft.com/office/2011/relationships/webextension"
WEBEXTENSION = "xl/webextensions/webextension1.xml"
TASKPANES = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
CONTENT_TYPES = {WEBEXTENSION: "application/vnd.ms-office.webextension+xml",
                 TASKPANES: "application/vnd.ms-office.webextensiontaskpanes+xml"}
AUTO_SHOW = "Office.AutoShowTaskpaneWithDocument"  # [MS-OWEMXML] 2.2.176: the add-in loads with the workbook
INSTANCE_ID = "{%s}" % str(uuid.uuid5(uuid.NAMESPACE_URL, "reimpact-xl/master-lite")).upper()  # same bytes each build
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
# Pyodide has these built in; requirements.txt lists reimpact-xl's other (pure-Python) dependencies
PYODIDE_BUILT_IN = {"click", "jinja2", "numpy", "pandas", "pydantic", "python-calamine", "pyyaml"}

SCRIPTS = (  # (script in main.py, the entry point of xl.py the .xlsm's button calls, caption, what it does)
    ("apkopot", "consolidate", ms.BUTTONS[0][1], Text("lite.scripts.apkopot.help")),
    ("parbaudit", "validate", ms.BUTTONS[1][1], Text("lite.scripts.parbaudit.help")),
    ("jaunas_darbgramatas", "new_workbooks", ms.BUTTONS[2][1], ms.BUTTONS[2][2]),
)
LITE_INTRO = Text("lite.lite_intro")
LITE_DEFAULTS = {"inbox": Text("lite.lite_defaults.inbox"), "output": Text("lite.lite_defaults.output")}
LITE_HELPS = {
    "inbox": Text("lite.lite_helps.inbox"),
    "output": Text("lite.lite_helps.output"),
    "validate_file": Text("lite.lite_helps.validate_file"),
    "report_path": Text("lite.lite_helps.report_path"),
}
BUTTON_STEP = 2  # rows from one button to the next (see flavour())
BUTTON = {"width": 220, "height": 34, "x_offset": 4, "y_offset": 3, "font": {"bold": True, "color": style.HEADER[1]},
          "align": {"vertical": "middle", "horizontal": "center"}, "fill": {"color": style.HEADER[0]},
          "line": {"none": True}}


def build_lite_master(output: Path, lang: str = "lv", wheel: str | None = None) -> Path:
    """Write the xlwings Lite master atomically: the master's sheets, the buttons, main.py and requirements.txt."""
    book = io.BytesIO()
    sheet = ms.SETTINGS_SHEET(lang)
    write_book(book, lang, flavour(), note=builder_note())
    properties = {"main.py": main_py(sheet), "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION,
                  "requirements.txt": requirements_txt(wheel)}
    with atomic_path(Path(output), lang) as tmp:
        add_webextension(book.getvalue(), tmp, properties)
    return Path(output)


def builder_note() -> str:
    from importlib.metadata import version

    return f"reimpact-xl build-master --lite; XlsxWriter {version('XlsxWriter')}"


# --- the settings sheet: text boxes as buttons, two rows apart ------------------------------------------


def flavour() -> Flavour:
    """The Lite settings sheet: its words, defaults under /data, and the three buttons as text boxes."""
    buttons = tuple((name, caption, what) for name, _, caption, what in SCRIPTS)
    # two rows apart: after a click Lite selects the cell below the button's, which must not be another button's
    return replace(CLASSIC, intro=LITE_INTRO, buttons=buttons, draw=_text_box, button_step=BUTTON_STEP,
                   defaults=LITE_DEFAULTS, helps=LITE_HELPS, note=lambda lang: "")


def _text_box(ws: Any, row: int, name: str, caption: str) -> None:
    ws.insert_textbox(row, 0, caption, {**BUTTON, "url": "internal:" + button_cell(ws.get_name(), row),
                                        "tip": caption})


def button_cell(sheet: str, row: int) -> str:
    """The cell a button covers and links to, as Lite's `button=` names it (sheet names here have no spaces)."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    if " " in sheet or "'" in sheet:
        raise ValueError(f"a sheet with a button needs a name without spaces: {sheet!r}")
    return f"{sheet}!{xl_rowcol_to_cell(row, 0)}"


def button_spec(sheet: str, index: int) -> str:
    """`[shape]Sheet!Cell` of the index-th button: XlsxWriter names the text boxes of a sheet "TextBox 1", …"""
    return f"[TextBox {index + 1}]{button_cell(sheet, BUTTON_ROW + BUTTON_STEP * index)}"


# --- main.py and requirements.txt --------------------------------------------------------------------------


def main_py(sheet: str) -> str:
    """main.py: one @script per button calling the .xlsm's entry point in xl.py, and the worksheet functions."""
    lines = ['"""reimpact-xl: the coordinator\'s master workbook on xlwings Lite (written by',
             "reimpact-xl build-master --lite). Each button calls the same entry point of reimpact_xl.excel.xl as the",
             '.xlsm\'s button; the settings are in the workbook, not here."""', "",
             "import xlwings as xw", "from xlwings import func, script", "", "from reimpact_xl.excel import xl", ""]
    for i, (name, entry, caption, _) in enumerate(SCRIPTS):
        lines += ["", f"@script(button={json.dumps(button_spec(sheet, i), ensure_ascii=False)}, show_taskpane=True)",
                  f"def {name}(book: xw.Book):", f'    """{caption("lv")} / {caption("en")}"""',
                  f"    xl.{entry}(book)", ""]
    for name, parameters, arguments, doc in worksheet_functions():
        lines += ["", "@func", f"def {name}({parameters}):", f'    """{doc}"""',
                  f"    return xl.{name}({arguments})", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def worksheet_functions() -> list[tuple[str, str, str, str]]:
    """xl.py's worksheet functions (name, parameters, call arguments, docstring), read from its source: the
    build needs no xlwings."""
    import ast
    from importlib.util import find_spec

    spec = find_spec("reimpact_xl.excel.xl")
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8")) if spec and spec.origin else ast.Module([], [])
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(ast.unparse(d) == "xw.func" for d in node.decorator_list):
            doc = (ast.get_docstring(node) or "").replace('"' * 3, "'" * 3)
            found.append((node.name, ast.unparse(node.args), ", ".join(a.arg for a in node.args.args), doc))
    return found


def requirements_txt(wheel: str | None = None) -> str:
    """Lite's required packages, reimpact-xl (a wheel dropped into /data unless told otherwise), and its
    dependencies Pyodide does not have built in."""
    from importlib.metadata import version

    own = wheel or f"emfs:/data/reimpact_xl-{version('reimpact-xl')}-py3-none-any.whl"
    lines = ["# xlwings Lite: installed when the workbook opens (written by reimpact-xl build-master --lite)",
             f"xlwings=={XLWINGS_PIN}  # required", "python-dotenv==1.1.0  # required", "pyodide-http  # required",
             "black  # required", f"{own}  # reimpact-xl", *_pure_dependencies(),
             "# built into Pyodide: " + ", ".join(sorted(PYODIDE_BUILT_IN))]
    return "\n".join(lines) + "\n"


def _pure_dependencies() -> list[str]:
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    wanted = []
    for text in requires("reimpact-xl") or []:
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate({"sys_platform": "emscripten", "extra": ""}):
            continue  # an extra, or not for Pyodide
        if req.name.lower() not in PYODIDE_BUILT_IN:
            wanted.append(f"{req.name}{req.specifier}")
    return wanted


# --- the web-extension parts, added to XlsxWriter's package -------------------------------------------------


def add_webextension(package: bytes, target: Path, properties: Mapping[str, str]) -> None:
    """Copy every member of the package as it is, then add the add-in's parts and their two references."""
    parts = {WEBEXTENSION: webextension_xml(properties), TASKPANES: taskpanes_xml(), TASKPANES_RELS: taskpanes_rels()}
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "_rels/.rels":
                data = _with_relationship(data)
            elif info.filename == "[Content_Types].xml":
                data = _with_content_types(data)
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
        stamp = source.getinfo("[Content_Types].xml").date_time  # XlsxWriter's own, for the same bytes each build
        for name, data in parts.items():
            out.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED)


def _xml(root: ET.Element, default: str | None = None) -> bytes:
    """The part as UTF-8 with the prefixes Office writes (the package parts' namespace as the default one)."""
    for prefix, uri in (("we", WE_NS), ("wetp", TP_NS), ("r", R_NS), *((("", default),) if default else ())):
        ET.register_namespace(prefix, uri)
    return XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8")


def webextension_xml(properties: Mapping[str, str]) -> bytes:
    """The add-in part: the store reference to xlwings Lite, each property a JSON string, and auto-show."""
    root = ET.Element(f"{{{WE_NS}}}webextension", {"id": INSTANCE_ID})
    reference = {"id": ADDIN_ID, "version": ADDIN_REF_VERSION, "store": "en-US", "storeType": "OMEX"}
    ET.SubElement(root, f"{{{WE_NS}}}reference", reference)
    alternates = ET.SubElement(root, f"{{{WE_NS}}}alternateReferences")
    ET.SubElement(alternates, f"{{{WE_NS}}}reference", {**reference, "id": ADDIN_ID.upper(),
                                                        "store": ADDIN_ID.upper()})
    bag = ET.SubElement(root, f"{{{WE_NS}}}properties")
    for name, value in properties.items():
        ET.SubElement(bag, f"{{{WE_NS}}}property", {"name": name, "value": json.dumps(value, ensure_ascii=False)})
    ET.SubElement(bag, f"{{{WE_NS}}}property", {"name": AUTO_SHOW, "value": "true"})
    ET.SubElement(root, f"{{{WE_NS}}}bindings")
    ET.SubElement(root, f"{{{WE_NS}}}snapshot")
    return _xml(root)


def taskpanes_xml() -> bytes:
    root = ET.Element(f"{{{TP_NS}}}taskpanes")
    pane = ET.SubElement(root, f"{{{TP_NS}}}taskpane", {"dockstate": "right", "visibility": "1", "width": "350",
                                                        "row": "0"})
    ET.SubElement(pane, f"{{{TP_NS}}}webextensionref", {f"{{{R_NS}}}id": "rId1"})
    return _xml(root)


def taskpanes_rels() -> bytes:
    root = ET.Element(f"{{{PKG_REL_NS}}}Relationships")
    ET.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", {"Id": "rId1", "Type": REL_WEBEXTENSION,
                                                          "Target": "webextension1.xml"})
    return _xml(root, PKG_REL_NS)


def _with_relationship(data: bytes) -> bytes:
    root = ET.fromstring(data)
    ids = {r.get("Id") for r in root}
    new_id = next(f"rId{n}" for n in range(len(ids) + 1, len(ids) + 100) if f"rId{n}" not in ids)
    ET.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", {"Id": new_id, "Type": REL_TASKPANES, "Target": TASKPANES})
    return _xml(root, PKG_REL_NS)


def _with_content_types(data: bytes) -> bytes:
    root = ET.fromstring(data)
    for part, content_type in CONTENT_TYPES.items():
        ET.SubElement(root, f"{{{CT_NS}}}Override", {"PartName": "/" + part, "ContentType": content_type})
    return _xml(root, CT_NS)


# --- reading it back ----------------------------------------------------------------------------------------


def read_properties(path: Path) -> dict[str, str]:
    """The add-in's properties of a Lite workbook, decoded (main.py, requirements.txt, …)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read(WEBEXTENSION))
    out = {}
    for prop in root.iter(f"{{{WE_NS}}}property"):
        name, value = prop.get("name", ""), prop.get("value", "")
        out[name] = value if name.startswith("Office.") else json.loads(value)
    return out
