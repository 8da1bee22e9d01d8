"""Data generated once from libraries and font files and committed, so that a build reads a
table instead of computing it: the code points each font file draws (docgen/fonts/coverage.json),
the ordinals num2words spells for the languages that use it (locales/ordinals.json), the
collation order of country names in each language (locales/collation.json, from ICU), the
CLDR data a build reads of each language's locale (locales/<lang>/cldr.json) and the country
codes a letter may name (locales/country-codes.json, from Babel's CLDR).

    python -m docgen.generated    # make data: rewrite them all

tests/test_generated.py checks that they are what this module makes from today's fonts,
num2words, ICU and Babel; docgen itself never imports this module.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from docgen import fonts, language, resources

ORDINALS_UP_TO = 200  # General Assembly session 200 opens in 2145; beyond, num2words is called


def coverage() -> str:
    """Every font file a family names, with its size and the ranges of code points it maps."""
    table = fonts._table()["families"].values()
    paths = sorted({resources.FONTS / faces[face] for faces in table for face in fonts.FACES})
    return _lines({p.name: fonts.coverage_entry(p) for p in paths})


def ordinals() -> str:
    """1..ORDINALS_UP_TO as num2words spells them, for each num2words language a language.yaml
    names (before language.yaml's word replacements, which are applied at run time)."""
    from num2words import num2words

    langs = sorted(
        {
            spec["num2words"]
            for code in resources.languages()
            for spec in _ordinal_specs(resources.language_facts(code))
            if spec.get("num2words")
        }
    )
    return _lines(
        {lang: [num2words(n, to="ordinal", lang=lang) for n in range(1, ORDINALS_UP_TO + 1)] for lang in langs}
    )


def collation() -> str:
    """For each language docgen writes, every name a country takes in it (countries.yaml's,
    the names it bore earlier, CLDR's territories) ranked in ICU's collation order, as
    Language.by_country sorts them: names ICU collates as equal share a rank."""
    table = {}
    for code in sorted(resources.languages()):
        lang = language.resolve(code)
        names = set(lang.locale.territories.values())
        for entry in lang.countries.values():
            names.update(e["name"] for e in (entry, *entry.get("earlier", ())) if e.get("name"))
        key = lang._sort_key
        ranks: dict[str, int] = {}
        rank, previous = -1, None
        for name in sorted(names, key=lambda n: (key(n), n)):
            rank += key(name) != previous
            ranks[name], previous = rank, key(name)
        table[code] = ranks
    return _lines(table)


def country_codes() -> str:
    """The codes of CLDR's territories that name countries (resources.cldr_country_codes)."""
    return json.dumps(sorted(resources.cldr_country_codes())) + "\n"


def cldr(code: str) -> str:
    """The CLDR data a build reads of a language's locale (language.CLDR_KEYS), as Babel gives
    them merged from its root, language and region data: date patterns as their text."""
    from babel import Locale

    locale = Locale.parse(resources.language_facts(code)["babel"])
    data = {key: _plain(locale._data[key]) for key in language.CLDR_KEYS}
    data["date_formats"] = {k: v.pattern for k, v in locale.date_formats.items()}
    return _lines(data)


def _plain(value: object) -> object:
    """Babel's alias-resolving mappings as plain JSON: int keys (months) and None (the
    interval fallback) as JSON texts, which language._cldr_table turns back."""
    if isinstance(value, Mapping):
        return {k if isinstance(k, str) else json.dumps(k): _plain(value[k]) for k in value}
    return value


def _ordinal_specs(facts: dict) -> list[dict]:
    return [*facts.get("ordinals", {}).values(), *([facts["annex_numbers"]] if "annex_numbers" in facts else [])]


def _lines(table: dict) -> str:
    """JSON with one line per key, so that a change shows as a readable diff."""
    rows = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(table.items())]
    return "{\n" + ",\n".join(rows) + "\n}\n"


FILES: dict[Path, object] = {
    fonts.COVERAGE: coverage,
    resources.ORDINALS: ordinals,
    resources.COLLATION: collation,
    resources.COUNTRY_CODES: country_codes,
    **{resources.cldr(code): partial(cldr, code) for code in sorted(resources.languages())},
}


def main() -> None:
    for path, make in FILES.items():
        path.write_text(make(), encoding="utf-8")  # type: ignore[operator]
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
