"""safetext: any text becomes text an output can hold, cut where Excel's limits say, and nothing else changes."""
from __future__ import annotations

import re
from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from reimpact_xl import safetext
from reimpact_xl.safetext import clip, excel_text, formula_string, header_text, sheet_name, utf16_len

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)  # lone surrogates too
LIMITS = st.sampled_from([safetext.DV_TITLE, safetext.TIP, safetext.SHEET_NAME, 40])


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, LIMITS)
def test_any_text_becomes_xml_characters_within_the_limit(text, limit):
    out = excel_text(text, limit)
    assert not NOT_XML.search(out)
    assert utf16_len(out) <= limit
    ElementTree.fromstring(f"<t a='{out.replace('&', '&amp;').replace('<', '&lt;').replace(chr(39), '&#39;')}'/>")
    if utf16_len(text) <= limit and not NOT_XML.search(text):
        assert out == text  # ordinary text is left alone


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_cell_text_keeps_controls_for_the_writer_and_always_encodes(text):
    out = excel_text(text, escaped=True)
    out.encode("utf-8")  # no half surrogate pair left
    assert out == re.sub("[\ud800-\udfff\ufffe\uffff]", "\ufffd", text)


def test_word_soft_line_break_becomes_a_line_break_where_controls_go():
    assert excel_text("pirmā\x0botrā\x01 rinda\x1f") == "pirmā\notrā rinda"
    assert excel_text("pirmā\x0botrā", escaped=True) == "pirmā\x0botrā"
    assert excel_text("tab\tLF\nCR\r") == "tab\tLF\nCR\r"  # XML holds these


def test_cut_counts_utf16_units_never_splits_an_emoji_and_marks_the_cut():
    assert clip("😀" * 20, 11) == "😀" * 5 + "…"
    assert utf16_len(excel_text("😀" * 20_000)) == 32_767
    assert excel_text("x" * 32_767) == "x" * 32_767
    assert excel_text("x" * 32_768).endswith("…")


def test_header_ampersands_are_doubled_within_the_limit():
    out = header_text("A & B" * 100, 100)
    assert utf16_len(out) <= 100 and "&&" in out and not re.search("(?<!&)&(?!&)", out)


def test_a_formula_string_doubles_quotes_within_255():
    out = formula_string('Sakiet "jā"\x01' * 40)
    assert out.startswith('"') and out.endswith('"') and utf16_len(out) <= 257 and "\x01" not in out
    assert formula_string('a"b') == '"a""b"'


def test_sheet_names_and_urls_excel_cannot_hold():
    assert sheet_name("[Bauska]: 1/2 ?*\\") == "_Bauska__ 1_2 ___"
    assert utf16_len(sheet_name("Ļoti garš lapas nosaukums ar emoji 😀😀")) <= 31
    assert sheet_name("'x'") == "x"
    assert safetext.url("external:/tmp/a.xlsx#'Lapa'!A1") == "external:/tmp/a.xlsx#'Lapa'!A1"
    assert safetext.url("external:/tmp/a\x0b.xlsx") is None
    assert safetext.url("https://e.lv/" + "a" * 2_100) is None


def test_row_heights_stop_at_excels_maximum():
    from reimpact_xl.workbook.formats import text_height

    assert text_height("vārds " * 20_000, 100) == 409.5
    assert text_height("vārds", 100) < 409.5
