"""The loader reports every problem of a letter at once, with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE
from docgen import load as docgen_load
from docgen.diagnostics import LetterError
from docgen.load import load

ORIGINAL = SAMPLE.read_text(encoding="utf-8")


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LetterError) as info:
        load(path)
    return [str(p).replace(str(path), "letter.yaml") for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_sample_letter_loads(letter):
    assert letter.general_assembly.session == 64
    assert letter.security_council.year == 65
    assert len(letter.annexes) == 2


def test_several_problems_reported_at_once_with_positions(tmp_path):
    text = ORIGINAL.replace("country: PT ", "country: XX ").replace(
        "  gender: m\n  name: José", "  gendre: m\n  name: José"
    )
    found = problems(tmp_path, text)
    n = line_of(text, "gendre:")
    assert found == [
        f"letter.yaml:{line_of(text, chr(10) + 'from:') + 1}:1: error: from: missing required key 'gender'",
        f"letter.yaml:{line_of(text, 'XX')}:12: error: from.country: 'XX' is not an ISO 3166-1 country code "
        "(for example PT or FR)",
        f"letter.yaml:{n}:3: error: from.gendre: unknown key 'gendre' (did you mean 'gender'?)",
    ]


def test_facts_checked_with_the_structure(tmp_path):
    text = ORIGINAL.replace("country: PT ", "country: XX ").replace("issued: 2010-07-23", "issued: 2010-07-20")
    found = problems(tmp_path, text)
    assert found == [
        f"letter.yaml:{line_of(text, 'issued:')}:9: error: issued: the date of issue (2010-07-20) is before the "
        "letter's date (2010-07-22)",
        f"letter.yaml:{line_of(text, 'XX')}:12: error: from.country: 'XX' is not an ISO 3166-1 country code "
        "(for example PT or FR)",
    ]


def test_impossible_date(tmp_path):
    text = ORIGINAL.replace("date: 2010-07-22 ", "date: 2010-02-30 ")
    (found,) = problems(tmp_path, text)
    assert found == (
        f"letter.yaml:{line_of(text, '2010-02-30')}:7: error: date: '2010-02-30' is not a date "
        "(write an existing date as YYYY-MM-DD)"
    )


def test_yaml_syntax_error(tmp_path):
    (found,) = problems(tmp_path, "docgen: 1\noriginal: [en\n")
    assert found == (
        "letter.yaml:2:11: error: YAML syntax: the list opened here with '[' is not closed (add ']' at its end)"
    )


def test_norway_is_a_country_not_a_boolean(tmp_path):
    path = tmp_path / "letter.yaml"
    path.write_text(ORIGINAL.replace("country: PT ", "country: NO "), encoding="utf-8")
    assert load(path).sender.country == "NO"


def test_a_date_before_the_united_nations(tmp_path):
    text = ORIGINAL.replace("date: 2010-07-22 ", "date: 1010-07-22 ")
    (found,) = problems(tmp_path, text)
    assert found == (
        f"letter.yaml:{line_of(text, '1010-07-22')}:7: error: date: 1010-07-22 is before the United "
        "Nations existed (check the year)"
    )


def test_object_tags_are_refused(tmp_path):
    found = problems(tmp_path, ORIGINAL.replace("docgen: 1", "docgen: !!python/object/apply:os.system ['true']"))
    assert any("YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in p for p in found)


def test_each_text_with_a_character_no_font_has_is_named_with_its_place(tmp_path):
    # the check runs once over all the texts of a version, then text by text only where it fails:
    # each bad text is still reported where it stands, and the good ones beside it are not
    text = ORIGINAL.replace("    fr: L'Ambassadeur", "    fr: L'Ambassadeur 王").replace(
        "        fr: Rapport de la Commission", "        fr: Rapport 㐀 de la Commission"
    )
    found = problems(tmp_path, text)
    assert [p.split(": error: ")[0] for p in found] == [
        f"letter.yaml:{line_of(text, '王')}:{text.splitlines()[line_of(text, '王') - 1].index('王') + 1}",
        f"letter.yaml:{line_of(text, '㐀')}:{text.splitlines()[line_of(text, '㐀') - 1].index('㐀') + 1}",
    ]
    assert "'王' (U+738B CJK UNIFIED IDEOGRAPH-738B) cannot be printed in the fr version" in found[0]
    assert "'㐀' (U+3400 CJK UNIFIED IDEOGRAPH-3400) cannot be printed in the fr version" in found[1]


def test_a_letter_saved_with_a_byte_order_mark_reads_the_same(tmp_path):
    # some editors on Windows begin a UTF-8 file with U+FEFF: it is not a character of line 1,
    # and a problem at the very end of a text is still placed on its character
    text = ORIGINAL.replace("    fr: L'Ambassadeur\n", "    fr: L'Ambassadeur 王\n")
    assert problems(tmp_path, text) == problems(tmp_path, "\ufeff" + text)
    (bad,) = problems(tmp_path, "\ufeff" + text)
    line = line_of(text, "王")
    assert bad.startswith(
        f"letter.yaml:{line}:{text.splitlines()[line - 1].index('王') + 1}: error: from.title.fr: '王'"
    )
    assert load(SAMPLE).sender.name == load(_with_bom(tmp_path, ORIGINAL)).sender.name


def _with_bom(tmp_path, text: str) -> Path:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def test_a_family_checked_again_and_again_still_finds_what_it_cannot_draw():
    # once a family's characters are known (a warm process), a text is tested by one search
    # for any other character; a character not seen before is then looked up in the fonts
    from docgen import fonts

    serif = fonts.Family("serif", fonts.family("serif").faces)
    for _ in range(3):
        assert fonts.uncovered("L'Ambassadeur, État", serif) == []
    assert serif.all_drawn("Ambassadeur État")
    assert not serif.all_drawn("Ambassadeur ŧ")
    assert fonts.uncovered("État 王 ŧ 㐀", serif) == ["王", "㐀"]
    assert fonts.uncovered("ŧ É", serif) == []
    assert fonts.uncovered("王", serif) == ["王"]


def test_a_lost_character_is_named_in_a_version_whose_fonts_have_it(tmp_path):
    text = ORIGINAL.replace("    fr: L'Ambassadeur", "    fr: L'Ambassadeur \ufffd")
    (found,) = problems(tmp_path, text)
    assert found.startswith(f"letter.yaml:{line_of(text, chr(0xFFFD))}:")
    assert "a character was lost here when the text was converted from another encoding" in found


# Every kind of plain scalar YAML 1.1 resolves implicitly, and the ones that only look like one.
IMPLICIT_KINDS = """\
a: [1, -2, +3, 0x1F, 0o17, 017, 1_000, 190:20:30, 0b101]
b: [1.5, -.5, 1e3, .inf, -.Inf, .NaN, 6.8523015e+5, 190:20:30.15, 1.]
c: [true, True, TRUE, false, False, FALSE, yes, no, NO, on, off, y, n]
d: [null, Null, NULL, ~, '']
nothing:
e: [2010-07-22, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 -5, 2010-7-2]
f: ['1', "true", !!str 2, ! 3, !!int "4", =, <<, x<<, =y, -, ., +, 1-2, 0x, 1e, tilde~]
base: &base {k: 1}
g: {<<: *base, h: 2}
"": empty key
? [complex, key]
: 1
"""


def _tags(node: yaml.Node) -> tuple:
    at = (node.start_mark.index, node.start_mark.line, node.start_mark.column, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value, at)
    pairs = node.value if isinstance(node, yaml.MappingNode) else [(None, v) for v in node.value]
    return (node.tag, at, [(k and _tags(k), _tags(v)) for k, v in pairs])


@pytest.mark.parametrize(
    "source",
    [pytest.param(IMPLICIT_KINDS, id="implicit-kinds"), pytest.param("\ufeffa: [é, 王, 𝒳]\nb: 1\n", id="bom")]
    + [pytest.param(p, id=p.name) for p in sorted(Path("letters").glob("*.yaml"))],
)
def test_libyaml_reads_every_node_as_pyyaml_does(source):
    """The fast loader (libyaml reading the file's bytes, with its own resolver) gives every node
    the tag, value and position PyYAML's pure-Python loader gives it: positions in characters."""
    raw = source.encode("utf-8") if isinstance(source, str) else source.read_bytes()
    text = raw.decode("utf-8-sig")  # as the loader reads a letter
    fast = docgen_load._compose(raw, text)
    pure = yaml.compose(text, Loader=docgen_load._Loader)
    assert _tags(fast) == _tags(pure)
