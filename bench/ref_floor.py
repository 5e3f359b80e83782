"""Reference 2, the floor: import what the project needs and read every sheet with calamine, nothing else.

    python bench/ref_floor.py INBOX                      # the import+read floor
    python bench/ref_floor.py INBOX --write-back OUTDIR  # ... that also writes each workbook's values back

The reading runs in as many worker processes as the machine has cores (consolidate may use as
many), started first; meanwhile this process imports pandas, Pandera and XlsxWriter, the libraries
a consolidation cannot do without. Each worker reads every sheet of its workbooks into Python
values; with --write-back it also writes those values once with XlsxWriter, one output workbook
per input (the least the whole click, which writes a feedback workbook per municipality, must do).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Sequence


def read_one(path: Path, out_dir: Path | None) -> int:
    """Every sheet of one workbook as Python values (written back when out_dir is given); cells read."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    if out_dir is not None:
        _write_back(out_dir / path.name, sheets)
    return sum(len(row) for _, rows in sheets for row in rows)


def _write_back(target: Path, sheets: list[tuple[str, list[list[Any]]]]) -> None:
    """One XlsxWriter workbook holding the values, sheet for sheet."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"strings_to_numbers": False, "strings_to_formulas": False,
                                             "strings_to_urls": False})
    for name, rows in sheets:
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            ws.write_row(r, 0, row)
    book.close()


def read_all(inbox: Path, out_dir: Path | None = None) -> int:
    """Read (and write back) every workbook of the inbox in worker processes; returns the cells read."""
    from concurrent.futures import ProcessPoolExecutor

    paths = sorted(inbox.glob("*.xlsx"))
    workers = len(os.sched_getaffinity(0))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(paths) // (workers * 8))
        counts = pool.map(read_one, paths, [out_dir] * len(paths), chunksize=chunk)  # workers start here
        import pandas  # noqa: F401  - imported for its cost, as the project must, while the workers read
        import pandera.pandas  # noqa: F401
        import xlsxwriter  # noqa: F401

        return sum(counts)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--write-back", type=Path, metavar="OUTDIR", help="also write each workbook's values back")
    args = parser.parse_args(argv)
    if args.write_back:
        args.write_back.mkdir(parents=True, exist_ok=True)
    read_all(args.inbox, args.write_back)


if __name__ == "__main__":
    sys.exit(main())
