"""The reportlab writer's fonts encode a text whose characters all have a code in the first
subset without reportlab's loop over its characters: what they return, and the codes they
assign, must be reportlab's own for any texts in any order (so the PDFs are the same)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from docgen import fonts
from docgen.writers.pdf_reportlab import _Font, _register, register_fonts

REGULAR = str(fonts.default().faces["regular"])
# Liberation Serif has all of these but the Chinese ones (drawn as its missing glyph, code 0);
# Cyrillic, Greek and Latin Extended-A hold more characters than one subset's 256 codes.
ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.sampled_from("\xa0\u202féèàçôœ’«»–—…"),
    st.characters(min_codepoint=0x100, max_codepoint=0x17F),
    st.characters(min_codepoint=0x391, max_codepoint=0x3C9),
    st.characters(min_codepoint=0x410, max_codepoint=0x44F),
    st.sampled_from("中文\ufffe\U0001f600"),
)


class Doc:
    """A document as reportlab keys its font states: any object a weak reference can name."""


# A font keeps the codes it assigns per document: each example draws in new documents.
OURS, THEIRS = _Font("ours", REGULAR), TTFont("theirs", REGULAR)


def split_alike(texts: list[str]) -> None:
    ours_doc, their_doc = Doc(), Doc()
    for text in texts:
        assert OURS.splitString(text, ours_doc) == THEIRS.splitString(text, their_doc), text
    assert codes(OURS, ours_doc) == codes(THEIRS, their_doc)


def codes(font: TTFont, doc: Doc) -> tuple[dict[int, int], list[list[int]]] | None:
    """The codes a font has assigned in a document (none before its first text)."""
    state = font.state.get(doc)
    return (state.assignments, state.subsets) if state else None


@settings(max_examples=300)
@given(st.lists(st.text(ALPHABET, max_size=40), max_size=40))
def test_a_text_splits_as_reportlab_splits_it(texts):
    split_alike(texts)


def test_texts_past_the_first_subset_split_as_reportlab_splits_them():
    latin = "".join(map(chr, range(0x100, 0x180)))
    cyrillic = "".join(map(chr, range(0x410, 0x450)))
    greek = "".join(chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2)
    texts = ["Le Conseil de sécurité\xa0:", latin, cyrillic, greek, "Le Conseil de sécurité\xa0:"]
    texts += [cyrillic[::-1], "Ωμέγα et Ā", "", "\xa0", "中文 et é", latin + greek]
    texts += ["\ufffe", "é\ufffe", "\ud800 et \U0001f600"]  # a noncharacter, a lone surrogate, an astral one
    split_alike(texts)


def test_a_text_already_encoded_is_one_chunk_of_the_first_subset():
    doc = Doc()
    OURS.splitString("Lettre datée du 22 juillet", doc)
    assert OURS.splitString("juillet daté\xa0:", doc) == [(0, OURS.splitString("juillet daté :", doc)[0][1])]


def test_a_text_whose_characters_all_have_codes_is_not_split_by_reportlab(monkeypatch):
    calls: list[str] = []
    real = TTFont.splitString
    monkeypatch.setattr(
        TTFont,
        "splitString",
        lambda self, text, doc, encoding="utf-8": calls.append(text) or real(self, text, doc, encoding),
    )
    doc = Doc()
    OURS.splitString("Lettre datée", doc)
    OURS.splitString("datée\xa0: Lettre", doc)
    OURS.splitString("Ω", doc)
    assert calls == ["Lettre datée", "Ω"]


def test_u_fffe_is_split_by_reportlab_where_the_first_subset_holds_an_astral_character():
    """codecs makes the charmap of such a subset a dict, which would encode U+FFFE, the mark of
    a code not yet assigned, to such a code."""
    amiri = str(fonts.family("naskh").faces["regular"])
    ours, theirs, ours_doc, their_doc = _Font("ours-naskh", amiri), TTFont("theirs-naskh", amiri), Doc(), Doc()
    for text in ["\U0001ee00", "a", "\ufffe", "a\ufffe"]:
        assert ours.splitString(text, ours_doc) == theirs.splitString(text, their_doc), text


def test_docgen_draws_with_its_own_fonts_where_the_face_was_registered_before():
    """reportlab would make the name stand for the font registered first for the face."""
    register_fonts()
    program = TTFont("AProgramsSerif", REGULAR)
    pdfmetrics.registerFont(program)
    ours = _Font("DocgenSerifAgain", REGULAR)
    _register(ours)
    assert pdfmetrics.getFont("DocgenSerifAgain") is ours
    assert isinstance(pdfmetrics.getFont("DocSerif"), _Font)


def test_docgen_draws_with_its_own_fonts_where_another_program_registered_the_face_first():
    amiri = str(fonts.family("naskh").faces["bold"])
    program = TTFont("AProgramsNaskhBold", amiri)
    pdfmetrics.registerFont(program)
    ours = _Font("DocgenNaskhBold", amiri)
    _register(ours)
    assert pdfmetrics.getFont("DocgenNaskhBold") is ours
    assert pdfmetrics.getFont("AProgramsNaskhBold") is program
