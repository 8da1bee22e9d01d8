"""Data generated once from libraries and font files and committed, so that a build reads a
table instead of computing it: the code points each font file draws (docgen/fonts/coverage.json),
the ordinals num2words spells for the languages that use it (locales/ordinals.json) and the
collation order of country names in each language (locales/collation.json, from ICU).

    python -m docgen.generated    # make data: rewrite the three files

tests/test_generated.py checks that they are what this module makes from today's fonts,
num2words and ICU; docgen itself never imports this module.
"""

from __future__ import annotations

import json
from pathlib import Path

from docgen import fonts, resources

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
    from docgen import language

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


def _ordinal_specs(facts: dict) -> list[dict]:
    return [*facts.get("ordinals", {}).values(), *([facts["annex_numbers"]] if "annex_numbers" in facts else [])]


def _lines(table: dict) -> str:
    """JSON with one line per key, so that a change shows as a readable diff."""
    rows = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(table.items())]
    return "{\n" + ",\n".join(rows) + "\n}\n"


FILES: dict[Path, object] = {fonts.COVERAGE: coverage, resources.ORDINALS: ordinals, resources.COLLATION: collation}


def main() -> None:
    for path, make in FILES.items():
        path.write_text(make(), encoding="utf-8")  # type: ignore[operator]
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
