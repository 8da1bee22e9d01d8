"""The document tree between the markup and layout stages (pandoc-like, much smaller).

Blocks carry the *role* the template gave them (a `::: role` container); layout maps roles to
geometry and type. All wording is already final here, in the output language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise


@dataclass
class Text:
    """A run of characters, printed as they are."""

    text: str


@dataclass
class Span:
    """Inlines with one style or role: emphasis, a superscript, code, a link (href)."""

    kind: str  # "em", "strong", "sup", "code", "link"
    children: list[Inline]
    href: str | None = None


@dataclass
class Break:
    """A line break within a paragraph."""


@dataclass
class NoteRef:
    """A footnote reference: layout puts the note at the foot of the page where this lands."""

    key: str  # the note referred to (Note.key)
    mark: str  # as printed: "1", "2", ... numbered through the document, or a symbol: "*"
    anchor: str  # unique to this reference


Inline = Text | Span | Break | NoteRef


@dataclass
class Para:
    """A paragraph of inlines."""

    inlines: list[Inline]
    keep_with_next: bool = False  # on the page of the block after it (a letter's last paragraph, its signature)


@dataclass
class Heading:
    """A Markdown heading of a person's text (the house style's own headings are Divs)."""

    level: int
    inlines: list[Inline]


@dataclass
class ListBlock:
    """A list: each item's blocks and the marker it prints."""

    items: list[list[Block]]
    markers: list[str]  # one per item: "•", "(a)", "a)", ...


@dataclass
class Quote:
    """A block quotation."""

    children: list[Block]


@dataclass(frozen=True)
class Number:
    """A block's number as its language prints it, made once (markup.py) for every writer."""

    value: int  # 6
    label: str  # as printed: "6.", "6 -", "VI.", "أولا -", "六."
    style: str  # the counter, a CSS counter-style name ("decimal", "upper-roman", ...); "" for words
    format: str  # the label around the counter: "{}.", "{} -"


@dataclass
class Div:
    """A block with a role of the house style (masthead, body, signature, annex...): the
    writers lay each role out as housestyle says."""

    role: str
    arg: str = ""
    children: list[Block] = field(default_factory=list)
    number: Number | None = None  # a numbered paragraph's, section's or heading's


Cell = list[Inline]


@dataclass
class Table:
    """A table of inline cells."""

    header: list[Cell]  # empty: no header row
    rows: list[list[Cell]]
    align: list[str]  # per column: "left", "right" or "center"


@dataclass
class Note:
    """A footnote's text; it follows the blocks of the document."""

    key: str
    mark: str
    children: list[Block] = field(default_factory=list)


Block = Para | Heading | ListBlock | Quote | Div | Table | Note


def plain(inlines: list[Inline]) -> str:
    """The text of inlines, without styling (for metadata, barcodes, running heads)."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Span):
            out.append(plain(node.children))
        elif isinstance(node, Break):
            out.append(" ")
    return "".join(out)


def label(div: Div) -> str:
    """A block's number as printed ("6.", "أولا -"), or "" for a block without one."""
    return div.number.label if div.number else ""


def column_weights(rows: list[list[Cell]], least: int = 6, most: int = 60) -> list[int]:
    """How much of a table's width each column asks: the length of its longest text, within
    bounds (in characters), so that a column of numbers stays narrow and a long text wraps."""
    return [max(min(max(len(plain(row[c])), least), most) for row in rows) for c in range(len(rows[0]))]


def block_text(blocks: list[Block]) -> str:
    lines = []
    for b in blocks:
        if isinstance(b, Para | Heading):
            lines.append(plain(b.inlines))
        elif isinstance(b, Div | Quote):
            lines.append(block_text(b.children))
    return "\n".join(lines)


def find(blocks: list[Block], role: str) -> Div | None:
    for b in blocks:
        if isinstance(b, Div):
            if b.role == role:
                return b
            hit = find(b.children, role)
            if hit:
                return hit
    return None


def role_text(blocks: list[Block], role: str) -> str:
    """The plain text of the first container of a role, its white space folded (metadata, furniture)."""
    div = find(blocks, role)
    return " ".join(block_text(div.children).split()) if div else ""


def paragraph_groups(blocks: list[Block]) -> list[list[Block]]:
    """Blocks as paragraph numbering sees them: a paragraph with what follows it (lists, quotes,
    tables) up to the next paragraph or heading; any other block on its own."""
    groups: list[list[Block]] = []
    for b in blocks:
        if groups and isinstance(groups[-1][0], Para) and not isinstance(b, Para | Heading):
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def keep_before(blocks: list[Block], roles: frozenset[str]) -> None:
    """Keep the paragraph just before each block of one of `roles` on that block's page (the
    house style never leaves a signature alone at the top of a page)."""
    for before, block in pairwise(blocks):
        if isinstance(block, Div) and block.role in roles and (last := last_para(before)):
            last.keep_with_next = True
    for block in blocks:
        if isinstance(block, Div | Quote):
            keep_before(block.children, roles)


def last_para(block: Block) -> Para | None:
    """The paragraph a block ends with, if it ends with one."""
    if isinstance(block, Para):
        return block
    if isinstance(block, Div | Quote) and block.children:
        return last_para(block.children[-1])
    if isinstance(block, ListBlock) and block.items and block.items[-1]:
        return last_para(block.items[-1][-1])
    return None
