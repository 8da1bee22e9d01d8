"""The document tree between the markup and layout stages (pandoc-like, much smaller).

Blocks carry the *role* the template gave them (a `::: role` container); layout maps roles to
geometry and type. All wording is already final here, in the output language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Text:
    text: str


@dataclass
class Span:
    kind: str  # "em", "strong", "sup", "code", "link"
    children: list[Inline]
    href: str | None = None


@dataclass
class Break:
    pass


Inline = Text | Span | Break


@dataclass
class Para:
    inlines: list[Inline]


@dataclass
class Heading:
    level: int
    inlines: list[Inline]


@dataclass
class ListBlock:
    items: list[list[Block]]
    markers: list[str]  # one per item: "•", "(a)", "a)", ...


@dataclass
class Quote:
    children: list[Block]


@dataclass
class Div:
    role: str
    arg: str = ""
    children: list[Block] = field(default_factory=list)


Block = Para | Heading | ListBlock | Quote | Div


def plain(inlines: list[Inline]) -> str:
    """The text of inlines, without styling (for metadata, barcodes, running heads)."""
    out = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Span):
            out.append(plain(node.children))
        else:
            out.append(" ")
    return "".join(out)


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
