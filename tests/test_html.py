"""The HTML rendition, read as a browser and a screen reader would: landmarks, headings,
language, tables, footnote links, participants, the print style sheet; and hostile texts."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import DATA, ROOT, fold, imported_after
from docgen import housestyle, load, pipeline
from docgen.writers import Options
from docgen.writers import html as html_writer

RULE_OF_LAW = ROOT / "letters" / "netherlands-switzerland-2013-rule-of-law.yaml"
JOINT = ROOT / "letters" / "joint-2012-water-cooperation.yaml"
HOSTILE = DATA / "hostile.yaml"


def page(path: Path, lang: str = "en", **kw) -> bytes:
    return pipeline.render(load.load(path), lang, fmt="html", **kw)


def tree(data: bytes):
    return lxml_html.document_fromstring(data.decode("utf-8"))


@pytest.fixture(scope="module")
def rule_of_law():
    return {lang: tree(page(RULE_OF_LAW, lang)) for lang in ("en", "fr")}


def test_language_landmarks_and_title(rule_of_law):
    for lang, doc in rule_of_law.items():
        assert doc.get("lang") == lang and doc.get("dir") is None
        assert [len(doc.xpath(f"//body/{t}")) for t in ("header", "main", "footer")] == [1, 1, 1]
        (h1,) = doc.xpath("//h1")
        assert fold(h1.text_content()) == fold(doc.findtext(".//title"))
        assert h1.getparent().tag == "main"
    en = rule_of_law["en"]
    assert fold(en.xpath("//h1")[0].text_content()).startswith("Letter dated 20 November 2013 from the Permanent")
    masthead = fold(en.xpath("//header")[0].text_content())
    for fact in ("United Nations", "A/68/990–S/2013/990", "General Assembly", "Security Council", "Distr.: General"):
        assert fact in masthead
    assert "Sixty-eighth session" in masthead and "Agenda item 85" in masthead
    assert fold(en.xpath("//footer")[0].text_content()).startswith("13-57001 (E)")
    assert fold(rule_of_law["fr"].xpath("//header")[0].text_content()).count("Original : anglais") == 1


def test_annexes_are_sections_under_their_headings_and_no_level_is_skipped(rule_of_law):
    doc = rule_of_law["en"]
    annexes = doc.xpath("//main/section[@class='annex']")
    assert len(annexes) == 2
    for n, section in enumerate(annexes, 1):
        heading = doc.get_element_by_id(section.get("aria-labelledby"))
        assert heading.tag == "h2" and heading.getparent() is section
        assert fold(heading.text_content()).startswith(f"Annex {'I' * n} to the letter dated 20 November 2013")
    levels = [int(h.tag[1]) for h in doc.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    headings = [fold(h.text_content()) for h in annexes[0].xpath(".//h3|.//h4")]
    assert headings[:3] == [
        "Report of the expert meeting on the rule of law in peace operations",
        "Introduction",
        "Main findings",
    ]


def test_paragraphs_keep_their_numbers_and_lists_their_items(rule_of_law):
    annex = rule_of_law["en"].xpath("//section[@id='annex-1']")[0]
    numbered = annex.xpath(".//p[@class='numbered']")
    assert [p.xpath("span[@class='number']")[0].text for p in numbered] == ["1.", "2.", "3.", "4.", "5."]
    assert fold(numbered[0].text_content()).startswith("1. The meeting brought together 42 experts")
    (items,) = annex.xpath(".//ul[@class='list']")
    first = fold(items.xpath("li")[0].text_content())
    assert first == "• early and joint planning with the host authorities"


def test_tables_have_header_cells(rule_of_law):
    (table,) = rule_of_law["en"].xpath("//table")
    assert [fold(th.text_content()) for th in table.xpath("thead/tr/th[@scope='col']")] == [
        "Group",
        "Experts",
        "Of whom women",
    ]
    rows = [[fold(td.text_content()) for td in tr.xpath("td")] for tr in table.xpath("tbody/tr")]
    assert rows[0] == ["Member States", "26", "11"] and rows[-1] == ["Total", "42", "20"]
    assert table.xpath("tbody/tr[1]/td[2]")[0].get("class") == "cell align-right"


def test_footnotes_link_to_their_notes_and_back(rule_of_law):
    doc = rule_of_law["en"]
    refs = doc.xpath("//a[@class='noteref']")
    assert [r.text_content() for r in refs] == ["1", "2", "3"]
    for ref in refs:
        note = doc.get_element_by_id(ref.get("href")[1:])
        assert "note" in note.get("class")
        (back,) = note.xpath(".//a[@class='mark']")
        assert back.get("href") == "#" + ref.get("id") and back.text_content() == ref.text_content()
    note = doc.get_element_by_id(refs[0].get("href")[1:])
    assert (
        fold(note.text_content())
        == "1 The list of participants is available from the Permanent Mission of the Netherlands."
    )


def test_participants_are_lists_and_signatures_follow_the_letter():
    doc = tree(page(JOINT))
    lists = doc.xpath("//ul[@class='participants']")
    people = [fold(li.text_content()) for ul in lists for li in ul.xpath("li")]
    assert len(lists) == 4 and len(people) == 9
    assert people[0] == "Ms. Marie Exemple, Chargé d’affaires a.i. (Belgium)"
    assert people[-1] == "Mr. Jan Voorbeeld Department of Economic and Social Affairs"
    groups = [fold(h.text_content()) for h in doc.xpath("//h4[@class='group-heading']")]
    assert groups == ["Delegations", "Observers", "Guests of honour", "Secretariat"]
    signatures = [fold(d.text_content()) for d in doc.xpath("//div[@class='signatory']")]
    assert len(signatures) == 4 and signatures[0].startswith("(Signed) Claire Exemple")


def test_right_to_left_and_paper():
    blocks = pipeline.document(load.load(JOINT), "en")
    doc = tree(html_writer.write(blocks, Options("ar", "letter", "rtl")))
    assert (doc.get("lang"), doc.get("dir")) == ("ar", "rtl")
    css = doc.findtext(".//style")
    assert "@page { size: 612pt 792pt;" in css
    assert "margin-left" not in css and "margin-right" not in css  # logical sides only: RTL mirrors
    a4 = tree(page(JOINT)).findtext(".//style")
    assert "@page { size: 595.28pt 841.89pt; margin: 56.69pt 56.69pt 70.87pt; }" in a4


def test_the_style_sheet_is_the_house_style(monkeypatch):
    css = html_writer.stylesheet("a4")
    for role in housestyle.ROLES:
        assert re.search(rf"^\.{re.escape(role)} \{{", css, re.M), role
    assert ".title { font-size: 12pt; line-height: 14pt; font-weight: bold;" in css
    bigger = housestyle.ROLES["title"].but(size=15)
    monkeypatch.setitem(housestyle.ROLES, "title", bigger)
    assert ".title { font-size: 15pt;" in html_writer.stylesheet("a4")


def test_hostile_texts_stay_text():
    data = page(HOSTILE)
    doc = tree(data)
    assert not doc.xpath("//script|//img|//svg|//b|//i|//td/td|//th/th")
    assert len(doc.xpath("//style")) == 1 and len(doc.xpath("//h1")) == 1
    attributes = {name for element in doc.iter() for name in element.attrib}
    assert not {a for a in attributes if a.startswith("on")}
    hrefs = [a.get("href") for a in doc.xpath("//a")]
    assert not [h for h in hrefs if not h.startswith(("#", "https://"))], hrefs
    body = fold(doc.xpath("//main")[0].text_content())
    for literal in (
        "<script>alert(1)</script>",
        '"onload=alert(2) and </style><style>body{display:none}</style>',
        "[a link](javascript:alert(3))",
        "& <entities>",  # Markdown reads an entity reference as the character it names
        "<img src=x onerror=alert(4)>",
        "Title <svg onload=alert(5)>",
        "<th>Head</th>",
        "Group <h1>heading</h1>",
        'Mr. Jo <script>x</script>, Role "onmouseover=x (Portugal)',
        '(Signed) Ève "onload=alert(1) <b>Bold</b> Ambassador </style><script>alert(‘title’)</script>',
    ):
        assert literal in body, literal
    assert "Items & <i>agenda</i> ]]> --> <!-- x" in fold(doc.xpath("//header")[0].text_content())
    assert b'href="https://example.org/?a=1&amp;b=%222%22"' in data


def test_same_bytes_every_time_and_in_a_fresh_process():
    first = page(RULE_OF_LAW, "fr")
    assert first == page(RULE_OF_LAW, "fr")
    code = (
        "import sys; from pathlib import Path; from docgen import load, pipeline; "
        f"sys.stdout.buffer.write(pipeline.render(load.load(Path({str(RULE_OF_LAW)!r})), 'fr', fmt='html'))"
    )
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert again == first


def test_a_pdf_build_imports_neither_the_html_nor_the_akn_writer(tmp_path):
    code = (
        "from docgen import cli; "
        f"assert cli.main(['build', {str(JOINT)!r}, '--out', {str(tmp_path)!r}, '--format', 'pdf']) == 0"
    )
    loaded = {m for m in imported_after(code) if m.startswith("docgen.writers.")}
    assert "docgen.writers.pdf_reportlab" in loaded
    assert not {"docgen.writers.html", "docgen.writers.akn"} & set(loaded)
    assert sorted(p.name for p in (tmp_path / JOINT.stem).iterdir() if not p.name.startswith(".")) == [
        "en.pdf",
        "fr.pdf",
    ]
