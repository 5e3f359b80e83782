"""The words of the HTML reports: the [report] table of the language catalogues (texts/*.toml).

Words follow the glossary (shared/design/GLOSSARY.md); column and status words come from the schema.
Latvian fills any word a language's catalogue lacks.
"""
from __future__ import annotations

from typing import Mapping

from ..texts import table


def labels(lang: str) -> Mapping[str, str]:
    """The report words of a language, plus `lang` (the page's language code)."""
    return {**table("report", lang), "lang": lang}
