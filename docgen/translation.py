"""Translations of a letter: what is missing or stale per language, and the PO round trip.

Each translated text may carry `<lang>-from: <fingerprint>`: the fingerprint of the original
text it was made from. When the original changes, its fingerprint no longer matches and the
translation is stale, until the translation is updated through `docgen translate import` or
confirmed with `docgen translate confirm`. The letter stays plain, readable YAML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docgen.diagnostics import LetterError, Problem
from docgen.load import SOURCE_SUFFIX
from docgen.model import Letter, Text

State = Literal["current", "missing", "stale", "unconfirmed"]


def fingerprint(text: str) -> str:
    """Ten letters from SHA-256 of the text with its white space folded (letters: YAML keeps
    them a string, whatever they spell)."""
    digest = hashlib.sha256(" ".join(text.split()).encode("utf-8")).digest()
    return "".join(chr(ord("a") + b % 26) for b in digest[:10])


@dataclass(frozen=True)
class Entry:
    text: Text
    state: State


def texts(node: Any) -> Iterator[Text]:
    """Every text of a letter, in the order of the file."""
    found: list[Text] = []

    def walk(x: Any) -> None:
        if isinstance(x, Text):
            found.append(x)
        elif dataclasses.is_dataclass(x):
            for f in dataclasses.fields(x):
                walk(getattr(x, f.name))
        elif isinstance(x, list | tuple):
            for item in x:
                walk(item)

    walk(node)
    return iter(sorted(found, key=lambda t: (t.line, t.col)))


def entries(letter: Letter, lang: str) -> list[Entry]:
    out = []
    for text in texts(letter):
        if text.get(letter.original) is None:
            continue  # the loader reports a text without its original
        source = fingerprint(text[letter.original])
        if text.get(lang) is None:
            state: State = "missing"
        elif lang not in text.sources:
            state = "unconfirmed"
        elif text.sources[lang] != source:
            state = "stale"
        else:
            state = "current"
        out.append(Entry(text, state))
    return out


_MESSAGES = {
    "missing": ("no '{lang}' translation", "add '{lang}:' to this text, or build a draft with --allow-incomplete"),
    "stale": (
        "the '{lang}' translation is stale: the '{original}' text changed after it was translated",
        "update it, or confirm it: docgen translate confirm --lang {lang} --place '{place}' LETTER",
    ),
}


def problems(letter: Letter, lang: str) -> list[Problem]:
    """Missing and stale translations of one language, as diagnostics."""
    out = []
    for e in entries(letter, lang):
        if e.state in _MESSAGES:
            message, hint = (
                m.format(lang=lang, original=letter.original, place=e.text.place) for m in _MESSAGES[e.state]
            )
            out.append(Problem(letter.source, e.text.line, e.text.col, message, e.text.place, hint))
    return out


def summary(letter: Letter, lang: str) -> str:
    found = entries(letter, lang)
    count = {s: sum(e.state == s for e in found) for s in ("missing", "stale", "unconfirmed")}
    line = f"{lang}: {len(found) - count['missing']} of {len(found)} texts translated, {count['stale']} stale"
    if count["unconfirmed"]:
        line += f", {count['unconfirmed']} without fingerprint (run docgen translate confirm)"
    return line


# --- PO files for translators' tools ----------------------------------------------------------


def export_po(letter: Letter, lang: str) -> bytes:
    """A gettext PO file: each original text, its translation, its place as context, and the
    fuzzy flag on stale translations."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    when = dt.datetime.combine(letter.issued, dt.time(), dt.UTC)  # reproducible header
    catalog = Catalog(
        locale=lang,
        project=letter.stem,
        version=str(letter.date),
        creation_date=when,
        revision_date=when,
        charset="utf-8",
        fuzzy=False,
    )
    for e in entries(letter, lang):
        comments = [f"{letter.original} -> {lang}"]
        if e.state == "stale":
            comments.append(f"The {letter.original} text changed after this was translated.")
        catalog.add(
            e.text[letter.original],
            e.text.get(lang) or "",
            context=e.text.place,
            locations=[(Path(letter.source).name, e.text.line)],
            auto_comments=comments,
            flags=("fuzzy",) if e.state == "stale" else (),
        )
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False)
    return buf.getvalue()


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _node(data: Any, place: str) -> Any:
    for name, index in _STEP.findall(place):
        data = data[int(index)] if index else data[name]
    return data


class Editor:
    """Changes translations in a letter's YAML and nothing else: comments, key order,
    quoting and block styles are kept (ruamel.yaml round trip)."""

    def __init__(self, path: Path):
        from ruamel.yaml import YAML

        self.path = path
        self.yaml = YAML()
        self.yaml.preserve_quotes = True
        self.yaml.width = 4096
        self.yaml.indent(mapping=2, sequence=4, offset=2)
        self.source = path.read_text(encoding="utf-8")
        self.data = self.yaml.load(self.source)

    def set(self, place: str, lang: str, value: str | None, source: str | None) -> None:
        """Set a translation (None: keep it) and the fingerprint of its source (None: keep it)."""
        node = _node(self.data, place)
        if value is not None and node.get(lang) != value:
            _put(node, lang, _styled(value, node.get(lang)), after=None)
        key = lang + SOURCE_SUFFIX
        if source is not None and node.get(key) != source:
            _put(node, key, source, after=lang)

    def save(self) -> bool:
        """Write the letter atomically if anything changed; return whether it did."""
        from docgen.output import write_atomic

        out = io.StringIO()
        self.yaml.dump(self.data, out)
        if out.getvalue() == self.source:
            return False
        write_atomic(self.path, out.getvalue().encode("utf-8"))
        return True


def _styled(value: str, old: Any) -> Any:
    """The new text in the style of the old one (folded, literal, quoted)."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if "\n" in value:
        return LiteralScalarString(value)
    if isinstance(old, FoldedScalarString):
        return FoldedScalarString(value)
    return type(old)(value) if isinstance(old, str) and type(old) is not str else value


def _put(node: Any, key: str, value: Any, after: str | None) -> None:
    if key in node or after is None or after not in node:
        node[key] = value
        return
    node.insert(list(node).index(after) + 1, key, value)
    # What followed the previous key (blank lines, comments) now follows the new one. After a
    # block scalar that text starts on a fresh line; after a plain one, it must end its line.
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    comments = getattr(node, "ca", None)
    if comments is not None and after in comments.items:
        moved = comments.items.pop(after)
        if isinstance(node[after], FoldedScalarString | LiteralScalarString) and moved[2] is not None:
            moved[2].value = "\n" + moved[2].value
        comments.items[key] = moved


def import_po(letter: Letter, po: Path) -> tuple[bool, list[str]]:
    """Merge a translated PO file into the letter. Returns (changed, warnings)."""
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    lang = str(catalog.locale) if catalog.locale else None
    if not lang:
        raise LetterError([Problem(str(po), 1, 1, "the PO file names no Language in its header")])
    lang = lang.split("_")[0]
    by_place = {t.place: t for t in texts(letter)}
    editor, warnings = Editor(Path(letter.source)), []
    for message in catalog:
        if not message.id or not message.context:
            continue
        text = by_place.get(message.context)
        line = message.lineno or 1
        if text is None:
            warnings.append(f"{po}:{line}: warning: no text at {message.context} in {letter.source}; skipped")
            continue
        current = text[letter.original]
        confirmed = not message.fuzzy and bool(message.string) and message.id == current
        if message.id != current:
            warnings.append(
                f"{po}:{line}: warning: {message.context}: the {letter.original} text changed "
                "since this file was exported; imported as stale"
            )
        editor.set(message.context, lang, message.string or None, fingerprint(current) if confirmed else None)
    return editor.save(), warnings


def confirm(letter: Letter, lang: str, places: list[str] | None = None) -> int:
    """Record that the current translations (all, or those at `places`) match the current
    original texts. Returns how many were confirmed."""
    editor, count = Editor(Path(letter.source)), 0
    for e in entries(letter, lang):
        if e.state in ("stale", "unconfirmed") and (places is None or e.text.place in places):
            editor.set(e.text.place, lang, None, fingerprint(e.text[letter.original]))
            count += 1
    editor.save()
    return count
