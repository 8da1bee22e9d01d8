"""The Akoma Ntoso rendition, read as an AKN tool would: valid against the official OASIS
schema (offline), FRBR IRIs per the naming convention, the preface, numbered paragraphs,
authorial notes, annexes as attachments, people with roles and countries; hostile texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import DATA, ROOT, fold
from docgen import load, pipeline

SCHEMA = DATA / "akn" / "akomantoso30.xsd"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
RULE_OF_LAW = ROOT / "letters" / "netherlands-switzerland-2013-rule-of-law.yaml"
JOINT = ROOT / "letters" / "joint-2012-water-cooperation.yaml"
WORK = "/akn/un/doc/letter/unga-unsc/2013-11-20/A-68-990"


@pytest.fixture(scope="module")
def schema():
    # no_network: the schema and the xml.xsd it imports are read from tests/data/akn only
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(SCHEMA), parser))


def akn(path: Path, lang: str = "en") -> bytes:
    return pipeline.render(load.load(path), lang, fmt="akn")


def xml(data: bytes):
    return etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))


def xpath(node, path: str) -> list:
    return node.xpath(path, namespaces=NS)


def test_every_sample_validates_against_the_oasis_schema(schema, tmp_path):
    letters = [*sorted((ROOT / "letters").glob("*.yaml")), DATA / "hostile.yaml"]
    files = [b.path for letter in letters for b in pipeline.build(letter, tmp_path, formats=("akn",))]
    assert len(files) == sum(len(load.load(letter).languages) for letter in letters)
    for file in files:
        doc = etree.parse(str(file), etree.XMLParser(no_network=True))
        assert schema.validate(doc), f"{file}: {schema.error_log}"
    broken = xml(files[0].read_bytes())
    xpath(broken, "//a:preface")[0].append(etree.Element(f"{{{NS['a']}}}docTitle"))  # not allowed there
    assert not schema.validate(broken)  # the schema is really checked


def test_frbr_work_expression_and_manifestation_per_language():
    for lang, code in (("en", "eng"), ("fr", "fra")):
        root = xml(akn(RULE_OF_LAW, lang))
        (doc,) = xpath(root, "/a:akomaNtoso/a:doc[@name='letter']")
        ident = xpath(doc, "a:meta/a:identification")[0]

        def value(path: str, ident=ident) -> str:
            return xpath(ident, path)[0].get("value")

        assert value("a:FRBRWork/a:FRBRthis") == f"{WORK}/!main"
        assert value("a:FRBRWork/a:FRBRuri") == WORK
        assert value("a:FRBRWork/a:FRBRcountry") == "un"
        assert [a.get("value") for a in xpath(ident, "a:FRBRWork/a:FRBRalias")] == ["A/68/990", "S/2013/990"]
        assert xpath(ident, "a:FRBRWork/a:FRBRdate")[0].get("date") == "2013-11-20"
        assert value("a:FRBRExpression/a:FRBRthis") == f"{WORK}/{code}@/!main"
        assert value("a:FRBRExpression/a:FRBRuri") == f"{WORK}/{code}@"
        assert xpath(ident, "a:FRBRExpression/a:FRBRlanguage")[0].get("language") == code
        assert xpath(ident, "a:FRBRExpression/a:FRBRdate")[0].get("date") == "2013-11-25"
        assert value("a:FRBRManifestation/a:FRBRthis") == f"{WORK}/{code}@/!main.xml"
        translation = xpath(ident, "a:FRBRExpression/a:FRBRtranslation")
        assert [t.get("href") for t in translation] == ([] if lang == "en" else [f"{WORK}/eng@"])
        attachments = xpath(doc, "a:attachments/a:attachment/a:doc[@name='annex']")
        assert [
            xpath(a, "a:meta/a:identification/a:FRBRExpression/a:FRBRthis")[0].get("value") for a in attachments
        ] == [
            f"{WORK}/{code}@/!annex_1",
            f"{WORK}/{code}@/!annex_2",
        ]


def test_preface_body_notes_and_annexes():
    root = xml(akn(RULE_OF_LAW))
    (preface,) = xpath(root, "/a:akomaNtoso/a:doc/a:preface")
    assert [n.text for n in xpath(preface, ".//a:docNumber")] == ["A/68/990", "S/2013/990"]
    assert xpath(preface, ".//a:docAuthority")[0].text == "United Nations"
    (date,) = xpath(preface, ".//a:docDate")
    assert (date.get("date"), date.text) == ("2013-11-25", "25 November 2013")
    title = fold(xpath(preface, "a:longTitle//a:docTitle")[0].text)
    assert title.startswith("Letter dated 20 November 2013 from the Permanent Representatives of the Netherlands")
    assert fold("".join(xpath(preface, ".//a:docProponent//text()"))).startswith(
        "Permanent Missions of the Netherlands"
    )
    (addressee,) = xpath(preface, ".//a:entity[@name='addressee']")
    assert (addressee.get("refersTo"), addressee.text) == ("#role-secretary-general", "the Secretary-General")
    body = xpath(root, "/a:akomaNtoso/a:doc/a:mainBody/a:paragraph")
    assert len(body) == 2 and fold("".join(body[0].itertext())).startswith("We have the honour to transmit")
    annex = xpath(root, "//a:attachment[1]/a:doc")[0]
    numbers = [n.text for n in xpath(annex, ".//a:paragraph/a:num")]
    assert numbers == ["1.", "2.", "3.", "4.", "5."]
    headings = [h.text for h in xpath(annex, ".//a:hcontainer/a:heading")]
    assert headings == [
        "Report of the expert meeting on the rule of law in peace operations",
        "Introduction",
        "Main findings",
    ]
    # "Introduction" holds paragraphs 1 and 2; the table and the list are inside paragraphs 4 and 3
    intro = xpath(annex, ".//a:hcontainer[a:heading='Introduction']")[0]
    assert [n.text for n in xpath(intro, "a:paragraph/a:num")] == ["1.", "2."]
    assert [fold(c.xpath("string()")) for c in xpath(annex, ".//a:table/a:tr[1]/a:th")] == [
        "Group",
        "Experts",
        "Of whom women",
    ]
    notes = xpath(root, "//a:authorialNote")
    assert [n.get("marker") for n in notes] == ["1", "2", "3"]
    assert fold("".join(notes[0].itertext())).startswith("The list of participants is available")
    assert xpath(root, "//a:attachment[2]//a:container[@name='original']/a:p")[0].text == "[Original: French]"


def test_participants_and_senders_are_people_with_roles_and_countries():
    root = xml(akn(JOINT))
    refs = {e.get("eId"): e for e in xpath(root, "//a:references/*")}
    people = xpath(root, "//a:attachment//a:person")
    assert len(people) == 9
    for p in people:
        assert refs[p.get("refersTo")[1:]].get("showAs") == p.text
        if p.get("as"):
            assert refs[p.get("as")[1:]].tag.endswith("TLCRole")
    first = people[0].getparent()
    assert fold("".join(first.itertext())) == "Ms. Marie Exemple, Chargé d’affaires a.i. (Belgium)"
    assert people[0].get("as") == "#role-charge-d-affaires-ai"
    (belgium,) = xpath(first, "a:location")
    assert belgium.text == "Belgium" and refs["country-be"].get("href") == "/akn/ontology/location/be"
    assert {refs[loc.get("refersTo")[1:]].get("showAs") for loc in xpath(root, "//a:location")} == {
        "Belgium",
        "Ghana",
        "India",
        "Morocco",
        "Portugal",
    }
    signers = xpath(root, "//a:conclusions//a:signature/a:person")
    assert [s.text for s in signers] == ["Claire Exemple", "Hans Beispiel", "Áine Sampla", "David Dugma"]
    assert refs[signers[0].get("refersTo")[1:]].get("href") == "/akn/ontology/person/ca/claire-exemple"


def test_hostile_texts_stay_text_and_bytes_repeat():
    data = akn(DATA / "hostile.yaml")
    assert data == akn(DATA / "hostile.yaml")
    root = xml(data)
    assert {e.tag.split("}")[0] + "}" for e in root.iter()} == {f"{{{NS['a']}}}"}  # nothing but AKN
    assert not xpath(root, "//a:i[ancestor::a:preface] | //a:b[contains(., 'Bold')]")
    text = fold(" ".join(root.itertext()))
    for literal in (
        "<script>alert(1)</script>",
        "</style><style>body{display:none}</style>",
        "[a link](javascript:alert(3))",
        "<img src=x onerror=alert(4)> with ]]> and <![CDATA[ x ]]>.",
        "Items & <i>agenda</i> ]]> --> <!-- x",
        'Ève "onload=alert(1) <b>Bold</b>',
    ):
        assert literal in text, literal
    assert [a.get("href") for a in xpath(root, "//a:a")] == ["https://example.org/?a=1&b=%222%22"]


def test_roles_are_named_in_the_versions_language():
    from docgen.language import resolve

    fr = resolve("fr")
    root = xml(akn(JOINT, "fr"))
    shown = {e.get("eId"): e.get("showAs") for e in xpath(root, "//a:references/a:TLCRole")}
    english = {
        "role-charge-d-affaires-ai": "Chargé d’affaires a.i.",
        "role-permanent-representative": "Permanent Representative",
        "role-deputy-permanent-representative": "Deputy Permanent Representative",
        "role-permanent-observer": "Permanent Observer",
    }
    assert set(english) <= set(shown)
    for eid, name in english.items():  # the catalog's words, in the gender of the role's first holder
        assert shown[eid] in {fr.pgettext("male", name), fr.pgettext("female", name)} - {name}, eid
    assert shown["role-permanent-representative"] == "Représentant permanent"  # of Germany (a man), who signs first
