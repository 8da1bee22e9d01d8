"""Typed data of a letter, as the loader hands it to the later stages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from docgen.diagnostics import Problem


@dataclass(frozen=True)
class Text:
    """A text written by a person: Markdown per language, and where it stands in the letter."""

    by_lang: dict[str, str]
    place: str  # key path, e.g. "annexes[0].parts[2].text.paragraphs[6]"
    line: int = 1
    col: int = 1
    # per translation, the fingerprint of the original text it was made from ("fr-from: ...")
    sources: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, lang: str) -> str:
        return self.by_lang[lang]

    def get(self, lang: str) -> str | None:
        value = self.by_lang.get(lang)
        return value if value and value.strip() else None


@dataclass(frozen=True)
class Job:
    """A job number of the UN's document processing, per language: printed on page 1."""

    number: str  # "10-46398"
    date: dt.date  # processing date, printed DDMMYY


@dataclass(frozen=True)
class Sender:
    """A signatory of the letter, for the mission of a country."""

    country: str
    role: str  # permanent-representative, deputy-permanent-representative, charge-d-affaires-ai, ...
    gender: str
    name: str
    title: Text | None  # the signature's title lines, as the mission gives them
    family_name: str | None = None  # the part of `name` printed in bold; default: its last word

    def name_parts(self) -> tuple[str, str, str]:
        """The name around its family name, a whole word or words: ("José Filipe de ", "Moraes Cabral", "")."""
        family = self.family_name or (self.name.split() or [""])[-1]
        found = list(re.finditer(rf"(?<!\w){re.escape(family)}(?!\w)", self.name))
        if not family or not found:
            return self.name, "", ""
        start, end = found[-1].span()
        return self.name[:start], family, self.name[end:]


@dataclass(frozen=True)
class SubItem:
    """A sub-item of an agenda item."""

    letter: str  # "c" of "65 (c)"
    title: Text | None = None  # printed under the item's title, when given


@dataclass(frozen=True)
class AgendaItem:
    """A General Assembly agenda item the letter is circulated under."""

    number: str  # "10", "65"
    title: Text  # the item's title; of a single sub-item, as printed ("Item: sub-item")
    subs: tuple[SubItem, ...] = ()  # the sub-items the letter is circulated under

    @property
    def sub(self) -> str | None:
        """The letter of the first sub-item, if any: "c" of "65 (c)"."""
        return self.subs[0].letter if self.subs else None

    @property
    def count(self) -> int:
        """How many (sub-)items this entry names: the items line says "item" or "items"."""
        return len(self.subs) or 1


@dataclass(frozen=True)
class GeneralAssembly:
    """Circulation as a document of the General Assembly: its session and agenda items."""

    session: int  # the regular session, or the number of the emergency special session
    items: list[AgendaItem]
    emergency: bool = False  # an emergency special session ("Tenth emergency special session")
    provisional_agenda: str | None = None  # symbol of the provisional agenda the items are on

    @property
    def count(self) -> int:
        return sum(item.count for item in self.items)

    def groups(self) -> list[tuple[str, list[str]]]:
        """(number, sub-item letters) as the items line prints them: consecutive entries of one
        item once, "74 (a), (i), (m)"."""
        out: list[tuple[str, list[str]]] = []
        for item in self.items:
            letters = [sub.letter for sub in item.subs]
            if out and out[-1][0] == item.number and out[-1][1] and letters:
                out[-1][1].extend(letters)
            else:
                out.append((item.number, letters))
        return out


@dataclass(frozen=True)
class SecurityCouncil:
    """Circulation as a document of the Security Council, in its year."""

    year: int


@dataclass(frozen=True)
class Person:
    """Someone on a list of participants of an annex."""

    gender: str
    name: str
    rank: str | None = None
    role: str | None = None
    function: Text | None = None
    country: str | None = None
    organization: Text | None = None  # printed in brackets where a country would be


@dataclass(frozen=True)
class Group:
    """People of a list, under an optional heading."""

    people: list[Person]
    heading: str | Text | None = None  # a category ("delegations", "observers", ...) or a text


@dataclass(frozen=True)
class Event:
    """An annex's part about an event (a seminar, a meeting): its kind, title, place and dates."""

    kind: Text
    title: Text
    place: str | None  # the country
    start: dt.date
    end: dt.date | None
    city: Text | None = None
    venue: Text | None = None
    title_note: Text | None = None  # the author's note on the title, marked "*"


@dataclass(frozen=True)
class Participants:
    """An annex's list of participants, in groups."""

    groups: list[Group]
    date: dt.date | None = None


@dataclass(frozen=True)
class Heading:
    """A heading between the paragraphs of a text."""

    text: Text


@dataclass(frozen=True)
class Section:
    """A heading one level above Heading: "I. Introduction" in a numbered text."""

    text: Text


@dataclass(frozen=True)
class Dateline:
    """An unnumbered place-and-date line in a text, as at the head or foot of a declaration:
    "Miyazaki, 13 July 2000" (the city a text per language, the date as each language writes it)."""

    city: Text
    date: dt.date


@dataclass(frozen=True)
class TextPart:
    """An annex's part made of paragraphs, headings and datelines, optionally numbered."""

    paragraphs: list[Text | Heading | Section | Dateline]
    title: Text | None = None
    numbered: bool = False
    title_note: Text | None = None  # the author's note on the title, marked "*"


@dataclass(frozen=True)
class MarkdownPart:
    """A free text in Markdown: headings, paragraphs, lists, tables and footnotes."""

    body: Text
    numbered: bool = False  # number its paragraphs 1., 2., ... through the text


Part = Event | Participants | TextPart | MarkdownPart


@dataclass(frozen=True)
class Annex:
    """An annex to the letter, in parts."""

    parts: list[Part]
    original: str | None = None  # the annex's original language, when it differs from the letter's
    heading_note: Text | None = None  # the author's note on the annex's heading, marked "*"


@dataclass(frozen=True)
class Circulation:
    """The request that closes the letter: a standard formula of the catalogs, the mission's own
    wording, or none (the body makes the request itself)."""

    formula: str = "grateful"  # grateful, appreciate, grateful-accordingly, distributed, attention-of-council
    session: bool = True  # a General Assembly request names the session
    wording: Text | None = None  # the mission's own request, per language
    generated: bool = True  # False: no request at all

    FORMULAS = ("grateful", "appreciate", "grateful-accordingly", "distributed", "attention-of-council")


@dataclass(frozen=True)
class Letter:
    """A letter as loaded and checked: its facts, texts in every language, and annexes."""

    source: str  # path as given by the user
    original: str
    languages: list[str]
    date: dt.date
    issued: dt.date
    sender: Sender  # the sender; of a joint letter, the first one written
    addressees: list[str]
    body: list[Text]
    symbols: list[str] = field(default_factory=list)
    distribution: str = "general"
    jobs: dict[str, Job] = field(default_factory=dict)
    general_assembly: GeneralAssembly | None = None
    security_council: SecurityCouncil | None = None
    annexes: list[Annex] = field(default_factory=list)
    cosigners: list[Sender] = field(default_factory=list)  # the other senders of a joint letter
    status: str = "final"  # "draft": no symbols or job numbers yet
    drafted: dt.date | None = None  # a draft's date of drafting (default: the letter's date)
    smart_quotes: bool = True  # user texts' quotes and apostrophes as the language prints them
    identical: bool = True  # several addressees: identical letters (else one letter to all)
    circulation: Circulation = field(default_factory=Circulation)
    warnings: tuple[Problem, ...] = ()  # what the build reports but does not stop for
    qr_code: bool | None = None  # None: as issued documents of the letter's date of issue
    title_note: Text | None = None  # the author's note on the letter's title, marked "*" (or "**")

    @property
    def qr_address(self) -> str | None:
        """The undocs.org address page 1's QR code encodes, if the document carries one."""
        from docgen import housestyle as hs

        wanted = self.issued >= hs.QR_FROM if self.qr_code is None else self.qr_code
        return hs.QR_ADDRESS.format(symbol=self.symbols[0]) if wanted and self.symbols and not self.draft else None

    @property
    def recycle(self) -> bool:
        from docgen import housestyle as hs

        return not self.draft and self.issued >= hs.RECYCLE_FROM

    @property
    def senders(self) -> list[Sender]:
        return [self.sender, *self.cosigners]

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def stem(self) -> str:
        from pathlib import Path

        return Path(self.source).stem
