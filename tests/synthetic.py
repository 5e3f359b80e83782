"""Synthetic plans for tests (labelled synthetic, never a municipality's data), laid out as read."""
from __future__ import annotations

from reimpact_xl.plan.model import Plan
from reimpact_xl.schema import SHEETS_BY_KEY


def laid_out(plan: Plan, file: str) -> Plan:
    """Give every table the sheet name, column letters and row numbers a workbook read would give it."""
    plan.file = file
    for key, table in plan.tables.items():
        sheet = SHEETS_BY_KEY[key]
        table.sheet_name = sheet.name("lv")
        table.columns = {c.key: chr(65 + i) for i, c in enumerate(sheet.columns)}
        table.row_numbers = [6 + i for i in range(len(table.rows))]
    return plan
