"""The variants of letters missions send: each sample in letters/ built in both languages and
read back from its PDFs, as a user would check the generated wording."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from test_properties import TEXT, VALUE, build, mutate, paths

from conftest import ROOT, Pdf, curly, fold
from docgen import load, pipeline
from docgen.compose import compose
from docgen.diagnostics import LetterError
from docgen.doctree import block_text, find
from docgen.language import resolve
from docgen.markup import parse
from docgen.model import Sender

LETTERS = ROOT / "letters"
SAMPLES = {
    "france": "france-2011-charge-d-affaires",
    "philippines": "philippines-2010-identical-letters",
    "palestine": "palestine-2018-emergency-special-session",
    "joint": "joint-2012-water-cooperation",
    "rule-of-law": "netherlands-switzerland-2013-rule-of-law",
    "draft": "mexico-2024-draft-concept-note",
    "sixty": "egypt-2009-sixty-agenda-items",
}


def read(data: bytes) -> Pdf:
    return Pdf(data, PdfReader(io.BytesIO(data)))


@pytest.fixture(scope="module")
def built() -> dict[str, dict[str, Pdf]]:
    out: dict[str, dict[str, Pdf]] = {}
    for key, stem in SAMPLES.items():
        letter = load.load(LETTERS / f"{stem}.yaml")
        assert sorted(letter.languages) == ["en", "fr"], stem
        out[key] = {lang: read(pipeline.render(letter, lang)) for lang in letter.languages}
    return out


def missing(pdf: Pdf, expected: list[str], page: int | None = None) -> list[str]:
    text = pdf.folded(page)
    return [s for s in expected if fold(s) not in text]


def test_every_sample_in_letters_is_covered():
    six = {"chile-2011-disaster-risk-reduction", "jordan-2012-refugee-education"}  # tests/test_six_languages.py
    assert {p.stem for p in LETTERS.glob("*.yaml")} == {*SAMPLES.values(), "portugal-2010-peacekeeping-seminar", *six}


# --- 1. addressees -------------------------------------------------------------------------------

WORDING = {
    ("philippines", "en"): [
        "Identical letters dated 20 August 2010 from the Permanent Representative of the Philippines to the "
        "United Nations addressed to the Secretary-General and the President of the Security Council",
        "Annex to the identical letters dated 20 August 2010 from the Permanent Representative of the "
        "Philippines to the United Nations addressed to the Secretary-General and the President of the "
        "Security Council",
        "I should be grateful if you would have the present letter and its annex circulated as a document of "
        "the sixty-fifth session of the General Assembly, under items 33 and 69 (c) of the provisional agenda, "
        "and of the Security Council.",
        "(Signed) Lourdes Halimbawa Ambassador",
    ],
    ("philippines", "fr"): [
        "Lettres identiques datées du 20 août 2010, adressées au Secrétaire général et au Président du Conseil "
        "de sécurité par la Représentante permanente des Philippines auprès de l’Organisation des Nations Unies",
        "Annexe aux lettres identiques datées du 20 août 2010 adressées au Secrétaire général et au Président "
        "du Conseil de sécurité par la Représentante permanente des Philippines",
        "Je vous serais donc obligée de bien vouloir faire distribuer le texte de la présente lettre et de son "
        "annexe comme document de la soixante-cinquième session de l’Assemblée générale, au titre des points 33 "
        "et 69 c) de l’ordre du jour provisoire, et du Conseil de sécurité.",
        "L’Ambassadrice (Signé) Lourdes Halimbawa",
    ],
    ("palestine", "en"): [
        "Letter dated 5 June 2018 from the Permanent Observer of the State of Palestine to the United Nations "
        "addressed to the President of the General Assembly",
        "I should be grateful if you would have the present letter circulated as a document of the tenth "
        "emergency special session of the General Assembly, under agenda item 5.",
        "(Signed) Karim Mithal Ambassador Permanent Observer of the State of Palestine to the United Nations",
    ],
    ("palestine", "fr"): [
        "Lettre datée du 5 juin 2018, adressée au Président de l’Assemblée générale par l’Observateur permanent "
        "de l’État de Palestine auprès de l’Organisation des Nations Unies",
        "Je vous serais donc obligé de bien vouloir faire distribuer le texte de la présente lettre comme "
        "document de la dixième session extraordinaire d’urgence de l’Assemblée générale, au titre du point 5 "
        "de l’ordre du jour.",
        "L’Ambassadeur, Observateur permanent de l’État de Palestine auprès de l’Organisation des Nations Unies "
        "(Signé) Karim Mithal",
    ],
    ("france", "fr"): [
        "Lettre datée du 3 mai 2011, adressée au Président du Conseil de sécurité par le Chargé d’affaires par "
        "intérim de la Mission permanente de la France auprès de l’Organisation des Nations Unies",
        "Je vous serais donc obligé de bien vouloir faire distribuer le texte de la présente lettre et de son "
        "annexe comme document du Conseil de sécurité.",
        "Le Chargé d’affaires par intérim (Signé) Martin Exemple",
        "Annexe à la lettre datée du 3 mai 2011 adressée au Président du Conseil de sécurité par le Chargé "
        "d’affaires par intérim de la Mission permanente de la France",
    ],
    ("france", "en"): [
        "Letter dated 3 May 2011 from the Chargé d’affaires a.i. of the Permanent Mission of France to the "
        "United Nations addressed to the President of the Security Council",
        "I should be grateful if you would have the present letter and its annex circulated as a document of "
        "the Security Council.",
        "(Signed) Martin Exemple Chargé d’affaires a.i.",
    ],
    ("joint", "en"): [
        "Letter dated 15 October 2012 from the representatives of Canada, Germany, Ireland and Israel to the "
        "United Nations addressed to the Secretary-General",
        "We should be grateful if you would have the present letter and its annex circulated as a document of "
        "the sixty-seventh session of the General Assembly, under agenda item 20 (a).",
        "Delegations",
        "Ms. Marie Exemple, Chargé d’affaires a.i. (Belgium)",
        "Mr. Kofi Mfano, Deputy Permanent Representative (Ghana)",
        "Ambassador Priya Udaharan (India)",
        "Observers",
        "Ms. Eva Primer, Permanent Observer (European Union)",
        "Mr. Luc Exemple (International Committee of the Red Cross)",
        "Guests of honour",
        "Ms. Amina Mfano",
        "Secretariat",
        "Mr. Jan Voorbeeld",
        "Department of Economic and Social Affairs",
    ],
    ("joint", "fr"): [
        "Lettre datée du 15 octobre 2012, adressée au Secrétaire général par les représentants de l’Allemagne, "
        "du Canada, de l’Irlande et d’Israël auprès de l’Organisation des Nations Unies",
        "Nous vous serions donc obligés de bien vouloir faire distribuer le texte de la présente lettre et de "
        "son annexe comme document de la soixante-septième session de l’Assemblée générale, au titre du "
        "point 20 a) de l’ordre du jour.",
        "Délégations",
        "Mme Marie Exemple, Chargée d’affaires par intérim (Belgique)",
        "M. Kofi Mfano, Représentant permanent adjoint (Ghana)",
        "Mme l’Ambassadrice Priya Udaharan (Inde)",
        "Observateurs",
        "Mme Eva Primer, Observatrice permanente (Union européenne)",
        "M. Luc Exemple (Comité international de la Croix-Rouge)",
        "Invités d’honneur",
        "Secrétariat",
        "Département des affaires économiques et sociales",
    ],
    ("rule-of-law", "en"): [
        "Letter dated 20 November 2013 from the Permanent Representatives of the Netherlands and Switzerland "
        "to the United Nations addressed to the Secretary-General",
        "We should be grateful if you would have the present letter and its annexes circulated as a document "
        "of the sixty-eighth session of the General Assembly, under agenda item 85, and of the Security Council.",
        "Annex I to the letter dated 20 November 2013 from the Permanent Representatives of the Netherlands "
        "and Switzerland",
        "Annex II to the letter dated 20 November 2013",
    ],
    ("rule-of-law", "fr"): [
        "Lettre datée du 20 novembre 2013, adressée au Secrétaire général par les Représentants permanents des "
        "Pays-Bas et de la Suisse auprès de l’Organisation des Nations Unies",
        "Nous vous serions donc obligés de bien vouloir faire distribuer le texte de la présente lettre et de "
        "ses annexes comme document de la soixante-huitième session de l’Assemblée générale, au titre du "
        "point 85 de l’ordre du jour, et du Conseil de sécurité.",
        "Annexe II à la lettre datée du 20 novembre 2013 adressée au Secrétaire général par les Représentants "
        "permanents des Pays-Bas et de la Suisse",
    ],
    ("draft", "en"): [
        "Letter dated 4 March 2024 from the Deputy Permanent Representative of Mexico to the United Nations "
        "addressed to the Secretary-General",
        "(Signed) Lucía Ejemplo Ambassador Deputy Permanent Representative",
    ],
    ("draft", "fr"): [
        "Lettre datée du 4 mars 2024, adressée au Secrétaire général par la Représentante permanente adjointe "
        "du Mexique auprès de l’Organisation des Nations Unies",
        "Je vous serais donc obligée de bien vouloir faire distribuer",
        "L’Ambassadrice, Représentante permanente adjointe (Signé) Lucía Ejemplo",
    ],
    ("sixty", "en"): [
        "Letter dated 5 October 2009 from the Permanent Representative of Egypt to the United Nations addressed "
        "to the Secretary-General",
    ],
    ("sixty", "fr"): [
        "Lettre datée du 5 octobre 2009, adressée au Secrétaire général par le Représentant permanent de "
        "l’Égypte auprès de l’Organisation des Nations Unies",
    ],
}


@pytest.mark.parametrize(("sample", "lang"), sorted(WORDING))
def test_generated_wording(built, sample, lang):
    assert missing(built[sample][lang], WORDING[(sample, lang)]) == []


def test_addressees_are_in_the_house_style_order_whatever_the_order_written(built):
    letter = load.load(LETTERS / f"{SAMPLES['philippines']}.yaml")
    assert letter.addressees == ["president-security-council", "secretary-general"]
    assert "addressed to the Secretary-General and the President of the Security Council" in built["philippines"][
        "en"
    ].folded(0)


# --- 2. organs, sessions and agenda items ----------------------------------------------------------

FIRST_PAGE = {
    ("philippines", "en"): [
        "General Assembly",
        "Sixty-fifth session",
        "Items 33 and 69 (c) of the provisional agenda*",
        "Security Council",
        "Sixty-fifth year",
        "* A/65/150.",
    ],
    ("philippines", "fr"): [
        "Assemblée générale",
        "Soixante-cinquième session",
        "Points 33 et 69 c) de l’ordre du jour provisoire*",
        "Soixante-cinquième année",
        "* A/65/150.",
    ],
    ("palestine", "en"): [
        "A/ES-10/993",
        "Tenth emergency special session",
        "Agenda item 5",
        "Illegal Israeli actions in Occupied East Jerusalem",
    ],
    ("palestine", "fr"): ["Dixième session extraordinaire d’urgence", "Point 5 de l’ordre du jour"],
    ("france", "en"): ["S/2011/992", "Security Council", "English", "Original: French"],
    ("france", "fr"): ["Conseil de sécurité", "Original : français"],
    ("joint", "en"): ["Sixty-seventh session", "Agenda item 20 (a)"],
    ("joint", "fr"): ["Soixante-septième session", "Point 20 a) de l’ordre du jour"],
    ("sixty", "en"): ["Sixty-fourth session", "Agenda items 9, 10, 12,", "85, 86 and 88"],
    ("sixty", "fr"): ["Soixante-quatrième session", "Points 9, 10, 12,", "85, 86 et 88 de l’ordre du jour"],
}


@pytest.mark.parametrize(("sample", "lang"), sorted(FIRST_PAGE))
def test_masthead_and_sessions_on_the_first_page(built, sample, lang):
    assert missing(built[sample][lang], FIRST_PAGE[(sample, lang)], page=0) == []


def test_a_letter_to_one_organ_has_only_its_block(built):
    france = built["france"]["en"].folded(0)
    assert "year" not in france and "General Assembly" not in france  # Security Council alone: no block
    palestine = built["palestine"]["en"].folded(0)
    assert "Original: English Tenth emergency special session Agenda item 5" in palestine  # no heading
    assert "Security Council" not in palestine


def test_the_provisional_agenda_footnote_is_at_the_foot_of_the_first_page(built):
    page = built["philippines"]["en"].reader.pages[0]
    texts = placed(page)
    note = [y for t, _, y in texts if t.startswith("A/65/150.")]
    body = [y for t, _, y in texts if "Halimbawa" in t]
    job = [y for t, _, y in texts if t.startswith("10-49101")]
    assert note and body and job
    assert job[0] < note[0] < body[0]


def test_sixty_agenda_items_run_on_and_the_letter_follows(built):
    letter = load.load(LETTERS / f"{SAMPLES['sixty']}.yaml")
    assert len(letter.general_assembly.items) == 60
    for lang in ("en", "fr"):
        pdf = built["sixty"][lang]
        text = pdf.folded()
        titles = [curly(item.title[lang]) for item in letter.general_assembly.items]
        assert [title for title in titles if fold(title) not in text] == []
        assert "Agenda items 9, 10" in pdf.folded(0) or "Points 9, 10" in pdf.folded(0)
        title_page = next(
            i
            for i, p in enumerate(pdf.pages)
            if "Egypt to the United Nations" in fold(p) or "de l’Égypte auprès" in fold(p)
        )
        assert title_page >= 1  # the items fill the first page
        assert fold(letter.general_assembly.items[-1].title[lang]) in pdf.folded(title_page)
    assert "under agenda items 9, 10, 12, 13, 14, 16" in built["sixty"]["en"].folded()
    assert "84, 85, 86 and 88." in built["sixty"]["en"].folded()


# --- 3. senders and signatures ----------------------------------------------------------------------


def test_joint_signatures_in_english_alphabetical_order_of_country_in_both_versions(built):
    names = ["Claire Exemple", "Hans Beispiel", "Áine Sampla", "David Dugma"]  # Canada, Germany, Ireland, Israel
    for lang in ("en", "fr"):
        text = built["joint"][lang].folded(0)
        assert [text.index(n) for n in names] == sorted(text.index(n) for n in names), lang
    assert "(Signed) Claire Exemple Deputy Permanent Representative of Canada" in built["joint"]["en"].folded(0)
    assert "La Représentante permanente adjointe du Canada (Signé) Claire Exemple" in built["joint"]["fr"].folded(0)


@pytest.mark.parametrize(
    ("country", "role", "genders", "en", "fr"),
    [
        (
            "PH",
            "permanent-representative",
            "f",
            "from the Permanent Representative of the Philippines to the United",
            "par la Représentante permanente des Philippines auprès de",
        ),
        (
            "FR",
            "charge-d-affaires-ai",
            "f",
            "from the Chargé d’affaires a.i. of the Permanent Mission of France",
            "par la Chargée d’affaires par intérim de la Mission permanente de la France auprès de",
        ),
        (
            "IL",
            "deputy-permanent-representative",
            "m",
            "from the Deputy Permanent Representative of Israel",
            "par le Représentant permanent adjoint d’Israël auprès de",
        ),
        (
            "VA",
            "permanent-observer",
            "f",
            "from the Permanent Observer of the Holy See to the United Nations",
            "par l’Observatrice permanente du Saint-Siège auprès de",
        ),
        (
            "PH FR",
            "permanent-representative",
            "ff",
            "from the Permanent Representatives of France and the Philippines",
            "par les Représentantes permanentes de la France et des Philippines auprès de",
        ),
        (
            "PH FR",
            "permanent-representative",
            "fm",
            "from the Permanent Representatives of France and the Philippines",
            "par les Représentants permanents de la France et des Philippines auprès de",
        ),
    ],
)
def test_sender_wording_follows_role_gender_and_country_data(country, role, genders, en, fr):
    letter = load.load(LETTERS / f"{SAMPLES['palestine']}.yaml")
    senders = [Sender(c, role, g, "X Y", None) for c, g in zip(country.split(), genders, strict=True)]
    letter = dataclasses.replace(letter, sender=senders[0], cosigners=senders[1:])
    assert fold(en) in title(letter, "en")
    assert fold(fr) in title(letter, "fr")


def title(letter, lang: str) -> str:
    blocks = parse(compose(letter, resolve(lang)), resolve(lang))
    return fold(block_text(find(blocks, "title").children))


def test_all_women_sign_we_in_the_feminine():
    letter = load.load(LETTERS / f"{SAMPLES['rule-of-law']}.yaml")
    women = [dataclasses.replace(s, gender="f") for s in letter.senders]
    letter = dataclasses.replace(letter, sender=women[0], cosigners=women[1:])
    assert "Nous vous serions donc obligées" in compose(letter, resolve("fr"))


# --- 4. original language ---------------------------------------------------------------------------


def original_mark_under_heading(pdf: Pdf, heading: str, mark: str) -> bool:
    for page in pdf.reader.pages:
        texts = placed(page)
        heads = [(x, y) for t, x, y in texts if t.startswith(heading)]
        marks = [(x, y) for t, x, y in texts if t == mark]
        if heads and marks:
            width = float(page.mediabox.width)
            return marks[0][1] < heads[0][1] and marks[0][0] > width / 2  # under it, to the right
    return False


@pytest.mark.parametrize(
    ("sample", "lang", "heading", "mark"),
    [
        ("rule-of-law", "en", "Annex II to the letter", "[Original: French]"),
        ("rule-of-law", "fr", "Annexe II à la lettre", "[Original : français]"),
        ("france", "fr", "Annexe à la lettre", "[Original : anglais]"),
        ("france", "en", "Annex to the letter", "[Original: English]"),
    ],
)
def test_an_annex_in_another_original_language_is_marked_under_its_heading(built, sample, lang, heading, mark):
    assert original_mark_under_heading(built[sample][lang], heading, mark)


def test_an_annex_in_the_letters_own_language_is_not_marked(built):
    annex_one = built["rule-of-law"]["en"].folded(1)
    assert "Annex I to the letter" in annex_one and "[Original" not in annex_one


# --- 5. annex kinds ---------------------------------------------------------------------------------


def test_chairs_summary_with_sections_headings_and_numbered_paragraphs(built):
    en, fr = built["philippines"]["en"].folded(), built["philippines"]["fr"].folded()
    for expected in [
        "Chair’s summary I. Introduction 1. The Conference",
        "II. Main themes of the discussion A. Mandates 3.",
        "B. Training 4.",
        "(a) regional training centres",
        "III. Recommendations 5.",
    ]:
        assert expected in en, expected
    assert "a) les centres régionaux de formation" in fr and "III. Recommandations 5." in fr


def test_bulleted_summary_paper_and_concept_note(built):
    france = built["france"]["en"].folded()
    assert "Findings • attacks against journalists too often go unpunished • local journalists" in france
    draft = built["draft"]["fr"].folded()
    assert "Contexte Les systèmes d’alerte rapide" in draft and "a) partager l’expérience" in draft


def test_free_markdown_annex_with_numbered_paragraphs_list_and_table(built):
    en = built["rule-of-law"]["en"].folded()
    for expected in [
        "Report of the expert meeting on the rule of law in peace operations Introduction 1. The meeting",
        "Main findings 3. Participants agreed",
        "• early and joint planning with the host authorities",
        "4. Participation in the meeting was as follows:",
        "Group Experts Of whom women",
        "Member States 26 11",
        "Total 42 20",
        "5. Several participants",
    ]:
        assert expected in en, expected
    assert "Groupe Experts Dont femmes États Membres 26 11" in built["rule-of-law"]["fr"].folded()


# --- 5. footnotes: numbered per document, on the page of their reference ---------------------------


def placed(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of each piece of text on a page."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def page_of(pdf: Pdf, text: str) -> int:
    pages = [i for i, p in enumerate(pdf.pages) if fold(text) in fold(p)]
    assert len(pages) == 1, (text, pages)
    return pages[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sample_footnotes_are_numbered_and_on_the_page_of_their_reference(built, lang):
    pdf = built["rule-of-law"][lang]
    refs = {
        "en": ["civil society.1", "rule of law assistance.2", "regional organizations.3"],
        "fr": ["société civile1.", "état de droit2.", "organisations régionales3."],
    }[lang]
    notes = {
        "en": ["1 The list of participants", "2 Guidance note", "3 See, for example"],
        "fr": ["1 La liste des participants", "2 Note d’orientation", "3 Voir, par exemple"],
    }[lang]
    for ref, note in zip(refs, notes, strict=True):
        assert page_of(pdf, ref) == page_of(pdf, note)


def many_notes_letter(tmp_path, count: int = 40):
    """The draft sample with a free annex of `count` paragraphs of different lengths, each with a footnote
    of its own in its middle: some paragraphs are split across pages, some references land at the foot
    of a page."""

    def before(n: int) -> str:  # every tenth paragraph is long enough to be split across pages
        return "and more words to fill the line, " * (n % 7 + (60 if n % 10 == 5 else 0))

    def after(n: int) -> str:
        return "and on over lines, " * (n % 11 + (60 if n % 10 == 5 else 0))

    paragraphs = "\n\n".join(
        f"Paragraph {n} opens with padding words, {before(n)}then refers to its note here "
        f"ref{n}x.[^n{n}] It goes on after it, {after(n)}to the end."
        for n in range(1, count + 1)
    )
    notes = "\n".join(f"[^n{n}]: Note text {n}z{' with a longer explanation' * (n % 5)}." for n in range(1, count + 1))
    body = (paragraphs + "\n\n" + notes).replace("\n", "\n                ")
    text = (LETTERS / f"{SAMPLES['draft']}.yaml").read_text(encoding="utf-8")
    text = (
        text.split("annexes:")[0]
        + f"""annexes:
  - parts:
      - markdown:
          numbered: true
          body:
            en: |-
                {body}
"""
    )
    path = tmp_path / "notes.yaml"
    path.write_text(text.replace("languages: [en, fr]", "languages: [en]"), encoding="utf-8")
    return load.load(path)


def test_every_footnote_is_on_the_page_of_its_reference_and_below_the_text(tmp_path):
    count = 40
    pdf = read(pipeline.render(many_notes_letter(tmp_path, count), "en"))
    assert len(pdf.pages) >= 4
    for n in range(1, count + 1):
        page = page_of(pdf, f"ref{n}x.{n}")
        assert page == page_of(pdf, f"{n} Note text {n}z"), n
        texts = placed(pdf.reader.pages[page])
        note_y = next(y for t, _, y in texts if t.startswith(f"Note text {n}z"))
        ref_y = next(y for t, _, y in texts if f"ref{n}x." in t)
        lowest_text = min(y for t, _, y in texts if t.startswith(("Paragraph", "refers", "then")) or "ref" in t)
        assert note_y < ref_y and note_y < lowest_text, n


def test_a_note_longer_than_a_page_continues_at_the_foot_of_the_next_pages():
    letter = load.load(LETTERS / f"{SAMPLES['draft']}.yaml")
    note = " ".join(f"Sentence {i} of a very long note." for i in range(700))
    body = dataclasses.replace(
        letter.body[0], by_lang={"en": f"See the note.[^1]\n\n[^1]: {note} Last words.", "fr": "x"}
    )
    pdf = read(pipeline.render(dataclasses.replace(letter, body=[body]), "en"))
    assert page_of(pdf, "See the note.1") == page_of(pdf, "1 Sentence 0 of a very long note.") == 0
    assert page_of(pdf, "Last words.") >= 2
    assert "(Signed) Lucía Ejemplo" in pdf.folded()


def test_footnote_labels_belong_to_their_text(built):
    letter = load.load(LETTERS / f"{SAMPLES['rule-of-law']}.yaml")
    body = letter.body[0]
    twice = dataclasses.replace(body, by_lang={"en": "One.[^1]\n\n[^1]: First note.", "fr": "x"}, place="body[0]")
    other = dataclasses.replace(
        body, by_lang={"en": "Two.[^1] Unknown[^9].\n\n[^1]: Second note.", "fr": "x"}, place="body[1]"
    )
    letter = dataclasses.replace(letter, body=[twice, other])
    text = read(pipeline.render(letter, "en")).folded(0)
    assert "One.1" in text and "Two.2" in text and "Unknown[^9]." in text
    assert "1 First note." in text and "2 Second note." in text


# --- 6. drafts --------------------------------------------------------------------------------------


def test_a_draft_builds_without_symbols_marked_dated_and_without_barcode(built):
    for lang, mark, dated in (
        ("en", "Draft", "Draft of 28 February 2024"),
        ("fr", "Projet", "Projet du 28 février 2024"),
    ):
        pdf = built["draft"][lang]
        assert all(mark in page for page in pdf.pages)  # the watermark on every page
        first = pdf.folded(0)
        assert dated in first
        assert not re.search(r"\d\d-\d{5} \([EF]\)", first) and "*" not in first  # no job number, no barcode
        assert "A/" not in first and "S/" not in first  # no symbol yet
        assert b"/Subtype /Image" not in pdf.data


def test_a_final_letter_needs_its_symbols_issue_date_and_job_numbers(tmp_path):
    text = (LETTERS / f"{SAMPLES['draft']}.yaml").read_text(encoding="utf-8")
    path = tmp_path / "final.yaml"
    path.write_text(text.replace("status: draft ", "status: final "), encoding="utf-8")
    with pytest.raises(LetterError) as info:
        load.load(path)
    messages = [str(p).replace(str(path), "final.yaml") for p in info.value.problems]
    first_key = text[: text.index("docgen: 1")].count("\n") + 1  # the letter’s own position
    assert messages == [
        f"final.yaml:{first_key}:1: error: a final letter needs its date of issue (add issued: YYYY-MM-DD, or mark "
        "the letter as a draft: status: draft)",
        f"final.yaml:{first_key}:1: error: a final letter needs its document symbols (add symbols: [A/..., S/...], "
        "or mark the letter as a draft: status: draft)",
        f"final.yaml:{first_key}:1: error: a final letter needs its job numbers (add jobs: {{en: {{number: ..., "
        "date: ...}}, or mark the letter as a draft: status: draft)",
    ]


def test_a_letter_without_status_is_final(tmp_path):
    text = (LETTERS / f"{SAMPLES['draft']}.yaml").read_text(encoding="utf-8")
    path = tmp_path / "final.yaml"
    path.write_text(re.sub(r"\nstatus: draft .*\n", "\n", text), encoding="utf-8")
    with pytest.raises(LetterError) as info:
        load.load(path)
    assert any("a final letter needs its document symbols" in str(p) for p in info.value.problems)


# --- the format: clear errors for the new keys ------------------------------------------------------


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LetterError) as info:
        load.load(path)
    return [str(p).replace(str(path), "letter.yaml") for p in info.value.problems]


def test_a_mistake_in_the_second_sender_is_reported_where_it_is(tmp_path):
    text = (LETTERS / f"{SAMPLES['rule-of-law']}.yaml").read_text(encoding="utf-8")
    text = text.replace("  - country: CH\n    role: permanent-representative", "  - country: CH\n    role: ambassador")
    line = text[: text.index("role: ambassador")].count("\n") + 1
    assert problems(tmp_path, text) == [
        f"letter.yaml:{line}:11: error: from[1].role: 'ambassador' is not allowed here (one of: "
        "permanent-representative, deputy-permanent-representative, charge-d-affaires-ai, permanent-observer)"
    ]


def test_regular_and_emergency_session_together_are_an_error(tmp_path):
    text = (LETTERS / f"{SAMPLES['palestine']}.yaml").read_text(encoding="utf-8")
    text = text.replace("  emergency-special-session: 10 ", "  session: 72\n  emergency-special-session: 10 ")
    (found,) = problems(tmp_path, text)
    assert "a letter is circulated under a regular session or an emergency special session, not both" in found


def test_an_unknown_participant_category(tmp_path):
    text = (LETTERS / f"{SAMPLES['joint']}.yaml").read_text(encoding="utf-8")
    (found,) = problems(tmp_path, text.replace("heading: observers ", "heading: observer "))
    assert "'observer' is not allowed here (did you mean 'observers'?)" in found


# --- robustness: the variants' samples, mutated, give a PDF or a clean error -----------------------

VARIANT_BASES = [
    yaml.safe_load((LETTERS / f"{SAMPLES[key]}.yaml").read_text(encoding="utf-8"))
    for key in ("rule-of-law", "philippines", "joint")
]


@st.composite
def mutated_variants(draw) -> object:
    data = draw(st.sampled_from(VARIANT_BASES))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths(data)))
        how = draw(st.sampled_from(["delete", "replace", "insert", "insert"]))
        data = mutate(data, path, how, draw(TEXT if how == "insert" else VALUE))
    return data


@given(mutated_variants())
def test_any_mutation_of_a_variant_gives_a_pdf_or_a_clean_error(tmp_path_factory, data):
    build(tmp_path_factory.mktemp("variant"), data)
