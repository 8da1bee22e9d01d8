"""Property-based tests of the PO round trip: export -> edit -> import applies exactly the edits,
and a corrupted PO file is refused whole or applied whole, never half.

`make test` runs a few examples; `make fuzz` runs a long campaign (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from docgen import load, translation
from docgen.cli import main

LETTER = ROOT / "letters" / "palestine-2018-emergency-special-session.yaml"
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
CAMPAIGN = settings(
    max_examples=1000 if FUZZ else 8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def docgen(*args: Any) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([str(a) for a in args])
    return status, err.getvalue()


@contextlib.contextmanager
def workspace():
    with tempfile.TemporaryDirectory() as tmp:
        letter = Path(tmp) / LETTER.name
        shutil.copy(LETTER, letter)
        po = Path(tmp) / "fr.po"
        assert docgen("translate", "export", letter, "--lang", "fr", "-o", po)[0] == 0
        yield letter, po


def without_translations(path: Path) -> Any:
    """The letter's data less its French texts and fingerprints: what an import must not touch."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("fr", "fr-from")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(yaml.safe_load(path.read_text(encoding="utf-8")))


# Translations as translators type them: letters of several scripts, punctuation, Markdown,
# quotes and backslashes (escaped in the PO file), line breaks, no-break spaces.
PIECE = st.sampled_from(
    [
        "É",
        "é",
        "à",
        "’",
        "«\u00a0",
        "\u00a0»",
        "œ",
        "ß",
        "Ω",
        "Привет",
        "مرحبا",
        "*",
        "**x**",
        "\\",
        '"',
        "\n",
        "\t",
        " ",
        "[a](b)",
        "{{ x }}",
        "<b>",
        "^1^",
        "Ã",
        "â€",
        "ñ",
    ]
)
TRANSLATION = st.lists(
    st.one_of(PIECE, st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=12)),
    min_size=1,
    max_size=6,
).map("".join)


@CAMPAIGN
@given(data=st.data())
def test_export_edit_import_applies_exactly_the_edits(data):
    with workspace() as (letter, po):
        with po.open("rb") as f:
            catalog = read_po(f)
        messages = [m for m in catalog if m.id]
        edits = data.draw(
            st.dictionaries(
                st.sampled_from([m.context for m in messages]),
                st.tuples(TRANSLATION, st.booleans()),
                max_size=len(messages),
            )
        )
        for m in messages:
            if m.context in edits:
                m.string, fuzzy = edits[m.context]
                m.flags.discard("fuzzy")
                if fuzzy:
                    m.flags.add("fuzzy")
        with po.open("wb") as f:
            write_po(f, catalog, width=0)
        before, kept = letter.read_bytes(), without_translations(letter)
        status, err = docgen("translate", "import", letter, po)
        assert status in (0, 1), err
        if status == 1:  # refused (a text the letter cannot hold): every byte as it was
            assert letter.read_bytes() == before and ": error: " in err
            return
        assert without_translations(letter) == kept
        entries = {e.text.place: e for e in translation.entries(load.load(letter), "fr")}
        for place, (text, fuzzy) in edits.items():
            if not text.strip():
                continue
            assert unicodedata.normalize("NFC", entries[place].text["fr"]) == unicodedata.normalize("NFC", text)
            assert entries[place].state == ("stale" if fuzzy else "current")
        assert docgen("translate", "export", letter, "--lang", "fr", "-o", po)[0] == 0
        with po.open("rb") as f:
            again = {m.context: m for m in read_po(f) if m.id}
        for place, (text, fuzzy) in edits.items():
            if text.strip():
                assert again[place].fuzzy == fuzzy


def corrupt(data: bytes, how: str, at: int, size: int, junk: bytes) -> bytes:
    at %= max(len(data), 1)
    lines = data.split(b"\n")
    n = at % max(len(lines), 1)
    if how == "cut":
        return data[:at]
    if how == "delete":
        return data[:at] + data[at + size :]
    if how == "insert":
        return data[:at] + junk + data[at:]
    if how == "replace":
        return data[:at] + junk + data[at + len(junk) :]
    if how == "duplicate-line":
        return b"\n".join(lines[: n + 1] + lines[n:])
    if how == "drop-line":
        return b"\n".join(lines[:n] + lines[n + 1 :])
    return b"\n".join(lines[:n] + lines[n + 1 : n + 2] + lines[n : n + 1] + lines[n + 2 :])  # swap two lines


CORRUPTION = st.tuples(
    st.sampled_from(["cut", "delete", "insert", "replace", "duplicate-line", "drop-line", "swap"]),
    st.integers(0, 10**6),
    st.integers(1, 40),
    st.one_of(
        st.binary(min_size=1, max_size=8),
        st.sampled_from(
            [
                b'"',
                b"\\",
                b"\n",
                b"msgid ",
                b"msgstr ",
                b'msgctxt "body[0]"\n',
                b"#, fuzzy\n",
                b"\xc3",
                b"\xff",
                b"\x00",
                "é".encode(),
            ]
        ),
    ),
)


@CAMPAIGN
@given(corruptions=st.lists(CORRUPTION, min_size=1, max_size=3))
def test_a_corrupted_po_is_refused_whole_or_applied_whole(corruptions):
    with workspace() as (letter, po):
        data = po.read_bytes()
        for how, at, size, junk in corruptions:
            data = corrupt(data, how, at, size, junk)
        po.write_bytes(data)
        before, kept = letter.read_bytes(), without_translations(letter)
        status, err = docgen("translate", "import", letter, po)
        assert status in (0, 1), err  # never an internal error
        assert "Traceback" not in err
        if status == 1:
            assert letter.read_bytes() == before and ": error: " in err
        else:  # applied: the letter is valid and only its French texts changed
            assert without_translations(letter) == kept
            load.load(letter)
