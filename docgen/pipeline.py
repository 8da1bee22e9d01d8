"""The pipeline: load and validate -> resolve a language -> compose -> parse -> write each format."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from docgen import compose, doctree, fonts, language, load, markup, output, process, translation, writers
from docgen import housestyle as hs
from docgen.diagnostics import LetterError, Problem
from docgen.doctree import Block
from docgen.model import Letter


@dataclass(frozen=True)
class Built:
    """A file written for one language and format of a letter."""

    letter: Letter
    lang: str
    format: str
    path: Path
    templates: frozenset[str]  # template files the composition used (for incremental builds)


def document(letter: Letter, lang: str, allow_incomplete: bool = False) -> list[Block]:
    """One language version of a letter as a doctree, which every writer reads. A translation
    with missing or stale texts is an error, unless allow_incomplete: then they are marked, and
    so is every page."""
    marks: dict[str, str] = {}
    if lang != letter.original:
        found = translation.entries(letter, lang)
        if not allow_incomplete and (problems := translation.problems_of(found, letter, lang)):
            raise LetterError(problems)
        marks = {e.text.place: e.state for e in found if e.state in ("missing", "stale")}
    resolved = language.resolve(lang)
    blocks = markup.parse(compose.compose(letter, resolved, marks), resolved, letter.smart_quotes)
    doctree.keep_before(blocks, hs.KEPT_WITH_PREVIOUS)
    return blocks


def writer_for(lang: str, fmt: str = "pdf", engine: str | None = None, tagged: bool = False) -> writers.Writer:
    """The writer of a format; for PDF, the engine asked for, the one that tags PDFs when a
    tagged one is asked for, or else the language's own (language.yaml)."""
    return writers.find(fmt, engine or (writers.TAGGING if tagged else language.resolve(lang).engine))


def write(
    blocks: list[Block],
    lang: str,
    writer: writers.Writer,
    paper: str = "a4",
    tagged: bool = False,
    date: dt.date | None = None,
) -> bytes:
    return writers.write(writer, blocks, options(lang, paper, tagged, date))


def options(lang: str, paper: str = "a4", tagged: bool = False, date: dt.date | None = None) -> writers.Options:
    """What every writer is told of a language version besides its doctree."""
    resolved = language.resolve(lang)
    return writers.Options(
        resolved.locale.language,
        paper,
        resolved.direction,
        tagged or resolved.tagged,
        fonts.for_language(lang).name,
        date,
        resolved.hyphenate,
    )


@process.paused()
def render(
    letter: Letter,
    lang: str,
    paper: str = "a4",
    allow_incomplete: bool = False,
    fmt: str = "pdf",
    engine: str | None = None,
    tagged: bool = False,
) -> bytes:
    """One language version of a letter in one format, as bytes."""
    blocks = document(letter, lang, allow_incomplete)
    return write(blocks, lang, writer_for(lang, fmt, engine, tagged), paper, tagged, letter.date)


@process.paused()
def build(
    path: Path,
    out: Path,
    langs: list[str] | None = None,
    paper: str = "a4",
    allow_incomplete: bool = False,
    formats: tuple[str, ...] = ("pdf",),
    engine: str | None = None,
    tagged: bool = False,
) -> list[Built]:
    """Build every requested language of one letter, in every format, into out/<stem>/<lang><ext>."""
    try:
        letter = load.load(path)
    except LetterError as e:  # add what a build would also find wrong: missing translations
        if e.letter is None or allow_incomplete:
            raise
        raise LetterError(
            e.problems + [p for lang in e.letter.languages[1:] for p in translation.problems(e.letter, lang)]
        ) from None
    for warning in letter.warnings:  # reported, and the build goes on
        print(warning, file=sys.stderr, flush=True)
    wanted = langs or letter.languages
    if unknown := [lang for lang in wanted if lang not in letter.languages]:
        raise LetterError([_no_such_language(letter, lang) for lang in unknown])
    rendered = {
        lang: _render_tracked(letter, lang, paper, allow_incomplete, formats, engine, tagged) for lang in wanted
    }  # every language and format first: all or none is written
    built = []
    for lang, (files, templates) in rendered.items():
        for (fmt, extension), data in files.items():
            target = out / letter.stem / f"{lang}{extension}"
            output.write_atomic(target, data)
            built.append(Built(letter, lang, fmt, target, templates))
    return built


def _no_such_language(letter: Letter, lang: str) -> Problem:
    return Problem(
        letter.source,
        1,
        1,
        f"--lang {lang}: the letter has no '{lang}' version",
        hint=f"its languages are {', '.join(letter.languages)}; build one of them or add '{lang}' to languages",
    )


def _render_tracked(
    letter: Letter,
    lang: str,
    paper: str,
    allow_incomplete: bool,
    formats: tuple[str, ...],
    engine: str | None,
    tagged: bool = False,
) -> tuple[dict[tuple[str, str], bytes], frozenset[str]]:
    used: set[str] = set()
    token = compose.USED_TEMPLATES.set(used)
    try:
        blocks = document(letter, lang, allow_incomplete)
    finally:
        compose.USED_TEMPLATES.reset(token)
    files = {}
    for fmt in formats:
        writer = writer_for(lang, fmt, engine, tagged)
        files[fmt, writer.extension] = write(blocks, lang, writer, paper, tagged, letter.date)
    return files, frozenset(used)
