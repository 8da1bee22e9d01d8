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
    assert frozenset(fonts._codepoints(copy)) == frozenset(fonts._font(fonts.resources.FONTS / copy.name).charToGlyph)
    assert fonts._family_name(copy) == "Liberation Serif"


@pytest.mark.parametrize("name", ["serif", "naskh", "song"])
def test_a_familys_title_is_its_regular_faces_own_name(name):
    """The Typst writer names fonts by the titles coverage.json holds: the fonts' own names."""
    fam = fonts.family(name)
    assert fam.title == fonts._font(fam.faces["regular"]).familyName.decode("utf-8")


@pytest.mark.parametrize("name", ["serif", "naskh", "song"])
def test_what_a_family_draws_is_what_its_font_files_map(name):
    """The runs of coverage.json, looked up, give what the font files' own character maps
    give: what every face maps, or the Latin family's but its shared punctuation, or the
    white space laid out."""
    fam = fonts.family(name)

    def own(f: fonts.Family) -> frozenset[int]:
        return frozenset.intersection(*(frozenset(fonts._font(p).charToGlyph) for p in f.faces.values()))

    expected = own(fam) | fonts.LAYOUT
    if fam.latin:
        expected |= own(fonts.family(fam.latin)) - frozenset(map(ord, fam.shared))
    assert [cp for cp in range(0x30000) if fam.draws(cp) != (cp in expected)] == []


@pytest.mark.parametrize("code", sorted(language.resources.languages()))
def test_countries_sorted_by_the_table_are_in_icus_order(code):
    """locales/collation.json ranks every name a country takes: sorting by it is sorting by
    ICU's collator, on the letter's date and before the names changed; a name the table lacks
    (an unknown code prints as itself) is sorted by ICU."""
    import datetime as dt

    lang = language.resolve(code)
    codes = sorted(lang.locale.territories)
    for on in (None, dt.date(2010, 7, 22)):
        by_icu = sorted(codes, key=lambda c: lang._sort_key(lang.country(c, on)))
        assert [lang.country(c, on) for c in lang.by_country(codes, on)] == [lang.country(c, on) for c in by_icu]
    some = ["PT", "XX", "AL"]  # XX, a code no table names, prints as itself
    assert lang.by_country(some) == sorted(some, key=lambda c: lang._sort_key(lang.country(c)))


@pytest.mark.parametrize("code", sorted(language.resources.languages()))
def test_dates_lists_and_names_from_the_cldr_table_are_babels(code):
    """locales/<lang>/cldr.json holds what Babel gives: long dates, date ranges in both forms
    (within a month, across months, across years), lists, country and language names are the
    same as with Babel's own locale data."""
    import dataclasses
    import datetime as dt

    from babel import Locale

    lang = language.resolve(code)
    babel = dataclasses.replace(lang, locale=Locale.parse(language.resources.language_facts(code)["babel"]))
    assert type(lang.locale) is not type(babel.locale)
    for start in (dt.date(2009, 12, 20) + dt.timedelta(days) for days in range(0, 400, 3)):
        assert lang.date(start) == babel.date(start)
        for end in (start + dt.timedelta(days) for days in (1, 17, 40, 400)):
            for form in ("dash", "prose"):
                assert lang.date_range(start, end, form) == babel.date_range(start, end, form)
    assert all(lang.and_list(list("abcd")[:n]) == babel.and_list(list("abcd")[:n]) for n in range(1, 5))
    assert all(lang.country(c) == babel.country(c) for c in babel.locale.territories)
    assert all(lang.language_name(c) == babel.language_name(c) for c in babel.locale.languages)
