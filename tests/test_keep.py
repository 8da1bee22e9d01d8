"""The house style never leaves a signature alone at the top of a page: the letter's last
paragraph goes over with it (two real letters of 2000 whose signature fell onto a page of its own)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import DATA
from docgen import load, pipeline

SIGNED = {"en": "(Signed)", "fr": "(Signé)"}
LETTERS = ["japan-2000-g8-regional-issues", "japan-2000-g8-foreign-ministers"]


def signature_page(data: bytes, lang: str) -> list[str]:
    """The lines of the page holding the signature, without the running head and page number."""
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    page = next(p for p in pages if SIGNED[lang] in p)
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines if not re.fullmatch(r"[AS]/[-\w/–]+|\d+", line)]


@pytest.mark.parametrize("engine", ["reportlab", "typst"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", LETTERS)
def test_the_last_paragraph_goes_over_with_the_signature(name, lang, engine):
    letter = load.load(DATA / "real" / f"{name}.yaml")
    lines = signature_page(pipeline.render(letter, lang, allow_incomplete=True, engine=engine), lang)
    before = lines[: next(i for i, line in enumerate(lines) if line.startswith(SIGNED[lang]))]
    assert before, f"{name} {lang} {engine}: the signature stands alone at the top of its page: {lines}"


def test_word_keeps_the_last_paragraph_with_the_signature():
    from docx import Document

    letter = load.load(DATA / "real" / "japan-2000-g8-regional-issues.yaml")
    doc = Document(io.BytesIO(pipeline.render(letter, "en", fmt="docx")))
    texts = [p.text for p in doc.paragraphs]
    signed = next(i for i, text in enumerate(texts) if text.startswith("(Signed)"))
    last = max(i for i in range(signed) if texts[i].strip())
    assert doc.paragraphs[last].paragraph_format.keep_with_next, texts[last]
