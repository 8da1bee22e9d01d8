"""Stage 4: parse the composed Markdown (markdown-it tokens in) into a doctree, applying the
output language's typography to text and its numbering style to sub-paragraph lists."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.superscript import superscript_plugin

from docgen.doctree import Block, Break, Div, Heading, Inline, ListBlock, Para, Quote, Span, Text
from docgen.language import Language

SAFE_SCHEMES = ("http://", "https://", "mailto:")
BULLETS = ("•", "–")


@cache
def parser() -> MarkdownIt:
    # CommonMark without raw HTML: "<font>" in a text stays the text "<font>".
    md = MarkdownIt("commonmark", {"html": False})
    md.use(container_plugin, "div", validate=lambda params, *_: bool(params.strip()))
    md.use(superscript_plugin)
    md.disable("image")  # letters hold no images; "![x](y)" stays literal text
    return md


def parse(source: str, lang: Language) -> list[Block]:
    tokens = parser().parse(source)
    blocks, _ = _Builder(lang).blocks(tokens, 0, None)
    return blocks


class _Builder:
    def __init__(self, lang: Language):
        self.lang = lang
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
                i += 3
            elif t.type == "heading_open":
                out.append(Heading(int(t.tag[1]), self.inlines(tokens[i + 1].children or [])))
                i += 3
            elif t.type == "container_div_open":
                role, _, arg = t.info.strip().partition(" ")
                children, i = self.blocks(tokens, i + 1, "container_div_close")
                out.append(Div(role, arg.strip(), children))
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

    def inlines(self, tokens: list[Token]) -> list[Inline]:
        root: list[Inline] = []
        stack: list[list[Inline]] = [root]
        for t in tokens:
            if t.type == "text" or t.type == "html_inline":
                stack[-1].extend(self.text(t.content))
            elif t.type == "code_inline":
                stack[-1].append(Span("code", [Text(t.content)]))
            elif t.type in ("softbreak",):
                stack[-1].append(Text(" "))
            elif t.type == "hardbreak":
                stack[-1].append(Break())
            elif t.type.endswith("_open"):
                kind = {"em_open": "em", "strong_open": "strong", "sup_open": "sup",
                        "link_open": "link"}.get(t.type, "span")
                href = str(t.attrs.get("href", "")) if kind == "link" else None
                if kind == "link" and not href.startswith(SAFE_SCHEMES):
                    kind, href = "span", None  # only web and mail links are ever clickable
                span = Span(kind, [], href)
                stack[-1].append(span)
                stack.append(span.children)
            elif t.type.endswith("_close"):
                stack.pop()
        return root

    def text(self, text: str) -> list[Inline]:
        return [Span("sup", [Text(run)]) if sup else Text(run) for run, sup in self.lang.typeset(text)]
