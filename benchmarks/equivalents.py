"""The seed letter's content as other tools take it: a flat list for bare reportlab (the floor),
HTML/CSS for WeasyPrint, both generated from the doctree docgen itself produces (untimed), so
that every engine sets the same words in the same order. (Typst compiles the source docgen's own
Typst writer makes: bench.typst_source.)

The doctree is walked once into `Item`s (a paragraph with its style name, inlines, hanging
number or list marker and extra indent, or a page break / spacer) plus the page furniture
(masthead, running head, job number and barcode). The two writers below only translate that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as html_escape

from floor import FONTS, FloorSpec

from docgen.doctree import Block, Break, Div, Heading, Inline, ListBlock, Para, Quote, Text, block_text, find
from docgen.writers.pdf_reportlab import rich

HANG_MM = 8.0  # width of a hanging number or list marker (as docgen's layout)
INDENT_MM = 12.7  # body text indent
SKIP = {"metadata", "footer", "masthead", "sessions"}


@dataclass
class Item:
    kind: str  # "para", "pagebreak", "spacer"
    style: str = "text"
    inlines: list[Inline] = field(default_factory=list)
    bullet: str | None = None
    indent_mm: float = 0.0  # extra left indent (lists, quotes)
    space: float = 0.0  # points, for a spacer


@dataclass
class Page:
    title: str
    symbol: str
    un: list[list[Inline]]
    organs: list[list[Inline]]
    distribution: list[list[Inline]]
    sessions: list[list[list[Inline]]]  # one column per organ
    job: list[list[Inline]]
    barcode: str
    lang: str


@dataclass
class Letter:
    page: Page
    items: list[Item]


def _paras(div: Div | None) -> list[list[Inline]]:
    return [b.inlines for b in (div.children if div else []) if isinstance(b, Para)]


def _text(blocks: list[Block], role: str) -> str:
    div = find(blocks, role)
    return " ".join(block_text(div.children).split()) if div else ""


def flatten(blocks: list[Block], lang: str) -> Letter:
    sessions = find(blocks, "sessions")
    organs = [b for b in (sessions.children if sessions else []) if isinstance(b, Div) and b.role == "organ"]
    page = Page(
        title=_text(blocks, "title"),
        symbol=_text(blocks, "symbol"),
        un=_paras(find(blocks, "un")),
        organs=_paras(find(blocks, "organs")),
        distribution=_paras(find(blocks, "distribution")),
        sessions=[_paras(o) for o in organs],
        job=_paras(find(blocks, "job")),
        barcode=_text(blocks, "barcode"),
        lang=lang,
    )
    items: list[Item] = []
    for b in blocks:
        if isinstance(b, Div) and b.role in SKIP:
            continue
        _block(b, "text", 0.0, items)
    return Letter(page, items)


def _block(b: Block, style: str, indent: float, out: list[Item]) -> None:
    if isinstance(b, Para):
        out.append(Item("para", style, b.inlines, indent_mm=indent))
    elif isinstance(b, Heading):
        out.append(Item("para", f"h{min(b.level, 3)}", b.inlines))
    elif isinstance(b, ListBlock):
        for marker, item in zip(b.markers, b.items, strict=True):
            first, *rest = item or [Para([])]
            if isinstance(first, Para):
                out.append(Item("para", "item", first.inlines, marker, indent + 2 * HANG_MM))
            else:
                rest = [first, *rest]
            for r in rest:
                _block(r, "item", indent + HANG_MM, out)
    elif isinstance(b, Quote):
        for c in b.children:
            _block(c, style, indent + INDENT_MM, out)
    elif isinstance(b, Div):
        _div(b, indent, out)


def _div(div: Div, indent: float, out: list[Item]) -> None:
    paras = [c for c in div.children if isinstance(c, Para)]
    if div.role == "numbered":
        first, *rest = div.children or [Para([])]
        out.append(Item("para", "numbered", first.inlines if isinstance(first, Para) else [], f"{div.arg}."))
        for r in rest:
            _block(r, "numbered", 0.0, out)
    elif div.role == "heading":
        out.append(Item("para", "heading", paras[0].inlines if paras else [], f"{div.arg}." if div.arg else None))
    elif div.role == "event":
        for i, p in enumerate(paras):
            out.append(Item("para", "event-title" if i == 1 else "event", p.inlines))
    elif div.role == "guest":
        for i, p in enumerate(paras):
            out.append(Item("para", "guest" if i == 0 else "guest-function", p.inlines))
        out.append(Item("spacer", space=6))
    elif div.role == "signature":
        out.append(Item("spacer", space=18))
        for c in div.children:
            _block(c, "signature", 0.0, out)
    elif div.role == "annex":
        out.append(Item("pagebreak"))
        for c in div.children:
            _block(c, "text", 0.0, out)
    elif div.role in SKIP:
        return
    else:
        for c in div.children:
            _block(c, div.role, indent, out)


# --- reportlab paragraph markup (the floor) -------------------------------------------------


def rl_markup(inlines: list[Inline]) -> str:
    """docgen's own inline markup (made once, untimed): the floor lays out the same paragraphs."""
    return rich(inlines)


def floor_spec(letter: Letter) -> FloorSpec:
    rows: list[tuple[str, str, str | None]] = []
    for it in letter.items:
        if it.kind == "pagebreak":
            rows.append(("#pagebreak", "", None))
        elif it.kind == "spacer":
            rows.append(("#spacer", str(it.space), None))
        else:
            rows.append((f"{it.style}@{it.indent_mm:g}", rl_markup(it.inlines), it.bullet))
    p = letter.page
    return FloorSpec(
        rows,
        p.title,
        p.symbol,
        "<br/>".join(map(rl_markup, p.un)),
        "<br/>".join(map(rl_markup, p.organs)),
        "<br/>".join(map(rl_markup, p.distribution)),
        [[rl_markup(x) for x in col] for col in p.sessions],
        [rl_markup(x) for x in p.job],
        p.barcode,
        p.lang,
    )


# --- Code 39 bars, for the HTML and Typst versions of the footer ----------------------------


def code39_bars(value: str, narrow: float = 0.6, ratio: float = 2.2) -> list[tuple[float, float]]:
    """(x, width) of each bar, in points, as reportlab's Standard39 draws them (no quiet zone)."""
    from reportlab.graphics.barcode.code39 import Standard39

    code = Standard39(value, checksum=0, quiet=0)
    code.validate()
    code.encode()
    code.decompose()
    x, bars = 0.0, []
    for c in code.decomposed:
        w = narrow * (ratio if c in "BS" else 1)
        if c in "Bb":
            bars.append((x, w))
        x += w
    return bars


# --- HTML and CSS (WeasyPrint) --------------------------------------------------------------


def html_inline(inlines: list[Inline]) -> str:
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(html_escape(node.text, quote=False))
        elif isinstance(node, Break):
            out.append("<br>")
        elif node.kind == "link" and node.href:
            out.append(f'<a href="{html_escape(node.href)}">{html_inline(node.children)}</a>')
        else:
            tag = {"em": "i", "strong": "b", "sup": "sup"}.get(node.kind)
            inner = html_inline(node.children)
            out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
    return "".join(out)


CSS = """
@font-face { font-family: "Doc Serif"; src: url("{fonts}/LiberationSerif-Regular.ttf"); }
@font-face { font-family: "Doc Serif"; font-weight: bold; src: url("{fonts}/LiberationSerif-Bold.ttf"); }
@font-face { font-family: "Doc Serif"; font-style: italic; src: url("{fonts}/LiberationSerif-Italic.ttf"); }
@font-face { font-family: "Doc Serif"; font-weight: bold; font-style: italic;
             src: url("{fonts}/LiberationSerif-BoldItalic.ttf"); }
@page { size: A4; margin: 20mm 20mm 25mm 20mm;
        @top-right { content: string(symbol); font: bold 9pt "Doc Serif"; border-bottom: 0.5pt solid black; }
        @bottom-right { content: counter(page); font: bold 9pt "Doc Serif"; } }
@page :left { @top-left { content: string(symbol); font: bold 9pt "Doc Serif"; border-bottom: 0.5pt solid black; }
              @top-right { content: none; }
              @bottom-left { content: counter(page); font: bold 9pt "Doc Serif"; }
              @bottom-right { content: none; } }
@page :first { margin-bottom: 42mm; @top-right { content: none; } @bottom-right { content: none; }
               @bottom-left { content: element(footer); vertical-align: top; } }
html { font: 10pt/12pt "Doc Serif"; }
body { margin: 0; }
h1.symbol-holder { string-set: symbol content(); display: none; }
p { margin: 0 6mm 6pt 12.7mm; text-align: justify; widows: 1; orphans: 1; hyphens: manual; }
.masthead { width: 100%; border-collapse: collapse; }
.masthead td { padding: 0; vertical-align: bottom; }
.top td { border-bottom: 0.6pt solid black; padding-bottom: 3pt; font-size: 12pt; line-height: 14pt; }
.top .sym { text-align: right; font-size: 10pt; line-height: 20pt; }
.top .sym .first { font-size: 20pt; }
.band td { border-bottom: 2.2pt solid black; vertical-align: top; padding: 8pt 0 10pt 0; }
.organs { font: bold 17pt/20pt "Doc Serif"; }
.sessions td { vertical-align: top; padding: 8pt 12pt 0 0; }
.emblem { width: 20mm; }
.emblem svg { width: 16mm; height: 16mm; }
.title, .annex-heading, .list-title, .part-title, .event-title, .h1, .h2 {
  font-weight: bold; font-size: 12pt; line-height: 14pt; text-align: left; page-break-after: avoid; }
.title { margin: 24pt 25mm 12pt 12.7mm; }
.annex-heading { margin: 0 25mm 18pt 12.7mm; }
.list-title { margin-top: 12pt; }
.part-title { margin: 18pt 6mm 10pt 12.7mm; }
.event, .list-date, .signature, .guest, .guest-function, .person, .heading, .group-heading { text-align: left; }
.event { margin-bottom: 10pt; page-break-after: avoid; }
.event-title { margin: 0 25mm 10pt 12.7mm; }
.list-date { margin-bottom: 12pt; }
.heading, .group-heading { font-weight: bold; margin-top: 6pt; page-break-after: avoid; }
.group-heading { margin-top: 12pt; }
.signature { margin-left: 100mm; margin-bottom: 0; }
.guest { margin-bottom: 0; }
.guest-function { margin-left: 20.7mm; }
.person { margin-left: 20.7mm; text-indent: -8mm; }
.body { text-indent: 12.7mm; }
.item { margin-bottom: 4pt; }
.num { display: inline-block; width: 8mm; margin-left: -8mm; text-indent: 0; }
.spacer { height: 6pt; }
.pagebreak { page-break-before: always; }
#footer { position: running(footer); font-size: 9pt; line-height: 11pt; }
#footer svg { display: block; margin-top: 4pt; }
"""


def _svg_bars(value: str) -> str:
    bars = code39_bars(value)
    width = bars[-1][0] + bars[-1][1] if bars else 0
    rects = "".join(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="25.5"/>' for x, w in bars)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}pt" height="25.5pt" '
        f'viewBox="0 0 {width:.2f} 25.5">{rects}</svg>'
    )


EMBLEM_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-23 -23 46 46"><g fill="none" stroke="black" '
    'stroke-width="0.5"><circle r="20"/><ellipse rx="7" ry="20"/><ellipse rx="14" ry="20"/>'
    '<line x1="-17.3" y1="-10" x2="17.3" y2="-10"/><line x1="-20" y1="0" x2="20" y2="0"/>'
    '<line x1="-17.3" y1="10" x2="17.3" y2="10"/></g></svg>'
)


def html(letter: Letter) -> str:
    p = letter.page

    def lines(paras: list[list[Inline]]) -> str:
        return "<br>".join(html_inline(x) for x in paras)

    sym = html_escape(p.symbol)
    out = [
        f'<!doctype html><html lang="{p.lang}"><head><meta charset="utf-8"><title>{html_escape(p.title)}</title>'
        f'</head><body><h1 class="symbol-holder">{sym}</h1>',
        '<div id="footer">'
        + "<br>".join(html_inline(x) for x in p.job)
        + _svg_bars(p.barcode)
        + f"<div>*{html_escape(p.barcode)}*</div></div>",
        f'<table class="masthead top"><tr><td>{lines(p.un)}</td><td class="sym"><span class="first">'
        f"{sym[:1]}</span>{sym[1:]}</td></tr></table>",
        f'<table class="masthead band"><tr><td class="emblem">{EMBLEM_SVG}</td>'
        f'<td class="organs">{lines(p.organs)}</td><td style="width:45mm">{lines(p.distribution)}</td></tr></table>',
    ]
    if p.sessions:
        cells = "".join(f"<td>{lines(col)}</td>" for col in p.sessions)
        out.append(f'<table class="masthead sessions"><tr>{cells}</tr></table>')
    for it in letter.items:
        if it.kind == "pagebreak":
            out.append('<div class="pagebreak"></div>')
        elif it.kind == "spacer":
            out.append(f'<div style="height:{it.space}pt"></div>')
        else:
            style = f' style="margin-left:{INDENT_MM + it.indent_mm:.1f}mm"' if it.indent_mm else ""
            num = f'<span class="num">{html_escape(it.bullet)}</span>' if it.bullet else ""
            out.append(f'<p class="{it.style}"{style}>{num}{html_inline(it.inlines)}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def css() -> str:
    return CSS.replace("{fonts}", FONTS.as_uri())
