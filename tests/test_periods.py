"""Timeline text -> start, end, recurrence: every distinct timeline of the five seed plans, and more."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reimpact_xl.plan.periods import RECURRENCE_KEYS, Period, describe, parse_period
from reimpact_xl.schema import COVER_FIELDS, SHEETS, ColumnType, rule

NOT_UNDERSTOOD = None

# (text as the cell reads once its PDF lines are re-joined, start, end, recurrence) or (text, None).
SEED_TIMELINES = [
    # #7 "Laika grafiks" -- Aizkraukle
    ("2027. gads", "2027-01-01", "2027-12-31", "once"),
    ("2026. gada pirmā puse", "2026-01-01", "2026-06-30", "once"),
    ("Katru gadu - pavasaris", None, None, "yearly"),
    ("Katru gadu - rudens", None, None, "yearly"),
    ("2026. gada sākums", "2026-01-01", "2026-03-31", "once"),
    ("Katru gadu - pavasaris, rudens, gada nogale", None, None, "yearly"),
    ("Divas reizes gadā, radošās darbnīcas, ideju ģenerēšana", None, None, "half_yearly"),
    ("2026. gada marts", "2026-03-01", "2026-03-31", "once"),
    ("01.2026.", "2026-01-01", "2026-01-31", "once"),
    ("2025./2026. mācību gads", "2025-09-01", "2026-05-31", "school_year"),
    ("2026. gada septembris", "2026-09-01", "2026-09-30", "once"),
    # #7 -- Bauska
    ("2025–2026", "2025-01-01", "2026-12-31", "once"),
    ("2025–2027", "2025-01-01", "2027-12-31", "once"),
    ("2025-2026", "2025-01-01", "2026-12-31", "once"),
    ("2025-2027", "2025-01-01", "2027-12-31", "once"),
    ("2026-2027", "2026-01-01", "2027-12-31", "once"),
    # #7 -- Dobele
    ("2025. gada oktobris -2026. gada janvāris", "2025-10-01", "2026-01-31", "once"),
    ("2025. gada oktobris -2026. gada februāris", "2025-10-01", "2026-02-28", "once"),
    ("2025. gada oktobris", "2025-10-01", "2025-10-31", "once"),
    ("sākot ar 2026. gada janvāri", "2026-01-01", None, "continuous"),
    # #7 -- Jelgavas novads
    ("2026. gada pavasaris–rudens", "2026-03-01", "2026-11-30", "once"),
    ("2026. gads (reizi gadā)", "2026-01-01", "2026-12-31", "yearly"),
    ("2026. gads (2 cikli)", "2026-01-01", "2026-12-31", "once"),
    ("2026. gads", "2026-01-01", "2026-12-31", "once"),
    ("2026. gada pavasaris–vasara", "2026-03-01", "2026-08-31", "once"),
    ("2026.–2027. gads", "2026-01-01", "2027-12-31", "once"),
    ("2026.–2028. gads", "2026-01-01", "2028-12-31", "once"),
    # #7 -- Jelgavas valstspilsēta
    ("Regulāri- pēc pieprasījuma", None, None, "on_demand"),
    ("Vismaz 1x gadā", None, None, "yearly"),
    ("Reizi gadā", None, None, "yearly"),
    ("Regulāri", None, None, "continuous"),
    ("Divas reizes gadā", None, None, "half_yearly"),
    ("Pēc pieprasījuma", None, None, "on_demand"),
    ("1x gadā", None, None, "yearly"),
    ("1xgadā", None, None, "yearly"),
    ("regulāri", None, None, "continuous"),
    ("2025.gada decembris", "2025-12-01", "2025-12-31", "once"),
    # #9 "Laika grafiks" -- Aizkraukle
    ("2027.gads", "2027-01-01", "2027-12-31", "once"),
    ("2026. gada vidus", "2026-05-01", "2026-08-31", "once"),
    ("2026. gada otrā puse", "2026-07-01", "2026-12-31", "once"),
    ("Katru gadu, periodā trīs mēnešus pirms pasākuma", None, None, "yearly"),
    ("Mēnesi pirms pasākuma", NOT_UNDERSTOOD),
    ("Publicēt 2026. gada sākumā", "2026-01-01", "2026-03-31", "once"),
    ("Aptaujas veikšanas periods", NOT_UNDERSTOOD),
    ("Ik gadu organizēt kopīgas darbnīcas", None, None, "yearly"),
    ("2026./2027. mācību gads", "2026-09-01", "2027-05-31", "school_year"),
    # #9 -- Bauska (the first is the template's example row, kept by B and JN)
    ("2025.gada septembris - novembris", "2025-09-01", "2025-11-30", "once"),
    ("Reizi gadā (sākot ar 2025)", "2025-01-01", None, "yearly"),
    ("2 reizes gadā (2025–2027)", "2025-01-01", "2027-12-31", "half_yearly"),
    ("Vismaz 3 publikācijas līdz 2027", None, "2027-12-31", "once"),
    ("Līdz 2026. gada decembrim", None, "2026-12-31", "once"),
    ("2 pasākumi 2026. gadā", "2026-01-01", "2026-12-31", "once"),
    ("Reizi gadā (2025–2027)", "2025-01-01", "2027-12-31", "yearly"),
    # a stated frequency wins over "nepārtraukti" (continuous)
    ("2025–2027 (nepārtraukti; informācijas atjaunošana reizi ceturksnī)", "2025-01-01", "2027-12-31", "quarterly"),
    # #9 -- Dobele
    ("2026. gada vasara (pilsētas un pagastu svētku norises laikā)", "2026-06-01", "2026-08-31", "once"),
    ("septembris- maijs", None, None, "school_year"),  # a school year, but which one: no dates
    # #9 -- Jelgavas novads
    ("2026. gada rudens", "2026-09-01", "2026-11-30", "once"),
    ("2026. gada pavasaris", "2026-03-01", "2026-05-31", "once"),
    # #9 -- Jelgavas valstspilsēta
    ("Regulāri- pēc nepieciešamības", None, None, "on_demand"),
    ("Reizi  gadā", None, None, "yearly"),
    # #11 "Izpildes termiņš" -- Aizkraukle (Dobele left the column empty)
    ("Rīcības plāna iesniegšanas datums", NOT_UNDERSTOOD),
    ("Katrai aktivitātei noteiktajā laikā", NOT_UNDERSTOOD),
    ("Katru gadu vai līdz ko noslēdzies mērķu ieīstenošanas periods", None, None, "yearly"),
    ("Monitorings ik gadu", None, None, "yearly"),
    # #11 -- Bauska
    ("2026. gada 2. ceturksnis", "2026-04-01", "2026-06-30", "once"),
    ("2026. gada 2.–3. ceturksnis", "2026-04-01", "2026-09-30", "once"),
    ("Reizi gadā (ikgadējā izvērtēšana)", None, None, "yearly"),
    ("Reizi gadā (piemēram, 2026. gada septembrī)", "2026-09-01", "2026-09-30", "yearly"),
    # every two years (a stated frequency beats "pēc ... nepieciešamības"); no dates stated
    ("Reizi divos gados vai pēc būtisku izmaiņu nepieciešamības", None, None, "biennial"),
    ("2025–2027 (regulāra uzraudzība, vismaz 1 reizi pusgadā)", "2025-01-01", "2027-12-31", "half_yearly"),
    # #11 -- Jelgavas novads
    ("2026. gada februāris", "2026-02-01", "2026-02-28", "once"),
    ("2026. gada marts un septembris", "2026-03-01", "2026-09-30", "half_yearly"),
    ("2026. gada aprīlis – decembris", "2026-04-01", "2026-12-31", "once"),
    ("2026. gada decembris", "2026-12-01", "2026-12-31", "once"),
    # #11 -- Jelgavas valstspilsēta
    ("2025.gada novembris- decembris", "2025-11-01", "2025-12-31", "once"),
    ("2026.gada maijs", "2026-05-01", "2026-05-31", "once"),
    ("2026.gada septembris", "2026-09-01", "2026-09-30", "once"),
    ("2026.gada oktobris", "2026-10-01", "2026-10-31", "once"),
]

# #3 "Datu atjaunināšanas biežums": recurrence-only phrases (and descriptions that are not one).
SEED_FREQUENCIES = [
    # Aizkraukle
    ("Ietverti visi publiski pieejamie kontakti, kā arī, ja informācija nav atrodama publiski, komunicējot ar "
     "uzņēmējiem dažādos pasākumos. Lursoft – pārskati, uzņēmumu saraksts ik pēc pus gada.", "half_yearly"),
    ("Dati no Lursoft par uzņēmumu reģistrēšanās dinamiku, apgrozījumu u.c. Plānots turpmāk ietvert atsevišķus "
     "datus par sociālo uzņēmējdarbību.", NOT_UNDERSTOOD),
    ("Datu analīzes rīks (aktuālie dati).", NOT_UNDERSTOOD),
    ("Ik gadu lielā aptauja (ietverot jautājumus par sociālajiem pakalpojumiem) , aptaujas par atsevišķiem "
     "tematiem. Plānots turpmāk uzņēmēju aptaujās ietvert atsevišķus jautājumus par sociālo uzņēmējdarbību, "
     "piemēram,“Kādi, Jūsuprāt, ir galvenie šķēršļi sociālās uzņēmējdarbības attīstībai novadā?”", "yearly"),
    ("1x mēnesī", "monthly"),
    # several frequencies: the first stated one
    ("Lielā aptauja (1x gadā), mazās aptaujas (pēc nepieciešamības), uzņēmēju aptaujas (2x gadā)", "yearly"),
    ("Apkopojums reizi gadā, bet par cik datu avotu ir daudz, regulāra datu fiksācija.", "yearly"),
    ("Vienota pieeja, regulāra datu atjaunināšana", "continuous"),
    # Bauska
    ("Reizi pusgadā", "half_yearly"),
    ("Pēc nepieciešamības (piem., sociālo dienestu pārskati)", "on_demand"),
    ("Reizi gadā (pārskata vajadzībām vai projektu izstrādei)", "yearly"),
    # Dobele
    ("pastāvīgi", "continuous"),
    ("1x periodā", "once"),
    ("Pēc nepieciešamības", "on_demand"),
    ("1x mēnesī (SU reģistrs)", "monthly"),
    # Jelgavas novads
    ("1x gadā (vai biežāk pēc vajadzības)", "yearly"),
    ("1x gadā vai pēc nepieciešamības", "yearly"),
    ("? ?", NOT_UNDERSTOOD),
    ("Datu atjaunošanas cikls: dati par sociālajiem uzņēmumiem, to mērķgrupām, aktivitātēm un sniegtā atbalsta "
     "rezultātiem tiek aktualizēti reizi 6 mēnešos.", "half_yearly"),
    ("Zemgales plānošanas reģions tiek iesaistīts kopējā datu koordinācijā un reģionāla līmeņa analīzes veikšanā "
     "(R&D funkcija), nodrošinot datu plūsmu starp novadu un reģionālajām institūcijām.", NOT_UNDERSTOOD),
    # Jelgavas valstspilsēta
    ("1x gadā Gada pārskats Pēc nepieciešamības", "yearly"),
    ("1 x gadā", "yearly"),
    ("1x mēnesī Atbilstoši aktualitātēm", "monthly"),
    ("1 x pusgadā", "half_yearly"),
    ("Izveidot 5 gadu laikā", NOT_UNDERSTOOD),  # relative to an unknown "now" (see test_today_anchors)
]

ENGLISH = [
    ("2026 Q2", "2026-04-01", "2026-06-30", "once"),
    ("Q2 2026", "2026-04-01", "2026-06-30", "once"),
    ("first half of 2026", "2026-01-01", "2026-06-30", "once"),
    ("second half of 2026", "2026-07-01", "2026-12-31", "once"),
    ("2026 H2", "2026-07-01", "2026-12-31", "once"),
    ("mid-2026", "2026-05-01", "2026-08-31", "once"),
    ("end of 2026", "2026-10-01", "2026-12-31", "once"),
    ("March 2026", "2026-03-01", "2026-03-31", "once"),
    ("spring 2026", "2026-03-01", "2026-05-31", "once"),
    ("2025-2027", "2025-01-01", "2027-12-31", "once"),
    ("every year", None, None, "yearly"),
    ("twice a year", None, None, "half_yearly"),
    ("quarterly", None, None, "quarterly"),
    ("monthly", None, None, "monthly"),
    ("once", None, None, "once"),
    ("on demand", None, None, "on_demand"),
    ("ongoing", None, None, "continuous"),
    ("school year 2025/2026", "2025-09-01", "2026-05-31", "school_year"),
    ("2025/2026 school year", "2025-09-01", "2026-05-31", "school_year"),
    ("from January 2026", "2026-01-01", None, "continuous"),
    ("until 2027", None, "2027-12-31", "once"),
]

SPELLINGS = [  # hyphens, dashes, missing and doubled spaces, trailing dots, case, no-break spaces
    ("2026. GADA MARTS.", "2026-03-01", "2026-03-31", "once"),
    ("2026.gada  2. ceturksnis", "2026-04-01", "2026-06-30", "once"),
    ("2026.\u00a0gada\u00a0marts", "2026-03-01", "2026-03-31", "once"),
    ("2025 — 2027", "2025-01-01", "2027-12-31", "once"),
    ("2025 − 2027.", "2025-01-01", "2027-12-31", "once"),
    ("2026. gada 1. pusgads", "2026-01-01", "2026-06-30", "once"),
    ("2026. gada beigas", "2026-10-01", "2026-12-31", "once"),
    ("2026. gada marts–maijs", "2026-03-01", "2026-05-31", "once"),
    ("2025. gada septembris - 2026. gada maijs", "2025-09-01", "2026-05-31", "once"),
    ("no 2025. gada līdz 2027. gadam", "2025-01-01", "2027-12-31", "once"),
    ("15.03.2026", "2026-03-15", "2026-03-15", "once"),
    ("2026-03-15", "2026-03-15", "2026-03-15", "once"),
    ("2026-03", "2026-03-01", "2026-03-31", "once"),
    ("REIZI CETURKSNĪ", None, None, "quarterly"),
    ("reizi ceturksnī", None, None, "quarterly"),
    ("Ekosistēmas darba grupas sanāksmes 2× gadā", None, None, "half_yearly"),
    ("katru mēnesi", None, None, "monthly"),
    ("Reizi gada", None, None, "yearly"),  # typed without diacritics
    ("2027–2025", NOT_UNDERSTOOD),  # backwards
    ("202_.", NOT_UNDERSTOOD),
    ("???", NOT_UNDERSTOOD),
    ("", NOT_UNDERSTOOD),
    ("   ", NOT_UNDERSTOOD),
]


def _expected(case: tuple) -> tuple | None:
    if len(case) == 2:
        return None
    _, start, end, recurrence = case
    return (date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None, recurrence)


def _got(text: str) -> tuple | None:
    p = parse_period(text)
    return None if p is None else (p.start, p.end, p.recurrence)


@pytest.mark.parametrize("case", SEED_TIMELINES + ENGLISH + SPELLINGS, ids=lambda c: c[0][:40])
def test_timeline(case: tuple) -> None:
    assert _got(case[0]) == _expected(case)


@pytest.mark.parametrize("text, recurrence", SEED_FREQUENCIES, ids=lambda c: str(c)[:40])
def test_update_frequency(text: str, recurrence: str | None) -> None:
    got = parse_period(text)
    assert (got.recurrence if got else None) == recurrence
    assert got is None or not got.placed  # none of these names a date


def test_every_seed_string_is_listed_once() -> None:
    texts = [c[0] for c in SEED_TIMELINES] + [c[0] for c in SEED_FREQUENCIES]
    assert len(texts) == len(set(texts)) >= 100


def test_keeps_the_text() -> None:
    text = " 2026. gada marts "
    assert parse_period(text) == Period(date(2026, 3, 1), date(2026, 3, 31), "once", text)


def test_not_text_is_not_understood() -> None:
    assert parse_period(None) is None  # type: ignore[arg-type]
    assert parse_period(2026) is None  # type: ignore[arg-type]


def test_today_anchors_relative_text() -> None:
    today = date(2025, 11, 14)
    assert _dates(parse_period("Vismaz 3 publikācijas līdz 2027", today=today)) == ("2025-11-01", "2027-12-31")
    assert _dates(parse_period("Izveidot 5 gadu laikā", today=today)) == ("2025-11-01", "2030-11-30")
    # a deadline already past does not start in the future
    assert _dates(parse_period("līdz 2024. gada decembrim", today=today)) == (None, "2024-12-31")
    # text with its own dates ignores today
    assert parse_period("2026. gada marts", today=today) == parse_period("2026. gada marts")


def _dates(p: Period | None) -> tuple[str | None, str | None]:
    assert p is not None
    return (p.start.isoformat() if p.start else None, p.end.isoformat() if p.end else None)


def test_every_recurrence_key_can_be_read() -> None:
    read = {parse_period(c[0]).recurrence for c in SEED_TIMELINES + ENGLISH if len(c) == 4}
    assert read == set(RECURRENCE_KEYS)


def test_schema_examples_parse() -> None:
    """The examples the workbook shows in its input messages and messages must themselves be readable."""
    helps = [c.help(lang) for s in SHEETS for c in s.columns if c.type is ColumnType.PERIOD for lang in ("lv", "en")]
    helps += [rule("period-unreadable").message(lang) for lang in ("lv", "en")]
    examples = {e for h in helps for e in re.findall(r"“([^”]+)”", h)} - {"{value}"}
    assert len(examples) >= 5
    assert all(parse_period(e) for e in examples), [e for e in examples if not parse_period(e)]
    cover = next(c for c in COVER_FIELDS if c.key == "plan_period")
    assert all(parse_period(e.rstrip(".")) for e in re.findall(r"\d{4}–\d{4}\.?", cover.help("lv")))


@pytest.mark.parametrize("text, lv, en", [
    ("2026. gada marts", "03.2026", "03.2026"),
    ("2025–2027", "2025–2027", "2025–2027"),
    ("2026. gads", "2026", "2026"),
    ("2025. gada oktobris -2026. gada janvāris", "10.2025–01.2026", "10.2025–01.2026"),
    ("Reizi gadā (2025–2027)", "2025–2027, katru gadu", "2025–2027, yearly"),
    ("sākot ar 2026. gada janvāri", "no 01.2026, pastāvīgi", "from 01.2026, continuous"),
    ("Līdz 2026. gada decembrim", "līdz 12.2026", "until 12.2026"),
    ("Katru gadu - pavasaris", "katru gadu", "yearly"),
    ("2025./2026. mācību gads", "2025./2026. mācību gads", "school year 2025/2026"),
    ("15.03.2026", "15.03.2026", "15.03.2026"),
])
def test_describe(text: str, lv: str, en: str) -> None:
    p = parse_period(text)
    assert (describe(p, "lv"), describe(p, "en")) == (lv, en)


def test_describe_not_understood() -> None:
    assert describe(None) == "nav saprasts"
    assert describe(None, "en") == "not understood"


MONTHS_LV = ("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts", "septembris",
             "oktobris", "novembris", "decembris")


@given(st.integers(2000, 2099), st.integers(1, 12), st.booleans())
def test_any_month_of_any_year(year: int, month: int, tight: bool) -> None:
    text = f"{year}.{'' if tight else ' '}gada {MONTHS_LV[month - 1]}"
    p = parse_period(text)
    assert p is not None and (p.start, p.recurrence) == (date(year, month, 1), "once")
    assert p.end.month == month and (p.end + timedelta(days=1)).day == 1  # the month's last day


@given(st.integers(2000, 2094), st.integers(0, 5), st.sampled_from(["-", "–", "—", " - ", ".–", ". - "]))
def test_any_year_range(year: int, length: int, dash: str) -> None:
    p = parse_period(f"{year}{dash}{year + length}")
    assert p is not None and (p.start, p.end) == (date(year, 1, 1), date(year + length, 12, 31))


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
       | st.lists(st.sampled_from(["2026", ".", " gada ", "marts", "-", "–", "2.", "ceturksnis", "reizi", "gadā",
                                   "līdz", "sākot ar", "pēc", "(", ")", "Q2", "/", "mācību gads", "01."]),
                  max_size=8).map("".join))
def test_never_raises_and_stays_consistent(text: str) -> None:
    p = parse_period(text)
    if p is not None:
        assert p.recurrence in RECURRENCE_KEYS
        assert p.start is None or p.end is None or p.start <= p.end
        assert isinstance(describe(p, "lv"), str) and isinstance(describe(p, "en"), str)
