"""The fonts each output language is drawn with, and the characters they can draw.

Which files make a family, and which family a language uses, is data (docgen/fonts/fonts.yaml
and `fonts:` in locales/<lang>/language.yaml); each font's character map is read once per
process. Writers register the same files: what the check accepts is what gets drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from docgen import resources

FACES = ("regular", "bold", "italic", "bold-italic")
TABLE = resources.FONTS / "fonts.yaml"


@dataclass(frozen=True)
class Family:
    name: str  # the family's key in fonts.yaml: "serif"
    faces: dict[str, Path]  # face ("regular", "bold", ...) -> font file
    latin: str | None = None  # the family that sets this one's Latin runs (Chinese: "serif")

    @property
    def title(self) -> str:
        """The family's own name, from its regular face: "Liberation Serif"."""
        return _font(self.faces["regular"]).familyName.decode("utf-8", "replace")

    @property
    def covers(self) -> frozenset[int]:
        """Code points every face can draw (a character may be set in any of them); with a
        Latin family, what either family draws."""
        own = _coverage(tuple(self.faces.values()))
        return own | family(self.latin).covers if self.latin else own


@cache
def _table() -> dict:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


@cache
def family(name: str) -> Family:
    faces = _table()["families"][name]
    return Family(name, {face: resources.FONTS / faces[face] for face in FACES}, faces.get("latin"))


def default() -> Family:
    """The family of a language that names none."""
    return family(_table()["default"])


@cache
def for_language(lang: str) -> Family:
    """The family a language's version is drawn with."""
    facts = resources.LOCALES / lang / "language.yaml"
    named = (yaml.safe_load(facts.read_text(encoding="utf-8")) or {}).get("fonts") if facts.is_file() else None
    return family(named) if named else default()


@cache
def _font(path: Path):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.ttfonts import TTFontFile

    return TTFontFile(str(path))


@cache
def _coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    maps = [set(_font(p).charToGlyph) for p in paths]
    return frozenset(set.intersection(*maps))


LAYOUT = frozenset(map(ord, "\n\t\r "))  # white space the writer lays out rather than draws


def missing(text: str, lang: str) -> list[str]:
    """The characters of `text` that the fonts of `lang` cannot draw, in order of appearance."""
    covers = for_language(lang).covers
    if text.isascii() and text.isprintable():
        return []
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) not in covers and ord(ch) not in LAYOUT:
            seen.setdefault(ch)
    return list(seen)
