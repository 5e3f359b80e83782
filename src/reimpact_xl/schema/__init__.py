"""The single source of truth: worksheets, columns, vocabularies and rules of the action plan."""
from ..texts import languages
from .model import NUMERIC_TYPES, Choice, Column, ColumnType, Rule, Severity, Sheet, Text
from .rules import RULES, rule
from .worksheets import COVER_FIELDS, ID_PATTERNS, REF_NAMESPACES, SHEETS, SHEETS_BY_KEY

TEMPLATE_VERSION = "1.0"
METADATA_SHEET = "_meta"
COVER_SHEET = Text("schema.cover_sheet")

__all__ = [
    "Choice", "Column", "ColumnType", "NUMERIC_TYPES", "Rule", "Severity", "Sheet", "Text",
    "RULES", "rule", "COVER_FIELDS", "ID_PATTERNS", "REF_NAMESPACES", "SHEETS", "SHEETS_BY_KEY",
    "TEMPLATE_VERSION", "LANGUAGES", "languages", "METADATA_SHEET", "COVER_SHEET",
]


def __getattr__(name: str) -> tuple[str, ...]:
    """LANGUAGES: the language codes of the catalogues found now (texts/*.toml and REIMPACT_XL_TEXTS)."""
    if name == "LANGUAGES":
        return languages()
    raise AttributeError(name)
