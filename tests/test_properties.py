"""Property-based tests: any mutation of a letter gives a PDF or a clean error, never a crash.

`make test` runs a bounded number of examples; `make fuzz` runs a longer campaign
(HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from docgen import load, pipeline
from docgen.diagnostics import LetterError

DOC = (ROOT / "docs" / "letter-format.md").read_text(encoding="utf-8")
BASE = yaml.safe_load(re.search(r"```yaml\n(.*?)```", DOC, flags=re.S).group(1))

# Text that letters meet in the wild: right-to-left marks, combining characters, control
# characters, emoji, no-break spaces, markup of every kind.
NASTY = st.sampled_from(
    [
        "\u200f",
        "\u202e",
        "\u0301",
        "\u0000",
        "\u0007",
        "\x1b[31m",
        "😀",
        "👩🏽‍⚖️",
        "\u00a0",
        "\u202f",
        "<b>",
        "</para>",
        "<img src='/etc/passwd'/>",
        "{{ 7*7 }}",
        "{% include 'x' %}",
        ":::",
        "**",
        "^",
        "[x](javascript:1)",
        "&amp;",
        "\\",
        "\t",
        "\r\n",
        "\ufeff",
        "\ud7ff",
        "\U0010ffff",
        "ﷺ",
        "ß",
        "İ",
        "Ω",
    ]
)
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=20)), max_size=6).map("".join)
VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT, st.dates().map(str)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


def mutate(data: Any, path: tuple, how: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value if how == "replace" else data
    parent = data
    for p in path[:-1]:
        parent = parent[p]
    key = path[-1]
    if how == "delete":
        del parent[key]
    elif how == "replace":
        parent[key] = value
    elif isinstance(parent[key], str):  # "insert": nasty text inside a string
        parent[key] = parent[key][: len(value)] + str(value) + parent[key][len(value) :]
    return data


@st.composite
def mutated_letters(draw) -> Any:
    data = BASE
    for _ in range(draw(st.integers(1, 3))):
        candidates = paths(data)
        path = draw(st.sampled_from(candidates))
        how = draw(st.sampled_from(["delete", "replace", "insert", "insert"]))
        data = mutate(data, path, how, draw(TEXT if how == "insert" else VALUE))
    return data


def build(tmp: Path, data: Any) -> None:
    path = tmp / "letter.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        letter = load.load(path)
        for lang in letter.languages:
            assert pipeline.render(letter, lang).startswith(b"%PDF-")
    except LetterError as e:
        assert e.problems and all(str(p).startswith(str(path)) for p in e.problems)


@given(mutated_letters())
def test_any_mutation_gives_a_pdf_or_a_clean_error(tmp_path_factory, data):
    build(tmp_path_factory.mktemp("prop"), data)


@given(TEXT)
def test_any_text_in_any_place_of_the_body(tmp_path_factory, text):
    data = copy.deepcopy(BASE)
    data["body"][0] = {lang: text + " " + body for lang, body in data["body"][0].items()}
    data["from"]["name"] = text or "X"
    build(tmp_path_factory.mktemp("prop"), data)


# Markdown made of the characters that nest and make tables, and of what stands between them.
NESTING_MARKDOWN = st.sampled_from(
    [">", "-", "*", "+", "|", "1.", "2)", ".", ")", "3", " ", "  ", "    ", "\n", "\r", "\t", "a", ":", "\\", "10."]
)
# Lines as lists and quotes are written: an indentation, markers, a text.
NESTED_LINE = st.tuples(
    st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", " \t"]),
    st.lists(
        st.sampled_from(["- ", "* ", "+ ", "> ", ">", "1. ", "2) ", "10. ", "-", "[^a]: ", "  ", "\t"]), max_size=5
    ),
    st.sampled_from(["x", "", "- x", "1. a", "::: x"]),
).map(lambda line: line[0] + "".join(line[1]) + line[2])


@given(st.lists(NESTING_MARKDOWN, max_size=40).map("".join) | st.lists(NESTED_LINE, max_size=14).map("\n".join))
def test_a_text_skipped_by_the_limits_pre_check_is_within_the_limits(text):
    """The loader parses a text for its depth and columns only when it has enough "|", and
    markers at its lines' starts, to exceed them: whatever it skips is within them."""
    from docgen import markup

    if not markup.may_exceed_limits(text):
        shape = markup.shape(text)
        assert shape.depth <= markup.MAX_DEPTH and shape.columns <= markup.MAX_COLUMNS


@given(st.sets(st.integers(0, 0x10FFFF), max_size=80), st.lists(st.integers(-1, 0x10FFFF + 1), max_size=80))
def test_font_coverage_runs_hold_what_they_were_made_of(points, probes):
    """docgen.fonts.Coverage, a font's code points as runs looked up by bisection."""
    from docgen.fonts import Coverage

    runs = Coverage.of(points)
    assert set(runs) == points
    assert all((cp in runs) == (cp in points) for cp in [*points, *probes])
