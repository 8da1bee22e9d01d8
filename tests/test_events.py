"""Issue 11, items 3 and 4: date ranges as each language writes them, the place-and-date line
of a text, and an author's "*" notes on titles, read back from the PDFs a user gets."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from pypdf import PdfReader

from docgen import load, pipeline
from docgen.language import resolve
from docgen.translation import fingerprint

D = dt.date


@pytest.mark.parametrize(
    ("code", "start", "end", "dash", "prose"),
    [
        ("en", D(2010, 7, 8), D(2010, 7, 10), "8–10 July 2010", "from 8 to 10 July 2010"),
        ("en", D(2010, 6, 30), D(2010, 7, 2), "30 June–2 July 2010", "from 30 June to 2 July 2010"),
        ("en", D(2012, 12, 30), D(2013, 1, 2), "30 December 2012–2 January 2013", None),
        ("en", D(2012, 11, 15), D(2012, 11, 16), "15 and 16 November 2012", "15 and 16 November 2012"),
        ("fr", D(2010, 7, 8), D(2010, 7, 10), "8-10 juillet 2010", "du 8 au 10 juillet 2010"),
        ("fr", D(2010, 6, 30), D(2010, 7, 2), "30 juin-2 juillet 2010", "du 30 juin au 2 juillet 2010"),
        ("fr", D(2010, 7, 1), D(2010, 7, 3), "1er-3 juillet 2010", "du 1er au 3 juillet 2010"),
        (
            "es",
            D(2010, 6, 30),
            D(2010, 7, 2),
            "30 de junio a 2 de julio de 2010",
            "del 30 de junio al 2 de julio de 2010",
        ),
        ("es", D(2003, 5, 5), D(2003, 5, 9), "5 a 9 de mayo de 2003", "del 5 al 9 de mayo de 2003"),
        ("ru", D(2010, 6, 30), D(2010, 7, 2), "30 июня – 2 июля 2010 года", "с 30 июня по 2 июля 2010 года"),
        ("ru", D(2012, 12, 30), D(2013, 1, 2), "30 декабря 2012 года – 2 января 2013 года", None),
        ("ar", D(2010, 6, 30), D(2010, 7, 2), "من 30 حزيران/يونيه إلى 2 تموز/يوليه 2010", None),
        ("zh", D(2010, 6, 30), D(2010, 7, 2), "2010年6月30日至7月2日", "2010年6月30日至7月2日"),
        ("zh", D(2012, 12, 30), D(2013, 1, 2), "2012年12月30日至2013年1月2日", None),
    ],
)
def test_date_ranges_as_each_language_writes_them(code, start, end, dash, prose):
    lang = resolve(code)
    assert lang.date_range(start, end) == dash
    if prose:
        assert lang.date_range(start, end, "prose") == prose


def _text(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "fr-from": fingerprint(en)}


LETTER = {
    "docgen": 1,
    "original": "en",
    "languages": ["en", "fr"],
    "symbols": ["A/65/992", "S/2010/992"],
    "issued": "2010-08-25",
    "jobs": {"en": {"number": "10-49103", "date": "2010-08-26"}, "fr": {"number": "10-49104", "date": "2010-08-30"}},
    "date": "2010-08-20",
    "from": {"country": "PT", "role": "permanent-representative", "gender": "m", "name": "João Exemplo"},
    "to": ["secretary-general"],
    "general-assembly": {
        "session": 65,
        "provisional-agenda": "A/65/150",
        "items": [{"number": 33, "title": _text("Peacekeeping operations", "Opérations de maintien de la paix")}],
    },
    "security-council": {},
    "title-note": _text("Reissued for technical reasons.", "Nouveau tirage pour raisons techniques."),
    "body": [_text("I have the honour to transmit the conclusions.", "J'ai l'honneur de transmettre les conclusions.")],
    "annexes": [
        {
            "heading-note": _text(
                "Circulated in the language of submission only.", "Distribué dans la langue de l'original."
            ),
            "parts": [
                {
                    "event": {
                        "kind": _text("Workshop", "Atelier"),
                        "title": _text("Training of police", "Formation de la police"),
                        "title-note": _text("Organized with UNITAR.", "Organisé avec l'UNITAR."),
                        "city": _text("Lisbon", "Lisbonne"),
                        "place": "PT",
                        "start": "2010-06-30",
                        "end": "2010-07-02",
                    }
                },
                {
                    "text": {
                        "title": _text("Conclusions of the meeting", "Conclusions de la réunion"),
                        "title-note": _text("Adopted by consensus.", "Adoptées par consensus."),
                        "paragraphs": [
                            {"dateline": {"city": _text("Miyazaki", "Miyazaki"), "date": "2000-07-13"}},
                            _text(
                                "We, the ministers, met in Miyazaki.",
                                "Nous, les ministres, nous sommes réunis à Miyazaki.",
                            ),
                        ],
                    }
                },
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], PdfReader]:
    path = tmp_path_factory.mktemp("events") / "events.yaml"
    path.write_text(yaml.safe_dump(LETTER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    letter = load.load(path)
    out = {}
    for lang in ("en", "fr"):
        for engine in ("reportlab", "typst"):
            pdf = path.parent / f"{lang}-{engine}.pdf"
            pdf.write_bytes(pipeline.render(letter, lang, engine=engine))
            out[lang, engine] = PdfReader(pdf)
    return out


def _page(reader: PdfReader, n: int) -> str:
    return re.sub(r"\s+", " ", reader.pages[n].extract_text())


ENGINES = ("reportlab", "typst")


@pytest.mark.parametrize("engine", ENGINES)
def test_the_event_prints_a_range_across_months(built, engine):
    assert "Lisbon, Portugal, 30 June–2 July 2010" in _page(built["en", engine], 1)
    assert "Lisbonne, Portugal, 30 juin-2 juillet 2010" in _page(built["fr", engine], 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_note_on_the_letter_title_is_marked_after_the_agenda_asterisk(built, engine):
    page = _page(built["en", engine], 0)
    assert "* A/65/150." in page
    assert "** Reissued for technical reasons." in page
    title = page.index("Letter dated 20 August 2010")
    assert "addressed to the Secretary-General**" in page[title:]


@pytest.mark.parametrize("engine", ENGINES)
def test_notes_on_an_annex_heading_and_its_titles_are_starred_in_order(built, engine):
    page = _page(built["fr", engine], 1)
    assert "* Distribué dans la langue de l’original." in page
    assert "Formation de la police**" in page
    assert "** Organisé avec l’UNITAR." in page
    assert "Conclusions de la réunion***" in page
    assert re.search(r"\*\*\* ?Adoptées par consensus\.", page)
    assert not re.search(r"\d Distribué|\d Organisé", page)  # starred, not numbered


def _line(reader: PdfReader, page: int, start: str) -> list[float]:
    """The x of each run of text on a page that starts with `start` (where its line starts)."""
    xs: list[float] = []

    def visit(t, cm, tm, font, size):
        if t.strip().startswith(start):
            xs.append(tm[4] * cm[0] + cm[4])

    reader.pages[page].extract_text(visitor_text=visit)
    return xs


@pytest.mark.parametrize("engine", ENGINES)
def test_the_place_and_date_line_is_printed_flush_left_unnumbered(built, engine):
    en, fr = _page(built["en", engine], 1), _page(built["fr", engine], 1)
    assert "Miyazaki, 13 July 2000 We, the ministers" in en
    assert "Miyazaki, 13 juillet 2000 Nous, les ministres" in fr
    assert not re.search(r"\d\.? Miyazaki", en)  # no paragraph number
    dateline = min(_line(built["en", engine], 1, "Miyazaki"))
    paragraph = min(_line(built["en", engine], 1, "We,"))
    assert abs(dateline - paragraph) < 1  # at the text's own edge, as the paragraph below it


def test_a_title_note_needs_a_title(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(LETTER))
    del data["annexes"][0]["parts"][1]["text"]["title"]
    path = tmp_path / "l.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(load.LetterError) as e:
        load.load(path)
    assert "title-note" in str(e.value) and "title" in str(e.value)


def test_every_writer_carries_the_dateline_and_the_notes(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(LETTER, allow_unicode=True, sort_keys=False), encoding="utf-8")
    letter = load.load(path)
    for fmt in ("html", "akn"):
        out = pipeline.render(letter, "en", fmt=fmt).decode()
        assert "Miyazaki, 13 July 2000" in out, fmt
        assert "Reissued for technical reasons." in out, fmt
        assert "Adopted by consensus." in out, fmt
    import io
    import zipfile

    docx = zipfile.ZipFile(io.BytesIO(pipeline.render(letter, "en", fmt="docx")))
    body = docx.read("word/document.xml").decode() + docx.read("word/footnotes.xml").decode()
    for text in ("Miyazaki, 13 July 2000", "Reissued for technical reasons.", "Adopted by consensus."):
        assert text in body
    assert '"**"' in body or ">**<" in body  # the note's mark is the asterisks, not a number


def test_a_dateline_without_its_date_says_what_is_missing_inside_it(tmp_path):
    data = yaml.safe_load(yaml.safe_dump(LETTER))
    del data["annexes"][0]["parts"][1]["text"]["paragraphs"][0]["dateline"]["date"]
    path = tmp_path / "l.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(load.LetterError) as e:
        load.load(path)
    assert [str(p).split(": error: ")[1] for p in e.value.problems] == [
        "annexes[0].parts[1].text.paragraphs[0].dateline: missing required key 'date'"
    ]
