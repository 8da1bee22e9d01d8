"""The WordprocessingML that python-docx has no API for: numbering definitions, a footnotes
part, fields, borders and cell margins, right-to-left marks, and a reproducible ZIP.

Each helper builds the schema's elements in the schema's order (ECMA-376 Part 1), so Word,
LibreOffice and python-docx read what we write. Lengths come in points and are converted here:
twentieths of a point (twips) for sizes and spacing, eighths of a point for borders.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, register_element_cls
from docx.oxml.ns import qn
from docx.oxml.section import CT_HdrFtr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.text.paragraph import Paragraph

# a footnote holds paragraphs and tables as a header does: python-docx's header element class
# gives it add_p/add_tbl, so BlockItemContainer writes into it as into any other story
register_element_cls("w:footnote", CT_HdrFtr)


def twips(points: float) -> str:
    return str(round(points * 20))


def element(tag: str, attrs: dict[str, str] | None = None, *children: BaseOxmlElement) -> BaseOxmlElement:
    """`element("w:ind", {"w:left": "720"})`: attribute names are qualified like the tag."""
    e = OxmlElement(tag, {qn(k): v for k, v in (attrs or {}).items()})
    e.extend(children)
    return e


# The order of the children of the elements we add to (the schema's sequences, in part).
ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd"
    " tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi"
    " adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection"
    " textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof"
    " snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText"
    " vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc"
    " tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "w:trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing"
    " jc hidden",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders"
    " lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid"
    " printerSettings",
    "w:settings": "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries"
    " displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData embedTrueTypeFonts"
    " embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges bordersDoNotSurroundHeader"
    " bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState"
    " formsDesign attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge"
    " revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride"
    " styleLockTheme styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone"
    " doNotHyphenateCaps showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders"
    " bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing"
    " drawingGridVerticalSpacing displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery"
    " doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData"
    " noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter"
    " noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent"
    " alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt"
    " showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars"
    " rsids",
}


def put(parent: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    """Set `child` in `parent` at its place in the schema's sequence, replacing one of its kind."""
    order = [f"w:{name}" for name in ORDER[parent.prefix + ":" + parent.tag.split("}")[1]].split()]
    tag = child.prefix + ":" + child.tag.split("}")[1]
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    later = {qn(t) for t in order[order.index(tag) + 1 :]}
    for i, sibling in enumerate(parent):
        if sibling.tag in later:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def flag(parent: BaseOxmlElement, tag: str, on: bool = True) -> None:
    """A toggle property (`w:bidi`, `w:rtl`, `w:tblHeader`, ...), set or cleared."""
    if on:
        put(parent, element(tag))
    else:
        for old in parent.findall(qn(tag)):
            parent.remove(old)


# --- borders and margins ---------------------------------------------------------------------


def border(side: str, width: float | None) -> BaseOxmlElement:
    """One side of a border: a single line `width` points wide, or none."""
    if not width:
        return element(f"w:{side}", {"w:val": "nil"})
    return element(f"w:{side}", {"w:val": "single", "w:sz": str(round(width * 8)), "w:space": "0", "w:color": "000000"})


def borders(tag: str, **sides: float | None) -> BaseOxmlElement:
    """`borders("w:tcBorders", bottom=0.5)`: sides in the schema's order top, start, bottom, end, ..."""
    order = ("top", "start", "left", "bottom", "end", "right", "insideH", "insideV")
    return element(tag, None, *(border(side, sides[side]) for side in order if side in sides))


def margins(tag: str, **sides: float) -> BaseOxmlElement:
    """Cell margins (`w:tcMar`, `w:tblCellMar`) in points: top, left, bottom, right (LibreOffice
    reads no start and end)."""
    order = ("top", "left", "bottom", "right")
    return element(
        tag, None, *(element(f"w:{s}", {"w:w": twips(sides[s]), "w:type": "dxa"}) for s in order if s in sides)
    )


def paragraph_rule(side: str, width: float, gap: float) -> BaseOxmlElement:
    """A rule above or below a paragraph, `gap` points from its text (the running head's)."""
    rule = border(side, width)
    rule.set(qn("w:space"), str(round(gap)))
    return element("w:pBdr", None, rule)


# --- numbering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition: "lowerLetter" and "(%1)" give (a), (b), ..."""

    format: str  # ST_NumberFormat: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
    text: str  # the number's text, "%1" standing for the level's value
    left: float  # the text's indent, in points
    hang: float  # how far the number hangs before it


class Numbering:
    """The numbering part's definitions: one abstract definition per distinct set of levels, and a
    numbering instance per list, which starts its count afresh."""

    def __init__(self, part: object):
        self.root: BaseOxmlElement = part.element  # type: ignore[attr-defined]
        self.abstracts: dict[tuple[str, tuple[Level, ...]], str] = {}
        ids = [int(e.get(qn("w:abstractNumId"))) for e in self.root.findall(qn("w:abstractNum"))]
        self.next_abstract = max(ids, default=-1) + 1
        self.next_num = max((int(e.get(qn("w:numId"))) for e in self.root.findall(qn("w:num"))), default=0) + 1

    def start(self, kind: str, levels: tuple[Level, ...], starts: tuple[int, ...]) -> int:
        """A new list of a kind ("numbered", "heading", "list", ...) with these levels, each
        starting at its `starts` value; its numId. Kinds never share a definition: Word and
        LibreOffice count on through the lists of one definition."""
        abstract = self.abstracts.get((kind, levels)) or self._define(kind, levels)
        num_id = self.next_num
        self.next_num += 1
        overrides = [
            element("w:lvlOverride", {"w:ilvl": str(i)}, element("w:startOverride", {"w:val": str(s)}))
            for i, s in enumerate(starts)
        ]
        self.root.append(
            element("w:num", {"w:numId": str(num_id)}, element("w:abstractNumId", {"w:val": abstract}), *overrides)
        )
        return num_id

    def _define(self, kind: str, levels: tuple[Level, ...]) -> str:
        abstract = str(self.next_abstract)
        self.next_abstract += 1
        kind = "singleLevel" if len(levels) == 1 else "multilevel"
        definition = element(
            "w:abstractNum",
            {"w:abstractNumId": abstract},
            element("w:multiLevelType", {"w:val": kind}),
            *(self._level(i, level) for i, level in enumerate(levels)),
        )
        first_num = self.root.find(qn("w:num"))  # definitions come before every instance
        if first_num is None:
            self.root.append(definition)
        else:
            first_num.addprevious(definition)
        self.abstracts[kind, levels] = abstract
        return abstract

    @staticmethod
    def _level(ilvl: int, level: Level) -> BaseOxmlElement:
        text = level.text.replace("%1", f"%{ilvl + 1}")
        return element(
            "w:lvl",
            {"w:ilvl": str(ilvl)},
            element("w:start", {"w:val": "1"}),
            element("w:numFmt", {"w:val": level.format}),
            element("w:lvlText", {"w:val": text}),
            element("w:lvlJc", {"w:val": "left"}),
            element(
                "w:pPr",
                None,
                element("w:tabs", None, element("w:tab", {"w:val": "num", "w:pos": twips(level.left)})),
                element("w:ind", {"w:left": twips(level.left), "w:hanging": twips(level.hang)}),
            ),
        )


def number(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> None:
    """Number a paragraph with a list's level."""
    pPr = paragraph._p.get_or_add_pPr()
    put(
        pPr,
        element("w:numPr", None, element("w:ilvl", {"w:val": str(ilvl)}), element("w:numId", {"w:val": str(num_id)})),
    )


# --- footnotes -------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


class Footnotes:
    """The document's footnotes part (word/footnotes.xml), made when the first note is added."""

    def __init__(self, document_part: object):
        self.document_part = document_part
        self.part: StoryPart | None = None
        self.count = 0

    def _part(self) -> StoryPart:
        if self.part is None:
            from docx.oxml.parser import parse_xml

            xml = f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">{SEPARATORS}</w:footnotes>'
            package = self.document_part.package  # type: ignore[attr-defined]
            self.part = StoryPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, parse_xml(xml), package)
            self.document_part.relate_to(self.part, RELATIONSHIP_TYPE.FOOTNOTES)  # type: ignore[attr-defined]
            settings = self.document_part.settings.element  # type: ignore[attr-defined]
            put(
                settings,
                element(
                    "w:footnotePr",
                    None,
                    element("w:footnote", {"w:id": "-1"}),
                    element("w:footnote", {"w:id": "0"}),
                ),
            )
        return self.part

    def add(self) -> tuple[int, BlockItemContainer]:
        """A new, empty footnote: its id and a container to write its paragraphs into."""
        part = self._part()
        self.count += 1
        note = element("w:footnote", {"w:id": str(self.count)})
        part.element.append(note)
        return self.count, BlockItemContainer(note, part)  # type: ignore[arg-type]


def footnote_reference(paragraph: Paragraph, note_id: int, style_id: str, mark: str | None = None) -> None:
    """The reference to a footnote in the text: Word numbers it, or prints `mark` (a symbol)."""
    run = paragraph.add_run()
    run._r.style = style_id
    reference = element("w:footnoteReference", {"w:id": str(note_id)})
    if mark is not None:
        reference.set(qn("w:customMarkFollows"), "1")
    run._r.append(reference)
    if mark is not None:
        run._r.append(text(mark))


def footnote_mark(paragraph: Paragraph, style_id: str, mark: str | None = None) -> None:
    """The note's own mark before its text: Word's number, or the symbol."""
    run = paragraph.add_run()
    run._r.style = style_id
    run._r.append(element("w:footnoteRef") if mark is None else text(mark))
    run._r.append(element("w:tab"))


def text(value: str) -> BaseOxmlElement:
    t = element("w:t")
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


# --- fields and links ------------------------------------------------------------------------


def field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field (`PAGE`): Word and LibreOffice compute it; `shown` is the text until they do."""
    for part in ("begin", instruction, "separate", shown, "end"):
        run = paragraph.add_run()
        if part in ("begin", "separate", "end"):
            run._r.append(element("w:fldChar", {"w:fldCharType": part}))
        elif part == instruction:
            code = element("w:instrText")
            code.text = f" {instruction} "
            code.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run._r.append(code)
        else:
            run._r.append(text(shown))


def hyperlink(paragraph: Paragraph, href: str) -> BaseOxmlElement:
    """An external link in a paragraph; the caller appends its runs to the element returned."""
    rid = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = element("w:hyperlink", {"r:id": rid, "w:history": "1"})
    paragraph._p.append(link)
    return link


# --- the package -----------------------------------------------------------------------------


def reproducible(data: bytes, when: dt.datetime) -> bytes:
    """The same ZIP with every entry stamped `when`, in the order written, with fixed attributes:
    python-docx stamps entries with the current time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# The elements that name a style by its id: in text, tables and numbering, and in styles
STYLE_REFERENCES = tuple(
    qn(f"w:{name}") for name in ("pStyle", "rStyle", "tblStyle", "styleLink", "numStyleLink", "basedOn", "next", "link")
)


def style_references(root: BaseOxmlElement) -> set[str]:
    """The ids of the styles an element and what it holds refer to."""
    return {e.get(qn("w:val")) for e in root.iter(*STYLE_REFERENCES)}


def drop_parts(package: object, reltypes: Iterable[str]) -> None:
    """Forget the package's relationships of these types (python-docx's template thumbnail): a
    part nothing refers to is not written."""
    rels = package.rels  # type: ignore[attr-defined]
    for rid, rel in list(rels.items()):
        if rel.reltype in reltypes:
            del rels[rid]


# --- shapes placed on the page ---------------------------------------------------------------

EMU = 12700  # English Metric Units per point (DrawingML)
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def anchored(inline: BaseOxmlElement, x: float, y: float) -> BaseOxmlElement:
    """An inline picture (python-docx's) made a floating one whose top left corner stands `x`,
    `y` points from the page's; in front of the text, which does not flow around it."""
    from docx.oxml.parser import parse_xml

    anchor = parse_xml(
        f'<wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        ' relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x * EMU)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y * EMU)}</wp:posOffset></wp:positionV>'
        "</wp:anchor>"
    )
    wp = f"{{{WP_NS}}}"
    extent, graphic = inline.find(f"{wp}extent"), inline.find(qn("a:graphic"))
    anchor.append(extent)
    anchor.append(parse_xml(f'<wp:effectExtent xmlns:wp="{WP_NS}" l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f'<wp:wrapNone xmlns:wp="{WP_NS}"/>'))
    for tag in ("docPr", "cNvGraphicFramePr"):
        if (child := inline.find(f"{wp}{tag}")) is not None:
            anchor.append(child)
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)
    return anchor


V_NS, O_NS, W10_NS = (
    "urn:schemas-microsoft-com:vml",
    "urn:schemas-microsoft-com:office:office",
    ("urn:schemas-microsoft-com:office:word"),
)
# Word's WordArt text path (shape type 136), as Word writes it for a watermark
TEXT_PATH = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800",
            "prod #0 2 1",
            "sum 21600 0 @1",
            "sum 0 0 @2",
            "sum 21600 0 @3",
            "if @0 @3 0",
            "if @0 21600 @1",
            "if @0 0 @2",
            "if @0 @4 21600",
            "mid @5 @6",
            "mid @8 @5",
            "mid @7 @8",
            "mid @6 @7",
            "sum @6 0 @5",
        )
    )
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)


@dataclass(frozen=True)
class Watermark:
    text: str
    font: str
    width: float  # points: the text's box, centred on the page
    height: float
    angle: float  # degrees, counterclockwise
    rgb: str  # "cc1a1a"
    opacity: float


def watermark(mark: Watermark, number: int) -> BaseOxmlElement:
    """A run holding a watermark as Word makes one (Design > Watermark): a WordArt text path
    in a header, centred on the page, turned, translucent, behind the text."""
    from xml.sax.saxutils import quoteattr

    from docx.oxml.parser import parse_xml

    style = (
        f"position:absolute;margin-left:0;margin-top:0;width:{mark.width:.2f}pt;height:{mark.height:.2f}pt;"
        f"rotation:{round(360 - mark.angle) % 360};z-index:-251655168;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:page;mso-position-vertical:center;mso-position-vertical-relative:page"
    )
    font = f'font-family:"{mark.font}";font-size:1pt;font-weight:bold'
    return parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:w10="{W10_NS}">'
        "<w:rPr><w:noProof/></w:rPr><w:pict>"
        + TEXT_PATH
        + f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}" type="#_x0000_t136"'
        f' style="{style}" o:allowincell="f" fillcolor="#{mark.rgb}" stroked="f">'
        f'<v:fill opacity="{mark.opacity:g}"/>'
        f"<v:textpath style={quoteattr(font)} string={quoteattr(mark.text)}/>"
        '<w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>'
    )


def text_box(paragraph: BaseOxmlElement, x: float, y: float, width: float, height: float) -> BaseOxmlElement:
    """A run holding a text box `width` by `height` points whose top left corner stands `x`,
    `y` points from the page's, with `paragraph` in it, no border, no inset (text placed on
    the page, as in a footer's corner)."""
    from docx.oxml.parser import parse_xml

    style = (
        f"position:absolute;margin-left:{x:.2f}pt;margin-top:{y:.2f}pt;width:{width:.2f}pt;height:{height:.2f}pt;"
        "z-index:251660288;mso-position-horizontal-relative:page;mso-position-vertical-relative:page"
    )
    run = parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}" xmlns:w10="{W10_NS}"><w:pict>'
        f'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="docgenTextBox" o:spid="_x0000_s2060" type="#_x0000_t202" style="{style}" filled="f" stroked="f">'
        '<v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox>'
        '<w10:wrap anchorx="page" anchory="page"/></v:shape></w:pict></w:r>'
    )
    run.find(".//" + qn("w:txbxContent")).append(paragraph)
    return run
