"""The Typst editions as a reader sees them: the seed letter in Arabic and Chinese (Typst by
default) and in English and French with `--engine typst`, page 1 with a provisional agenda's
note, read back with pypdf (where each run of text stands) and rendered (what is drawn where)."""

from __future__ import annotations

import io
import re

import pytest
import yaml
from babel import Locale
from babel.messages.pofile import read_po
from pypdf import PdfReader

from conftest import ROOT, SAMPLE
from docgen import fonts, load, pipeline, resources, writers
from docgen import housestyle as hs
from docgen.doctree import Para, Text, find, role_text

EDITIONS = ["ar", "zh", "en", "fr"]  # ar and zh on their own engine, en and fr with --engine typst


def runs(page) -> list[tuple[str, float, float]]:  # type: ignore[no-untyped-def]
    """Each run of text on a page: (text, x, y of its baseline), in points from the bottom left."""
    out: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return out


@pytest.fixture(scope="module")
def provisional(tmp_path_factory) -> dict[str, bytes]:
    """The seed, its items on the provisional agenda A/64/150: page 1 carries the note "* A/64/150."."""
    letter = provisional_seed(tmp_path_factory.mktemp("provisional"))
    return {lang: pipeline.render(letter, lang, engine="typst") for lang in EDITIONS}


def provisional_seed(folder):  # type: ignore[no-untyped-def]
    text = SAMPLE.read_text(encoding="utf-8")
    marker = "general-assembly:"
    assert text.count(f"\n{marker}") == 1
    text = text.replace(f"\n{marker}", f"\n{marker}\n  provisional-agenda: A/64/150\n  #", 1)
    (folder / "seed.yaml").write_text(text, encoding="utf-8")
    return load.load(folder / "seed.yaml")


@pytest.mark.parametrize("lang", EDITIONS)
def test_page_ones_note_ends_above_the_job_number_and_barcode(provisional, lang):
    """The note's last line stands above the room page 1 keeps for the job number, barcode and
    QR code (as the reportlab writer keeps it), and above the job number's first line."""
    page = PdfReader(io.BytesIO(provisional[lang])).pages[0]
    spots = runs(page)
    note = [y for text, _, y in spots if "64/150" in text]
    job = [y for text, _, y in spots if re.search(r"\b10-\d{5}\b", text)]  # the job number
    assert note and job, spots[-6:]
    assert min(note) >= hs.PAGE.first_bottom - 0.01
    assert min(note) > max(job) + hs.FURNITURE.job_size


def test_the_arabic_note_reads_from_the_right(provisional):
    """A mirrored page's note stands at the start edge, the right, as its rule does."""
    page = PdfReader(io.BytesIO(provisional["ar"])).pages[0]
    middle = float(page.mediabox.width) / 2
    assert all(x > middle for text, x, _ in runs(page) if "64/150" in text)


@pytest.mark.parametrize("lang", EDITIONS)
def test_nothing_is_drawn_in_the_side_margins_of_page_one(provisional, lang):
    """The barcode, QR code, recycling mark and emblem stay inside the margins, in a mirrored
    page too (shapes placed from the start edge would run off an Arabic page)."""
    import pypdfium2

    page = pypdfium2.PdfDocument(provisional[lang])[0]
    image = page.render(scale=1).to_pil().convert("L")  # 1 pixel per point
    margin = round(hs.PAGE.margin_x) - 2
    width, height = image.size
    for box in ((0, 0, margin, height), (width - margin, 0, width, height)):
        assert image.crop(box).getextrema()[0] > 200, (lang, box)  # no dark pixel


def test_the_chinese_signatures_title_is_one_line(provisional):
    """ "大使" (Ambassador) under the name, on one line: not a character per line."""
    lines = PdfReader(io.BytesIO(provisional["zh"])).pages[0].extract_text().splitlines()
    signed = next(i for i, line in enumerate(lines) if line.startswith("（签名）"))
    assert lines[signed + 1] == "大使", lines[signed:]


def test_a_chinese_title_of_two_lines_keeps_its_lines(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").replace("    zh: 大使\n", "    zh: |-\n      大使\n      常驻代表\n", 1)
    path = tmp_path / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    pdf = pipeline.render(load.load(path), "zh", allow_incomplete=True)
    lines = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()
    signed = next(i for i, line in enumerate(lines) if line.startswith("（签名）"))
    assert lines[signed + 1 : signed + 3] == ["大使", "常驻代表"]


def test_chinese_sets_no_space_between_hanzi_and_digits(provisional):
    """As issued Chinese documents print them (docs/house-style.md): "议程项目10和33", and the
    text a reader copies or searches has no space that the letter does not have."""
    text = PdfReader(io.BytesIO(provisional["zh"])).pages[0].extract_text()
    assert "临时议程项目10和33" in text
    assert "José Filipe de Moraes Cabral" in text and "10 和" not in text


# --- fonts: only docgen's own, each character from the face that should draw it -------------


def our_fonts() -> set[str]:
    """The PostScript names of the font files docgen ships (docgen/fonts/fonts.yaml)."""
    table = yaml.safe_load((resources.FONTS / "fonts.yaml").read_text(encoding="utf-8"))
    return {fonts._font(path).name.decode() for name in table["families"] for path in fonts.family(name).faces.values()}


def embedded(pdf: bytes) -> set[str]:
    """The fonts a PDF embeds, on its pages and in their forms, without the subset tag."""
    names: set[str] = set()

    def walk(resources) -> None:  # type: ignore[no-untyped-def]
        resources = resources.get_object() if resources else {}
        for font in (resources.get("/Font") or {}).values():
            names.add(re.sub(r"^[A-Z]{6}\+|-Identity-H$", "", str(font.get_object()["/BaseFont"])[1:]))
        for form in (resources.get("/XObject") or {}).values():
            walk(form.get_object().get("/Resources"))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        walk(page.get("/Resources"))
    return names


@pytest.fixture(scope="module")
def samples() -> dict[tuple[str, str], tuple[bytes, str]]:
    """Every language version of every sample letter, through Typst: (PDF, its symbol)."""
    out = {}
    for path in sorted((ROOT / "letters").glob("*.yaml")):
        letter = load.load(path)
        for lang in letter.languages:
            blocks = pipeline.document(letter, lang, allow_incomplete=True)
            pdf = pipeline.write(blocks, lang, writers.find("pdf", "typst"), date=letter.date)
            out[path.stem, lang] = pdf, role_text(blocks, "symbol")
    return out


def test_every_typst_edition_of_the_samples_embeds_only_our_fonts(samples):
    """No font of Typst's own (Libertinus Serif, New Computer Modern) stands in for a glyph."""
    ours = our_fonts()
    foreign = {key: embedded(pdf) - ours for key, (pdf, _) in samples.items()}
    assert {key: names for key, names in foreign.items() if names} == {}
    assert {("portugal-2010-peacekeeping-seminar", lang) for lang in ("ar", "zh")} <= set(samples)


def test_the_running_head_is_one_run_of_text_on_every_later_page(samples):
    """The symbol over the rule of pages 2 and after is one run of text a reader's tools find
    (in Chinese its dash was set apart, in the Chinese face)."""
    head = hs.FURNITURE.head_from_top
    for key, (pdf, symbol) in samples.items():
        if not symbol:  # a draft has none yet
            continue
        for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages[1:], 2):
            top = float(page.mediabox.height) - head
            assert [t for t, _, y in runs(page) if abs(y - top) < 1] == [symbol], (key, number)


def test_the_middle_dot_of_a_chinese_name_is_the_chinese_faces(provisional):
    """ "阿图尔·卡雷": "·" is punctuation Chinese and Latin share, drawn by the Chinese face."""
    dots: list[str] = []

    def visit(text, cm, tm, font, size):  # type: ignore[no-untyped-def]
        if "·" in text and font is not None:
            dots.append(str(font["/BaseFont"]))

    PdfReader(io.BytesIO(provisional["zh"])).pages[0].extract_text(visitor_text=visit)
    assert dots and all("NotoSerifCJK" in name for name in dots), dots


def test_shared_punctuation_counts_only_in_the_chinese_face():
    """What the check accepts is what Typst draws: a character of `shared:` is covered only when
    the Chinese face has it, whatever Liberation Serif has."""
    song, serif = fonts.family("song"), fonts.family("serif")
    assert song.shared and all(serif.covers(ord(ch)) for ch in "·–“")
    faces = [fonts._codepoints(p) for p in song.faces.values()]
    assert all(ord(ch) in face for ch in song.shared for face in faces)  # tools/subset_cjk.py keeps them
    assert fonts.missing("阿图尔·卡雷", "zh") == []


def test_docgens_wording_in_every_language_is_drawn_by_its_fonts():
    """Catalogs, language facts, country names (the UN's and CLDR's) and month names: every
    character is one the language's fonts draw (the loader checks only a letter's own texts)."""
    lost = {}
    for lang in ("en", "fr", "es", "ru", "ar", "zh"):
        folder = resources.LOCALES / lang
        with (folder / "LC_MESSAGES" / "docgen.po").open("rb") as po:
            texts = [s for m in read_po(po) for s in (m.string if isinstance(m.string, tuple) else [m.string]) if s]
        for name in ("language.yaml", "countries.yaml"):
            texts += strings(yaml.safe_load((folder / name).read_text(encoding="utf-8")))
        locale = Locale.parse(lang)
        texts += [*locale.territories.values(), *locale.months["format"]["wide"].values()]
        for text in texts:
            for ch in fonts.missing(text, lang):
                lost.setdefault((lang, ch), text)
    assert lost == {}


def strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [s for v in values for s in strings(v)]


def test_a_character_its_font_lacks_in_generated_wording_stops_the_build(letter):
    """Typst's fallback is off; the writer names the character rather than print a blank box."""
    blocks = pipeline.document(letter, "zh", allow_incomplete=True)
    title = find(blocks, "title")
    assert title is not None and isinstance(title.children[0], Para)
    title.children[0].inlines.append(Text("\u2e3b"))  # THREE-EM DASH: in no font of ours
    with pytest.raises(
        ValueError, match=r"the zh edition prints '\u2e3b' \(U\+2E3B\), which its font Noto Serif CJK SC"
    ):
        pipeline.write(blocks, "zh", writers.find("pdf", "typst"))


def test_a_note_stands_where_the_reportlab_writer_sets_it(provisional, tmp_path):
    """The note's mark and text start at the same place in both engines: the text at the body's
    indent, the mark hanging before it (the Typst writer once added the indent twice)."""
    reportlab = pipeline.render(provisional_seed(tmp_path), "en", engine="reportlab")

    def note(pdf: bytes) -> list[float]:
        spots = runs(PdfReader(io.BytesIO(pdf)).pages[0])
        return sorted(round(x) for t, x, y in spots if y < hs.PAGE.first_bottom + 20 and t in ("*", "A/64/150."))

    assert note(provisional["en"]) == note(reportlab)
