"""Markdown to doctree: what markdown-it's rules that docgen leaves out would have done is still done."""

from __future__ import annotations

import pytest

from docgen.doctree import Para, plain
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
