"""Where reimpact-xl runs: a full Python, or Pyodide inside Excel (xlwings Lite), which has no processes,
no threads and no local file system, only the files the coordinator drops into the add-in (under /data).

One code path serves both: the few places that start worker processes ask processes_available() and
run their work in a loop otherwise; the Excel layer asks LITE where a path, a link or a file choice
needs a local disk.
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LITE = sys.platform == "emscripten"  # Pyodide: xlwings Lite (tests set it to imitate Lite on CPython)
DATA = Path("/data")  # Lite's Import/Export panel: dropped files appear here, files written here can be downloaded
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def processes_available() -> bool:
    """Whether worker processes can be started: not in Pyodide, nor in a Python built without them."""
    if sys.platform == "emscripten":
        return False
    try:
        import _multiprocessing  # noqa: F401  # the C part every process pool needs
    except ImportError:
        return False
    return True


@contextmanager
def settled() -> Iterator[None]:
    """While the outputs are written, the cycle collector leaves alone what the run has built so far.

    The plans and issues (~2 million objects at 1,000 plans) live until the run ends and hold no garbage
    cycles, yet every full collection walks them again while the writers allocate millions of cells;
    and a forked feedback worker that walks them writes to every page it inherited (Python's gc.freeze
    documentation gives both reasons). Frozen, they are skipped; unfrozen at the end, so a process that
    goes on (the master's Python side, the tests) collects them as before.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def data_folder() -> Path | None:
    """Lite's /data, where relative settings paths start; None on a full Python (the master's folder is used)."""
    return DATA if LITE else None


def dropped_workbooks(limit: int = 50) -> list[Path]:
    """The workbooks dropped into Lite's /data, in name order (outputs of earlier runs included), at most `limit`."""
    if not LITE or not DATA.is_dir():
        return []
    found = sorted((p for p in DATA.rglob("*") if p.suffix.lower() in WORKBOOK_SUFFIXES and p.is_file()),
                   key=lambda p: str(p).casefold())
    return found[:limit]


def find_dropped(name: str) -> Path | None:
    """A file given by its bare name, found among the files dropped into Lite's /data when exactly one has it."""
    if not LITE or not name or Path(name).name != name or not DATA.is_dir():
        return None
    matches = [p for p in DATA.rglob("*") if p.name == name and p.is_file()]  # the name is no pattern
    return matches[0] if len(matches) == 1 else None
