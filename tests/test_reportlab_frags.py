"""The reportlab writer gives its paragraphs fragments made from the doctree, never markup to
parse: they must be those reportlab's own parser makes of the same inlines as markup (so the
PDFs are the same), and the PDF must show each run as written, in its style."""

from __future__ import annotations

import dataclasses
from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from conftest import DATA, SAMPLE
from docgen import load, pipeline
from docgen.doctree import Block, Break, Div, Heading, Inline, ListBlock, Note, NoteRef, Para, Quote, Span, Text
from docgen.model import Text as LetterText
from docgen.writers.pdf_reportlab import NOTE, ROLE_STYLES, TEXT, frags, paragraph, register_fonts, rich

register_fonts()
STYLES = [TEXT, NOTE, ROLE_STYLES["guest"], ROLE_STYLES["heading"]]


def attributes(frag: object) -> dict:
    """A fragment's attributes, its anchor and colour as values."""
    out = dict(vars(frag))
    if "cbDefn" in out:
        out["cbDefn"] = vars(out["cbDefn"])
    out["textColor"] = out["textColor"].rgba() if out["textColor"] is not None else None
    return out


def parsed(inlines: list[Inline], style) -> list[dict]:
    return [attributes(f) for f in Paragraph(rich(inlines), style).frags]


def built(inlines: list[Inline], style) -> list[dict]:
    return [attributes(f) for f in frags(inlines, style)]


# texts that try the parser's habits: white space of every kind and in runs, entities, tags
chars = st.sampled_from(["a", "é", " ", "  ", "\n", "\t", "\u00a0", "\u202f", "\u200b", "&", "<", ">", "<b>", "&amp;"])
texts = st.lists(chars, max_size=6).map("".join)
inlines = st.recursive(
    st.one_of(
        texts.map(Text),
        st.just(Break()),
        st.builds(NoteRef, st.just("n"), st.sampled_from(["1", "*", " 2 "]), st.just("fn1-0")),
    ),
    lambda children: st.builds(
        Span,
        st.sampled_from(["em", "strong", "sup", "code", "link", "span"]),
        st.lists(children, max_size=3),
        st.sampled_from([None, "", "https://un.org/a?b=1&c=<2>", "mailto:a@un.org"]),
    ),
    max_leaves=8,
)


@given(st.lists(inlines, max_size=5), st.sampled_from(STYLES))
def test_fragments_are_those_reportlab_parses_from_the_markup(runs, style):
    assert built(runs, style) == parsed(runs, style)


def inline_lists(blocks: list[Block]):
    for b in blocks:
        if isinstance(b, Para | Heading):
            yield b.inlines
        elif isinstance(b, Div | Quote | Note):
            yield from inline_lists(b.children)
        elif isinstance(b, ListBlock):
            for item in b.items:
                yield from inline_lists(item)


def test_every_paragraph_of_the_sample_and_the_hostile_letter_matches_the_parser():
    checked = 0
    for path in (SAMPLE, DATA / "hostile.yaml"):
        letter = load.load(path)
        for lang in letter.languages:
            for runs in inline_lists(pipeline.document(letter, lang, allow_incomplete=True)):
                assert built(runs, TEXT) == parsed(runs, TEXT), rich(runs)
                checked += 1
    assert checked > 100


def runs_by_font(pdf: bytes) -> list[tuple[str, float, str]]:
    """(font name, size, text) of each text run drawn on page 1, in order."""
    out: list[tuple[str, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            out.append((font["/BaseFont"] if font else "", size, text))

    PdfReader(BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return out


def test_bold_italic_superscript_links_and_markup_characters_print_as_written(letter):
    body = "A *slanted* and **heavy** word, x^2^, [the link](https://un.org/?a=1&b=2) & <b>not bold</b>."
    pdf = pipeline.render(dataclasses.replace(letter, body=[LetterText({"en": body, "fr": body}, "body[0]")]), "en")
    runs = runs_by_font(pdf)
    text = "".join(t for _, _, t in runs)
    assert "& <b>not bold</b>." in text  # markup characters are text
    fonts = {word: font for font, _, t in runs for word in t.split()}
    sizes = {t: size for _, size, t in runs}
    assert sizes["2"] < sizes[" word, x"]  # the superscript, smaller
    assert fonts["slanted"].endswith("Serif-Italic")
    assert fonts["heavy"].endswith("Serif-Bold")
    assert fonts["word,"].endswith("Serif") and fonts["<b>not"].endswith("Serif")
    annotations = [a.get_object() for a in PdfReader(BytesIO(pdf)).pages[0].get("/Annots", [])]
    assert [a["/A"]["/URI"] for a in annotations if "/A" in a] == ["https://un.org/?a=1&b=2"]
    page = PdfReader(BytesIO(pdf)).pages[0]
    for font in page["/Resources"]["/Font"].values():
        descriptor = font.get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # every face embedded


def test_a_paragraph_wrapped_again_at_another_width_breaks_its_lines_again():
    words = [Text("A paragraph long enough to take several lines at a narrow width, " * 4)]
    p = paragraph(words, TEXT)
    for width in (400.0, 150.0, 400.0, 150.0):
        fresh = paragraph(words, TEXT)
        assert p.wrap(width, 1000) == fresh.wrap(width, 1000)
        assert p.blPara.lines == fresh.blPara.lines  # (room left, words) of each line
    assert p.split(150.0, TEXT.leading) == []  # too little room: split drops the lines...
    assert p.wrap(150.0, 1000) == fresh.wrap(150.0, 1000) and p.blPara  # ...and wrap breaks them again
