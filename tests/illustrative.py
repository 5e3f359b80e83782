"""An inbox of the example plans with illustrative actual values ("ilustratīvi dati"), Dobele left out.

Each municipality's cover judges on 31.03.2025, the run on 31.12.2025: one verdict must win everywhere."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reimpact_xl.excel.mastersettings import ZEMGALE
from reimpact_xl.workbook.build import build_workbook
from reimpact_xl.workbook.examples import example_files, load_example

SHARES = (1.0, 0.8, 0.5, 0.3, 0.2, 0.0)  # of the target reached: achieved ... off track on 31.12.2025
LEFT_OUT = "Dobeles novads"


def illustrative_inbox(folder: Path) -> Path:
    """Write the examples but Dobele's into `folder`, each #8 row with a target given an actual value."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in example_files():
        plan = load_example(path)
        if plan.municipality == LEFT_OUT:
            continue
        plan.cover.update(reporting_date=date(2025, 3, 31), contact_person="ilustratīvi dati")
        for i, row in enumerate(plan.table("indicators").rows):
            row["indicator_id"] = f"I{i + 1}"
            if isinstance(row.get("target"), (int, float)):
                row.update(baseline=0, baseline_year=2024, target_year=2026, actual_date=date(2025, 3, 31),
                           actual=round(row["target"] * SHARES[i % len(SHARES)], 2), result="ilustratīvi dati")
        build_workbook(folder / f"{Path(path.name).stem}.xlsx", municipality=plan.municipality, plan=plan)
    return folder


def expected_file(path: Path) -> Path:
    """The region's list (the master's default) as a UTF-8 file with a BOM, a comment and a blank line."""
    path.write_text("\ufeff# Zemgales plānošanas reģions\n\n" + "\n".join(ZEMGALE) + "\n", encoding="utf-8")
    return path
