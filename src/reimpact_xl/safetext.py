"""Text every part of an output can hold: XML 1.0 characters only, within Excel's length limits.

A submitted cell may hold anything: a Word soft line break (vertical tab), PDF debris (other C0
controls), U+FFFE, half an emoji. XML 1.0 cannot carry these, so a workbook holding one raw is not
well-formed and Excel "repairs" it, dropping what it cannot read. Cell text (written by XlsxWriter)
keeps them as Excel's own `_xHHHH_` escape, which Excel decodes; everywhere else (tooltips, comments,
validation messages, formula cached values, document properties, defined names, sheet names,
headers, reports) they are removed, a vertical tab or form feed becoming the line break it stood for.
Lengths are counted as Excel counts them: UTF-16 units.
"""
from __future__ import annotations

import re
from typing import Any

CELL = 32_767  # characters of one cell
COMMENT = 32_767  # XlsxWriter refuses a longer comment
TIP = 255  # hyperlink tooltip (XlsxWriter raises beyond it)
URL = 2_079  # hyperlink target (Excel's limit; XlsxWriter's is 2,080)
DV_TITLE = 32  # data-validation input and error titles
DV_MESSAGE = 255  # data-validation input and error messages
DV_LIST = 255  # a data-validation list written out ("a,b,c")
FORMULA_STRING = 255  # a string constant inside a formula
HEADER_FOOTER = 255  # a printed header or footer, codes included
PROPERTY = 255  # a document property (title, subject); Excel shows no more
SHEET_NAME = 31
ROW_POINTS = 409.5  # Excel's tallest row
ELLIPSIS = "…"

# half a surrogate pair (UTF-8 cannot encode it) and the non-characters U+FFFE/U+FFFF (XlsxWriter before
# 3.2 writes them raw): nothing any text means, so U+FFFD everywhere
_NONSENSE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_URL = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})  # Word's soft line break, a page break
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\\x00-\x1f\ud800-\udfff\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each (emoji)


def excel_text(value: Any, limit: int | None = CELL, *, escaped: bool = False) -> str:
    """`value` as text an output can hold, cut to `limit` UTF-16 units (an ellipsis marks a cut; None: uncut).

    `escaped`: the text is a cell's, written by XlsxWriter's write_string, which turns control
    characters into `_xHHHH_` (Excel decodes them), so they stay; elsewhere they are removed. Half a
    surrogate pair, U+FFFE and U+FFFF become U+FFFD either way.
    """
    text = "" if value is None else str(value)
    if _NOT_XML.search(text):
        text = _NONSENSE.sub("\ufffd", text)
        if not escaped:
            text = _NOT_XML.sub("", text.translate(_BREAKS))
    return text if limit is None else clip(text, limit)


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` UTF-16 units (how Excel counts), never inside a pair, an ellipsis marking the cut.

    >>> clip("Biedrība Saime", 8), clip("Saime", 8)
    ('Biedrīb…', 'Saime')
    """
    if len(text) * 2 <= limit or utf16_len(text) <= limit:
        return text
    units, end = 0, 0
    for end, ch in enumerate(text):  # the longest prefix that leaves room for the ellipsis
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit - 1:
            break
    return text[:end].rstrip() + ELLIPSIS


def utf16_len(text: str) -> int:
    """Length as Excel counts it: a character beyond the BMP (an emoji) takes two units.

    >>> utf16_len("Rīga"), utf16_len("👍")
    (4, 2)
    """
    return len(text) + len(_ASTRAL.findall(text))


def sheet_name(name: str) -> str:
    """A legal sheet name: no []:*?/\\ or control characters, not starting or ending with ', 31 units.

    >>> sheet_name("Plāns: 2026/2027?")
    'Plāns_ 2026_2027_'
    """
    text = _SHEET_ILLEGAL.sub("_", name).strip("'")
    return clip(text, SHEET_NAME).strip("'") or "_"


def url(target: str) -> str | None:
    """The hyperlink target if Excel can hold it (XML characters only, within 2,079 units), else None."""
    return None if _NOT_IN_URL.search(target) or utf16_len(target) > URL else target


def row_points(points: float) -> float:
    """A row height Excel accepts: at most 409.5 points."""
    return min(points, ROW_POINTS)


def formula_string(text: Any) -> str:
    """Text as a string constant inside a formula: quotes doubled, within the 255 a constant may hold.

    >>> formula_string('Teica "jā" un aizgāja')
    '"Teica ""jā"" un aizgāja"'
    """
    return '"' + _doubled(excel_text(text, FORMULA_STRING), '"', FORMULA_STRING) + '"'


def header_text(text: Any, limit: int) -> str:
    """Text inside a printed header or footer: controls removed, & doubled (it starts a code), cut to `limit`."""
    return _doubled(excel_text(text, limit), "&", limit)


def _doubled(text: str, char: str, limit: int) -> str:
    """`text` with `char` doubled, cut so that the result stays within `limit` units."""
    while utf16_len(text.replace(char, char * 2)) > limit:
        text = clip(text, utf16_len(text) - 1)
    return text.replace(char, char * 2)
