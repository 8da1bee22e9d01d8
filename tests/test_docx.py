"""The Word writer, read as a Word user's tools read it: python-docx for the text, the styles,
the numbering and the footnotes; LibreOffice for what the pages show."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader

from conftest import ROOT, SAMPLE, imported_after
from docgen import doctree, load, pipeline, resources, writers
from docgen import housestyle as hs
from docgen.doctree import find

RULE_OF_LAW = ROOT / "letters" / "netherlands-switzerland-2013-rule-of-law.yaml"
DRAFT = ROOT / "letters" / "mexico-2024-draft-concept-note.yaml"
PALESTINE = ROOT / "letters" / "palestine-2018-emergency-special-session.yaml"  # issued in 2018: QR code
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REFERENCE = re.compile(r'<w:(?:pStyle|rStyle|tblStyle|styleLink|numStyleLink) w:val="([^"]+)"')  # a style by id
SAMPLE_LETTERS = sorted((ROOT / "letters").glob("*.yaml"))


@pytest.fixture(scope="module")
def seed(letter) -> dict[str, bytes]:
    return {lang: pipeline.render(letter, lang, fmt="docx") for lang in letter.languages}


@pytest.fixture(scope="module")
def rule_of_law() -> bytes:
    return pipeline.render(load.load(RULE_OF_LAW), "en", fmt="docx")


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def body_paragraphs(doc) -> list:
    return [p for p in doc.paragraphs if p.text.strip()]


def test_text_in_order_in_named_styles(seed):
    doc = opened(seed["fr"])
    paragraphs = body_paragraphs(doc)
    styles = [p.style.name for p in paragraphs]
    title = paragraphs[styles.index("docgen Title")]
    assert title.text.startswith("Lettre datée du 22 juillet 2010, adressée au Secrétaire général")
    assert all(r.bold is None for r in title.runs) and doc.styles["docgen Title"].font.bold
    assert styles[styles.index("docgen Title") + 1] == "docgen Body"
    assert [p.text for p in paragraphs if p.style.name == "docgen Signature"] == [
        "L’Ambassadeur",
        "(Signé) José Filipe de Moraes Cabral",
    ]
    assert paragraphs[-1].text.startswith("Amélioration des échanges du Conseil de sécurité")
    # every role has a style, each based on "docgen Text": restyling it restyles the document
    for role in hs.ROLES:
        name = "docgen " + role.replace("-", " ").title()
        style = doc.styles[name]
        assert name == "docgen Text" or style.base_style.name == "docgen Text"
    assert doc.styles["docgen Text"].font.name == hs.FONT
    assert doc.styles["docgen Body"].paragraph_format.first_line_indent.pt == pytest.approx(hs.INDENT, abs=0.05)


def test_annexes_start_on_new_pages(seed):
    doc = opened(seed["en"])
    starts = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert [s[:8] for s in starts] == ["Annex I ", "Annex II"]
    assert all(
        doc.paragraphs[i].style.name == "docgen Annex Heading"
        for i, p in enumerate(doc.paragraphs)
        if p.paragraph_format.page_break_before
    )


def numbering_of(doc, paragraph) -> tuple[str, str, int]:
    """What Word prints before a paragraph: its level's format, its text and the list's start."""
    numPr = paragraph._p.pPr.numPr
    num_id, ilvl = numPr.numId.val, numPr.ilvl.val
    root = doc.part.numbering_part.element
    num = root.num_having_numId(num_id)
    abstract = next(
        a for a in root.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
    )
    level = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl))
    start = next(o for o in num.findall(qn("w:lvlOverride")) if o.get(qn("w:ilvl")) == str(ilvl))
    return (
        level.find(qn("w:numFmt")).get(qn("w:val")),
        level.find(qn("w:lvlText")).get(qn("w:val")),
        int(start.find(qn("w:startOverride")).get(qn("w:val"))),
    )


def test_numbered_paragraphs_and_lists_are_word_numbering(seed):
    for lang, item_text in (("en", "(%2)"), ("fr", "%2)")):
        doc = opened(seed[lang])
        numbered = [p for p in doc.paragraphs if p.style.name == "docgen Numbered" and p._p.pPr.numPr is not None]
        assert len(numbered) == 18 + 14  # the summary's paragraphs, then the framework note's
        assert numbering_of(doc, numbered[0]) == ("decimal", "%1.", 1)
        assert numbering_of(doc, numbered[18]) == ("decimal", "%1.", 1)  # annex II counts afresh
        assert not numbered[1].text[:1].isdigit()  # Word prints the number, the text has none
        items = [p for p in doc.paragraphs if p.style.name == "docgen List Item"]
        assert numbering_of(doc, items[0]) == ("lowerLetter", item_text.replace("2", "1"), 1)
        bullets = [numbering_of(doc, p) for p in items[3:]]
        assert ("bullet", "•", 1) in bullets and ("bullet", "–", 1) in bullets  # and a nested list
        assert [p._p.pPr.numPr.ilvl.val for p in items[3:]] == [0, 0, 0, 1, 1]
        headings = [p for p in doc.paragraphs if p.style.name == "docgen Heading" and p._p.pPr.numPr is not None]
        assert next(numbering_of(doc, h) for h in headings) == ("decimal", "%1.", 1) and len(headings) == 3


def test_sections_and_sub_items():
    doc = opened(
        pipeline.render(load.load(ROOT / "letters" / "philippines-2010-identical-letters.yaml"), "en", fmt="docx")
    )
    sections = [p for p in doc.paragraphs if p.style.name == "docgen Section"]
    assert [s.text for s in sections] == ["Introduction", "Main themes of the discussion", "Recommendations"]
    assert numbering_of(doc, sections[0]) == ("upperRoman", "%1.", 1)
    subsections = [p for p in doc.paragraphs if p.style.name == "docgen Subsection"]
    assert numbering_of(doc, subsections[0]) == ("upperLetter", "%1.", 1)
    items = [p for p in doc.paragraphs if p.style.name == "docgen List Item"]
    assert numbering_of(doc, items[0]) == ("lowerLetter", "(%1)", 1)


def footnotes(data: bytes) -> list[tuple[str, str]]:
    """(id, text) of each footnote, separators left out."""
    doc = opened(data)
    part = doc.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES)
    root = etree.fromstring(part.blob)
    return [
        (n.get(f"{W}id"), "".join(n.itertext()).strip())
        for n in root.findall(f"{W}footnote")
        if n.get(f"{W}type") is None
    ]


def test_footnotes_are_word_footnotes(rule_of_law):
    notes = footnotes(rule_of_law)
    assert [i for i, _ in notes] == ["1", "2", "3"]
    assert notes[0][1].startswith("The list of participants is available from the Permanent Mission")
    document = zipfile.ZipFile(io.BytesIO(rule_of_law)).read("word/document.xml").decode()
    references = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    assert references == ["1", "2", "3"]  # numbered by Word: no custom marks
    assert "docgen Note" in [s.name for s in opened(rule_of_law).styles]


def test_a_symbol_mark_stays_the_symbol():
    data = pipeline.render(load.load(ROOT / "letters" / "philippines-2010-identical-letters.yaml"), "en", fmt="docx")
    assert footnotes(data) == [("1", "*A/65/150.")]
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert re.search(
        r'<w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t[^>]*>\*</w:t>', document
    ) or re.search(r'<w:footnoteReference w:id="1" w:customMarkFollows="1"/><w:t[^>]*>\*</w:t>', document)


def test_markdown_table_is_a_word_table(rule_of_law):
    doc = opened(rule_of_law)
    table = doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Group", "Experts", "Of whom women"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # right, as the Markdown asks


def test_masthead_is_a_table(seed):
    doc = opened(seed["fr"])
    masthead = doc.tables[0]
    cells = [[c.text for c in row.cells] for row in masthead.rows]
    assert cells[0][0] == "Nations Unies" and cells[0][-1] == "A/64/868–S/2010/402"
    assert cells[1][1] == "Assemblée générale\nConseil de sécurité"
    assert cells[1][-1] == "Distr. générale\n23 juillet 2010\nFrançais\nOriginal\xa0: anglais"
    assert cells[2][0].startswith("Assemblée générale\nSoixante-quatrième session")
    symbol = masthead.rows[0].cells[-1].paragraphs[0].runs
    assert (symbol[0].text, symbol[0].font.size.pt) == ("A", hs.MASTHEAD.symbol_first_size)
    assert masthead.rows[1].cells[0]._tc.xpath(".//pic:pic")  # the emblem


def test_page_furniture(seed):
    doc = opened(seed["fr"])
    section = doc.sections[0]
    assert section.different_first_page_header_footer and doc.settings.odd_and_even_pages_header_footer
    first = section.first_page_footer
    assert [p.text for p in first.paragraphs if p.text] == ["10-46399 (F)    280710", "*1046399*"]
    assert first._element.xpath(".//pic:pic")  # the barcode, a picture
    assert section.header.paragraphs[0].text == "A/64/868–S/2010/402"
    assert section.header.paragraphs[0].alignment == 2 and section.even_page_header.paragraphs[0].alignment == 0
    for footer in (section.footer, section.even_page_footer):
        assert " PAGE " in "".join(footer._element.itertext())
    assert not "".join(section.first_page_header._element.itertext()).strip()


def test_document_properties(seed):
    core = opened(seed["fr"]).core_properties
    assert core.title.startswith("Lettre datée du 22 juillet 2010")
    assert core.author == "Mission permanente du Portugal auprès de l’Organisation des Nations Unies"
    assert core.subject == "A/64/868–S/2010/402"
    assert core.language == "fr"
    assert core.created.date().isoformat() == "2010-07-22" and core.modified == core.created
    names = zipfile.ZipFile(io.BytesIO(seed["fr"])).namelist()
    assert names[0] == "[Content_Types].xml" and "docProps/thumbnail.jpeg" not in names


def test_same_source_same_bytes_and_source_date_epoch(letter, seed, monkeypatch):
    assert pipeline.render(letter, "fr", fmt="docx") == seed["fr"]
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(seed["fr"])).infolist()}
    assert stamps == {(2010, 7, 22, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1280000000")  # 2010-07-24 19:33:20 UTC
    again = pipeline.render(letter, "fr", fmt="docx")
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(again)).infolist()} == {(2010, 7, 24, 19, 33, 20)}
    assert opened(again).core_properties.created.isoformat() == "2010-07-24T19:33:20+00:00"
    assert pipeline.render(letter, "fr", fmt="docx") == again


def test_the_writer_looks_no_style_up_by_name(letter, monkeypatch):
    """python-docx finds a style named on a paragraph by reading every style of its template,
    which made writing a .docx six times as slow as writing the PDF: the writer sets the ids
    of its styles itself, and makes the styles once per language, the same every time."""
    from docx.styles.styles import Styles

    from docgen.writers import docx as word

    looked_up: list[str] = []
    for name in ("__getitem__", "__contains__", "default", "get_style_id"):
        original = getattr(Styles, name)

        def spy(self, *args, _name=name, _original=original):
            looked_up.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(Styles, name, spy)
    word.template.cache_clear()
    blocks = pipeline.document(letter, "fr")
    options = writers.Options("fr", date=letter.date)
    first = writers.write(writers.find("docx"), blocks, options)
    assert looked_up == []
    assert writers.write(writers.find("docx"), blocks, options) == first  # the styles made once, reused
    monkeypatch.undo()
    assert opened(first).paragraphs[0].style is not None


V = "{urn:schemas-microsoft-com:vml}"


def test_a_drafts_watermark_is_in_every_header():
    letter = load.load(DRAFT)
    for lang in letter.languages:
        blocks = pipeline.document(letter, lang)
        word = doctree.role_text(blocks, "watermark")
        assert word == {"en": "Draft", "fr": "Projet"}[lang]  # the catalogs' wording
        section = opened(pipeline.render(letter, lang, fmt="docx")).sections[0]
        for header in (section.header, section.even_page_header, section.first_page_header):
            (shape,) = header._element.iter(f"{V}shape")  # Word's watermark: a text path behind the text
            assert shape.find(f"{V}textpath").get("string") == word
            assert "rotation:315" in shape.get("style") and "z-index:-" in shape.get("style")
    issued = opened(pipeline.render(load.load(SAMPLE), "fr", fmt="docx")).sections[0]
    assert not list(issued.header._element.iter(f"{V}textpath"))


def pictures_of(story) -> list[tuple[object, bytes]]:
    """The floating pictures of a header or footer: (their wp:anchor, the image's bytes)."""
    out = []
    for anchor in story._element.iter(f"{{{WP}}}anchor"):
        rid = anchor.find(f".//{{{A}}}blip").get(f"{{{R}}}embed")
        out.append((anchor, story.part.related_parts[rid].blob))
    return out


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_page_one_carries_the_qr_code_and_the_recycling_mark_of_its_date():
    from PIL import Image

    from docgen import qrcode

    letter = load.load(PALESTINE)
    blocks = pipeline.document(letter, "en")
    footer = opened(pipeline.write(blocks, "en", writers.find("docx"), date=letter.date)).sections[0].first_page_footer
    (qr, qr_png), (mark, _) = pictures_of(footer)
    f, (width, height) = hs.FURNITURE, hs.PAPERS["a4"]
    emu = 12700

    def place(anchor) -> tuple[float, float, float]:  # left, bottom (from the page's foot), side, in points
        x = int(anchor.find(f"{{{WP}}}positionH/{{{WP}}}posOffset").text) / emu
        y = int(anchor.find(f"{{{WP}}}positionV/{{{WP}}}posOffset").text) / emu
        side = int(anchor.find(f"{{{WP}}}extent").get("cx")) / emu
        return x, height - y - side, side

    x, bottom, side = place(qr)  # the far corner, as in the PDF
    assert (x + side, bottom, side) == pytest.approx((width - hs.PAGE.margin_x, f.qr_from_bottom, f.qr_size), abs=0.01)
    n, dark = qrcode.modules(doctree.role_text(blocks, "qr"))
    image = Image.open(io.BytesIO(qr_png)).convert("1")
    k = image.width // n
    drawn = {(r, c) for r in range(n) for c in range(n) if not image.getpixel((c * k + k // 2, r * k + k // 2))}
    assert drawn == set(dark)  # the address the PDF's code holds
    x_mark, bottom_mark, side_mark = place(mark)
    assert side_mark == pytest.approx(f.recycle_size * f.recycle_mark, abs=0.01)
    assert x + 0 == pytest.approx(x_mark + side_mark + f.recycle_gap, abs=0.01) and bottom_mark == pytest.approx(bottom)
    boxes = ["".join(t.text for t in box.iter(qn("w:t"))) for box in footer._element.iter(qn("w:txbxContent"))]
    assert boxes == [doctree.role_text(blocks, "recycle")] == ["Please recycle"]
    # before the QR code's date (2014), the recycling mark alone; a draft has neither
    assert (
        len(pictures_of(opened(pipeline.render(load.load(SAMPLE), "fr", fmt="docx")).sections[0].first_page_footer))
        == 1
    )
    assert not pictures_of(opened(pipeline.render(load.load(DRAFT), "en", fmt="docx")).sections[0].first_page_footer)


def test_right_to_left_in_the_languages_own_font(letter):
    blocks = pipeline.document(letter, "en")
    data = writers.write(writers.find("docx"), blocks, writers.Options("ar", direction="rtl", font="naskh"))
    doc = opened(data)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    names = defaults.find(qn("w:rFonts"))
    assert (names.get(qn("w:ascii")), names.get(qn("w:cs"))) == (hs.FONT, "Amiri")  # Arabic in Amiri
    assert defaults.find(qn("w:lang")).get(qn("w:bidi")) == "ar"
    base = doc.styles["docgen Text"].element
    assert base.pPr.find(qn("w:bidi")) is not None and base.rPr.find(qn("w:rtl")) is not None
    assert doc.sections[0]._sectPr.find(qn("w:bidi")) is not None
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in doc.tables)
    ltr = opened(writers.write(writers.find("docx"), blocks, writers.Options("en")))
    assert ltr.styles["docgen Text"].element.pPr.find(qn("w:bidi")) is None


def test_build_writes_docx_beside_pdf_and_records_both(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "docgen",
            "build",
            str(SAMPLE),
            "--format",
            "pdf,docx",
            "--lang",
            "fr",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    folder = tmp_path / SAMPLE.stem
    assert sorted(p.name for p in folder.glob("fr.*")) == ["fr.docx", "fr.pdf"]
    stamp = json.loads((folder / ".docgen.json").read_text(encoding="utf-8"))
    assert set(stamp["documents"]["fr"]["files"]) == {"pdf", "docx"}


def test_a_pdf_build_imports_nothing_of_word(tmp_path):
    code = (
        f"from docgen import cli; rc = cli.main(['build', {str(SAMPLE)!r}, '--lang', 'en', '--out', {str(tmp_path)!r}])"
    )
    word = ("docx.", "docgen.writers.docx", "docgen.writers.ooxml")
    assert not [m for m in imported_after(code) if m == "docx" or m.startswith(word)]


# --- what LibreOffice shows ------------------------------------------------------------------


def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.skip("no LibreOffice on this machine: .ci/run installs Debian's libreoffice-writer-nogui")
    return path


def to_pdf(data: bytes, folder: Path, name: str) -> Path:
    """The .docx converted by LibreOffice headless, with the fonts docgen ships."""
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    profile = folder / "profile"
    fonts = folder / "fonts.conf"  # Times New Roman set in the Liberation Serif docgen ships
    fonts.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{resources.FONTS}</dir><cachedir>{folder / 'fontcache'}</cachedir>"
        '<alias binding="same"><family>Times New Roman</family><accept><family>Liberation Serif</family>'
        "</accept></alias></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(folder), "FONTCONFIG_FILE": str(fonts)}
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )
    return folder / f"{name}.pdf"


def body_words(pdf: Path | bytes, furniture: set[str]) -> tuple[int, list[str]]:
    """The page count and the words of the text, in reading order, without page furniture
    (running heads, page numbers, the first page's foot), which each renderer draws at its own
    moment, and without the symbol, which the masthead sets on a line of its own or not."""
    reader = PdfReader(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    words: list[str] = []
    for n, page in enumerate(reader.pages):
        text = page.extract_text().replace("-\n", "-")  # a word broken after its hyphen is one word
        lines = [folded for line in text.splitlines() if (folded := " ".join(line.split())) not in furniture]
        for i in (0, -1) if n else ():  # the page number, first or last as it was drawn
            if lines and lines[i] == str(n + 1):
                lines.pop(i)
        for line in lines:
            words += [w for w in line.split() if w not in furniture]  # the symbol, in the masthead too
    return len(reader.pages), words


def furniture_of(blocks) -> set[str]:
    job = find(blocks, "job")
    lines = {" ".join(doctree.plain(p.inlines).split()) for p in (job.children if job else [])}
    symbol = " ".join(doctree.block_text(find(blocks, "symbol").children).split())
    barcode = doctree.block_text(find(blocks, "barcode").children).strip()
    recycle = doctree.role_text(blocks, "recycle")  # "Please recycle", in the page's corner
    return lines | {symbol, f"*{barcode}*", recycle}


@pytest.mark.parametrize(("path", "lang"), [(SAMPLE, "fr"), (RULE_OF_LAW, "en")])
def test_libreoffice_shows_the_same_words_as_the_pdf(path, lang, tmp_path):
    soffice()
    letter = load.load(path)
    blocks = pipeline.document(letter, lang)
    pdf = pipeline.write(blocks, lang, pipeline.writer_for(lang), date=letter.date)
    word = pipeline.write(blocks, lang, writers.find("docx"), date=letter.date)
    furniture = furniture_of(blocks)
    pages, words = body_words(to_pdf(word, tmp_path, lang), furniture)
    expected_pages, expected = body_words(pdf, furniture)
    assert words == expected
    assert abs(pages - expected_pages) <= 1


def reddish_share(png: Path) -> float:
    """The share of a page's pixels in the watermark's red (housestyle's, translucent)."""
    from PIL import Image

    image = Image.open(png).convert("RGB")
    r, g, b = (band.tobytes() for band in image.split())
    red = sum(1 for x, y, z in zip(r, g, b, strict=True) if x > 200 and y < 215 and x - y > 40 and x - z > 40)
    return red / (image.width * image.height)


def test_libreoffice_shows_the_watermark_on_every_page_and_page_ones_corner(tmp_path):
    soffice()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    letter = load.load(DRAFT)
    pdf = to_pdf(pipeline.render(letter, "fr", fmt="docx"), tmp_path, "draft")
    pages = len(PdfReader(pdf).pages)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True)
    shares = [reddish_share(p) for p in sorted(tmp_path.glob("page-*.png"))]
    assert len(shares) == pages >= 2 and all(share > 0.002 for share in shares), shares
    issued = to_pdf(pipeline.render(load.load(PALESTINE), "en", fmt="docx"), tmp_path, "issued")
    first = PdfReader(issued).pages[0]
    assert "Please recycle" in first.extract_text()
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(issued), str(tmp_path / "issued")], check=True
    )
    assert reddish_share(next(tmp_path.glob("issued-*.png"))) == 0


@pytest.mark.parametrize("path", SAMPLE_LETTERS, ids=lambda p: p.stem)
def test_every_style_a_part_names_is_in_the_styles_and_only_those(path):
    """The styles part keeps the styles the document names (and those they build on, and the
    defaults), not python-docx's template's 164: Word shows no missing style, and a letter is
    not 400 kB of table styles."""
    letter = load.load(path)
    for lang in letter.languages:
        package = zipfile.ZipFile(io.BytesIO(pipeline.render(letter, lang, fmt="docx")))
        styles = etree.fromstring(package.read("word/styles.xml"))
        defined = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
        named = set()
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
                named |= set(REFERENCE.findall(package.read(name).decode("utf-8")))
        assert named <= defined, (lang, named - defined)
        assert len(defined) < 60, lang  # docgen's thirty-odd styles, their bases and the defaults
        assert "word/stylesWithEffects.xml" not in package.namelist()


def test_a_title_longer_than_a_document_property_is_cut_there():
    letter = load.load(ROOT / "tests" / "data" / "real" / "egypt-libya-syria-2010-one-letter-three-addressees.yaml")
    title = doctree.role_text(pipeline.document(letter, "en"), "title")
    assert len(title) > 255
    core = opened(pipeline.render(letter, "en", fmt="docx")).core_properties
    assert len(core.title) == 255 and core.title.endswith("…") and title.startswith(core.title[:-1])
