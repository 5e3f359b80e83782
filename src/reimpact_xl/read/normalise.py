"""Cell values as the plan needs them (pure): each function returns (value, changed).

`changed` means the value now says something the cell did not literally say: a number read from text
with spaces or a unit, a choice matched through an alias or missing diacritics, an ID upper-cased, a
date read from text. Trimming spaces and line endings is not a change worth telling anyone about.
A value that cannot be converted is returned as the original text, so the validator can name it.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache, partial
from typing import Any, Callable, Sequence

from ..schema import Choice, Column, ColumnType, languages

# Excel's error literals (stored in English whatever the UI language) and LibreOffice's "Err:502".
ERROR_VALUES = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
    "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
})
_LO_ERROR = re.compile(r"Err:\d{3}")
_EDGE_JUNK = "\u200b\u200c\u200d\ufeff"  # zero-width characters pasted from web pages
_GROUP_SEPS = " \u00a0\u202f\u2009'’"  # thousands separators: spaces of every width, apostrophes
_CURRENCY = r"(?:€|eur|eiro|euro)"
_UNIT = re.compile(rf"^(?:{_CURRENCY}\s*)?(.*?)(?:\s*(?:{_CURRENCY}|%))?$", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4})\s*\.?(?:\s*g\.?)?")
_YMD = re.compile(r"(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?")
_YEAR = re.compile(r"(\d{4})\s*\.?\s*(?:g\.?|gads|gadā|gadam)?", re.IGNORECASE)
SERIAL_RANGE = (10_000, 100_000)  # Excel serials read as dates: 1927-05-18 .. 2173-10-14
_EPOCH = date(1899, 12, 30)
_CHECK_KEYS = frozenset({"yes", "no"})


def fold(text: object) -> str:
    """Text for matching: lower case, no diacritics, words of letters and digits separated by one space.

    >>> fold("  Pašvaldības  BUDŽETS! "), fold("Biedrība “Saime”")
    ('pasvaldibas budzets', 'biedriba saime')
    """
    value = str(text)
    return _fold_short(value) if len(value) <= 120 else _fold(value)


def _fold(value: str) -> str:
    folded = value.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _NON_WORD.sub(" ", folded).strip()


_fold_short = lru_cache(maxsize=8192)(_fold)
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_NON_WORD = re.compile(r"[^\w%#]+")


def is_blank(value: Any) -> bool:
    """True for what an empty cell reads as: None, "" or only spaces."""
    if value is None or value == "":
        return True
    return isinstance(value, str) and not value.strip(_BLANK)


_BLANK = " \t\r\n\u00a0\u200b\u200c\u200d\ufeff"


def non_blank(values: Sequence[Any]) -> list[Any]:
    """The values that are not is_blank(), in order."""
    return [v for v in values if v is not None and v != "" and not (isinstance(v, str) and not v.strip(_BLANK))]


def all_blank(values: Sequence[Any]) -> bool:
    """is_blank() for every value (a row of cells is tested this way for each row read)."""
    return not non_blank(values)


def is_error_text(value: Any) -> bool:
    """True for an error literal such as #N/A or Err:502 (typed, pasted or left by a formula)."""
    if not isinstance(value, str) or len(value) > 20:
        return False
    stripped = value.strip()
    if stripped[:1] not in ("#", "E"):  # every error literal starts so: most cells end here
        return False
    return stripped in ERROR_VALUES or bool(_LO_ERROR.fullmatch(stripped))


def formula_like(text: str) -> bool:
    """Text a spreadsheet would run as a formula if it were ever written back without care."""
    if not text or text[0] not in "=+-@":
        return False
    if text[0] in "=@":
        return len(text) > 1
    first_word = text[1:].split(maxsplit=1)[0] if text[1:].strip() else ""
    return text[1:2] == first_word[:1] != "" and any(ch in first_word for ch in "(|!")


def text(value: Any) -> tuple[str | None, bool]:
    """Any cell as text: stripped, \\r\\n as \\n, numbers without a needless ".0", dates as dd.mm.yyyy.

    >>> from datetime import date
    >>> text(3.0), text(2.5), text(date(2026, 3, 15)), text("   ")
    (('3', False), ('2.5', False), ('15.03.2026', False), (None, False))
    """
    if type(value) is str and is_clean(value):
        return value, False  # nothing to strip: the common cell, answered without copying it
    if is_blank(value):
        return None, False
    if isinstance(value, str):
        cleaned = value.replace("\r\n", "\n").replace("\r", "\n").strip().strip(_EDGE_JUNK).strip()
        return (cleaned or None), False
    return _as_text(value), False


def is_clean(value: str) -> bool:
    """True when text() returns the string as it is: no CR, no space or zero-width character at an end."""
    if not value or "\r" in value:
        return False
    first, last = value[0], value[-1]
    return not (first.isspace() or last.isspace() or first in _EDGE_JUNK or last in _EDGE_JUNK)


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y") if value.time() == time() else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def parse_number(raw: str) -> float | None:
    """A number written by a person: "40 000 EUR", "7 694,70 €", "1,000.50", "70%"; None if it is not one.

    >>> [parse_number(t) for t in ("40 000 EUR", "7 694,70 €", "1,000.50", "70%", "daudz")]
    [40000.0, 7694.7, 1000.5, 70.0, None]
    """
    s = raw.strip().replace("\u2212", "-").replace("–", "-")
    match = _UNIT.fullmatch(s)
    s = match.group(1).strip() if match else s
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = ("-" if s[0] == "-" else ""), s[1:].strip()
    if s.endswith(".") and s.count(".") == 1 and "," not in s:
        s = s[:-1]  # "2026." is how Latvian writes an ordinal year
    if not s or not _digits(s[0]) or not _digits(s[-1]):
        return None
    whole, frac = _split_decimal(s)
    if whole is None or not (frac == "" or _digits(frac)):
        return None
    return float(f"{sign}{whole}.{frac or 0}")


def _split_decimal(s: str) -> tuple[str | None, str]:
    """Split at the decimal separator; the whole part loses its thousands separators (groups of three)."""
    decimal = ""
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
    elif s.count(",") == 1:
        decimal = ","  # Latvian decimal comma: "7694,70"
    elif s.count(".") == 1:
        decimal = "."
    whole, _, frac = s.rpartition(decimal) if decimal else (s, "", "")
    groups = re.split(f"[{_GROUP_SEPS},.]", whole)
    if not all(_digits(g) for g in groups):
        return None, ""
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None, ""
    return "".join(groups), frac


def _digits(s: str) -> bool:
    return s.isascii() and s.isdigit()  # "¹" and "٣" are digits to str.isdigit, not to float()


def number(value: Any) -> tuple[Any, bool]:
    """A NUMBER/EUR/PERCENT cell as float; text such as "40 000 EUR" or "70%" is read, 70% meaning 70."""
    if is_blank(value):
        return None, False
    if isinstance(value, bool):
        return _as_text(value), False
    if isinstance(value, (int, float)):
        return float(value), False
    if not isinstance(value, str):
        return _as_text(value), False
    stripped = text(value)[0] or ""
    parsed = parse_number(stripped)
    if parsed is None:
        return stripped, False
    return parsed, _shown_number(parsed) != stripped.replace(".", ",")


def integer(value: Any) -> tuple[Any, bool]:
    """An INTEGER cell as int when it holds a whole number; anything else as number() reads it."""
    result, changed = number(value)
    if isinstance(result, float) and result.is_integer():
        return int(result), changed
    return result, changed


def year(value: Any) -> tuple[Any, bool]:
    """A YEAR cell as int: 2026.0, "2026", "2026.", "2026. gads" -> 2026; a date gives its year.

    >>> year("2026."), year("2026. gads"), year("divtūkstoš")
    ((2026, False), (2026, True), ('divtūkstoš', False))
    """
    if isinstance(value, (date, datetime)):
        return value.year, True
    if isinstance(value, str):
        stripped = text(value)[0] or ""
        found = _YEAR.fullmatch(stripped)
        if found:
            return int(found.group(1)), found.group(1) != stripped.rstrip(".")
    return integer(value)


def date_value(value: Any) -> tuple[Any, bool]:
    """A DATE cell as datetime.date: Excel dates, serial numbers, "15.03.2026(.)", "2026-03-15"."""
    if is_blank(value):
        return None, False
    if isinstance(value, datetime):
        return value.date(), value.time() != time()
    if isinstance(value, date):
        return value, False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value < SERIAL_RANGE[1]:
            return _EPOCH + timedelta(days=int(value)), True
        return value, False
    stripped = text(value)[0] or ""
    parsed = _parse_date(stripped)
    if parsed is None:
        return stripped, False
    return parsed, _shown_date(parsed, "lv") != stripped


def _parse_date(s: str) -> date | None:
    found = _DMY.fullmatch(s)
    parts = (found.group(3), found.group(2), found.group(1)) if found else None
    if parts is None and (found := _YMD.fullmatch(s)):
        parts = (found.group(1), found.group(2), found.group(3))
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def identifier(value: Any, pattern: str = "") -> tuple[str | None, bool]:
    """An ID or reference without spaces, in the case its pattern wants ("m1.u1 " -> "M1.U1", "a1B" -> "A1b")."""
    return _identifier(value, re.compile(pattern).fullmatch if pattern else None)


def _identifier(value: Any, fullmatch: Callable[[str], Any] | None) -> tuple[str | None, bool]:
    cleaned, _ = text(value)
    if cleaned is None:
        return None, False
    joined = "".join(cleaned.split())
    upper = joined.upper()
    result = upper
    if fullmatch is not None:
        result = next((c for c in (joined, upper, upper[:-1] + joined[-1:].lower()) if fullmatch(c)), upper)
    return result, result != cleaned


def choice(value: Any, choices: tuple[Choice, ...]) -> tuple[Any, bool]:
    """The key of the choice a cell names, by label or alias, ignoring case and diacritics."""
    return _choice(value, choices, _choice_index(choices, languages()))


def _choice(value: Any, choices: tuple[Choice, ...], index: tuple[dict[str, str], dict[str, str], frozenset[str]],
            ) -> tuple[Any, bool]:
    if isinstance(value, bool) and _CHECK_KEYS <= {c.key for c in choices}:
        return ("yes" if value else "no"), True
    cleaned, _ = text(value)
    if cleaned is None:
        return None, False
    exact, loose, labels = index
    key = exact.get(cleaned.casefold()) or loose.get(fold(cleaned))
    if key is None:
        return cleaned, False
    return key, cleaned not in labels  # "Zems" for "zems" is a spelling worth a note too


@lru_cache(maxsize=64)  # by the languages found too: a catalogue found later has its words known
def _choice_index(choices: tuple[Choice, ...], _langs: tuple[str, ...],
                  ) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for c in choices:
        for word in c.spellings():
            exact.setdefault(word.casefold(), c.key)
            if fold(word):
                loose.setdefault(fold(word), c.key)
    labels = frozenset(v for c in choices for v in c.label.variants())
    return exact, loose, labels


def plain(value: Any) -> tuple[Any, bool]:
    """A cell of a column the schema does not know: text cleaned, numbers and dates kept as they are."""
    if isinstance(value, str) or is_blank(value):
        return text(value)
    if isinstance(value, (time, timedelta)):
        return _as_text(value), False
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value), False
    return value, False


def normalise(value: Any, column: Column) -> tuple[Any, bool]:
    """One cell read for its column's type; see the module docstring for what `changed` means."""
    return normaliser(column)(value)


def normaliser(column: Column) -> Callable[[Any], tuple[Any, bool]]:
    """The function normalise() applies to this column's cells: look it up once per column, not per cell."""
    langs = languages()  # a choice's words in every language found (a catalogue may be added later)
    known = _NORMALISERS.get((id(column), langs))
    if known is not None and known[0] is column:  # the entry holds the column, so its id is not reused
        return known[1]
    found = _normaliser(column, langs)
    if len(_NORMALISERS) < 4096:  # the schema's columns, and a few made by tests
        _NORMALISERS[(id(column), langs)] = (column, found)
    return found


_NORMALISERS: dict[tuple[int, tuple[str, ...]], tuple[Column, Callable[[Any], tuple[Any, bool]]]] = {}


def _normaliser(column: Column, langs: tuple[str, ...]) -> Callable[[Any], tuple[Any, bool]]:
    kind = column.type
    if column.choices:  # hashing the choices to find their index is dearer than reading most cells
        return partial(_choice, choices=column.choices, index=_choice_index(column.choices, langs))
    if kind in (ColumnType.ID, ColumnType.REF):
        pattern = column.id_pattern
        return partial(_identifier, fullmatch=re.compile(pattern).fullmatch if pattern else None)
    return _BY_TYPE.get(kind, text) if isinstance(kind, ColumnType) else text


_BY_TYPE: dict[ColumnType, Callable[[Any], tuple[Any, bool]]] = {
    ColumnType.INTEGER: integer, ColumnType.YEAR: year, ColumnType.NUMBER: number, ColumnType.EUR: number,
    ColumnType.PERCENT: number, ColumnType.DATE: date_value, ColumnType.FORMULA: plain}


def shown(value: Any, column: Column | None = None, lang: str = "lv") -> str:
    """A normalised value in the words a message shows: "7694,7", "15.03.2026", a choice's label."""
    if column is not None and column.choices and isinstance(value, str) and column.choice(value):
        return str(column.display(value, lang))
    if isinstance(value, bool) or value is None:
        return "" if value is None else _as_text(value)
    if isinstance(value, (int, float)):
        return _shown_number(float(value), lang)
    if isinstance(value, date) and not isinstance(value, datetime):
        return _shown_date(value, lang)
    return _as_text(value)


def _shown_number(value: float, lang: str = "lv") -> str:
    out = str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    return out.replace(".", ",") if lang != "en" else out


def _shown_date(value: date, lang: str) -> str:
    return value.isoformat() if lang == "en" else value.strftime("%d.%m.%Y")
