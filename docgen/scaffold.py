"""`docgen new`: a new letter that builds at once, every field shown with a comment.

The skeleton is a template (templates/new/letter.yaml.j2); its placeholder texts come from the
catalogs, so a new letter starts in every language with translations already confirmed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import resources


@dataclass
class Answers:
    country: str
    name: str
    gender: str = "m"
    role: str = "permanent-representative"
    to: list[str] = field(default_factory=lambda: ["secretary-general"])
    organs: list[str] = field(default_factory=lambda: ["general-assembly", "security-council"])
    session: int | None = None
    items: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: buildable_languages())  # original first
    date: dt.date = field(default_factory=dt.date.today)


def buildable_languages() -> list[str]:
    """The languages a new letter starts in: those docgen writes and has a PDF engine for."""
    from docgen import writers
    from docgen.language import resolve

    return [code for code in resources.languages_in_order() if resolve(code).engine in writers.ENGINES]


def render(answers: Answers, path: Path) -> str:
    """The text of the new letter."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from docgen.language import resolve
    from docgen.translation import fingerprint

    original, *translations = answers.languages

    def texts(make: Any) -> dict[str, str]:
        """One placeholder per language, with the fingerprints of confirmed translations."""
        by_lang = {lang: make(resolve(lang)) for lang in answers.languages}
        for lang in translations:
            by_lang[f"{lang}-from"] = fingerprint(by_lang[original])
        return by_lang

    def item_title(lang: Any, number: str) -> str:
        return lang.pgettext("placeholder in a new letter", "Title of agenda item %(number)s") % {"number": number}

    items = [
        {"number": int(n) if n.isdigit() else n, "title": texts(lambda lang, n=n: item_title(lang, n))}
        for n in answers.items
    ]
    body = texts(
        lambda lang: lang.pgettext(
            "placeholder in a new letter", "I have the honour to transmit herewith ... (replace this paragraph)."
        )
    )
    env = Environment(
        loader=FileSystemLoader(resources.TEMPLATES / "new"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = lambda v: json.dumps(v, ensure_ascii=False)  # JSON scalars are YAML scalars
    return env.get_template("letter.yaml.j2").render(
        schema=os.path.relpath(resources.SCHEMA, path.parent.resolve()),
        path=path,
        today=dt.date.today(),
        original=original,
        languages=answers.languages,
        date=answers.date,
        country=answers.country,
        role=answers.role,
        gender=answers.gender,
        name=answers.name,
        to=answers.to,
        general_assembly="general-assembly" in answers.organs,
        session=answers.session,
        items=items,
        security_council="security-council" in answers.organs,
        body=body,
    )


def create(answers: Answers, path: Path) -> None:
    """Write the new letter after checking that it loads; never overwrite a file."""
    from docgen import load
    from docgen.output import write_atomic

    if path.exists():
        raise FileExistsError(f"{path} exists already: choose another name")
    text = render(answers, path)
    write_atomic(path, text.encode("utf-8"))
    try:
        load.load(path)
    except Exception:
        path.unlink()
        raise
