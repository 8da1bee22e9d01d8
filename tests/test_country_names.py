"""Member States renamed since 2000 are named as the UN named them on the letter's date: the
former name up to the day before the change, the new one from that day (countries.yaml
`earlier`; the table and its sources are in docs/house-style.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from functools import cache

import pytest
import yaml
from pypdf import PdfReader
from test_six_languages import generated

from conftest import ROOT, SAMPLE, Pdf
from docgen import load, pipeline

LANGS = ("en", "fr", "es", "ru", "ar", "zh")
DAY = dt.timedelta(days=1)


@cache
def seed() -> load.Letter:
    return load.load(SAMPLE)


def on(code: str, date: dt.date):
    """The six-language seed letter, sent by `code`'s Permanent Representative on `date`."""
    letter = seed()
    return dataclasses.replace(letter, date=date, sender=dataclasses.replace(letter.sender, country=code))


@cache
def pdf(code: str, date: dt.date, lang: str) -> str:
    data = pipeline.render(on(code, date), lang)
    return Pdf(data, PdfReader(io.BytesIO(data))).folded()


# (code, first day of the new name, language, the sender as the title names it before, from that day)
CHANGES = [
    ("MK", dt.date(2019, 2, 14), "en", "of the former Yugoslav Republic of Macedonia", "of North Macedonia"),
    ("MK", dt.date(2019, 2, 14), "fr", "de l’ex-République yougoslave de Macédoine", "de la Macédoine du Nord"),
    ("MK", dt.date(2019, 2, 14), "es", "de la ex República Yugoslava de Macedonia", "de Macedonia del Norte"),
    ("MK", dt.date(2019, 2, 14), "ru", "бывшей югославской Республики Македония", "Северной Македонии"),
    ("SZ", dt.date(2018, 4, 19), "en", "Permanent Representative of Swaziland", "Permanent Representative of Eswatini"),
    ("SZ", dt.date(2018, 4, 19), "fr", "Représentant permanent du Swaziland", "Représentant permanent de l’Eswatini"),
    ("SZ", dt.date(2018, 4, 19), "ru", "представителя Свазиленда", "представителя Эсватини"),
    (
        "CV",
        dt.date(2013, 10, 24),
        "en",
        "Permanent Representative of Cape Verde",
        "Permanent Representative of Cabo Verde",
    ),
    ("CV", dt.date(2013, 10, 24), "fr", "Représentant permanent du Cap-Vert", "Représentant permanent de Cabo Verde"),
    ("CZ", dt.date(2016, 7, 5), "en", "of the Czech Republic", "Permanent Representative of Czechia"),
    ("CZ", dt.date(2016, 7, 5), "es", "de la República Checa", "Permanente de Chequia"),
    ("TR", dt.date(2022, 6, 1), "en", "Permanent Representative of Turkey", "Permanent Representative of Türkiye"),
    ("TR", dt.date(2022, 6, 1), "fr", "Représentant permanent de la Turquie", "Représentant permanent de la Türkiye"),
    ("TR", dt.date(2022, 6, 1), "es", "Permanente de Turquía", "Permanente de Türkiye"),
]


@pytest.mark.parametrize(("code", "day", "lang", "before", "after"), CHANGES)
def test_the_pdf_names_the_sender_as_the_un_did_on_the_letters_date(code, day, lang, before, after):
    assert before in pdf(code, day - DAY, lang) and after not in pdf(code, day - DAY, lang)
    assert after in pdf(code, day, lang) and before not in pdf(code, day, lang)


# Arabic and Chinese: the composed wording (as test_six_languages checks them); the Arabic title
# reads "من الممثل الدائم لـ…", the Chinese one "…常驻联合国代表".
COMPOSED = [
    ("MK", dt.date(2019, 2, 14), "ar", "الدائم لجمهورية مقدونيا اليوغوسلافية السابقة", "الدائم لمقدونيا الشمالية"),
    ("MK", dt.date(2019, 2, 14), "zh", "前南斯拉夫的马其顿共和国常驻", "北马其顿常驻"),
    ("SZ", dt.date(2018, 4, 19), "ar", "الدائم لسوازيلند", "الدائم لإسواتيني"),
    ("CV", dt.date(2013, 10, 24), "ar", "الدائم للرأس الأخضر", "الدائم لكابو فيردي"),
    ("CZ", dt.date(2016, 7, 5), "zh", "捷克共和国常驻", "捷克常驻"),
]


@pytest.mark.parametrize(("code", "day", "lang", "before", "after"), COMPOSED)
def test_the_arabic_and_chinese_wording_names_the_sender_as_on_the_date(code, day, lang, before, after):
    assert before in generated(on(code, day - DAY), lang)
    now = generated(on(code, day), lang)
    assert after in now and before not in now


def countries(lang: str) -> dict:
    return yaml.safe_load((ROOT / "locales" / lang / "countries.yaml").read_text(encoding="utf-8"))


def test_every_former_name_is_in_all_six_languages_with_the_same_dates():
    dates = {
        lang: {code: [e["until"] for e in entry.get("earlier", ())] for code, entry in countries(lang).items()}
        for lang in LANGS
    }
    renamed = {code for by_code in dates.values() for code, until in by_code.items() if until}
    assert {"CV", "CZ", "LY", "MK", "PS", "SZ", "TR"} <= renamed
    for code in sorted(renamed):
        seen = {lang: dates[lang].get(code, []) for lang in LANGS}
        assert len({tuple(d) for d in seen.values()}) == 1, f"{code}: {seen}"
        assert all(isinstance(d, dt.date) for d in seen["en"]) and seen["en"] == sorted(seen["en"]), code


@pytest.mark.parametrize("lang", LANGS)
def test_a_former_name_has_every_form_the_present_entry_has(lang):
    """A present `of` would otherwise leak into the former name's dates ("de Chequia" for 2010)."""
    for code, entry in countries(lang).items():
        for earlier in entry.get("earlier", ()):
            missing = {"name", "of", "the", "in"} & set(entry) - set(earlier)
            assert not missing, f"{lang} {code} until {earlier['until']}: no {sorted(missing)}"
