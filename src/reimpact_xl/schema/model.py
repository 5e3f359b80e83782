"""The vocabulary of the schema: column types, choices, columns, sheets, rules (stdlib only)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property, lru_cache
from typing import Iterable

from .. import texts as _texts


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


@dataclass(frozen=True, init=False)
class Text:
    """A user-visible text: a key of the language catalogues (src/reimpact_xl/texts/*.toml) and the values of
    placeholders the code fills in; Latvian is the fallback. Text("") is no text."""

    key: str
    args: tuple[tuple[str, object], ...] = ()

    def __init__(self, key: str, **args: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "args", tuple(sorted(args.items())))

    def __call__(self, lang: str = "lv") -> str:
        return _texts.fill(_texts.lookup(self.key, lang), self.args) if self.key else ""

    @property
    def lv(self) -> str:
        return self("lv")

    @property
    def en(self) -> str:
        return self("en")

    def variants(self) -> tuple[str, ...]:
        """The text in every language found (Latvian first): the reader knows a label in any of them."""
        return _variants(self, _texts.languages())


@lru_cache(maxsize=4096)  # asked for per header cell while reading: looked up once per language set
def _variants(text: Text, languages: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for lang in languages if (v := text(lang))))


@dataclass(frozen=True)
class Choice:
    """One allowed value: a stable key and its words; `aliases` are spellings seen in real plans."""

    key: str
    label: Text
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """Every way a plan may write this value: the key, the label in each language, the aliases.

        >>> Choice("high", Text("choice.risk_levels.high"), ("augsta",)).spellings()
        ('high', 'augsts', 'high', 'augsta')
        """
        return (self.key, *self.label.variants(), *self.aliases)


def key_named(choices: Iterable[Choice], text: str) -> str | None:
    """The key of the choice that `text` spells, case and spacing aside; None when none does.

    >>> low = Choice("low", Text("choice.risk_levels.low"))
    >>> levels = (low, Choice("high", Text("choice.risk_levels.high"), ("augsta",)))
    >>> key_named(levels, "  Augsta "), key_named(levels, "LOW"), key_named(levels, "vidējs")
    ('high', 'low', None)
    """
    folded = " ".join(text.split()).casefold()
    return next((c.key for c in choices if folded in {s.casefold() for s in c.spellings()}), None)


@dataclass(frozen=True)
class Column:
    """One column; its label and help are bound to catalogue keys column.<sheet>.<key>.label/help by its sheet."""

    key: str
    label: Text = Text("")
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
    columns: tuple[Column, ...]
    # The texts default to the catalogue keys sheet.<key>.name/title/purpose/guidance (see __post_init__).
    name: Text = Text("")  # the Excel sheet name, at most 31 characters
    title: Text = Text("")  # "Darba lapa #7: rīcības plāna sagatavošana"
    purpose: Text = Text("")  # "Mērķis: ..."
    guidance: Text = Text("")  # the text the seed plans print above the table
    # template rows, by column key: their texts catalogue keys prefilled.<sheet>.<n>.<column>, numbers and IDs here
    prefilled: tuple[dict[str, str | Text], ...] = ()
    id_namespace: str = ""  # the namespace of the sheet's own ID column, if it has one
    min_rows: int = 15  # empty rows the template offers before the specialist adds more
    examples: tuple[Text, ...] = ()  # the seed plans' "Piemērs" texts (example.<sheet>.<n>): never real data
    required: bool = True  # every plan fills it: an empty one is an error (docs/rules.md)

    def __post_init__(self) -> None:
        for part in ("name", "title", "purpose", "guidance"):
            if not getattr(self, part).key:
                object.__setattr__(self, part, Text(f"sheet.{self.key}.{part}"))
        object.__setattr__(self, "columns", bind_columns(self.key, self.columns))

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.key} has no column {key!r}")

    @cached_property  # asked for per cell while reading and writing: built once per sheet
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def prefilled_rows(self, lang: str = "lv") -> tuple[dict[str, str], ...]:
        """The template's pre-filled rows as a workbook in `lang` writes them."""
        return tuple({k: v(lang) if isinstance(v, Text) else v for k, v in row.items()} for row in self.prefilled)

    @cached_property
    def input_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.type is not ColumnType.FORMULA)


def prefilled(sheet: str, count: int, *texts: str, **numbered: str) -> tuple[dict[str, str | Text], ...]:
    """`count` template rows: each of the `texts` columns the catalogue's prefilled.<sheet>.<n>.<column>, each
    `numbered` column its pattern filled with the row's number, e.g. risk_id="R{}"."""
    return tuple({**{k: p.format(n) for k, p in numbered.items()},
                  **{t: Text(f"prefilled.{sheet}.{n}.{t}") for t in texts}} for n in range(1, count + 1))


def examples(sheet: str, count: int) -> tuple[Text, ...]:
    """The catalogue's example.<sheet>.1..count."""
    return tuple(Text(f"example.{sheet}.{n}") for n in range(1, count + 1))


def bind_columns(owner: str, columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns with an unset label or help bound to the keys column.<owner>.<column>.label/help."""
    def bound(col: Column) -> Column:
        label = col.label if col.label.key else Text(f"column.{owner}.{col.key}.label")
        help_ = col.help if col.help.key else Text(f"column.{owner}.{col.key}.help")
        return col if (label, help_) == (col.label, col.help) else replace(col, label=label, help=help_)
    return tuple(bound(c) for c in columns)


@dataclass(frozen=True)
class Rule:
    """A validation rule: stable slug, default severity, message templates in each language."""

    slug: str
    severity: Severity
    message: Text
    title: Text = field(default=Text(""))
