"""The pipeline: load and validate -> resolve a language -> compose -> parse -> lay out -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen import compose, language, layout, load, markup, output, translation
from docgen.diagnostics import LetterError
from docgen.model import Letter


@dataclass(frozen=True)
class Built:
    letter: Letter
    lang: str
    path: Path
    templates: frozenset[str]  # template files the composition used (for incremental builds)


def render(letter: Letter, lang: str, paper: str = "a4", allow_incomplete: bool = False) -> bytes:
    """One language version of a letter, as PDF bytes. A translation with missing or stale
    texts is an error, unless allow_incomplete: then they are marked, and so is every page."""
    marks: dict[str, str] = {}
    if lang != letter.original:
        if not allow_incomplete and (problems := translation.problems(letter, lang)):
            raise LetterError(problems)
        marks = {e.text.place: e.state for e in translation.entries(letter, lang) if e.state in ("missing", "stale")}
    resolved = language.resolve(lang)
    source = compose.compose(letter, resolved, marks)
    blocks = markup.parse(source, resolved)
    return layout.render(blocks, resolved.locale.language, paper)


def build(
    path: Path, out: Path, langs: list[str] | None = None, paper: str = "a4", allow_incomplete: bool = False
) -> list[Built]:
    """Build every requested language of one letter into out/<stem>/<lang>.pdf."""
    try:
        letter = load.load(path)
    except LetterError as e:  # add what a build would also find wrong: missing translations
        if e.letter is None or allow_incomplete:
            raise
        raise LetterError(
            e.problems + [p for lang in e.letter.languages[1:] for p in translation.problems(e.letter, lang)]
        ) from None
    wanted = [lang for lang in (langs or letter.languages) if lang in letter.languages]
    rendered = {lang: _render_tracked(letter, lang, paper, allow_incomplete) for lang in wanted}  # all or none
    built = []
    for lang, (pdf, templates) in rendered.items():
        target = out / letter.stem / f"{lang}.pdf"
        output.write_atomic(target, pdf)
        built.append(Built(letter, lang, target, templates))
    return built


def _render_tracked(letter: Letter, lang: str, paper: str, allow_incomplete: bool) -> tuple[bytes, frozenset[str]]:
    used: set[str] = set()
    token = compose.USED_TEMPLATES.set(used)
    try:
        return render(letter, lang, paper, allow_incomplete), frozenset(used)
    finally:
        compose.USED_TEMPLATES.reset(token)
