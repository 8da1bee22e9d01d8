"""Markdown to doctree: what markdown-it's rules that docgen leaves out would have done is still done."""

from __future__ import annotations

import pytest

from docgen.doctree import NoteRef, Para, Span, Text, plain
from docgen.language import resolve
from docgen.markup import parse

MARKDOWN = "::: body\nFirst line\nsecond line.\n\n- an item\n- another\n\n> quoted\n:::\n"


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_parse_as_unix_ones(line_end):
    en = resolve("en")
    assert parse(MARKDOWN.replace("\n", line_end), en) == parse(MARKDOWN, en)


def test_a_nul_character_becomes_the_replacement_character():
    (para,) = parse("a\0b", resolve("en"))
    assert isinstance(para, Para) and plain(para.inlines) == "a\ufffdb"


@pytest.mark.parametrize(
    "html", ["<div>\nx\n</div>", "<!-- x -->", "a <b>bold</b> <br/> c", "<script>alert(1)</script>"]
)
def test_raw_html_is_literal_text(html):
    blocks = parse(html, resolve("en"))
    assert all(isinstance(b, Para) for b in blocks)
    assert " ".join(plain(b.inlines) for b in blocks) == html.replace("\n", " ")  # one paragraph, lines run on


@pytest.mark.parametrize(
    ("markdown", "printed"),
    [
        ("Le *Conseil*: texte", "Le Conseil\u00a0: texte"),
        ("Le *Conseil* ? Oui", "Le Conseil\u202f? Oui"),
        ("Oui ? **Non** ; rien", "Oui\u202f? Non\u202f; rien"),
        ("« *Agenda pour la paix* »", "«\u00a0Agenda pour la paix\u00a0»"),
        ("la `x`: valeur", "la x\u00a0: valeur"),
    ],
)
def test_french_typography_looks_across_emphasis_code_and_notes(markdown, printed):
    para = parse(markdown, resolve("fr"))[0]
    assert isinstance(para, Para)
    assert "".join(_printed(para.inlines)) == printed


def test_a_superscript_follows_its_letter_across_emphasis():
    (para,) = parse("**M**me Dupont", resolve("fr"))
    assert para.inlines[1] == Span("sup", [Text("me")])


def _printed(inlines):
    for i in inlines:
        if isinstance(i, Text):
            yield i.text
        elif isinstance(i, NoteRef):
            yield i.mark
        elif isinstance(i, Span):
            yield from _printed(i.children)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("la 2^e^ session", [Text("la 2"), Span("sup", [Text("e")]), Text(" session")]),
        ("M^me^ Dupont", [Text("M"), Span("sup", [Text("me")]), Text(" Dupont")]),
        ("voir[^1]re\n\n[^1]: Note.", [Text("voir"), NoteRef("0", "1", "fn0-0"), Text("re")]),
    ],
)
def test_what_is_raised_already_is_not_raised_again(markdown, expected):
    assert parse(markdown, resolve("fr"))[0].inlines == expected
