"""The JSON Schema editors use is valid, and the documented example is a letter that builds."""

from __future__ import annotations

import json
import re

from jsonschema import Draft202012Validator

from conftest import ROOT
from docgen import load, pipeline


def test_schema_is_a_valid_json_schema():
    Draft202012Validator.check_schema(json.loads((ROOT / "docgen" / "letter.schema.json").read_text()))


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
