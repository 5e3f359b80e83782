"""The plan as data: cover facts and one table per sheet, every value with its Excel cell."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Iterator, Mapping

from ..schema import SHEETS, SHEETS_BY_KEY, Sheet

EXTRA_PREFIX = "extra:"  # row keys of columns the schema does not know: "extra:<header text>"


@dataclass
class Table:
    """The filled rows of one sheet; `columns` maps a column key to its letter in the workbook."""

    sheet: Sheet
    sheet_name: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)  # Excel row of each row (1-based)

    def cell(self, index: int, key: str) -> str:
        """The A1 address of one value, or "" where the table was not read from a workbook."""
        letter = self.columns.get(key, "")
        if not letter or index >= len(self.row_numbers):
            return ""
        return f"{letter}{self.row_numbers[index]}"

    def values(self, key: str) -> Iterator[tuple[int, Any]]:
        for i, row in enumerate(self.rows):
            value = row.get(key)
            if value is not None and value != "":
                yield i, value

    @property
    def extra_columns(self) -> list[str]:
        """The keys of columns the schema does not know, in the order they first appear."""
        return [k for k in dict.fromkeys(chain.from_iterable(self.rows)) if k.startswith(EXTRA_PREFIX)]


@dataclass
class Plan:
    """One municipality's action plan as read from one workbook (or built from example data)."""

    municipality: str = ""
    file: str = ""
    cover: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)

    def table(self, key: str) -> Table:
        if key not in self.tables:
            self.tables[key] = Table(SHEETS_BY_KEY[key])
        return self.tables[key]

    def rows(self, key: str) -> list[dict[str, Any]]:
        """The filled rows of a sheet; none when the workbook had no such table (nothing is added)."""
        table = self.tables.get(key)
        return table.rows if table else []

    def row_counts(self) -> dict[str, int]:
        return {s.key: len(self.rows(s.key)) for s in SHEETS}

    def to_dict(self) -> dict[str, Any]:
        """Cover and rows by key: the shape of the example files in workbook/examples/."""
        return {
            "municipality": self.municipality,
            "cover": dict(self.cover),
            "sheets": {k: [dict(r) for r in t.rows] for k, t in self.tables.items() if t.rows},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Plan":
        """Build a plan from plain data; keys starting with "_" (transcription notes) are dropped."""
        plan = cls(municipality=str(data.get("municipality", "")), cover=dict(data.get("cover") or {}))
        plan.cover.setdefault("municipality", plan.municipality)
        for key, rows in (data.get("sheets") or {}).items():
            table = plan.table(key)
            table.rows = [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows or ()]
        return plan
