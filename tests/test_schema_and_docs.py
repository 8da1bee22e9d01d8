"""The JSON Schema editors use is valid, and the documented example is a letter that builds."""

from __future__ import annotations

import json
import re

from jsonschema import Draft202012Validator

from conftest import ROOT
from docgen import load, pipeline


def test_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(json.loads((ROOT / "docgen" / "letter.schema.json").read_text()))


def properties(node, path=""):
    """Every property the schema defines, with its key path in the schema."""
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{path}.{key}", value
        for key, value in node.items():
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{path}[{i}]")


def test_every_property_has_a_description_an_editor_shows():
    found = list(properties(load.schema()))
    assert len(found) > 50
    assert [path for path, value in found if not value.get("description")] == []


def test_the_country_codes_are_offered_with_their_names():
    """yaml-language-server completes each const of an anyOf, showing its description."""
    from babel import Locale

    from docgen import resources

    offered = load.schema()["$defs"]["country"]["anyOf"]
    names = Locale.parse("en").territories
    assert offered == [{"const": code, "description": names[code]} for code in sorted(resources.country_codes())]
    assert {"const": "GB", "description": "United Kingdom"} in offered


def test_every_sample_names_the_schema_for_editors():
    for letter in (ROOT / "letters").glob("*.yaml"):
        assert letter.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../docgen/letter.schema.json"
        ), letter


def test_documented_example_builds(tmp_path):
    doc = (ROOT / "docs" / "letter-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, flags=re.S).group(1)
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    letter = load.load(path)
    for lang in letter.languages:
        assert pipeline.render(letter, lang).startswith(b"%PDF-")


def test_every_message_in_the_error_guide_is_one_docgen_prints():
    guide = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    expected = [p for folder in ("broken", "broken_po") for p in (ROOT / "tests" / folder).glob("*.expected")]
    expected += [ROOT / "tests" / f"test_{name}.py" for name in ("paths", "batch", "site")]  # exact messages asserted
    printed = "\n".join(p.read_text(encoding="utf-8") for p in expected)
    rows = [line for line in guide.splitlines() if line.startswith("| `")]
    assert len(rows) > 25
    for row in rows:
        for message in re.findall(r"`([^`]+)`", row.split(" | ")[0]):
            pieces = [p.strip() for p in message.split("…") if p.strip(" ,.()")]
            assert all(piece in printed for piece in pieces), message
