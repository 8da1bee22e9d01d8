"""Stage 1: read a letter (YAML), check it against the format, and build a model.Letter.

Structure is checked by the JSON Schema that editors use too (docgen/letter.schema.json);
facts that a schema cannot know (country codes, dates in order, languages we can typeset)
are checked here. Every problem is collected and reported at once, with its line and column.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

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
    MarkdownPart,
    Part,
    Participants,
    Person,
    Section,
    SecurityCouncil,
    Sender,
    Text,
    TextPart,
)
from docgen.schema import Check, compile_schema

MAX_BYTES = 2_000_000  # the sample is 60 kB; a letter of megabytes is a mistake or an attack
MAX_TEXT = 200_000  # characters in one text: some 30 pages
SOURCE_SUFFIX = "-from"  # "fr-from": fingerprint of the original a French text was translated from
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

Path_ = tuple[str | int, ...]
UN_FOUNDED = dt.date(1945, 10, 24)


class _Loader(yaml.SafeLoader):
    """YAML with the booleans of YAML 1.2: `NO` (Norway) and `yes` stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same YAML through libyaml, twenty times faster, where PyYAML was built with it."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a letter; a malformed one is parsed again by the pure-Python loader,
    whose errors carry the wording and positions the diagnostics are made from."""
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except (yaml.YAMLError, RecursionError):
        return yaml.compose(text, Loader=_Loader)


# PyYAML's (context, problem) of common mistakes, in the words of someone writing a letter.
_SYNTAX = {
    ("while parsing a flow sequence", "expected ',' or ']'"): (
        "the list opened here with '[' is not closed",
        "add ']' at its end",
    ),
    ("while parsing a flow mapping", "expected ',' or '}'"): (
        "the keys opened here with '{' are not closed",
        "add '}' at their end",
    ),
    ("while scanning a quoted scalar", "found unexpected end of stream"): (
        "the quoted text that starts here is not closed",
        "add the closing quote",
    ),
    ("while scanning for the next token", "found character '\\t' that cannot start any token"): (
        "a tab character",
        "indent with spaces: YAML does not allow tabs",
    ),
    ("", "mapping values are not allowed here"): (
        "mapping values are not allowed here",
        "quote a text that contains ': ', or check this line's indentation",
    ),
    ("while parsing a block mapping", "expected <block end>"): (
        "this line is not indented like the keys around it",
        "check its indentation",
    ),
    ("", "found undefined alias"): ("an alias (*name) without its anchor (&name)", "define the anchor first"),
}


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
        self._scalars = _Loader("")
        self._open: set[int] = set()  # nodes being read: an alias to one of them is a cycle

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
        if id(node) in self._open:
            self.problem(path, "this alias refers to a value that contains it", "write the value out", key=True)
            return None
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self._open.discard(id(node))
        if node.tag.endswith(":timestamp"):
            return node.value  # dates stay text here; the schema checks them (format: date)
        try:
            return self._scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            return node.value

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for k, v in node.value:
                key = str(self._scalars.construct_object(k)) if isinstance(k, yaml.ScalarNode) else "?"
                self.key_marks[(*path, key)] = (k.start_mark.line + 1, k.start_mark.column + 1)
                if key in out:
                    self.problem((*path, key), f"duplicate key '{key}'", key=True)
                out[key] = self.value(v, (*path, key))
            return out
        return [self.value(v, (*path, i)) for i, v in enumerate(node.value)]


class _TooBig(Exception):
    pass


@cache
def schema() -> dict[str, Any]:
    return json.loads(resources.SCHEMA.read_text(encoding="utf-8"))


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator, FormatChecker  # only for a letter that is not valid

    return Draft202012Validator(schema(), format_checker=FormatChecker())


@cache
def _valid() -> Check | None:
    return compile_schema(schema())


def _schema_errors(data: Any) -> Iterable[Any]:
    """jsonschema's errors, which make the messages; none, without importing it, for a valid letter."""
    check = _valid()
    if check is not None and check(data):
        return []
    return _validator().iter_errors(data)


def load(path: str | Path) -> Letter:
    """Read and check one letter; raise LetterError with every problem found."""
    file = str(path)
    reader = _Reader(file)
    data = _parse(Path(path), reader)
    if not reader.problems and not isinstance(data, dict):
        reader.problem((), f"a letter is keys and values, found {_json_type(data)}", "start with 'docgen: 1'")
    letter = None
    if isinstance(data, dict):  # every mistake at once: structure and codes, whatever else is wrong
        reported = {p.where for p in reader.problems}  # a value refused while reading is not checked again
        for error in _schema_errors(data):
            if not any(dotted(tuple(error.absolute_path)).startswith(w) for w in reported if w):
                _schema_problem(reader, error)
        structure_ok = not reader.problems
        _check_codes(data, reader)
        if structure_ok:
            letter = _build(data, file, reader)
    if letter is not None and not reader.problems:
        return letter
    raise LetterError(reader.problems, letter)


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
        reader.problems.append(
            Problem(
                reader.file, line, col, f"not UTF-8 text (byte 0x{raw[e.start]:02x})", hint="save the file as UTF-8"
            )
        )
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as e:
        reader.problems.append(_syntax_problem(reader.file, e))
        return None
    except yaml.reader.ReaderError as e:  # a control character, which YAML forbids
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        reader.problems.append(
            Problem(
                reader.file,
                line,
                col,
                f"character U+{e.character:04X} is not allowed",
                hint="control characters cannot appear in a letter",
            )
        )
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
        reader.problem(
            (),
            f"more than {MAX_NODES:,} values (YAML aliases expanding?)",
            "write the values out instead of repeating aliases",
        )
        return None
    except RecursionError:
        reader.problem((), "the YAML is nested too deeply")
        return None


def _syntax_problem(file: str, e: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error where the mistake is: an unclosed quote or bracket at its opening."""
    problem, context = e.problem or "", e.context or ""
    what, hint = next(
        ((w, h) for (c, p), (w, h) in _SYNTAX.items() if context.startswith(c) and problem.startswith(p)),
        (" ".join(filter(None, [context, problem])), ""),
    )
    at_opening = e.context_mark and ("end of stream" in problem or "but got" in problem)
    mark = e.context_mark if at_opening else (e.problem_mark or e.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(file, line, col, f"YAML syntax: {what}", hint=hint)


def _schema_problem(reader: _Reader, error: Any) -> None:
    """One schema error as a problem a person can act on (never a Python repr)."""
    path: Path_ = tuple(error.absolute_path)
    kind, schema_, inst = error.validator, error.schema, error.instance
    examples = " or ".join(str(e) for e in schema_.get("examples", []))
    if kind == "additionalProperties":
        allowed = sorted(schema_.get("properties", {}))
        for key in sorted(set(inst) - set(allowed)):
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else f"allowed: {', '.join(allowed)}"
                if allowed
                else "nothing goes inside: write {}"
            )
            reader.problem((*path, key), f"unknown key '{key}'", hint, key=True)
    elif kind == "pattern" and "propertyNames" in error.schema_path:
        code = _language_named(str(inst))
        hint = f"did you mean '{code}'?" if code else f"a language code: {', '.join(sorted(resources.languages()))}"
        reader.problem((*path, inst), f"unknown key '{inst}'", hint, key=True)
    elif kind == "required":
        for key in error.validator_value:
            if key not in inst:
                reader.problem(path, f"missing required key '{key}'", key=True)
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        close = _abbreviated(str(inst), choices) or difflib.get_close_matches(str(inst), choices, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"one of: {', '.join(choices)}"
        reader.problem(path, f"'{inst}' is not allowed here", hint)
    elif kind == "type" and "examples" in schema_:
        reader.problem(path, f"'{inst}' is not {schema_['description']}", f"for example {examples}")
    elif kind == "type":
        reader.problem(path, f"expected {_expected(schema_)}, found {_json_type(inst)}", _type_hint(schema_, inst))
    elif kind == "format" and error.validator_value == "date":
        reader.problem(path, f"'{inst}' is not a date", "write an existing date as YYYY-MM-DD")
    elif kind == "pattern" and schema_.get("format") == "date":
        pass  # reported once, as a format error
    elif kind in ("pattern", "format"):
        what = schema_.get("description", f"of the form {schema_.get('pattern')}")
        reader.problem(path, f"'{inst}' is not {what}", f"for example {examples}" if examples else "")
    elif kind == "anyOf":
        reader.problem(
            path,
            "expected a text (one string per language, e.g. en: ..., fr: ...), "
            "a heading (heading: {en: ..., fr: ...}) or a section (section: {en: ..., fr: ...})",
        )
    elif kind == "const":
        reader.problem(path, f"must be {error.validator_value!r}")
    elif kind == "uniqueItems":
        seen: list[Any] = []
        for i, item in enumerate(inst):
            if item in seen:
                reader.problem((*path, i), f"'{item}' is listed twice", "remove one")
            seen.append(item)
    elif kind in ("maxProperties", "minProperties") and "participants" in schema_.get("properties", {}):
        second = list(inst)[1:2]  # where the '- ' of the next part is missing
        reader.problem(
            (*path, *second),
            "a part has exactly one key: event, participants, text or markdown",
            "start each part with '- '",
            key=bool(second),
        )
    elif kind == "minItems":
        reader.problem(path, "the list is empty", "give at least one item")
    else:
        reader.problem(path, error.message)


def _abbreviated(value: str, choices: list[str]) -> list[str]:
    """The one choice that a value abbreviates ('permanent-rep'), if there is exactly one."""
    starting = [c for c in choices if value and c.startswith(value)]
    return starting if len(starting) == 1 else []


def _language_named(key: str) -> str | None:
    """The language code a mistaken key means: 'francais', 'French', 'fre', 'fr_from' -> fr."""
    from babel import Locale

    def plain(s: str) -> str:
        return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()

    names: dict[str, str] = {}
    for code in resources.languages():
        names[code] = names[code + SOURCE_SUFFIX] = code
        for where in resources.languages():
            names[plain(Locale.parse(where).languages.get(code, code))] = code
    close = difflib.get_close_matches(plain(key).replace("_", "-"), list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def _expected(schema_: dict[str, Any]) -> str:
    if "propertyNames" in schema_ and "additionalProperties" in schema_:
        return "a text (one string per language)"
    want = schema_.get("type")
    return " or ".join(map(_article, want)) if isinstance(want, list) else _article(str(want))


def _type_hint(schema_: dict[str, Any], inst: Any) -> str:
    if "propertyNames" in schema_ and isinstance(inst, str):
        return "write it per language, e.g. {en: ..., fr: ...}"
    if schema_.get("type") == "object" and inst is None:
        return "write {} for a key with nothing inside"
    return ""


def _json_type(v: Any) -> str:
    return {
        dict: "keys",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }.get(type(v), type(v).__name__)


def _article(t: str) -> str:
    return {
        "object": "keys (key: value lines)",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "boolean": "true or false",
    }.get(t, t)


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
    drafted = _date(d["drafted"]) if "drafted" in d else None
    sender, *cosigners = _senders(d["from"], r)
    letter = Letter(
        source=file,
        original=original,
        languages=[lang for lang in languages if lang in resources.languages()],  # no cascade of errors
        date=date_,
        issued=_date(d["issued"]) if "issued" in d else drafted or date_,  # a draft's: its date of drafting
        sender=sender,
        cosigners=cosigners,
        addressees=d["to"],
        body=[_text(t, ("body", i), r) for i, t in enumerate(d["body"])],
        symbols=d.get("symbols", []),
        distribution=d.get("distribution", "general"),
        jobs={k: Job(v["number"], _date(v["date"])) for k, v in d.get("jobs", {}).items()},
        general_assembly=_ga(d["general-assembly"], date_, r) if "general-assembly" in d else None,
        security_council=SecurityCouncil(date_.year - 1945) if "security-council" in d else None,
        annexes=[_annex(a, ("annexes", i), r) for i, a in enumerate(d.get("annexes", []))],
        status=d.get("status", "final"),
        drafted=drafted,
        smart_quotes=d.get("smart-quotes", True),
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


def _senders(d: dict[str, Any] | list[dict[str, Any]], r: _Reader) -> list[Sender]:
    """`from:` is one sender, or a list of the senders of a joint letter."""
    if isinstance(d, list):
        return [_sender(s, ("from", i), r) for i, s in enumerate(d)]
    return [_sender(d, ("from",), r)]


def _sender(d: dict[str, Any], path: Path_, r: _Reader) -> Sender:
    return Sender(
        d["country"],
        d["role"],
        d["gender"],
        d["name"],
        _text(d["title"], (*path, "title"), r) if "title" in d else None,
    )


_SUB_ITEM = re.compile(r"^(\d+) \(([a-z])\)$")


def _ga(d: dict[str, Any], date_: dt.date, r: _Reader) -> GeneralAssembly:
    # Regular session N opens in September of the year 1945 + N.
    session = (
        d.get("emergency-special-session") or d.get("session") or (date_.year - 1945 - (1 if date_.month < 9 else 0))
    )
    return GeneralAssembly(
        session,
        [_item(it, i, r) for i, it in enumerate(d["items"])],
        emergency="emergency-special-session" in d,
        provisional_agenda=d.get("provisional-agenda"),
    )


def _item(d: dict[str, Any], i: int, r: _Reader) -> AgendaItem:
    title = _text(d["title"], ("general-assembly", "items", i, "title"), r)
    number = str(d["number"])
    if m := _SUB_ITEM.match(number):  # "65 (c)": item 65, sub-item c
        return AgendaItem(m.group(1), title, m.group(2))
    return AgendaItem(number, title)


def _annex(d: dict[str, Any], path: Path_, r: _Reader) -> Annex:
    return Annex([_part(p, (*path, "parts", i), r) for i, p in enumerate(d["parts"])], d.get("original"))


def _part(d: dict[str, Any], path: Path_, r: _Reader) -> Part:
    ((kind, v),) = d.items()
    p = (*path, kind)
    if kind == "event":
        return Event(
            _text(v["kind"], (*p, "kind"), r),
            _text(v["title"], (*p, "title"), r),
            v["place"],
            _date(v["start"]),
            _date(v["end"]) if "end" in v else None,
        )
    if kind == "participants":
        groups = [_group(g, (*p, "groups", gi), r) for gi, g in enumerate(v["groups"])]
        return Participants(groups, _date(v["date"]) if "date" in v else None)
    if kind == "markdown":
        return MarkdownPart(_text(v["body"], (*p, "body"), r), v.get("numbered", False))
    paras = [_paragraph(x, (*p, "paragraphs", i), r) for i, x in enumerate(v["paragraphs"])]
    title = _text(v["title"], (*p, "title"), r) if "title" in v else None
    return TextPart(paras, title, v.get("numbered", False))


def _paragraph(d: dict[str, Any], path: Path_, r: _Reader) -> Text | Heading | Section:
    if "heading" in d:
        return Heading(_text(d["heading"], (*path, "heading"), r))
    if "section" in d:
        return Section(_text(d["section"], (*path, "section"), r))
    return _text(d, path, r)


def _group(d: dict[str, Any], path: Path_, r: _Reader) -> Group:
    heading = d.get("heading")
    if isinstance(heading, dict):  # a heading of the author's own, as a text
        heading = _text(heading, (*path, "heading"), r)
    return Group([_person(x, (*path, "people", i), r) for i, x in enumerate(d["people"])], heading)


def _person(d: dict[str, Any], path: Path_, r: _Reader) -> Person:
    fn = _text(d["function"], (*path, "function"), r) if "function" in d else None
    org = _text(d["organization"], (*path, "organization"), r) if "organization" in d else None
    return Person(d["gender"], d["name"], d.get("rank"), d.get("role"), fn, d.get("country"), org)


def _check_codes(d: dict[str, Any], r: _Reader) -> None:
    """Country codes name real countries (checked on the raw data, even if its structure is wrong)."""
    countries = resources.country_codes()
    for path, code in _walk(d, ()):
        well_formed = isinstance(code, str) and re.fullmatch("[A-Z]{2}", code)  # else the schema said so
        if path and path[-1] in ("country", "place") and well_formed and code not in countries:
            close = difflib.get_close_matches(code.upper(), sorted(countries), n=1)
            r.problem(
                path,
                f"'{code}' is not an ISO 3166-1 country code",
                f"did you mean '{close[0]}'?" if close else "for example PT or FR",
            )


def _check_facts(letter: Letter, d: dict[str, Any], r: _Reader) -> None:
    """What the schema cannot know: texts in the original language, dates in order."""
    for path, text in _texts(d, ()):
        for lang, value in text.items():
            if len(value) > MAX_TEXT:
                r.problem(
                    (*path, lang),
                    f"text of {len(value):,} characters; one text may have at most {MAX_TEXT:,}",
                    "split it into paragraphs",
                )
        if not text.get(letter.original, "").strip():  # translations are checked by docgen.translation
            r.problem(
                path, f"no '{letter.original}' text (the original language)", f"add '{letter.original}:' to this text"
            )
    if not letter.draft:
        _check_final(letter, d, r)
    for key, when in (("date", letter.date), ("issued", letter.issued), ("drafted", letter.drafted)):
        if when and when < UN_FOUNDED:
            r.problem((key,), f"{when} is before the United Nations existed", "check the year")
    if letter.issued < letter.date and "issued" in d:
        r.problem(("issued",), f"the date of issue ({letter.issued}) is before the letter's date ({letter.date})")
    if not (letter.general_assembly or letter.security_council):
        r.problem((), "the letter names no organ", "add general-assembly: and/or security-council:")
    ga = d.get("general-assembly", {})
    if "session" in ga and "emergency-special-session" in ga:
        r.problem(
            ("general-assembly", "emergency-special-session"),
            "a letter is circulated under a regular session or an emergency special session, not both",
            "remove session: or emergency-special-session:",
        )
    _check_annexes(letter, r)


DRAFT_HINT = "or mark the letter as a draft: status: draft"


def _check_final(letter: Letter, d: dict[str, Any], r: _Reader) -> None:
    """A final letter has what the Secretariat assigns: symbols, issue date, job numbers."""
    if "symbols" not in d:
        r.problem((), "a final letter needs its document symbols", f"add symbols: [A/..., S/...], {DRAFT_HINT}")
    if "issued" not in d:
        r.problem((), "a final letter needs its date of issue", f"add issued: YYYY-MM-DD, {DRAFT_HINT}")
    if "jobs" not in d:
        r.problem(
            (),
            "a final letter needs its job numbers",
            f"add jobs: {{{letter.original}: {{number: ..., date: ...}}}}, {DRAFT_HINT}",
        )
        return
    for lang in letter.languages:
        if lang not in letter.jobs:
            r.problem(("jobs",), f"no job number for '{lang}'", f"add jobs: {{{lang}: {{number: ..., date: ...}}}}")


def _check_annexes(letter: Letter, r: _Reader) -> None:
    for ai, annex in enumerate(letter.annexes):
        if annex.original and not _is_language(annex.original):
            r.problem(
                ("annexes", ai, "original"),
                f"'{annex.original}' is not an ISO 639 language code",
                "for example en or fr",
            )
        for pi, part in enumerate(annex.parts):
            if isinstance(part, Event) and part.end and part.end < part.start:
                r.problem(
                    ("annexes", ai, "parts", pi, "event", "end"),
                    f"the event ends ({part.end}) before it starts ({part.start})",
                )


_TEXT_KEYS = {"title", "body", "function", "kind", "heading", "section", "organization"}


def _texts(d: Any, path: Path_) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every per-language text in the data (by the keys that hold texts)."""
    if isinstance(d, dict):
        for k, v in d.items():
            if k in ("body", "paragraphs") and isinstance(v, list):
                for i, x in enumerate(v):
                    if "heading" in x or "section" in x:
                        yield from _texts(x, (*path, k, i))
                    else:
                        yield (*path, k, i), x
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
