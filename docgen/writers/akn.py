"""The Akoma Ntoso writer: a letter as an AKN 3.0 `doc name="letter"`, for machines.

FRBR identification after the AKN Naming Convention as AKN4UN applies it to UN documents
(docs/formats.md): the work `/akn/un/doc/letter/{organs}/{date}/{symbol}`, one expression per
language (`.../eng@`), the manifestation `.../eng@/!main.xml`; each annex an attachment with
its own component names (`!annex_1`). The preface holds the masthead (authority, symbols,
status, date), the title, the author and the addressees; the body its paragraphs, numbered
where the letter numbers them; footnotes are authorial notes where they are referred to;
senders and participants are TLCPersons with their TLCRoles and TLCLocations (countries).

Everything comes from the doctree: the wording from its blocks, the facts (ISO dates, codes,
roles) from the JSON the template writes in its `facts` container. Text is escaped by
ElementTree's serializer; the same doctree gives the same bytes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import quote

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
    block_text,
    find,
    label,
    plain,
    role_text,
)
from docgen.writers import Options

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
ACTORS = {"general-assembly": "unga", "security-council": "unsc"}  # AKN4UN: the organ in the actor slot
INLINE = {"em": "i", "strong": "b", "sup": "sup", "code": "span"}
# How deep a heading role nests the text after it (part > section > heading).
RANKS = {"part-title": 1, "list-title": 1, "section": 2, "group-heading": 2, "heading": 3, "subsection": 3}
PEOPLE = ("person", "guest")
PREFACE_ROLES = ("annex-heading", "annex-original")
MIXED = ("p", "heading", "num")  # elements of text: what they hold is never re-spaced


def el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """An element in AKN's namespace (attributes in the order given: the same bytes each time)."""
    node = (
        ET.Element(tag, {k.rstrip("_"): v for k, v in attrs.items()})
        if parent is None
        else ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    )
    node.text = text
    return node


def append_text(parent: ET.Element, value: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + value
    else:
        parent.text = (parent.text or "") + value


def slug(value: str) -> str:
    return re.sub(r"[^\w]+", "-", value.lower(), flags=re.UNICODE).strip("-") or "x"


class Letter:
    """One letter's AKN document: its facts, the notes placed so far, its references."""

    def __init__(self, blocks: list[Block], options: Options):
        self.blocks = blocks
        self.options = options
        facts = find(blocks, "facts")
        self.facts: dict[str, Any] = json.loads(block_text(facts.children)) if facts else {}
        self.notes = {b.key: b for b in blocks if isinstance(b, Note)}
        self.placed: set[str] = set()
        self.people = iter(self.facts.get("people", []))
        self.roles: dict[str, str] = {}  # eId -> showAs
        self.locations: dict[str, str] = {}

    # --- FRBR --------------------------------------------------------------------------------

    def work(self) -> str:
        f = self.facts
        actor = "-".join(ACTORS[o] for o in f["organs"]) or "un"
        number = f["symbols"][0].replace("/", "-") if f["symbols"] else quote(slug(f["name"]))
        return f"/akn/un/doc/letter/{actor}/{f['date']}/{number}"

    def identification(self, meta: ET.Element, component: str) -> None:
        f, work = self.facts, self.work()
        expression = f"{work}/{f['alpha3']}@"
        issued = f["issued"] or f["date"]
        ident = el(meta, "identification", source="#docgen")
        w = el(ident, "FRBRWork")
        el(w, "FRBRthis", value=f"{work}/!{component}")
        el(w, "FRBRuri", value=work)
        for symbol in f["symbols"]:
            el(w, "FRBRalias", value=symbol, name="symbol")
        el(w, "FRBRdate", date=f["date"], name="dated")
        el(w, "FRBRauthor", href="#author")
        el(w, "FRBRcountry", value="un")
        el(w, "FRBRsubtype", value="letter")
        for symbol in f["symbols"]:
            el(w, "FRBRnumber", value=symbol)
        el(w, "FRBRname", value="letter")
        e = el(ident, "FRBRExpression")
        el(e, "FRBRthis", value=f"{expression}/!{component}")
        el(e, "FRBRuri", value=expression)
        el(e, "FRBRdate", date=issued, name="draft" if f["draft"] else "issued")
        el(e, "FRBRauthor", href="#author" if f["language"] == f["original"] else "#un")
        el(e, "FRBRlanguage", language=f["alpha3"])
        if f["language"] != f["original"]:
            source = f"{work}/{f['original_alpha3']}@"
            el(e, "FRBRtranslation", href=source, fromLanguage=f["original_alpha3"], by="#un")
        m = el(ident, "FRBRManifestation")
        el(m, "FRBRthis", value=f"{expression}/!{component}.xml")
        el(m, "FRBRuri", value=f"{expression}.akn")
        el(m, "FRBRdate", date=issued, name="generation")
        el(m, "FRBRauthor", href="#docgen")
        el(m, "FRBRformat", value="application/akn+xml")

    def references(self, meta: ET.Element) -> None:
        refs = el(meta, "references", source="#docgen")
        el(refs, "TLCOrganization", eId="docgen", href="/akn/ontology/organization/docgen", showAs="docgen")
        un = role_text(self.blocks, "un")
        el(refs, "TLCOrganization", eId="un", href="/akn/ontology/organization/un", showAs=un)
        mission = role_text(self.blocks, "author")
        missions = "-".join(s["country"].lower() for s in self.facts["senders"])
        href = f"/akn/ontology/organization/un/permanent-mission-{missions}"
        el(refs, "TLCOrganization", eId="author", href=href, showAs=mission)
        for n, s in enumerate(self.facts["senders"], 1):
            self.person(refs, f"sender-{n}", s)
        for n, p in enumerate(self.facts["people"], 1):
            self.person(refs, f"person-{n}", p)
        for eid, show in sorted(self.roles.items()):
            el(refs, "TLCRole", eId=eid, href=f"/akn/ontology/role/un/{eid.removeprefix('role-')}", showAs=show)
        for eid, show in sorted(self.locations.items()):
            code = eid.removeprefix("country-")
            el(refs, "TLCLocation", eId=eid, href=f"/akn/ontology/location/{code}", showAs=show)

    def person(self, refs: ET.Element, eid: str, p: dict[str, Any]) -> None:
        home = p["country"].lower() or "un"
        el(refs, "TLCPerson", eId=eid, href=f"/akn/ontology/person/{home}/{slug(p['name'])}", showAs=p["name"])
        if p["role"]:
            self.roles.setdefault(f"role-{p['role']}", self.role_name(p["role"]))
        if p["country"]:
            self.locations[f"country-{home}"] = p["country_name"]

    def role_name(self, role: str) -> str:
        """A role as the letter's language names it (the template's `role-name` containers)."""
        named = [d for d in _all(self.blocks, "role-name") if d.arg == role]
        return plain(_first_of(named[0])) if named else role

    # --- text --------------------------------------------------------------------------------

    def inlines(self, parent: ET.Element, inlines: list[Inline]) -> ET.Element:
        for node in inlines:
            if isinstance(node, Text):
                append_text(parent, node.text)
            elif isinstance(node, Break):
                el(parent, "eol")
            elif isinstance(node, NoteRef):
                self.note_ref(parent, node)
            elif isinstance(node, Span) and node.kind == "link" and node.href:
                self.inlines(el(parent, "a", href=node.href), node.children)
            elif isinstance(node, Span) and node.kind in INLINE:
                self.inlines(el(parent, INLINE[node.kind]), node.children)
            elif isinstance(node, Span):
                self.inlines(parent, node.children)
        return parent

    def note_ref(self, parent: ET.Element, ref: NoteRef) -> None:
        """The note itself where it is first referred to (an authorial note), a noteRef after."""
        note = self.notes.get(ref.key)
        if note is None or ref.key in self.placed:
            el(parent, "noteRef", href=f"#note_{ref.key}", marker=ref.mark)
            return
        self.placed.add(ref.key)
        holder = el(parent, "authorialNote", marker=ref.mark, placement="bottom", eId=f"note_{ref.key}")
        self.block_list(holder, note.children)

    def block_list(self, parent: ET.Element, blocks: list[Block]) -> None:
        for b in blocks:
            self.block(parent, b)
        if not len(parent):
            el(parent, "p")

    def block(self, parent: ET.Element, b: Block) -> None:
        if isinstance(b, Para):
            self.inlines(el(parent, "p"), b.inlines)
        elif isinstance(b, Heading):
            self.inlines(el(el(parent, "p"), "b"), b.inlines)
        elif isinstance(b, ListBlock):
            lst = el(parent, "blockList")
            for marker, item in zip(b.markers, b.items, strict=True):
                entry = el(lst, "item")
                el(entry, "num", marker)
                self.block_list(entry, item)
        elif isinstance(b, Quote):
            self.block_list(el(parent, "blockContainer", class_="quote"), b.children)
        elif isinstance(b, Table):
            self.table(parent, b)
        elif isinstance(b, Div):
            self.block_list(parent, b.children)

    def table(self, parent: ET.Element, t: Table) -> None:
        table = el(parent, "table")
        for cells, tag in ([(t.header, "th")] if t.header else []) + [(r, "td") for r in t.rows]:
            row = el(table, "tr")
            for cell in cells or [[]]:
                self.inlines(el(el(row, tag), "p"), cell)

    # --- structure ---------------------------------------------------------------------------

    def items(self, blocks: list[Block]) -> list[tuple[str, Any]]:
        """A part's blocks as a stream: ("heading", (rank, role, number, inlines)) and
        ("leaf", (number, render)) items, in reading order."""
        out: list[tuple[str, Any]] = []
        for b in blocks:
            if isinstance(b, Div) and b.role in RANKS:
                first = b.children[0].inlines if b.children and isinstance(b.children[0], Para) else []
                out.append(("heading", (RANKS[b.role], b.role, label(b), first)))
            elif isinstance(b, Div) and b.role == "numbered":
                out.append(("leaf", (label(b), b.children)))
            elif isinstance(b, Div) and b.role == "markdown":
                out += self.items(b.children)
            elif isinstance(b, Div) and b.role in PEOPLE:
                out.append(("person", b))
            elif isinstance(b, Div) and b.role in PREFACE_ROLES:
                continue
            elif isinstance(b, Heading):
                out.append(("heading", (b.level, "heading", "", b.inlines)))
            else:
                out.append(("leaf", ("", [b])))
        return out

    def hierarchy(self, parent: ET.Element, blocks: list[Block]) -> None:
        """Headings nest what follows them (an hcontainer per heading), each text a paragraph."""
        stack: list[tuple[int, ET.Element]] = []
        for kind, item in self.items(blocks):
            if kind == "heading":
                rank, role, number, inlines = item
                while stack and stack[-1][0] >= rank:
                    self.close(stack.pop()[1])
                container = el(stack[-1][1] if stack else parent, "hcontainer", name=role)
                if number:
                    el(container, "num", number)
                self.inlines(el(container, "heading"), inlines)
                stack.append((rank, container))
                continue
            paragraph = el(stack[-1][1] if stack else parent, "paragraph")
            if kind == "person":
                self.participant(el(paragraph, "content"), item)
                continue
            number, group = item
            if number:
                el(paragraph, "num", number)
            self.block_list(el(paragraph, "content"), group)
        while stack:
            self.close(stack.pop()[1])

    @staticmethod
    def close(container: ET.Element) -> None:
        if not any(child.tag in ("hcontainer", "paragraph") for child in container):
            el(el(container, "content"), "p")  # a heading with nothing under it

    def participant(self, content: ET.Element, d: Div) -> None:
        """A person's line with the name and the country marked as the person and location."""
        facts = next(self.people, None)
        paras = [b for b in d.children if isinstance(b, Para)]
        for n, para in enumerate(paras):
            p = el(content, "p")
            line = plain(para.inlines)
            if n or facts is None:
                append_text(p, line)
                continue
            index = list(self.facts["people"]).index(facts) + 1
            self.mark(p, line, facts, f"#person-{index}")

    def mark(self, p: ET.Element, line: str, who: dict[str, Any], ref: str) -> None:
        name, country = who["name"], who["country_name"]
        start = line.find(name)
        if start < 0:
            append_text(p, line)
            return
        append_text(p, line[:start])
        attrs = {"refersTo": ref} | ({"as_": f"#role-{who['role']}"} if who["role"] else {})
        el(p, "person", name, **attrs)
        rest = line[start + len(name) :]
        at = rest.rfind(country) if country else -1
        if at < 0:
            append_text(p, rest)
            return
        append_text(p, rest[:at])
        el(p, "location", country, refersTo=f"#country-{who['country'].lower()}")
        append_text(p, rest[at + len(country) :])

    # --- the document ------------------------------------------------------------------------

    def preface(self, doc: ET.Element) -> None:
        f = self.facts
        preface = el(doc, "preface")
        masthead = el(preface, "container", name="masthead")
        self.inlines(el(el(masthead, "p"), "docAuthority"), _first(self.blocks, "un"))
        for symbol in f["symbols"]:
            el(el(masthead, "p"), "docNumber", symbol)
        for para in _paras(self.blocks, "organs"):
            self.inlines(el(masthead, "p"), para.inlines)
        # the distribution column: status, date of issue (or of the draft), then the languages
        status, *rest = _paras(self.blocks, "distribution") or [Para([])]
        self.inlines(el(el(masthead, "p"), "docStatus"), status.inlines)
        if rest:
            self.inlines(el(el(masthead, "p"), "docDate", date=f["issued"] or f["date"]), rest[0].inlines)
        for para in rest[1:]:
            self.inlines(el(masthead, "p"), para.inlines)
        holder = find(self.blocks, "sessions")
        for organ in (b for b in (holder.children if holder else []) if isinstance(b, Div)):
            self.block_list(el(preface, "container", name="session"), organ.children)
        # the printed title (with an author's note on it, if any), not the metadata's copy
        title = next((b for b in self.blocks if isinstance(b, Div) and b.role == "title"), find(self.blocks, "title"))
        self.inlines(el(el(el(preface, "longTitle"), "p"), "docTitle"), _first_of(title))
        parties = el(preface, "container", name="parties")
        self.inlines(el(el(parties, "p"), "docProponent", refersTo="#author"), _first(self.blocks, "author"))
        for d in _all(self.blocks, "addressee"):
            self.roles[f"role-{d.arg}"] = role_text(d.children, "") or plain(_first_of(d))
            self.inlines(el(el(parties, "p"), "entity", name="addressee", refersTo=f"#role-{d.arg}"), _first_of(d))

    def signatures(self, doc: ET.Element) -> None:
        signatures = [b for b in self.blocks if isinstance(b, Div) and b.role == "signature"]
        if not signatures:
            return
        holder = el(el(doc, "conclusions"), "container", name="signatures")
        for n, (d, who) in enumerate(zip(signatures, self.facts["senders"], strict=False), 1):
            first, *titles = [b for b in d.children if isinstance(b, Para)] or [Para([])]
            signature = el(el(holder, "p"), "signature")
            self.mark(signature, plain(first.inlines), who | {"country_name": ""}, f"#sender-{n}")
            for line in titles:
                el(signature, "eol")
                attrs = {"refersTo": f"#role-{who['role']}"} if who["role"] else {}
                self.inlines(el(signature, "role", **attrs), line.inlines)

    def document(self) -> ET.Element:
        root = el(None, "akomaNtoso", xmlns=NS)
        doc = el(root, "doc", name="letter")
        meta = el(doc, "meta")
        self.identification(meta, "main")
        self.preface(doc)
        body = el(doc, "mainBody")
        self.hierarchy(body, _children(self.blocks, "body"))
        self.signatures(doc)
        annexes = [b for b in self.blocks if isinstance(b, Div) and b.role == "annex"]
        if annexes:
            attachments = el(doc, "attachments")
            for annex in annexes:
                self.attachment(el(attachments, "attachment"), annex)
        self.references(meta)  # last: the people and roles met on the way
        return root

    def attachment(self, holder: ET.Element, annex: Div) -> None:
        doc = el(holder, "doc", name="annex")
        self.identification(el(doc, "meta"), f"annex_{annex.arg}")
        preface = el(doc, "preface")
        heading = find(annex.children, "annex-heading")
        self.inlines(el(el(el(preface, "longTitle"), "p"), "docTitle"), _first_of(heading))
        for original in _all(annex.children, "annex-original"):
            self.block_list(el(preface, "container", name="original"), original.children)
        self.hierarchy(el(doc, "mainBody"), annex.children)


def _first_of(div: Div | None) -> list[Inline]:
    paras = [b for b in div.children if isinstance(b, Para)] if div else []
    return paras[0].inlines if paras else []


def _first(blocks: list[Block], role: str) -> list[Inline]:
    return _first_of(find(blocks, role))


def _paras(blocks: list[Block], role: str) -> list[Para]:
    div = find(blocks, role)
    return [b for b in div.children if isinstance(b, Para)] if div else []


def _children(blocks: list[Block], role: str) -> list[Block]:
    div = find(blocks, role)
    return div.children if div else []


def _all(blocks: list[Block], role: str) -> list[Div]:
    out: list[Div] = []
    for b in blocks:
        if isinstance(b, Div):
            out += [b] if b.role == role else _all(b.children, role)
    return out


def write(blocks: list[Block], options: Options) -> bytes:
    """The letter as Akoma Ntoso 3.0 XML, UTF-8 (identical bytes for identical input)."""
    root = Letter(blocks, options).document()
    indent(root)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"
    )


def indent(node: ET.Element, depth: int = 0) -> None:
    """One element a line where an element holds only elements; text with its inline markup
    (mixed content) is left as it is, so that no white space is added to what a letter says."""
    children = list(node)
    if node.tag in MIXED or not children or (node.text or "").strip() or any((c.tail or "").strip() for c in children):
        return
    node.text = "\n" + " " * (depth + 1)
    for child in children:
        indent(child, depth + 1)
        child.tail = "\n" + " " * (depth + 1)
    children[-1].tail = "\n" + " " * depth
