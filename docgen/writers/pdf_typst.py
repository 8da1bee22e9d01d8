"""The Typst writer: the doctree as Typst source, compiled in-process to PDF (the `typst` package).

The second PDF engine beside reportlab, for what reportlab cannot set well: right-to-left
paragraphs (Arabic), Chinese line-breaking rules, and tagged PDF (structure tree,
/Lang, a PDF/UA-1 check). Same pages as the reportlab writer: every measurement comes from
docgen.housestyle; this module only says it in Typst.

User text never becomes Typst markup: every text is a Typst string literal (`#"..."`, escaped),
which Typst prints as it is. All the markup around the texts is written here.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from docgen import barcode, fonts, qrcode, resources
from docgen import housestyle as hs
from docgen.doctree import (
    Block,
    Break,
    Cell,
    Div,
    Heading,
    Inline,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Quote,
    Text,
    find,
    label,
    plain,
    role_text,
)
from docgen.doctree import Table as TableBlock
from docgen.writers import Options, direction_of

INDENT, HANG = hs.INDENT, hs.HANG


# --- text: Typst literals ----------------------------------------------------------------------


def string(text: str) -> str:
    """A Typst string literal: backslash, quote and control characters escaped."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


LITERAL = re.compile(r'#"((?:[^"\\]|\\.)*)"')


def direction(markup: str) -> str | None:
    """The base direction of a paragraph, from its first strong character (Unicode's rule P2):
    an English line in an Arabic edition runs left to right. None: no strong character."""
    return next(filter(None, map(direction_of, LITERAL.findall(markup))), None)


def pt(value: float) -> str:
    return f"{value:.3f}pt"


# the font family of the letter being written, whose type (housestyle.types) every function
# under source() reads with types(): Arabic and Chinese are set larger
_FONT: ContextVar[str] = ContextVar("font", default="serif")


def types() -> hs.Types:
    return hs.types(_FONT.get())


@dataclass
class Notes:
    """The document's footnotes: the first reference to a note carries its text, later ones
    refer to it by label."""

    texts: dict[str, list[Block]]
    marks: dict[str, str]
    placed: dict[str, str]  # note key -> label

    def ref(self, node: NoteRef) -> str:
        if node.key in self.placed:
            return f"#footnote({self.placed[node.key]})"
        label = f"<docgen-note-{len(self.placed)}>"
        self.placed[node.key] = label
        # the entry's paragraph is the show rule's (in the note's type): its text stays inline
        paras = [b for b in self.texts.get(node.key, []) if isinstance(b, Para)]
        body = "#linebreak()".join(inline(b.inlines, self) for b in paras)
        return f"#footnote(numbering: _ => {string(node.mark)})[{body}]{label}"


def inline(nodes: list[Inline], notes: Notes) -> str:
    """Inlines as Typst markup; each text a string literal."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append("#" + string(node.text))
        elif isinstance(node, Break):
            out.append("#linebreak()")
        elif isinstance(node, NoteRef):
            out.append(notes.ref(node))
        elif node.kind == "link" and node.href:
            colour = f'rgb("{hs.FURNITURE.link_rgb}")'
            out.append(f"#link({string(node.href)})[#text(fill: {colour})[{inline(node.children, notes)}]]")
        else:
            function = {"em": "emph", "strong": "strong", "sup": "super"}.get(node.kind)
            inner = inline(node.children, notes)
            out.append(f"#{function}[{inner}]" if function else inner)
    return "".join(out)


# --- paragraphs: a role's type as arguments of the prelude's `para` ------------------------


def para(t: hs.Type, content: str, mark: str = "", indent: float = 0, sticky: bool | None = None) -> str:
    """One paragraph in a role's type; `mark` (a number, a list marker) hangs `t.hang` before it."""
    start = t.left + indent
    first, hanging = t.first_line, 0.0
    if mark:
        start, hanging, first = start - t.hang, t.hang, 0.0
    elif first < 0:  # a hanging paragraph (a person in a list of participants)
        start, hanging, first = start + first, -first, 0.0
    args = [
        f"size: {pt(t.size)}",
        f"leading: {pt(t.leading)}",
        f"above: {pt(t.space_before)}",
        f"below: {pt(t.space_after)}",
        f"start: {pt(start)}",
        f"end: {pt(t.right)}",
        f"first: {pt(first)}",
        f"hanging: {pt(hanging)}",
        f"align-to: {ALIGN[t.align]}",
    ]
    if t.align == "justify":
        args.append("justify: true")
    if hs.hyphenates(t):
        args.append("hyphenate: true")
    if dir_ := direction(content):
        args.append(f"dir: {dir_}")
    if t.bold:
        args.append('weight: "bold"')
    if t.italic:
        args.append('style: "italic"')
    if sticky if sticky is not None else t.keep_with_next:
        args.append("sticky: true")
    if mark:
        raised = f"#super(size: {pt(t.mark_size)}, baseline: {pt(-t.mark_rise)})" if t.mark_size else ""
        args.append(f"mark: [{raised}[#{string(mark)}]]" if raised else f"mark: [#{string(mark)}]")
    return f"#para({', '.join(args)})[{content}]\n"


# the house style's "left" is the page's start edge: the right of a mirrored page, whatever the
# direction of the paragraph's own text (the prelude defines page-start and page-end)
ALIGN = {"left": "page-start", "right": "page-end", "center": "center", "justify": "page-start"}


def blocks_markup(blocks: list[Block], t: hs.Type, notes: Notes, indent: float = 0) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(para(t, inline(b.inlines, notes), indent=indent, sticky=b.keep_with_next or None))
        elif isinstance(b, Heading):
            out.append(para(types().markdown[min(b.level, 3)], inline(b.inlines, notes)))
        elif isinstance(b, ListBlock):
            out.append(list_markup(b, notes, indent + HANG))
        elif isinstance(b, Quote):
            out.append(blocks_markup(b.children, t, notes, indent + INDENT))
        elif isinstance(b, Div):
            out.append(div_markup(b, notes, indent))
        elif isinstance(b, TableBlock):
            out.append(table(b, notes, indent))
    return "".join(out)


def list_markup(lst: ListBlock, notes: Notes, indent: float) -> str:
    item = types().roles["list-item"]
    out = []
    for marker, blocks in zip(lst.markers, lst.items, strict=True):
        first, *rest = blocks or [Para([])]
        if isinstance(first, Para):
            out.append(para(item, inline(first.inlines, notes), mark=marker, indent=indent + HANG))
        else:
            rest = [first, *rest]
        out.append(blocks_markup(rest, item, notes, indent + HANG))
    return "".join(out)


def table(t: TableBlock, notes: Notes, indent: float) -> str:
    """A Markdown table, ruled above, under the header and below; columns shared as the
    reportlab writer shares them (by their longest text, within bounds)."""
    columns = max(len(row) for row in [t.header, *t.rows])
    rows = [row + [[]] * (columns - len(row)) for row in ([t.header] if t.header else []) + t.rows]
    longest = [max(min(max(len(plain(row[c])), 6), 60) for row in rows) for c in range(columns)]
    align = [*t.align, *["left"] * columns][:columns]
    r, cell_type = hs.RULES, types().roles["cell"]
    rule = f"table.hline(stroke: {pt(r.table)})"

    def cell(inlines: Cell, c: int, head: bool) -> str:
        content = inline(inlines, notes)
        return f"table.cell(align: {ALIGN[align[c]]})[{'#strong[' + content + ']' if head else content}]"

    body = [rule]
    for i, row in enumerate(rows):
        head = bool(t.header) and i == 0
        cells = ", ".join(cell(row[c], c, head) for c in range(columns))
        body.append(f"table.header({cells}), {rule}" if head else cells)
    body.append(rule)
    widths = ", ".join(f"{n}fr" for n in longest)
    return (
        f"#block(above: 0pt, below: 0pt, inset: inset(start: {pt(INDENT + indent)}, end: {pt(hs.RIGHT)}))"
        f"[#set text(size: {pt(cell_type.size)}, top-edge: {pt(cell_type.leading)}, bottom-edge: 0pt)\n"
        f"#set par(leading: 0pt, justify: false)\n#table(columns: ({widths},), stroke: none,"
        f" inset: (x: {pt(r.table_pad_x)}, y: {pt(r.table_pad_y)}), {', '.join(body)})]\n#v({pt(r.table_after)})\n"
    )


# --- the roles of the templates --------------------------------------------------------------


def div_markup(div: Div, notes: Notes, indent: float = 0) -> str:
    builder = BUILDERS.get(div.role)
    if builder:
        return builder(div, notes)
    return blocks_markup(div.children, types().roles.get(div.role, types().roles["text"]), notes, indent)


def first_para(div: Div) -> tuple[Para, list[Block]]:
    first, *rest = div.children or [Para([])]
    return (first, rest) if isinstance(first, Para) else (Para([]), div.children)


def numbered(div: Div, notes: Notes) -> str:
    first, rest = first_para(div)
    t = types().roles["numbered"]
    # a paragraph that introduces a list ("... topics:") stays on the page of the list's start
    sticky = (bool(rest) and isinstance(rest[0], ListBlock)) or first.keep_with_next
    head = para(t, inline(first.inlines, notes), mark=label(div), sticky=sticky or None)
    return head + blocks_markup(rest, t, notes)


def heading(div: Div, notes: Notes, role: str = "heading") -> str:
    first, _ = first_para(div)
    return para(types().roles[role], inline(first.inlines, notes), mark=label(div))


def section(div: Div, notes: Notes) -> str:
    return heading(div, notes, "section")


def subsection(div: Div, notes: Notes) -> str:
    return heading(div, notes, "subsection")


def markdown(div: Div, notes: Notes) -> str:
    """A free Markdown text (markup has numbered its paragraphs, where it is numbered)."""
    return blocks_markup(div.children, types().roles["text"], notes)


def event(div: Div, notes: Notes) -> str:
    """The event's kind, its own title (in bold, set apart), its place and dates."""
    paras = [b for b in div.children if isinstance(b, Para)]
    roles = ["event", "event-title", *["event"] * len(paras)]
    return "".join(para(types().roles[r], inline(p.inlines, notes)) for r, p in zip(roles, paras, strict=False))


def guest(div: Div, notes: Notes) -> str:
    name, *what = [b for b in div.children if isinstance(b, Para)]
    lines = para(types().roles["guest"], inline(name.inlines, notes))
    lines += "".join(para(types().roles["guest-function"], inline(p.inlines, notes)) for p in what)
    last = types().roles["guest-function" if what else "guest"]
    return keep(lines, last.space_after) + f"#v({pt(hs.RULES.guest_after)})\n"


def signature(div: Div, notes: Notes) -> str:
    lines = blocks_markup(div.children, types().roles["signature"], notes)
    return f"#v({pt(hs.RULES.signature_before)})\n" + keep(lines, types().roles["signature"].space_after)


def keep(markup: str, below: float) -> str:
    """Paragraphs kept on one page; the last one's space after stays outside (a block drops it)."""
    return f"#block(breakable: false, below: {pt(below)})[{markup}]\n"


def annex(div: Div, notes: Notes) -> str:
    return "#pagebreak(weak: true)\n" + blocks_markup(div.children, types().roles["text"], notes)


def nothing(div: Div, notes: Notes) -> str:
    return ""


BUILDERS = {
    "numbered": numbered,
    "heading": heading,
    "section": section,
    "subsection": subsection,
    "markdown": markdown,
    "event": event,
    "guest": guest,
    "signature": signature,
    "annex": annex,
    "metadata": nothing,
    "footer": nothing,
    "masthead": nothing,
}


# --- the first page: masthead and sessions ---------------------------------------------------


def lines(div: Div | None, notes: Notes) -> list[str]:
    if div is None:
        return []
    return [inline(b.inlines, notes) for b in div.children if isinstance(b, Para)]


def text_block(role: str, content: list[str], align: str | None = None) -> str:
    """A masthead cell: lines of one role's type, without the role's indents."""
    t = types().roles[role]
    weight = ', weight: "bold"' if t.bold else ""
    return (
        f"[#set text(size: {pt(t.size)}{weight}, top-edge: {pt(t.leading)}, bottom-edge: 0pt)\n"
        f"#set par(leading: 0pt, justify: false)\n"
        f"#align({align or ALIGN[t.align]})[{''.join(line_markup(line) for line in content)}]]"
    )


def line_markup(line: str) -> str:
    """One line of a masthead cell, a paragraph of its own direction."""
    dir_ = direction(line)
    return f"#block({{set text(dir: {dir_}) ; par[{line}]}})" if dir_ else f"#block(par[{line}])"


def masthead(blocks: list[Block], notes: Notes) -> str:
    m = hs.MASTHEAD
    symbol = role_text(blocks, "symbol")
    big = f"#text(..code-font)[#text(size: {pt(m.symbol_first_size)})[#{string(symbol[:1])}]#{string(symbol[1:])}]"
    top = (
        f"#grid(columns: (1fr, 1fr), align: bottom, inset: (bottom: {pt(m.top_gap)}),"
        f" stroke: (bottom: {pt(m.top_rule)}),"
        f" {text_block('un', lines(find(blocks, 'un'), notes))}, {text_block('symbol', [big])})\n"
    )
    band = (
        f"#grid(columns: ({pt(m.emblem_column)}, 1fr, {pt(m.distribution_column)}),"
        f" inset: (top: {pt(m.band_pad_top)}, bottom: {pt(m.band_pad_bottom)}), stroke: (bottom: {pt(m.band_rule)}),"
        f" emblem(), {text_block('organs', lines(find(blocks, 'organs'), notes))},"
        f" {text_block('distribution', lines(find(blocks, 'distribution'), notes))})\n"
    )
    return f"#block(spacing: 0pt)[{top}#v({pt(0)}, weak: true){band}]\n" + sessions(blocks, notes)


def sessions(blocks: list[Block], notes: Notes) -> str:
    """The organs' blocks side by side; an agenda item's title after another is set apart."""
    holder = find(blocks, "sessions")
    organs = [b for b in (holder.children if holder else []) if isinstance(b, Div) and b.role == "organ"]
    if not organs:
        return ""
    cells = [organ_cell(o, notes) for o in organs]
    cells += ["[]"] * (2 - len(cells))  # one organ: the left half, as when there are two
    m = hs.MASTHEAD
    inset = f"(top: {pt(m.session_pad_top)}, bottom: {pt(m.session_pad_bottom)})"
    return f"#grid(columns: (1fr, 1fr), inset: {inset}, {', '.join(cells)})\n"


def organ_cell(organ: Div, notes: Notes) -> str:
    line, title = types().roles["session"], types().roles["agenda-title"]
    out, after_title = [], False
    for b in organ.children:
        if isinstance(b, Para):
            out.append(para(line, inline(b.inlines, notes)))
            after_title = False
        elif isinstance(b, Div) and b.role == "agenda-title":
            for text in lines(b, notes):  # agenda items' titles are bold, as in the reportlab writer
                out.append(para(title if after_title else line, f"#strong[{text}]"))
                after_title = True
    return "[" + "".join(out) + "]"


# --- page furniture --------------------------------------------------------------------------


def furniture(blocks: list[Block], options: Options) -> str:
    """Every page's background: the Draft watermark; page 1 the job number and its barcode;
    later pages the symbol over a rule and the page number, on the outer edge."""
    f, margin = hs.FURNITURE, hs.PAGE.margin_x
    width, height = hs.PAPERS[options.paper]
    start = "right" if options.direction == "rtl" else "left"
    job = "".join(
        f"#place(bottom + {start}, dx: {edge(start, margin)}, dy: {pt(-(f.job_from_bottom - i * f.job_line))},"
        f" baseline-box({string(plain(p.inlines))}, {pt(f.job_size)}))\n"
        for i, p in enumerate(find(blocks, "job").children if find(blocks, "job") else [])
        if isinstance(p, Para)
    )
    code = role_text(blocks, "barcode")
    if code:
        bars = barcode.bars(code, f.barcode_bar, f.barcode_ratio)
        drawn = "; ".join(f"place(dx: {pt(x)}, rect(width: {pt(w)}, height: {pt(f.barcode_height)}))" for x, w in bars)
        job += (
            f"#place(bottom + {start}, dx: {edge(start, margin)}, dy: {pt(-f.barcode_from_bottom)},"
            f" drawing({pt(bars[-1][0] + bars[-1][1])}, {pt(f.barcode_height)},"
            f" {{set rect(fill: black, stroke: none); {drawn}}}))\n"
            f"#place(bottom + {start}, dx: {edge(start, margin)},"
            f" dy: {pt(-(f.barcode_from_bottom - f.barcode_text_gap))},"
            f" baseline-box({string(f'*{code}*')}, {pt(f.job_size)}))\n"
        )
    job += corner_marks(role_text(blocks, "qr"), role_text(blocks, "recycle"), "left" if start == "right" else "right")
    symbol = string(role_text(blocks, "symbol"))
    top, rule = height - f.head_from_top, f.head_from_top + f.head_rule_gap
    later = (
        f"#place(top + outer, dx: outer-dx, dy: {pt(height - top)},"
        f" baseline-box({symbol}, {pt(f.head_size)}, bold: true))\n"
        f"#place(top + left, dx: {pt(margin)}, dy: {pt(rule)}, line(length: {pt(width - 2 * margin)},"
        f" stroke: {pt(f.head_rule)}))\n"
        f"#place(bottom + outer, dx: outer-dx, dy: {pt(-f.number_from_bottom)},"
        f" baseline-box(str(here().page()), {pt(f.number_size)}, bold: true))\n"
    )
    # odd pages: the outer edge is the right in left-to-right text, the left when mirrored
    odd, even = ("right", "left") if options.direction == "ltr" else ("left", "right")
    watermark = role_text(blocks, "watermark")
    mark = ""
    if watermark:
        r, g, b, a = (f"{100 * v:.1f}%" for v in f.watermark_rgba)
        mark = (
            f"#place(center + horizon, rotate({-f.watermark_angle}deg, text(size: {pt(f.watermark_size)},"
            f' weight: "bold", fill: rgb({r}, {g}, {b}, {a}), {string(watermark)})))\n'
        )
    return (
        "context {\n"
        f"let outer = if calc.odd(here().page()) {{ {odd} }} else {{ {even} }}\n"
        f"let outer-dx = if outer == left {{ {pt(margin)} }} else {{ {pt(-margin)} }}\n"
        f"[{mark}]\n"
        f"if here().page() == 1 [{job}] else [{later}]\n"
        "}"
    )


def corner_marks(address: str, recycle: str, side: str) -> str:
    """Page 1's far corner: the QR code of the document's address, and "Please recycle" beside
    the recycling mark, drawn as squares and strokes (no image, no font of their own)."""
    f, margin = hs.FURNITURE, hs.PAGE.margin_x
    out, inset = "", margin
    if address:
        n, dark = qrcode.modules(address)
        cell = f.qr_size / n
        square = f"rect(width: {pt(cell)}, height: {pt(cell)})"
        squares = "; ".join(f"place(dx: {pt(c * cell)}, dy: {pt(r * cell)}, {square})" for r, c in dark)
        size = pt(f.qr_size)
        out += (f"#place(bottom + {side}, dx: {edge(side, inset)}, dy: {pt(-f.qr_from_bottom)},"
                f" drawing({size}, {size},"
                f" {{set rect(fill: black, stroke: none); {squares}}}))\n")  # fmt: skip
        inset += f.qr_size + f.recycle_gap
    if recycle:
        mark, stroke, gap = f.recycle_size * f.recycle_mark, pt(f.recycle_line), f.recycle_text_gap
        strokes = "; ".join(f"place(line(start: ({pt(x0)}, {pt(mark - y0)}), end: ({pt(x1)}, {pt(mark - y1)}),"
                            f" stroke: {stroke}))" for (x0, y0), (x1, y1) in hs.recycling_mark(mark))  # fmt: skip
        out += (f"#place(bottom + {side}, dx: {edge(side, inset)}, dy: {pt(-f.qr_from_bottom)},"
                f" drawing({pt(mark)}, {pt(mark)}, {{{strokes}}}))\n"
                f"#place(bottom + {side}, dx: {edge(side, inset + mark + gap)},"
                f" dy: {pt(-(f.qr_from_bottom + mark / 3))},"
                f" text(size: {pt(f.recycle_size)}, style: \"italic\", top-edge: \"baseline\","
                f" bottom-edge: \"baseline\", {string(recycle)}))\n")  # fmt: skip
    return out


def edge(side: str, margin: float) -> str:
    return pt(margin if side == "left" else -margin)


# --- fonts ---------------------------------------------------------------------------------


def font_list(key: str) -> str:
    """The Typst font list of a family of docgen.fonts: its Latin family first, for everything
    but the punctuation the family itself draws (`shared`), as docgen.fonts counts coverage."""
    own = fonts.family(key)
    if not own.latin:
        return f"({string(own.title)},)"
    others = "".join(f"\\x{{{ord(ch):X}}}" for ch in own.shared)
    covers = f"regex({string(f'[^{others}]')})" if others else 'regex(".")'
    return f"((name: {string(fonts.family(own.latin).title)}, covers: {covers}), {string(own.title)})"


def code_font(key: str) -> str:
    """Symbols, job numbers and page numbers are Latin codes: in a family's Latin family, whole
    (a Chinese face would draw the dash of "A/64/868–S/2010/402")."""
    own = fonts.family(key)
    return f"(font: {string(fonts.family(own.latin).title)})" if own.latin else "(:)"


def check_fonts(source: str, options: Options) -> None:
    """Every character the source prints is one its fonts draw. The loader checks a letter's
    texts; this catches docgen's own wording (catalogs, templates, language facts) before Typst
    would print a blank box (fallback is off: it never substitutes a font of its own)."""
    family = fonts.family(options.font)
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', source))
    if lost := fonts.uncovered(text, family):
        names = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in lost)
        raise ValueError(
            f"the {options.lang} edition prints {names}, which its font {family.title} cannot draw: "
            "add it to the font (docgen/fonts/fonts.yaml; Chinese: tools/subset_cjk.py)"
        )


# --- the document ----------------------------------------------------------------------------


PRELUDE = """
#let page-start = LEFT
#let page-end = RIGHT
// a hanging number or marker: as wide as the hang, or as itself and a space where it is wider
// (an Arabic section numbered in words): never broken over two lines
#let hang(mark, hanging) = context {
  let wide = measure(mark).width + measure[#" "].width
  box(width: if wide > hanging { wide } else { hanging }, mark)
}
#let para(size: 0pt, leading: 0pt, above: 0pt, below: 0pt, start: 0pt, end: 0pt, first: 0pt,
  hanging: 0pt, align-to: left, justify: false, hyphenate: false, weight: "regular", style: "normal",
  sticky: false, mark: none, dir: auto, body) = block(above: above, below: below, sticky: sticky, width: 100%, {
  // a line is as tall as the leading, its baseline at the foot: baselines stand `leading` apart,
  // and the first one `leading` under the paragraph's top, as reportlab sets them
  set text(size: size, weight: weight, style: style, top-edge: leading, bottom-edge: 0pt,
    hyphenate: hyphenate and hyphenating)
  set par(leading: 0pt, justify: justify, hanging-indent: hanging,
    first-line-indent: (amount: first, all: true))
  set text(dir: dir) if dir != auto
  set align(align-to)
  pad(LEFT: start, RIGHT: end, par(if mark == none { body } else { hang(mark, hanging) + body }))
})
// shapes placed from the box's top left, whatever the direction of the text (start is the
// right in Arabic)
#let drawing(width, height, body) = box(width: width, height: height, { set place(top + left); body })
// insets at the page's start and end sides (a block's inset names left and right only)
#let inset(start: 0pt, end: 0pt) = (LEFT: start, RIGHT: end)
// the footnote entries on page 1; whether the current one is the last of them
#let notes-on-first() = query(<docgen-entry>).filter(m => m.location().page() == 1).len()
#let last-on-first() = here().page() == 1 and query(selector(<docgen-entry>).before(here())).len() == notes-on-first()
// text whose baseline stands where the box is placed (as reportlab's drawString)
#let baseline-box(body, size, bold: false) = text(..code-font, size: size,
  weight: if bold { "bold" } else { "regular" }, top-edge: "baseline", bottom-edge: "baseline",
  dir: ltr, body)  // codes and numbers: left to right
"""


def emblem_markup() -> str:
    m = hs.MASTHEAD
    r, centre = m.emblem_size * m.emblem_radius, m.emblem_size / 2
    stroke = pt(m.emblem_line)
    shapes = [f"place(dx: {pt(centre - r)}, dy: {pt(centre - r + m.emblem_drop)}, circle(radius: {pt(r)}))"]
    shapes += [
        f"place(dx: {pt(centre - r * k)}, dy: {pt(centre - r + m.emblem_drop)},"
        f" ellipse(width: {pt(2 * r * k)}, height: {pt(2 * r)}))"
        for k in m.emblem_meridians
    ]
    for y in m.emblem_parallels:
        half = r * (1 - y * y) ** 0.5
        shapes.append(
            f"place(dx: {pt(centre - half)}, dy: {pt(centre - y * r + m.emblem_drop)}, line(length: {pt(2 * half)}))"
        )
    return (
        f"#let emblem() = drawing({pt(m.emblem_size)}, {pt(m.emblem_size)}, {{\n"
        f"  set circle(stroke: {stroke}); set ellipse(stroke: {stroke}); set line(stroke: {stroke})\n"
        f"  {'; '.join(shapes)}\n}})\n"
    )


def source(blocks: list[Block], options: Options) -> str:
    """The whole letter as Typst source, in the type of its language's script."""
    token = _FONT.set(options.font)
    try:
        return letter_source(blocks, options)
    finally:
        _FONT.reset(token)


def letter_source(blocks: list[Block], options: Options) -> str:
    page, note_type, r = hs.PAGE, types().roles["note"], hs.RULES
    width, height = hs.PAPERS[options.paper]
    text_type = types().roles["text"]
    reserve = page.first_bottom - page.margin_bottom
    notes = Notes({b.key: b.children for b in blocks if isinstance(b, Note)}, {}, {})
    meta = {role: role_text(blocks, role) for role in ("title", "author", "keywords")}
    head = [
        f"#let code-font = {code_font(options.font)}",  # before the prelude, whose baseline-box uses it
        # the language breaks words in justified text (housestyle.hyphenates), at Typst's patterns
        f"#let hyphenating = {'true' if options.hyphenate else 'false'}",
        # a role's start indent is on the left in left-to-right text, on the right when mirrored
        PRELUDE.replace("LEFT", "right" if options.direction == "rtl" else "left").replace(
            "RIGHT", "left" if options.direction == "rtl" else "right"
        ),
        emblem_markup(),
        f"#set document(title: {string(meta['title'])}, author: {string(meta['author'])},"
        f" keywords: {string(meta['keywords'])}, date: none)",
        f"#set page(width: {pt(width)}, height: {pt(height)},"
        f" margin: (x: {pt(page.margin_x)}, top: {pt(page.margin_top + page.head_gap)},"
        f" bottom: {pt(page.margin_bottom)}),"
        f" header: none, footer: none, background: {furniture(blocks, options)})",
        f"#set text(font: {font_list(options.font)}, fallback: false, lang: {string(options.lang)},"
        f" dir: {options.direction},"
        f" size: {pt(text_type.size)}, top-edge: {pt(text_type.leading)}, bottom-edge: 0pt, hyphenate: false)",
        f"#set text(cjk-latin-spacing: {'auto' if hs.CJK_LATIN_SPACE else 'none'})",
        "#set par(spacing: 0pt, leading: 0pt)",
        "#set block(spacing: 0pt)",  # the only spaces between blocks are the house style's
        # the rule and the notes' text at the body's indent, each mark hanging before its note
        f"#set footnote.entry(separator: box(inset: inset(start: {pt(INDENT)}),"
        f" line(length: {pt(r.note_rule_length)}, stroke: {pt(r.note_rule)})),"
        f" clearance: {pt(r.note_rule_space)}, gap: {pt(note_type.space_after)}, indent: 0pt)",
        "#show footnote.entry: it => {\n"
        "  let mark = numbering(it.note.numbering, ..counter(footnote).at(it.note.location()))\n"
        f"  para(size: {pt(note_type.size)}, leading: {pt(note_type.leading)},"
        f" start: {pt(note_type.left - note_type.hang)}, end: {pt(note_type.right)},"
        f" hanging: {pt(note_type.hang)}, justify: true, hyphenate: {'true' if hs.hyphenates(note_type) else 'false'},"
        f" align-to: page-start, dir: {options.direction},"
        f" mark: super(size: {pt(note_type.mark_size or note_type.size)}, baseline: {pt(-note_type.mark_rise)}, mark),"
        " it.note.body)\n"
        # the last note of page 1 keeps the room of the job number and barcode under it
        f"  [#metadata(none)<docgen-entry>]\n  context if last-on-first() {{ block(height: {pt(reserve)}) }}\n}}",
        f"#show footnote: set super(size: {pt(note_type.mark_size or note_type.size)})",
    ]
    # page 1 has no running head, and keeps room at its foot for the job number and the barcode:
    # under its notes when it has any (Typst sets notes under a bottom float), else under the text
    first_page = (
        f"#v({pt(-page.head_gap)})\n#context if notes-on-first() == 0 {{ place(bottom, float: true,"
        f" clearance: 0pt, block(height: {pt(reserve)})) }}\n"
    )
    body = [first_page, masthead(blocks, notes)]
    for b in blocks:
        if isinstance(b, Div) and b.role not in ("masthead", "sessions"):
            body.append(div_markup(b, notes))
        elif not isinstance(b, Div | Note):
            body.append(blocks_markup([b], text_type, notes))
    return "\n".join(head) + "\n" + "".join(body)


@cache
def compiler():  # type: ignore[no-untyped-def]
    """One compiler per process: it reads the fonts of docgen/fonts once, not at each letter."""
    import typst  # only a build with the typst engine loads it

    return typst.Compiler(font_paths=[str(resources.FONTS)], ignore_system_fonts=True)


def write(blocks: list[Block], options: Options) -> bytes:
    """Compile the letter's Typst source to PDF bytes (identical for identical input)."""
    markup = source(blocks, options)
    check_fonts(markup, options)
    return compiler().compile(
        input=markup.encode("utf-8"),
        format="pdf",
        pdf_standards=["ua-1"] if options.tagged else [],
        pdf_tags=options.tagged,
    )
