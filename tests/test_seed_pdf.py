"""The reference letter, read back from its PDFs as a user would check it."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys

import icu
import pytest

from conftest import DATA, ROOT, SAMPLE, fold
from docgen.language import resolve

SEED = (DATA / "seed-fr.txt").read_text(encoding="utf-8")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def seed_corrected() -> str:
    """The seed with its extraction artefacts undone, as documented in the sample's header; its
    straight apostrophes are the extraction's too: issued documents print "l’Organisation" (issue 11)."""
    return SEED.replace("M^{me}", "Mme").replace("Comptereudu", "Compte rendu").replace("'", "’")


def test_french_pdf_reproduces_the_seed_word_for_word(pdfs):
    seed, ours = words(seed_corrected()), words(pdfs["fr"].text)
    ratio = difflib.SequenceMatcher(None, seed, ours, autojunk=False).ratio()
    assert ratio >= 0.98, ratio
    # What differs is only page furniture (masthead, running heads, footer), never the text.
    sm = difflib.SequenceMatcher(None, seed, ours, autojunk=False)
    lost = [seed[i1:i2] for op, i1, i2, _, _ in sm.get_opcodes() if op in ("delete", "replace")]
    assert lost == []


def test_every_character_of_the_seed_extracts_as_itself(pdfs):
    text = pdfs["fr"].text
    wanted = set(seed_corrected()) - set(" \n*^{}-")
    missing = sorted(c for c in wanted if c not in text)
    assert missing == []
    assert "Mirsada Čolaković" in fold(text)


ENGLISH = [
    "United Nations",
    "A/64/868–S/2010/402",
    "General Assembly",
    "Security Council",
    "Distr.: General",
    "23 July 2010",
    "Original: English",
    "Sixty-fourth session",
    "Sixty-fifth year",
    "Agenda items 10 and 33",
    "Report of the Peacebuilding Commission",
    "Letter dated 22 July 2010 from the Permanent Representative of Portugal to the United Nations "
    "addressed to the Secretary-General",
    "I should be grateful if you would have the present letter and its annexes circulated as a document "
    "of the sixty-fourth session of the General Assembly, under agenda items 10 and 33, and of the "
    "Security Council.",
    "(Signed) José Filipe de Moraes Cabral",
    "Annex I to the letter dated 22 July 2010 from the Permanent Representative of Portugal to the "
    "United Nations addressed to the Secretary-General",
    "Annex II to the letter dated 22 July 2010",
    "List of participants",
    "7 July 2010",
    "Portugal, 8–10 July 2010",
    "Guests of honour",
    "Mr. Atul Khare",
    "Ambassador Baso Sangqu (South Africa)",
    "Ms. Mirsada Čolaković, Deputy Permanent Representative (Bosnia and Herzegovina)",
    "Colonel Enusah Abdulai",
    "10-46398 (E)",
    "*1046398*",
]

FRENCH = [
    "Nations Unies",
    "Assemblée générale",
    "Conseil de sécurité",
    "Distr. générale",
    "23 juillet 2010",
    "Français",
    "Original : anglais",
    "Soixante-quatrième session",
    "Soixante-cinquième année",
    "Points 10 et 33 de l’ordre du jour",
    "Lettre datée du 22 juillet 2010, adressée au Secrétaire général par le Représentant permanent du "
    "Portugal auprès de l’Organisation des Nations Unies",
    "Je vous serais donc obligé de bien vouloir faire distribuer le texte de la présente lettre et de ses "
    "annexes comme document de la soixante-quatrième session de l’Assemblée générale, au titre des "
    "points 10 et 33 de l’ordre du jour, et du Conseil de sécurité.",
    "L’Ambassadeur (Signé) José Filipe de Moraes Cabral",
    "Annexe I à la lettre datée du 22 juillet 2010 adressée au Secrétaire général par le Représentant "
    "permanent du Portugal auprès de l’Organisation des Nations Unies",
    "Liste des participants",
    "Portugal, 8-10 juillet 2010",
    "Invités d’honneur",
    "M. l’Ambassadeur Baso Sangqu (Afrique du Sud)",
    "Mme l’Ambassadrice Anne Anderson (Irlande)",
    "Mme Rona Meleisea, Représentante permanente adjointe (Samoa)",
    "10-46399 (F)",
    "*1046399*",
]


@pytest.mark.parametrize(("lang", "expected"), [("en", ENGLISH), ("fr", FRENCH)])
def test_generated_wording(pdfs, lang, expected):
    text = pdfs[lang].folded()
    missing = [s for s in expected if fold(s) not in text]
    assert missing == []


@pytest.mark.parametrize(
    ("lang", "items"),
    [
        (
            "en",
            [
                "United Nations",
                "A/64/868–S/2010/402",
                "General Assembly",
                "Security Council",
                "Distr.: General",
                "23 July 2010",
                "Original: English",
                "Sixty-fourth session",
                "Sixty-fifth year",
                "10-46398 (E) 260710",
            ],
        ),
        (
            "fr",
            [
                "Nations Unies",
                "A/64/868–S/2010/402",
                "Assemblée générale",
                "Conseil de sécurité",
                "Distr. générale",
                "23 juillet 2010",
                "Français",
                "Original : anglais",
                "Soixante-quatrième session",
                "Soixante-cinquième année",
                "10-46399 (F) 280710",
            ],
        ),
    ],
)
def test_masthead_and_footer_are_on_page_one(pdfs, lang, items):
    first = pdfs[lang].folded(0)
    assert [i for i in items if i not in first] == []
    assert "Français" not in pdfs["en"].folded(0)


def delegations(text: str) -> list[str]:
    """Countries of the delegations, in the order the PDF lists them."""
    listing = text.split("Guests of honour")[0].split("Invités d’honneur")[0]
    return re.findall(r"\(([^()]+)\)\s*$", listing, flags=re.M)[-26:]


@pytest.mark.parametrize(("lang", "first", "locale"), [("en", "Bangladesh", "en_GB"), ("fr", "Afrique du Sud", "fr")])
def test_participants_come_in_the_collation_order_of_the_language(pdfs, lang, first, locale):
    countries = delegations(pdfs[lang].text)
    assert len(countries) == 26
    assert countries[0] == first
    collator = icu.Collator.createInstance(icu.Locale(locale))
    assert countries == sorted(countries, key=collator.getSortKey)


def test_french_accented_names_sort_among_their_letter(pdfs):
    countries = delegations(pdfs["fr"].text)
    assert (
        countries.index("Cap-Vert") < countries.index("Égypte") < countries.index("Éthiopie") < countries.index("Fidji")
    )
    assert countries[-1] == "Tunisie"


def placed(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text on a page, from the PDF’s own text operators."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


def reportlab_pdfs(pdfs):
    """The editions laid out by reportlab (the typst editions, ar and zh: tests/test_typst.py)."""
    return {lang: pdf for lang, pdf in pdfs.items() if resolve(lang).engine == "reportlab"}


def test_later_pages_have_running_heads_on_alternating_sides_and_page_numbers(pdfs):
    symbol = "A/64/868–S/2010/402"
    for lang, pdf in reportlab_pdfs(pdfs).items():
        mirrored = resolve(lang).direction == "rtl"
        for number, page in enumerate(pdf.reader.pages[1:], start=2):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            texts = placed(page)
            head = [(x, y) for t, x, y in texts if t == symbol]
            foot = [(x, y) for t, x, y in texts if t == str(number)]
            assert head and head[0][1] > height - 60, number
            assert foot and foot[0][1] < 60, number
            outer_right = (number % 2 == 1) != mirrored
            assert (head[0][0] > width / 2) == outer_right, number
            assert (foot[0][0] > width / 2) == outer_right, number
        assert symbol not in [t for t, _, y in placed(pdf.reader.pages[0]) if y > height - 60][1:]


def test_annexes_start_on_new_pages(pdfs):
    for lang, annex in (("en", "Annex"), ("fr", "Annexe")):
        pages = [fold(p) for p in pdfs[lang].pages]
        starts = [i for i, p in enumerate(pages) if re.match(rf"A/64/868–S/2010/402 \d+ {annex} I", p)]
        assert len(starts) == 2, (lang, starts)  # Annex I and Annex II each open a page
        assert f"{annex} II " in pages[starts[1]][:40]


def test_numbered_paragraphs_run_through_each_text(pdfs):
    text = pdfs["fr"].text
    summary = text.split("Compte rendu")[1].split("Annexe II")[0]
    numbers = [int(n) for n in re.findall(r"^(\d+)\.\s", summary, flags=re.M)]
    # paragraphs 1..18, headings 1..3 numbered on their own
    assert [n for n in numbers if n > 3] == list(range(4, 19))
    assert "a) L’articulation entre le maintien et la consolidation de la paix" in fold(summary)
    assert "(a) The link between peacekeeping and peacebuilding" in pdfs["en"].folded()


def test_french_spaces_never_break_a_line(pdfs):
    lines = [line.strip() for page in pdfs["fr"].pages for line in page.splitlines()]
    assert [line for line in lines if line and line[0] in ";:!?»"] == []
    assert [line for line in lines if line.endswith("«")] == []
    # U+202F before ; ! ? extracts as itself; reportlab draws U+00A0 (before : and inside « »)
    # as a stretchable space, so it extracts as a space, the line still unbroken there.
    text = pdfs["fr"].text
    assert "Membres\u202f; aussi" in text
    assert "« double appropriation »" in fold(text)
    assert "ci-après :" in fold(text)


def test_every_font_is_an_embedded_subset(pdfs):
    for pdf in reportlab_pdfs(pdfs).values():
        fonts = {}
        for page in pdf.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                fonts[font["/BaseFont"]] = font
        assert fonts
        for name, font in fonts.items():  # Liberation Serif; Amiri and Noto Serif CJK in ar and zh
            assert re.match(r"/[A-Z]{6}\+(LiberationSerif|Amiri|NotoSerifCJK)", name), name
            if "/DescendantFonts" in font:  # a composite font: its outlines are its descendant's
                font = font["/DescendantFonts"][0].get_object()
            assert {"/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"]), name


def test_metadata(pdfs):
    meta = pdfs["fr"].reader.metadata
    assert meta.title.startswith("Lettre datée du 22 juillet 2010, adressée au Secrétaire général")
    assert meta.author == "Mission permanente du Portugal auprès de l’Organisation des Nations Unies"
    assert meta.subject == "A/64/868–S/2010/402"
    assert "Conseil de sécurité" in meta["/Keywords"]
    assert pdfs["fr"].reader.trailer["/Root"]["/Lang"] == "fr"
    assert pdfs["en"].reader.trailer["/Root"]["/Lang"] == "en"


def build(tmp, *args, env=None):
    import os

    return subprocess.run(
        [sys.executable, "-m", "docgen", "build", str(SAMPLE), "--out", str(tmp), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=True,
    )


def test_builds_are_byte_identical_and_honour_source_date_epoch(tmp_path):
    build(tmp_path / "a", env={"SOURCE_DATE_EPOCH": "1279843200"})
    build(tmp_path / "b", env={"SOURCE_DATE_EPOCH": "1279843200"})
    stem = SAMPLE.stem
    for lang in ("en", "fr"):
        a = (tmp_path / "a" / stem / f"{lang}.pdf").read_bytes()
        assert a == (tmp_path / "b" / stem / f"{lang}.pdf").read_bytes()
        assert b"/CreationDate (D:20100723000000+00'00')" in a


def test_build_without_epoch_is_reproducible(tmp_path, pdfs):
    build(tmp_path, "--lang", "fr", env={"SOURCE_DATE_EPOCH": ""})
    assert (tmp_path / SAMPLE.stem / "fr.pdf").read_bytes() == pdfs["fr"].data
    assert not (tmp_path / SAMPLE.stem / "en.pdf").exists()


def test_us_letter_paper(tmp_path):
    from pypdf import PdfReader

    build(tmp_path, "--paper", "letter", "--lang", "en")
    box = PdfReader(tmp_path / SAMPLE.stem / "en.pdf").pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)
