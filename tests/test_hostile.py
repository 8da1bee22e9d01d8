"""Hostile and clumsy input (issue 16): one case per class, each asserting what a user would see
(the text in the PDF, or the exact message and exit code). The cases whose outcome is an error
message live in tests/broken (75-88); these are the ones that must build, and bound time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import DATA, ROOT, fold
from docgen import chars, fonts, load, markup, pipeline
from docgen.diagnostics import LetterError
from docgen.language import resolve

BASE = (DATA / "hostile-base.yaml").read_text(encoding="utf-8")
BODY = "  - en: I have the honour to transmit herewith the summary of a workshop (see annex).\n"
FR_BODY = "    fr: J'ai l'honneur de vous faire tenir ci-joint le compte rendu d'un atelier (voir annexe).\n"


def letter(tmp_path: Path, text: str, name: str = "hostile") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def pdf_text(tmp_path: Path, text: str, lang: str = "en") -> str:
    data = pipeline.render(load.load(letter(tmp_path, text)), lang)
    (tmp_path / f"{lang}.pdf").write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(tmp_path / f"{lang}.pdf").pages)


def with_paragraph(en: str, fr: str = "x") -> str:
    """The base letter with a first paragraph of the body given as YAML double-quoted texts."""
    return BASE.replace(BODY, f'  - en: "{en}"\n    fr: "{fr}"\n{BODY}')


def docgen(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout)  # fmt: skip


# --- 1. characters: normalised, invisible ones dropped, none printed as a blank -----------


def test_bidi_controls_and_zero_width_characters_are_never_drawn(tmp_path):
    text = pdf_text(
        tmp_path, BASE.replace("name: Jane Example", 'name: "\\u202eJane\\u200b \\u2066Exa\\ufeffmple\\u2069"')
    )
    assert "(Signed) Jane Example" in text
    assert not [ch for ch in text if unicodedata.category(ch) == "Cf"]


def test_text_is_nfc_normalised_on_load(tmp_path):
    path = letter(tmp_path, BASE.replace("name: Jane Example", 'name: "Jose\\u0301 Example"'))
    assert load.load(path).sender.name == "Jos\u00e9 Example"


def test_joiners_stay_where_a_script_needs_them():
    assert chars.clean("\u0645\u200c\u06cc") == "\u0645\u200c\u06cc"  # Persian: ZWNJ keeps the letters apart
    assert chars.clean("\u0915\u094d\u200d\u0937") == "\u0915\u094d\u200d\u0937"  # Devanagari half form
    assert chars.clean("Ja\u200dne\u200c") == "Jane"  # in Latin text they mean nothing


def test_the_font_check_follows_the_fonts_table():
    """The check reads the faces' character maps: what Liberation Serif has passes, in every
    language docgen writes (Cyrillic included), and what it lacks is named."""
    for lang in ("en", "fr"):
        assert fonts.missing("Čolaković, Ægir, «ça», Ж, – “x” 10\u202f000 €", lang) == []
        assert fonts.missing("a\u2011b 王 😀", lang) == ["\u2011", "王", "😀"]  # U+2011 NON-BREAKING HYPHEN too
    assert fonts.for_language("en").title == "Liberation Serif"


# --- 4. deep nesting: laid out up to the limit, refused beyond (tests/broken/77) -----------


def test_lists_and_quotes_nested_to_the_limit_keep_all_their_text(tmp_path):
    levels = "\\n".join("  " * i + f"- level {i}" for i in range(8))
    quote = "> " * 8 + "the innermost quotation"
    text = fold(pdf_text(tmp_path, with_paragraph(levels + "\\n\\n" + quote)))
    assert all(f"level {i}" in text for i in range(8))
    assert "the innermost quotation" in text


def test_a_text_ending_in_a_quoted_container_loads_and_prints(tmp_path):
    """mdit-py-plugins' container rule reads past the end of a text whose last line is an
    empty quote line inside a container ("> ::: x" then ">"): an IndexError, once docgen
    parsed such a text on its own for its depth."""
    text = pdf_text(tmp_path, with_paragraph("- - - - - - - - eight bullets deep\\n\\n> ::: x\\n>"))
    assert "eight bullets deep" in fold(text)
    assert markup.shape("> ::: x\n>") == markup.Shape(1, 0)


# --- 5. one-line texts stay one line; emphasis may span signature lines --------------------


def test_a_title_of_an_asterisk_or_with_a_blank_line_prints_as_written(tmp_path):
    text = BASE.replace("en: Peacekeeping in practice", 'en: "*"').replace(
        "        en: Comprehensive review of peacekeeping operations",
        '        en: "Comprehensive review\\n\\nof peacekeeping **operations**"',
    )
    pages = pdf_text(tmp_path, text)
    assert "Comprehensive review of peacekeeping operations" in fold(pages)
    assert "\nWorkshop\n*\nIreland, 1 and 2 March 2011" in pages
    assert "**" not in pages


def test_emphasis_across_the_lines_of_a_signature_title(tmp_path):
    title = "title: {en: Ambassador, fr: L'Ambassadrice}"
    text = pdf_text(tmp_path, BASE.replace(title, 'title: {en: "*Permanent\\nRepresentative*\\n- of Ireland", fr: x}'))
    assert "(Signed) Jane Example\nPermanent\nRepresentative\n- of Ireland" in text
    assert "*" not in text.replace("*1112345*", "")  # the barcode's human-readable line


def test_a_footnote_label_of_one_text_does_not_capture_another(tmp_path):
    text = with_paragraph("Body[^1].\\n\\n[^1]: The note of the body.").replace(
        "                  country: CL", '                  organization: {en: "UNDP[^1]", fr: PNUD}'
    )
    pages = pdf_text(tmp_path, text)
    assert "Deputy Permanent Representative (UNDP[^1])" in pages
    assert "The note of the body." in pages


# --- 6. bounded time and reads -----------------------------------------------------------------


def test_french_typography_is_linear_on_runs_of_spaces():
    fr = resolve("fr")
    start = time.perf_counter()
    for text in (" " * 150_000 + "x", "a" + " " * 150_000 + "»", "x" + " " * 150_000 + "; ou :"):
        fr.typeset(text)
    assert time.perf_counter() - start < 1.0  # quadratic before: 20,000 spaces took 1.6 s


def test_a_device_is_refused_before_anything_is_read():
    run = docgen("build", "/dev/zero", "--out", "/nonexistent-out", timeout=20)
    assert run.returncode == 1
    assert (
        "/dev/zero:1:1: error: not a file (a folder, a device or a pipe) (give the path of a letter's .yaml file)"
        in (run.stderr)
    )


@pytest.mark.parametrize("size", [0, 5, 10, 11, 50])
def test_a_file_is_read_whole_up_to_one_byte_over_the_limit(tmp_path, size):
    letter = tmp_path / "letter.yaml"
    letter.write_bytes(bytes(range(65, 65 + size)))
    assert load.read_bounded(letter, limit=10) == bytes(range(65, 65 + min(size, 11)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc on this system")
def test_a_file_that_holds_more_than_its_size_says_is_read_whole():
    # a /proc file says it has 0 bytes, like a file that grows between its fstat and its read
    assert load.read_bounded(Path("/proc/self/status")).startswith(b"Name:")
    assert len(load.read_bounded(Path("/proc/self/status"), limit=3)) == 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "letter.yaml"
    os.mkfifo(fifo)
    run = docgen("check", str(fifo), timeout=20)
    assert run.returncode == 1
    assert f"{fifo}:1:1: error: not a file (a folder, a device or a pipe)" in run.stderr


def test_5000_agenda_items_in_two_languages_in_bounded_time(tmp_path):
    items = "\n".join(
        f"    - number: {i}\n      title: {{en: Item {i} of the agenda, fr: Point {i} de l'ordre du jour}}"
        for i in range(1, 5001)
    )
    text = re.sub(r"    - number: 33\n      title:\n.*\n.*\n", items + "\n", BASE)
    start = time.perf_counter()
    built = pipeline.build(letter(tmp_path, text, "agenda"), tmp_path / "out")
    assert time.perf_counter() - start < 60  # 4 s measured; quadratic before: 282 s
    text = fold("\n".join(page.extract_text() for page in PdfReader(built[1].path).pages))
    assert "Point 1 de l’ordre du jour Point 2 de l’ordre du jour" in text
    assert "Point 5000 de l’ordre du jour" in text


# --- 7. no traceback: merge keys, long words, wide tables ----------------------------------------


def test_yaml_merge_keys_bring_in_keys_and_the_keys_written_win(tmp_path):
    text = BASE.replace(
        "                - {gender: m, rank: ambassador, name: Hans Beispiel, country: DE}",
        "                - &hans {gender: m, rank: ambassador, name: Hans Beispiel, country: DE}\n"
        "                - {<<: *hans, name: Fritz Beispiel}",
    )
    pages = pdf_text(tmp_path, text)
    assert "Ambassador Hans Beispiel (Germany)" in pages
    assert "Ambassador Fritz Beispiel (Germany)" in pages


def test_a_20000_character_word_in_a_table_cell_is_laid_out_whole(tmp_path):
    columns = 12  # the most a table may have (markup.MAX_COLUMNS)
    word = "x" * 20_000
    row = "|".join(word if c == 3 else f"c{c}" for c in range(columns))
    table = "|" + "|".join(f"h{c}" for c in range(columns)) + "|\\n|" + "---|" * columns + "\\n|" + row + "|"
    text = pdf_text(tmp_path, with_paragraph(table))
    runs = re.findall("x{20,}", re.sub(r"\s", "", text))  # the word, split over lines and pages
    assert sum(map(len, runs)) == 20_000
    assert "c11" in text


def test_an_unknown_language_code_is_a_clear_error(tmp_path):
    with pytest.raises(LetterError) as info:
        load.load(letter(tmp_path, BASE.replace("languages: [en, fr]", "languages: [en, fr, qqq]")))
    assert [p.message for p in info.value.problems] == ["'qqq' is not an ISO 639 language code"]


# --- 11. every font of every PDF is embedded ----------------------------------------------------------


def fonts_of(path: Path) -> set[tuple[str, bool]]:
    found = set()
    for page in PdfReader(path).pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = (font.get("/FontDescriptor") or {}) if "/DescendantFonts" not in font else (
                font["/DescendantFonts"][0].get_object().get("/FontDescriptor") or {})  # fmt: skip
            embedded = any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font.get("/BaseFont")), embedded))
    return found


def test_every_font_in_every_sample_pdf_is_embedded(tmp_path):
    """A table's cells used to be set in reportlab's default Helvetica, which is never embedded."""
    samples = sorted((ROOT / "letters").glob("*.yaml"))
    assert samples
    with_table = letter(tmp_path, with_paragraph("| a | b |\\n|---|---|\\n|  | 2 |"), "table")
    for source in [*samples, with_table]:
        for built in pipeline.build(source, tmp_path / "out", allow_incomplete=True):
            found = fonts_of(built.path)
            assert found and all(embedded for _, embedded in found), (built.path, found)
            assert not any("Helvetica" in name for name, _ in found)
