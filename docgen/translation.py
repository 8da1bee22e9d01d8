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
from functools import cache
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
    """A text of the letter and the state of its translation into one language."""

    text: Text
    state: State


def texts(node: Any) -> Iterator[Text]:
    """Every text of a letter, in the order of the file."""
    found: list[Text] = []

    def walk(x: Any) -> None:
        if isinstance(x, Text):
            found.append(x)
        elif (names := _field_names(type(x))) is not None:
            for name in names:
                walk(getattr(x, name))
        elif isinstance(x, list | tuple):
            for item in x:
                walk(item)

    walk(node)
    return iter(sorted(found, key=lambda t: (t.line, t.col)))


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type, None for any other type: looked up once per type, where
    dataclasses.fields builds its list again for each of a letter's hundreds of nodes."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


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


FUZZY = "fuzzy"  # a <lang>-from that names no original: imported from a fuzzy PO entry, to be reviewed

_MESSAGES = {
    "missing": ("no '{lang}' translation", "add '{lang}:' to this text, or build a draft with --allow-incomplete"),
    "stale": (
        "the '{lang}' translation is stale: the '{original}' text changed after it was translated",
        "update it, or confirm it: docgen translate confirm --lang {lang} --place '{place}' {path}",
    ),
    FUZZY: (
        "the '{lang}' translation is marked fuzzy: it needs a review",
        "review it, then confirm it: docgen translate confirm --lang {lang} --place '{place}' {path}",
    ),
}


def _why(e: Entry, lang: str) -> str:
    """The message of an entry's state: a stale translation may be one never confirmed (fuzzy)."""
    return FUZZY if e.state == "stale" and e.text.sources.get(lang) == FUZZY else e.state


def problems(letter: Letter, lang: str, severity: str = "error") -> list[Problem]:
    """Missing and stale translations of one language, as diagnostics."""
    return problems_of(entries(letter, lang), letter, lang, severity)


def problems_of(found: list[Entry], letter: Letter, lang: str, severity: str = "error") -> list[Problem]:
    """The diagnostics of entries already found (a build needs the entries themselves too)."""
    out = []
    for e in found:
        if e.state in _MESSAGES:
            message, hint = (
                m.format(lang=lang, original=letter.original, place=e.text.place, path=letter.source)
                for m in _MESSAGES[_why(e, lang)]
            )
            out.append(Problem(letter.source, e.text.line, e.text.col, message, e.text.place, hint, severity))
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
        if _why(e, lang) == FUZZY:
            comments.append("Imported as fuzzy: to be reviewed.")
        elif e.state == "stale":
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

    def text(self) -> str:
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        return out.getvalue()

    def save(self) -> bool:
        """Write the letter atomically if anything changed; return whether it did. A symbolic
        link stays one: the file it points to is written."""
        from docgen.output import write_atomic

        text = self.text()
        if text == self.source:
            return False
        write_atomic(self.path.resolve(), text.encode("utf-8"))
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


def import_po(letter: Letter, path: Path) -> tuple[bool, list[Problem]]:
    """Merge a translated PO file into the letter: the whole file, or nothing (LetterError with
    every reason). Returns whether the letter changed, and warnings."""
    from docgen import po as pofile

    po = pofile.read(path)
    lang = _language(po, letter)
    changes, warnings = _changes(po, letter, lang)
    editor = Editor(Path(letter.source))
    for place, value, source in changes:
        editor.set(place, lang, value, source)
    if changes and lang not in letter.languages:  # the letter's languages are its author's to choose
        warnings.append(
            Problem(
                po.file,
                po.header["language"][1],
                1,
                f"'{lang}' is not one of the letter's languages: its translations are stored, and built once "
                f"'{lang}' is added to languages: (with its job number, if the letter has them)",
                severity="warning",
            )
        )
    _check_result(editor.text(), letter, po)
    return editor.save(), warnings


def _language(po: Any, letter: Letter) -> str:
    """The PO file's language, once its header shows that it holds a translation of this letter."""
    file, problems = po.file, []
    if not po.header_line:
        raise LetterError(
            [
                Problem(
                    file,
                    1,
                    1,
                    'the PO file has no header (the entry with msgid "" that names its Language and its letter)',
                    hint="export the PO with docgen translate export",
                )
            ]
        )
    language, line = po.header.get("language", ("", po.header_line))
    code = language.replace("-", "_").split("_")[0].lower()
    translation = next(iter(letter.languages[1:]), "<lang>")
    if not language:
        problems.append(
            Problem(
                file,
                line,
                1,
                "the PO file names no Language in its header",
                hint=f'add a line "Language: {translation}\\n" with the language of its translations',
            )
        )
    elif not re.fullmatch("[a-z]{2,3}", code):
        problems.append(
            Problem(
                file,
                line,
                1,
                f"'{language}' is not a language code",
                hint=f"write an ISO 639 code: Language: {translation}",
            )
        )
    elif code == letter.original:
        problems.append(
            Problem(
                file,
                line,
                1,
                f"the PO file is in '{code}', the original language of the letter: only translations are imported",
                hint=f"export the PO of a translation: docgen translate export --lang {translation} ...",
            )
        )
    expected = f"{letter.stem} {letter.date}"
    named, line = po.header.get("project-id-version", ("", po.header_line))
    if named != expected:
        stem, _, date = named.rpartition(" ")
        fix = f'write "Project-Id-Version: {expected}" in the PO file\'s header'
        if stem and re.fullmatch(r"\d{4}-\d\d-\d\d", date):
            problems.append(
                Problem(
                    file,
                    line,
                    1,
                    f"this PO file is for the letter '{stem}' of {date}, not for '{letter.stem}' of {letter.date}",
                    hint=f"import it into {stem}.yaml; if this letter was renamed or redated since the export, {fix}",
                )
            )
        else:
            problems.append(
                Problem(
                    file,
                    line,
                    1,
                    "the PO file does not name its letter (Project-Id-Version)",
                    hint=f"if it holds this letter's texts, {fix}",
                )
            )
    if problems:
        raise LetterError(problems)
    return code


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _changes(po: Any, letter: Letter, lang: str) -> tuple[list[tuple[str, str, str | None]], list[Problem]]:
    """What each entry changes: (place, translation, fingerprint or None to keep it), and warnings.
    LetterError when any entry cannot be imported."""
    state = {e.text.place: e for e in entries(letter, lang)}
    first: dict[str, int] = {}
    changes, problems, warnings = [], [], []
    for m in po.entries:

        def report(message: str, hint: str = "", to: list[Problem] = problems, line: int = m.line, m: Any = m) -> None:
            to.append(
                Problem(po.file, line, 1, message, m.context or "", hint, "warning" if to is warnings else "error")
            )

        if m.plural:
            report(
                "a plural entry (msgid_plural): a letter's texts have no plural forms",
                "give one msgstr, without msgid_plural",
            )
        elif m.context is None:
            report(
                "an entry without msgctxt: docgen's PO files give each text's place as its context",
                "export the PO with docgen translate export",
            )
        elif m.context in first:
            report(f"a second entry for this text; the first is at line {first[m.context]}", "keep one of the two")
        elif m.context not in state:
            report(
                f"{letter.source} has no text here",
                "the letter changed since the export: export a new PO and "
                "carry the translation over, or delete this entry",
            )
        elif bad := _CONTROL.search(m.string):
            report(
                f"the translation holds character U+{ord(bad.group()):04X}, which a letter cannot",
                "control characters cannot appear in a letter",
                line=m.at,
            )
        elif m.string.strip():
            change = _change(state[m.context], m, lang, letter.original, lambda msg: report(msg, to=warnings))
            if change is not None:
                changes.append((m.context, m.string, change))
        if m.context is not None:
            first.setdefault(m.context, m.line)
    if problems:
        raise LetterError(problems)
    return changes, warnings


def _change(e: Entry, m: Any, lang: str, original: str, warn: Any) -> str | None:
    """The fingerprint a PO entry's translation gets, or None when the letter keeps its own. A
    translation is current only when it was made, and confirmed, from the current original."""
    existing = e.text.get(lang)
    if m.fuzzy:
        return None if existing == m.string and e.state == "stale" else FUZZY
    if m.id != e.text[original]:
        if e.state == "current":
            if existing != m.string:
                warn(
                    f"the letter's translation was made from the current {original} text, this file's from an older "
                    "one; kept the letter's"
                )
            return None
        warn(f"the {original} text changed since this file was exported; imported as stale")
    return fingerprint(m.id)


def _check_result(text: str, letter: Letter, po: Any) -> None:
    """Load the letter as the import would leave it: a translation it cannot hold is refused,
    reported at its entry, and nothing is written."""
    import tempfile

    from docgen import load

    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / Path(letter.source).name
        trial.write_text(text, encoding="utf-8")
        try:
            load.load(trial)
        except LetterError as e:
            lines = {m.context: m.at for m in po.entries if m.context}
            problems = []
            for p in e.problems:
                at = next((c for c in lines if p.where == c or p.where.startswith((c + ".", c + "["))), None)
                if at:
                    problems.append(
                        Problem(
                            po.file,
                            lines[at],
                            1,
                            f"this translation would make the letter invalid: {p.message}",
                            at,
                            p.hint,
                        )
                    )
                else:
                    problems.append(dataclasses.replace(p, file=letter.source))
            raise LetterError(problems) from None


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
