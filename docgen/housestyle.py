"""The house style's measurements: page, margins, type, spacing and page furniture.

One table, read by every writer (reportlab, Typst, Word, HTML), so that no writer keeps numbers
of its own and two renditions of a letter cannot drift apart. Lengths are in points (1/72 in);
`mm(...)` converts. Names follow the `::: role`s of the templates (see docgen/doctree.py).
Wording is never here: that is the catalogs' and templates' business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import FrozenInstanceError, dataclass, replace
from functools import cache

MM = 72 / 25.4


def mm(value: float) -> float:
    return value * MM


PAPERS = {"a4": (mm(210), mm(297)), "letter": (612.0, 792.0)}

# The house font. PDFs embed its metric twin Liberation Serif (docgen/fonts); a Word document
# names it, and LibreOffice sets it in Liberation Serif, line for line the same.
FONT = "Times New Roman"

# Chinese: hanzi and Latin letters or digits stand side by side, no space added between them
# ("议程项目10和33"), as issued Chinese documents print them (docs/house-style.md)
CJK_LATIN_SPACE = False


class _Table:
    """One table of measurements, made once: its values are the class's, and an instance is
    read-only, as a frozen dataclass's is. (A frozen dataclass of a table this size costs about
    a millisecond to create at every start on Python 3.11, for methods no writer calls: the
    tables are read, never compared, copied or made with other values.)"""

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Page(_Table):
    """The page's margins, with room on page 1 for the job number and on later pages for the head."""

    margin_x: float = mm(20)
    margin_top: float = mm(20)
    margin_bottom: float = mm(25)
    first_bottom: float = mm(42)  # page 1 keeps room for the job number and the barcode
    head_gap: float = mm(6)  # later pages: the running head's room above the text


INDENT = mm(12.7)  # body text stands this far in; paragraph numbers hang in the margin
HANG = mm(8)  # width of a hanging number or list marker
RIGHT = mm(6)
HEADING_RIGHT = mm(25)  # titles and headings keep clear of the right margin


@dataclass(frozen=True)
class Type:
    """A paragraph role's type and spacing."""

    size: float = 10
    leading: float = 12
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # "left", "right", "center" or "justify" (the start edge is "left")
    left: float = INDENT  # indent from the text's start edge
    right: float = RIGHT
    first_line: float = 0.0
    space_before: float = 0.0
    space_after: float = 6.0
    keep_with_next: bool = False
    keep_with_previous: bool = False  # on the page of the paragraph before it
    hang: float = HANG  # how far a paragraph's number or list marker hangs before its text
    mark_size: float | None = None  # the hanging number's size, when it differs from the text's
    mark_rise: float = 0.0  # and how far it is raised (a footnote's mark)

    def but(self, **changes: object) -> Type:
        return replace(self, **changes)  # type: ignore[arg-type]


class Hyphenation(_Table):
    """How words break at line ends, in a language that hyphenates (language.yaml `hyphenate`)."""

    before: int = 2  # letters left on the line, at least
    after: int = 2  # and carried to the next: never one letter either side
    shortest: int = 5  # a shorter word is never broken


HYPHENATION = Hyphenation()


def hyphenates(t: Type) -> bool:
    """Only justified text breaks words: titles, headings and the masthead are set ragged and
    never do, so that they read (and are found in the PDF's text) whole."""
    return t.align == "justify"


PAGE = Page()

TEXT = Type()
HEADING = TEXT.but(bold=True, align="left", keep_with_next=True, space_before=6)
TITLE = TEXT.but(
    size=12,
    leading=14,
    bold=True,
    align="left",
    right=HEADING_RIGHT,
    space_before=24,
    space_after=12,
    keep_with_next=True,
)
PART_TITLE = TEXT.but(
    size=12, leading=14, bold=True, align="left", space_before=18, space_after=10, keep_with_next=True
)

ROLES: dict[str, Type] = {
    "title": TITLE,
    "body": TEXT.but(first_line=INDENT),
    "text": TEXT,
    "signature": TEXT.but(align="left", left=mm(100), space_after=0, keep_with_previous=True),
    "annex-heading": TITLE.but(space_before=0, space_after=18),
    "event": TEXT.but(align="left", space_after=10, keep_with_next=True),
    "event-title": TITLE.but(space_before=0, space_after=10),
    "list-title": TEXT.but(size=12, leading=14, bold=True, align="left", space_before=12, keep_with_next=True),
    "list-date": TEXT.but(align="left", space_after=12, keep_with_next=True),
    "group-heading": TEXT.but(bold=True, align="left", space_before=12, keep_with_next=True),
    "person": TEXT.but(align="left", left=INDENT + HANG, first_line=-HANG),
    "guest": TEXT.but(align="left", space_after=0),
    "guest-function": TEXT.but(align="left", left=INDENT + HANG),
    "part-title": PART_TITLE,
    "heading": HEADING,
    # a section's number stands at the margin ("I."), not in the hanging space
    "section": HEADING.but(size=14, leading=16, space_before=12, space_after=8, hang=INDENT),
    "subsection": HEADING.but(size=12, leading=14, hang=INDENT),
    "numbered": TEXT,
    "annex-original": TEXT.but(align="right", space_after=12, keep_with_next=True),
    "list-item": TEXT,
    # "Miyazaki, 13 July 2000" in a text: flush left at the text's edge, never justified, unnumbered
    "dateline": TEXT.but(align="left", space_after=12),
    "note": TEXT.but(size=9, leading=10.5, space_after=2, right=0, hang=HANG / 2, mark_size=7, mark_rise=3),
    "cell": TEXT.but(size=9, leading=11, space_after=0, left=0, right=0, align="left"),
    # the masthead: "United Nations" and the symbol over a thin rule, then the organs and the
    # distribution column over a heavy rule, then each organ's session block
    "un": TEXT.but(size=12, leading=14, left=0, right=0, align="left", space_after=0),
    "symbol": TEXT.but(size=10, leading=20, left=0, right=0, align="right", space_after=0),
    "organs": TEXT.but(size=17, leading=20, bold=True, left=0, right=0, align="left", space_after=0),
    "distribution": TEXT.but(left=0, right=0, align="left", space_after=0),
    "session": TEXT.but(left=0, right=12, align="left", space_after=0),
    "agenda-title": TEXT.but(left=0, right=12, align="left", space_after=0, space_before=4),
}
# roles whose block stays on the page of the paragraph before it (doctree.keep_before)
KEPT_WITH_PREVIOUS = frozenset(role for role, t in ROLES.items() if t.keep_with_previous)

# Markdown headings in a free text: "#" titles it like a part, "##" and "###" head its divisions.
MARKDOWN_HEADINGS: dict[int, Type] = {
    1: PART_TITLE.but(space_before=6),
    2: HEADING.but(space_before=8),
    3: HEADING.but(italic=True),
}


@dataclass(frozen=True)
class Script:
    """How a script's type stands to the Latin house sizes above: Arabic and Chinese are set
    larger, so that a line reads as large as the Latin 10 pt (docs/house-style.md, "Type of the
    Arabic and Chinese editions")."""

    size: float = 1.0  # times each role's size
    leading: float = 1.0  # times its leading
    # where the signature block starts, from the text's start edge: nearer than the Latin 100 mm,
    # so that "(Signed) José Filipe de Moraes Cabral" stays one line in the larger type
    signature_left: float | None = None


# by font family (docgen/fonts/fonts.yaml), which a language names in language.yaml `fonts`
SCRIPTS: dict[str, Script] = {
    "serif": Script(),
    "naskh": Script(size=1.4, leading=1.4, signature_left=mm(75)),  # Arabic: 14 pt on 16.8 pt
    "song": Script(size=1.2, leading=1.3, signature_left=mm(85)),  # Chinese: 12 pt on 15.6 pt
}
# lines that every edition prints in Latin letters, at the Latin size: the symbol, and the
# distribution column ("Distr.: General", the date, the version and original lines)
LATIN_ROLES = frozenset({"symbol", "distribution"})


@dataclass(frozen=True)
class Types:
    """The type of every role, and of Markdown headings, for texts in one font family."""

    roles: dict[str, Type]
    markdown: dict[int, Type]


def types(font: str = "serif") -> Types:
    """The type of every role for texts in a font family (language.yaml `fonts`)."""
    if SCRIPTS.get(font, Script()) == Script():  # the house sizes themselves
        return Types(ROLES, MARKDOWN_HEADINGS)
    return _scaled(font)


@cache
def _scaled(font: str) -> Types:
    script = SCRIPTS[font]

    def scaled(t: Type) -> Type:
        return t.but(
            size=round(t.size * script.size, 2),
            leading=round(t.leading * script.leading, 2),
            mark_size=t.mark_size and round(t.mark_size * script.size, 2),
            mark_rise=round(t.mark_rise * script.size, 2),
        )

    roles = {role: t if role in LATIN_ROLES else scaled(t) for role, t in ROLES.items()}
    if script.signature_left is not None:
        roles["signature"] = roles["signature"].but(left=script.signature_left)
    return Types(roles, {level: scaled(t) for level, t in MARKDOWN_HEADINGS.items()})


class Masthead(_Table):
    """The masthead of page 1: rules, columns, the emblem's globe and the session blocks' padding."""

    symbol_first_size: float = 20  # the symbol's first letter ("A" of A/64/868); the rest as ROLES["symbol"]
    top_rule: float = 0.6  # under the top line
    top_gap: float = 3  # between the top line's text and its rule
    emblem_column: float = mm(20)
    emblem_size: float = mm(16)
    # the plain globe that stands for the emblem: radius and drop of its centre, line width,
    # meridians (ellipses, as shares of the radius) and parallels (heights, as shares of it)
    emblem_radius: float = 7 / 16  # of emblem_size
    emblem_drop: float = 2
    emblem_line: float = 0.5
    emblem_meridians: tuple[float, ...] = (0.35, 0.7)
    emblem_parallels: tuple[float, ...] = (-0.5, 0, 0.5)
    distribution_column: float = mm(45)
    band_pad_top: float = 8
    band_pad_bottom: float = 10
    band_rule: float = 2.2  # the heavy rule under the organs
    session_pad_top: float = 8  # the organs' session blocks under the heavy rule
    session_pad_bottom: float = 3  # and under them, before the title's own space
    # the plain globe drawn where issued documents carry the UN emblem: shares of emblem_size
    emblem_radius: float = 7 / 16
    emblem_meridians: tuple[float, ...] = (0.35, 0.7)  # ellipses, as shares of the radius
    emblem_parallels: tuple[float, ...] = (-0.5, 0.0, 0.5)  # lines, as shares of the radius from the centre
    emblem_drop: float = 2  # the globe stands this much below the centre of its square
    emblem_line: float = 0.5


class Furniture(_Table):
    """What pages show besides the text: running heads, page numbers, job number, barcode."""

    head_size: float = 9  # running head (the symbol), bold
    head_from_top: float = mm(14)
    head_rule: float = 0.5
    head_rule_gap: float = 3  # between the running head and its rule
    number_size: float = 9  # the page number, bold, on the outer edge
    number_from_bottom: float = mm(14)
    job_size: float = 9
    job_from_bottom: float = mm(32)  # the job number's first line
    job_line: float = 11  # between the job lines
    barcode_from_bottom: float = mm(18)
    barcode_height: float = mm(9)
    barcode_bar: float = 0.6  # the narrow bar's width (and the gap between characters)
    barcode_ratio: float = 2.2  # a wide bar or space, in narrow ones (Code 39 allows 2 to 3)
    barcode_text_gap: float = 10  # the barcode's text under the bars
    watermark_size: float = 72  # "Draft", diagonal, on every page of a draft
    watermark_angle: float = 45
    watermark_rgba: tuple[float, float, float, float] = (0.8, 0.1, 0.1, 0.25)
    link_rgb: str = "#1f3a93"
    qr_size: float = mm(15)  # page 1, bottom right: the document's undocs.org address
    qr_from_bottom: float = mm(14)
    qr_quiet: int = 0  # modules of white border drawn (the page's margin is quiet enough)
    recycle_size: float = 7  # "Please recycle" beside the QR code, with the recycling mark
    recycle_gap: float = mm(3)  # between the mark's text and the QR code
    recycle_mark: float = 1.6  # the recycling mark's side, in recycle_size
    recycle_line: float = 0.6  # its strokes
    recycle_text_gap: float = 3  # between "Please recycle" and the mark


class Rules(_Table):
    """Tables' rules and padding, the footnotes' rule and share of a page, and the space
    before a signature and after a guest."""

    table: float = 0.5  # a table's rules above, under the header and below
    table_pad_x: float = 3
    table_pad_y: float = 2
    table_after: float = 6
    note_rule: float = 0.5  # the short rule above the footnotes
    note_rule_length: float = mm(40)
    note_rule_space: float = 10  # between the text and the first note, the rule in the middle
    note_share: float = 0.6  # of a page's height, at most, for its notes
    signature_before: float = 18
    guest_after: float = 6


# When the UN's page furniture appeared (docs/house-style.md, "Real letters"): documents issued
# from these dates carry the QR code of their undocs.org address and the recycling mark on page 1.
QR_FROM = dt.date(2014, 1, 1)
RECYCLE_FROM = dt.date(2009, 1, 1)
QR_ADDRESS = "https://undocs.org/{symbol}"


def recycling_mark(size: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The recycling mark as line segments in a `size` square (origin bottom left): a triangle
    of three arrows chasing each other, each arrow's head at its side's end."""
    import math

    corners = [(size / 2 + size / 2 * math.cos(a), size / 2 + size / 2 * math.sin(a))
               for a in (math.pi / 2, math.pi * 7 / 6, math.pi * 11 / 6)]  # fmt: skip
    segments = []
    for i in range(3):
        (x0, y0), (x1, y1) = corners[i], corners[(i + 1) % 3]
        ax, ay = x0 + (x1 - x0) * 0.15, y0 + (y1 - y0) * 0.15  # a gap at each corner
        bx, by = x0 + (x1 - x0) * 0.8, y0 + (y1 - y0) * 0.8
        segments.append(((ax, ay), (bx, by)))
        dx, dy = (bx - ax) * 0.25, (by - ay) * 0.25  # the head: two strokes back from the tip
        for turn in (0.5, -0.5):
            c, s_ = math.cos(turn), math.sin(turn)
            segments.append(((bx, by), (bx - (dx * c - dy * s_), by - (dx * s_ + dy * c))))
    return segments


MASTHEAD = Masthead()
FURNITURE = Furniture()
RULES = Rules()
