"""The HTML writer: one self-contained, accessible page per language version of a letter.

The doctree's roles become semantic elements: the masthead a <header>, the title the <h1>,
each annex a <section> under its <h2>, participants lists, tables with header cells, footnotes
links to their notes and back. Every class is a `::: role` of the templates, and the style
sheet, screen and print (A4 or Letter), is generated from docgen.housestyle: no measurement
of its own. Every text is escaped here and nowhere else (`text`, `attr`); nothing from a
letter reaches the page as markup. The same doctree gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from docgen import housestyle as hs
from docgen.doctree import (
    Block,
    Break,
    Div,
    Heading,
    Inline,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Quote,
    Span,
    Table,
    Text,
    find,
    label,
    plain,
    role_text,
)
from docgen.writers import Options, direction_of

FONTS = '"Liberation Serif", "Times New Roman", Times, serif'  # the PDF's face, Times metrics
PEOPLE = ("person", "guest")  # consecutive participants make one list
SKIPPED = ("metadata", "masthead", "sessions", "footer")  # placed by `page`, not in the flow
BULLETS = ("•", "–")  # markup.BULLETS: an unordered list's markers
# Heading levels below the <h1>: an annex's heading, then the roles that head its parts
# and their divisions; a Markdown text's "#" heads like a part.
LEVELS = {
    "annex-heading": 2,
    "part-title": 3,
    "list-title": 3,
    "event-title": 3,
    "section": 3,
    "heading": 4,
    "subsection": 4,
    "group-heading": 4,
}
MARKDOWN_BASE = 2  # "#" -> <h3>


def text(value: str) -> str:
    return escape(value, quote=False)


def attr(value: str) -> str:
    return f'"{escape(value, quote=True)}"'


# --- the style sheet, from docgen.housestyle -------------------------------------------------

START = {"left": "start", "right": "end", "center": "center", "justify": "justify"}


def pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


def declarations(t: hs.Type, hyphenate: bool = False) -> str:
    """A role's type as CSS. Logical properties: a right-to-left page mirrors by itself.
    `hyphenate`: the language breaks words in justified text (the browser's patterns for the page's lang)."""
    parts = [
        f"font-size: {pt(t.size)}",
        f"line-height: {pt(t.leading)}",
        f"font-weight: {'bold' if t.bold else 'normal'}",
        f"font-style: {'italic' if t.italic else 'normal'}",
        f"text-align: {START[t.align]}",
        f"margin-block: {pt(t.space_before)} {pt(t.space_after)}",
        f"margin-inline: {pt(t.left)} {pt(t.right)}",
        f"text-indent: {pt(t.first_line)}",
    ]
    if t.keep_with_next:
        parts.append("break-after: avoid")
    if hyphenate and hs.hyphenates(t):
        parts.append("hyphens: auto")
    return "; ".join(parts)


def font_stack(name: str) -> str:
    """The CSS font list of a language's family (docgen/fonts, as the PDFs draw it): its own
    face first ("Amiri", "Noto Serif CJK SC"), then its Latin family's, then the house faces."""
    from docgen import fonts

    family = fonts.family(name)
    if family == fonts.default():
        return FONTS
    names = [family.title] + ([fonts.family(family.latin).title] if family.latin else [])
    own = "".join(f'"{n}", ' for n in dict.fromkeys(names) if f'"{n}"' not in FONTS)
    return own + FONTS


def stylesheet(paper: str, hyphenate: bool = False, font: str = "serif") -> str:
    width, height = hs.PAPERS[paper]
    script = hs.types(font)  # Arabic and Chinese in their own, larger sizes
    page, m, r, f = hs.PAGE, hs.MASTHEAD, hs.RULES, hs.FURNITURE
    rules = [
        f"@page {{ size: {pt(width)} {pt(height)}; margin: {pt(page.margin_top)} {pt(page.margin_x)} "
        f"{pt(page.margin_bottom)}; }}",
        f"body {{ font-family: {font_stack(font)}; color: #000; background: #fff; margin: 0 auto; "
        f"max-width: {pt(width - 2 * page.margin_x)}; padding: {pt(page.margin_top)} {pt(page.margin_x / 2)}; }}",
        "h1, h2, h3, h4, h5, h6, p, ul, ol, dl, blockquote, table { margin: 0; }",
        f"a {{ color: {f.link_rgb}; }}",
        "a:focus { outline: 2px solid currentColor; outline-offset: 1px; }",
        *(f".{role} {{ {declarations(t, hyphenate)}; }}" for role, t in script.roles.items()),
        *(f"h{level + MARKDOWN_BASE}.md {{ {declarations(t)}; }}" for level, t in script.markdown.items()),
        # the masthead: the top line over a thin rule, the organs over a heavy one
        f".masthead .top {{ display: flex; justify-content: space-between; align-items: flex-end; "
        f"border-bottom: {pt(m.top_rule)} solid #000; padding-bottom: {pt(m.top_gap)}; }}",
        f".symbol .first {{ font-size: {pt(m.symbol_first_size)}; }}",
        f".masthead .band {{ display: flex; gap: {pt(m.emblem_column)}; border-bottom: {pt(m.band_rule)} solid #000; "
        f"padding-block: {pt(m.band_pad_top)} {pt(m.band_pad_bottom)}; }}",
        ".masthead .band .organs { flex: 1; }",
        f".masthead .band .distribution {{ width: {pt(m.distribution_column)}; }}",
        f".sessions {{ display: grid; grid-template-columns: 1fr 1fr; padding-top: {pt(m.session_pad_top)}; }}",
        f".watermark {{ color: rgb({', '.join(str(round(c * 255)) for c in f.watermark_rgba[:3])}); "
        f"font-weight: bold; font-size: {pt(f.watermark_size / 3)}; }}",
        # numbers and markers hang before the text
        f".number, .marker {{ display: inline-block; min-width: {pt(hs.HANG)}; "
        f"margin-inline-start: -{pt(hs.HANG)}; text-indent: 0; }}",
        f".section .number, .subsection .number {{ min-width: {pt(hs.INDENT)}; "
        f"margin-inline-start: -{pt(hs.INDENT)}; }}",
        f".section, .subsection {{ padding-inline-start: {pt(hs.INDENT)}; }}",
        f".list {{ list-style: none; padding: 0; margin-inline-start: {pt(hs.HANG)}; }}",
        f".list > li > .list-item:first-child {{ padding-inline-start: {pt(hs.HANG)}; }}",
        ".participants { list-style: none; padding: 0; }",
        f".signatory {{ margin-top: {pt(r.signature_before)}; }}",
        f".guest {{ margin-bottom: {pt(r.guest_after)}; }}",
        f"blockquote {{ margin-inline-start: {pt(hs.INDENT)}; }}",
        f"table.grid {{ border-collapse: collapse; margin-inline-start: {pt(hs.INDENT)}; "
        f"margin-bottom: {pt(r.table_after)}; border-block: {pt(r.table)} solid #000; }}",
        f"table.grid th, table.grid td {{ padding: {pt(r.table_pad_y)} {pt(r.table_pad_x)}; vertical-align: top; }}",
        f"table.grid thead th {{ border-bottom: {pt(r.table)} solid #000; font-weight: bold; }}",
        ".align-right { text-align: end; } .align-center { text-align: center; } .align-left { text-align: start; }",
        f".notes {{ margin-top: {pt(r.note_rule_space)}; }}",
        f'.notes::before {{ content: ""; display: block; width: {pt(r.note_rule_length)}; '
        f"margin-inline-start: {pt(hs.INDENT)}; margin-bottom: {pt(r.note_rule_space / 2)}; "
        f"border-top: {pt(r.note_rule)} solid #000; }}",
        f".notes .mark {{ font-size: {pt(script.roles['note'].mark_size or script.roles['note'].size)}; "
        "vertical-align: super; }",
        f"footer {{ margin-top: {pt(r.signature_before)}; font-size: {pt(f.job_size)}; }}",
        "@media print { body { max-width: none; padding: 0; } .annex { break-before: page; } a { color: inherit; } }",
    ]
    return "\n".join(rules)


# --- inlines and blocks ----------------------------------------------------------------------


class Page:
    """One letter's page: the renderer keeps the heading level reached and each note's first
    reference (where its back-link goes)."""

    def __init__(self, blocks: list[Block], options: Options):
        self.doc = blocks
        self.options = options
        self.level = 1
        self.first_ref: dict[str, str] = {}

    def inlines(self, inlines: list[Inline]) -> str:
        out = []
        for node in inlines:
            if isinstance(node, Text):
                out.append(text(node.text))
            elif isinstance(node, Break):
                out.append("<br>")
            elif isinstance(node, NoteRef):
                self.first_ref.setdefault(node.key, node.anchor)
                out.append(
                    f'<a class="noteref" id={attr(node.anchor)} href={attr("#note-" + node.key)}>'
                    f"<sup>{text(node.mark)}</sup></a>"
                )
            elif isinstance(node, Span):
                out.append(self.span(node))
        return "".join(out)

    def span(self, node: Span) -> str:
        inner = self.inlines(node.children)
        if node.kind == "link" and node.href:  # markup.py lets only web and mail links through
            return f"<a href={attr(node.href)}>{inner}</a>"
        tag = {"em": "em", "strong": "strong", "sup": "sup", "code": "code"}.get(node.kind)
        return f"<{tag}>{inner}</{tag}>" if tag else inner

    def heading(self, wanted: int, role: str, inlines: list[Inline], number: str = "", ident: str = "") -> str:
        """A heading at the level its role asks for, never more than one below the last one
        (a screen reader's outline has no gaps)."""
        level = max(2, min(wanted, self.level + 1)) if wanted > 1 else 1
        self.level = level
        label = f'<span class="number">{text(number)}</span> ' if number else ""
        id_attr = f" id={attr(ident)}" if ident else ""
        return f"<h{level} class={attr(role)}{id_attr}>{label}{self.inlines(inlines)}</h{level}>"

    def blocks(self, blocks: list[Block], role: str = "text") -> Iterator[str]:
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if isinstance(b, Div) and b.role in PEOPLE:  # a run of participants: one list
                j = i
                while j < len(blocks) and isinstance(blocks[j], Div) and blocks[j].role in PEOPLE:
                    j += 1
                yield self.participants([d for d in blocks[i:j] if isinstance(d, Div)])
                i = j
                continue
            yield from self.block(b, role)
            i += 1

    def block(self, b: Block, role: str) -> Iterator[str]:
        if isinstance(b, Para):
            yield f"<p class={attr(role)}>{self.inlines(b.inlines)}</p>"
        elif isinstance(b, Heading):
            yield self.heading(MARKDOWN_BASE + b.level, "md", b.inlines)
        elif isinstance(b, ListBlock):
            yield self.list_block(b)
        elif isinstance(b, Quote):
            yield f"<blockquote>{''.join(self.blocks(b.children, role))}</blockquote>"
        elif isinstance(b, Table):
            yield self.table(b)
        elif isinstance(b, Div) and b.role not in SKIPPED:
            yield from self.div(b)

    def div(self, d: Div) -> Iterator[str]:
        first = d.children[0] if d.children and isinstance(d.children[0], Para) else Para([])
        if d.role == "annex":
            ident = f"annex-{d.arg}"
            heading = find(d.children, "annex-heading")
            rest = [b for b in d.children if b is not heading]
            head = self.heading(2, "annex-heading", _first_inlines(heading), ident=ident + "-heading")
            body = "".join(self.blocks(rest))
            labelled = attr(ident + "-heading")
            yield f'<section class="annex" id={attr(ident)} aria-labelledby={labelled}>{head}{body}</section>'
        elif d.role in LEVELS:
            yield self.heading(LEVELS[d.role], d.role, first.inlines, label(d))
        elif d.role == "title":
            yield self.heading(1, "title", first.inlines)
        elif d.role == "numbered":
            yield from self.numbered(label(d), d.children)
        elif d.role == "markdown":
            yield from self.markdown(d)
        elif d.role == "event":
            yield from self.event(d)
        elif d.role == "signature":
            yield f'<div class="signatory">{"".join(self.blocks(d.children, "signature"))}</div>'
        else:
            yield from self.blocks(d.children, d.role if d.role in hs.ROLES else "text")

    def numbered(self, number: str, group: list[Block]) -> Iterator[str]:
        first, *rest = group or [Para([])]
        inlines = first.inlines if isinstance(first, Para) else []
        yield f'<p class="numbered"><span class="number">{text(number)}</span> {self.inlines(inlines)}</p>'
        yield from self.blocks(rest if isinstance(first, Para) else group, "numbered")

    def markdown(self, d: Div) -> Iterator[str]:
        """A free text (markup has numbered its paragraphs, where it is numbered)."""
        yield from self.blocks(d.children)

    def event(self, d: Div) -> Iterator[str]:
        """An event's kind, its own title (a heading), then its place and dates."""
        paras = [b for b in d.children if isinstance(b, Para)]
        for n, p in enumerate(paras):
            if n == 1:
                yield self.heading(LEVELS["event-title"], "event-title", p.inlines)
            else:
                yield f'<p class="event">{self.inlines(p.inlines)}</p>'

    def participants(self, people: list[Div]) -> str:
        items = []
        for d in people:
            paras = [b for b in d.children if isinstance(b, Para)]
            if d.role == "guest" and paras:
                name, *what = paras
                lines = "".join(f'<p class="guest-function">{self.inlines(p.inlines)}</p>' for p in what)
                items.append(f'<li class="guest"><p class="guest">{self.inlines(name.inlines)}</p>{lines}</li>')
            else:
                items.append("".join(f'<li class="person">{self.inlines(p.inlines)}</li>' for p in paras))
        return f'<ul class="participants">{"".join(items)}</ul>'

    def list_block(self, lst: ListBlock) -> str:
        tag = "ul" if all(m in BULLETS for m in lst.markers) else "ol"
        items = []
        for marker, item in zip(lst.markers, lst.items, strict=True):
            first, *rest = item or [Para([])]
            mark = f'<span class="marker" aria-hidden="true">{text(marker)}</span> ' if tag == "ul" else ""
            mark = mark or f'<span class="marker">{text(marker)}</span> '
            if isinstance(first, Para):
                head = f'<p class="list-item">{mark}{self.inlines(first.inlines)}</p>'
            else:
                head, rest = f'<p class="list-item">{mark}</p>', [first, *rest]
            items.append(f"<li>{head}{''.join(self.blocks(rest, 'list-item'))}</li>")
        return f'<{tag} class="list">{"".join(items)}</{tag}>'

    def table(self, t: Table) -> str:
        columns = max(len(row) for row in [t.header, *t.rows])
        align = [*t.align, *["left"] * columns][:columns]

        def row(cells: list[list[Inline]], tag: str) -> str:
            cells = cells + [[]] * (columns - len(cells))
            scope = ' scope="col"' if tag == "th" else ""
            return (
                "<tr>"
                + "".join(
                    f'<{tag}{scope} class="cell align-{align[c]}">{self.inlines(cell)}</{tag}>'
                    for c, cell in enumerate(cells)
                )
                + "</tr>"
            )

        head = f"<thead>{row(t.header, 'th')}</thead>" if t.header else ""
        body = "".join(row(r, "td") for r in t.rows)
        return f'<table class="grid">{head}<tbody>{body}</tbody></table>'

    def notes(self) -> str:
        """The footnotes, each headed by its mark: a link back to its first reference."""
        out = []
        for note in (b for b in self.doc if isinstance(b, Note)):
            back = self.first_ref.get(note.key, "")
            mark = f'<a class="mark" href={attr("#" + back)}>{text(note.mark)}</a>' if back else text(note.mark)
            paras = list(self.blocks(note.children, "note"))
            if paras and paras[0].startswith('<p class="note">'):
                paras[0] = f'<p class="note">{mark} ' + paras[0][len('<p class="note">') :]
            else:
                paras.insert(0, f'<p class="note">{mark}</p>')
            out.append(f'<div class="note" id={attr("note-" + note.key)}>{"".join(paras)}</div>')
        return f'<div class="notes">{"".join(out)}</div>' if out else ""

    # --- the page ----------------------------------------------------------------------------

    def lines(self, role: str) -> str:
        div = find(self.doc, role)
        paras = [b for b in div.children if isinstance(b, Para)] if div else []
        return "<br>".join(self.line(p.inlines) for p in paras)

    def line(self, inlines: list[Inline]) -> str:
        """A masthead or job line; one in the other direction (an Arabic edition's English date,
        its job number) isolated in its own, so that the page's order does not reverse it."""
        html = self.inlines(inlines)
        own = direction_of(plain(inlines))
        return f'<span dir="{own}">{html}</span>' if own and own != self.options.direction else html

    def masthead(self) -> str:
        symbol = role_text(self.doc, "symbol")
        symbol_html = f'<span class="first">{text(symbol[:1])}</span>{text(symbol[1:])}' if symbol else ""
        watermark = role_text(self.doc, "watermark")
        parts = [f'<p class="watermark">{text(watermark)}</p>' if watermark else ""]
        parts.append(
            f'<div class="top"><p class="un">{self.lines("un")}</p><p class="symbol">{symbol_html}</p></div>'
            f'<div class="band"><p class="organs">{self.lines("organs")}</p>'
            f'<p class="distribution">{self.lines("distribution")}</p></div>'
        )
        holder = find(self.doc, "sessions")
        organs = [b for b in (holder.children if holder else []) if isinstance(b, Div) and b.role == "organ"]
        if organs:
            cells = []
            for organ in organs:
                inner = []
                for b in organ.children:
                    if isinstance(b, Para):
                        inner.append(f'<p class="session">{self.inlines(b.inlines)}</p>')
                    elif isinstance(b, Div):
                        inner += self.blocks(b.children, b.role)
                cells.append(f'<div class="organ">{"".join(inner)}</div>')
            parts.append(f'<div class="sessions">{"".join(cells)}</div>')
        return f'<header class="masthead">{"".join(parts)}</header>'

    def html(self) -> str:
        o = self.options
        title = role_text(self.doc, "title")
        header = self.masthead()
        body = "".join(s for b in self.doc if not isinstance(b, Note) for s in self.block(b, "text"))
        notes = self.notes()
        job = self.lines("job")
        footer = f'<footer><p class="job">{job}</p></footer>' if job else ""
        direction = ' dir="rtl"' if o.direction == "rtl" else ""
        meta = "".join(
            f"<meta name={attr(name)} content={attr(value)}>\n"
            for name, value in (
                ("author", role_text(self.doc, "author")),
                ("keywords", role_text(self.doc, "keywords")),
            )
            if value
        )
        return (
            "<!DOCTYPE html>\n"
            f'<html lang={attr(o.lang)}{direction}>\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{text(title)}</title>\n{meta}"
            '<meta name="generator" content="docgen">\n'
            f"<style>\n{stylesheet(o.paper, o.hyphenate, o.font)}\n</style>\n</head>\n<body>\n"
            f"{header}\n<main>\n{_lines(body)}\n{notes}\n</main>\n{footer}\n</body>\n</html>\n"
        )


def _first_inlines(div: Div | None) -> list[Inline]:
    if div and div.children and isinstance(div.children[0], Para):
        return div.children[0].inlines
    return []


def _lines(html: str) -> str:
    """A new line after each top-level block: a page a person can read in a text editor."""
    return html.replace("</p><", "</p>\n<").replace("</section><", "</section>\n<")


def write(blocks: list[Block], options: Options) -> bytes:
    """The page of a composed letter, as UTF-8 (identical bytes for identical input)."""
    return Page(blocks, options).html().encode("utf-8")
