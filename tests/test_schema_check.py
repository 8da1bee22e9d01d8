"""The compiled schema check agrees with jsonschema: it says "valid" exactly when jsonschema finds
no error, on the samples, on every broken letter of the corpus, and on random mutations."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLE, imported_after
from docgen import load
from docgen.schema import compile_schema

LETTERS = sorted((ROOT / "letters").glob("*.yaml"))
BROKEN = sorted((ROOT / "tests" / "broken").glob("*.yaml"))


def data(path: Path):
    return load._parse(path, load._Reader(str(path)))


def agree(value) -> None:
    check = load._valid()
    assert check is not None, "the schema uses a keyword docgen.schema does not compile"
    expected = not any(True for _ in load._validator().iter_errors(value))
    assert check(value) is expected


@pytest.mark.parametrize("path", LETTERS + BROKEN, ids=lambda p: p.name)
def test_agrees_with_jsonschema_on_every_letter_and_broken_letter(path):
    value = data(path)
    if isinstance(value, dict):
        agree(value)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-2, 2), st.text(max_size=4),
                    st.sampled_from(["2010-07-22", "2010-02-30", "fr", "en", "PT", "final", "draft"]))  # fmt: skip


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_agrees_with_jsonschema_on_mutations(draw):
    letter = copy.deepcopy(data(SAMPLE))
    where = draw.draw(st.sampled_from(list(paths(letter))[1:]))
    parent = letter
    for key in where[:-1]:
        parent = parent[key]
    action = draw.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "replace":
        parent[where[-1]] = draw.draw(SCALARS)
    elif action == "delete":
        del parent[where[-1]]
    elif isinstance(parent, dict):
        parent[draw.draw(st.text(min_size=1, max_size=6))] = draw.draw(SCALARS)
    else:
        parent.append(draw.draw(SCALARS))
    agree(letter)


def test_unknown_keywords_compile_to_dont_know():
    assert compile_schema({"type": "object", "dependentSchemas": {}}) is None
    assert compile_schema({"type": "string", "format": "email"}) is None
    assert compile_schema({"type": "string", "description": "ok"}) is not None


def test_a_valid_letter_loads_without_importing_jsonschema():
    assert "jsonschema" not in imported_after(f"from docgen import load; load.load({str(SAMPLE)!r})")
