"""Reference 1: the script a user would write instead of reimpact-xl (pandas + openpyxl, no checks).

    python bench/ref_user.py INBOX OUT.xlsx

Every workbook of INBOX read whole with pandas.read_excel(sheet_name=None, engine="openpyxl"), the
sheets of the same name concatenated with a municipality column, one output written with openpyxl.
"""
from __future__ import annotations

import sys
from pathlib import Path


def consolidate(inbox: Path, out: Path) -> int:
    """Read, concatenate per sheet name, write; returns the number of files read."""
    import pandas as pd

    frames: dict[str, list[pd.DataFrame]] = {}
    files = sorted(inbox.glob("*.xlsx"))
    for path in files:
        for name, frame in pd.read_excel(path, sheet_name=None, engine="openpyxl").items():
            frame.insert(0, "municipality", path.stem, allow_duplicates=True)
            frames.setdefault(name, []).append(frame)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, parts in frames.items():
            pd.concat(parts, ignore_index=True).to_excel(writer, sheet_name=name[:31], index=False)
    return len(files)


if __name__ == "__main__":
    consolidate(Path(sys.argv[1]), Path(sys.argv[2]))
