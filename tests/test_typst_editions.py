"""The Typst editions as a reader sees them: the seed letter in Arabic and Chinese (Typst by
default) and in English and French with `--engine typst`, page 1 with a provisional agenda's
note, read back with pypdf (where each run of text stands) and rendered (what is drawn where)."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import SAMPLE
from docgen import housestyle as hs
from docgen import load, pipeline

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
    text = SAMPLE.read_text(encoding="utf-8")
    marker = "general-assembly:"
    assert text.count(f"\n{marker}") == 1
    text = text.replace(f"\n{marker}", f"\n{marker}\n  provisional-agenda: A/64/150\n  #", 1)
    path = tmp_path_factory.mktemp("provisional") / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    letter = load.load(path)
    return {lang: pipeline.render(letter, lang, engine="typst") for lang in EDITIONS}


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
