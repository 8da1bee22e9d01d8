"""The quick test before a typography rule: a text it turns away holds no match of the rule, so
typesetting gives what applying every rule to every text gives."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.language import resolve
from docgen.needs import met, needs

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
# what the rules of every language look for, and their neighbours
ALPHABET = " \u00a0\u202f\t\n;:!?«»,.()1234567890٣Mmelrsxو世界'’/-aé"


def held(pattern: str) -> list[tuple[str, str | None]]:
    return [(n.chars, n.wide.pattern if n.wide else None) for n in needs(re.compile(pattern))]


def test_what_a_match_must_hold():
    assert held(r"(?<=[^\s;:!?])[ \u00a0\u202f]*([;!?]+)") == [("!;?", None)]  # the spaces are optional
    assert held("a(?=b)c") == [("a", None), ("b", None), ("c", None)]  # a look-ahead matches in the text
    assert held("x(?!y)") == [("x", None)]  # a negative one holds nothing
    assert held(r"\bM(?:mes?|lles?)") == [("M", None), ("lm", None)]  # one alternative or the other
    assert held("[a-c]") == [("abc", None)]
    assert held("a(?i:b)") == [("a", None)]
    assert held(r"(?<=\d) ") == [(" ", None), ("", r"[\d]")]  # \d: every script's digits, searched for
    assert held("[\u3400-\u9fff]") == [("", "[\u3400-\u9fff]")]


@pytest.mark.parametrize("pattern", ["(?i)ab", "[^()]", r"\S", ".", "a|", "a*", "x{0,2}", r"(?<!a)\b", "(?i:a)"])
def test_what_cannot_be_told_needs_nothing(pattern):
    assert held(pattern) == []  # "(?i)ab": "AB" matches too


@given(st.text(ALPHABET, max_size=40))
def test_a_text_turned_away_holds_no_match(text):
    for code in LANGUAGES:
        for rule in resolve(code).rules:
            if rule.pattern.search(text):
                assert met(rule.needs, text), (code, rule.pattern.pattern, text)


@given(st.text(ALPHABET, max_size=40))
def test_typesetting_is_every_rule_on_every_text(text):
    for code in LANGUAGES:
        lang = resolve(code)
        everywhere = replace(lang, rules=tuple(replace(r, needs=()) for r in lang.rules))
        assert lang.typeset(text) == everywhere.typeset(text)
