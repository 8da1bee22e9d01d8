"""Writers: one small module per output format (and, for PDF, per layout engine), each turning
the one doctree into the bytes of a file. Every writer reads its measurements from
docgen.housestyle; none imports another. A writer module is imported only when it is used.

A writer module has `write(blocks: list[doctree.Block], options: Options) -> bytes`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import unicodedata
from dataclasses import dataclass
from typing import Protocol

from docgen.doctree import Block


@dataclass(frozen=True)
class Options:
    """What a writer is told of a language version besides its doctree (pipeline.options)."""

    lang: str  # the document's language (BCP 47), for metadata and hyphenation
    paper: str = "a4"  # a key of housestyle.PAPERS
    direction: str = "ltr"  # "rtl": pages mirrored, text right to left
    tagged: bool = False  # a tagged (accessible) PDF, where the writer can make one
    font: str = "serif"  # the font family (docgen/fonts/fonts.yaml) the language is set in
    date: dt.date | None = None  # the letter's date: a file's fixed timestamps, unless SOURCE_DATE_EPOCH
    hyphenate: bool = False  # justified paragraphs break words at line ends (housestyle.hyphenates)


def direction_of(text: str) -> str | None:
    """A line's own direction, by its first strong character (UAX #9, rules P2-P3; HTML's
    dir="auto"): "ltr" for the English date of an Arabic masthead, None for digits alone.
    Writers set it on the masthead's and the job's lines where it is not the edition's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


@dataclass(frozen=True)
class Writer:
    """A registered writer: the format and engine it makes, and the module that does it."""

    format: str  # what --format names: "pdf", "docx", ...
    engine: str  # for PDF, the layout engine; otherwise the format's name
    module: str
    extension: str  # of the file written: ".pdf"


WRITERS: tuple[Writer, ...] = (
    Writer("pdf", "reportlab", "docgen.writers.pdf_reportlab", ".pdf"),
    Writer("pdf", "typst", "docgen.writers.pdf_typst", ".pdf"),
    Writer("html", "html", "docgen.writers.html", ".html"),
    Writer("docx", "docx", "docgen.writers.docx", ".docx"),
    Writer("akn", "akn", "docgen.writers.akn", ".akn.xml"),
)
FORMATS = tuple(dict.fromkeys(w.format for w in WRITERS))
TAGGING = "typst"  # the PDF engine that writes tagged PDFs (--tagged)
ENGINES = tuple(w.engine for w in WRITERS if w.format == "pdf")


class _Module(Protocol):
    def write(self, blocks: list[Block], options: Options) -> bytes: ...


def find(fmt: str, engine: str | None = None) -> Writer:
    """The writer of a format (for PDF, of an engine); the first registered when none is named."""
    for w in WRITERS:
        if w.format == fmt and (engine is None or w.engine == engine or w.format != "pdf"):
            return w
    raise KeyError(f"no writer for format {fmt!r}" + (f" with engine {engine!r}" if engine else ""))


def write(writer: Writer, blocks: list[Block], options: Options) -> bytes:
    module: _Module = importlib.import_module(writer.module)  # type: ignore[assignment]
    return module.write(blocks, options)
