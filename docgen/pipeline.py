"""The pipeline: load and validate -> resolve a language -> compose -> parse -> lay out -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen import compose, language, layout, load, markup, output
from docgen.model import Letter


@dataclass(frozen=True)
class Built:
    letter: Letter
    lang: str
    path: Path


def render(letter: Letter, lang: str, paper: str = "a4") -> bytes:
    """One language version of a letter, as PDF bytes."""
    resolved = language.resolve(lang)
    source = compose.compose(letter, resolved)
    blocks = markup.parse(source, resolved)
    return layout.render(blocks, resolved.locale.language, paper)


def build(path: Path, out: Path, langs: list[str] | None = None, paper: str = "a4") -> list[Built]:
    """Build every requested language of one letter into out/<stem>/<lang>.pdf."""
    letter = load.load(path)
    built = []
    for lang in langs or letter.languages:
        if lang not in letter.languages:
            continue
        target = out / letter.stem / f"{lang}.pdf"
        output.write_atomic(target, render(letter, lang, paper))
        built.append(Built(letter, lang, target))
    return built
