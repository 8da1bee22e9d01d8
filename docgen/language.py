"""Stage 2: resolve an output language: its catalog, CLDR locale, collation and typography.

Everything that differs between languages is data under locales/<lang>/: the gettext catalog
(house-style wording), language.yaml (CLDR locale, typography rules, list markers) and
countries.yaml (official short names and their grammatical forms). Nothing here names a language.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from babel import Locale, localedata
from babel.dates import format_date, parse_pattern
from babel.lists import format_list

from docgen import resources
from docgen.doctree import Number
from docgen.needs import Need, met, needs


@dataclass(frozen=True)
class Rule:
    """One typography rule: substitute, or raise the group `sup` as a superscript."""

    pattern: re.Pattern[str]
    replace: str | None  # None: a superscript rule
    needs: tuple[Need, ...] = ()  # what a text holds if the rule can match in it (docgen.needs)


@dataclass(frozen=True)
class Ordinal:
    """How a language spells an ordinal in one use ("session", "year", "of-session"): by an
    ICU rule set (CLDR's spell-out rules: gender, case, apocope) or by num2words (its spellings,
    generated once into locales/ordinals.json), then with whole words replaced ("premier" ->
    "première")."""

    icu: str | None
    num2words: str | None
    words: dict[str, str]

    def spell(self, n: int, locale: str) -> str:
        text = _spellout(locale, self.icu).format(n) if self.icu else _num2words_ordinal(n, self.num2words or "")
        return " ".join(self.words.get(word, word) for word in text.split())


@dataclass(frozen=True)
class Numbering:
    """How one kind of numbered block prints its number (language.yaml `numbering`): the label
    around it ("{}." / "{} -") and the counter, a CSS counter-style name, or words in order
    ("أولا", "ثانيا", ...) where the UN writes the number out; `icu` spells a counter that
    ICU spells ("六" for simp-chinese-informal)."""

    format: str
    style: str  # "decimal", "upper-roman", "lower-roman", "upper-latin", "lower-latin", or an ICU-spelled one
    words: tuple[str, ...] = ()
    icu: str | None = None

    def counter(self, n: int, locale: str) -> str:
        if self.words:
            return self.words[n - 1] if n <= len(self.words) else str(n)
        if self.icu:
            return _spellout(locale, self.icu).format(n)
        return COUNTERS[self.style](n)

    def number(self, n: int, locale: str) -> Number:
        label = self.format.replace("{}", self.counter(n, locale))
        return Number(n, label, "" if self.words else self.style, self.format)


@dataclass(frozen=True)
class Language:
    """Everything a build needs of one language, from locales/<code>/ and CLDR."""

    code: str
    locale: Locale
    ordinals: dict[str, Ordinal]
    date_pattern: str  # a CLDR date pattern, or "long": the locale's long format
    months: tuple[str, ...]  # month names in place of CLDR's (MMMM), where the UN uses its own
    language_names: dict[str, str]  # names of languages in place of CLDR's
    masthead: dict[str, str]  # masthead line -> the language it is printed in, if not this one
    annex_numbers: Ordinal | None  # how annexes are numbered, if not in Roman numerals ("المرفق الأول")
    alphabet: tuple[str, ...]  # the letters of list markers: a, b, c / أ, ب, ج
    letter: str
    list_markers: tuple[str, ...]
    numbering: dict[str, Numbering]  # by the role of the numbered block: "numbered", "section", ...
    rules: tuple[Rule, ...]
    translations: gettext.GNUTranslations
    countries: dict[str, dict[str, Any]]  # each name, form and its `earlier` names
    requests: tuple[re.Pattern[str], ...]  # a circulation request in a text (language.yaml `requests`)
    quotes: str  # opening and closing double, then single quotation marks: “”‘’, «»“”
    country_list_form: str  # the form a country takes in a list after one "of" (countries.yaml key)
    direction: str  # "ltr" or "rtl"
    engine: str  # the PDF layout engine that sets this language best (docgen.writers)
    hyphenate: bool  # justified paragraphs break words at line ends (language.yaml `hyphenate`)
    alpha3: str  # ISO 639-2/T ("fra"): Akoma Ntoso names an expression's language so
    tagged: bool  # its PDFs are always tagged (structure tree, /Lang): Arabic and Chinese
    _sort_key: Callable[[str], Any]

    # --- messages -------------------------------------------------------------------------
    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    # --- CLDR facts -------------------------------------------------------------------------
    def date(self, d: dt.date) -> str:
        """Long date, "22 July 2010" / "22 juillet 2010" / "22 июля 2010 года"; day 1 as the
        catalog writes it ("1er"); month names from language.yaml where the UN has its own."""
        pattern = self.date_pattern
        if self.months:
            pattern = pattern.replace("MMMM", "'" + self.months[d.month - 1].replace("'", "''") + "'")
        text = format_date(d, pattern, locale=self.locale)
        if d.day == 1:
            text = re.sub(r"^1\b", self.pgettext("first day of a month", "1"), text)
        return text

    def date_range(self, start: dt.date, end: dt.date | None, form: str = "dash") -> str:
        """Dates from `start` to `end` as the language writes a range: CLDR's interval format
        says what each end repeats ("8–10 July 2010", "30 June–2 July 2010", "2010年7月8日至10日"),
        the catalog joins the ends: a title block's "dash" form, or running text's "prose"
        ("from 30 June to 2 July 2010", "du 30 juin au 2 juillet 2010"). Two consecutive days
        of a month are joined by "and" in both: "15 and 16 November 2012"."""
        if end is None or end == start:
            return self.date(start)
        first, last = self._interval_ends(start, end)
        ends = {"first": first, "last": last}
        if (start.year, start.month) == (end.year, end.month) and (end - start).days == 1:
            return self.pgettext("two days in one month: 15 and 16 November 2012", "%(first)s and %(last)s") % ends
        if form == "prose":
            return self.pgettext("dates in running text: from 8 to 10 July 2010", "from %(first)s to %(last)s") % ends
        if (start.year, start.month) == (end.year, end.month):
            return self.pgettext("days in one month: 8-10 July 2010", "%(first)s–%(last)s") % ends
        return self.pgettext("dates in two months or years: 30 June–2 July 2010", "%(first)s–%(last)s") % ends

    def _interval_ends(self, start: dt.date, end: dt.date) -> tuple[str, str]:
        """The two ends of CLDR's interval format for the long date, without its separator:
        ("8", "10 July 2010"), ("30 June", "2 July 2010"), ("2010年7月8日", "10日"). An end that
        names the year is the language's own long date ("2 июля 2010 года")."""
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        formats = self.locale.interval_formats
        skeleton = "yMMMMd" if "yMMMMd" in formats else "yMMMd"
        head, tail = formats[skeleton][greatest]
        return self._interval_end(start, head.rstrip(_SEPARATORS)), self._interval_end(end, tail.lstrip(_SEPARATORS))

    def _interval_end(self, d: dt.date, pattern: str) -> str:
        if "y" in _pattern_fields(pattern):
            return self.date(d)
        if "MMMM" in self._long_pattern():  # the month as wide as the long date has it
            pattern = re.sub("M{3,4}", "MMMM", pattern)
        if self.months:
            pattern = pattern.replace("MMMM", "'" + self.months[d.month - 1].replace("'", "''") + "'")
        text = format_date(d, pattern, locale=self.locale)
        return re.sub(r"^1\b", self.pgettext("first day of a month", "1"), text) if d.day == 1 else text

    def _long_pattern(self) -> str:
        return self.date_pattern if self.date_pattern != "long" else self.locale.date_formats["long"].pattern

    def and_list(self, items: list[str]) -> str:
        return format_list(list(items), style="standard", locale=self.locale)

    def language_name(self, code: str) -> str:
        return self.language_names.get(code) or self.locale.languages.get(code, code)

    def ordinal(self, n: int, use: str = "session") -> str:
        """A spelled ordinal in the form its use takes ("session": "sixty-fourth", feminine in
        French, genitive in Russian "of-session"); a use language.yaml omits is spelled as "session"."""
        spec = self.ordinals.get(use) or self.ordinals["session"]
        return spec.spell(n, str(self.locale))

    def masthead_language(self, line: str) -> str:
        """The language a masthead line is printed in: some editions keep lines in English."""
        return self.masthead.get(line, self.code)

    # --- countries --------------------------------------------------------------------------
    def _country_entry(self, code: str, on: dt.date | None) -> dict[str, Any]:
        """A country's names on a date: countries.yaml's `earlier` lists the names a country
        bore until a date ("Palestine" until the State of Palestine, 2012), oldest first."""
        entry = self.countries.get(code, {})
        for earlier in entry.get("earlier", ()) if on else ():
            if on < earlier["until"]:
                return {**entry, **earlier}
        return entry

    def country(self, code: str, on: dt.date | None = None) -> str:
        entry = self._country_entry(code, on)
        return entry.get("name") or self.locale.territories.get(code, code)

    def country_form(self, code: str, form: str, on: dt.date | None = None) -> str:
        """A grammatical form of a country name from countries.yaml ("du Portugal"), or the
        catalog's regular pattern for languages whose forms follow one rule ("of Portugal")."""
        entry = self._country_entry(code, on)
        if form in entry:
            return entry[form]
        regular = {
            "of": self.pgettext("country name after 'of'", "of %(country)s"),
            "in": self.pgettext("country name after 'in'", "in %(country)s"),
            "the": self.pgettext("country name with its article, if it takes one", "%(country)s"),
        }
        return regular[form] % {"country": self.country(code, on)}

    def countries_of(self, codes: list[str], on: dt.date | None = None) -> str:
        """Several countries after one "of": "of Albania and the Philippines" / "de l'Albanie et
        des Philippines" (each country's form from countries.yaml, as language.yaml says)."""
        names = [self.country_form(code, self.country_list_form, on) for code in codes]
        return self.pgettext("several countries after 'of'", "of %(countries)s") % {"countries": self.and_list(names)}

    def by_country(self, codes: list[str], on: dt.date | None = None) -> list[str]:
        """Country codes in the collation order of their names in this language."""
        keys = self.sort_keys([self.country(code, on) for code in codes])
        return [codes[i] for i in sorted(range(len(codes)), key=keys.__getitem__)]

    def sort_keys(self, texts: list[str]) -> list[Any]:
        """Keys that sort texts in this language's collation: the ranks of country names in
        locales/collation.json (made with ICU's collator: `make data`) when it has every text,
        else ICU's own sort keys (only then is ICU imported)."""
        ranks = _collation_table().get(self.code, {})
        if all(text in ranks for text in texts):
            return [ranks[text] for text in texts]
        return [self._sort_key(text) for text in texts]

    # --- typography -------------------------------------------------------------------------
    def typeset(self, text: str, before: str = "") -> list[tuple[str, bool]]:
        """Apply the typography rules to plain text: runs of (text, is_superscript). `before` is
        the end of what its paragraph prints before it (the word in italics of "*Conseil*
        :"): the rules look at it as within one text, and it is not returned. Should a rule
        change it (the space before the colon of "Conseil\n: texte" ends the run before), the
        text is typeset alone."""
        if before and self.rules:
            runs = _after_prefix(self._typeset(before + text), before)
            if runs is not None:
                return runs
        return self._typeset(text)

    def _typeset(self, text: str) -> list[tuple[str, bool]]:
        """A rule is searched for only in a text that holds what it needs (most hold no ";!?")."""
        replacing, raising = self._rules
        for rule in replacing:
            if met(rule.needs, text):
                text = rule.pattern.sub(rule.replace, text)
        runs: list[tuple[str, bool]] = [(text, False)]
        for rule in raising:
            if met(rule.needs, text):
                runs = [piece for run in runs for piece in _raise(rule.pattern, run)]
        return [r for r in runs if r[0]]

    @cached_property
    def _rules(self) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The rules that substitute, then those that raise superscripts, each in its order."""
        return tuple(r for r in self.rules if r.replace is not None), tuple(r for r in self.rules if r.replace is None)

    def list_marker(self, depth: int, n: int) -> str:
        pattern = self.list_markers[depth % len(self.list_markers)]
        return pattern.format(a=alpha(n, self.alphabet), i=roman(n).lower(), n=n)

    def number(self, role: str, n: int) -> Number | None:
        """The number of the n-th block of a numbered role ("section" 2: "II." / "ثانيا -")."""
        spec = self.numbering.get(role)
        return spec.number(n, str(self.locale)) if spec else None

    def annex_number(self, n: int) -> str:
        return self.annex_numbers.spell(n, str(self.locale)) if self.annex_numbers else roman(n)


_SEPARATORS = " \u00a0\u2009\u202f–—-"  # what CLDR puts between an interval's two ends


def _pattern_fields(pattern: str) -> set[str]:
    """The field letters of a CLDR date pattern, quoted literals left out ("d 'de' MMMM" -> d, M)."""
    return set(re.sub(r"'[^']*'", "", pattern)) & set("GyMLdEc")


def _after_prefix(runs: list[tuple[str, bool]], prefix: str) -> list[tuple[str, bool]] | None:
    """The runs without the characters of `prefix`, which they must start with unchanged and
    which must end where a run ends or within a run of plain text (else None)."""
    if not "".join(text for text, _ in runs).startswith(prefix):
        return None
    left = len(prefix)
    for i, (text, sup) in enumerate(runs):
        if left < len(text) or (left == len(text) and i == len(runs) - 1):
            if left and sup:
                return None  # a superscript that starts in the prefix
            return [r for r in [(text[left:], sup), *runs[i + 1 :]] if r[0]]
        left -= len(text)
    return []


def _raise(pattern: re.Pattern[str], run: tuple[str, bool]) -> list[tuple[str, bool]]:
    text, sup = run
    if sup:
        return [run]
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(text):
        out += [(text[pos : m.start("sup")], False), (m.group("sup"), True)]
        pos = m.end("sup")
    out.append((text[pos:], False))
    return out


LATIN = tuple("abcdefghijklmnopqrstuvwxyz")


def alpha(n: int, letters: tuple[str, ...] = LATIN) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the letters of list markers and lettered headings."""
    s = ""
    while n:
        n, r = divmod(n - 1, len(letters))
        s = letters[r] + s
    return s


def roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out += digits * count
    return out


COUNTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "upper-roman": roman,
    "lower-roman": lambda n: roman(n).lower(),
    "upper-latin": lambda n: alpha(n).upper(),
    "lower-latin": alpha,
}


def requests(code: str) -> tuple[re.Pattern[str], ...]:
    """How a paragraph of this language asks for circulation (language.yaml `requests`), without
    resolving the whole language: the loader checks every version, the build only some."""
    return _requests(tuple(resources.language_facts(code).get("requests", [])))


@cache
def _requests(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(x, re.I) for x in patterns)


# The CLDR data a build reads (dates, date ranges, lists, country and language names), and
# what Babel's date formatting may read of them: locales/<lang>/cldr.json (make data).
CLDR_KEYS = (
    "date_formats",
    "months",
    "days",
    "quarters",
    "eras",
    "day_periods",
    "interval_formats",
    "list_patterns",
    "territories",
    "languages",
)
_INT_KEYED = ("months", "days", "quarters", "eras")  # their innermost keys are numbers


class _TabledLocale(Locale):
    """A Babel Locale whose CLDR data come from locales/<lang>/cldr.json, the keys a build
    reads as Babel merged them: Babel's own functions format with it, without unpickling and
    merging CLDR's root, language and region data in every new process (about 10 ms for
    English and French). A key the table lacks is read from Babel's own data."""

    table: dict[str, Any]

    @property
    def _data(self) -> localedata.LocaleDataDict:
        data = self.__dict__.get("_tabled")
        if data is None:
            data = self.__dict__["_tabled"] = localedata.LocaleDataDict(_WithBabel(self.table, str(self)))
        return data


class _WithBabel(dict):
    def __init__(self, table: dict[str, Any], identifier: str) -> None:
        super().__init__(table)
        self.identifier = identifier

    def __missing__(self, key: str) -> Any:
        return localedata.load(self.identifier)[key]


def _locale(identifier: str, code: str) -> Locale:
    """The language's CLDR locale, from its generated table where there is one."""
    path = resources.cldr(code)
    if not path.is_file():
        return Locale.parse(identifier)
    locale = _TabledLocale.parse(identifier)
    locale.table = _cldr_table(path.read_text(encoding="utf-8"))
    return locale


def _cldr_table(text: str) -> dict[str, Any]:
    """cldr.json as Babel holds it: numbers as keys of months and days, None the key of the
    interval formats' fallback, date patterns parsed."""
    data = json.loads(text)
    for key in _INT_KEYED:
        data[key] = _numbered(data[key])
    data["interval_formats"] = {None if k == "null" else k: v for k, v in data["interval_formats"].items()}
    data["date_formats"] = {k: parse_pattern(v) for k, v in data["date_formats"].items()}
    return data


def _numbered(d: dict[str, Any]) -> dict[Any, Any]:
    return {(int(k) if k.isdigit() else k): (_numbered(v) if isinstance(v, dict) else v) for k, v in d.items()}


@cache
def resolve(code: str) -> Language:
    """Load a language once per process (catalog, CLDR locale, collator, country table)."""
    base = resources.LOCALES / code
    facts = resources.language_facts(code)
    locale = _locale(facts["babel"], code)
    countries = resources.read_yaml(base / "countries.yaml") or {}
    return Language(
        code=code,
        locale=locale,
        ordinals={use: _ordinal(spec) for use, spec in facts["ordinals"].items()},
        date_pattern=facts.get("date_pattern", "long"),
        months=tuple(facts.get("months", ())),
        language_names=facts.get("language_names", {}),
        masthead=facts.get("masthead", {}),
        annex_numbers=_ordinal(facts["annex_numbers"]) if "annex_numbers" in facts else None,
        alphabet=tuple(facts.get("alphabet", LATIN)),
        letter=facts["letter"],
        list_markers=tuple(facts["list_markers"]),
        numbering={role: _numbering(spec) for role, spec in facts["numbering"].items()},
        rules=tuple(_rule(r) for r in facts.get("typography", [])),
        translations=_catalog(base / "LC_MESSAGES" / f"{resources.DOMAIN}.po"),
        countries={str(k): v for k, v in countries.items()},
        country_list_form=facts.get("country_list_form", "of"),
        direction=facts.get("direction", "ltr"),
        engine=facts.get("engine", "reportlab"),
        hyphenate=facts.get("hyphenate", False),
        alpha3=facts.get("alpha3", code),
        quotes=facts["quotes"],
        requests=requests(code),
        tagged=facts.get("tagged", False),
        _sort_key=_collator(facts["babel"], facts.get("sort_ignoring")),
    )


def _numbering(spec: dict[str, Any]) -> Numbering:
    return Numbering(
        format=spec["format"], style=spec.get("style", ""), words=tuple(spec.get("words", ())), icu=spec.get("icu")
    )


def _ordinal(spec: dict[str, Any]) -> Ordinal:
    return Ordinal(icu=spec.get("icu"), num2words=spec.get("num2words"), words=spec.get("words", {}))


@cache
def _ordinal_table() -> dict[str, list[str]]:
    table = resources.ORDINALS
    return json.loads(table.read_text(encoding="utf-8")) if table.is_file() else {}


@cache
def _collation_table() -> dict[str, dict[str, int]]:
    table = resources.COLLATION
    return json.loads(table.read_text(encoding="utf-8")) if table.is_file() else {}


def _num2words_ordinal(n: int, lang: str) -> str:
    """num2words' ordinal, from the generated table (importing num2words loads its ~50 languages:
    tens of milliseconds of a cold build); num2words itself beyond the table."""
    table = _ordinal_table().get(lang, [])
    if 1 <= n <= len(table):
        return table[n - 1]
    from num2words import num2words

    return num2words(n, to="ordinal", lang=lang)


@cache
def _spellout(locale: str, rule_set: str) -> Any:
    import icu

    formatter = icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(locale))
    formatter.setDefaultRuleSet(rule_set)
    return formatter


def _rule(d: dict[str, str]) -> Rule:
    if "raise" in d:
        pattern, replace = re.compile(d["raise"]), None
    else:
        pattern, replace = re.compile(d["pattern"]), d["replace"]
    return Rule(pattern, replace, needs(pattern))


def _catalog(po: Path) -> gettext.GNUTranslations:
    """The compiled catalog (make compiles it); compiled in memory when missing or older."""
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        data = mo.read_bytes()
    else:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as f:
            catalog = read_po(f)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        data = buf.getvalue()
    return gettext.GNUTranslations(io.BytesIO(data))


def _collator(locale: str, ignoring: str | None = None) -> Callable[[str], Any]:
    """ICU's collation of the locale, made when a first text is sorted: a letter that sorts
    nothing does not import ICU."""
    return lambda text: _icu_key(locale, ignoring)(text)


@cache
def _icu_key(locale: str, ignoring: str | None) -> Callable[[str], Any]:
    """ICU's sort key of the locale; `ignoring`: a pattern left out of the key (an article)."""
    import icu

    key = icu.Collator.createInstance(icu.Locale(locale)).getSortKey
    if ignoring is None:
        return key
    pattern = re.compile(ignoring)
    return lambda text: key(pattern.sub("", text))
