"""The Spanish and Russian editions against issued UN letters, read back from the PDFs.

Each letter is modelled on an issued one (symbol in the test; copies found with the search of
issued documents, cited in docs/house-style.md, "Spanish and Russian against issued letters"),
and the test checks the generated wording character for character: masthead lines, session
and agenda lines, the title formula, the signature, annex headings and the job line.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from conftest import Pdf
from docgen import load, pipeline

SYRIA_BODY = {
    "ar": "بناء على تعليمات من حكومتي، أود أن أحيطكم علما بما يلي.",
    "es": "Siguiendo instrucciones de mi Gobierno, quisiera señalar a su atención lo siguiente.",
    "ru": "По поручению правительства моей страны я хотел бы обратить Ваше внимание на следующую информацию.",
}


def letter(tmp_path: Path, data: dict[str, Any]) -> dict[str, Pdf]:
    """The letter's editions as PDFs (all but the original's, which the tests do not read)."""
    path = tmp_path / "letter.yaml"
    path.write_text(yaml.safe_dump({"docgen": 1, **data}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load.load(path)
    out = {}
    for lang in loaded.languages:
        if lang != loaded.original:
            pdf = pipeline.render(loaded, lang)
            out[lang] = Pdf(pdf, PdfReader(io.BytesIO(pdf)))
    return out


def lines(pdf: Pdf) -> list[str]:
    """The first page's lines, as pypdf extracts them (masthead lines are each a line)."""
    return [line.strip() for line in pdf.pages[0].splitlines()]


def syria(date: str, issued: str, jobs: dict[str, str]) -> dict[str, Any]:
    """Identical letters of the Chargé d'affaires a.i. of Syria to the Secretary-General and the
    President of the Security Council, circulated in the Council, written in Arabic."""
    return {
        "original": "ar",
        "languages": ["ar", "es", "ru"],
        "symbols": ["S/2017/730" if date.startswith("2017") else "S/2016/779"],
        "issued": issued,
        "jobs": {lang: {"number": number, "date": issued} for lang, number in jobs.items()},
        "date": date,
        "from": {"country": "SY", "role": "charge-d-affaires-ai", "gender": "m", "name": "Mounzer Mounzer"},
        "to": ["secretary-general", "president-security-council"],
        "security-council": {},
        "body": [SYRIA_BODY],
    }


def test_russian_identical_letters_of_a_charge_d_affaires_as_s_2017_730(tmp_path):
    """S/2017/730, Russian: the masthead lines in English, the title's formula."""
    ru = letter(tmp_path, syria("2017-08-22", "2017-08-24", {"ar": "17-14621", "es": "17-14622", "ru": "17-14623"}))[
        "ru"
    ]
    first = lines(ru)
    for line in ("Организация Объединенных Наций", "Совет Безопасности", "S/2017/730", "Distr.: General",
                 "24 August 2017", "Russian", "Original: Arabic"):  # fmt: skip
        assert line in first, line
    assert (
        "Идентичные письма Временного поверенного в делах Постоянного представительства Сирийской Арабской "
        "Республики при Организации Объединенных Наций от 22 августа 2017 года на имя Генерального секретаря и "
        "Председателя Совета Безопасности"
    ) in ru.folded(0)
    assert "Буду признателен за распространение настоящего письма в качестве документа Совета Безопасности." in (
        ru.folded(0).replace("- ", "")  # a hyphenated line end (justified Russian)
    )


def test_spanish_identical_letters_of_a_charge_d_affaires_as_s_2016_779(tmp_path):
    """S/2016/779, Spanish: "Encargado de Negocios interino" in lower case, as in 2016 (S/2017/24
    and S/2017/730 print "Interino"; docgen keeps the lower case of the earlier letters)."""
    es = letter(tmp_path, syria("2016-09-13", "2016-09-16", {"ar": "16-16011", "es": "16-16012", "ru": "16-16013"}))[
        "es"
    ]
    first = lines(es)
    for line in ("Naciones Unidas", "Consejo de Seguridad", "S/2016/779", "Distr. general", "16 de septiembre de 2016",
                 "Español", "Original: árabe"):  # fmt: skip
        assert line in first, line
    assert (
        "Cartas idénticas de fecha 13 de septiembre de 2016 dirigidas al Secretario General y al Presidente del "
        "Consejo de Seguridad por el Encargado de Negocios interino de la Misión Permanente de la República Árabe "
        "Siria ante las Naciones Unidas"
    ) in es.folded(0)
    assert "(Firmado) Mounzer Mounzer" in es.folded(0)
    assert "16-16012 (S) 160916" in es.folded(0)


def test_the_islamic_republic_of_iran_in_the_title_as_s_2017_68(tmp_path):
    """S/2017/68: the title names the country as running text does ("Исламской Республики Иран",
    "de la República Islámica del Irán"), not as an alphabetical list ("Irán (República Islámica del)")."""
    pdfs = letter(
        tmp_path,
        {
            "original": "en",
            "languages": ["en", "es", "ru"],
            "symbols": ["S/2017/68"],
            "issued": "2017-01-25",
            "jobs": {
                lang: {"number": f"17-0117{i}", "date": "2017-01-25"} for i, lang in enumerate(["en", "es", "ru"])
            },
            "date": "2017-01-24",
            "from": {"country": "IR", "role": "permanent-representative", "gender": "m", "name": "Gholamali Khoshroo"},
            "to": ["president-security-council"],
            "security-council": {},
            "body": [
                {
                    "en": "On instructions from my Government, I wish to draw your attention to the following.",
                    "es": "Siguiendo instrucciones de mi Gobierno, deseo señalar a su atención lo siguiente.",
                    "ru": "По поручению правительства моей страны я хотел бы обратить Ваше внимание на следующее.",
                }
            ],
        },
    )
    assert (
        "Письмо Постоянного представителя Исламской Республики Иран при Организации Объединенных Наций от "
        "24 января 2017 года на имя Председателя Совета Безопасности"
    ) in pdfs["ru"].folded(0)
    assert (
        "Carta de fecha 24 de enero de 2017 dirigida al Presidente del Consejo de Seguridad por el Representante "
        "Permanente de la República Islámica del Irán ante las Naciones Unidas"
    ) in pdfs["es"].folded(0)
    for line in ("Distr.: General", "25 January 2017", "Russian", "Original: English"):
        assert line in lines(pdfs["ru"]), line
    for line in ("Distr. general", "25 de enero de 2017", "Español", "Original: inglés"):
        assert line in lines(pdfs["es"]), line


def test_a_general_assembly_letter_with_two_annexes_as_a_56_441(tmp_path):
    """A/56/441, Russian: the session and agenda lines, the signature over "Посол" and
    "Постоянный представитель", "Приложение I к письму …", the job line "01-56683 (R)"."""
    annex = {
        "en": "We are shocked by the terrible acts of terrorism.",
        "ru": "Мы потрясены ужасающими актами терроризма.",
    }
    ru = letter(
        tmp_path,
        {
            "original": "en",
            "languages": ["en", "ru"],
            "symbols": ["A/56/441"],
            "issued": "2001-10-05",
            "jobs": {
                "en": {"number": "01-56682", "date": "2001-10-05"},
                "ru": {"number": "01-56683", "date": "2001-10-05"},
            },
            "date": "2001-09-28",
            "from": {
                "country": "NP",
                "role": "permanent-representative",
                "gender": "m",
                "name": "Мурари Радж Шарма",
                "family-name": "Шарма",
                "title": {"en": "Ambassador\nPermanent Representative", "ru": "Посол\nПостоянный представитель"},
            },
            "to": ["secretary-general"],
            "general-assembly": {
                "items": [
                    {
                        "number": 166,
                        "title": {
                            "en": "Measures to eliminate international terrorism",
                            "ru": "Меры по ликвидации международного терроризма",
                        },
                    }
                ]
            },
            "body": [
                {
                    "en": "I have the honour to transmit herewith two messages (see annexes I and II).",
                    "ru": "Имею честь настоящим препроводить два послания (см. приложения I и II).",
                }
            ],
            "annexes": [{"parts": [{"markdown": {"body": annex}}]}, {"parts": [{"markdown": {"body": annex}}]}],
        },
    )["ru"]
    first = lines(ru)
    for line in ("Организация Объединенных Наций", "Генеральная Ассамблея", "A/56/441", "Distr.: General",
                 "5 October 2001", "Russian", "Original: English", "Пятьдесят шестая сессия",
                 "Пункт 166 повестки дня", "Посол",
                 "Постоянный представитель"):  # fmt: skip
        assert line in first, line
    page1 = ru.folded(0)
    assert "Пункт 166 повестки дня Меры по ликвидации международного терроризма" in page1  # bold, may wrap
    assert (
        "Письмо Постоянного представителя Непала при Организации Объединенных Наций от 28 сентября 2001 года на "
        "имя Генерального секретаря"
    ) in page1
    assert "(Подпись) Мурари Радж Шарма" in page1
    assert "01-56683 (R) 051001" in page1
    # A/56/441 asks "в качестве документов пятьдесят шестой сессии": docgen keeps the singular of
    # the English formula ("as a document of"), as in S/2017/730 (docs/house-style.md)
    assert "в качестве документа пятьдесят шестой сессии Генеральной Ассамблеи по пункту 166 повестки дня." in page1
    annexes = [ru.folded(p) for p in range(1, len(ru.pages))]
    for n in ("I", "II"):
        heading = (
            f"Приложение {n} к письму Постоянного представителя Непала при Организации Объединенных Наций от "
            "28 сентября 2001 года на имя Генерального секретаря"
        )
        assert any(heading in page for page in annexes), heading


@pytest.mark.parametrize(
    ("country", "lang", "formula"),
    [
        # the running-text form in the title, as S/2017/68 for Iran (the forms of the list in brackets
        # are for lists of participants): UN short names, as English countries.yaml writes them
        ("BO", "es", "por el Representante Permanente del Estado Plurinacional de Bolivia ante las Naciones Unidas"),
        (
            "VE",
            "es",
            "por el Representante Permanente de la República Bolivariana de Venezuela ante las Naciones Unidas",
        ),
        ("FM", "es", "por el Representante Permanente de los Estados Federados de Micronesia ante las Naciones Unidas"),
        ("NZ", "es", "por el Representante Permanente de Nueva Zelandia ante las Naciones Unidas"),  # S/PV.1287
        ("BO", "ru", "Письмо Постоянного представителя Многонационального Государства Боливия при Организации"),
        ("VE", "ru", "Письмо Постоянного представителя Боливарианской Республики Венесуэла при Организации"),
        ("FM", "ru", "Письмо Постоянного представителя Федеративных Штатов Микронезии при Организации"),
        ("NO", "ru", "Письмо Постоянного представителя Норвегии при Организации"),  # not "Норвегия": YAML's "NO"
        ("BO", "fr", "par le Représentant permanent de l’État plurinational de Bolivie auprès de l’Organisation"),
        ("VE", "fr", "par le Représentant permanent de la République bolivarienne du Venezuela auprès de"),
    ],
)
def test_countries_in_the_title_formula(tmp_path, country, lang, formula):
    body = {
        "en": "I have the honour to transmit the conclusions of the meeting.",
        "es": "Tengo el honor de transmitirle las conclusiones de la reunión.",
        "ru": "Имею честь препроводить выводы совещания.",
        "fr": "J’ai l’honneur de vous faire tenir les conclusions de la réunion.",
    }
    pdfs = letter(
        tmp_path,
        {
            "original": "en",
            "languages": ["en", lang],
            "symbols": ["S/2012/901"],
            "issued": "2012-11-20",
            "jobs": {
                "en": {"number": "12-60001", "date": "2012-11-20"},
                lang: {"number": "12-60002", "date": "2012-11-21"},
            },
            "date": "2012-11-16",
            "from": {"country": country, "role": "permanent-representative", "gender": "m", "name": "Nombre Ejemplo"},
            "to": ["secretary-general"],
            "security-council": {},
            "body": [{"en": body["en"], lang: body[lang]}],
        },
    )
    assert formula in pdfs[lang].folded(0)


def test_every_countries_file_keys_its_entries_by_code():
    """An unquoted NO in YAML is the boolean false: Norway's forms were lost in Russian and Arabic."""
    from docgen import resources

    for path in sorted(resources.LOCALES.glob("*/countries.yaml")):
        keys = yaml.safe_load(path.read_text(encoding="utf-8")).keys()
        assert all(isinstance(k, str) and len(k) == 2 for k in keys), (
            path,
            [k for k in keys if not isinstance(k, str)],
        )
