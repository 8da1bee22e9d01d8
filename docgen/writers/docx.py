"""The Word writer: a doctree as a .docx built the way a Word user edits one (python-docx).

Every `::: role` of the templates becomes a named paragraph style ("docgen Title",
"docgen Body", ...) made from docgen.housestyle, so restyling a style restyles the document;
numbered paragraphs, headings and lists are Word numbering; footnotes are Word footnotes; the
masthead and Markdown tables are Word tables; the first page has its own footer (job number and
Code 39 barcode), later pages running heads that alternate odd and even, and PAGE fields. What
python-docx lacks is in docgen.writers.ooxml. The same doctree and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from dataclasses import dataclass, field

import docx
from docx.blkcntnr import BlockItemContainer
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from docgen import barcode as code39
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
    Number,
    Para,
    Quote,
    Span,
    Text,
    block_text,
    column_weights,
    find,
    plain,
    role_text,
)
from docgen.doctree import Table as TableBlock
from docgen.writers import Options, direction_of, ooxml
from docgen.writers.ooxml import Level, element, put

INDENT, HANG, RIGHT = hs.INDENT, hs.HANG, hs.RIGHT
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,  # the start edge: in a right-to-left paragraph, Word's "left" is the right
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# roles that head a part of the document: an outline level, for Word's navigation pane
OUTLINE = {"title": 0, "annex-heading": 0, "part-title": 1, "section": 1, "subsection": 2, "heading": 2}
BASE = "text"
NOTE_REFERENCE = "docgen Note Reference"
HEAD, PAGE_NUMBER, JOB = "docgen Running Head", "docgen Page Number", "docgen Job Number"


def style_name(role: str) -> str:
    return "docgen " + role.replace("-", " ").title()


def heading_role(level: int) -> str:
    return f"heading-{min(level, 3)}"


TYPES: dict[str, hs.Type] = {
    **hs.ROLES,
    **{heading_role(level): t for level, t in hs.MARKDOWN_HEADINGS.items()},
}


# --- styles ----------------------------------------------------------------------------------


def run_properties(rPr: object, size: float | None, bold: bool | None, italic: bool | None) -> None:
    """Size and face for Latin and complex scripts alike (Word sets Arabic with the *Cs ones)."""
    if size is not None:
        put(rPr, element("w:sz", {"w:val": str(round(size * 2))}))
        put(rPr, element("w:szCs", {"w:val": str(round(size * 2))}))
    for value, tags in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        if value is not None:
            for tag in tags:
                put(rPr, element(tag, None if value else {"w:val": "0"}))


# a Type's lengths and the paragraph format's properties that hold them
LENGTHS = {
    "left": "left_indent",
    "right": "right_indent",
    "first_line": "first_line_indent",
    "space_before": "space_before",
    "space_after": "space_after",
}


def add_style(doc: docx.document.Document, name: str, kind: WD_STYLE_TYPE) -> ParagraphStyle:
    """A new style: python-docx's `styles.add_style` first compares the name with every style
    of its template, which (with `styles[name]`) made the writer slow; our names are new."""
    return StyleFactory(doc.styles.element.add_style_of_type(name, kind, False))  # type: ignore[return-value]


def define(
    doc: docx.document.Document, role: str, t: hs.Type, base: hs.Type | None, based_on: ParagraphStyle | None = None
) -> ParagraphStyle:
    """A role's named style: for every style but the base, only what differs from the base
    (`based_on`, the style of `base`), so that a change to "docgen Text" carries through the document."""
    style = add_style(doc, style_name(role), WD_STYLE_TYPE.PARAGRAPH)
    style.quick_style = True
    if based_on is not None:
        style.base_style = based_on

    def differs(name: str) -> bool:
        return base is None or getattr(t, name) != getattr(base, name)

    rPr = style.element.get_or_add_rPr()
    run_properties(
        rPr,
        t.size if differs("size") else None,
        t.bold if differs("bold") else None,
        t.italic if differs("italic") else None,
    )
    f = style.paragraph_format
    if differs("align"):
        f.alignment = ALIGN[t.align]
    for name, attribute in LENGTHS.items():
        if differs(name):
            setattr(f, attribute, Pt(getattr(t, name)))
    if differs("leading"):
        f.line_spacing = Pt(t.leading)
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if differs("keep_with_next"):
        f.keep_with_next = t.keep_with_next
    if base is None:
        f.widow_control = True
    if role in OUTLINE or role.startswith("heading-"):
        level = OUTLINE[role] if role in OUTLINE else int(role[-1])
        put(style.element.get_or_add_pPr(), element("w:outlineLvl", {"w:val": str(level)}))
    return style


def font_names(options: Options) -> dict[str, str]:
    """The fonts Word sets each script in: Latin in the house font; the language's own script
    (Arabic, Chinese) in the family docgen draws it with (docgen/fonts), named as it names itself."""
    from docgen import fonts

    family = fonts.family(options.font)
    own = hs.FONT if family == fonts.default() else family.title
    return {"w:ascii": hs.FONT, "w:hAnsi": hs.FONT, "w:cs": own, "w:eastAsia": own}


def styles(doc: docx.document.Document, options: Options) -> dict[str, str]:
    """The document's defaults (font, language, direction) and every docgen style; each
    style's id by its name, for the writer to set on paragraphs and runs without a look-up."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = font_names(options)
    put(rPr, element("w:rFonts", fonts))
    # the language of each script: Latin, complex (Arabic) and East Asian runs
    language = {"w:val": options.lang, "w:bidi": options.lang, "w:eastAsia": options.lang}
    put(rPr, element("w:lang", language))
    script = hs.types(options.font)  # Arabic and Chinese in their own, larger sizes
    text = script.roles[BASE]
    base = define(doc, BASE, text, None)
    put(base.element.get_or_add_rPr(), element("w:rFonts", fonts))
    defined = {BASE: base}  # by role
    roles = {**script.roles, **{heading_role(level): t for level, t in script.markdown.items()}}
    for role, t in roles.items():
        if role != BASE:
            defined[role] = define(doc, role, t, text, base)
    f = hs.FURNITURE
    for name, size, bold in ((HEAD, f.head_size, True), (PAGE_NUMBER, f.number_size, True), (JOB, f.job_size, False)):
        role = name.removeprefix("docgen ").lower()
        furniture = define(doc, role, hs.TEXT.but(size=size, bold=bold), text, base)
        defined[role] = furniture
        furniture.paragraph_format.space_after = Pt(0)
        furniture.paragraph_format.left_indent = Pt(0)
        furniture.paragraph_format.right_indent = Pt(0)
    mark = add_style(doc, NOTE_REFERENCE, WD_STYLE_TYPE.CHARACTER)
    defined[NOTE_REFERENCE] = mark
    note = script.roles["note"]
    run_properties(mark.element.get_or_add_rPr(), note.mark_size, None, None)
    put(mark.element.get_or_add_rPr(), element("w:position", {"w:val": str(round(note.mark_rise * 2))}))
    if fonts["w:cs"] != hs.FONT:  # a language with its own faces: no style left to the theme's
        every_style_named(doc, fonts)
    if options.direction == "rtl":
        put(base.element.get_or_add_pPr(), element("w:bidi"))
        put(base.element.get_or_add_rPr(), element("w:rtl"))
    if options.hyphenate:  # the ragged styles (titles, headings, masthead) never hyphenate
        for role, t in TYPES.items():
            if not hs.hyphenates(t):
                ooxml.flag(defined[role].element.get_or_add_pPr(), "w:suppressAutoHyphens")
    return {style.name: style.style_id for style in defined.values()}


def every_style_named(doc: docx.document.Document, fonts: dict[str, str]) -> None:
    """Every style names the faces (python-docx's template heads its headings, titles and
    quotes in the theme's fonts, where LibreOffice sets Arabic in a sans-serif)."""
    for style in doc.styles.element.iter(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            put(style.get_or_add_rPr(), element("w:rFonts", fonts))
    for named in doc.styles.element.iter(qn("w:rFonts")):  # and a table style's first row, ...
        named.attrib.clear()
        for name, value in fonts.items():
            named.set(qn(name), value)


def hyphenation(doc: docx.document.Document) -> None:
    """Word hyphenates justified text as the PDFs do (housestyle.hyphenates), never a word in
    capitals."""
    settings = doc.settings.element
    ooxml.flag(settings, "w:autoHyphenation")
    ooxml.flag(settings, "w:doNotHyphenateCaps")


def new_document(options: Options) -> tuple[docx.document.Document, dict[str, str]]:
    """A new document with the styles of its options, and their ids by name."""
    key = Options(options.lang, direction=options.direction, font=options.font, hyphenate=options.hyphenate)
    package, ids = template(key)
    return docx.Document(io.BytesIO(package)), dict(ids)


@functools.cache
def template(options: Options) -> tuple[bytes, dict[str, str]]:
    """The package a document starts from, for a language, direction, font and hyphenation, and
    its style ids; made once per process. It is python-docx's template with docgen's styles,
    less what a letter never uses: Word's table and list styles (440 kB of the template's 164
    styles, which each document would parse, write and compress again; Word keeps its built-in
    styles latent, and makes one when a user applies it) and their Word 2010 copy."""
    doc = docx.Document()
    ids = styles(doc, options)
    if options.hyphenate:
        hyphenation(doc)
    keep_styles(doc, set(ids.values()) | ooxml.style_references(doc.part.numbering_part.element))
    package_parts(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue(), ids


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def package_parts(doc: docx.document.Document) -> None:
    """What no letter's .docx takes from python-docx's template: its thumbnail, its custom XML,
    its styles' Word 2010 copy, its application properties (docgen's instead), Word's request for
    a thumbnail, the compatibility mode of Word 2010."""
    package = doc.part.package
    ooxml.drop_parts(package, [RELATIONSHIP_TYPE.THUMBNAIL])
    ooxml.drop_parts(doc.part, [RELATIONSHIP_TYPE.CUSTOM_XML, STYLES_WITH_EFFECTS])
    for rel in package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")
    settings = doc.settings.element
    ooxml.flag(settings, "w:savePreviewPicture", False)
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), "15")  # Word 2013 and later: no compatibility mode


def keep_styles(doc: docx.document.Document, used: set[str]) -> None:
    """Remove every style but those used, the defaults, and the styles they are based on,
    linked to or followed by."""
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    todo = list(used) + [i for i, s in by_id.items() if s.get(qn("w:default")) == "1"]
    kept: set[str] = set()
    while todo:
        style_id = todo.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        todo += ooxml.style_references(by_id[style_id])
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)


# --- numbers ---------------------------------------------------------------------------------

COUNTER = re.compile(r"^(?P<before>[^\w]*)(?P<value>\d+|[A-Za-z]+)(?P<after>[^\w]*)$")
ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


@dataclass(frozen=True)
class Counter:
    """A printed number read back: "(b)" is lowerLetter 2 between "(" and ")"."""

    format: str
    value: int
    before: str
    after: str

    def text(self) -> str:  # the numbering level's text: "(%1)"
        return f"{self.before}%1{self.after}"

    def follows(self, other: Counter | None) -> bool:
        return (
            other is not None
            and (self.format, self.before, self.after)
            == (
                other.format,
                other.before,
                other.after,
            )
            and self.value == other.value + 1
        )


def roman_value(s: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    digits = [values[c] for c in s.upper()]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def readings(label: str) -> list[Counter]:
    """Every way a label can be read as a number; none for a bullet or free text."""
    m = COUNTER.match(label)
    if not m:
        return []
    value, before, after = m["value"], m["before"], m["after"]
    if value.isdigit():
        return [Counter("decimal", int(value), before, after)]
    case = "lower" if value.islower() else "upper" if value.isupper() else ""
    out = []
    if case and len(value) == 1:
        out.append(Counter(f"{case}Letter", ord(value.lower()) - 96, before, after))
    if case and ROMAN.match(value.upper()):
        out.append(Counter(f"{case}Roman", roman_value(value), before, after))
    return out


def read(label: str, previous: Counter | None = None) -> Counter | None:
    """A label as a number: the reading that continues `previous`, else one that starts a count
    ("i" is roman), else the first (a letter before a roman numeral)."""
    options = readings(label)
    for wanted in (lambda c: c.follows(previous), lambda c: c.value == 1, lambda c: True):
        for c in options:
            if wanted(c):
                return c
    return None


def sequence(labels: list[str]) -> list[Counter] | None:
    """A list's markers as consecutive numbers of one format, or None."""
    out: list[Counter] = []
    for label in labels:
        c = read(label, out[-1] if out else None)
        if c is None or (out and not c.follows(out[-1])):
            return None
        out.append(c)
    return out


def level_of(markers: list[str], left: float, hang: float) -> tuple[Level, int] | None:
    """The numbering level that prints these markers, and its start; None if Word cannot."""
    if markers and len(set(markers)) == 1 and not any(ch.isalnum() for ch in markers[0]):
        return Level("bullet", markers[0], left, hang), 1
    counters = sequence(markers)
    if not counters:
        return None
    return Level(counters[0].format, counters[0].text(), left, hang), counters[0].value


# --- the writer ------------------------------------------------------------------------------


@dataclass
class Sequence:
    """A run of numbered blocks of one kind: the Word list they share, and the last number."""

    num_id: int
    last: Number


# Word's number formats (ST_NumberFormat) by the CSS counter-style names language.yaml uses
WORD_FORMATS = {
    "decimal": "decimal",
    "upper-roman": "upperRoman",
    "lower-roman": "lowerRoman",
    "upper-latin": "upperLetter",
    "lower-latin": "lowerLetter",
    "simp-chinese-informal": "chineseCounting",
}


def text_run(p: Paragraph, text: str) -> Run:
    """A run of text at the end of a paragraph. python-docx's `add_run(text)` reads the text a
    character at a time, for the tabs and line ends it writes as elements; a text without them
    is one <w:t>, written at once."""
    run = p.add_run()
    if "\t" in text or "\n" in text or "\r" in text:
        run.text = text
    elif text:  # python-docx writes an empty text as an empty run
        run._r.add_t(text)
    return run


def follows(number: Number, last: Number) -> bool:
    return (number.style, number.format) == (last.style, last.format) and number.value == last.value + 1


@dataclass
class Writer:
    doc: docx.document.Document
    options: Options
    notes: dict[str, Note]
    numbering: ooxml.Numbering
    footnotes: ooxml.Footnotes
    style_ids: dict[str, str]  # every docgen style's id by its name (see styles())
    sequences: dict[str, Sequence] = field(default_factory=dict)
    placed: set[str] = field(default_factory=set)
    auto_notes: int = 0

    # --- paragraphs and runs

    def styled(self, p: Paragraph, name: str) -> Paragraph:
        """Give a paragraph a docgen style by its id (python-docx's `p.style = name` searches
        the styles for the name, and the default style, on every call; and its setter of the
        id seeks the place of <w:pStyle> among some thirty kinds of property, which a new
        paragraph has none of)."""
        style_id = self.style_ids[name]
        if p._p.pPr is None:
            p._p.insert(0, element("w:pPr", None, element("w:pStyle", {"w:val": style_id})))
        else:
            p._p.style = style_id
        return p

    def add(self, sink: BlockItemContainer, name: str, text: str = "") -> Paragraph:
        p = self.styled(sink.add_paragraph(), name)
        if text:
            text_run(p, text)
        return p

    def paragraph(self, sink: BlockItemContainer, inlines: list[Inline], role: str, indent: float = 0) -> Paragraph:
        p = self.add(sink, style_name(role if role in TYPES else BASE))
        if indent:
            p.paragraph_format.left_indent = Pt(TYPES.get(role, hs.TEXT).left + indent)
        self.runs(p, inlines)
        return p

    def runs(
        self,
        p: Paragraph,
        inlines: list[Inline],
        bold: bool = False,
        italic: bool = False,
        sup: bool = False,
        link: object | None = None,
    ) -> None:
        for node in inlines:
            if isinstance(node, Text):
                run = text_run(p, node.text)
                if bold:
                    run.bold = True
                if italic:
                    run.italic = True
                if sup:
                    run.font.superscript = True
                if link is not None:
                    run.font.color.rgb = RGBColor.from_string(hs.FURNITURE.link_rgb.lstrip("#"))
                    link.append(run._r)  # type: ignore[attr-defined]
            elif isinstance(node, Break):
                p.add_run().add_break()
            elif isinstance(node, NoteRef):
                self.reference(p, node)
            elif isinstance(node, Span):
                if node.kind == "link" and node.href and link is None:
                    self.runs(p, node.children, bold, italic, sup, ooxml.hyperlink(p, node.href))
                else:
                    self.runs(
                        p,
                        node.children,
                        bold or node.kind == "strong",
                        italic or node.kind == "em",
                        sup or node.kind == "sup",
                        link,
                    )

    def reference(self, p: Paragraph, ref: NoteRef) -> None:
        """A note's first reference makes the Word footnote; a later one repeats its mark."""
        note = self.notes.get(ref.key)
        if note is None or ref.key in self.placed:
            run = p.add_run(ref.mark)
            run._r.style = self.style_ids[NOTE_REFERENCE]
            run.font.superscript = True
            return
        self.placed.add(ref.key)
        auto = ref.mark == str(self.auto_notes + 1)
        self.auto_notes += auto
        note_id, sink = self.footnotes.add()
        ooxml.footnote_reference(p, note_id, self.style_ids[NOTE_REFERENCE], None if auto else ref.mark)
        self.note(sink, note, None if auto else ref.mark)

    def note(self, sink: BlockItemContainer, note: Note, mark: str | None) -> None:
        first, *rest = note.children or [Para([])]
        if isinstance(first, Para):
            p = self.add(sink, style_name("note"))
            t = hs.ROLES["note"]
            p.paragraph_format.first_line_indent = Pt(-t.hang)
            ooxml.footnote_mark(p, self.style_ids[NOTE_REFERENCE], mark)
            self.runs(p, first.inlines)
        else:
            rest = [first, *rest]
        self.blocks(rest, sink, "note")

    # --- blocks

    def blocks(self, blocks: list[Block], sink: BlockItemContainer, role: str = BASE, indent: float = 0) -> None:
        for b in blocks:
            if isinstance(b, Para):
                p = self.paragraph(sink, b.inlines, role, indent)
                if b.keep_with_next:
                    p.paragraph_format.keep_with_next = True
            elif isinstance(b, Heading):
                self.paragraph(sink, b.inlines, heading_role(b.level))
            elif isinstance(b, ListBlock):
                self.list_block(b, sink, indent + HANG)
            elif isinstance(b, Quote):
                self.blocks(b.children, sink, role, indent + INDENT)
            elif isinstance(b, Div):
                self.div(b, sink, indent)
            elif isinstance(b, TableBlock):
                self.table(b, sink, indent)

    def div(self, div: Div, sink: BlockItemContainer, indent: float = 0) -> None:
        builder = BUILDERS.get(div.role)
        if builder:
            builder(self, div, sink)
        else:
            self.blocks(div.children, sink, div.role if div.role in TYPES else BASE, indent)

    def list_block(
        self, lst: ListBlock, sink: BlockItemContainer, indent: float, levels: tuple[Level, ...] = (), num_id: int = 0
    ) -> None:
        """A list as Word numbering: a top-level list starts a count, nested lists are its
        sub-levels ((a), then (i)); markers Word cannot count are printed as they are."""
        depth = len(levels)
        item = hs.ROLES["list-item"]
        left = item.left + indent + HANG
        found = level_of(lst.markers, left, HANG)
        if found:
            level, start = found
            levels = (*levels, level)
            num_id = self.numbering.start("list", levels, (*(1,) * depth, start))
        for marker, blocks in zip(lst.markers, lst.items, strict=True):
            first, *rest = blocks or [Para([])]
            if not isinstance(first, Para):
                rest, first = [first, *rest], Para([])
            p = self.paragraph(sink, [] if found else [Text(marker), Text("\t")], "list-item")
            if found:
                ooxml.number(p, num_id, depth)
            else:
                hanging(p, left, HANG)
            self.runs(p, first.inlines)
            for b in rest:
                if isinstance(b, ListBlock):
                    self.list_block(b, sink, indent + 2 * HANG, levels if found else (), num_id)
                else:
                    self.blocks([b], sink, "list-item", indent + HANG)

    def numbered_paragraph(
        self, sink: BlockItemContainer, kind: str, number: Number | None, inlines: list[Inline], role: str
    ) -> Paragraph:
        """A paragraph or heading numbered by Word: it continues the count of its kind, or starts
        one, in the counter and label markup gave it; a number Word has no counter for (Arabic
        "أولا -") is its label as text, hanging."""
        t = TYPES[role]
        if number is None:
            return self.paragraph(sink, inlines, role)
        fmt = WORD_FORMATS.get(number.style)
        if fmt is None:
            p = self.paragraph(sink, [Text(number.label), Text("\t"), *inlines], role)
            hanging(p, t.left, t.hang)
            return p
        seq = self.sequences.get(kind)
        if seq is None or not follows(number, seq.last):
            level = Level(fmt, number.format.replace("{}", "%1"), t.left, t.hang)
            seq = self.sequences[kind] = Sequence(self.numbering.start(kind, (level,), (number.value,)), number)
        seq.last = number
        p = self.paragraph(sink, inlines, role)
        ooxml.number(p, seq.num_id)
        return p

    def table(self, t: TableBlock, sink: BlockItemContainer, indent: float = 0) -> None:
        """A Markdown table as a Word table: rules above, under the header and below; the header
        row repeats on every page."""
        columns = max(len(row) for row in [t.header, *t.rows])
        rows = [row + [[]] * (columns - len(row)) for row in ([t.header] if t.header else []) + t.rows]
        left = INDENT + indent
        width = self.text_width() - left - RIGHT
        weights = column_weights(rows)
        table = sink.add_table(len(rows), columns, Pt(width))
        r = hs.RULES
        tblPr = table._tbl.tblPr
        put(tblPr, element("w:tblW", {"w:w": ooxml.twips(width), "w:type": "dxa"}))
        put(tblPr, element("w:tblInd", {"w:w": ooxml.twips(left), "w:type": "dxa"}))
        put(tblPr, ooxml.borders("w:tblBorders", top=r.table, bottom=r.table))
        put(
            tblPr,
            ooxml.margins(
                "w:tblCellMar", top=r.table_pad_y, left=r.table_pad_x, bottom=r.table_pad_y, right=r.table_pad_x
            ),
        )
        self.directed(table)
        align = [*t.align, *["left"] * columns][:columns]
        for c, column in enumerate(table.columns):
            column.width = Pt(width * weights[c] / sum(weights))
        for i, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
            head = bool(t.header) and i == 0
            if head:
                ooxml.flag(row._tr.get_or_add_trPr(), "w:tblHeader")
            for c, (cell, inlines) in enumerate(zip(row.cells, cells, strict=True)):
                cell.width = table.columns[c].width
                p = cell.paragraphs[0]
                self.styled(p, style_name("cell"))
                p.alignment = ALIGN[align[c]]
                self.runs(p, inlines, bold=head)
                if head:
                    put(cell._tc.get_or_add_tcPr(), ooxml.borders("w:tcBorders", bottom=r.table))
        after = self.add(sink, style_name(BASE))  # the space under a table
        after.paragraph_format.space_after = Pt(0)
        exact(after, r.table_after)

    def text_width(self) -> float:
        return hs.PAPERS[self.options.paper][0] - 2 * hs.PAGE.margin_x

    def directed(self, table: Table) -> None:
        """A right-to-left table lays its columns out from the right."""
        if self.options.direction == "rtl":
            ooxml.flag(table._tbl.tblPr, "w:bidiVisual")


def hanging(p: Paragraph, left: float, hang: float) -> None:
    p.paragraph_format.left_indent = Pt(left)
    p.paragraph_format.first_line_indent = Pt(-hang)


# --- builders of roles -----------------------------------------------------------------------


def numbered(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    first, *rest = div.children or [Para([])]
    inlines = first.inlines if isinstance(first, Para) else []
    p = w.numbered_paragraph(sink, "numbered", div.number, inlines, "numbered")
    # a paragraph that introduces a list stays with it; a letter's last, with the signature
    if (rest and isinstance(rest[0], ListBlock)) or (isinstance(first, Para) and first.keep_with_next):
        p.paragraph_format.keep_with_next = True
    w.blocks(rest if isinstance(first, Para) else [first, *rest], sink, "numbered")


def heading(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    inlines = div.children[0].inlines if div.children and isinstance(div.children[0], Para) else []
    w.numbered_paragraph(sink, div.role, div.number, inlines, div.role)


def markdown(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    """A free Markdown text (markup has numbered its paragraphs, where it is numbered): a
    numbered one counts its own paragraphs."""
    w.sequences.pop("numbered", None)
    w.blocks(div.children, sink)


def event(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    for i, b in enumerate(div.children):  # the event's own title, in bold, stands out
        w.blocks([b], sink, "event-title" if i == 1 and isinstance(b, Para) else "event")


def kept_together(paragraphs: list[Paragraph]) -> None:
    for p in paragraphs[:-1]:
        p.paragraph_format.keep_with_next = True


def guest(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    name, *what = [b for b in div.children if isinstance(b, Para)]
    lines = [w.paragraph(sink, name.inlines, "guest")]
    lines += [w.paragraph(sink, p.inlines, "guest-function") for p in what]
    kept_together(lines)
    lines[-1].paragraph_format.space_after = Pt(hs.RULES.guest_after)


def signature(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    lines = [w.paragraph(sink, b.inlines, "signature") for b in div.children if isinstance(b, Para)]
    if lines:
        lines[0].paragraph_format.space_before = Pt(hs.RULES.signature_before)
        kept_together(lines)


def annex(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    start = len(sink.paragraphs)
    w.sequences.clear()  # an annex numbers its paragraphs and headings afresh
    w.blocks(div.children, sink)
    if len(sink.paragraphs) > start:
        sink.paragraphs[start].paragraph_format.page_break_before = True


def nothing(w: Writer, div: Div, sink: BlockItemContainer) -> None:
    pass


BUILDERS = {
    "numbered": numbered,
    "heading": heading,
    "section": heading,
    "subsection": heading,
    "markdown": markdown,
    "event": event,
    "guest": guest,
    "signature": signature,
    "annex": annex,
    "metadata": nothing,
    "footer": nothing,
    "masthead": nothing,
    "sessions": nothing,
}


# --- the first page: masthead and sessions ---------------------------------------------------


def clear(cell: _Cell) -> _Cell:
    """An empty cell to write paragraphs into (a new cell holds one empty paragraph)."""
    for p in cell._tc.findall(qn("w:p")):
        cell._tc.remove(p)
    return cell


def close(cell: _Cell) -> None:
    """A cell must end with a paragraph."""
    if cell._tc.find(qn("w:p")) is None:
        cell.add_paragraph()


def masthead(w: Writer, blocks: list[Block], sink: BlockItemContainer) -> None:
    """One table: "United Nations" | the symbol over a thin rule; the emblem | the organs |
    the distribution over a heavy rule; each organ's session block."""
    m, width = hs.MASTHEAD, w.text_width()
    half = width / 2
    columns = [m.emblem_column, half - m.emblem_column, half - m.distribution_column, m.distribution_column]
    table = sink.add_table(3, 4, Pt(width))
    put(table._tbl.tblPr, element("w:tblW", {"w:w": ooxml.twips(width), "w:type": "dxa"}))
    put(table._tbl.tblPr, element("w:tblLayout", {"w:type": "fixed"}))
    put(table._tbl.tblPr, ooxml.margins("w:tblCellMar", left=0, right=0))
    w.directed(table)
    for column, size in zip(table.columns, columns, strict=True):
        column.width = Pt(size)
    top, band, sessions = table.rows
    un, symbol = (clear(top.cells[0].merge(top.cells[1])), clear(top.cells[2].merge(top.cells[3])))
    emblem, organs, distribution = band.cells[0], clear(band.cells[1].merge(band.cells[2])), band.cells[3]
    for cell in (un, symbol):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        tcPr = cell._tc.get_or_add_tcPr()
        put(tcPr, ooxml.borders("w:tcBorders", bottom=m.top_rule))
        put(tcPr, ooxml.margins("w:tcMar", top=0, left=0, bottom=m.top_gap, right=0))
    for cell in band.cells:
        tcPr = cell._tc.get_or_add_tcPr()
        put(tcPr, ooxml.borders("w:tcBorders", bottom=m.band_rule))
        put(tcPr, ooxml.margins("w:tcMar", top=m.band_pad_top, left=0, bottom=m.band_pad_bottom, right=0))
    for role, cell in (("un", un), ("organs", organs), ("distribution", clear(distribution))):
        for line in lines(blocks, role):
            own_direction(w, w.paragraph(cell, line.inlines, role), line.inlines, TYPES[role].align)
    text = block_text(find(blocks, "symbol").children) if find(blocks, "symbol") else ""
    p = w.add(symbol, style_name("symbol"))
    first = p.add_run(text[:1])
    run_properties(first._r.get_or_add_rPr(), m.symbol_first_size, None, None)
    p.add_run(text[1:])
    picture = emblem.paragraphs[0]
    w.styled(picture, style_name("un"))
    picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # as tall as the picture
    picture.add_run().add_picture(io.BytesIO(emblem_png()), width=Pt(m.emblem_size), height=Pt(m.emblem_size))
    session_row(w, blocks, sessions)
    for cell in (un, symbol, organs, distribution):
        close(cell)


def own_direction(w: Writer, p: Paragraph, inlines: list[Inline], align: str) -> None:
    """A masthead or job line in the other direction (an Arabic edition's English date, its job
    number): a paragraph of that direction (w:bidi, and w:rtl off on its runs: both Word and
    LibreOffice order a paragraph by them; LibreOffice reverses a Latin line in an RTL one),
    kept on the edition's start side."""
    own = direction_of(plain(inlines))
    if not own or own == w.options.direction:
        return
    put(p._p.get_or_add_pPr(), element("w:bidi", {"w:val": "1" if own == "rtl" else "0"}))
    for run in p._p.iter(qn("w:r")):
        put(run.get_or_add_rPr(), element("w:rtl", {"w:val": "1" if own == "rtl" else "0"}))
    start, end = (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)[:: 1 if own == "ltr" else -1]
    if align != "center":
        p.alignment = end if align == "right" else start


def lines(blocks: list[Block], role: str) -> list[Para]:
    div = find(blocks, role)
    return [b for b in div.children if isinstance(b, Para)] if div else []


def session_row(w: Writer, blocks: list[Block], row: object) -> None:
    """The organs' blocks side by side: one organ takes the left half, as when there are two."""
    holder = find(blocks, "sessions")
    organs = [b for b in (holder.children if holder else []) if isinstance(b, Div) and b.role == "organ"]
    left = clear(row.cells[0].merge(row.cells[1]))  # type: ignore[attr-defined]
    right = clear(row.cells[2].merge(row.cells[3]))  # type: ignore[attr-defined]
    for cell, organ in zip((left, right), organs, strict=False):
        put(
            cell._tc.get_or_add_tcPr(),
            ooxml.margins("w:tcMar", top=hs.MASTHEAD.session_pad_top, left=0, bottom=0, right=0),
        )
        after_title = False
        for b in organ.children:
            if isinstance(b, Para):
                w.paragraph(cell, b.inlines, "session")
                after_title = False
            elif isinstance(b, Div) and b.role == "agenda-title":
                for line in lines([b], "agenda-title"):  # a title after a title is set apart
                    w.paragraph(cell, line.inlines, "agenda-title" if after_title else "session")
                    after_title = True
    for cell in (left, right):
        close(cell)


# --- page furniture --------------------------------------------------------------------------


def page_setup(w: Writer) -> None:
    """Page size and margins; a first page of its own; odd and even pages' heads and feet."""
    page, f = hs.PAGE, hs.FURNITURE
    width, height = hs.PAPERS[w.options.paper]
    section = w.doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin = section.right_margin = Pt(page.margin_x)
    section.top_margin, section.bottom_margin = Pt(page.margin_top), Pt(page.margin_bottom)
    section.header_distance = Pt(f.head_from_top - f.head_size)
    section.footer_distance = Pt(f.number_from_bottom)
    section.different_first_page_header_footer = True
    w.doc.settings.odd_and_even_pages_header_footer = True
    if w.options.direction == "rtl":
        put(section._sectPr, element("w:bidi"))


def running_heads(w: Writer, symbol: str) -> None:
    """Later pages: the symbol over a rule at the top and the page number at the foot, both on
    the outer edge (the right of odd pages, the left of even ones)."""
    page, f = hs.PAGE, hs.FURNITURE
    section = w.doc.sections[0]
    # the head's rule ends where the text of later pages begins
    head_bottom = f.head_from_top + f.head_rule_gap + f.head_rule
    for header, footer, outer in (
        (section.header, section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_header, section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        head = header.paragraphs[0]
        w.styled(head, HEAD).alignment = outer
        head.add_run(symbol)
        put(head._p.get_or_add_pPr(), ooxml.paragraph_rule("bottom", f.head_rule, f.head_rule_gap))
        head.paragraph_format.space_after = Pt(max(0.0, page.margin_top + page.head_gap - head_bottom))
        foot = footer.paragraphs[0]
        w.styled(foot, PAGE_NUMBER).alignment = outer
        ooxml.field(foot, "PAGE", "2")
    w.styled(section.first_page_header.paragraphs[0], HEAD)


def first_footer(w: Writer, job: list[Para], barcode: str) -> None:
    """The first page's foot: the job number over the Code 39 barcode and its text; from the
    top of the room the first page keeps for it (PAGE.first_bottom)."""
    page, f = hs.PAGE, hs.FURNITURE
    footer = clear_story(w.doc.sections[0].first_page_footer)
    job_top = f.job_from_bottom + f.job_size
    for i, line in enumerate(job):
        p = w.add(footer, JOB)
        w.runs(p, line.inlines)
        own_direction(w, p, line.inlines, hs.TEXT.align)
        exact(p, f.job_line)
        if i == 0:
            p.paragraph_format.space_before = Pt(max(0.0, page.first_bottom - job_top))
    if not barcode:
        return
    bars_top = f.barcode_from_bottom + f.barcode_height
    last_job = f.job_from_bottom - (len(job) - 1) * f.job_line - (f.job_line - f.job_size)
    if job:
        footer.paragraphs[-1].paragraph_format.space_after = Pt(max(0.0, last_job - bars_top))
    png, width = barcode_png(barcode)
    bars = w.add(footer, JOB)
    exact(bars, f.barcode_height)
    bars.paragraph_format.space_after = Pt(max(0.0, f.barcode_from_bottom - f.number_from_bottom - f.job_line))
    bars.add_run().add_picture(io.BytesIO(png), width=Pt(width), height=Pt(f.barcode_height))
    exact(w.add(footer, JOB, f"*{barcode}*"), f.job_line)


def draft_mark(w: Writer, text: str) -> None:
    """A draft's watermark on every page, as Word sets one: a text shape in each header (odd,
    even, first page), centred on the page, turned as in the PDF, translucent, behind the text."""
    if not text:
        return
    f, section = hs.FURNITURE, w.doc.sections[0]
    red, green, blue, alpha = f.watermark_rgba
    font = font_names(w.options)["w:cs"]  # the language's own script's family
    size = f.watermark_size  # the shape's box is the text's, which Word stretches to fill it
    width, height = text_width(w.options, text, "bold", size), font_ascent(w.options, "bold") * size
    mark = ooxml.Watermark(text, font, width, height, f.watermark_angle, rgb_hex(red, green, blue), alpha)
    for n, header in enumerate((section.header, section.even_page_header, section.first_page_header), 1):
        header.paragraphs[0]._p.append(ooxml.watermark(mark, n))


def corner_marks(w: Writer, address: str, recycle: str) -> None:
    """Page 1's far corner, as in the PDF: the QR code of the document's address, and beside it
    the recycling mark and "Please recycle": pictures and a text box the first page's footer
    places on the page. Placed as on a left-to-right page: a right-to-left section mirrors them
    to the left corner, as the PDF has them."""
    f, page = hs.FURNITURE, hs.PAGE
    width, height = hs.PAPERS[w.options.paper]
    footer = w.doc.sections[0].first_page_footer

    def at(inset: float, size: float) -> float:  # the left edge of a thing `inset` from the far margin
        return width - page.margin_x - inset - size

    inset = 0.0
    if address:
        run = footer.paragraphs[0].add_run()
        run.add_picture(io.BytesIO(qr_png(address)), width=Pt(f.qr_size), height=Pt(f.qr_size))
        ooxml.anchored(run._r[-1][-1], at(0, f.qr_size), height - f.qr_from_bottom - f.qr_size)
        inset += f.qr_size + f.recycle_gap
    if not recycle:
        return
    side = f.recycle_size * f.recycle_mark
    run = footer.paragraphs[0].add_run()
    run.add_picture(io.BytesIO(recycling_png(side)), width=Pt(side), height=Pt(side))
    ooxml.anchored(run._r[-1][-1], at(inset, side), height - f.qr_from_bottom - side)
    inset += side + f.recycle_text_gap
    # "Please recycle", its baseline a third of the mark up, its end `inset` from the margin
    size = f.recycle_size
    ascent = font_ascent(w.options, "italic") * size
    room = text_width(w.options, recycle, "italic", size) + size  # some slack: Word's metrics may differ
    p = w.add(footer, JOB)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # towards the mark (mirrored too in right-to-left text)
    exact(p, size)
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    run = p.add_run(recycle)
    run.italic = True
    run_properties(run._r.get_or_add_rPr(), size, None, None)
    top = height - f.qr_from_bottom - side / 3 - ascent
    footer._element.remove(p._p)
    footer.paragraphs[0]._p.append(ooxml.text_box(p._p, at(inset, room), top, room, size))


def rgb_hex(*channels: float) -> str:
    return "".join(f"{round(c * 255):02x}" for c in channels)


@functools.cache
def _face(family: str, face: str):  # type: ignore[no-untyped-def]
    from reportlab.pdfbase.ttfonts import TTFont

    from docgen import fonts

    return TTFont(f"docgen-{family}-{face}", str(fonts.family(family).faces[face]))


def text_width(options: Options, text: str, face: str, size: float) -> float:
    """How wide `text` is set in the language's family (the PDF's fonts, Word's metric twins)."""
    return _face(options.font, face).stringWidth(text, size)


def font_ascent(options: Options, face: str) -> float:
    """The face's ascent, in ems."""
    return _face(options.font, face).face.ascent / 1000


def clear_story(story: object) -> BlockItemContainer:
    element_ = story._element  # type: ignore[attr-defined]
    for p in element_.findall(qn("w:p")):
        element_.remove(p)
    return story  # type: ignore[return-value]


def exact(p: Paragraph, leading: float) -> None:
    p.paragraph_format.line_spacing = Pt(leading)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY


# --- pictures --------------------------------------------------------------------------------

PIXELS_PER_BAR = 5  # a narrow bar; a wide one (2.2 narrow) is 11: every edge falls on a whole pixel


def barcode_png(code: str) -> tuple[bytes, float]:
    """The Code 39 barcode as a 1-bit PNG, and its width in points: the bars of docgen.barcode,
    as in the PDF, drawn by Pillow with every edge on a whole pixel."""
    from PIL import Image

    f = hs.FURNITURE
    bars = [(round(x), round(width)) for x, width in code39.bars(code, PIXELS_PER_BAR)]
    scale = PIXELS_PER_BAR / f.barcode_bar  # pixels per point
    image = Image.new("1", (bars[-1][0] + bars[-1][1], round(f.barcode_height * scale)), 1)
    for x, width in bars:
        image.paste(0, (x, 0, x + width, image.height))
    return png(image, scale), image.width / scale


EMBLEM_PIXELS_PER_POINT = 8  # about 600 dots per inch
SUPERSAMPLE = 4  # drawn this much larger, then scaled down: smooth lines


@functools.cache  # the same picture in every letter
def emblem_png() -> bytes:
    """The plain globe of the masthead (housestyle.MASTHEAD), as a greyscale PNG."""
    from PIL import Image, ImageDraw

    m = hs.MASTHEAD
    k = EMBLEM_PIXELS_PER_POINT * SUPERSAMPLE
    side = round(m.emblem_size * k)
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    r, line = m.emblem_size * m.emblem_radius * k, max(1, round(m.emblem_line * k))
    cx, cy = side / 2, side / 2 + m.emblem_drop * k
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=0, width=line)
    for share in m.emblem_meridians:
        draw.ellipse((cx - r * share, cy - r, cx + r * share, cy + r), outline=0, width=line)
    for y in m.emblem_parallels:
        half = r * (1 - y * y) ** 0.5
        draw.line((cx - half, cy - y * r, cx + half, cy - y * r), fill=0, width=line)
    small = image.resize((side // SUPERSAMPLE, side // SUPERSAMPLE), Image.Resampling.LANCZOS)
    return png(small, EMBLEM_PIXELS_PER_POINT)


QR_PIXELS_PER_MODULE = 8  # every module on whole pixels


def qr_png(address: str) -> bytes:
    """The QR code of the address (docgen.qrcode's modules, the PDF's) as a 1-bit PNG."""
    from PIL import Image

    from docgen import qrcode

    n, dark = qrcode.modules(address)
    k = QR_PIXELS_PER_MODULE
    image = Image.new("1", (n * k, n * k), 1)
    for row, col in dark:
        image.paste(0, (col * k, row * k, col * k + k, row * k + k))
    return png(image, n * k / hs.FURNITURE.qr_size)


def recycling_png(side: float) -> bytes:
    """The recycling mark (housestyle.recycling_mark) as a greyscale PNG `side` points square."""
    from PIL import Image, ImageDraw

    k = EMBLEM_PIXELS_PER_POINT * SUPERSAMPLE
    pixels = round(side * k)
    image = Image.new("L", (pixels, pixels), 255)
    draw = ImageDraw.Draw(image)
    line = max(1, round(hs.FURNITURE.recycle_line * k))
    for (x0, y0), (x1, y1) in hs.recycling_mark(side):  # origin bottom left; the picture's top left
        draw.line((x0 * k, (side - y0) * k, x1 * k, (side - y1) * k), fill=0, width=line)
    small = image.resize((pixels // SUPERSAMPLE, pixels // SUPERSAMPLE), Image.Resampling.LANCZOS)
    return png(small, EMBLEM_PIXELS_PER_POINT)


def png(image: object, pixels_per_point: float) -> bytes:
    buf = io.BytesIO()
    dpi = round(pixels_per_point * 72)
    image.save(buf, format="PNG", dpi=(dpi, dpi), optimize=False)  # type: ignore[attr-defined]
    return buf.getvalue()


# --- the document ----------------------------------------------------------------------------


def timestamp(options: Options) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the letter's date: never the time of the build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(options.date or dt.date(1980, 1, 1), dt.time())


APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)


CORE_TEXT = 255  # characters of a document property: python-docx refuses more (the title of
# a letter from three missions to three addressees is longer)


def core_text(text: str) -> str:
    return text if len(text) <= CORE_TEXT else text[: CORE_TEXT - 1].rstrip() + "…"


def properties(w: Writer, blocks: list[Block], when: dt.datetime) -> None:
    """Title, author (the mission), subject (the symbols), keywords, language, fixed dates."""
    core = w.doc.core_properties
    core.title = core_text(role_text(blocks, "title"))
    core.author = core_text(role_text(blocks, "author"))
    core.subject = core_text(role_text(blocks, "symbol"))
    core.keywords = core_text(role_text(blocks, "keywords"))
    core.language = w.options.lang
    core.comments = ""
    core.last_modified_by = "docgen"
    core.revision = 1
    core.created = core.modified = when


def write(blocks: list[Block], options: Options) -> bytes:
    """A composed letter as the bytes of a .docx (identical for identical input)."""
    doc, style_ids = new_document(options)
    w = Writer(
        doc,
        options,
        {b.key: b for b in blocks if isinstance(b, Note)},
        ooxml.Numbering(doc.part.numbering_part),
        ooxml.Footnotes(doc.part),
        style_ids,
    )
    page_setup(w)
    body = doc._body
    masthead(w, blocks, body)
    for b in blocks:
        if isinstance(b, Div):
            w.div(b, body)
        elif not isinstance(b, Note):
            w.blocks([b], body)
    running_heads(w, role_text(blocks, "symbol"))
    first_footer(w, lines(blocks, "job"), role_text(blocks, "barcode"))  # type: ignore[arg-type]
    corner_marks(w, role_text(blocks, "qr"), role_text(blocks, "recycle"))
    draft_mark(w, role_text(blocks, "watermark"))
    when = timestamp(options)
    properties(w, blocks, when)
    buf = io.BytesIO()
    doc.save(buf)
    return ooxml.reproducible(buf.getvalue(), when)
