"""Stage 4: parse the composed Markdown (markdown-it tokens in) into a doctree, applying the
output language's typography to text and its numbering style to sub-paragraph lists.

Footnotes are numbered through the document in the order of their first reference; a note
whose label is only asterisks (the template's "*" of a provisional agenda) keeps it as its mark.
The notes follow the document's blocks as `Note`s; layout places each on its reference's page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.superscript import superscript_plugin

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
    Table,
    Text,
    paragraph_groups,
)
from docgen.language import Language

_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a Markdown backslash escape
SAFE_SCHEMES = ("http://", "https://", "mailto:")
BULLETS = ("•", "–")
NUMBERED = "numbered"  # the role of a numbered paragraph, and the argument of a text numbering its own
# Limits on a person's Markdown, checked on load (docs/errors.md names them): deeper quotes
# and lists, or more columns, leave columns too narrow to read on an A4 page.
MAX_DEPTH = 8  # quotes and lists inside one another
MAX_COLUMNS = 12  # columns of a table
_NESTING = {
    "blockquote_open",
    "blockquote_close",
    "bullet_list_open",
    "bullet_list_close",
    "ordered_list_open",
    "ordered_list_close",
}


@cache
def parser(quotes: str | None = None, raw: bool = True) -> MarkdownIt:
    """CommonMark without raw HTML: "<font>" in a text stays the text "<font>". With `quotes`
    (the language's four quotation marks), markdown-it's typographer sets straight quotes and
    apostrophes as the language prints them: "l'Organisation" -> "l’Organisation". Only that
    rule of the typographer: its replacements would turn a sub-paragraph "(c)" into "©".
    markdown-it stops nesting blocks at maxNesting and drops what lies deeper: far above
    MAX_DEPTH (with the template's containers around a text), so that no text is ever lost.
    Not `raw` (see `_raw`): without the rule that normalizes line ends, a copy of the whole
    text that changes nothing in it. The HTML rules, which return at once without "html", are
    not even called."""
    md = MarkdownIt(
        "commonmark", {"html": False, "typographer": bool(quotes), "quotes": quotes or "“”‘’", "maxNesting": 100}
    )
    md.disable(["html_block", "html_inline"])
    if not raw:
        md.disable("normalize")
    if quotes:
        md.enable("smartquotes")
    md.use(container_plugin, "div", validate=lambda params, *_: bool(params.strip()))
    md.use(superscript_plugin)
    md.use(footnote_plugin)
    md.enable("table")
    md.disable("image")  # letters hold no images; "![x](y)" stays literal text
    return md


@dataclass(frozen=True)
class Shape:
    """How a person's Markdown is built, for the limits the loader checks."""

    depth: int  # quotes and lists inside one another
    columns: int  # of its widest table


# What may stand before a line's text and open or continue a quote or a list (white space,
# ">", a bullet or a number before a space, a footnote's label).
_LEAD = re.compile(r"(?:[ \t>]|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$)|\[\^[^\]]*\]:)*")


def may_exceed_limits(source: str) -> bool:
    """Whether a text could nest deeper than MAX_DEPTH or hold more than MAX_COLUMNS columns.
    A row of n cells holds n - 1 "|" at least. A quote or a list is opened by its marker (">",
    "-", "*", "+", "1." or "1)") at the start of a line, after the markers of those it stands
    in; one it stands in from a line above takes a column of the line's start at least (its
    ">", or the indentation of its items). So no line is nested deeper than its start is wide
    (a tab counts as four columns), and the text is parsed only if a line starts wider."""
    if source.count("|") + 1 > MAX_COLUMNS or "\r" in source:  # markdown-it ends a line at "\r" too
        return True
    if "\n" not in source:  # most texts: a paragraph
        return _width(_LEAD.match(source).group()) > MAX_DEPTH
    return any(_width(_LEAD.match(line).group()) > MAX_DEPTH for line in source.split("\n"))


def _width(lead: str) -> int:
    return len(lead) + 3 * lead.count("\t")


def shape(source: str) -> Shape:
    depth = deepest = columns = cells = 0
    # A line end after the last line: mdit-py-plugins' container rule reads past the end of a
    # text whose last line is an empty quote line within a container ("> ::: x" then ">").
    for t in parser(None, _raw(source)).parse(source + "\n"):
        if t.type in _NESTING:
            depth += t.nesting
            deepest = max(deepest, depth)
        elif t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
            columns = max(columns, cells)
    return Shape(deepest, columns)


def parse(source: str, lang: Language, smart_quotes: bool = True) -> list[Block]:
    tokens = parser(lang.quotes if smart_quotes else None, _raw(source)).parse(source)
    blocks, _ = _Builder(lang, note_marks(tokens)).blocks(tokens, 0, None)
    return blocks


def _raw(source: str) -> bool:
    """Whether a text holds what markdown-it's first rule normalizes: a "\\r" line end or a NUL."""
    return "\r" in source or "\0" in source


def note_marks(tokens: list[Token]) -> dict[int, str]:
    """The mark of each footnote (by markdown-it's id, in order of first reference)."""
    marks: dict[int, str] = {}
    for t in tokens:
        if t.type == "footnote_open":
            label = str(t.meta.get("label") or "").split("-")[0]  # an author's "*-body-0-" is "*"
            symbol = bool(label) and set(label) == {"*"}
            marks[t.meta["id"]] = label if symbol else str(1 + sum(not set(m) <= {"*"} for m in marks.values()))
    return marks


ALIGN = {"text-align:right": "right", "text-align:center": "center"}
# Characters printed before a text (the end of the text or code before it in its paragraph,
# not a note mark, not across the start of an author's superscript) that its typography may
# look at: a rule's look-behind reaches a character or two back ("*Conseil* :" takes a no-break
# space after an italic word).
CONTEXT = 8


class _Builder:
    def __init__(self, lang: Language, marks: dict[int, str] | None = None):
        self.lang = lang
        self.marks = marks or {}
        self.ordered_depth = 0
        self.bullet_depth = 0

    def blocks(self, tokens: list[Token], i: int, until: str | None) -> tuple[list[Block], int]:
        out: list[Block] = []
        while i < len(tokens):
            t = tokens[i]
            if t.type == until:
                return out, i + 1
            if t.type == "paragraph_open":
                out.append(Para(self.inlines(tokens[i + 1].children or [])))
                i = _after(tokens, i, "paragraph_close")
            elif t.type == "container_div_open":
                # the template escapes what it puts after a role as Markdown ("secretary\\-general")
                info = t.info.strip()
                role, _, arg = (_UNESCAPE.sub(r"\1", info) if "\\" in info else info).partition(" ")
                children, i = self.blocks(tokens, i + 1, "container_div_close")
                out.append(self.div(role, arg.strip(), children))
            elif t.type == "heading_open":
                out.append(Heading(int(t.tag[1]), self.inlines(tokens[i + 1].children or [])))
                i = _after(tokens, i, "heading_close")
            elif t.type == "table_open":
                table, i = self.table(tokens, i)
                out.append(table)
            elif t.type == "footnote_open":
                key = t.meta["id"]
                children, i = self.blocks(tokens, i + 1, "footnote_close")
                out.append(Note(str(key), self.marks.get(key, "?"), children))
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                block, i = self.list_block(tokens, i)
                out.append(block)
            elif t.type == "blockquote_open":
                children, i = self.blocks(tokens, i + 1, "blockquote_close")
                out.append(Quote(children))
            elif t.type in ("fence", "code_block"):
                out.extend(Para([Text(line)]) for line in t.content.splitlines())
                i += 1
            else:  # hr and anything else: no visible block in a letter
                i += 1
        return out, i

    def div(self, role: str, arg: str, children: list[Block]) -> Div:
        """A template's container. A block of a numbered role carries its count ("::: section 2")
        and gets its number as the language prints it; a "numbered" free text numbers its
        paragraphs (each with what follows it) through the text."""
        if arg.isdigit():
            return Div(role, arg, children, self.lang.number(role, int(arg)))
        if arg == NUMBERED:
            children = self.numbered(children)
        return Div(role, arg, children)

    def numbered(self, blocks: list[Block]) -> list[Block]:
        out: list[Block] = []
        for group in paragraph_groups(blocks):
            if isinstance(group[0], Para):
                n = sum(isinstance(b, Div) and b.role == NUMBERED for b in out) + 1
                out.append(Div(NUMBERED, str(n), group, self.lang.number(NUMBERED, n)))
            else:
                out.extend(group)
        return out

    def list_block(self, tokens: list[Token], i: int) -> tuple[ListBlock, int]:
        ordered = tokens[i].type == "ordered_list_open"
        close = tokens[i].type.replace("_open", "_close")
        start = int(tokens[i].attrs.get("start", 1)) if ordered else 1
        depth = self.ordered_depth if ordered else self.bullet_depth
        if ordered:
            self.ordered_depth += 1
        else:
            self.bullet_depth += 1
        items: list[list[Block]] = []
        i += 1
        while tokens[i].type != close:
            item, i = self.blocks(tokens, i + 1, "list_item_close")
            items.append(item)
        if ordered:
            self.ordered_depth -= 1
            markers = [self.lang.list_marker(depth, start + n) for n in range(len(items))]
        else:
            self.bullet_depth -= 1
            markers = [BULLETS[depth % len(BULLETS)]] * len(items)
        return ListBlock(items, markers), i + 1

    def table(self, tokens: list[Token], i: int) -> tuple[Table, int]:
        header: list[Cell] = []
        rows: list[list[Cell]] = []
        align: list[str] = []
        row: list[Cell] = []
        while tokens[i].type != "table_close":
            t = tokens[i]
            if t.type == "tr_open":
                row = []
            elif t.type in ("th_open", "td_open"):
                row.append(self.inlines(tokens[i + 1].children or []))
                if t.type == "th_open":
                    align.append(ALIGN.get(str(t.attrs.get("style", "")), "left"))
            elif t.type == "tr_close":
                if tokens[i - 1].type == "th_close":
                    header = row
                else:
                    rows.append(row)
            i += 1
        return Table(header if any(header) else [], rows, align), i + 1

    def inlines(self, tokens: list[Token]) -> list[Inline]:
        root: list[Inline] = []
        stack: list[list[Inline]] = [root]
        address = False  # within <https://...>: the text is the address, which typography must not change
        before = ""  # the end of what the paragraph printed last, which typography looks at
        for t in tokens:
            if t.type == "text":
                runs = [(t.content, False)] if address else self.lang.typeset(t.content, before)
                stack[-1].extend([Span("sup", [Text(run)]) if sup else Text(run) for run, sup in runs])
                before = runs[-1][0][-CONTEXT:] if runs else before
            elif t.type == "code_inline":
                stack[-1].append(Span("code", [Text(t.content)]))
                before = t.content[-CONTEXT:]
            elif t.type in ("softbreak",):
                stack[-1].append(Text(" "))
                before = " "
            elif t.type == "hardbreak":
                stack[-1].append(Break())
                before = ""
            elif t.type == "footnote_ref":
                key = t.meta["id"]
                stack[-1].append(NoteRef(str(key), self.marks.get(key, "?"), f"fn{key}-{t.meta.get('subId', 0)}"))
                before = ""  # a mark is a raised number: "voir[^1]re" is no "1re"
            elif t.type.endswith("_open"):
                kind = {"em_open": "em", "strong_open": "strong", "sup_open": "sup", "link_open": "link"}.get(
                    t.type, "span"
                )
                href = str(t.attrs.get("href", "")) if kind == "link" else None
                if kind == "link" and not href.startswith(SAFE_SCHEMES):
                    kind, href = "span", None  # only web and mail links are ever clickable
                span = Span(kind, [], href)
                stack[-1].append(span)
                stack.append(span.children)
                address = t.markup == "autolink"
                if kind == "sup":
                    before = ""  # an author's superscript is raised already: "2^e^" is not raised again
            elif t.type.endswith("_close"):
                stack.pop()
                address = False  # an autolink holds nothing but its text
        return root


def _after(tokens: list[Token], i: int, close: str) -> int:
    """The index after the token that closes the one at i (a footnote's paragraph holds
    footnote_anchor tokens before its close)."""
    while tokens[i].type != close:
        i += 1
    return i + 1
