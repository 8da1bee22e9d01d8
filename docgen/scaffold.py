"""`docgen new`: a new letter that builds at once, every field shown with a comment.

The skeleton is a template (templates/new/letter.yaml.j2); its placeholder texts come from the
catalogs, one per language, and carry no fingerprint: a placeholder is no one's translation, so
replacing the original's placeholder does not make the others "stale". Each answer is checked
as it is given (questions()), against the same lists the loader uses.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Callable
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

    original = answers.languages[0]

    def texts(make: Any) -> dict[str, str]:
        return {lang: make(resolve(lang)) for lang in answers.languages}

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
        country_forms=", ".join(f'"{resolve(lang).country_form(answers.country, "of")}"' for lang in answers.languages),
        council_year=_council_year(resolve(original), answers.date),
    )


def _council_year(lang: Any, date: dt.date) -> str:
    """The Security Council's year on the letter's date, as the masthead prints it."""
    year = lang.translations.gettext("%(ordinal)s year") % {"ordinal": lang.ordinal(date.year - 1945, "year")}
    return year[:1].upper() + year[1:]


def create(answers: Answers, path: Path) -> None:
    """Write the new letter once it loads; never replace a file."""
    import tempfile

    from docgen import load
    from docgen.output import write_atomic

    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{path} exists already")
    text = render(answers, path)
    with tempfile.TemporaryDirectory() as tmp:  # checked before it is written: nothing half-made
        trial = Path(tmp) / path.name
        trial.write_text(text, encoding="utf-8")
        load.load(trial)
    write_atomic(path, text.encode("utf-8"))


# --- the questions `docgen new` asks, each answer checked as it is given ------------------------


class Invalid(ValueError):
    """An answer docgen cannot use; the message says why and how to fix it."""


@dataclass(frozen=True)
class Question:
    name: str  # the Answers field and the flag (--name)
    prompt: str
    parse: Callable[[str], Any]
    default: str | None = None


def _schema_enum(*path: str) -> list[str]:
    from docgen import load

    node: Any = load.schema()
    for key in path:
        node = node[key]
    return list(node["enum"])


def _one_of(kind: str, choices: Callable[[], list[str]]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip()
        if value not in choices():
            near = difflib.get_close_matches(value, choices(), n=1)
            hint = f"did you mean '{near[0]}'?" if near else "one of " + ", ".join(choices())
            raise Invalid(f"'{value}' is not {kind} ({hint})")
        return value

    return parse


def _listed(parse: Callable[[str], str]) -> Callable[[str], list[str]]:
    """A comma-separated list, each item parsed, none twice, at least one."""

    def parse_list(text: str) -> list[str]:
        values = [parse(x) for x in text.split(",") if x.strip()]
        if not values:
            raise Invalid("give at least one, comma-separated")
        twice = next((v for i, v in enumerate(values) if v in values[:i]), None)
        if twice is not None:
            raise Invalid(f"'{twice}' is listed twice (remove one)")
        return values

    return parse_list


def _country(text: str) -> str:
    code = text.strip().upper()
    if code not in resources.country_codes():
        raise Invalid(f"'{text.strip()}' is not an ISO 3166-1 country code (for example PT or FR)")
    return code


def _name(text: str) -> str:
    if not text.strip():
        raise Invalid("the name of the signatory is empty")
    return " ".join(text.split())


def _gender(text: str) -> str:
    if text.strip() not in ("m", "f"):
        raise Invalid(f"'{text.strip()}' is not m or f")
    return text.strip()


def _item(text: str) -> str:
    value = " ".join(text.split())
    if not re.fullmatch(_item_pattern(), value):
        raise Invalid(f"'{value}' is not an agenda item number, with its sub-item if any (for example 10 or 65 (c))")
    return value


def _item_pattern() -> str:
    from docgen import load

    return str(load.schema()["$defs"]["agendaItem"]["properties"]["number"]["pattern"])


def _language(text: str) -> str:
    code = text.strip()
    if code not in resources.languages():
        raise Invalid(f"docgen has no catalog for '{code}' (it writes {', '.join(sorted(resources.languages()))})")
    if code not in buildable_languages():
        raise Invalid(f"docgen cannot lay out '{code}' here yet (it lays out {', '.join(buildable_languages())})")
    return code


def questions() -> list[Question]:
    """What `docgen new` asks, in order (the languages' default needs the writers: computed late)."""
    return [
        Question("country", "Country of the mission (ISO code, e.g. PT)", _country),
        Question("name", "Name of the signatory", _name),
        Question("gender", "Gender of the signatory (m or f)", _gender, "m"),
        Question(
            "role",
            "Role",
            _one_of("a role", lambda: _schema_enum("$defs", "sender", "properties", "role")),
            "permanent-representative",
        ),
        Question(
            "to",
            "Addressees",
            _listed(_one_of("an addressee", lambda: _schema_enum("properties", "to", "items"))),
            "secretary-general",
        ),
        Question(
            "organs",
            "Organs (general-assembly, security-council)",
            _listed(_one_of("an organ", lambda: ["general-assembly", "security-council"])),
            "general-assembly,security-council",
        ),
        Question("items", "Agenda items (e.g. 10, 65 (c))", _listed(_item)),
        Question("languages", "Languages, the original first", _listed(_language), ",".join(buildable_languages())),
    ]


def asked(question: Question, answers: dict[str, Any]) -> bool:
    """Whether a question applies, given the answers so far (agenda items: General Assembly only)."""
    return question.name != "items" or "general-assembly" in answers.get("organs", [])
