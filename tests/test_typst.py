"""The Typst engine: parity with reportlab, escaping, tagged PDFs, right-to-left and Chinese pages."""

from __future__ import annotations

import copy
import difflib
import io
import re
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from conftest import ROOT, SAMPLE, imported_after
from docgen import pipeline, writers
from docgen.diagnostics import LetterError
from docgen.doctree import Block, Div, Note, NoteRef, Para, Span, Text, find
from docgen.writers import pdf_typst

SYMBOL = "A/64/868–S/2010/402"

# A small test letter of our own in Arabic and Chinese: the seed's structure, these texts.
TEXTS = {
    "ar": {
        "title": "رسالة مؤرخة 22 تموز/يوليه 2010 موجهة إلى الأمين العام من الممثل الدائم للبرتغال لدى الأمم المتحدة",
        "body": "نظمت البعثة الدائمة للبرتغال لدى الأمم المتحدة مؤخرا حلقة دراسية بشأن عمليات حفظ السلام "
        "وبناء السلام، حضرها 26 ممثلا للدول الأعضاء (انظر القرار 64/1).",
    },
    "zh": {
        "title": "2010年7月22日葡萄牙常驻联合国代表给秘书长的信",
        "body": "葡萄牙常驻联合国代表团最近举办了一次关于维持和平与建设和平行动的研讨会，共有26个会员国的代表出席"
        "（见附件一）。维持和平行动助理秘书长Atul Khare先生也出席了会议。“所有权”问题见《联合国宪章》第七章。",
    },
}
FACTS = {"ar": ("rtl", "naskh"), "zh": ("ltr", "song")}


@pytest.fixture(scope="module")
def english(letter) -> list[Block]:
    return pipeline.document(letter, "en")


def retext(blocks: list[Block], title: str, body: str) -> list[Block]:
    """The seed's doctree with its title and every paragraph of running text replaced."""
    blocks = copy.deepcopy(blocks)

    def walk(bs: list[Block], role: str) -> None:
        for b in bs:
            if isinstance(b, Div):
                walk(b.children, b.role)
            elif isinstance(b, Para) and role in ("title", "body", "numbered", "annex-heading"):
                b.inlines = [Text(title if role in ("title", "annex-heading") else body)]
            elif isinstance(b, Para) and role not in ("symbol", "job", "barcode"):
                b.inlines = [Text(body[:24])]

    walk(blocks, "")
    return blocks


def build(blocks: list[Block], lang: str, tagged: bool = True) -> bytes:
    direction, font = FACTS.get(lang, ("ltr", "serif"))
    return pdf_typst.write(blocks, writers.Options(lang, direction=direction, tagged=tagged, font=font))


@pytest.fixture(scope="module")
def foreign(english) -> dict[str, bytes]:
    return {lang: build(retext(english, **texts), lang) for lang, texts in TEXTS.items()}


# --- parity with reportlab ---------------------------------------------------------------------


def words(pdf: bytes) -> tuple[list[str], int]:
    """The words of a PDF in reading order, without the running heads and page numbers (which
    engines draw before or after a page's text), a word broken after a hyphen or slash at a
    line's end joined again; and the page count."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        page_words = page.extract_text().split()
        if number > 1:
            page_words = [w for w in page_words if w != SYMBOL]
            for end in (0, -1):
                if page_words and page_words[end] == str(number):
                    del page_words[end]
        out += page_words
    joined: list[str] = []
    for w in out:
        if joined and re.search(r"\w[-/]$", joined[-1]):
            joined[-1] += w
        else:
            joined.append(w)
    return joined, len(pages)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_both_engines_give_the_same_words_in_the_same_order(letter, lang):
    ours, theirs = (pipeline.render(letter, lang, engine=e) for e in ("reportlab", "typst"))
    (a, pages_a), (b, pages_b) = words(ours), words(theirs)
    diff = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    assert [(a[i1:i2], b[j1:j2]) for _, i1, i2, j1, j2 in diff] == []
    assert abs(pages_a - pages_b) <= 1
    assert len(a) > 3000


def test_typst_pdf_is_identical_across_builds(letter):
    assert pipeline.render(letter, "en", engine="typst") == pipeline.render(letter, "en", engine="typst")


def test_typst_pages_carry_the_furniture(letter):
    reader = PdfReader(io.BytesIO(pipeline.render(letter, "en", engine="typst")))
    first, third = reader.pages[0].extract_text(), reader.pages[2].extract_text()
    assert "10-46398 (E)" in first and "*1046398*" in first
    assert SYMBOL in third and "3" in third.split()
    names = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()}
    assert all(re.match(r"/[A-Z]{6}\+LiberationSerif", n) for n in names), names  # subsets, embedded


def test_a_build_without_typst_never_imports_it():
    code = (
        "from pathlib import Path; from docgen import load, pipeline; "
        f"pipeline.render(load.load(Path({str(SAMPLE)!r})), 'en')"
    )
    assert "typst" not in imported_after(code)


# --- user text is never Typst markup -------------------------------------------------------------

HOSTILE = '#import "x": * #read("/etc/passwd") $x^2$ *bold* _it_ <label> @ref // comment \\ "quote" ] ) }'


def test_typst_syntax_in_texts_is_printed_literally(english):
    blocks = retext(english, HOSTILE, HOSTILE + " /* open comment")
    blocks.append(Note("n1", "1", [Para([Text("#set page(width: 1pt) " + HOSTILE)])]))
    body = find(blocks, "body")
    assert body is not None and isinstance(body.children[0], Para)
    body.children[0].inlines.append(Span("em", [Text("`raw` ```code``` #emph[x]")]))

    body.children[0].inlines.append(NoteRef("n1", "1", "fn1-0"))
    pdf = build(blocks, "en")
    text = re.sub(r"\s+", " ", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert HOSTILE in text
    assert "/* open comment" in text and "`raw` ```code``` #emph[x]" in text
    assert "#set page(width: 1pt)" in text
    assert "root:" not in text  # /etc/passwd was never read


def test_string_literals_escape_what_typst_would_read():
    assert pdf_typst.string('a"b\\c\nd') == '"a\\"b\\\\c\\u{a}d"'


# --- tagged PDFs, right to left, Chinese ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_arabic_and_chinese_pdfs_are_tagged_with_their_language(foreign, lang):
    root = PdfReader(io.BytesIO(foreign[lang])).trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", "-"], input=foreign[lang], capture_output=True, check=True).stdout
    assert b"Tagged:          yes" in info


def test_tagged_build_selects_typst_for_any_language(letter):
    root = PdfReader(io.BytesIO(pipeline.render(letter, "fr", tagged=True))).trailer["/Root"]
    assert root["/Lang"] == "fr" and "/StructTreeRoot" in root
    assert "/StructTreeRoot" not in PdfReader(io.BytesIO(pipeline.render(letter, "fr"))).trailer["/Root"]


def test_the_cli_refuses_tagged_reportlab(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "docgen",
            "build",
            str(SAMPLE),
            "--out",
            str(tmp_path),
            "--tagged",
            "--engine",
            "reportlab",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert out.stderr == "docgen: error: --tagged needs the typst engine (drop --engine reportlab)\n"
    assert not any(tmp_path.iterdir())


def fonts_of(pdf: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return {str(f["/BaseFont"])[8:] for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()}


def test_arabic_is_set_in_amiri_and_chinese_in_noto_serif_cjk_with_latin_in_liberation(foreign):
    assert fonts_of(foreign["ar"]) == {"Amiri-Regular", "Amiri-Bold"}
    assert {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold", "LiberationSerif"} <= fonts_of(foreign["zh"])


def test_arabic_text_extracts_in_logical_order(foreign):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=foreign["ar"], capture_output=True, check=True).stdout
    plain = re.sub(r"[\u202a-\u202e\s]+", " ", text.decode())
    assert "الممثل الدائم للبرتغال" in plain
    assert "64/1" in plain  # Amiri has "/": a resolution number is never "641"


def positions(page) -> dict[str, list[float]]:  # type: ignore[no-untyped-def]
    """Where each run of text starts on a page, from the left edge."""
    spots: dict[str, list[float]] = {}

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            spots.setdefault(text.strip(), []).append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return spots


def test_arabic_pages_are_mirrored(foreign):
    """The running head and page number of page 3 (odd) on the left, paragraph numbers on the
    right; the job number on page 1 at the start edge (the right)."""
    reader = PdfReader(io.BytesIO(foreign["ar"]))
    middle = float(reader.pages[0].mediabox.width) / 2
    third = positions(reader.pages[2])
    assert max(third[SYMBOL]) < middle
    assert min(third["3"]) < middle < max(third["3"])  # the page number; paragraph 3's number
    assert min(positions(reader.pages[0])["*1046398*"]) > middle


def six_language_seed(folder, text: str | None = None):  # type: ignore[no-untyped-def]
    """The seed letter with Arabic and Chinese editions (their texts untranslated: drafts)."""
    text = text or SAMPLE.read_text(encoding="utf-8")
    if not re.search(r"^languages: \[.*\bzh\b.*\]", text, flags=re.M):  # the sample may have them already
        text = re.sub(r"^languages: \[(.*)\]", r"languages: [\1, ar, zh]", text, flags=re.M).replace(
            '  fr: {number: "10-46399", date: 2010-07-28}\n',
            '  fr: {number: "10-46399", date: 2010-07-28}\n  ar: {number: "10-46402", date: 2010-07-28}\n'
            '  zh: {number: "10-46403", date: 2010-07-28}\n',
        )
    path = folder / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_six(tmp_path_factory) -> dict[str, bytes]:
    """The seed built in Arabic and Chinese through each language's own engine: what is tested
    is the generated wording and the layout."""
    path = six_language_seed(tmp_path_factory.mktemp("six"))
    built = pipeline.build(path, path.parent / "out", ["ar", "zh"], allow_incomplete=True)
    return {b.lang: b.path.read_bytes() for b in built}


def test_arabic_and_chinese_editions_take_typst_tagged_and_their_fonts(seed_six):
    assert pipeline.writer_for("ar").engine == pipeline.writer_for("zh").engine == "typst"
    for lang, face in (("ar", "Amiri-Regular"), ("zh", "NotoSerifCJKsc-Regular")):
        root = PdfReader(io.BytesIO(seed_six[lang])).trailer["/Root"]
        assert root["/Lang"] == lang and "/StructTreeRoot" in root
        assert face in fonts_of(seed_six[lang])
    first = PdfReader(io.BytesIO(seed_six["zh"])).pages[0].extract_text()
    assert "第六十四届会议" in first and "10-46403 (C)" in first


def test_the_arabic_edition_reads_in_logical_order(seed_six):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=seed_six["ar"], capture_output=True, check=True)
    plain = re.sub(r"[\u202a-\u202e\s]+", " ", text.stdout.decode())
    assert "الدورة الرابعة والستون" in plain
    assert "23 July 2010" in plain  # an English line of the masthead keeps its own direction


def test_a_character_no_font_of_a_version_has_is_an_error_naming_its_place(tmp_path):
    """中 is in the Chinese subset, 㐀 (CJK extension A, outside GB 2312) is not; Amiri has neither."""
    text = SAMPLE.read_text(encoding="utf-8").replace("Mirsada Čolaković", "Mirsada 㐀中")
    path = six_language_seed(tmp_path, text)
    with pytest.raises(LetterError) as caught:
        pipeline.build(path, tmp_path / "out", ["zh"], allow_incomplete=True)
    messages = [p.message for p in caught.value.problems]
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "Mirsada" in row)
    assert {(p.line, p.where) for p in caught.value.problems} == {
        (line, "annexes[0].parts[1].participants.groups[1].people[2].name")
    }
    assert (
        "'㐀' (U+3400 CJK UNIFIED IDEOGRAPH-3400) cannot be printed in the zh version: its font, "
        "Noto Serif CJK SC, has no such character" in messages
    )
    assert any("in the ar version: its font, Amiri" in m for m in messages)
    assert not list((tmp_path / "out").glob("**/*.pdf"))


def test_a_draft_carries_its_watermark_on_every_page_in_both_engines():
    from docgen import load

    draft = load.load(ROOT / "letters" / "mexico-2024-draft-concept-note.yaml")
    counts = {
        engine: [
            p.extract_text().count("Draft")
            for p in PdfReader(io.BytesIO(pipeline.render(draft, "en", engine=engine))).pages
        ]
        for engine in ("reportlab", "typst")
    }
    assert counts["typst"] == counts["reportlab"] and all(counts["typst"])


def test_agenda_titles_are_bold_in_both_engines(letter):
    """The masthead's agenda-item titles are set in the bold face by either engine."""
    from io import BytesIO

    from pypdf import PdfReader

    from docgen import pipeline

    title = "Report of the Peacebuilding Commission"
    for engine in ("reportlab", "typst"):
        page = PdfReader(BytesIO(pipeline.render(letter, "en", engine=engine))).pages[0]
        fonts: list[str] = []

        def visit(text, cm, tm, font, size, fonts=fonts):
            if text.strip() and text.strip() in title and font is not None:
                fonts.append(str(font.get("/BaseFont")))

        page.extract_text(visitor_text=visit)
        assert fonts and all("Bold" in f for f in fonts), (engine, fonts)
