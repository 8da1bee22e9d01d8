"""Numbering labels as each language prints them (language.yaml `numbering`), made once in the
markup stage and printed alike by every writer: PDF (both engines), Word, HTML, Akoma Ntoso."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections import defaultdict

import pytest
from pypdf import PdfReader

from docgen import pipeline, writers
from docgen.doctree import Block, Div, Para, Text, find
from docgen.language import resolve
from docgen.markup import parse

KINDS = ("section", "subsection", "numbered", "heading")


@pytest.mark.parametrize(
    "code, labels",
    [
        ("en", ["I.", "II.", "A.", "B.", "6.", "1."]),
        ("fr", ["I.", "II.", "A.", "B.", "6.", "1."]),
        ("es", ["I.", "II.", "A.", "B.", "6.", "1."]),
        ("ru", ["I.", "II.", "A.", "B.", "6.", "1."]),
        ("ar", ["أولا -", "ثانيا -", "ألف -", "باء -", "6 -", "1 -"]),
        ("zh", ["一.", "二.", "A.", "B.", "6.", "1."]),
    ],
)
def test_each_language_labels_its_numbers_as_the_un_prints_them(code, labels):
    lang = resolve(code)
    got = [lang.number(k, n) for k, n in (("section", 1), ("section", 2), ("subsection", 1), ("subsection", 2))]
    got += [lang.number("numbered", 6), lang.number("heading", 1)]
    assert [g.label for g in got if g] == labels


def test_counters_past_the_words_and_the_alphabet():
    ar, zh = resolve("ar"), resolve("zh")
    assert [ar.number("section", n).label for n in (10, 11, 20, 21)] == ["عاشرا -", "حادي عشر -", "عشرون -", "21 -"]
    assert ar.number("subsection", 3).label == "جيم -"
    assert [zh.number("section", n).label for n in (10, 11, 21)] == ["十.", "十一.", "二十一."]
    assert resolve("en").number("section", 14).label == "XIV."


SOURCE = """::: section 2
Background
:::

::: subsection 1
Mandates
:::

::: markdown numbered
First paragraph.

- an item

Second paragraph.
:::
"""


def labels(blocks: list[Block]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Div):
            if b.number:
                out.append(b.number.label)
            out += labels(b.children)
    return out


@pytest.mark.parametrize(
    "code, expected",
    [("en", ["II.", "A.", "1.", "2."]), ("ar", ["ثانيا -", "ألف -", "1 -", "2 -"]), ("zh", ["二.", "A.", "1.", "2."])],
)
def test_markup_gives_every_numbered_block_its_label(code, expected):
    blocks = parse(SOURCE, resolve(code))
    assert labels(blocks) == expected
    numbered = find(blocks, "markdown")
    assert numbered is not None and [len(d.children) for d in numbered.children if isinstance(d, Div)] == [2, 1]


# --- every writer prints the label markup made -------------------------------------------------


@pytest.fixture(scope="module")
def arabic(letter) -> list[Block]:
    """The seed's Arabic doctree with a section and a lettered heading before its summary."""
    blocks = copy.deepcopy(pipeline.document(letter, "ar"))
    ar = resolve("ar")
    summary = next(d for d in _divs(blocks) if d.role == "numbered")
    parent = next(d for d in _divs(blocks) if summary in d.children)
    at = parent.children.index(summary)
    parent.children[at:at] = [
        Div("section", "1", [Para([Text("مقدمة")])], ar.number("section", 1)),
        Div("subsection", "2", [Para([Text("الولايات")])], ar.number("subsection", 2)),
    ]
    return blocks


def _divs(blocks: list[Block]):  # type: ignore[no-untyped-def]
    for b in blocks:
        if isinstance(b, Div):
            yield b
            yield from _divs(b.children)


def write(blocks: list[Block], fmt: str, engine: str | None = None) -> bytes:
    options = writers.Options("ar", direction="rtl", font="naskh")
    return writers.write(writers.find(fmt, engine), blocks, options)


def rtl_lines(pdf: bytes) -> list[str]:
    """Each line of each page, its runs from the right edge to the left: an Arabic page's reading order."""
    out: list[str] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines: dict[int, list[tuple[float, str]]] = defaultdict(list)
        page.extract_text(visitor_text=lambda text, cm, tm, *_, lines=lines: place(lines, text, cm, tm))
        out += [" ".join(t for _, t in sorted(lines[y], reverse=True)) for y in sorted(lines, reverse=True)]
    return out


def place(lines: dict[int, list[tuple[float, str]]], text: str, cm: list[float], tm: list[float]) -> None:
    if text.strip():
        lines[round(tm[5] * cm[3] + cm[5])].append((tm[4] * cm[0] + cm[4], text.strip()))


def test_the_arabic_pdf_reads_its_labels_first_on_the_right(arabic):
    lines = rtl_lines(write(arabic, "pdf", "typst"))
    assert "أولا - مقدمة" in lines and "باء - الولايات" in lines
    starts = [line.split(" - ")[0] for line in lines if re.match(r"^\d+ - ", line)]
    assert starts[:3] == ["1", "1", "2"]  # the summary's paragraph, its heading, its second paragraph
    assert not any(re.match(r"^\d+\.", line) for line in lines)


def test_html_akn_and_word_print_the_same_labels(arabic):
    html = write(arabic, "html").decode()
    assert '<span class="number">أولا -</span>' in html and '<span class="number">2 -</span>' in html
    akn = write(arabic, "akn").decode()
    assert "<num>أولا -</num>" in akn and "<num>باء -</num>" in akn and "<num>2 -</num>" in akn
    docx = zipfile.ZipFile(io.BytesIO(write(arabic, "docx")))
    document, numbering = (docx.read(f"word/{n}.xml").decode() for n in ("document", "numbering"))
    assert "أولا -" in document and "باء -" in document  # no Word counter writes them: text
    assert '<w:lvlText w:val="%1 -"/>' in numbering  # Word counts the paragraphs, labelled "1 -"
    assert not re.search(r"<w:t[^>]*>\d+ -</w:t>", document)


def test_word_counts_chinese_sections_in_its_own_chinese_numerals():
    zh = resolve("zh")
    blocks = [Div("section", str(n), [Para([Text("导言")])], zh.number("section", n)) for n in (1, 2)]
    docx = zipfile.ZipFile(io.BytesIO(writers.write(writers.find("docx"), blocks, writers.Options("zh", font="song"))))
    numbering, document = (docx.read(f"word/{n}.xml").decode() for n in ("numbering", "document"))
    assert '<w:numFmt w:val="chineseCounting"/>' in numbering and '<w:lvlText w:val="%1."/>' in numbering
    assert "一." not in document  # Word prints the numbers
