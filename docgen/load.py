"""Stage 1: read a letter (YAML), check it against the format, and build a model.Letter.

Structure is checked by the JSON Schema that editors use too (docgen/letter.schema.json);
facts that a schema cannot know (country codes, dates in order, languages we can typeset)
are checked here. Every problem is collected and reported at once, with its line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from docgen import resources
from docgen.diagnostics import LetterError, Problem
from docgen.model import (
    AgendaItem,
    Annex,
    Event,
    GeneralAssembly,
    Group,
    Heading,
    Job,
    Letter,
    Participants,
    Person,
    SecurityCouncil,
    Sender,
    Text,
    TextPart,
)

MAX_BYTES = 2_000_000  # the sample is 60 kB; a letter of megabytes is a mistake or an attack
MAX_TEXT = 200_000  # characters in one text: some 30 pages
SOURCE_SUFFIX = "-from"  # "fr-from": fingerprint of the original a French text was translated from
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}"
               for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


class _Reader:
    """Turns a composed YAML node tree into JSON-like data plus the position of every value."""

    def __init__(self, file: str):
        self.file = file
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self._scalars = yaml.SafeLoader("")

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> None:
        line, col = self.position(path, key)
        self.problems.append(Problem(self.file, line, col, message, dotted(path), hint))

    def position(self, path: Path_, key: bool = False) -> tuple[int, int]:
        marks = self.key_marks if key and path in self.key_marks else self.marks
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (1, 1))

    def value(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            self.problem(path, f"YAML tag {node.tag!r} is not allowed", "letters hold plain data only")
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for k, v in node.value:
                key = str(self._scalars.construct_object(k)) if isinstance(k, yaml.ScalarNode) else "?"
                self.key_marks[(*path, key)] = (k.start_mark.line + 1, k.start_mark.column + 1)
                if key in out:
                    self.problem((*path, key), f"duplicate key '{key}'", key=True)
                out[key] = self.value(v, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, (*path, i)) for i, v in enumerate(node.value)]
        if node.tag.endswith(":timestamp"):
            return node.value  # dates stay text here; the schema checks them (format: date)
        try:
            return self._scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            return node.value


class _TooBig(Exception):
    pass


@cache
def schema() -> dict[str, Any]:
    return json.loads(resources.SCHEMA.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def load(path: str | Path) -> Letter:
    """Read and check one letter; raise LetterError with every problem found."""
    file = str(path)
    reader = _Reader(file)
    data = _parse(Path(path), reader)
    if not reader.problems and not isinstance(data, dict):
        reader.problem((), f"a letter is a mapping of keys, found {_json_type(data)}", "start with 'docgen: 1'")
    if not reader.problems:
        for error in _validator().iter_errors(data):
            _schema_problem(reader, error)
    if not reader.problems:
        letter = _build(data, file, reader)
        if not reader.problems:
            return letter
    raise LetterError(reader.problems)


def _parse(path: Path, reader: _Reader) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as e:
        reader.problem((), f"cannot read the letter: {e.strerror}")
        return None
    if len(raw) > MAX_BYTES:
        reader.problem((), f"file is {len(raw):,} bytes; a letter may have at most {MAX_BYTES:,}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        reader.problems.append(Problem(reader.file, line, col, f"not UTF-8 text (byte 0x{raw[e.start]:02x})",
                                       hint="save the file as UTF-8"))
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [e.context, e.problem]))
        reader.problems.append(Problem(reader.file, line, col, f"YAML syntax: {what}"))
        return None
    except yaml.reader.ReaderError as e:  # a control character, which YAML forbids
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        reader.problems.append(Problem(reader.file, line, col, f"character U+{e.character:04X} is not allowed",
                                       hint="control characters cannot appear in a letter"))
        return None
    except RecursionError:
        reader.problem((), "the YAML is nested too deeply")
        return None
    if node is None:
        reader.problem((), "the file is empty")
        return None
    try:
        return reader.value(node, ())
    except _TooBig:
        reader.problem((), f"more than {MAX_NODES:,} values (YAML aliases expanding?)",
                       "write the values out instead of repeating aliases")
        return None
    except RecursionError:
        reader.problem((), "the YAML is nested too deeply")
        return None


def _schema_problem(reader: _Reader, error: Any) -> None:
    path: Path_ = tuple(error.absolute_path)
    kind, schema_, inst = error.validator, error.schema, error.instance
    if kind == "additionalProperties":
        allowed = sorted(schema_.get("properties", {}))
        for key in sorted(set(inst) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
            reader.problem((*path, key), f"unknown key '{key}'", hint, key=True)
    elif kind == "required":
        for key in error.validator_value:
            if key not in inst:
                reader.problem(path, f"missing required key '{key}'", key=True)
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        close = difflib.get_close_matches(str(inst), choices, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(choices)}"
        reader.problem(path, f"'{inst}' is not allowed here", hint)
    elif kind == "type":
        want = error.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        reader.problem(path, f"expected {_article(want)}, found {_json_type(inst)}")
    elif kind == "format" and error.validator_value == "date":
        reader.problem(path, f"'{inst}' is not a date", "write an existing date as YYYY-MM-DD")
    elif kind in ("pattern", "format"):
        what = schema_.get("description", f"of the form {schema_.get('pattern')}")
        examples = " or ".join(str(e) for e in schema_.get("examples", []))
        reader.problem(path, f"'{inst}' is not {what}", f"for example {examples}" if examples else "")
    elif kind == "anyOf":
        reader.problem(path, "expected a text (one string per language, e.g. en: ..., fr: ...) "
                       "or a heading (heading: {en: ..., fr: ...})")
    elif kind == "const":
        reader.problem(path, f"must be {error.validator_value!r}")
    elif kind == "propertyNames":
        reader.problem(path, f"'{inst}' is not valid here: {error.message}")
    else:
        reader.problem(path, error.message)


def _json_type(v: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "nothing"}.get(type(v), type(v).__name__)


def _article(t: str) -> str:
    return {"object": "a mapping", "array": "a list", "string": "text",
            "integer": "a whole number"}.get(t, t)


# --- building the model from data that passed the schema -------------------------------------


def _build(d: dict[str, Any], file: str, r: _Reader) -> Letter:
    original = d["original"]
    languages = d.get("languages") or [original]
    if languages[0] != original:
        r.problem(("languages",), f"the original language '{original}' must come first")
    for i, lang in enumerate(languages):
        if lang not in resources.languages():
            known = ", ".join(sorted(resources.languages()))
            if _is_language(lang):
                r.problem(("languages", i), f"docgen has no catalog for '{lang}' yet", f"it writes {known}")
            else:
                r.problem(("languages", i), f"'{lang}' is not an ISO 639 language code", f"docgen writes {known}")
    date_ = _date(d["date"])
    letter = Letter(
        source=file,
        original=original,
        languages=[lang for lang in languages if lang in resources.languages()],  # no cascade of errors
        date=date_,
        issued=_date(d["issued"]),
        sender=_sender(d["from"], r),
        addressees=d["to"],
        body=[_text(t, ("body", i), r) for i, t in enumerate(d["body"])],
        symbols=d.get("symbols", []),
        distribution=d.get("distribution", "general"),
        jobs={k: Job(v["number"], _date(v["date"])) for k, v in d.get("jobs", {}).items()},
        general_assembly=_ga(d["general-assembly"], date_, r) if "general-assembly" in d else None,
        security_council=SecurityCouncil(date_.year - 1945) if "security-council" in d else None,
        annexes=[_annex(a, ("annexes", i), r) for i, a in enumerate(d.get("annexes", []))],
    )
    _check_facts(letter, d, r)
    return letter


def _is_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _text(d: dict[str, str], path: Path_, r: _Reader) -> Text:
    line, col = r.position(path)
    texts = {k: v for k, v in d.items() if not k.endswith(SOURCE_SUFFIX)}
    sources = {k.removesuffix(SOURCE_SUFFIX): v for k, v in d.items() if k.endswith(SOURCE_SUFFIX)}
    return Text(texts, dotted(path), line, col, sources)


def _sender(d: dict[str, Any], r: _Reader) -> Sender:
    return Sender(d["country"], d["role"], d["gender"], d["name"],
                  _text(d["title"], ("from", "title"), r) if "title" in d else None)


def _ga(d: dict[str, Any], date_: dt.date, r: _Reader) -> GeneralAssembly:
    # Regular session N opens in September of the year 1945 + N.
    session = d.get("session") or (date_.year - 1945 - (1 if date_.month < 9 else 0))
    items = [AgendaItem(str(it["number"]), _text(it["title"], ("general-assembly", "items", i, "title"), r))
             for i, it in enumerate(d["items"])]
    return GeneralAssembly(session, items)


def _annex(d: dict[str, Any], path: Path_, r: _Reader) -> Annex:
    return Annex([_part(p, (*path, "parts", i), r) for i, p in enumerate(d["parts"])])


def _part(d: dict[str, Any], path: Path_, r: _Reader) -> Event | Participants | TextPart:
    (kind, v), = d.items()
    p = (*path, kind)
    if kind == "event":
        return Event(_text(v["kind"], (*p, "kind"), r), _text(v["title"], (*p, "title"), r),
                     v["place"], _date(v["start"]), _date(v["end"]) if "end" in v else None)
    if kind == "participants":
        groups = [Group([_person(x, (*p, "groups", gi, "people", pi), r) for pi, x in enumerate(g["people"])],
                        g.get("heading")) for gi, g in enumerate(v["groups"])]
        return Participants(groups, _date(v["date"]) if "date" in v else None)
    paras = [Heading(_text(x["heading"], (*p, "paragraphs", i, "heading"), r)) if "heading" in x
             else _text(x, (*p, "paragraphs", i), r) for i, x in enumerate(v["paragraphs"])]
    title = _text(v["title"], (*p, "title"), r) if "title" in v else None
    return TextPart(paras, title, v.get("numbered", False))


def _person(d: dict[str, Any], path: Path_, r: _Reader) -> Person:
    fn = _text(d["function"], (*path, "function"), r) if "function" in d else None
    return Person(d["gender"], d["name"], d.get("rank"), d.get("role"), fn, d.get("country"))


def _check_facts(letter: Letter, d: dict[str, Any], r: _Reader) -> None:
    """What the schema cannot know: real countries, every text in every language, dates in order."""
    countries = resources.country_codes()
    for path, code in _walk(d, ()):
        if path[-1] in ("country", "place") and code not in countries:
            close = difflib.get_close_matches(code, sorted(countries), n=1)
            r.problem(path, f"'{code}' is not an ISO 3166-1 country code",
                      f"did you mean '{close[0]}'?" if close else "")
    for path, text in _texts(d, ()):
        for lang, value in text.items():
            if len(value) > MAX_TEXT:
                r.problem((*path, lang), f"text of {len(value):,} characters; one text may have at most {MAX_TEXT:,}",
                          "split it into paragraphs")
        if not text.get(letter.original, "").strip():  # translations are checked by docgen.translation
            r.problem(path, f"no '{letter.original}' text (the original language)",
                      f"add '{letter.original}:' to this text")
    for lang in letter.languages:
        if lang not in letter.jobs:
            r.problem(("jobs",), f"no job number for '{lang}'",
                      f"add jobs: {{{lang}: {{number: ..., date: ...}}}}")
    if letter.issued < letter.date:
        r.problem(("issued",), f"issued {letter.issued} before the letter's date {letter.date}")
    if not (letter.general_assembly or letter.security_council):
        r.problem((), "the letter names no organ", "add general-assembly: and/or security-council:")
    for ai, annex in enumerate(letter.annexes):
        for pi, part in enumerate(annex.parts):
            if isinstance(part, Event) and part.end and part.end < part.start:
                r.problem(("annexes", ai, "parts", pi, "event", "end"), "the event ends before it starts")


_TEXT_KEYS = {"title", "body", "function", "kind", "heading", "paragraphs"}


def _texts(d: Any, path: Path_) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every per-language text in the data (by the keys that hold texts)."""
    if isinstance(d, dict):
        for k, v in d.items():
            if k in ("body", "paragraphs"):
                for i, x in enumerate(v):
                    if "heading" not in x:
                        yield (*path, k, i), x
                    else:
                        yield from _texts(x, (*path, k, i))
            elif k in _TEXT_KEYS and isinstance(v, dict):
                yield (*path, k), v
            else:
                yield from _texts(v, (*path, k))
    elif isinstance(d, list):
        for i, x in enumerate(d):
            yield from _texts(x, (*path, i))


def _walk(d: Any, path: Path_) -> Iterator[tuple[Path_, Any]]:
    if isinstance(d, dict):
        for k, v in d.items():
            yield from _walk(v, (*path, k))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            yield from _walk(v, (*path, i))
    else:
        yield path, d
