"""The single source of truth: worksheets, columns, vocabularies and rules of the action plan."""
from .model import NUMERIC_TYPES, Choice, Column, ColumnType, Rule, Severity, Sheet, Text
from .rules import RULES, rule
from .worksheets import COVER_FIELDS, ID_PATTERNS, REF_NAMESPACES, SHEETS, SHEETS_BY_KEY

TEMPLATE_VERSION = "1.0"
LANGUAGES = ("lv", "en")
METADATA_SHEET = "_meta"
COVER_SHEET = Text("Titullapa", "Cover")

__all__ = [
    "Choice", "Column", "ColumnType", "NUMERIC_TYPES", "Rule", "Severity", "Sheet", "Text",
    "RULES", "rule", "COVER_FIELDS", "ID_PATTERNS", "REF_NAMESPACES", "SHEETS", "SHEETS_BY_KEY",
    "TEMPLATE_VERSION", "LANGUAGES", "METADATA_SHEET", "COVER_SHEET",
]
