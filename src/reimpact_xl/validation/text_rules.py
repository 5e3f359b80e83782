"""What a cell's text says about itself: a blank left to fill, a doubt, the template's example, a list.

Each rule follows a principle written down in docs/rules.md, not the spellings of the example plans:
- a blank is a run of underscores of any length, wherever it stands (alone, or touching digits,
  letters or punctuation: "202_.", "_._", "__ EUR", "(____)"), except inside a web address, an
  e-mail address, a hashtag or a file name, where an underscore is part of the name;
- a doubt is a question mark that asks nothing of the reader: "???", "? ?", "(?)", a "?" standing
  alone, or a "?" closing a sentence that does not open with a question word;
- the template's example is a cell that *is* the example (equal after folding spaces and case);
- several items in one cell are a real list: several lines, or several bullet or number marks.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.normalise import choice
from ..schema import SHEETS, Column, Text, languages

_UNDERSCORES = re.compile(r"_+")
# where an underscore belongs to a name: web and e-mail addresses, hashtags and handles, file names
_NAMES = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w])[#@]\w[\w-]*"
    r"|\b\w+\.(?:xlsx|xlsm|xls|docx|doc|pdf|csv|odt|ods|png|jpe?g|zip)\b", re.IGNORECASE)
_QUESTION_RUN = re.compile(r"\?(?:\s*\?)+")  # "???", "? ?", "?? ?"
_QUESTION_BRACKET = re.compile(r"\(\s*\?+\s*\)")  # "(?)"
_LONE_QUESTION = re.compile(r"(?:(?<=\s)|^)\?(?=\s|$)")  # "?" as a word of its own
_CLOSING_QUESTION = re.compile(r"(?<=[^\s?(])\?(?=\s|$)")  # "?" that ends a word and a sentence
# a question is asked by a sentence that opens with a question word (lv, en); "Par cik?" asks nothing of
# the reader: it is the author's own open question, i.e. a doubt
QUESTION_WORDS = frozenset("""
kas kā kur kad kāpēc kādēļ kālab cik vai kāds kāda kādi kādas kādu kādā kādos kādās kādam kādai kādiem kādām
kurš kura kuri kuras kuru kurā kurās kuros kuram kurai kuriem kurām kam ko kurp kurienes
what how why when where who whom whose which is are do does did can could will would should
""".split())
# a sentence ends at "." "!" "?" before a space and a word that does not go on in lower case or digits
# ("2027. gadā" and "1. ceturksnis" are ordinals, "t.sk. tūrisma" an abbreviation); a clause at ";" ":",
# a new line or a bullet
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s+[^\s\d\w]|\s+[A-ZĀČĒĢĪĶĻŅŠŪŽ])|[;:\n•●▪]")
_OPENERS = "\"'“”„«»‘’([-–—•●▪* \t"
CONTEXT = 24  # characters of the cell quoted on each side of a blank


def blank_spans(text: str) -> list[tuple[int, int]]:
    """Where a text holds a blank or a doubt: (start, end) of each, in order, merged where they touch."""
    if "_" not in text and "?" not in text:
        return []
    spans = _underscore_spans(text) + _question_spans(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _underscore_spans(text: str) -> list[tuple[int, int]]:
    if "_" not in text:
        return []
    names = [m.span() for m in _NAMES.finditer(text)]
    return [m.span() for m in _UNDERSCORES.finditer(text)
            if not any(a <= m.start() and m.end() <= b for a, b in names)]


def _question_spans(text: str) -> list[tuple[int, int]]:
    if "?" not in text:
        return []
    names = [m.span() for m in _NAMES.finditer(text)]
    spans = [m.span() for p in (_QUESTION_RUN, _QUESTION_BRACKET, _LONE_QUESTION) for m in p.finditer(text)]
    spans += [m.span() for m in _CLOSING_QUESTION.finditer(text) if not _asks(text, m.start())]
    return [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in names)]


def _asks(text: str, at: int) -> bool:
    """Does the sentence that the "?" at `at` closes open with a question word?"""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    words = text[start:at].lstrip(_OPENERS).split(None, 1)
    return bool(words) and words[0].strip(_OPENERS + ",").casefold() in QUESTION_WORDS


def has_blank(value: object) -> bool:
    """A text cell that still holds a blank or a doubt."""
    return isinstance(value, str) and bool(blank_spans(value))


def blank_quote(text: str) -> str:
    """The first blank with a little of the text around it, e.g. "…skaitu pašvaldībā ??? Par cik???".

    >>> blank_quote("Palielināt sociālo uzņēmumu skaitu pašvaldībā ??? Par cik??? līdz 2027")
    '…uzņēmumu skaitu pašvaldībā ??? Par cik??? līdz 2027'
    """
    spans = blank_spans(text)
    if not spans:
        return ""
    start, end = spans[0]
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    # widen to whole words where the cut falls inside one
    while left > 0 and not text[left - 1].isspace() and start - left < CONTEXT + 12:
        left -= 1
    while right < len(text) and not text[right].isspace() and right - end < CONTEXT + 12:
        right += 1
    snippet = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + snippet + ("…" if right < len(text) else "")


# --- the template's example text --------------------------------------------------------------

EXAMPLE_LABEL = Text("example.label")  # "Piemērs:", the label an example row's first cell starts with
# Short example texts ("Sociālā uzņēmuma likums", "Jaunieši bez darba pieredzes") are also real data that
# every plan may cite; only a long example sentence, or the example with its "Piemērs:" label, betrays a
# template left unfilled.
EXAMPLE_MIN_CHARS = 40


def fold(text: str) -> str:
    """Spaces made one, case folded, closing punctuation dropped: how two texts are compared as equal.

    >>> fold("  Vairāk   Sadarbības. ") == fold("vairāk sadarbības")
    True
    """
    return " ".join(text.replace("\u00a0", " ").split()).casefold().rstrip(" .;,")


def _examples() -> frozenset[str]:
    return _example_texts(languages())


@lru_cache(maxsize=4)
def _example_texts(langs: tuple[str, ...]) -> frozenset[str]:
    """The examples as recognised, in every language found: a plan keeps its wording under any cover."""
    labels = tuple(fold(v) for v in EXAMPLE_LABEL.variants())
    texts: set[str] = set()
    for example in (v for sheet in SHEETS for e in sheet.examples for v in e.variants()):
        folded = fold(example)
        label = next((lb for lb in labels if folded.startswith(lb)), "")
        if label:
            texts.add(folded)  # with its label, "Piemērs: …", whatever its length
        bare = fold(folded.removeprefix(label))
        if len(bare) >= EXAMPLE_MIN_CHARS:
            texts.add(bare)
    return frozenset(texts)


def is_template_example(value: object) -> bool:
    """The cell is one of the template's examples (not merely beginning like one)."""
    return isinstance(value, str) and len(value) >= 8 and fold(value) in _examples()


# --- several items in one cell ----------------------------------------------------------------

_MARK = re.compile(r"^\s*([-–—•●▪*#]|\d{1,2}[.)](?!\d))\s*")
_GLYPH = re.compile(r"[•●▪]")
_SECTION_CODE = re.compile(r"^[A-ZĀ-Ž]?\s?\d+(?:\.\d+)+\.?\s")  # "R 2.1.3. …", "2.1.3.6. …": a section
_LINK = re.compile(r"^\[?(?:https?://|www\.)\S+\]?$")
# In a citation (worksheet #1) a line break lays one citation out: the act, its title, its section, a
# link. Only lines marked as items (bullets, numbers) make a list there.
CITATION_COLUMNS = frozenset({"national_act", "strategy", "programme"})


def item_count(value: object, marked_only: bool = False) -> int:
    """How many items a cell lists.

    Marked lines (a bullet or a number) are the items when there are any: lines with another mark are
    sub-points of the item above, unmarked lines continue it. Without marks, every line is an item
    unless it continues the line above: a link, a section code, a line opening in lower case, a quote or
    a bracket. A line that ends with ":" only introduces the list. A ";" joins clauses of one sentence
    and is not a list. Several bullet glyphs within one line are items too.

    >>> item_count("1) apmācības\\n2) konsultācijas\\n3) informācijas dienas"), item_count("Apmācības; konsultācijas")
    (3, 1)
    """
    if not isinstance(value, str):
        return 1
    lines = [ln.strip() for ln in value.splitlines() if ln.strip(" \t-–—•●▪*")]
    if lines and lines[0].endswith(":") and not _MARK.match(lines[0]):
        lines = lines[1:]
    marks = [m.group(1) for m in map(_MARK.match, lines) if m]
    if marks:
        first = _mark_kind(marks[0])
        items = sum(1 for m in marks if _mark_kind(m) == first)
    elif marked_only:
        items = 1
    else:
        items = sum(1 for i, ln in enumerate(lines) if i == 0 or not _continues(ln))
    glyphs = max((len(_GLYPH.findall(ln)) for ln in lines), default=0)
    return max(1, items, glyphs)


def _mark_kind(mark: str) -> str:
    return "number" if mark[0].isdigit() else mark


def _continues(line: str) -> bool:
    """An unmarked line that goes on with the item above rather than starting a new one."""
    head = line[0]
    return (head.islower() or head in "\"'“”„«([{=>…" or bool(_LINK.match(line))
            or bool(_SECTION_CODE.match(line)))


def is_list(value: object, marked_only: bool = False) -> bool:
    """Several items in one cell (the cheap test first: most cells are one line without a glyph)."""
    if not isinstance(value, str):
        return False
    if "\n" not in value and "\r" not in value:
        return len(_GLYPH.findall(value)) >= 2
    return item_count(value, marked_only) >= 2


# --- composite values of open lists -----------------------------------------------------------

_PARTS = re.compile(r"\s*(?:[,;/+\n]|\s-\s|\s–\s|\bun\b|\band\b)\s*")


def parts(text: str) -> list[str]:
    """The parts of a value that names several list entries: "ESF, pašvaldības budžets".

    >>> parts("ESF, pašvaldības budžets")
    ['ESF', 'pašvaldības budžets']
    """
    return [p.strip(" .-–•●") for p in _PARTS.split(text) if p.strip(" .-–•●")]


def all_parts_listed(col: Column, value: object) -> bool:
    """Every part of a composite value is an entry of the column's list (by label or alias)."""
    if not isinstance(value, str) or not col.choices:
        return False
    found = parts(value)
    keys = {c.key for c in col.choices}
    return len(found) >= 2 and all(choice(p, col.choices)[0] in keys for p in found)
