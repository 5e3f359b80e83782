"""Predicates on one cell value, shared by the Pandera checks and the cross-sheet rules (pure)."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ..schema import SHEETS, Column, ColumnType

_PLACEHOLDER_WHOLE = re.compile(r"^\s*(?:_+|\?+(?:\s*\?+)*|\(\?\))\s*$")
_PLACEHOLDER_PART = re.compile(r"\?\?\?|\(\?\)|\b\d{2,3}_\.?|_{3,}")
_BULLET_LINE = re.compile(r"^\s*(?:[-–•●▪*]|\d+[.)])\s+", re.MULTILINE)
_BULLET_GLYPH = re.compile(r"[•●▪]")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value != value  # NaN


def is_empty_text(value: object) -> bool:
    """Blank, or a lone dash: what the seed plans write for "nothing here"."""
    return is_blank(value) or (isinstance(value, str) and value.strip() in {"-", "–", "—", "- -", "– –"})


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def is_integer(value: object) -> bool:
    return is_number(value) and float(value).is_integer()  # type: ignore[arg-type]


def is_date(value: object) -> bool:
    return isinstance(value, (date, datetime))


def type_ok(col: Column, value: object) -> bool:
    """Does a non-blank value have the column's type? Text-like columns accept anything."""
    if is_blank(value):
        return True
    if col.type in (ColumnType.INTEGER, ColumnType.YEAR):
        return is_integer(value)
    if col.numeric:
        return is_number(value)
    if col.type is ColumnType.DATE:
        return is_date(value)
    return True


def in_range(col: Column, value: object) -> bool:
    if not is_number(value):
        return True
    low = col.minimum if col.minimum is not None else float("-inf")
    high = col.maximum if col.maximum is not None else float("inf")
    return low <= float(value) <= high  # type: ignore[arg-type]


def choice_ok(col: Column, value: object) -> bool:
    """Closed lists: the reader turned every recognised spelling into a key; anything else fails."""
    return is_blank(value) or col.choice(value) is not None


def id_ok(col: Column, value: object) -> bool:
    return is_blank(value) or bool(re.fullmatch(col.id_pattern, str(value), flags=re.ASCII))


def placeholder(value: object) -> bool:
    if not isinstance(value, str) or not value.strip():
        return False
    if "_" not in value and "?" not in value:  # every placeholder pattern needs one of them: skip the regexes
        return False
    return bool(_PLACEHOLDER_WHOLE.match(value) or _PLACEHOLDER_PART.search(value))


@lru_cache(maxsize=1)
def _examples() -> tuple[str, ...]:
    texts = {e for sheet in SHEETS for e in sheet.examples}
    texts |= {e.removeprefix("Piemērs: ") for e in texts}
    return tuple(sorted(_fold(t) for t in texts if len(t) >= EXAMPLE_MIN_CHARS))


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


# Short example texts ("Sociālā uzņēmuma likums", "Jaunieši bez darba pieredzes") are also real data
# that every plan may cite; only the long example sentences betray a template left unfilled.
EXAMPLE_MIN_CHARS = 40


def template_example(value: object) -> bool:
    """The cell starts with "Piemērs", or holds one of the template's long example sentences (or its start)."""
    if not isinstance(value, str) or len(value) < 8:
        return False
    head = value.lstrip()[:EXAMPLE_MIN_CHARS]
    if head[:7].casefold() == "piemērs":
        return True
    if len(value) < EXAMPLE_MIN_CHARS or not head:
        return False
    # folding joins the words with single spaces and casefolds each character alone (never to nothing), so
    # an example's first EXAMPLE_MIN_CHARS characters can only match if the text's first word (or its first
    # EXAMPLE_MIN_CHARS characters) opens one: test that before folding the whole text
    if head.split(None, 1)[0].casefold()[:EXAMPLE_MIN_CHARS] not in _example_first_words():
        return False
    folded = _fold(value)
    # both directions of "starts with" need the same first EXAMPLE_MIN_CHARS characters: look that up first
    if folded[:EXAMPLE_MIN_CHARS] not in _example_prefixes():
        return False
    return any(folded.startswith(e) or e.startswith(folded) for e in _examples())


@lru_cache(maxsize=1)
def _example_first_words() -> frozenset[str]:
    return frozenset(e.split(" ", 1)[0] for e in _example_prefixes())


@lru_cache(maxsize=1)
def _example_prefixes() -> frozenset[str]:
    return frozenset(e[:EXAMPLE_MIN_CHARS] for e in _examples())


def multiple_items(value: object) -> bool:
    """item_count(value) >= 2, without the regexes for one-line texts that hold no ";"."""
    if isinstance(value, str) and "\n" not in value and ";" not in value:
        # one line: a bullet can only open the text, so only repeated glyphs make a list
        return value.count("•") + value.count("●") + value.count("▪") >= 2
    return item_count(value) >= 2


def item_count(value: object) -> int:
    """How many list items a cell holds: bullets, numbered lines or ";"-separated clauses."""
    if not isinstance(value, str):
        return 1
    bullets = max(len(_BULLET_LINE.findall(value)), len(_BULLET_GLYPH.findall(value)))
    clauses = len([p for p in value.split(";") if p.strip()])
    return max(1, bullets, clauses)
