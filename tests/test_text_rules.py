"""The text rules (docs/rules.md) on texts they were not written from: blanks of many shapes put at random
places into real sentences of the seed plans must be found at their cell; the seed plans' own clean
text must give no blank, example-text or several-items message (false alarms are counted: zero)."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from paths import ROOT
from reimpact_xl.schema import SHEETS, SHEETS_BY_KEY, ColumnType
from reimpact_xl.validation import validate
from reimpact_xl.validation.text_rules import QUESTION_WORDS, blank_quote, blank_spans, is_list, is_template_example
from reimpact_xl.workbook.examples import example_files, load_example
from synthetic import laid_out
from test_validation import good_plan

SEEDS = ROOT.parent / "shared" / "seeds"  # the real plans, beside the checkout as the brief lays it out
TEXT_RULES = ("placeholder", "template-example", "multiple-items")
# The blanks, doubts and lists the five seed plans really hold (seed-catalogue §3, §6, §16), by
# (file, sheet key, row, column): every other cell must give no message of TEXT_RULES.
REAL_FINDINGS = {
    ("jelgavas_novads.xlsx", "data_sources", 1, "source", "placeholder"),  # "Attīstības nodaļa (?)"
    ("jelgavas_novads.xlsx", "data_sources", 6, "source", "placeholder"),  # "SA nodaļa (?)"
    ("jelgavas_novads.xlsx", "data_sources", 7, "source", "placeholder"),  # "?"
    ("jelgavas_novads.xlsx", "data_sources", 7, "update_frequency", "placeholder"),  # "?"
    ("jelgavas_novads.xlsx", "goals", 3, "task", "placeholder"),  # "??? Par cik???"
    # "Iespējamie atbalsta veidi Latvijā:" and three "- " programmes in one cell of #1
    ("aizkraukles_novads.xlsx", "legal_acts", 1, "programme", "multiple-items"),
}
SEED_DOUBT_LINES = {("jelgavas_novads.txt", 308), ("jelgavas_novads.txt", 328), ("jelgavas_novads.txt", 332),
                    ("jelgavas_novads.txt", 984)}


@lru_cache(maxsize=1)
def example_plans() -> list:
    return [laid_out(plan, plan.file) for plan in map(load_example, example_files())]


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Real one-line sentences of the five plans (their transcriptions), with no blank, doubt or name in them."""
    found: set[str] = set()
    for plan in example_plans():
        for table in plan.tables.values():
            for row in table.rows:
                for value in row.values():
                    if isinstance(value, str) and 20 <= len(value) <= 300:
                        found.update(_bare(line) for line in value.splitlines() if len(_bare(line)) >= 20)
    names = re.compile(r"https?://|www\.|@|#|_|\?|\.(?:pdf|docx?|xlsx?)\b")
    section = re.compile(r"^[A-ZĀ-Ž]?\s?\d+(?:\.\d+)+")  # "R 3.1.3 …" continues the line above (a citation)
    return tuple(sorted(s for s in found if not names.search(s) and s[0].isalpha() and not section.match(s)))


def _bare(line: str) -> str:
    """A line without its bullet or number mark."""
    return re.sub(r"^(?:[-–—•●▪*#]|\d{1,2}[.)])\s*", "", line.strip()).strip()


def test_the_seed_plans_own_text_gives_no_false_alarm():
    """Every cell of the five plans: the text rules fire exactly at the real findings (misses and false
    alarms both counted)."""
    report = validate(example_plans())
    found = set()
    for issue in report:
        if issue.rule in TEXT_RULES:
            plan = next(p for p in example_plans() if p.file == issue.file)
            key = next(k for k, t in plan.tables.items() if t.sheet_name == issue.sheet)
            found.add((issue.file, key, int(re.sub(r"\D", "", issue.cell)) - 6, issue.column, issue.rule))
    false_alarms, misses = found - REAL_FINDINGS, REAL_FINDINGS - found
    assert (len(false_alarms), len(misses)) == (0, 0), (sorted(false_alarms), sorted(misses))


def test_every_line_of_the_seed_texts_only_the_real_doubts_are_found():
    """The PDF text of the five plans, guidance and questions included, line by line."""
    if not SEEDS.exists():
        pytest.skip("the seed plans' text (../shared/seeds) is not beside this checkout")
    hits = {(path.name, n) for path in sorted(SEEDS.glob("*.txt"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if blank_spans(line)}
    assert hits == SEED_DOUBT_LINES


# --- blanks of many shapes, anywhere --------------------------------------------------------------

UNDERSCORES = st.integers(1, 14).map(lambda n: "_" * n)
BLANKS = st.one_of(
    UNDERSCORES,
    UNDERSCORES.map(lambda u: f"({u})"),
    UNDERSCORES.map(lambda u: f"{u}."),
    UNDERSCORES.map(lambda u: f"{u}.{u}"),
    st.tuples(st.sampled_from(["20", "202", "2", "1"]), UNDERSCORES).map(lambda t: f"{t[0]}{t[1]}."),
    UNDERSCORES.map(lambda u: f"{u} EUR"),
    UNDERSCORES.map(lambda u: f"{u}%"),
    st.sampled_from(["???", "??", "? ?", "(?)", "( ? )", "?? ???", " ? "]),
)


def _insert(text: str, at: int, blank: str) -> str:
    return text[:at] + blank + text[at:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_blank_anywhere_in_a_real_sentence_is_found_and_quoted(data):
    text = data.draw(st.sampled_from(sentences()))
    blank = data.draw(BLANKS)
    at = data.draw(st.integers(0, len(text)))
    filled = _insert(text, at, blank)
    spans = blank_spans(filled)
    assert any(a <= at + len(blank.strip()) and at <= b for a, b in spans), (filled, spans)
    quote = blank_quote(filled)
    assert blank.strip()[:1] in quote and len(quote) <= len(blank) + 2 * 40 + 30


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_question_mark_closing_a_sentence_that_asks_nothing_is_a_doubt(data):
    text = data.draw(st.sampled_from(sentences())).rstrip(" .;:")
    assume(text.split()[0].strip("“\"(").casefold() not in QUESTION_WORDS)
    assert blank_spans(text + "?")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_real_question_is_not_a_doubt(data):
    word = data.draw(st.sampled_from(["Kā", "Kur", "Kāpēc", "Cik", "Vai", "Kas"]))
    text = data.draw(st.sampled_from([s for s in sentences() if not re.search(r"[:;]|[.!] [A-ZĀ-Ž]", s)]))
    text = text.rstrip(" .;:")
    assert not blank_spans(f"{word} {text[0].lower()}{text[1:]}?")
    assert not blank_spans(f"Seminārs “{word} {text[0].lower()}{text[1:]}?”")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_underscores_inside_names_are_not_blanks(data):
    word = data.draw(st.from_regex(r"[a-z]{2,8}_[a-z]{2,8}", fullmatch=True))
    shape = data.draw(st.sampled_from(["https://www.example.lv/{w}/", "{w}@example.lv", "#{w}", "{w}.xlsx"]))
    text = data.draw(st.sampled_from(sentences()))
    assert not blank_spans(f"{text} {shape.format(w=word)}")


TEXT_CELLS = [(s.key, c.key) for s in SHEETS for c in s.input_columns
              if c.type in (ColumnType.TEXT, ColumnType.PERIOD) and c.key != "no"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_validate_names_the_cell_of_a_planted_blank(data):
    """Through the whole validator: the blank is one error at its cell, quoting the blank, not the cell start."""
    sheet_key, col_key = data.draw(st.sampled_from(TEXT_CELLS))
    text, blank = data.draw(st.sampled_from(sentences())), data.draw(BLANKS)
    at = data.draw(st.integers(len(text) // 2, len(text)))
    plan = good_plan()
    table = plan.table(sheet_key)
    if not table.rows:
        table.rows.append({})
        laid_out(plan, plan.file)
    table.rows[0][col_key] = _insert(text, at, blank)
    found = [i for i in validate([plan]) if i.rule == "placeholder"]
    letter = table.columns[col_key]
    assert [(i.sheet, i.cell) for i in found] == [(SHEETS_BY_KEY[sheet_key].name("lv"), f"{letter}6")]
    assert blank.strip()[:1] in found[0].value
    assert found[0].level.value == "error"


# --- lists, examples ---------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.data())
def test_several_items_on_lines_or_bullets_are_a_list_and_a_sentence_with_semicolons_is_not(data):
    # a line ending in ":" is a heading that introduces a list (docs/rules.md), not an item of one
    items = data.draw(st.lists(st.sampled_from([s for s in sentences() if not s.endswith(":")]),
                               min_size=2, max_size=4, unique=True))
    items = [s[0].upper() + s[1:] for s in items]
    mark = data.draw(st.sampled_from(["", "- ", "• ", "● ", "{n}. ", "{n}) "]))
    lines = [mark.format(n=n) + s for n, s in enumerate(items, 1)]
    assert is_list("\n".join(lines))
    assert not is_list("; ".join(s[0].lower() + s[1:] if i else s for i, s in enumerate(items)))
    assert not is_list(items[0])


def test_a_list_introduced_by_a_heading_counts_its_items_and_a_citation_its_marked_items():
    assert is_list("Iespējamie atbalsta veidi:\n- ALTUM granti;\n- SEB programma")
    assert not is_list("ZPR Attīstības programma 2021-2027\nR 2.1.3. Veicināt sinerģiju", marked_only=True)
    assert not is_list("• Radošuma balva “Ideju spogulis”\nhttps://www.jelgava.lv/radosuma-balva/")
    assert not is_list("- Apkopot informāciju par SU.\n– atbalsta programmas (ALTUM, bankas)")


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_the_template_example_only_when_the_cell_is_it(data):
    examples = [e.lv for s in SHEETS for e in s.examples if e.lv.startswith("Piemērs") or len(e.lv) >= 40]
    example = data.draw(st.sampled_from(examples))
    spaced = data.draw(st.sampled_from([example, example.upper(), "  " + example.replace(" ", "  ") + " ",
                                        example + "."]))
    assert is_template_example(spaced)
    assert not is_template_example(example + ", " + data.draw(st.sampled_from(sentences())))
    assert not is_template_example(example[: len(example) * 2 // 3])


# --- composite values of an open list ---------------------------------------------------------------

FUNDING = SHEETS_BY_KEY["action_plan"].column("funding_source")


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_a_composite_funding_value_whose_parts_are_all_listed_gets_no_note(data):
    words = [w for c in FUNDING.choices if c.key != "other" for w in (c.label("lv"), *c.aliases)]
    parts = data.draw(st.lists(st.sampled_from(words), min_size=2, max_size=4, unique=True))
    sep = data.draw(st.sampled_from([", ", "; ", " / ", " un ", ",\n"]))
    plan = good_plan()
    plan.tables["action_plan"].rows[0]["funding_source"] = sep.join(p.lower() if i else p for i, p in enumerate(parts))
    assert not [i for i in validate([plan]) if i.rule == "choice-other"]
    plan.tables["action_plan"].rows[0]["funding_source"] = sep.join([*parts, "Rotari klubs"])
    assert [i.rule for i in validate([plan]) if i.rule == "choice-other"] == ["choice-other"]
