"""`docgen translate import`: a whole, valid, matching PO file is applied, or nothing changes.

Each case is a PO file a translator, a tool or an attacker could hand over, and the exact outcome:
the letter's bytes, the message and the exit status."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, bilingual_sample
from docgen import load, translation
from docgen.cli import main

ITEM = "general-assembly.items[0].title"
FR_ITEM = "        fr: Rapport de la Commission de consolidation de la paix\n"


@pytest.fixture
def letter(tmp_path):
    path = tmp_path / "letter.yaml"
    bilingual_sample(Path(path))
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def export(capsys, letter, lang: str = "fr") -> str:
    po = letter.parent / f"{letter.stem}.{lang}.po"
    assert run(capsys, "translate", "export", letter, "--lang", lang, "-o", po)[0] == 0
    return po.read_text(encoding="utf-8")


def entry_line(po_text: str, context: str) -> int:
    return po_text.splitlines().index(f'msgctxt "{context}"') + 1


def write(tmp_path, text: str | bytes, name: str = "edited.po"):
    po = tmp_path / name
    po.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return po


def refused(capsys, letter, po) -> str:
    """Import `po`, expecting a refusal that leaves the letter as it was; return stderr."""
    before = letter.read_bytes()
    status, out, err = run(capsys, "translate", "import", letter, po)
    assert status == 1, out + err
    assert "internal error" not in err and "Traceback" not in err
    assert letter.read_bytes() == before
    return err


def state(letter, place: str) -> str:
    return next(e.state for e in translation.entries(load.load(letter), "fr") if e.text.place == place)


# --- issue 14: wrong results ------------------------------------------------------------------


def test_a_po_made_from_an_outdated_original_records_that_original(capsys, letter, tmp_path):
    po = export(capsys, letter)
    text = letter.read_text(encoding="utf-8")
    letter.write_text(
        text.replace(
            "      en: Report of the Peacebuilding Commission\n",
            "      en: Report of the Peacebuilding Commission on its fourth session\n",
        ),
        encoding="utf-8",
    )
    po = po.replace(
        'msgstr "Rapport de la Commission de consolidation de la paix"',
        'msgstr "Rapport de la Commission de consolidation de la paix (révisé)"',
    )
    status, _, err = run(capsys, "translate", "import", letter, write(tmp_path, po))
    assert status == 0
    assert state(letter, ITEM) == "stale"  # made from the old English: not current
    line = entry_line(po, ITEM)
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{line}:1: warning: {ITEM}: the en text changed since this "
        "file was exported; imported as stale"
    ]
    fr = next(t for t in translation.texts(load.load(letter)) if t.place == ITEM)
    assert fr.sources["fr"] == translation.fingerprint("Report of the Peacebuilding Commission")
    assert run(capsys, "check", "--strict", letter)[0] == 1


def test_another_letters_po_is_refused_naming_its_letter(capsys, letter, tmp_path):
    other = tmp_path / "other.yaml"
    bilingual_sample(Path(other))
    po = export(capsys, other).replace('msgstr "L\'Ambassadeur"', 'msgstr "Son Excellence"')
    err = refused(capsys, letter, write(tmp_path, po))
    line = po.splitlines().index('"Project-Id-Version: other 2010-07-22\\n"') + 1
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{line}:1: error: this PO file is for the letter 'other' of 2010-07-22, not for "
        f"'letter' of 2010-07-22 (import it into other.yaml; if this letter was renamed or redated since the export, "
        f'write "Project-Id-Version: letter 2010-07-22" in the PO file\'s header)'
    ]


def test_a_fuzzy_entry_stays_fuzzy_until_confirmed_and_exports_fuzzy(capsys, letter, tmp_path):
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace(FR_ITEM, ""), encoding="utf-8")
    po = export(capsys, letter)
    po = po.replace(f'msgctxt "{ITEM}"', f'#, fuzzy\nmsgctxt "{ITEM}"').replace(
        'msgid "Report of the Peacebuilding Commission"\nmsgstr ""',
        'msgid "Report of the Peacebuilding Commission"\nmsgstr "Rapport de la Commission (à revoir)"',
    )
    assert run(capsys, "translate", "import", letter, write(tmp_path, po))[0] == 0
    assert state(letter, ITEM) == "stale"
    status, out, _ = run(capsys, "check", "--strict", letter)
    line = next(t.line for t in translation.texts(load.load(letter)) if t.place == ITEM)
    assert status == 1
    assert out.splitlines()[0] == (
        f"{letter}:{line}:9: error: {ITEM}: the 'fr' translation is marked fuzzy: it needs a review "
        f"(review it, then confirm it: docgen translate confirm --lang fr --place '{ITEM}' {letter})"
    )
    again = export(capsys, letter)
    assert f'#, fuzzy\nmsgctxt "{ITEM}"' in again
    assert run(capsys, "translate", "confirm", letter, "--lang", "fr", "--place", ITEM)[0] == 0
    assert state(letter, ITEM) == "current"


def test_a_fuzzy_entry_never_makes_a_translation_current(capsys, letter, tmp_path):
    po = export(capsys, letter).replace(f'msgctxt "{ITEM}"', f'#, fuzzy\nmsgctxt "{ITEM}"')
    assert run(capsys, "translate", "import", letter, write(tmp_path, po))[0] == 0
    assert state(letter, ITEM) == "stale"  # the translator's tool says: needs review


def test_an_old_po_does_not_overwrite_a_newer_translation(capsys, letter, tmp_path):
    old_po = export(capsys, letter)
    text = letter.read_text(encoding="utf-8")
    text = text.replace("      en: Report of the Peacebuilding Commission\n", "      en: Report of the Commission\n")
    letter.write_text(text.replace(FR_ITEM, "        fr: Rapport de la Commission\n"), encoding="utf-8")
    assert run(capsys, "translate", "confirm", letter, "--lang", "fr", "--place", ITEM)[0] == 0
    before = letter.read_bytes()
    status, _, err = run(capsys, "translate", "import", letter, write(tmp_path, old_po))
    assert status == 0 and letter.read_bytes() == before
    assert (
        f"warning: {ITEM}: the letter's translation was made from the current en text, this file's from an "
        "older one; kept the letter's" in err
    )


# --- issue 16: an import applies a whole, valid, matching PO or changes nothing -----------------


def test_a_po_in_the_original_language_is_refused(capsys, letter, tmp_path):
    po = export(capsys, letter).replace('"Language: fr\\n"', '"Language: en\\n"')
    err = refused(capsys, letter, write(tmp_path, po))
    line = po.splitlines().index('"Language: en\\n"') + 1
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{line}:1: error: the PO file is in 'en', the original language of the letter: "
        "only translations are imported (export the PO of a translation: docgen translate export --lang fr ...)"
    ]


def test_a_plural_entry_is_refused(capsys, letter, tmp_path):
    po = export(capsys, letter).replace(
        'msgid "Ambassador"\nmsgstr "L\'Ambassadeur"',
        'msgid "Ambassador"\nmsgid_plural "Ambassadors"\nmsgstr[0] "L\'Ambassadeur"\nmsgstr[1] "Les Ambassadeurs"',
    )
    err = refused(capsys, letter, write(tmp_path, po))
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{entry_line(po, 'from.title')}:1: error: from.title: a plural entry "
        "(msgid_plural): a letter's texts have no plural forms (give one msgstr, without msgid_plural)"
    ]


def test_utf8_labelled_latin_1_is_refused_not_imported_as_mojibake(capsys, letter, tmp_path):
    po = export(capsys, letter).replace("charset=utf-8", "charset=ISO-8859-1")
    err = refused(capsys, letter, write(tmp_path, po))
    assert (
        "error: the PO file declares charset ISO-8859-1 but is UTF-8 text: read as ISO-8859-1, 'É' would "
        "become 'Ã\\x89' (correct its header: charset=UTF-8)" in err
    )


def test_latin_1_labelled_utf8_is_refused_with_its_place(capsys, letter, tmp_path):
    po = export(capsys, letter)
    data = po.encode("latin-1", errors="replace")
    err = refused(capsys, letter, write(tmp_path, data))
    line, col, char = next(
        (n, c + 1, ch) for n, s in enumerate(po.splitlines(), 1) for c, ch in enumerate(s) if ord(ch) > 127
    )
    assert err.splitlines()[0] == (
        f"{tmp_path / 'edited.po'}:{line}:{col}: error: not UTF-8 text (byte 0x{ord(char):02x}), although the "
        "PO file declares "
        "charset utf-8 (save it as UTF-8, or declare the charset it is in)"
    )


def test_a_real_latin_1_po_that_says_so_is_imported(capsys, letter, tmp_path):
    po = export(capsys, letter).replace("charset=utf-8", "charset=ISO-8859-1")
    header, *entries = po.split("\n\n")
    entry = next(e for e in entries if f'msgctxt "{ITEM}"' in e).replace('paix"', 'paix, révisé"')
    status, _, err = run(
        capsys, "translate", "import", letter, write(tmp_path, f"{header}\n\n{entry}\n".encode("latin-1"))
    )
    assert status == 0, err
    assert "paix, révisé" in letter.read_text(encoding="utf-8")
    assert state(letter, ITEM) == "current"


def test_mojibake_in_a_utf8_po_is_refused(capsys, letter, tmp_path):
    po = export(capsys, letter)
    po = po.replace("msgstr \"Étude d'ensemble", "msgstr \"Ã‰tude d'ensemble")
    err = refused(capsys, letter, write(tmp_path, po))
    place = "general-assembly.items[1].title"
    assert (
        f"{tmp_path / 'edited.po'}:{entry_line(po, place) + 2}:1: error: {place}: the translation holds 'Ã‰', "
        "UTF-8 read in the wrong charset ('É'?) (correct the text in the translator's tool)" in err
    )


@pytest.mark.parametrize(
    ("corrupt", "marker", "message"),
    [
        (
            lambda po: po[: po.index('msgstr "La Mission permanente')],
            'msgctxt "body[0]"',
            "an entry without msgstr (the file may be cut short: export it again, or complete the entry)",
        ),
        (
            lambda po: po.replace('msgctxt "body[0]"', 'msgctxt "body[0]"\nHELLO'),
            "HELLO",
            "'HELLO' is not a PO keyword (msgctxt, msgid, msgstr) nor a quoted text",
        ),
        (
            lambda po: po.replace('msgstr "L\'Ambassadeur"', "msgstr \"L'Ambassadeur"),
            "msgstr \"L'Ambassadeur",
            "the quoted text that starts here is not closed (add the closing quote)",
        ),
        (
            lambda po: po.replace('msgstr "L\'Ambassadeur"', 'msgstr "L"Ambassadeur"'),
            'msgstr "L"',
            'a quote inside a quoted text (write it as \\")',
        ),
        (
            lambda po: po.replace('msgstr "L\'Ambassadeur"', 'msgstr "L\\qAmbassadeur"'),
            'msgstr "L\\q',
            "unknown escape '\\q' in a quoted text (write a backslash as \\\\)",
        ),
        (
            lambda po: po.replace('msgstr "L\'Ambassadeur"', 'msgstr "a"\nmsgstr "b"'),
            'msgstr "b"',
            "a second msgstr in one entry (an entry is msgctxt, msgid and one msgstr)",
        ),
    ],
    ids=["truncated", "garbage-line", "unclosed-quote", "unescaped-quote", "bad-escape", "two-msgstr"],
)
def test_a_malformed_po_is_refused_and_changes_nothing(capsys, letter, tmp_path, corrupt, marker, message):
    po = corrupt(export(capsys, letter))
    err = refused(capsys, letter, write(tmp_path, po))
    line = next(n for n, s in enumerate(po.splitlines(), 1) if s.startswith(marker))
    assert err.splitlines()[0].startswith(f"{tmp_path / 'edited.po'}:{line}:")
    assert err.splitlines()[0].endswith(f": error: {message}")


def test_duplicate_places_are_refused_naming_both(capsys, letter, tmp_path):
    po = export(capsys, letter)
    po += '\nmsgctxt "body[0]"\nmsgid "Something else"\nmsgstr "Autre chose"\n'
    err = refused(capsys, letter, write(tmp_path, po))
    first, second = entry_line(po, "body[0]"), po.count("\n") - 2
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{second}:1: error: body[0]: a second entry for this text; the first is at line "
        f"{first} (keep one of the two)"
    ]


def test_an_entry_for_a_place_the_letter_does_not_have_is_refused(capsys, letter, tmp_path):
    po = export(capsys, letter).replace('msgctxt "body[0]"', 'msgctxt "body[9]"')
    err = refused(capsys, letter, write(tmp_path, po))
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{entry_line(po, 'body[9]')}:1: error: body[9]: {letter} has no text here (the "
        "letter changed since the export: export a new PO and carry the translation over, or delete this entry)"
    ]


def test_a_translation_the_letter_cannot_hold_is_refused(capsys, letter, tmp_path):
    po = export(capsys, letter).replace('msgstr "L\'Ambassadeur"', 'msgstr "L\'Ambassadeur\\a"')
    err = refused(capsys, letter, write(tmp_path, po))
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{entry_line(po, 'from.title') + 2}:1: error: from.title: the translation holds "
        "character U+0007, which a letter cannot (control characters cannot appear in a letter)"
    ]


def test_a_binary_file_is_not_a_po(capsys, letter, tmp_path):
    mo = write(tmp_path, b"\xde\x12\x04\x95\x00\x00\x00\x00", "fr.mo")
    assert refused(capsys, letter, mo).splitlines() == [
        f"{mo}:1:1: error: not a PO file: it holds binary data (a compiled .mo file? import the .po it was made from)"
    ]


def test_a_missing_po_is_a_user_error(capsys, letter, tmp_path):
    err = refused(capsys, letter, tmp_path / "nope.po")
    assert err.splitlines() == [
        f"{tmp_path / 'nope.po'}:1:1: error: cannot read the PO file: No such file or directory"
    ]


def test_a_po_without_language_says_so(capsys, letter, tmp_path):
    po = export(capsys, letter).replace('"Language: fr\\n"\n', "")
    err = refused(capsys, letter, write(tmp_path, po))
    assert err.splitlines() == [
        f"{tmp_path / 'edited.po'}:6:1: error: the PO file names no Language in its header "
        '(add a line "Language: fr\\n" with the language of its translations)'
    ]


def test_a_new_languages_translations_are_stored_and_the_author_adds_the_language(capsys, letter, tmp_path):
    po = export(capsys, letter, "es")
    assert run(capsys, "translate", "import", letter, write(tmp_path, po)) == (0, f"unchanged: {letter}\n", "")
    po = po.replace('msgid "Ambassador"\nmsgstr ""', 'msgid "Ambassador"\nmsgstr "El Embajador"')
    status, _, err = run(capsys, "translate", "import", letter, write(tmp_path, po))
    line = po.splitlines().index('"Language: es\\n"') + 1
    assert status == 0 and err.splitlines() == [
        f"{tmp_path / 'edited.po'}:{line}:1: warning: 'es' is not one of the letter's languages: its translations "
        "are stored, and built once 'es' is added to languages: (with its job number, if the letter has them)"
    ]
    letter_ = load.load(letter)
    assert letter_.languages == ["en", "fr"] and letter_.sender.title["es"] == "El Embajador"


# --- writing PO files ---------------------------------------------------------------------------


def test_export_refuses_to_replace_a_symlink_or_a_device(capsys, letter, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.po"
    link.symlink_to(target)
    status, _, err = run(capsys, "translate", "export", letter, "--lang", "fr", "-o", link)
    assert status == 1 and link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    assert err.splitlines() == [
        f"docgen: error: {link} is a symbolic link: docgen replaces only regular files "
        "(remove it or choose another path)"
    ]
    if os.path.exists("/dev/null"):
        status, _, err = run(capsys, "translate", "export", letter, "--lang", "fr", "-o", "/dev/null")
        assert status == 1 and err.splitlines() == [
            "docgen: error: /dev/null is not a regular file: docgen replaces only regular files "
            "(remove it or choose another path)"
        ]


def test_export_to_standard_output_with_a_dash(capsys, letter):
    status, out, _ = run(capsys, "translate", "export", letter, "--lang", "fr", "-o", "-")
    assert status == 0 and 'msgctxt "body[0]"' in out


# --- the corpus: tests/broken_po/NN-name.po, imported into the sample, must print NN-name.expected --

CORPUS = sorted((ROOT / "tests" / "broken_po").glob("*.po"))


def test_the_po_corpus_is_complete():
    assert len(CORPUS) >= 20
    assert {p.stem for p in CORPUS} == {p.stem for p in CORPUS[0].parent.glob("*.expected")}


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_broken_po(case, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    bilingual_sample(Path(SAMPLE.name))
    shutil.copy(case, case.name)
    err = refused(capsys, Path(SAMPLE.name), case.name)
    assert err.splitlines() == case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_a_symlinked_letter_stays_a_symlink(capsys, letter, tmp_path):
    link = tmp_path / "linked.yaml"
    link.symlink_to(letter)
    po = export(capsys, link).replace('msgstr "L\'Ambassadeur"', 'msgstr "Son Excellence"')
    assert run(capsys, "translate", "import", link, write(tmp_path, po))[0] == 0
    assert link.is_symlink() and "fr: Son Excellence" in letter.read_text(encoding="utf-8")


def test_import_problems_and_warnings_in_json_for_editors_and_ci(capsys, letter, tmp_path):
    po = export(capsys, letter).replace('msgctxt "body[0]"', 'msgctxt "body[9]"')
    status, out, _ = run(capsys, "--diagnostics", "json", "translate", "import", letter, write(tmp_path, po))
    assert status == 1
    [problem] = json.loads(out)
    assert (problem["file"], problem["line"], problem["severity"], problem["key"]) == (
        str(tmp_path / "edited.po"),
        entry_line(po, "body[9]"),
        "error",
        "body[9]",
    )
    text = letter.read_text(encoding="utf-8").replace(
        "      en: Report of the Peacebuilding Commission\n",
        "      en: Report of the Peacebuilding Commission, revised\n",
    )
    letter.write_text(text, encoding="utf-8")
    po = po.replace('msgctxt "body[9]"', 'msgctxt "body[0]"').replace(
        'msgstr "Rapport de la Commission de consolidation de la paix"', 'msgstr "Rapport de la Commission"'
    )
    status, out, _ = run(capsys, "--diagnostics", "json", "translate", "import", letter, write(tmp_path, po))
    assert status == 0
    [warning] = json.loads(out[out.index("[") :])
    assert (warning["severity"], warning["key"]) == ("warning", ITEM)
