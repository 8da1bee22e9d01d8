"""What the characters of a person's text mean in a letter, decided once, on load.

Text is NFC-normalised (one code point for "é", whatever the editor saved). Format characters
(Unicode category Cf: bidi controls, zero-width spaces, word joiners, byte-order marks, soft
hyphens, tags) are invisible by definition: no writer draws them, so they are dropped, and a
text of nothing else is empty. Two are kept where a script needs them: ZERO WIDTH JOINER and
NON-JOINER after a letter of a script that joins or forms conjuncts (Arabic, Indic...) or an
emoji; and the prepended concatenation marks of Arabic and Syriac, which are visible signs.
"""

from __future__ import annotations

import unicodedata

JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ
VISIBLE_FORMAT = set("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")
# Scripts (the first word of a character's Unicode name) where ZWJ/ZWNJ change the shapes drawn.
JOINING_SCRIPTS = frozenset(
    {
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MANDAIC",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "KHMER",
        "MYANMAR",
        "TIBETAN",
        "PERSIAN",
    }
)


def clean(text: str) -> str:
    """The text as a letter holds it: NFC, without the format characters nothing draws."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or "".join(text.splitlines()).isprintable():  # printable: no format character
        return text
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch) != "Cf" or ch in VISIBLE_FORMAT or (ch in JOINERS and out and _joins(out[-1])):
            out.append(ch)
    return "".join(out)


def _joins(before: str) -> bool:
    """Whether a joiner after this character can change how it is drawn."""
    if unicodedata.category(before) == "So":  # emoji ZWJ sequences (a family, a flag)
        return True
    return unicodedata.name(before, "").split(" ", 1)[0] in JOINING_SCRIPTS


def describe(ch: str) -> str:
    """A character as a message names it: 'U+738B CJK UNIFIED IDEOGRAPH-738B'."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')}"
