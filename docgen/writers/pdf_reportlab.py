"""The reportlab writer: a doctree laid out on PDF pages (platypus), in the UN house style.

Templates decided every word and docgen.housestyle every measurement; this module decides how
reportlab draws them. Each `::: role` of the
template maps to a style or a builder below (ROLE_STYLES, BUILDERS); the first page carries the
masthead and the footer with the job number and its Code 39 barcode, later pages the symbol as
running head (alternating sides) and the page number on the outer edge. Footnotes go to the
foot of the page of their reference (docgen.writers.footnotes); Markdown tables become ruled tables.
"""

from __future__ import annotations

import codecs
import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from html import escape as _html_escape
from itertools import count, islice

# reportlab's paragraph module imports pyphen whenever it is installed, and pyphen lists its
# dictionaries as it loads (some 75 ms): hidden while reportlab loads, so that only a build of a
# language that hyphenates imports it (`hyphenator` hands reportlab pyphen's own)
_hidden = "pyphen" not in sys.modules
if _hidden:
    sys.modules["pyphen"] = None  # type: ignore[assignment]
try:
    from reportlab.lib import colors
    from reportlab.lib.abag import ABag
    from reportlab.lib.colors import toColor
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.fonts import ps2tt, tt2ps
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Flowable,
        Indenter,
        KeepTogether,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus import paragraph as rl_paragraph
    from reportlab.platypus.paragraph import cleanBlockQuotedText
    from reportlab.platypus.paraparser import ParaFrag, sizeDelta, supFraction
finally:
    if _hidden:
        del sys.modules["pyphen"]

from docgen import barcode as code39
from docgen import fonts, qrcode
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
    Span,
    Text,
    block_text,
    column_weights,
    find,
    label,
    plain,
    role_text,
)
from docgen.doctree import Table as TableBlock
from docgen.writers import Options
from docgen.writers.footnotes import FlushNotes, Footnotes, NoteFrame

FONT = "DocSerif"
INDENT, HANG, RIGHT = hs.INDENT, hs.HANG, hs.RIGHT


# --- fonts and text --------------------------------------------------------------------------


class _Font(TTFont):
    """reportlab's TrueType font, which turns each drawn text into its subsets' bytes a
    character at a time in Python: an eighth of the writer's time. The codes a document's first
    subset has assigned are a one-byte encoding; a text whose every character has one is
    encoded with it (codecs' charmap, in C). Any other text (a character seen for the first time,
    one in a later subset or not in the font) is reportlab's own to split, and to assign."""

    def splitString(self, text: str | bytes, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.state.get(doc)
        if state is not None and type(text) is str and _UNSET not in text:
            try:  # reportlab draws a no-break space as a space
                return [(0, _encode(text.replace("\xa0", " "), "strict", _first_subset(state))[0])] if text else []
            except UnicodeEncodeError:
                pass
        return super().splitString(text, doc, encoding)


_encode = codecs.charmap_encode
# A code no character has yet. A text that holds U+FFFE itself is reportlab's to split: a charmap
# that codecs makes a dict (one holding an astral character) would encode it to such a code.
_UNSET = "\ufffe"


class _Codes:
    """The characters of codes 0-255 as a document's font state has assigned them so far."""

    __slots__ = ("chars", "encoding", "seen")

    def __init__(self) -> None:
        self.chars = [_UNSET] * 256
        self.seen = 0
        self.encoding: object = None


def _first_subset(state: TTFont.State) -> object:
    """The state's first subset as a charmap encoding, brought up to date: reportlab only adds
    to its assignments, so those made since the last call are the last in the dict."""
    codes = state.__dict__.get("docgen_codes")
    if codes is None:
        codes = state.docgen_codes = _Codes()
    assignments = state.assignments
    if codes.seen != len(assignments):
        for char, code in islice(assignments.items(), codes.seen, None):
            if code < 256:
                codes.chars[code] = chr(char)
        codes.seen = len(assignments)
        codes.encoding = codecs.charmap_build("".join(codes.chars))
    return codes.encoding


def _register(font: _Font) -> None:
    """reportlab makes a new font name an alias of the font first registered for the same face
    (its PostScript name): in a process that registered Liberation Serif before docgen did (a
    program that uses reportlab too, the benchmark's floor), docgen would draw with that
    program's file and font object. docgen's PDFs are made with its own."""
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(font.fontName) is not font:
        pdfmetrics._fonts[font.fontName] = font  # reportlab's fonts by name: no public way to replace one


@cache
def register_fonts() -> str:
    """The default family of docgen/fonts/fonts.yaml (Liberation Serif 2, the metrics of Times
    New Roman), embedded as subsets by reportlab: the faces docgen.fonts checks texts against."""
    suffixes = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bold-italic": "-BoldItalic"}
    for face, path in fonts.default().faces.items():
        _register(_Font(FONT + suffixes[face], str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )
    return FONT


_NNBSP = "\u202f"
_SPLIT_KEEPING_NNBSP = re.compile(f"[{re.escape(rl_paragraph._wsc.replace(_NNBSP, ''))}]+").split
_rl_split = rl_paragraph.split


def _split(text: str, delim: str | None = None) -> list[str]:
    # reportlab 5.1 breaks lines at U+202F NARROW NO-BREAK SPACE as at a space; French puts it
    # before ; ! ? and the line must not break there. U+00A0 reportlab already keeps.
    if delim is None and _NNBSP in text:
        return _SPLIT_KEEPING_NNBSP(text)
    return _rl_split(text, delim)


rl_paragraph.split = _split
# reportlab hyphenates a word between punctuation it knows: the quotation marks of Russian and
# French too, or «раннего предупреждения» never breaks and its line gapes
rl_paragraph._hy_pfx_pat = re.compile(rl_paragraph._hy_pfx_pat.pattern.replace("]+", "\u00ab\u2039]+"))
rl_paragraph._hy_sfx_pat = re.compile(rl_paragraph._hy_sfx_pat.pattern.replace("]+", "\u00bb\u203a\u201c]+"))


def xml_escape(text: str) -> str:
    """Text for reportlab's XML-like paragraph markup (html.escape: xml.sax costs 30 ms to import)."""
    return _html_escape(text, quote=False)


def quoteattr(value: str) -> str:
    return f'"{_html_escape(value, quote=True)}"'


def rich(inlines: list[Inline]) -> str:
    """Inlines as reportlab paragraph markup, text XML-escaped: what `frags` gives reportlab
    directly (the benchmark's bare-reportlab floor lays out this markup; tests compare the two)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(xml_escape(node.text))
        elif isinstance(node, Break):
            out.append("<br/>")
        elif isinstance(node, NoteRef):  # the anchor tells the frame which note to place
            out.append(f"<super>{xml_escape(node.mark)}</super><a name={quoteattr(node.anchor)}/>")
        elif node.kind == "link" and node.href:
            out.append(f'<a href={quoteattr(node.href)} color="{hs.FURNITURE.link_rgb}">{rich(node.children)}</a>')
        else:
            tag = {"em": "i", "strong": "b", "sup": "super"}.get(node.kind)
            inner = rich(node.children)
            out.append(f"<{tag}>{inner}</{tag}>" if tag else inner)
    return "".join(out)


# --- inlines to reportlab's fragments ---------------------------------------------------------
# A Paragraph is given its fragments (runs of one font, size, rise, colour, link) made straight
# from the doctree, as reportlab's ParaParser would make them of rich()'s markup: no markup is
# written and parsed again (a ninth of the writer's time), and no text is ever read as markup.
# Three of the parser's habits are kept, so that the PDFs stay byte for byte the same: white
# space folded as reportlab's cleanBlockQuotedText folds the markup (never across a tag), a
# fragment of its own for each & < > (the parser's entity references), and a fragment's
# attributes as the parser sets them.

LARGER = "symbol-first"  # the writer's own span: the symbol's first letter, larger
_SPANS = {  # Span kind -> the tag rich() writes, and what it sets
    "strong": ("b", {"bold": 1}),
    "em": ("i", {"italic": 1}),
    LARGER: ("font", {"fontSize": hs.MASTHEAD.symbol_first_size}),
}
_LINK = toColor(hs.FURNITURE.link_rgb)
_ENTITY = re.compile("(&amp;|&lt;|&gt;)")
_UNESCAPE = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_TAG = "<"  # a tag of the markup, where white space is folded: never in escaped text, never white space


def _push(state: ParaFrag, tag: str, **attributes: object) -> ParaFrag:
    frag = ParaFrag(**state.__dict__)
    frag.__dict__.update(attributes, __tag__=tag)
    return frag


def _superscript(state: ParaFrag) -> ParaFrag:
    size = state.fontSize
    return _push(state, "super", rise=state.rise + size * supFraction, fontSize=size - min(sizeDelta, 0.2 * size))


class _Gaps:
    """A paragraph as reportlab's parser sees it: the texts between two tags (gaps), each with
    the state of its text, and in reading order the gaps and the empty fragments of breaks and
    anchors."""

    def __init__(self, para: ParaFrag):
        self.texts = [""]
        self.states = [para]
        self.order: list[int | ParaFrag] = [0]  # a gap's index, or a break's or an anchor's fragment

    def tag(self, frag: ParaFrag | None = None) -> None:
        """A tag ends the gap (after the empty fragment of a break or an anchor)."""
        if frag is not None:
            self.order.append(frag)
        self.order.append(len(self.texts))
        self.texts.append("")
        self.states.append(self.states[0])

    def text(self, text: str, state: ParaFrag) -> None:
        self.texts[-1] += text
        self.states[-1] = state

    def add(self, inlines: list[Inline], state: ParaFrag, links: Iterator[int]) -> None:
        for node in inlines:
            if isinstance(node, Text):
                self.text(node.text, state)
            elif isinstance(node, Break):
                self.tag(_push(state, "br", lineBreak=True, text=""))
            elif isinstance(node, NoteRef):  # the anchor tells the frame which note to place
                self.tag()
                self.text(node.mark, _superscript(state))
                self.tag()
                self.tag(_push(state, "a", cbDefn=ABag(label="anchor", kind="anchor", name=node.anchor), text=""))
            elif (inner := _span(node, state, links)) is None:
                self.add(node.children, state, links)
            else:
                self.tag()
                self.add(node.children, inner, links)
                self.tag()


def _span(span: Span, state: ParaFrag, links: Iterator[int]) -> ParaFrag | None:
    """The state within a span's tag; None for a span rich() writes no tag for (code, a link
    that is not clickable)."""
    if span.kind == "link" and span.href:
        return _push(state, "a", link=[*state.link, (next(links), " ".join(span.href.split()))], textColor=_LINK)
    if span.kind == "sup":
        return _superscript(state)
    if span.kind in _SPANS:
        tag, attributes = _SPANS[span.kind]
        return _push(state, tag, **attributes)
    return None


# reportlab's cleanBlockQuotedText strips each line of a paragraph's markup and joins its words
# with single spaces; it splits at reportlab's white space (Python's too, but for U+00A0, never a
# break) and strips U+202F at a line's ends but never splits there. A text without such white
# space, nor two spaces in a row, nor a space at an end, it leaves as it is: most paragraphs.
_SPLITTING = rl_paragraph._wsc.replace(" ", "").replace(_NNBSP, "")
_FOLDED = re.compile(f"[{re.escape(_SPLITTING)}]").search
_ENDS = (" ", _NNBSP)


def _fold(markup: str) -> str:
    """The markup's white space as reportlab's parser folds it."""
    if "  " in markup or markup.startswith(_ENDS) or markup.endswith(_ENDS) or _FOLDED(markup):
        return cleanBlockQuotedText(markup)
    return markup


def frags(inlines: list[Inline], st: ParagraphStyle) -> list[ParaFrag]:
    """The fragments reportlab's parser makes of `rich(inlines)` in style `st`."""
    family, bold, italic = ps2tt(st.fontName)
    para = ParaFrag(rise=0, greek=0, link=[], fontName=family, bold=bold, italic=italic, fontSize=st.fontSize)
    para.__dict__.update(textColor=st.textColor, us_lines=[], __tag__="para")
    gaps = _Gaps(para)
    gaps.add(inlines, para, count())
    markup = _TAG.join(map(xml_escape, gaps.texts))
    folded = _fold(markup).split(_TAG)
    out: list[ParaFrag] = []
    for item in gaps.order:
        if isinstance(item, ParaFrag):
            out.append(_text(item, ""))
        elif "&" in (text := folded[item]):
            out += [_text(gaps.states[item], _UNESCAPE.get(part, part)) for part in _ENTITY.split(text) if part]
        elif text:
            out.append(_text(gaps.states[item], text))
    return out


def _text(state: ParaFrag, text: str) -> ParaFrag:
    frag = ParaFrag()
    frag.__dict__.update(state.__dict__)
    frag.fontName, frag.text = tt2ps(state.fontName, state.bold, state.italic), text
    return frag


class DocParagraph(Paragraph):
    """A paragraph of doctree inlines, which it keeps to be set again in another style, and
    whose lines it breaks once for a width."""

    inlines: list[Inline]
    _wrapped: tuple[float, tuple[float, float]] | None = None  # width -> size, while the lines stand

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A paragraph kept with the next is wrapped twice at one width: by the group reportlab
        # makes of them (KeepTogether measures it), then by the frame that places it. Its lines
        # depend on the width alone (not on the height); split() drops them when it refuses.
        if self._wrapped and self._wrapped[0] == availWidth and "blPara" in self.__dict__:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = availWidth, size
        return size


def paragraph(inlines: list[Inline], st: ParagraphStyle, bullet: str | None = None) -> DocParagraph:
    p = DocParagraph(None, st, bulletText=bullet, frags=frags(inlines, st))
    p.inlines = inlines
    return p


# --- styles: the house style's measurements, as reportlab paragraph styles ------------------

ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}


def face(bold: bool = False, italic: bool = False) -> str:
    return (
        FONT
        + {(False, False): "", (True, False): "-Bold", (False, True): "-Italic", (True, True): "-BoldItalic"}[
            bold, italic
        ]
    )


def style(name: str, t: hs.Type) -> ParagraphStyle:
    """A role's type as a reportlab style; a hanging number or marker stands `t.hang` before the text."""
    font = face(t.bold, t.italic)
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=t.size,
        leading=t.leading,
        spaceBefore=t.space_before,
        spaceAfter=t.space_after,
        alignment=ALIGN[t.align],
        leftIndent=t.left,
        rightIndent=t.right,
        firstLineIndent=t.first_line,
        keepWithNext=int(t.keep_with_next),
        allowWidows=0,
        allowOrphans=0,
        hyphenationLang="",
        bulletFontName=font,
        bulletFontSize=t.mark_size or t.size,
        bulletIndent=t.left - t.hang,
        bulletOffsetY=t.mark_rise,
    )


def derived(parent: ParagraphStyle, name: str, **kw: object) -> ParagraphStyle:
    """A style that differs from `parent` only in what is given."""
    return ParagraphStyle(name, parent=parent, **kw)  # type: ignore[arg-type]


def kept(st: ParagraphStyle, keep: bool) -> ParagraphStyle:
    """`st`, or `st` kept on the page of the flowable after it."""
    return derived(st, st.name + "-kept", keepWithNext=1) if keep and not st.keepWithNext else st


ROLE_STYLES: dict[str, ParagraphStyle] = {role: style(role, t) for role, t in hs.ROLES.items()}
TEXT = ROLE_STYLES["text"]
NUMBERED = ROLE_STYLES["numbered"]
HEADING = ROLE_STYLES["heading"]
SECTION = ROLE_STYLES["section"]
SUBSECTION = ROLE_STYLES["subsection"]
NOTE = ROLE_STYLES["note"]
CELL = ROLE_STYLES["cell"]
ITEM = ROLE_STYLES["list-item"]
EVENT_TITLE = ROLE_STYLES["event-title"]
GUEST_FUNCTION = ROLE_STYLES["guest-function"]
MARKDOWN_HEADINGS = {level: style(f"h{level}", t) for level, t in hs.MARKDOWN_HEADINGS.items()}
CELL_ALIGN = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}


@cache
def hyphenator(lang: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """A word's breaks, longest head first, as reportlab asks of a callable hyphenationLang:
    pyphen's patterns, loaded once and only for a language that hyphenates. A word in capitals
    (an abbreviation, "ИМООНТ") never breaks; a compound ("Гвинее-Бисау") only at its hyphen."""
    import pyphen

    h = hs.HYPHENATION
    breaks = pyphen.Pyphen(lang=lang, left=h.before, right=h.after).iterate

    def rule(word: str) -> Iterator[tuple[str, str]]:
        if word.isupper():
            return
        if "-" not in word:
            yield from breaks(word)
            return
        for at in reversed([i + 1 for i, c in enumerate(word) if c == "-"]):
            if at - 1 >= h.before and len(word) - at >= h.after:
                yield word[:at], word[at:]

    return rule


def hyphenation(options: Options) -> None:
    """Justified roles break words at line ends where the language hyphenates, others never
    (housestyle.hyphenates); set at every letter, so that no language's setting outlives it."""
    rule = hyphenator(options.lang) if options.hyphenate else ""
    for role, t in hs.ROLES.items():
        if hs.hyphenates(t):
            ROLE_STYLES[role].hyphenationLang = rule
            ROLE_STYLES[role].hyphenationMinWordLength = hs.HYPHENATION.shortest


# --- blocks to flowables ---------------------------------------------------------------------


def flowables(blocks: list[Block], st: ParagraphStyle, indent: float = 0) -> list[Flowable]:
    out: list[Flowable] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(paragraph(b.inlines, kept(_indented(st, indent), b.keep_with_next)))
        elif isinstance(b, Heading):
            out.append(paragraph(b.inlines, MARKDOWN_HEADINGS[min(b.level, 3)]))
        elif isinstance(b, ListBlock):
            out += list_flowables(b, st, indent + HANG)
        elif isinstance(b, Quote):
            out += flowables(b.children, st, indent + INDENT)
        elif isinstance(b, Div):
            out += div_flowables(b, indent)
        elif isinstance(b, TableBlock):
            out += table(b, indent)
    return out


def table(t: TableBlock, indent: float = 0) -> list[Flowable]:
    """A Markdown table: ruled above, under the header and below; columns as wide as their
    longest text asks (within bounds), within the text's width."""
    columns = max(len(row) for row in [t.header, *t.rows])
    rows = [row + [[]] * (columns - len(row)) for row in ([t.header] if t.header else []) + t.rows]
    longest = column_weights(rows)
    widths = [f"{100 * n / sum(longest):.2f}%" for n in longest]
    align = [*t.align, *["left"] * columns][:columns]

    def cell(inlines: Cell, c: int, head: bool) -> Paragraph:
        st = derived(CELL, f"cell-{c}", alignment=CELL_ALIGN[align[c]], fontName=FONT + "-Bold" if head else FONT)
        return paragraph(inlines, st)

    data = [[cell(row[c], c, bool(t.header) and r == 0) for c in range(columns)] for r, row in enumerate(rows)]
    # splitInRow: a row taller than a page (a cell of one long word) continues on the next
    grid = Table(data, colWidths=widths, repeatRows=1 if t.header else 0, hAlign="LEFT", splitInRow=1)
    r = hs.RULES
    rules = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # else the PDF refers to reportlab's Helvetica, not embedded
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), r.table, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), r.table, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), r.table_pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), r.table_pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), r.table_pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), r.table_pad_y),
    ]
    if t.header:
        rules.append(("LINEBELOW", (0, 0), (-1, 0), r.table, colors.black))
    grid.setStyle(TableStyle(rules))
    left = INDENT + indent
    return [Indenter(left, RIGHT), grid, Indenter(-left, -RIGHT), Spacer(0, r.table_after)]


def list_flowables(lst: ListBlock, st: ParagraphStyle, indent: float) -> list[Flowable]:
    out: list[Flowable] = []
    item_style = ITEM
    for marker, item in zip(lst.markers, lst.items, strict=True):
        first, *rest = item or [Para([])]
        if isinstance(first, Para):
            s = _indented(item_style, indent + HANG)
            s.bulletIndent = s.leftIndent - HANG
            out.append(paragraph(first.inlines, s, marker))
        else:
            rest = [first, *rest]
        out += flowables(rest, item_style, indent + HANG)
    return out


def _indented(st: ParagraphStyle, indent: float) -> ParagraphStyle:
    if not indent:
        return st
    return derived(st, st.name + "+", leftIndent=st.leftIndent + indent)


def div_flowables(div: Div, indent: float = 0) -> list[Flowable]:
    builder = BUILDERS.get(div.role)
    if builder:
        return builder(div)
    st = ROLE_STYLES.get(div.role, TEXT)
    return flowables(div.children, st, indent)


def numbered(div: Div) -> list[Flowable]:
    first, *rest = div.children or [Para([])]
    # A paragraph that introduces a list ("... topics:") stays on the page of the list's start,
    # a letter's last on the page of its signature.
    inlines, last = (first.inlines, first.keep_with_next) if isinstance(first, Para) else ([], False)
    st = kept(NUMBERED, last or (bool(rest) and isinstance(rest[0], ListBlock)))
    head = paragraph(inlines, st, label(div))
    return [head, *flowables(rest, NUMBERED)]


def heading(div: Div, st: ParagraphStyle = HEADING) -> list[Flowable]:
    inlines = div.children[0].inlines if div.children and isinstance(div.children[0], Para) else []
    return [paragraph(inlines, st, label(div) or None)]


def section(div: Div) -> list[Flowable]:
    return heading(div, SECTION)


def subsection(div: Div) -> list[Flowable]:
    return heading(div, SUBSECTION)


def markdown(div: Div) -> list[Flowable]:
    """A free Markdown text (markup has numbered its paragraphs, where it is numbered)."""
    return flowables(div.children, TEXT)


def event(div: Div) -> list[Flowable]:
    out = flowables(div.children, ROLE_STYLES["event"])
    if len(out) >= 2:  # the event's own title, in bold, stands out from its kind and place
        out[1] = paragraph(out[1].inlines, EVENT_TITLE)
    return out


def guest(div: Div) -> list[Flowable]:
    name, *what = [b for b in div.children if isinstance(b, Para)]
    parts: list[Flowable] = [paragraph(name.inlines, ROLE_STYLES["guest"])]
    parts += [paragraph(p.inlines, GUEST_FUNCTION) for p in what]
    return [KeepTogether([*parts, Spacer(0, hs.RULES.guest_after)])]


def signature(div: Div) -> list[Flowable]:
    out = [Spacer(0, hs.RULES.signature_before), *flowables(div.children, ROLE_STYLES["signature"])]
    # a chain of keepWithNext rather than a KeepTogether (which reportlab does not chain), so
    # that the paragraph before it, kept with its next, takes the whole signature along
    for f in out[:-1]:
        f.keepWithNext = 1
    return out


def annex(div: Div) -> list[Flowable]:
    return [PageBreak(), *flowables(div.children, TEXT)]


def nothing(div: Div) -> list[Flowable]:
    return []


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


# --- the first page: masthead, sessions and footer ------------------------------------------


def lines(div: Div | None) -> list[list[Inline]]:
    """The paragraphs of a container, one per line."""
    if div is None:
        return []
    return [b.inlines for b in div.children if isinstance(b, Para)]


def joined(div: Div | None) -> list[Inline]:
    """The paragraphs of a container as one, a line each."""
    out: list[Inline] = []
    for i, line in enumerate(lines(div)):
        out += [Break(), *line] if i else line
    return out


def masthead(blocks: list[Block], width: float) -> list[Flowable]:
    m = hs.MASTHEAD
    un, organs, distribution = ROLE_STYLES["un"], ROLE_STYLES["organs"], ROLE_STYLES["distribution"]
    symbol_text = block_text(find(blocks, "symbol").children) if find(blocks, "symbol") else ""
    first, rest = symbol_text[:1], symbol_text[1:]
    symbol = paragraph([Span(LARGER, [Text(first)]), Text(rest)], ROLE_STYLES["symbol"])
    top = Table([[paragraph(joined(find(blocks, "un")), un), symbol]], colWidths=[width * 0.5, width * 0.5])
    top.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), m.top_rule, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), m.top_gap),
            ]
        )
    )
    middle = width - m.emblem_column - m.distribution_column
    band = Table(
        [
            [
                Emblem(),
                paragraph(joined(find(blocks, "organs")), organs),
                paragraph(joined(find(blocks, "distribution")), distribution),
            ]
        ],
        colWidths=[m.emblem_column, middle, m.distribution_column],
    )
    band.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), m.band_rule, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), m.band_pad_top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), m.band_pad_bottom),
            ]
        )
    )
    return [top, band, *sessions(blocks, width)]


ROW_LINES = 200  # some five pages of agenda items beside the other organ's block


def session_lines(organ: Div) -> list[tuple[list[Inline], bool]]:
    """An organ's block, line by line: (inlines, is an agenda item's title)."""
    out: list[tuple[list[Inline], bool]] = []
    for b in organ.children:
        if isinstance(b, Para):
            out.append((b.inlines, False))
        elif isinstance(b, Div) and b.role == "agenda-title":
            out += [([Span("strong", line)], True) for line in lines(b)]  # agenda items' titles are bold
    return out


def _after_titles(lines_: list[tuple[list[Inline], bool]]) -> list[tuple[tuple[list[Inline], bool], bool]]:
    """Each line, and whether it follows an agenda item's title (titles are set apart)."""
    return [(line, i > 0 and lines_[i - 1][1]) for i, line in enumerate(lines_)]


def sessions(blocks: list[Block], width: float) -> list[Flowable]:
    """The organs' blocks side by side in a table's row, which continues on the next page. A
    split row is laid out again for every page it reaches (time quadratic in its length), so
    the row holds at most ROW_LINES lines of a block: the rest of a very long agenda runs on
    below in its half, as paragraphs, in linear time."""
    holder = find(blocks, "sessions")
    organs = [b for b in (holder.children if holder else []) if isinstance(b, Div) and b.role == "organ"]
    if not organs:
        return []
    line, title = ROLE_STYLES["session"], ROLE_STYLES["agenda-title"]
    columns = [
        [
            (inlines, title if is_title and after_title else line)
            for (inlines, is_title), after_title in _after_titles(session_lines(o))
        ]
        for o in organs
    ]
    columns += [[]] * (2 - len(columns))  # one organ: the left half, as when there are two
    beside = min(max(map(len, columns)), ROW_LINES)
    row = [[paragraph(inlines, st) for inlines, st in column[:beside]] for column in columns]
    table = Table([row], colWidths=[width / 2] * 2, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), hs.MASTHEAD.session_pad_top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out: list[Flowable] = [table]
    for side, column in enumerate(columns):
        for inlines, st in column[beside:]:
            half = derived(
                st,
                f"{st.name}-{side}",
                leftIndent=st.leftIndent + side * width / 2,
                rightIndent=st.rightIndent + (1 - side) * width / 2,
            )
            out.append(paragraph(inlines, half))
    return [*out, Spacer(0, hs.MASTHEAD.session_pad_bottom)]


class Emblem(Flowable):
    """A plain globe where issued documents carry the UN emblem (which we may not reproduce)."""

    size = hs.MASTHEAD.emblem_size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        m = hs.MASTHEAD
        c, r = self.canv, self.size * m.emblem_radius
        c.saveState()
        c.setLineWidth(m.emblem_line)
        c.translate(self.size / 2, self.size / 2 - m.emblem_drop)
        c.circle(0, 0, r)
        for k in m.emblem_meridians:
            c.ellipse(-r * k, -r, r * k, r)
        for y in m.emblem_parallels:
            half = r * (1 - y * y) ** 0.5
            c.line(-half, y * r, half, y * r)
        c.restoreState()


@dataclass
class Furniture:
    """What every page shows besides the text flow."""

    symbol: str
    job: list[str]
    barcode: str
    watermark: str = ""  # "Draft" on every page of an unfinished document
    qr: str = ""  # the undocs.org address page 1's QR code encodes
    recycle: str = ""  # "Please recycle", beside the recycling mark

    def mark(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if not self.watermark:
            return
        f, (width, height) = hs.FURNITURE, doc.pagesize
        canvas.saveState()
        red, green, blue, alpha = f.watermark_rgba
        canvas.setFillColor(colors.Color(red, green, blue, alpha=alpha))
        canvas.setFont(FONT + "-Bold", f.watermark_size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(f.watermark_angle)
        canvas.drawCentredString(0, -f.watermark_size / 3, self.watermark)
        canvas.restoreState()

    def first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.mark(canvas, doc)
        f, x = hs.FURNITURE, hs.PAGE.margin_x
        canvas.saveState()
        canvas.setFont(FONT, f.job_size)
        for i, line in enumerate(self.job):
            canvas.drawString(x, f.job_from_bottom - i * f.job_line, line)
        if self.barcode:
            y = f.barcode_from_bottom
            for left, bar in code39.bars(self.barcode, f.barcode_bar, f.barcode_ratio):
                canvas.rect(x + left, y, bar, f.barcode_height, stroke=0, fill=1)
            canvas.drawString(x, y - f.barcode_text_gap, f"*{self.barcode}*")
        right = doc.pagesize[0] - hs.PAGE.margin_x
        if self.qr:
            n, dark = qrcode.modules(self.qr)
            cell, left = f.qr_size / n, right - f.qr_size
            for row, col in dark:  # rows run down from the code's top edge
                canvas.rect(left + col * cell, f.qr_from_bottom + (n - 1 - row) * cell, cell, cell, stroke=0, fill=1)
            right = left - f.recycle_gap
        if self.recycle:
            mark = f.recycle_size * f.recycle_mark
            canvas.setLineWidth(f.recycle_line)
            for (x0, y0), (x1, y1) in hs.recycling_mark(mark):
                canvas.line(right - mark + x0, f.qr_from_bottom + y0, right - mark + x1, f.qr_from_bottom + y1)
            canvas.setFont(FONT + "-Italic", f.recycle_size)
            canvas.drawRightString(right - mark - f.recycle_text_gap, f.qr_from_bottom + mark / 3, self.recycle)
        canvas.restoreState()

    def later_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The symbol over a rule at the top and the page number at the foot, on the outer edge."""
        self.mark(canvas, doc)
        f, margin, (width, height) = hs.FURNITURE, hs.PAGE.margin_x, doc.pagesize
        outer = canvas.drawRightString if doc.page % 2 == 1 else canvas.drawString
        edge = width - margin if doc.page % 2 == 1 else margin
        canvas.saveState()
        canvas.setFont(FONT + "-Bold", f.head_size)
        top = height - f.head_from_top
        outer(edge, top, self.symbol)
        canvas.setLineWidth(f.head_rule)
        canvas.line(margin, top - f.head_rule_gap, width - margin, top - f.head_rule_gap)
        canvas.setFont(FONT + "-Bold", f.number_size)
        outer(edge, f.number_from_bottom, str(doc.page))
        canvas.restoreState()


# --- the document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Metadata:
    """The PDF's document information, from the doctree."""

    title: str
    author: str
    subject: str
    keywords: str
    lang: str


def metadata(blocks: list[Block], lang: str) -> Metadata:
    return Metadata(*(role_text(blocks, r) for r in ("title", "author", "symbol", "keywords")), lang)


def note_flowables(note: Note) -> list[Flowable]:
    """A footnote's text, its mark raised and hanging before the first line."""
    out = flowables(note.children, NOTE)
    if out and isinstance(out[0], DocParagraph):
        out[0] = paragraph(out[0].inlines, NOTE, note.mark)
    return out


def write(blocks: list[Block], options: Options) -> bytes:
    """Lay out a composed letter and return the PDF's bytes (identical for identical input)."""
    register_fonts()
    hyphenation(options)
    page, pagesize = hs.PAGE, hs.PAPERS[options.paper]
    width, height = pagesize
    meta = metadata(blocks, options.lang)
    furniture = Furniture(
        meta.subject,
        [plain(line) for line in lines(find(blocks, "job"))],
        role_text(blocks, "barcode"),
        role_text(blocks, "watermark"),
        role_text(blocks, "qr"),
        role_text(blocks, "recycle"),
    )
    notes = Footnotes({b.key: note_flowables(b) for b in blocks if isinstance(b, Note)}, indent=INDENT)
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        leftMargin=page.margin_x,
        rightMargin=page.margin_x,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        creator="docgen",
        producer="docgen (reportlab)",
        lang=meta.lang,
        invariant=1,
        initialFontName=FONT,
    )
    frame_w = width - 2 * page.margin_x
    first = NoteFrame(
        page.margin_x,
        page.first_bottom,
        frame_w,
        height - page.margin_top - page.first_bottom,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        notes=notes,
    )
    later = NoteFrame(
        page.margin_x,
        page.margin_bottom,
        frame_w,
        height - page.margin_top - page.head_gap - page.margin_bottom,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        notes=notes,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first", [first], onPage=furniture.first_page, onPageEnd=notes.draw, autoNextPageTemplate="later"
            ),
            PageTemplate("later", [later], onPage=furniture.later_page, onPageEnd=notes.draw),
        ]
    )
    story: list[Flowable] = [NextPageTemplate("later"), *masthead(blocks, frame_w)]
    for b in blocks:
        if isinstance(b, Div) and b.role not in ("masthead", "sessions"):
            story += div_flowables(b)
        elif not isinstance(b, Div | Note):
            story += flowables([b], TEXT)
    doc.build([*story, FlushNotes(notes)])
    return buf.getvalue()
