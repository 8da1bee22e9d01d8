"""The fonts each output language is drawn with, and the characters they can draw.

Which files make a family, and which family a language uses, is data (docgen/fonts/fonts.yaml
and `fonts:` in locales/<lang>/language.yaml). Each font's character map comes from
docgen/fonts/coverage.json, generated from the font files (`make data`, docgen/generated.py):
parsing the fonts themselves, the Chinese ones 5 MB each, took a third of a second of every
load. A font file that is not the one the table was made from (another size) is read instead.
Writers register the same files: what the check accepts is what gets drawn.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import chain
from pathlib import Path

from docgen import resources

FACES = ("regular", "bold", "italic", "bold-italic")
TABLE = resources.FONTS / "fonts.yaml"
COVERAGE = resources.FONTS / "coverage.json"  # generated: make data


class Coverage:
    """A font's code points as sorted runs of consecutive ones (coverage.json's), looked up by
    bisection: no set of every code point a font maps (a Chinese face: 7,800 in 3,700 runs) is
    made on a process's first load."""

    __slots__ = ("firsts", "lasts")

    def __init__(self, firsts: list[int], lasts: list[int]) -> None:
        self.firsts, self.lasts = firsts, lasts

    @classmethod
    def of(cls, points: Iterable[int]) -> Coverage:
        firsts: list[int] = []
        lasts: list[int] = []
        for cp in sorted(points):
            if lasts and lasts[-1] == cp - 1:
                lasts[-1] = cp
            else:
                firsts.append(cp)
                lasts.append(cp)
        return cls(firsts, lasts)

    def __contains__(self, cp: int) -> bool:
        i = bisect_right(self.firsts, cp) - 1
        return i >= 0 and cp <= self.lasts[i]

    def __iter__(self) -> Iterator[int]:
        return chain.from_iterable(map(range, self.firsts, [last + 1 for last in self.lasts]))


@dataclass(frozen=True)
class Family:
    """A font family of fonts.yaml: its faces' files, and the code points found drawn."""

    name: str  # the family's key in fonts.yaml: "serif"
    faces: dict[str, Path]  # face ("regular", "bold", ...) -> font file
    latin: str | None = None  # the family that sets this one's Latin runs (Chinese: "serif")
    shared: str = ""  # punctuation this family draws even in Latin runs (Chinese: "·", "“", "—")
    drawn: set[int] = field(default_factory=set, compare=False, repr=False)  # code points found drawn
    # all_drawn's [len(drawn) when last asked, the pattern of every character not in drawn]
    _known: list = field(default_factory=lambda: [-1, None], compare=False, repr=False)

    @property
    def title(self) -> str:
        """The family's own name, from its regular face: "Liberation Serif"."""
        return _family_name(self.faces["regular"])

    def covers(self, cp: int) -> bool:
        """Every face can draw the code point (a character may be set in any of them); with a
        Latin family, either family, but the shared punctuation only this one (as Typst sets
        it: the Latin family is never asked for those)."""
        if all(cp in runs for runs in self._faces):
            return True
        return self.latin is not None and chr(cp) not in self.shared and family(self.latin).covers(cp)

    @cached_property
    def _faces(self) -> tuple[Coverage, ...]:
        return tuple(map(_codepoints, dict.fromkeys(self.faces.values())))

    def draws(self, cp: int) -> bool:
        """A text in this family may hold the code point: it is drawn, or white space laid out.
        Looked up once a code point a process: the loader asks for every text."""
        if cp in self.drawn:
            return True
        if cp in LAYOUT or self.covers(cp):
            self.drawn.add(cp)
            return True
        return False

    def all_drawn(self, text: str) -> bool:
        """Every character of the text is one already found drawn (False: look them up).

        One regex search in C, where a set of the text's characters would make an object of
        each non-Latin-1 one (5 ms a load of the six-language seed). The pattern, of the
        characters not yet found drawn, is compiled once the family has been asked before with
        nothing new found since: a process that checks a family once compiles nothing."""
        known, pattern = self._known
        if known != len(self.drawn) or not self.drawn:
            self._known[:] = [len(self.drawn), None]
            return False
        if pattern is None:
            pattern = self._known[1] = _other_than(self.drawn)
        return pattern.search(text) is None


@cache
def _table() -> dict:
    return resources.read_yaml(TABLE)


@cache
def family(name: str) -> Family:
    faces = _table()["families"][name]
    files = {face: resources.FONTS / faces[face] for face in FACES}
    return Family(name, files, faces.get("latin"), faces.get("shared", ""))


def default() -> Family:
    """The family of a language that names none."""
    return family(_table()["default"])


@cache
def for_language(lang: str) -> Family:
    """The family a language's version is drawn with."""
    named = resources.language_facts(lang).get("fonts")
    return family(named) if named else default()


def files(langs: tuple[str, ...]) -> list[Path]:
    """The font files the versions in these languages are drawn with (their Latin families' too)."""
    families = [for_language(lang) for lang in langs]
    families += [family(f.latin) for f in families if f.latin]
    return sorted({path for f in families for path in f.faces.values()})


@cache
def _font(path: Path):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.ttfonts import TTFontFile

    return TTFontFile(str(path))


@cache
def _codepoints(path: Path) -> Coverage:
    """The code points a font file maps to glyphs: from the generated table when it was made
    from a file of this size, else from the font's own character map."""
    if entry := _generated(path):
        bounds = entry["ranges"]  # first, last, first, last, ...
        return Coverage(bounds[::2], bounds[1::2])
    return Coverage.of(_font(path).charToGlyph)


def _family_name(path: Path) -> str:
    """A font file's family name: from the generated table when it was made from a file of
    this size, else from the font (parsing a Chinese face takes tens of milliseconds)."""
    if entry := _generated(path):
        return entry["family"]
    return _font(path).familyName.decode("utf-8", "replace")


@cache
def _generated(path: Path) -> dict | None:
    """coverage.json's entry for a font file, if it was made from a file of this size."""
    entry = _table_of_coverage().get(path.name)
    return entry if entry and entry["size"] == path.stat().st_size else None


@cache
def _table_of_coverage() -> dict:
    return json.loads(COVERAGE.read_text(encoding="utf-8")) if COVERAGE.is_file() else {}


def coverage_entry(path: Path) -> dict:
    """What coverage.json holds for a font file, read from the font (docgen/generated.py): its
    size, its family name, and the first and last code point of each run of mapped ones, in
    one flat list."""
    font = _font(path)
    ranges: list[list[int]] = []
    for cp in sorted(font.charToGlyph):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return {
        "size": path.stat().st_size,
        "family": font.familyName.decode("utf-8", "replace"),
        "ranges": list(chain.from_iterable(ranges)),
    }


LAYOUT = frozenset(map(ord, "\n\t\r "))  # white space the writer lays out rather than draws


def _other_than(points: set[int]) -> re.Pattern[str]:
    """A pattern matching any character but these code points (as ranges of consecutive ones)."""
    runs = Coverage.of(points)
    ranges = (
        re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
        for a, b in zip(runs.firsts, runs.lasts, strict=True)
    )
    return re.compile(f"[^{''.join(ranges)}]")


def missing(text: str, lang: str) -> list[str]:
    """The characters of `text` that the fonts of `lang` cannot draw, in order of appearance."""
    return uncovered(text, for_language(lang))


def uncovered(text: str, fam: Family) -> list[str]:
    """The characters of `text` that a family cannot draw, in order of appearance."""
    if (text.isascii() and text.isprintable()) or fam.all_drawn(text):
        return []
    distinct = set(text)
    if fam.drawn.issuperset(map(ord, distinct)):  # in C: the characters were looked up before
        return []
    return sorted((ch for ch in distinct if not fam.draws(ord(ch))), key=text.index)
