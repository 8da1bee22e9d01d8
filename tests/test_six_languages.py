"""The house-style wording of the seed letter in the other official languages: every string the
UN's formulas fix comes from the locale's catalog, language.yaml and countries.yaml."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from docgen.compose import compose
from docgen.language import resolve
from docgen.translation import texts


def generated(letter, code: str) -> str:
    """The letter composed in `code`, its texts left out (only what docgen generates is left),
    with the language's typography applied, as the layout applies it."""
    lang = resolve(code)
    marks = {t.place: "missing" for t in texts(letter) if code not in t.by_lang}
    md = compose(letter, lang, marks)
    lines = [line for line in md.splitlines() if line.strip() and not line.startswith(":::") and "**\\[" not in line]
    plain = (re.sub(r"\\(.)", r"\1", line) for line in lines)  # Markdown escapes undone
    return "\n".join("".join(text for text, _ in lang.typeset(line)) for line in plain)


SEED = {
    "ar": [
        "الأمم المتحدة",
        "الجمعية العامة",
        "مجلس الأمن",
        # the Arabic edition keeps these masthead lines in English
        "Distr.: General",
        "23 July 2010",
        "Arabic",
        "Original: English",
        "الدورة الرابعة والستون",
        "البندان 10 و 33 من جدول الأعمال",
        "السنة الخامسة والستون",
        "رسالة مؤرخة 22 تموز/يوليه 2010 موجهة إلى الأمين العام من الممثل الدائم للبرتغال لدى الأمم المتحدة",
        "وأكون ممتنا لو تفضلتم بتعميم هذه الرسالة ومرفقيها بوصفها وثيقة من وثائق الدورة الرابعة والستين "
        "للجمعية العامة، في إطار البندين 10 و 33 من جدول الأعمال، ومن وثائق مجلس الأمن.",
        "(*توقيع*) José Filipe de **Moraes Cabral**",
        "المرفق الأول للرسالة المؤرخة 22 تموز/يوليه 2010 الموجهة إلى الأمين العام من الممثل الدائم للبرتغال "
        "لدى الأمم المتحدة",
        "البرتغال، من 8 إلى 10 تموز/يوليه 2010",
        "قائمة المشاركين",
        "ضيوف الشرف",
        "السيدة Mirsada Čolaković، نائبة الممثل الدائم (البوسنة والهرسك)",
    ],
    "zh": [
        "联合国",
        "大会",
        "安全理事会",
        # the Chinese edition keeps these masthead lines in English
        "Distr.: General",
        "23 July 2010",
        "Chinese",
        "Original: English",
        "第六十四届会议",
        "议程项目10和33",
        "第六十五年",
        "2010年7月22日葡萄牙常驻联合国代表给秘书长的信",
        "请将本信及其附件作为大会第六十四届会议议程项目10和33下的文件和安全理事会的文件分发为荷。",
        "（签名）José Filipe de Moraes Cabral",
        "2010年7月22日葡萄牙常驻联合国代表给秘书长的信的附件一",
        "葡萄牙，2010年7月8日至10日",
        "与会者名单",
        "贵宾",
        "Mirsada Čolaković女士，副常驻代表（波斯尼亚和黑塞哥维那）",
    ],
    "es": [
        "Naciones Unidas",
        "Asamblea General",
        "Consejo de Seguridad",
        "Distr. general",
        "23 de julio de 2010",
        "Español",
        "Original: inglés",
        "Sexagésimo cuarto período de sesiones",
        "Temas 10 y 33 del programa",
        "Sexagésimo quinto año",
        "Carta de fecha 22 de julio de 2010 dirigida al Secretario General por el Representante Permanente de "
        "Portugal ante las Naciones Unidas",
        "Le agradecería que tuviera a bien hacer distribuir la presente carta y sus anexos como documento del "
        "sexagésimo cuarto período de sesiones de la Asamblea General, en relación con los temas 10 y 33 del "
        "programa, y del Consejo de Seguridad.",
        "(*Firmado*) José Filipe de **Moraes Cabral**",
        "Anexo I de la carta de fecha 22 de julio de 2010 dirigida al Secretario General por el Representante "
        "Permanente de Portugal ante las Naciones Unidas",
        "Portugal, 8 a 10 de julio de 2010",
        "Lista de participantes",
        "Invitados de honor",
        "Embajador Abulkalam Abdul Momen (Bangladesh)",
        "Sra. Mirsada Čolaković, Representante Permanente Adjunta (Bosnia y Herzegovina)",
    ],
    "ru": [
        "Организация Объединенных Наций",
        "Генеральная Ассамблея",
        "Совет Безопасности",
        # the Russian edition keeps these masthead lines in English
        "Distr.: General",
        "23 July 2010",
        "Russian",
        "Original: English",
        "Шестьдесят четвертая сессия",
        "Пункты 10 и 33 повестки дня",
        "Шестьдесят пятый год",
        "Письмо Постоянного представителя Португалии при Организации Объединенных Наций от 22 июля 2010 года "
        "на имя Генерального секретаря",
        "Буду признателен за распространение настоящего письма и приложений к нему в качестве документа "
        "шестьдесят четвертой сессии Генеральной Ассамблеи по пунктам 10 и 33 повестки дня и документа Совета "
        "Безопасности.",
        "(*Подпись*) José Filipe de **Moraes Cabral**",
        "Приложение I к письму Постоянного представителя Португалии при Организации Объединенных Наций от "
        "22 июля 2010 года на имя Генерального секретаря",
        "Португалия, 8–10 июля 2010 года",
        "Список участников",
        "Почетные гости",
        "Г-жа Mirsada Čolaković, заместитель Постоянного представителя (Босния и Герцеговина)",
    ],
}


@pytest.mark.parametrize("code", sorted(SEED))
def test_the_seed_letters_generated_wording(letter, code):
    lines = generated(letter, code).splitlines()
    for expected in SEED[code]:
        assert expected in lines, expected


def test_the_masthead_keeps_english_where_the_edition_does(letter):
    es, ru = generated(letter, "es").splitlines(), generated(letter, "ru").splitlines()
    assert "Distr.: General" not in es and "Original: English" not in es
    assert ru.index("Distr.: General") < ru.index("23 July 2010") < ru.index("Russian") < ru.index("Original: English")


@pytest.mark.parametrize(
    ("code", "use", "n", "word"),
    [
        ("es", "session", 64, "sexagésimo cuarto"),
        ("es", "session", 61, "sexagésimo primer"),
        ("es", "session", 63, "sexagésimo tercer"),
        ("es", "year", 65, "sexagésimo quinto"),
        ("ru", "session", 64, "шестьдесят четвертая"),
        ("ru", "of-session", 64, "шестьдесят четвертой"),
        ("ru", "year", 65, "шестьдесят пятый"),
        ("ru", "session", 61, "шестьдесят первая"),
    ],
)
def test_ordinals_agree_with_their_noun(code, use, n, word):
    assert resolve(code).ordinal(n, use) == word


def test_russian_dates_and_country_forms():
    ru = resolve("ru")
    assert ru.date(dt.date(2010, 7, 22)) == "22 июля 2010 года"
    assert ru.date_range(dt.date(2010, 7, 8), dt.date(2010, 7, 10)) == "8–10 июля 2010 года"
    forms = {code: ru.country_form(code, "of") for code in ("PT", "EG", "US", "KR", "BA", "BD", "PH")}
    assert forms == {
        "PT": "Португалии",
        "EG": "Египта",
        "US": "Соединенных Штатов Америки",
        "KR": "Республики Корея",
        "BA": "Боснии и Герцеговины",
        "BD": "Бангладеш",
        "PH": "Филиппин",
    }
    assert ru.countries_of(["AL", "PH"]) == "Албании и Филиппин"  # each in the genitive


def test_spanish_country_names_and_articles():
    es = resolve("es")
    assert es.country("US") == "Estados Unidos de América" and es.country("VN") == "Viet Nam"  # UN, not CLDR
    assert es.country_form("AR", "of") == "de la Argentina" and es.country_form("BR", "of") == "del Brasil"
    assert es.country_form("PT", "of") == "de Portugal"
    assert es.countries_of(["AL", "AR"]) == "de Albania y de la Argentina"


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("es", ["Bangladesh", "Bosnia y Herzegovina", "Burkina Faso", "Cabo Verde", "Camboya", "Egipto"]),
        ("ru", ["Бангладеш", "Босния и Герцеговина", "Буркина-Фасо", "Гаити", "Египет", "Индия"]),
    ],
)
def test_delegations_in_the_collation_order_of_the_language(letter, code, names):
    lines = generated(letter, code).splitlines()
    found = [name for line in lines for name in names if line.endswith(f"({name})")]
    assert found == names


@pytest.mark.parametrize(
    ("code", "use", "n", "word"),
    [
        ("ar", "session", 64, "الرابعة والستون"),
        ("ar", "of-session", 64, "الرابعة والستين"),
        ("ar", "session", 21, "الحادية والعشرون"),  # ICU writes two spaces there: words are rejoined
        ("ar", "year", 65, "الخامسة والستون"),
        ("zh", "session", 64, "第六十四"),
        ("zh", "year", 65, "第六十五"),
    ],
)
def test_arabic_and_chinese_ordinals(code, use, n, word):
    assert resolve(code).ordinal(n, use) == word


def test_arabic_and_chinese_dates_annexes_and_markers():
    ar, zh = resolve("ar"), resolve("zh")
    assert [ar.date(dt.date(2010, m, 22)) for m in (6, 7)] == ["22 حزيران/يونيه 2010", "22 تموز/يوليه 2010"]
    assert zh.date(dt.date(2010, 7, 22)) == "2010年7月22日"
    assert zh.date_range(dt.date(2010, 7, 8), dt.date(2010, 7, 10)) == "2010年7月8日至10日"
    assert [ar.annex_number(n) for n in (1, 2)] == ["الأول", "الثاني"]
    assert [zh.annex_number(n) for n in (1, 2)] == ["一", "二"]
    assert resolve("ru").annex_number(2) == "II"
    assert [ar.list_marker(0, n) for n in (1, 2, 5)] == ["(أ)", "(ب)", "(هـ)"]
    assert ar.country_form("PT", "of") == "للبرتغال" and ar.country_form("EG", "of") == "لمصر"
    assert zh.country("KR") == "大韩民国" and zh.country("US") == "美利坚合众国"  # UN names, not CLDR's


def test_every_language_declares_its_engine_and_direction():
    assert {code: (resolve(code).engine, resolve(code).direction) for code in ("es", "ru", "ar", "zh")} == {
        "es": ("reportlab", "ltr"),
        "ru": ("reportlab", "ltr"),
        "ar": ("typst", "rtl"),
        "zh": ("typst", "ltr"),
    }


@pytest.mark.parametrize("code", ["es", "ru"])
def test_spanish_and_russian_pdfs_carry_the_generated_wording(pdfs, code):
    """Laid out by reportlab with Liberation Serif: the text a reader extracts from the PDF."""
    from conftest import fold

    first, text = pdfs[code].folded(0), pdfs[code].folded()
    for expected in SEED[code]:
        expected = expected.replace("(*", "(").replace("*)", ")").replace("**", "")  # no emphasis in the text
        assert fold(expected) in text, expected
    assert SEED[code][0] in first and f"10-4640{0 if code == 'es' else 1} ({resolve(code).letter})" in first


def test_the_seed_letter_is_translated_into_every_official_language(letter):
    from docgen.translation import entries

    assert sorted(letter.languages) == ["ar", "en", "es", "fr", "ru", "zh"]
    for code in letter.languages[1:]:
        assert {e.state for e in entries(letter, code)} == {"current"}, code


@pytest.mark.parametrize(
    ("stem", "original", "expected"),
    [
        (
            "chile-2011-disaster-risk-reduction",
            "es",
            {
                "es": "Carta de fecha 11 de octubre de 2011 dirigida al Secretario General por la Representante "
                "Permanente de Chile ante las Naciones Unidas",
                "en": "Original: Spanish",
                "fr": "Original\u00a0: espagnol",
            },
        ),
        (
            "jordan-2012-refugee-education",
            "ar",
            {
                "ar": "رسالتان متطابقتان مؤرختان 10 تموز/يوليه 2012 موجهتان إلى الأمين العام ورئيس مجلس الأمن من "
                "الممثل الدائم للأردن لدى الأمم المتحدة",
                "en": "Original: Arabic",
                "fr": "Original\u00a0: arabe",
            },
        ),
    ],
)
def test_letters_written_in_spanish_and_in_arabic(stem, original, expected):
    """Originals in another official language: the translations say so in their masthead."""
    from conftest import ROOT
    from docgen.load import load

    letter = load(ROOT / "letters" / f"{stem}.yaml")
    assert letter.original == original and sorted(letter.languages) == sorted(expected)
    for code, line in expected.items():
        assert line in generated(letter, code).splitlines(), (code, line)
