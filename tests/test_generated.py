"""The generated tables (docgen/generated.py, `make data`) are what today's fonts and num2words
give, and builds read them instead of importing num2words or parsing fonts."""

from __future__ import annotations

import pytest

from docgen import fonts, generated, language


@pytest.mark.parametrize("path", list(generated.FILES), ids=lambda p: p.name)
def test_the_generated_file_is_current(path):
    assert path.read_text(encoding="utf-8") == generated.FILES[path](), f"{path} is stale: run `make data`"


def test_the_table_gives_what_num2words_gives():
    from num2words import num2words

    for n in (1, 21, 64, 71, 200):
        assert language._num2words_ordinal(n, "fr") == num2words(n, to="ordinal", lang="fr")
    assert language._num2words_ordinal(201, "en") == "two hundred and first"  # beyond the table: num2words


def test_a_font_not_in_the_table_is_read_from_its_file(tmp_path):
    copy = tmp_path / "LiberationSerif-Regular.ttf"
    copy.write_bytes((fonts.resources.FONTS / copy.name).read_bytes() + b"\0\0\0\0")  # another size
    assert fonts._codepoints(copy) == frozenset(fonts._font(fonts.resources.FONTS / copy.name).charToGlyph)
