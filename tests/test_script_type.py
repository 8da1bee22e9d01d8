"""Arabic and Chinese editions in their own type sizes (housestyle.types, by the font family a
language names): 14 pt Arabic, 12 pt Chinese, the Latin lines of their mastheads at 10 pt."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import pytest
from pypdf import PdfReader

from docgen import fonts, pipeline, writers
from docgen import housestyle as hs

SIZES = {"ar": (14.0, 16.8), "zh": (12.0, 15.6)}


def test_each_script_has_its_sizes_and_latin_keeps_the_house_sizes():
    assert hs.types("serif").roles == hs.ROLES and hs.types("serif").markdown == hs.MARKDOWN_HEADINGS
    for code, (size, leading) in SIZES.items():
        roles = hs.types(fonts.for_language(code).name).roles
        assert (roles["text"].size, roles["text"].leading) == (size, leading)
        assert roles["title"].size > size and roles["note"].size < size
        assert roles["symbol"] == hs.ROLES["symbol"] and roles["distribution"] == hs.ROLES["distribution"]


def sizes(pdf: bytes) -> Counter[float]:
    """How many characters of a PDF's text are set at each size (its body's size the commonest)."""
    count: Counter[float] = Counter()
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
            if text.strip():
                count[round(size * tm[0] * cm[0], 1)] += len(text.strip())

        page.extract_text(visitor_text=visit)
    return count


@pytest.fixture(scope="module")
def editions(letter) -> dict[str, bytes]:
    typst = writers.find("pdf", "typst")
    return {code: pipeline.write(pipeline.document(letter, code), code, typst) for code in ("ar", "zh", "en")}


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_arabic_and_chinese_body_text_is_set_at_its_own_size(editions, code):
    body, _ = sizes(editions[code]).most_common(1)[0]
    assert body == SIZES[code][0]
    assert 10.0 in sizes(editions[code])  # the masthead's distribution column stays Latin
    assert sizes(editions["en"]).most_common(1)[0][0] == 10.0


def test_word_and_html_take_the_same_sizes(letter):
    blocks = pipeline.document(letter, "ar")
    html = pipeline.write(blocks, "ar", writers.find("html")).decode()
    assert re.search(r"\.text \{ font-size: 14pt; line-height: 16\.8pt", html)
    docx = zipfile.ZipFile(io.BytesIO(pipeline.write(blocks, "ar", writers.find("docx"))))
    styles = docx.read("word/styles.xml").decode()
    text = re.search(r'<w:style [^>]*w:styleId="docgenText".*?</w:style>', styles, re.S)
    assert text and '<w:sz w:val="28"/>' in text.group(0) and '<w:szCs w:val="28"/>' in text.group(0)


@pytest.mark.parametrize("code", ["ar", "zh"])
def test_the_signatory_keeps_one_line_in_the_larger_type(editions, code):
    lines = PdfReader(io.BytesIO(editions[code])).pages[0].extract_text().splitlines()
    assert any("José Filipe de" in line and "Cabral" in line for line in lines), lines[-12:]
