"""Language facts from CLDR, catalogs and data: never typed in the letter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.language import resolve
from docgen.markup import parse
from docgen.writers.pdf_reportlab import rich


@pytest.fixture(scope="module")
def fr():
    return resolve("fr")


@pytest.fixture(scope="module")
def en():
    return resolve("en")


# French typography in its plain form, as language.yaml gives it beside each rule, with its
# replacement (None: a superscript rule): the rules themselves are written to start with the
# character their match starts with (quicker to search), and must match where these do, with
# the same groups and the same result.
PLAIN_FRENCH = (
    (r"(?<=[^\s;:!?])[ \u00a0\u202f]*([;!?]+)", "\u202f\\1"),
    (r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)", "\u00a0:"),
    (r"«[ \u00a0\u202f]*", "«\u00a0"),
    (r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*»", "\u00a0»"),
    (r"(?<=[0-9]) (?=[0-9]{3}\b)", "\u202f"),
    (r"\bM(?P<sup>mes?|lles?)(?=\s|$)", None),
    (r"\b1(?P<sup>ers?|res?)\b", None),
    (r"\b[0-9]+(?P<sup>es?)\b", None),
)
# What those rules look at, and what surrounds it: words, digits, spaces, line ends, punctuation
FRENCH_TEXT = st.text(st.sampled_from([*"Mmelrs1e09a_é.;:!?«»/ \n\t", "\u00a0", "\u202f", "\u2009"]), max_size=16)


@given(FRENCH_TEXT)
def test_french_typography_rules_match_as_their_plain_forms(text):
    rules = resolve("fr").rules
    for rule, (plain, replace) in zip(rules, PLAIN_FRENCH, strict=True):
        if replace is None:
            assert rule.replace is None, plain
            found = [(m.span(), m.span("sup")) for m in rule.pattern.finditer(text)]
            assert found == [(m.span(), m.span("sup")) for m in re.finditer(plain, text)], plain
        else:
            assert rule.replace is not None, plain
            assert rule.pattern.sub(rule.replace, text) == re.sub(plain, replace, text), plain


PLAIN_CHINESE = ((r",\s*", "，"), (r"\s*\(([^()]*[\u3400-\u9fff][^()]*)\)", "（\\1）"))
CHINESE_TEXT = st.text(st.sampled_from([*"葡萄牙ab1(), \n\t", "\u3000", "\u00a0"]), max_size=16)


@given(CHINESE_TEXT)
def test_chinese_typography_rules_match_as_their_plain_forms(text):
    for rule, (plain, replace) in zip(resolve("zh").rules, PLAIN_CHINESE, strict=True):
        assert rule.pattern.sub(rule.replace, text) == re.sub(plain, replace, text), plain


@given(st.from_regex(r"[A-LN-Za-zé]{1,6}", fullmatch=True), FRENCH_TEXT)
def test_french_typography_of_a_text_after_a_word_is_that_of_both_together(word, text):
    # a word in italics, then a text: the text is typeset as it is after the word in one text.
    # Not a word with an M: a superscript that would start in it ("M" + "me") is left as typed.
    fr = resolve("fr")
    together = [(c, sup) for run, sup in fr.typeset(word + text) for c in run]
    assert [(c, sup) for run, sup in fr.typeset(text, word) for c in run] == together[len(word) :]


@pytest.mark.parametrize(
    ("lang", "n", "word"),
    [
        ("en", 64, "sixty-fourth"),
        ("en", 65, "sixty-fifth"),
        ("en", 10, "tenth"),
        ("fr", 64, "soixante-quatrième"),
        ("fr", 51, "cinquante et unième"),
        ("fr", 71, "soixante et onzième"),
    ],
)
def test_ordinals_spelled_out(lang, n, word):
    assert resolve(lang).ordinal(n, "session") == word


def test_feminine_first(fr, en):
    assert fr.ordinal(1, "session") == "première"
    assert fr.ordinal(1, "year") == "première"  # a use language.yaml omits is spelled as "session"
    assert en.ordinal(1, "of-session") == "first"


def test_dates(fr, en):
    assert en.date(dt.date(2010, 7, 22)) == "22 July 2010"
    assert fr.date(dt.date(2010, 7, 22)) == "22 juillet 2010"
    assert fr.date(dt.date(2010, 9, 1)) == "1er septembre 2010"
    assert en.date(dt.date(2010, 9, 1)) == "1 September 2010"
    assert fr.date_range(dt.date(2010, 7, 8), dt.date(2010, 7, 10)) == "8-10 juillet 2010"
    assert en.date_range(dt.date(2010, 7, 8), dt.date(2010, 7, 10)) == "8–10 July 2010"


@pytest.mark.parametrize(
    ("code", "of"),
    [
        ("PT", "du Portugal"),
        ("FR", "de la France"),
        ("PH", "des Philippines"),
        ("IL", "d’Israël"),
        ("CU", "de Cuba"),
        ("HT", "d’Haïti"),
    ],
)
def test_french_country_forms_come_from_data(fr, code, of):
    assert fr.country_form(code, "of") == of


def test_english_country_names_and_forms(en):
    assert en.country("BA") == "Bosnia and Herzegovina"  # CLDR says "Bosnia & Herzegovina"
    assert en.country_form("PT", "of") == "of Portugal"
    assert en.country_form("PH", "of") == "of the Philippines"


def test_lists(fr, en):
    assert fr.and_list(["10", "33"]) == "10 et 33"
    assert en.and_list(["10", "33"]) == "10 and 33"


def test_french_typography(fr):
    runs = fr.typeset("Mme Dupont : « oui » ; le 1er et le 82e ? Non !")
    text = "".join(t for t, _ in runs)
    assert text == "Mme Dupont\u00a0: «\u00a0oui\u00a0»\u202f; le 1er et le 82e\u202f? Non\u202f!"
    assert [t for t, sup in runs if sup] == ["me", "er", "e"]


def test_typography_leaves_urls_times_and_english_alone(fr, en):
    assert "".join(t for t, _ in fr.typeset("https://un.org à 10:30")) == "https://un.org à 10:30"
    assert en.typeset("Note: yes; no!") == [("Note: yes; no!", False)]


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ("« oui »", "«\u00a0oui\u00a0»"),
        ("«oui»", "«\u00a0oui\u00a0»"),
        ("Oui ! Non ?", "Oui\u202f! Non\u202f?"),
        ("a ;; b !?", "a\u202f;; b\u202f!?"),
        ("1 000 000 dollars", "1\u202f000\u202f000 dollars"),
        ("de 9:30 à 10:30", "de 9:30 à 10:30"),  # a time keeps its colon tight
        ("Total\u00a0: 3", "Total\u00a0: 3"),  # a space already there is not doubled
        ("Oui\u202f! «\u00a0oui\u00a0»", "Oui\u202f! «\u00a0oui\u00a0»"),
        ("sans ponctuation", "sans ponctuation"),
    ],
)
def test_french_spaces_before_punctuation_and_inside_guillemets(fr, text, typeset):
    assert "".join(t for t, _ in fr.typeset(text)) == typeset
    assert "".join(t for t, _ in fr.typeset(typeset)) == typeset  # typesetting twice changes nothing more


def test_sub_paragraph_markers(fr, en):
    assert [en.list_marker(0, n) for n in (1, 2, 3)] == ["(a)", "(b)", "(c)"]
    assert [fr.list_marker(0, n) for n in (1, 2)] == ["a)", "b)"]
    assert [fr.list_marker(1, n) for n in (1, 4)] == ["i)", "iv)"]


def test_raised_letters_reach_the_layout_as_superscripts(fr):
    (para,) = parse("Mme Anderson, le 1er juillet", fr)
    assert rich(para.inlines) == "M<super>me</super> Anderson, le 1<super>er</super> juillet"


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "en"])
def test_an_address_written_out_keeps_its_characters(lang):
    """<https://...> prints the address itself: no typography rule changes it (French would
    have put a narrow no-break space before its "?"), while the words around it are set."""
    from docgen.doctree import Para, Span, block_text

    url = "https://un.org/fr/ga?x=1&y=2;z!"
    blocks = parse(f"Voir <{url}> et « ceci » !\n", resolve(lang))
    link = blocks[0].inlines[1]
    assert isinstance(link, Span) and link.href == url
    assert block_text([Para(link.children)]) == url
    if lang == "fr":
        assert block_text(blocks).endswith("«\u00a0ceci\u00a0»\u202f!")
