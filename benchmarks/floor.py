"""The floor: the seed letter's pages laid out by bare reportlab, with docgen's fonts (Liberation
Serif 2) and comparable styles (10 pt on 12 justified, the same margins and frames), but without
the YAML, template and markup stages and without docgen's layout code.

`spec(letter, lang)` turns docgen's doctree into plain (style name, paragraph markup, bullet)
rows once, untimed; `render(spec)` is the timed part: platypus Paragraphs and Tables in a
BaseDocTemplate with a first-page template (masthead, job number, Code 39 barcode) and later
pages (running head, page number), the way a hand-written reportlab program would do it.

    python benchmarks/floor.py OUT SPECS.json   # the cold floor: a new process lays out each
                                                # spec (written by the benchmark, untimed) into OUT

The cold floor imports reportlab alone (no docgen, no other library): it is what a cold docgen
build is measured against.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.graphics.barcode.code39 import Standard39
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

FONTS = Path(__file__).resolve().parent.parent / "docgen" / "fonts"
F = "FloorSerif"
INDENT, HANG, RIGHT = 12.7 * mm, 8 * mm, 6 * mm


@dataclass
class FloorSpec:
    """What the bare-reportlab floor lays out: (style name, markup, bullet) rows and furniture."""

    rows: list[tuple[str, str, str | None]]  # style "style@indent"; "#pagebreak"; "#spacer" (markup = points)
    title: str
    symbol: str
    un: str
    organs: str
    distribution: str
    sessions: list[list[str]]
    job: list[str]
    barcode: str
    lang: str


def spec(letter, lang: str) -> FloorSpec:  # type: ignore[no-untyped-def]
    """Untimed: the rows the floor lays out, from the doctree docgen produces for `lang`."""
    from equivalents import flatten, floor_spec

    from docgen import compose, language, markup

    resolved = language.resolve(lang)
    blocks = markup.parse(compose.compose(letter, resolved), resolved)
    return floor_spec(flatten(blocks, resolved.locale.language))


@cache
def fonts() -> None:
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        name = F if face == "Regular" else f"{F}-{face}"
        font = TTFont(name, str(FONTS / f"LiberationSerif-{face}.ttf"))
        pdfmetrics.registerFont(font)
        # reportlab makes a font of a face registered before (docgen's, in the benchmark's
        # process) stand for this name: the floor draws with reportlab's own TTFont, as alone
        pdfmetrics._fonts[name] = font
    pdfmetrics.registerFontFamily(F, normal=F, bold=F + "-Bold", italic=F + "-Italic", boldItalic=F + "-BoldItalic")


def _st(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = dict(
        fontName=F,
        fontSize=10,
        leading=12,
        spaceAfter=6,
        alignment=TA_JUSTIFY,
        leftIndent=INDENT,
        rightIndent=RIGHT,
        allowWidows=0,
        allowOrphans=0,
        bulletFontName=F,
        bulletFontSize=10,
    )
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


BOLD12 = dict(fontName=F + "-Bold", fontSize=12, leading=14, alignment=TA_LEFT, keepWithNext=1)
STYLES = {
    "text": _st("text"),
    "body": _st("body", firstLineIndent=INDENT),
    "numbered": _st("numbered", bulletIndent=INDENT - HANG),
    "item": _st("item", spaceAfter=4),
    "heading": _st(
        "heading",
        fontName=F + "-Bold",
        alignment=TA_LEFT,
        spaceBefore=6,
        keepWithNext=1,
        bulletFontName=F + "-Bold",
        bulletIndent=INDENT - HANG,
    ),
    "title": _st("title", **BOLD12, rightIndent=25 * mm, spaceBefore=24, spaceAfter=12),
    "annex-heading": _st("annex-heading", **BOLD12, rightIndent=25 * mm, spaceAfter=18),
    "event": _st("event", alignment=TA_LEFT, spaceAfter=10, keepWithNext=1),
    "event-title": _st("event-title", **BOLD12, rightIndent=25 * mm, spaceAfter=10),
    "list-title": _st("list-title", **BOLD12, spaceBefore=12),
    "list-date": _st("list-date", alignment=TA_LEFT, spaceAfter=12, keepWithNext=1),
    "group-heading": _st("group-heading", fontName=F + "-Bold", alignment=TA_LEFT, spaceBefore=12, keepWithNext=1),
    "person": _st("person", alignment=TA_LEFT, leftIndent=INDENT + HANG, firstLineIndent=-HANG),
    "guest": _st("guest", alignment=TA_LEFT, spaceAfter=0),
    "guest-function": _st("guest-function", alignment=TA_LEFT, leftIndent=INDENT + HANG),
    "part-title": _st("part-title", **BOLD12, spaceBefore=18, spaceAfter=10),
    "signature": _st("signature", alignment=TA_LEFT, leftIndent=100 * mm, spaceAfter=0),
    "h1": _st("h1", **BOLD12 | {"fontSize": 14, "leading": 16}),
    "h2": _st("h2", **BOLD12),
    "h3": _st("h3", fontName=F + "-Bold", alignment=TA_LEFT, keepWithNext=1),
    "un": _st("un", fontSize=12, leading=14, leftIndent=0, rightIndent=0, alignment=TA_LEFT, spaceAfter=0),
    "symbol": _st("symbol", leading=20, leftIndent=0, rightIndent=0, alignment=TA_RIGHT, spaceAfter=0),
    "organ": _st(
        "organ",
        fontName=F + "-Bold",
        fontSize=17,
        leading=20,
        leftIndent=0,
        rightIndent=0,
        alignment=TA_LEFT,
        spaceAfter=0,
    ),
    "plain": _st("plain", leftIndent=0, rightIndent=0, alignment=TA_LEFT, spaceAfter=0),
    "session": _st("session", leftIndent=0, rightIndent=12, alignment=TA_LEFT, spaceAfter=0),
}


@cache
def style(name: str) -> ParagraphStyle:
    """ "style@indent": the style, indented by `indent` mm more (a list item, a quote)."""
    base, _, indent = name.partition("@")
    st = STYLES.get(base, STYLES["text"])
    extra = float(indent or 0) * mm
    if not extra:
        return st
    left = st.leftIndent + extra
    return ParagraphStyle(
        name, parent=st, leftIndent=left, bulletIndent=left - HANG if base == "item" else st.bulletIndent
    )


def prepare(s: FloorSpec) -> None:
    """Untimed, like module-level styles in a reportlab program: fonts and every style used."""
    fonts()
    for name, _, _ in s.rows:
        if not name.startswith("#"):
            style(name)


def _line_table(rows: list[list[object]], widths: list[float], rule: float, valign: str, extra: list) -> Table:
    t = Table(rows, colWidths=widths)
    line = [("LINEBELOW", (0, 0), (-1, -1), rule, colors.black)] if rule else []
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), valign),
                *line,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                *extra,
            ]
        )
    )
    return t


def render(s: FloorSpec) -> tuple[bytes, int]:
    """Timed: lay out the rows and return (PDF bytes, page count)."""
    width, height = A4
    frame_w = width - 40 * mm
    pages = [0]

    def first_page(c, doc) -> None:  # type: ignore[no-untyped-def]
        pages[0] += 1
        c.saveState()
        c.setFont(F, 9)
        for i, line in enumerate(s.job):
            c.drawString(20 * mm, 32 * mm - i * 11, line)
        Standard39(s.barcode, barHeight=9 * mm, barWidth=0.6, checksum=0, quiet=0, humanReadable=0).drawOn(
            c, 20 * mm, 18 * mm
        )
        c.drawString(20 * mm, 18 * mm - 10, f"*{s.barcode}*")
        c.restoreState()

    def later_page(c, doc) -> None:  # type: ignore[no-untyped-def]
        pages[0] += 1
        odd = doc.page % 2 == 1
        c.saveState()
        c.setFont(F + "-Bold", 9)
        top = height - 14 * mm
        draw = c.drawRightString if odd else c.drawString
        x = width - 20 * mm if odd else 20 * mm
        draw(x, top, s.symbol)
        c.setLineWidth(0.5)
        c.line(20 * mm, top - 3, width - 20 * mm, top - 3)
        draw(x, 14 * mm, str(doc.page))
        c.restoreState()

    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=25 * mm,
        title=s.title,
        subject=s.symbol,
        lang=s.lang,
        invariant=1,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first",
                [Frame(20 * mm, 42 * mm, frame_w, height - 62 * mm, 0, 0, 0, 0, id="f")],
                onPage=first_page,
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                "later", [Frame(20 * mm, 25 * mm, frame_w, height - 51 * mm, 0, 0, 0, 0, id="l")], onPage=later_page
            ),
        ]
    )
    sym = f'<font size="20">{s.symbol[:1]}</font>{s.symbol[1:]}'
    story: list = [
        NextPageTemplate("later"),
        _line_table(
            [[Paragraph(s.un, STYLES["un"]), Paragraph(sym, STYLES["symbol"])]],
            [frame_w / 2, frame_w / 2],
            0.6,
            "BOTTOM",
            [("BOTTOMPADDING", (0, 0), (-1, -1), 3)],
        ),
        _line_table(
            [
                [
                    Spacer(16 * mm, 16 * mm),
                    Paragraph(s.organs, STYLES["organ"]),
                    Paragraph(s.distribution, STYLES["plain"]),
                ]
            ],
            [20 * mm, frame_w - 65 * mm, 45 * mm],
            2.2,
            "TOP",
            [("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)],
        ),
    ]
    if s.sessions:
        cells = [[Paragraph(line, STYLES["session"]) for line in col] for col in s.sessions]
        story.append(
            _line_table([cells], [frame_w / len(cells)] * len(cells), 0, "TOP", [("TOPPADDING", (0, 0), (-1, -1), 8)])
        )
    for name, markup, bullet in s.rows:
        if name == "#pagebreak":
            story.append(PageBreak())
        elif name == "#spacer":
            story.append(Spacer(0, float(markup)))
        else:
            story.append(Paragraph(markup, style(name), bulletText=bullet))
    doc.build(story)
    return buf.getvalue(), pages[0]


def main(out: str, specs: str) -> None:
    """The cold floor: lay out every spec of the file and write its PDF, as a build would."""
    for s in json.loads(Path(specs).read_text(encoding="utf-8")):
        floor = FloorSpec(**s)
        prepare(floor)
        pdf, _ = render(floor)
        target = Path(out) / f"{floor.lang}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)


if __name__ == "__main__":
    main(*sys.argv[1:])
