"""Issues (one problem at one cell) and reports (the issues of one or many sources)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from ..schema import COVER_FIELDS, COVER_SHEET, SHEETS_BY_KEY, Severity, Text, rule

WHERE_CELL, WHERE_SHEET = Text("issues.where.cell"), Text("issues.where.sheet")


@dataclass(frozen=True)
class Issue:
    """One problem: where it is (file, sheet, cell), which rule, and the values that fill the message."""

    rule: str
    file: str = ""
    sheet: str = ""  # the sheet's name as it stands in the workbook
    cell: str = ""  # A1 address, e.g. "E12"
    column: str = ""  # column key
    value: str = ""
    expected: str = ""
    detail: str = ""
    severity: Severity | None = None  # None: the rule's default

    @property
    def level(self) -> Severity:
        return self.severity or rule(self.rule).severity

    @property
    def ref(self) -> str:
        """Excel-style reference, e.g. "'7 Rīcības plāns'!E12"."""
        if not self.sheet:
            return ""
        return f"'{self.sheet}'!{self.cell}" if self.cell else f"'{self.sheet}'"

    def where(self, lang: str = "lv") -> str:
        if self.sheet and self.cell:
            return WHERE_CELL(lang).format(sheet=self.sheet, cell=self.cell)
        return WHERE_SHEET(lang).format(sheet=self.sheet) if self.sheet else ""

    def message(self, lang: str = "lv") -> str:
        text = rule(self.rule).message(lang)
        msg = text.format(where=self.where(lang), column=self.column_label(lang), value=_short(self.value),
                          expected=self.expected, detail=self.detail)
        return " ".join(msg.split())

    def column_label(self, lang: str = "lv") -> str:
        """The column's label; a renamed sheet falls back to the first sheet that has the key."""
        return _column_label(self.sheet, self.column, lang)

    def as_row(self, lang: str = "lv") -> dict[str, str]:
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell, "column": self.column,
                "severity": self.level.value, "rule": self.rule, "message": self.message(lang)}


def _short(value: str, limit: int = 80) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass
class Report:
    """The issues found in one or more sources, in the order they were found."""

    issues: list[Issue] = field(default_factory=list)
    _by_file: tuple[int, dict[str, list[Issue]]] | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def counts(self) -> dict[Severity, int]:
        c = Counter(i.level for i in self.issues)
        return {s: c.get(s, 0) for s in Severity}

    @property
    def errors(self) -> int:
        return self.counts()[Severity.ERROR]

    @property
    def warnings(self) -> int:
        return self.counts()[Severity.WARNING]

    def for_file(self, file: str) -> "Report":
        """This file's issues; the index by file is built once for all files (a region has a thousand)."""
        if self._by_file is None or self._by_file[0] != len(self.issues):
            index: dict[str, list[Issue]] = {}
            for issue in self.issues:
                index.setdefault(issue.file, []).append(issue)
            self._by_file = (len(self.issues), index)
        return Report(list(self._by_file[1].get(file, ())))

    def sorted(self) -> "Report":
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return Report(sorted(self.issues, key=lambda i: (i.file, order[i.level], _sheet_order(i.sheet),
                                                         _cell_key(i.cell))))

    def rows(self, lang: str = "lv") -> list[dict[str, str]]:
        return [i.as_row(lang) for i in self.issues]

    @staticmethod
    def merge(reports: Iterable["Report"]) -> "Report":
        merged = Report()
        for r in reports:
            merged.extend(r.issues)
        return merged


@lru_cache(maxsize=None)  # a few sheets and columns, asked for every message
def _column_label(sheet_name: str, column: str, lang: str) -> str:
    if sheet_name in COVER_SHEET.variants():
        for cover_field in COVER_FIELDS:
            if cover_field.key == column:
                return cover_field.label(lang)
    owners = [s for s in SHEETS_BY_KEY.values() if column in s.keys]
    named = [s for s in owners if sheet_name in s.name.variants()]
    for sheet in named or owners:
        return sheet.column(column).label(lang)
    return column


@lru_cache(maxsize=None)  # a few sheet names, asked once per issue
def _sheet_order(name: str) -> int:
    """Issues follow the workbook: the cover and file-level problems first, then #1 ... #11."""
    for index, sheet in enumerate(SHEETS_BY_KEY.values(), 1):
        if name in sheet.name.variants():
            return index
    return 0 if not name or name in COVER_SHEET.variants() else 99


def _cell_key(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell if ch.isdigit())
    letters = "".join(ch for ch in cell if ch.isalpha())
    return (int(digits) if digits else 0, letters.rjust(3))


SEVERITY_WORDS = {
    Severity.ERROR: Text("issues.severity_words.error"),
    Severity.WARNING: Text("issues.severity_words.warning"),
    Severity.INFO: Text("issues.severity_words.info"),
}
