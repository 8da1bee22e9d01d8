"""The translation workflow: complete, current, and in translators' own tools (gettext PO)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

from conftest import ROOT, SAMPLE, bilingual_sample, fold
from docgen import load, translation
from docgen.diagnostics import LetterError
from docgen.pipeline import render

STALE = "annexes[0].parts[2].text.paragraphs[7]"  # the summary’s paragraph 6 ("Quelles qu’en ...")


def docgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "letter.yaml"
    bilingual_sample(Path(path))
    return path


def edit_english(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_sample_is_completely_translated():
    run = docgen("check", "--strict", str(SAMPLE))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines() == [
        f"{SAMPLE}: {lang}: 52 of 52 texts translated, 0 stale" for lang in load.load(SAMPLE).languages[1:]
    ]


def test_changing_one_english_paragraph_makes_it_and_only_it_stale(copy):
    letter = load.load(copy)
    assert letter.annexes[0].parts[2].paragraphs[7].place == STALE
    edit_english(copy, "whatever the conceptual", "whatever the real conceptual")
    run = docgen("check", "--strict", str(copy))
    assert run.returncode == 1
    line = next(t.line for t in translation.texts(load.load(copy)) if t.place == STALE)
    assert run.stdout.splitlines() == [
        f"{copy}:{line}:15: error: {STALE}: the 'fr' translation is stale: the 'en' text changed after it was "
        f"translated (update it, or confirm it: docgen translate confirm --lang fr --place '{STALE}' {copy})",
        f"{copy}: fr: 52 of 52 texts translated, 1 stale",
    ]
    report = docgen("check", str(copy))  # without --strict: warnings, not a failure
    assert report.returncode == 0
    assert report.stdout.splitlines()[0] == run.stdout.splitlines()[0].replace(": error: ", ": warning: ", 1)


def test_a_stale_translation_stops_the_build_unless_allowed(copy, tmp_path):
    edit_english(copy, "whatever the conceptual", "whatever the real conceptual")
    with pytest.raises(LetterError) as info:
        render(load.load(copy), "fr")
    assert [p.where for p in info.value.problems] == [STALE]
    run = docgen("build", str(copy), "--out", str(tmp_path / "out"))
    assert run.returncode == 1 and "the 'fr' translation is stale" in run.stderr
    assert not (tmp_path / "out").exists()  # the English was not written either: all or nothing
    run = docgen("build", str(copy), "--out", str(tmp_path / "out"), "--allow-incomplete")
    assert run.returncode == 0, run.stderr
    pages = [p.extract_text() for p in PdfReader(tmp_path / "out" / "letter" / "fr.pdf").pages]
    assert all("Projet" in p for p in pages)  # the draft mark on every page
    assert "[traduction périmée] Quelles qu’en soient" in fold("\n".join(pages))


def test_a_missing_translation_is_shown_marked_in_the_original(copy):
    text = copy.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("        fr: Rapport de la Commission de consolidation de la paix\n", ""), encoding="utf-8"
    )
    letter = load.load(copy)
    assert [f"{p.where}: {p.message}" for p in translation.problems(letter, "fr")] == [
        "general-assembly.items[0].title: no 'fr' translation"
    ]
    pdf = render(letter, "fr", allow_incomplete=True)
    from io import BytesIO

    page = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "[non traduit] Report of the Peacebuilding Commission" in fold(page)


def test_confirming_clears_staleness(copy):
    edit_english(copy, "whatever the conceptual", "whatever the real conceptual")
    assert docgen("translate", "confirm", str(copy), "--lang", "fr", "--place", STALE).returncode == 0
    assert docgen("check", "--strict", str(copy)).returncode == 0


def test_export_then_import_without_edits_changes_no_byte(copy, tmp_path):
    before = copy.read_bytes()
    po = tmp_path / "fr.po"
    assert docgen("translate", "export", str(copy), "--lang", "fr", "--output", str(po)).returncode == 0
    run = docgen("translate", "import", str(copy), str(po))
    assert run.returncode == 0 and "unchanged" in run.stdout
    assert copy.read_bytes() == before


def test_exported_po_has_sources_translations_contexts_and_fuzzy_flags(copy, tmp_path):
    edit_english(copy, "whatever the conceptual", "whatever the real conceptual")
    po = tmp_path / "fr.po"
    docgen("translate", "export", str(copy), "--lang", "fr", "-o", str(po))
    with po.open("rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    assert len(messages) == 52
    assert str(catalog.locale) == "fr"
    stale = [m for m in messages if m.fuzzy]
    assert [m.context for m in stale] == [STALE]
    body = next(m for m in messages if m.context == "body[0]")
    assert body.id.startswith("The Permanent Mission of Portugal")
    assert body.string.startswith("La Mission permanente du Portugal")


def test_an_edited_entry_reaches_the_letter_and_the_next_pdf_and_clears_staleness(copy, tmp_path):
    edit_english(copy, "whatever the conceptual", "whatever the real conceptual")
    po = tmp_path / "fr.po"
    docgen("translate", "export", str(copy), "--lang", "fr", "-o", str(po))
    with po.open("rb") as f:
        catalog = read_po(f)
    message = catalog.get(next(m.id for m in catalog if m.context == STALE), context=STALE)
    message.string = message.string.replace("soient les difficultés", "soient les vraies difficultés")
    message.flags.discard("fuzzy")  # the translator’s tool clears it when the entry is reviewed
    with po.open("wb") as f:
        write_po(f, catalog, width=0)
    comments_before = [line for line in copy.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    assert docgen("translate", "import", str(copy), str(po)).returncode == 0
    text = copy.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments_before
    assert docgen("check", "--strict", str(copy)).returncode == 0
    pdf = render(load.load(copy), "fr")
    from io import BytesIO

    text = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Quelles qu’en soient les vraies difficultés" in fold(text)


def test_a_new_language_starts_from_an_empty_po(tmp_path):
    po = tmp_path / "es.po"
    sample = bilingual_sample(tmp_path / "letter.yaml")
    assert docgen("translate", "export", str(sample), "--lang", "es", "-o", str(po)).returncode == 0
    with po.open("rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    assert len(messages) == 52 and all(m.string == "" for m in messages)
    assert str(catalog.locale) == "es"
