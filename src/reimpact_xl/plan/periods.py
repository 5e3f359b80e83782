"""Timeline text of the plans -> start, end (month precision) and recurrence (pure, stdlib only).

Two small regex tables read a cell independently: one finds *when* (a year, a half, a quarter, a
season, a month, a range, a school year, "sākot ar ...", "līdz ..."), the other finds *how often*
("Reizi gadā", "1xgadā", "pēc pieprasījuma", "pastāvīgi"). A cell that yields neither is "not
understood" (None). Text that cannot be placed in time keeps start/end None and is never guessed:
"Katru gadu - pavasaris" is yearly with no dates; "septembris- maijs" is a school year with no dates.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable, Mapping

from ..schema import Text
from ..schema.vocab import RECURRENCES

RECURRENCE_KEYS = tuple(c.key for c in RECURRENCES)
NOT_UNDERSTOOD = Text("periods.not_understood")


@dataclass(frozen=True)
class Period:
    """A span read from text; start/end are None where the text names no date ("Reizi gadā").

    Month precision: start is the first day of the first month, end the last day of the last month.
    recurrence is a key of schema vocab RECURRENCES; "once" when the text names no frequency.
    """

    start: date | None
    end: date | None
    recurrence: str
    text: str

    @property
    def placed(self) -> bool:
        """True when the period has at least one date (it can be drawn on a timeline)."""
        return self.start is not None or self.end is not None


Span = tuple[date | None, date | None, str | None]  # start, end, implied recurrence
Builder = Callable[[Mapping[str, str]], Span | None]

# --- folding -------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")


def _fold(text: str) -> str:
    """Lower case, no diacritics, one kind of dash, single spaces, "2025.gada" -> "2025. gada"."""
    text = unicodedata.normalize("NFKD", text.translate(_DASHES).replace("×", "x"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(\d)\.(?=[a-z])", r"\1. ", text)
    return " ".join(text.split())


# --- words ---------------------------------------------------------------------------------------

_MONTH_WORDS = (
    r"janvar\w*|januar\w*|jan", r"februar\w*|feb", r"mart[a-z]*|march|mar", r"april\w*|apr",
    r"maij\w*|may", r"junij\w*|june|jun", r"julij\w*|july|jul", r"august\w*|aug",
    r"septembr\w*|september|sept|sep", r"oktobr\w*|october|oct|okt", r"novembr\w*|november|nov",
    r"decembr\w*|december|dec",
)
_SEASON_WORDS = ((r"pavasar\w*|spring", 3, 5), (r"vasar\w*|summer", 6, 8),
                 (r"rudens|rudeni\w*|autumn|fall", 9, 11), (r"ziem\w*|winter", 12, 14))
_PARTS = ((r"pirm\w* pus\w*|1\. pusgad\w*|first half|h1", 1, 6),
          (r"otr\w* pus\w*|2\. pusgad\w*|second half|h2", 7, 12),
          (r"sakum\w*|beginning|start|early", 1, 3), (r"vid\w*|middle|mid", 5, 8),
          (r"beig\w*|nogal\w*|end|late", 10, 12))

_ALL_MONTHS = "|".join(_MONTH_WORDS)
_ALL_SEASONS = "|".join(w for w, _, _ in _SEASON_WORDS)
_ALL_PARTS = "|".join(w for w, _, _ in _PARTS)


def _which(word: str, table: tuple[tuple[str, int, int], ...]) -> tuple[int, int]:
    """The (first, last) month of a season or part-of-year word."""
    return next((a, b) for pattern, a, b in table if re.fullmatch(pattern, word))


def _month(word: str) -> int:
    return next(i for i, pattern in enumerate(_MONTH_WORDS, 1) if re.fullmatch(pattern, word))


def _fill(pattern: str) -> re.Pattern[str]:
    """Expand {y1} (a year), {m1} (a month word), {s1} (a season), {p} (part of a year)."""
    for name in ("y1", "y2"):
        pattern = pattern.replace("{%s}" % name, rf"(?P<{name}>20\d\d)")
    for name in ("m1", "m2"):
        pattern = pattern.replace("{%s}" % name, rf"\b(?P<{name}>{_ALL_MONTHS})\b")
    for name in ("s1", "s2"):
        pattern = pattern.replace("{%s}" % name, rf"\b(?P<{name}>{_ALL_SEASONS})\b")
    pattern = pattern.replace("{p}", rf"\b(?P<p>{_ALL_PARTS})\b")
    return re.compile(pattern.replace("{G}", r"\.?\s*(?:gad[a-z]*\s*)?"))


# --- building spans ------------------------------------------------------------------------------


def _first(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, 1)


def _last(year: int, month: int) -> date:
    first = _first(year, month)
    return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def _ordered(start: date, end: date, implied: str | None = None) -> Span | None:
    return (start, end, implied) if start <= end else None


def _days(g: Mapping[str, str]) -> Span | None:
    try:
        start = date(int(g["y1"]), int(g["n1"]), int(g["d1"]))
        end = date(int(g.get("y2") or g["y1"]), int(g.get("n2") or g["n1"]), int(g.get("d2") or g["d1"]))
    except ValueError:
        return None
    return _ordered(start, end)


def _months(g: Mapping[str, str]) -> Span | None:
    y1, m1 = int(g["y1"]), _month(g["m1"]) if g.get("m1") else int(g["n1"])
    m2 = _month(g["m2"]) if g.get("m2") else m1
    y2 = int(g["y2"]) if g.get("y2") else y1 + (m2 < m1)  # "septembris - maijs": into next year
    return _ordered(_first(y1, m1), _last(y2, m2))


def _month_list(g: Mapping[str, str]) -> Span | None:
    y, m1, m2 = int(g["y1"]), _month(g["m1"]), _month(g["m2"])
    implied = "half_yearly" if m2 - m1 == 6 else None  # "marts un septembris": twice a year
    return _ordered(_first(y, m1), _last(y, m2), implied)


def _quarters(g: Mapping[str, str]) -> Span | None:
    y, q1 = int(g["y1"]), int(g["q1"])
    return _ordered(_first(y, 3 * q1 - 2), _last(y, 3 * int(g.get("q2") or q1)))


def _seasons(g: Mapping[str, str]) -> Span | None:
    y = int(g["y1"])
    first, _ = _which(g["s1"], _SEASON_WORDS)
    _, last = _which(g.get("s2") or g["s1"], _SEASON_WORDS)
    return _ordered(_first(y, first), _last(y, last))


def _part(g: Mapping[str, str]) -> Span | None:
    y = int(g["y1"])
    first, last = _which(g["p"], _PARTS)
    return _first(y, first), _last(y, last), None


def _school(g: Mapping[str, str]) -> Span | None:
    y1, y2 = int(g["y1"]), int(g["y2"])
    return (date(y1, 9, 1), date(y2, 5, 31), "school_year") if y2 == y1 + 1 else None


def _years(g: Mapping[str, str]) -> Span | None:
    return _ordered(date(int(g["y1"]), 1, 1), date(int(g.get("y2") or g["y1"]), 12, 31))


# First match wins: the more specific shapes come first.
_DATES: tuple[tuple[re.Pattern[str], Builder], ...] = tuple((_fill(p), b) for p, b in (
    (r"(?<![\d.])(?P<d1>\d{1,2})\.(?P<n1>\d{1,2})\.{y1}\.?\s*-\s*(?P<d2>\d{1,2})\.(?P<n2>\d{1,2})\.{y2}", _days),
    (r"(?<![\d.])(?P<d1>\d{1,2})\.(?P<n1>\d{1,2})\.{y1}", _days),
    (r"{y1}\.?\s*[/-]\s*{y2}\.?\s*(?:macibu gad|school year|academic year)", _school),
    (r"(?:macibu gad\w*|school year|academic year)\s*{y1}\.?\s*[/-]\s*{y2}", _school),
    (r"{y1}{G}{m1}\s*-\s*{y2}{G}{m2}", _months),
    (r"{m1}\s*{y1}\s*-\s*{m2}\s*{y2}", _months),
    (r"{y1}{G}{m1}\s*-\s*{m2}", _months),
    (r"{m1}\s*-\s*{m2}\s*{y1}", _months),
    (r"{y1}{G}{m1}\s*(?:un|and|,)\s*{m2}", _month_list),
    (r"{y1}{G}(?P<q1>[1-4])\.?\s*-\s*(?P<q2>[1-4])\.?\s*ceturksn", _quarters),
    (r"{y1}{G}(?P<q1>[1-4])\.?\s*ceturksn", _quarters),
    (r"{y1}\s*-?\s*q(?P<q1>[1-4])\b", _quarters),
    (r"\bq(?P<q1>[1-4])\s*[-/]?\s*{y1}", _quarters),
    (r"{y1}{G}{s1}\s*-\s*{s2}", _seasons),
    (r"{y1}{G}{s1}", _seasons),
    (r"{s1}\s*(?:of\s*)?{y1}", _seasons),
    (r"{y1}\.?\s*gad[a-z]*\s+{p}", _part),
    (r"{p}\s*(?:of\s*)?-?\s*{y1}", _part),
    (r"{y1}\s*{p}", _part),
    (r"(?<![\d.])(?P<n1>0?[1-9]|1[0-2])\.\s?{y1}(?!\d)", _months),
    (r"{y1}-(?P<n1>0[1-9]|1[0-2])-(?P<d1>[0-3]\d)(?!\d)", _days),
    (r"{y1}\s*-\s*(?P<n1>0[1-9]|1[0-2])(?!\d)", _months),
    (r"{y1}{G}{m1}", _months),
    (r"{m1}\s*,?\s*{y1}", _months),
    (r"{y1}\.?\s*[-/]\s*{y2}", _years),
    (r"{y1}", _years),
))

_FROM_TO = re.compile(r"\b(?:no|from)\s+(?P<a>.+?)\s+(?:lidz|to|until|till)\s+(?P<b>.+)")
_FROM = re.compile(r"\b(?:sakot ar|starting(?: from| in)?|from)\s+(?P<a>.+)")
_UNTIL = re.compile(r"\b(?:lidz|until|till|by)\s+(?P<a>.+)")
_WITHIN = re.compile(r"\b(?P<n>\d{1,2})\s*gadu\s+laika\b|\bwithin\s+(?P<m>\d{1,2})\s+years?\b")


def _table(text: str) -> Span | None:
    """The span of the first shape in the dates table that the text contains."""
    for pattern, build in _DATES:
        found = pattern.search(text)
        if found:
            return build({k: v for k, v in found.groupdict().items() if v})
    return None


def _relative(text: str, today: date | None) -> Span | None:
    """"no X līdz Y", "sākot ar X" (open end), "līdz X" (open start), "N gadu laikā" (needs today)."""
    if (m := _FROM_TO.search(text)) and (a := _table(m["a"])) and (b := _table(m["b"])):
        return _ordered(a[0], b[1]) if a[0] and b[1] else None
    if (m := _FROM.search(text)) and (a := _table(m["a"])):
        return a[0], None, "continuous"
    if (m := _UNTIL.search(text)) and (b := _table(m["a"])) and b[1]:
        start = date(today.year, today.month, 1) if today else None
        return (start if start and start <= b[1] else None), b[1], None
    if today and (m := _WITHIN.search(text)):
        years = int(m["n"] or m["m"])
        return date(today.year, today.month, 1), _last(today.year + years, today.month), None
    return None


def _span(text: str, today: date | None) -> Span | None:
    return _relative(text, today) or _table(text)


# --- recurrence ----------------------------------------------------------------------------------

# (tier, key, pattern): a stated frequency beats "on demand", which beats a vague "regularly";
# within a tier the phrase that comes first in the text wins.
_RECURRENCE_TABLE: tuple[tuple[int, str, re.Pattern[str]], ...] = tuple((t, k, re.compile(p)) for t, k, p in (
    (0, "monthly", r"\b(?:1\s*x|vienu reizi|reizi|katru|ik)\s*menes\w*|\bikmenes\w*|\bmonthly\b"
                   r"|\b(?:every|each|once a) month\b"),
    (0, "quarterly", r"\b(?:1\s*x|vienu reizi|reizi|katru|ik)\s*ceturksn\w*|\bikceturksn\w*"
                     r"|\b(?:4\s*x|4\s*reizes|cetras reizes)\s*gada\b|\bquarterly\b|\b(?:every|once a) quarter\b"),
    (0, "half_yearly", r"\b(?:1\s*x|vienu reizi|1\s*reizi|reizi)\s*pusgad\w*|\bik\s*pec\s*pus\s*gad\w*"
                       r"|\breizi\s*6\s*menes\w*|\b(?:2\s*x|2\s*reizes|divas reizes)\s*gada\b|\btwice a year\b"
                       r"|\bhalf[- ]?yearly\b|\bsemi[- ]?annual\w*|\bevery (?:6|six) months\b"),
    (0, "yearly", r"\b(?:1\s*x|vienu reizi|reizi|katru|ik)\s*(?:gada|gadu)\b|\bikgad\w*"
                  r"|\b(?:yearly|annual|annually)\b|\b(?:every|each|once a) year\b"),
    (0, "biennial", r"\breizi\s*divos\s*gados\b|\b(?:ik|katrus)\s*divus\s*gadus\b|\bevery (?:2|two) years\b"
                    r"|\bbiennial\w*"),
    (0, "school_year", r"\bmacibu gad\w*|\bschool year\b|\bacademic year\b"
                       r"|\bseptembr\w*\s*-\s*(?:maij|junij)\w*|\bseptember\s*-\s*(?:may|june)\b"),
    (0, "once", r"\b1\s*x\s*perioda\b|\bvienreiz\w*|\bonce\b(?! a\b| per\b| every\b)|\bone[- ]off\b"),
    (1, "on_demand", r"\bpec\s+(?:pieprasijum|nepieciesamib|vajadzib)\w*|\bon demand\b|\bas needed\b"
                     r"|\bwhen needed\b|\bon request\b"),
    (2, "continuous", r"\bpastavig\w*|\bnepartraukt\w*|\bregular\w*|\bcontinu\w*|\bongoing\b|\bpermanent\w*"),
))


def recurrence_of(text: str) -> str | None:
    """The recurrence key a (folded) text states, or None when it states none."""
    hits = [(tier, m.start(), key) for tier, key, p in _RECURRENCE_TABLE if (m := p.search(text))]
    return min(hits)[2] if hits else None


# --- public --------------------------------------------------------------------------------------


def parse_period(text: str, *, today: date | None = None) -> Period | None:
    """Read a timeline, deadline or update-frequency cell; None when it says nothing about time.

    `today` only anchors text relative to now: "līdz 2027" then starts this month and
    "5 gadu laikā" becomes a span; without it those keep an open start or are not understood.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    folded = _fold(text)
    start, end, implied = _span(folded, today) or (None, None, None)
    recurrence = recurrence_of(folded) or implied
    if start is None and end is None and recurrence is None:
        return None
    return Period(start, end, recurrence or "once", text)


def _month_label(d: date) -> str:
    return f"{d.month:02d}.{d.year}"


def _is_month_edge(start: date, end: date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def span_label(start: date, end: date) -> str:
    """"2026", "2025–2027", "03.2026", "10.2025–01.2026" or "15.03.2026" for a closed span.

    >>> from datetime import date
    >>> span_label(date(2025, 1, 1), date(2027, 12, 31)), span_label(date(2025, 10, 1), date(2026, 1, 31))
    ('2025–2027', '10.2025–01.2026')
    """
    if not _is_month_edge(start, end):
        return start.strftime("%d.%m.%Y") if start == end else f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    if (start.month, end.month) == (1, 12):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return _month_label(start)
    return f"{_month_label(start)}–{_month_label(end)}"


_OPEN = (Text("periods.open.since"), Text("periods.open.until"))
SCHOOL_YEAR = Text("periods.school_year")


def _school_span(period: Period) -> bool:
    return bool(period.recurrence == "school_year" and period.start and period.end
                and (period.start.month, period.end.month) == (9, 5))


def _dates_label(period: Period, lang: str) -> str:
    since, until = _OPEN[0](lang), _OPEN[1](lang)
    if period.start and period.end and _school_span(period):
        y1, y2 = period.start.year, period.end.year
        return SCHOOL_YEAR(lang).format(y1=y1, y2=y2)
    if period.start and period.end:
        return span_label(period.start, period.end)
    if period.start:
        return since.format(_month_label(period.start))
    return until.format(_month_label(period.end)) if period.end else ""


def describe(period: Period | None, lang: str = "lv") -> str:
    """A short label: "2025–2027, katru gadu", "no 01.2026, pastāvīgi", "nav saprasts".

    >>> describe(parse_period("2025.-2027. gads")), describe(parse_period("Reizi gadā"), "en"), describe(None)
    ('2025–2027', 'yearly', 'nav saprasts')
    """
    if period is None:
        return NOT_UNDERSTOOD(lang)
    dates = _dates_label(period, lang)
    labels = {c.key: c.label(lang) for c in RECURRENCES}
    how = labels.get(period.recurrence, period.recurrence)
    if dates and (period.recurrence == "once" or _school_span(period)):
        return dates
    return f"{dates}, {how}" if dates else how


def month_index(d: date) -> int:
    """Months since year 0: consecutive months differ by one (for timelines).

    >>> from datetime import date
    >>> month_index(date(2026, 1, 1)) - month_index(date(2025, 12, 1))
    1
    """
    return d.year * 12 + d.month - 1
