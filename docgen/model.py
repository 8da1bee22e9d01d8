"""Typed data of a letter, as the loader hands it to the later stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


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
    number: str  # "10-46398"
    date: dt.date  # processing date, printed DDMMYY


@dataclass(frozen=True)
class Sender:
    country: str
    role: str
    gender: str
    name: str
    title: Text | None


@dataclass(frozen=True)
class AgendaItem:
    number: str  # "10", "65 (c)"
    title: Text


@dataclass(frozen=True)
class GeneralAssembly:
    session: int
    items: list[AgendaItem]


@dataclass(frozen=True)
class SecurityCouncil:
    year: int


@dataclass(frozen=True)
class Person:
    gender: str
    name: str
    rank: str | None = None
    role: str | None = None
    function: Text | None = None
    country: str | None = None


@dataclass(frozen=True)
class Group:
    people: list[Person]
    heading: str | None = None


@dataclass(frozen=True)
class Event:
    kind: Text
    title: Text
    place: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Participants:
    groups: list[Group]
    date: dt.date | None = None


@dataclass(frozen=True)
class Heading:
    text: Text


@dataclass(frozen=True)
class TextPart:
    paragraphs: list[Text | Heading]
    title: Text | None = None
    numbered: bool = False


Part = Event | Participants | TextPart


@dataclass(frozen=True)
class Annex:
    parts: list[Part]


@dataclass(frozen=True)
class Letter:
    source: str  # path as given by the user
    original: str
    languages: list[str]
    date: dt.date
    issued: dt.date
    sender: Sender
    addressees: list[str]
    body: list[Text]
    symbols: list[str] = field(default_factory=list)
    distribution: str = "general"
    jobs: dict[str, Job] = field(default_factory=dict)
    general_assembly: GeneralAssembly | None = None
    security_council: SecurityCouncil | None = None
    annexes: list[Annex] = field(default_factory=list)

    @property
    def stem(self) -> str:
        from pathlib import Path

        return Path(self.source).stem
