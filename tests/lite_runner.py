"""Run one button of a master through xlwings' remote-engine protocol, in a process of its own.

    python lite_runner.py lite|classic MASTER DATA SCRIPT[,SCRIPT…] SETTINGS_JSON OUT_JSON

lite: the process first takes away what Pyodide lacks (the `_multiprocessing` module, starting a process
or a thread), imitates xlwings Lite (xlwings' server decorators, reimpact_xl.runtime.LITE with
DATA as /data), reads main.py out of the workbook's web-extension part and calls the script as xlwings
Lite and xlwings Server do (`custom_scripts_call`, the book injected by its type hint).
classic: the .xlsm's Python side: the entry point of reimpact_xl.excel.xl its button names, run in DATA.
The actions each book would send back to Excel are written to OUT_JSON, by script.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ENTRY = {"apkopot": "consolidate", "parbaudit": "validate", "jaunas_darbgramatas": "new_workbooks"}


def block_what_pyodide_lacks() -> None:
    """No `_multiprocessing`, no process or thread can start: as in Pyodide."""
    import threading

    sys.modules["_multiprocessing"] = None  # type: ignore[assignment]  # "import _multiprocessing" fails

    def refuse(self, *args, **kwargs):
        raise RuntimeError("Pyodide cannot start a thread or a process")

    threading.Thread.start = refuse  # type: ignore[method-assign]
    import multiprocessing.process

    multiprocessing.process.BaseProcess.start = refuse  # type: ignore[method-assign]


def payload(path: Path, version: str, client: str, settings: dict) -> dict:
    """The JSON Excel sends for the master (names that refer to ranges, every sheet's values), with the
    settings typed into their cells."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    index = {ws.title: i for i, ws in enumerate(wb.worksheets)}
    names, cells = [], {}
    for name, defined in wb.defined_names.items():
        for sheet, coord in defined.destinations:
            names.append({"name": name, "sheet_index": index[sheet], "address": coord.replace("$", ""),
                          "book_scope": True, "scope_sheet_name": None, "scope_sheet_index": None})
            cells[name] = (sheet, coord.replace("$", "").split(":")[0])
    for key, value in settings.items():
        sheet, cell = cells["rx_" + key]
        wb[sheet][cell].value = value
    sheets = [{"name": ws.title, "pictures": [], "tables": [],
               "values": [[c.value for c in row] for row in ws.iter_rows(min_row=1, min_col=1)] or [[]]}
              for ws in wb.worksheets]
    return {"client": client, "version": version, "names": names, "sheets": sheets,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}}


def main(mode: str, master: Path, data: Path, scripts: str, settings: dict, out: Path) -> None:
    if mode == "lite":
        block_what_pyodide_lacks()
        os.environ["XLWINGS_ON_SERVER"] = "true"  # `from xlwings import func, script` as in Lite
    os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
    import xlwings as xw

    if "remote" not in [e.name for e in xw.engines]:
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xw.engines.add(Engine(impl=_xlremote.engine))
    os.chdir(data)
    found = {}
    module = load_main(master, data) if mode == "lite" else None
    for name in scripts.split(","):  # each button on the master as it is (a fresh book), one after the other
        book = xw.Book(json=payload(master, xw.__version__, "Office.js" if mode == "lite" else "VBA", settings))
        if module is not None:
            import asyncio

            from xlwings.server import custom_scripts_call

            asyncio.run(custom_scripts_call(module, name, typehint_to_value={xw.Book: book}))
        else:
            import reimpact_xl.excel.xl as xl

            getattr(xl, ENTRY[name])(book)
        found[name] = book.json()["actions"]
    out.write_text(json.dumps(found, ensure_ascii=False, default=str), encoding="utf-8")


def load_main(master: Path, data: Path):
    """main.py out of the workbook, loaded as Lite loads it, with /data at DATA."""
    import types

    from reimpact_xl import runtime
    from reimpact_xl.excel import lite

    runtime.LITE, runtime.DATA = True, data
    module = types.ModuleType("main")
    sys.modules["main"] = module
    exec(compile(lite.read_properties(master)["main.py"], "main.py", "exec"), module.__dict__)
    return module


if __name__ == "__main__":
    mode, master, data, script, settings, out = sys.argv[1:7]
    main(mode, Path(master).resolve(), Path(data).resolve(), script, json.loads(settings), Path(out).resolve())
