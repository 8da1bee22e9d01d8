"""The HTML page and the Word file of an Arabic or Chinese edition name the faces docgen draws
that language with (docgen/fonts/fonts.yaml, language.yaml `fonts:`), as the PDFs do."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.oxml.ns import qn
from lxml import etree
from lxml import html as lxml_html

from conftest import ROOT
from docgen import housestyle, load, pipeline

PORTUGAL = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"
LATIN = "Liberation Serif"
FACES = {"ar": ("Amiri", "w:cs"), "zh": ("Noto Serif CJK SC", "w:eastAsia")}


@pytest.fixture(scope="module")
def editions():
    letter = load.load(PORTUGAL)
    return {(lang, fmt): pipeline.render(letter, lang, fmt=fmt) for lang in FACES for fmt in ("html", "docx")}


@pytest.mark.parametrize("lang", FACES)
def test_html_font_stack_begins_with_the_languages_face(editions, lang):
    css = lxml_html.document_fromstring(editions[lang, "html"].decode("utf-8")).findtext(".//style")
    body = re.search(r"^body \{ font-family: ([^;]*);", css, re.M).group(1)
    assert body.startswith(f'"{FACES[lang][0]}", "{LATIN}"'), body
    # headings inherit it: no rule names another family
    assert css.count("font-family") == 1


@pytest.mark.parametrize("lang", FACES)
def test_every_docx_style_names_the_faces(editions, lang):
    face, script = FACES[lang]
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(editions[lang, "docx"])).read("word/styles.xml"))
    named = [s for s in styles.iter(qn("w:style")) if s.get(qn("w:type")) != "numbering"]
    assert named
    for style in named:
        fonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
        got = (fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi")), fonts.get(qn(script)))
        assert got == (housestyle.FONT, housestyle.FONT, face), style.get(qn("w:styleId"))
    assert not [f for f in styles.iter(qn("w:rFonts")) if any("heme" in k for k in f.attrib)]
