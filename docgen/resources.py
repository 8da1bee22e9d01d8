"""Where docgen finds its templates, catalogs, fonts and schema."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# templates/ and locales/ live at the project root (an editable install); DOCGEN_HOME overrides.
HOME = Path(os.environ.get("DOCGEN_HOME", PACKAGE.parent))
TEMPLATES = HOME / "templates"
LOCALES = HOME / "locales"
FONTS = PACKAGE / "fonts"
SCHEMA = PACKAGE / "letter.schema.json"
DOMAIN = "docgen"


@cache
def languages() -> frozenset[str]:
    """Languages docgen can write: those with a catalog under locales/."""
    return frozenset(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@cache
def language_facts(code: str) -> dict:
    """A language's locales/<code>/language.yaml, read once per process (libyaml where
    available); {} for a language without one."""
    import yaml

    path = LOCALES / code / "language.yaml"
    if not path.is_file():
        return {}
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def languages_in_order() -> list[str]:
    """The languages docgen writes, in the order locales/languages.yaml gives (others after)."""
    import yaml

    path = LOCALES / "languages.yaml"
    order = yaml.safe_load(path.read_text(encoding="utf-8"))["order"] if path.exists() else []
    return [c for c in order if c in languages()] + sorted(languages() - set(order))


@cache
def country_codes() -> frozenset[str]:
    from babel.core import get_global

    # CLDR's territories with languages, less the codes ISO 3166 leaves to private use
    # (AA, QM-QZ, XA-XZ, ZZ "Unknown Region"); XK (Kosovo) is in common use.
    def private(c: str) -> bool:
        return c in ("AA", "ZZ") or "QM" <= c <= "QZ" or (c[0] == "X" and c != "XK")

    return frozenset(c for c in get_global("territory_languages") if len(c) == 2 and c.isalpha() and not private(c))
