#!/usr/bin/env python3
"""Make docgen/fonts/NotoSerifCJKsc-{Regular,Bold}.ttf: Noto Serif CJK SC cut to modern Chinese.

Run once, by hand, when the Chinese font changes (fontTools is a tool here, not a dependency
of docgen: `pip install fonttools pyyaml`). Source: Debian's fonts-noto-cjk (the SC face of the
NotoSerifCJK-*.ttc collections, OFL 1.1). The character set: every character of GB 2312 (the
6,763 hanzi and its symbols), CJK and full-width punctuation, ASCII, and every character of the
Chinese catalog and letters in the repository, so that the samples are always covered. The
outlines are converted from CFF to TrueType (cu2qu), so that every reader of fonts in docgen
(Typst, and reportlab's cmap reader used by the character-coverage check) can open the file.

    python tools/subset_cjk.py [/usr/share/fonts/opentype/noto]
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import yaml
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docgen" / "fonts"
SC = "Noto Serif CJK SC"
MAX_ERR = 1.0  # font units (of 1000 per em): the curve conversion's tolerance


def gb2312() -> set[str]:
    """GB 2312's characters, as both mappings read them: Python's gb2312 codec maps A1A4 to
    U+30FB and A1AA to U+2015, GB 18030 (what Chinese text is typed in) to U+00B7 "·", the
    middle dot of names, and U+2014 "—"."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            for codec in ("gb2312", "gb18030"):
                with contextlib.suppress(UnicodeDecodeError):  # the unassigned codes of a row
                    chars.add(bytes([row, col]).decode(codec))
    return chars


def shared() -> set[str]:
    """The punctuation the Chinese face draws even in Latin runs (fonts.yaml `shared:`)."""
    table = yaml.safe_load((OUT / "fonts.yaml").read_text(encoding="utf-8"))
    return set(table["families"]["song"].get("shared", ""))


def repository_chars() -> set[str]:
    """Every character of the Chinese catalog, templates and letters (the samples)."""
    files = [*(ROOT / "locales" / "zh").rglob("*.po"), *(ROOT / "locales" / "zh").glob("*.yaml")]
    files += [*(ROOT / "letters").glob("*.yaml"), *(ROOT / "tests" / "data").rglob("*zh*")]
    return {ch for f in files if f.is_file() for ch in f.read_text(encoding="utf-8")}


def charset() -> set[str]:
    ranges = [(0x20, 0x7E), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    chars = {chr(c) for lo, hi in ranges for c in range(lo, hi + 1)}
    return chars | gb2312() | shared() | repository_chars()


def to_truetype(font: TTFont) -> None:
    """CFF outlines -> quadratic TrueType glyf (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"].tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["head"].glyphDataFormat = 0
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def make(source: Path, weight: str, text: str) -> Path:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == SC)
    options = subset.Options()
    options.layout_features = ["*"]  # vertical forms, locl, kerning of punctuation (halt, vpal)
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    to_truetype(font)
    target = OUT / f"NotoSerifCJKsc-{weight}.ttf"
    font.save(str(target))
    return target


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto")
    text = "".join(sorted(charset()))
    for weight in ("Regular", "Bold"):
        target = make(folder / f"NotoSerifCJK-{weight}.ttc", weight, text)
        print(f"{target.relative_to(ROOT)}: {len(text)} characters, {target.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
