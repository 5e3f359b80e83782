"""The vocabulary of the schema: column types, choices, columns, sheets, rules (stdlib only)."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Iterable


class ColumnType(str, Enum):
    """What a column holds; decides the cell format, the data validation and the parser."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    EUR = "eur"
    PERCENT = "percent"
    YEAR = "year"
    DATE = "date"
    PERIOD = "period"  # free timeline text, parsed by periods.py
    CHOICE = "choice"
    ID = "id"
    REF = "ref"  # a reference to an ID defined on an earlier sheet
    FORMULA = "formula"  # computed in the workbook; read back, never required


NUMERIC_TYPES = frozenset(
    {ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.EUR, ColumnType.PERCENT, ColumnType.YEAR}
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Text:
    """A user-visible text in every language the workbook speaks; Latvian is the fallback."""

    lv: str
    en: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # further languages, e.g. (("lt", "..."),)

    def __call__(self, lang: str = "lv") -> str:
        if lang == "en" and self.en:
            return self.en
        for code, value in self.extra:
            if code == lang and value:
                return value
        return self.lv

    def variants(self) -> tuple[str, ...]:
        return tuple(v for v in (self.lv, self.en, *(v for _, v in self.extra)) if v)


@dataclass(frozen=True)
class Choice:
    """One allowed value: a stable key and its words; `aliases` are spellings seen in real plans."""

    key: str
    label: Text
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """Every way a plan may write this value: the key, the label in each language, the aliases.

        >>> Choice("high", Text("augsts", "high"), ("augsta",)).spellings()
        ('high', 'augsts', 'high', 'augsta')
        """
        return (self.key, *self.label.variants(), *self.aliases)


def key_named(choices: Iterable[Choice], text: str) -> str | None:
    """The key of the choice that `text` spells, case and spacing aside; None when none does.

    >>> levels = (Choice("low", Text("zems", "low")), Choice("high", Text("augsts", "high"), ("augsta",)))
    >>> key_named(levels, "  Augsta "), key_named(levels, "LOW"), key_named(levels, "vidējs")
    ('high', 'low', None)
    """
    folded = " ".join(text.split()).casefold()
    return next((c.key for c in choices if folded in {s.casefold() for s in c.spellings()}), None)


@dataclass(frozen=True)
class Column:
    key: str
    label: Text
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    help: Text = Text("")
    choices: tuple[Choice, ...] = ()
    open_choice: bool = False  # the list suggests; other text is allowed (and noted)
    id_prefix: str = ""  # ID columns: "M", "A", ...; REF columns: the namespace they point to
    id_pattern: str = ""  # regular expression an ID (or a reference) must match
    ref_namespace: str = ""  # REF columns: the ID namespace, e.g. "task"
    single_item: bool = False  # one item per cell: lists ("; ", "- ", "•") are flagged
    width: int = 28
    minimum: float | None = None
    maximum: float | None = None

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def choice(self, key: object) -> Choice | None:
        for c in self.choices:
            if c.key == key:
                return c
        return None

    def display(self, value: object, lang: str = "lv") -> object:
        """A stored value as the user reads it: a choice key becomes its label."""
        found = self.choice(value) if self.choices else None
        return found.label(lang) if found else value


@dataclass(frozen=True)
class Sheet:
    """One table of the plan: a worksheet of the seed plans (or a part of one, e.g. #5's second table)."""

    key: str
    number: str  # "1".."11", "5a", "9a": the worksheet it belongs to
    name: Text  # the Excel sheet name, at most 31 characters
    title: Text  # "Darba lapa #7: rīcības plāna sagatavošana"
    purpose: Text  # "Mērķis: ..."
    guidance: Text  # the text the seed plans print above the table
    columns: tuple[Column, ...]
    prefilled: tuple[dict[str, str], ...] = ()  # template rows, by column key
    id_namespace: str = ""  # the namespace of the sheet's own ID column, if it has one
    min_rows: int = 15  # empty rows the template offers before the specialist adds more
    examples: tuple[str, ...] = ()  # the template's "Piemērs" texts: never real data
    required: bool = True  # every plan fills it: an empty one is an error (docs/rules.md)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key} has no column {key!r}")

    @cached_property  # asked for per cell while reading and writing: built once per sheet
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @cached_property
    def input_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.type is not ColumnType.FORMULA)


@dataclass(frozen=True)
class Rule:
    """A validation rule: stable slug, default severity, message templates in each language."""

    slug: str
    severity: Severity
    message: Text
    title: Text = field(default=Text(""))
