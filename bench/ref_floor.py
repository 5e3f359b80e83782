"""Reference 2, the floor: import what the project needs and read every sheet with calamine, nothing else.

    python bench/ref_floor.py INBOX

One process: imports pandas, Pandera and XlsxWriter (the libraries a consolidation cannot do
without), then reads every sheet of every workbook of INBOX into Python values and drops them.
"""
from __future__ import annotations

import sys
from pathlib import Path


def read_all(inbox: Path) -> int:
    """Read every sheet of every workbook; returns the number of cells read."""
    import pandas  # noqa: F401  - imported for its cost, as the project must
    import pandera.pandas  # noqa: F401
    import xlsxwriter  # noqa: F401
    from python_calamine import CalamineWorkbook

    cells = 0
    for path in sorted(inbox.glob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python()
            cells += sum(len(r) for r in rows)
    return cells


if __name__ == "__main__":
    read_all(Path(sys.argv[1]))
