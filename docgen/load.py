"""Stage 1: read a letter (YAML), check it against the format, and build a model.Letter.

Structure is checked by the JSON Schema that editors use too (docgen/letter.schema.json);
facts that a schema cannot know (country codes, dates in order, languages we can typeset)
are checked here. Every problem is collected and reported at once, with its line and column.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from docgen import chars, fonts, markup, process, resources, sessions
from docgen.diagnostics import LetterError, Problem
from docgen.model import (
    AgendaItem,
    Annex,
    Circulation,
    Dateline,
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
    SubItem,
    Text,
    TextPart,
)
from docgen.schema import Check, compile_schema

MAX_BYTES = 2_000_000  # the sample is 60 kB; a letter of megabytes is a mistake or an attack
MAX_TEXT = 200_000  # characters in one text: some 30 pages
MAX_VOLUME = 1_000_000  # characters of all texts, aliases expanded: some 150 pages per language
SOURCE_SUFFIX = "-from"  # "fr-from": fingerprint of the original a French text was translated from
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_MERGE = "tag:yaml.org,2002:merge"  # `<<: *defaults`: the keys of another mapping, unless given here
_STR = "tag:yaml.org,2002:str"

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


# The implicit resolvers a plain scalar's first character selects, the wildcard ones included.
_IMPLICIT = {
    first: resolvers + _Loader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same YAML through libyaml, twenty times faster, where PyYAML was built with it.

    libyaml calls back into Python to resolve every node's tag, and PyYAML's resolver then
    cost more than the parse itself. These are the same rules (the table above, and the
    default tags) without its general machinery: docgen adds no path resolvers, so there is no
    path to track from node to node."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _MAP if kind is yaml.MappingNode else _SEQ

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _compose(raw: bytes, text: str) -> yaml.Node | None:
    """The node tree of a letter (its bytes, which libyaml reads as they are: as text, they
    would be encoded to UTF-8 again; the marks count characters either way). A malformed one
    is parsed again, as text, by the pure-Python loader, whose errors carry the wording and
    positions the diagnostics are made from."""
    try:
        return yaml.compose(raw, Loader=_FastLoader)
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
        self.source = ""  # the letter's text, to place a problem on the character it is about
        # Where each value and key starts, and the node of each text (its span in the source):
        # kept as PyYAML gives them, and made line and column only where a problem is placed.
        self.marks: dict[Path_, yaml.Mark] = {}
        self.key_marks: dict[Path_, yaml.Mark] = {}
        self.text_nodes: dict[Path_, yaml.Node] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.volume = 0  # characters of text read, aliases expanded
        self._scalars = _Loader("")
        self._open: set[int] = set()  # nodes being read: an alias to one of them is a cycle
        self._key_lines: list[int] | None = None  # where lines that start like "fr:" start

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> None:
        line, col = self.position(path, key)
        self.problems.append(Problem(self.file, line, col, message, dotted(path), hint))

    def position(self, path: Path_, key: bool = False) -> tuple[int, int]:
        marks = self.key_marks if key and path in self.key_marks else self.marks
        while path not in marks and path:
            path = path[:-1]
        mark = marks.get(path)
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def span(self, path: Path_) -> tuple[int, int]:
        """Where a text value stands in the source, as offsets (0, 0 if it is not a text)."""
        node = self.text_nodes.get(path)
        return (node.start_mark.index, node.end_mark.index) if node else (0, 0)

    def key_lines_within(self, start: int, end: int) -> bool:
        """Whether a line that starts in (start, end) of the source starts like a language key
        ("fr:"). The lines are found in one pass over the source, the first time it is asked:
        a letter has hundreds of texts, and nearly none holds such a line."""
        if self._key_lines is None:
            self._key_lines = [m.start() + 1 for m in _KEY_START.finditer(self.source)]
        at = bisect.bisect_right(self._key_lines, start)
        return at < len(self._key_lines) and self._key_lines[at] < end

    def find(self, path: Path_, needle: str) -> tuple[int, int]:
        """Line and column of `needle` in the source of a text value (else the value's own)."""
        start, end = self.span(path)
        at = self.source.find(needle, start, end)
        if at < 0:  # written as an escape ("\\u738b"), or not in this value's source
            return self.position(path)
        line_start = self.source.rfind("\n", 0, at) + 1
        return self.source.count("\n", 0, at) + 1, at - line_start + 1

    def value(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(f"more than {MAX_NODES:,} values (YAML aliases expanding?)")
        self.marks[path] = node.start_mark
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:  # nearly every value: a text
            return self._string(node, node.value, path)
        if tag not in _PLAIN_TAGS:
            self.problem(path, f"YAML tag {tag!r} is not allowed", "letters hold plain data only")
            return None
        if id(node) in self._open:
            self.problem(path, "this alias refers to a value that contains it", "write the value out", key=True)
            return None
        if type(node) is not yaml.ScalarNode:
            self._open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self._open.discard(id(node))
        if tag.endswith(":timestamp"):
            return node.value  # dates stay text here; the schema checks them (format: date)
        try:  # what PyYAML's constructor makes of a number, a boolean, a null
            value = self._scalars.construct_object(node)
        except (ValueError, yaml.YAMLError):
            value = node.value
        return self._string(node, value, path) if isinstance(value, str) else value

    def _string(self, node: yaml.Node, value: str, path: Path_) -> str:
        """A string value as the letter holds it (chars.clean), its node kept for its span."""
        self.text_nodes[path] = node
        value = chars.clean(value)
        self.volume += len(value)
        if self.volume > MAX_VOLUME:
            raise _TooBig(f"the texts hold more than {MAX_VOLUME:,} characters (YAML aliases expanding?)")
        return value

    def _collection(self, node: yaml.Node, path: Path_) -> Any:
        if type(node) is yaml.SequenceNode:
            return [self.value(v, (*path, i)) for i, v in enumerate(node.value)]
        out: dict[str, Any] = {}
        for k, v, merged in self._pairs(node, path):
            key = self._key(k)
            if key in out and merged:
                continue  # a merged key gives way to the one written here (YAML's rule)
            where = (*path, key)
            self.key_marks[where] = k.start_mark
            if key in out:
                self.problem(where, f"duplicate key '{key}'", key=True)
            out[key] = self.value(v, where)
        return out

    def _key(self, k: yaml.Node) -> str:
        if k.tag == _STR and isinstance(k, yaml.ScalarNode):
            return k.value
        return str(self._scalars.construct_object(k)) if isinstance(k, yaml.ScalarNode) else "?"

    def _pairs(self, node: yaml.MappingNode, path: Path_) -> list[tuple[yaml.Node, yaml.Node, bool]]:
        """A mapping's own key-value pairs, then those its merge keys (`<<:`) bring in."""
        own = [(k, v, False) for k, v in node.value if k.tag != _MERGE]
        if len(own) == len(node.value):  # nearly every mapping: no merge key
            return own
        merged: list[tuple[yaml.Node, yaml.Node, bool]] = []
        for k, v in node.value:
            if k.tag != _MERGE:
                continue
            for source in v.value if isinstance(v, yaml.SequenceNode) else [v]:
                if not isinstance(source, yaml.MappingNode):
                    self.marks[(*path, "<<")] = source.start_mark
                    self.problem(
                        (*path, "<<"),
                        "a merge key (<<) takes keys: an alias (*name) of a mapping",
                        "write <<: *name, where &name marks keys",
                    )
                elif id(source) in self._open:
                    self.problem((*path, "<<"), "this alias refers to a value that contains it", "write the value out")
                else:
                    self._open.add(id(source))
                    merged += [(mk, mv, True) for mk, mv, _ in self._pairs(source, path)]
                    self._open.discard(id(source))
        return own + merged


class _TooBig(Exception):
    """The data grew past a limit while being read (aliases expanding): its message says which."""


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


def _close_matches(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """difflib's suggestion for a mistake, imported only when there is one (difflib and heapq:
    some 0.8 ms of every cold start)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n, cutoff=cutoff)


@process.paused()
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
        values = list(_walk(data, ()))  # both checks below read every value
        _check_codes(values, reader)
        if structure_ok:
            letter = _build(data, values, file, reader)
    if letter is not None and not reader.problems:
        return letter
    raise LetterError(reader.problems, letter)


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's first `limit` + 1 bytes at most: a device (/dev/zero) or a pipe is
    refused before anything is read, and opening a FIFO does not wait for a writer."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(path)
        # As many bytes as the file has, and one more: a read of `limit` + 1 would first make a
        # buffer of that size. Should that one more come, the file grew: it is read on.
        want = min(info.st_size, limit) + 1
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(want)
            return data + f.read(limit + 1 - want) if len(data) == want <= limit else data
    finally:
        os.close(fd)


class NotAFile(OSError):
    """A path that names a folder, a device, a pipe or a socket rather than a file."""


def _parse(path: Path, reader: _Reader) -> Any:
    try:
        raw = read_bounded(path)
    except NotAFile:
        reader.problem((), "not a file (a folder, a device or a pipe)", "give the path of a letter's .yaml file")
        return None
    except OSError as e:
        reader.problem((), f"cannot read the letter: {e.strerror}")
        return None
    if len(raw) > MAX_BYTES:
        size = os.stat(path).st_size
        reader.problem((), f"file is {size:,} bytes; a letter may have at most {MAX_BYTES:,}")
        return None
    try:  # a byte-order mark is no character of the letter (nor of libyaml's positions)
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        reader.problems.append(
            Problem(
                reader.file, line, col, f"not UTF-8 text (byte 0x{raw[e.start]:02x})", hint="save the file as UTF-8"
            )
        )
        return None
    reader.source = text
    try:
        node = _compose(raw, text)
    except yaml.MarkedYAMLError as e:
        reader.problems.append(_syntax_problem(reader.file, e, text))
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
        reader.problems.append(_too_deep(reader.file, text))
        return None
    if node is None:
        reader.problem((), "the file is empty")
        return None
    try:
        return reader.value(node, ())
    except _TooBig as e:
        reader.problem((), str(e), "write the values out instead of repeating aliases")
        return None
    except RecursionError:
        reader.problems.append(_too_deep(reader.file, text))
        return None


_OPENS = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _too_deep(file: str, text: str) -> Problem:
    """Where the nesting that PyYAML's recursion could not follow begins: the outermost of the
    brackets (or indented blocks) still open when the nesting grew too deep. The scanner,
    unlike the composer, does not recurse."""
    open_: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, _OPENS):
                open_.append(token)
                if len(open_) > 100:
                    break
            elif isinstance(token, _CLOSES) and open_:
                open_.pop()
    except yaml.YAMLError:
        pass
    flow = [t for t in open_ if isinstance(t, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken)]
    mark = (flow or open_[-1:] or [None])[0]
    line, col = (mark.start_mark.line + 1, mark.start_mark.column + 1) if mark else (1, 1)
    return Problem(file, line, col, "the YAML is nested too deeply here")


def _syntax_problem(file: str, e: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error where the mistake is: an unclosed quote or bracket at its opening."""
    problem, context = e.problem or "", e.context or ""
    what, hint = next(
        ((w, h) for (c, p), (w, h) in _SYNTAX.items() if context.startswith(c) and problem.startswith(p)),
        (" ".join(filter(None, [context, problem])), ""),
    )
    at_opening = e.context_mark and ("end of stream" in problem or "but got" in problem)
    mark = e.context_mark if at_opening else (e.problem_mark or e.context_mark)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if e.problem_mark and (quote := _runaway_quote(text, e.problem_mark.line)):
        start, end = quote
        return Problem(
            file,
            start.line + 1,
            start.column + 1,
            f"YAML syntax: {_SYNTAX_UNCLOSED[0]}",
            hint=f"add the closing quote: the {text[end.index - 1]} on line {end.line + 1}, "
            f"column {end.column}, ends it now",
        )
    if problem.startswith("mapping values are not allowed") and (key := _indented_key(text, line)):
        hint = f"'{key}:' is indented more than the key above it: align the two"
    return Problem(file, line, col, f"YAML syntax: {what}", hint=hint)


_SYNTAX_UNCLOSED = _SYNTAX[("while scanning a quoted scalar", "found unexpected end of stream")]
_KEY_LINE = re.compile(r"^( *)(?:- )?([a-z]{2,3}(?:-from)?):(?: |$)")  # a text's language key


def _runaway_quote(text: str, error_line: int) -> tuple[yaml.Mark, yaml.Mark] | None:
    """A quoted text that runs over lines and ends on the line of the error: its quote was not
    closed, and a quote further on (the apostrophe of "L'Ambassadrice") was taken as its end."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass
    if last and last.start_mark.line < last.end_mark.line == error_line:
        return last.start_mark, last.end_mark
    return None


def _indented_key(text: str, line: int) -> str | None:
    """A text's language key indented deeper than the one above it (`fr:` under `en:`)."""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return None
    here, above = _KEY_LINE.match(lines[line - 1]), _KEY_LINE.match(lines[line - 2])
    if here and above and len(here.group(1)) > len(above.group(1)) + (2 if "- " in above.group(0) else 0):
        return here.group(2)
    return None


def _chosen_branch(error: Any) -> list[Any]:
    """The errors inside the one paragraph kind an entry names by its key (`dateline:`...)."""
    inst = error.instance
    key = next((k for k in ("dateline", "heading", "section") if isinstance(inst, dict) and k in inst), None)
    branches = [i for i, s in enumerate(error.validator_value) if key and s.get("$ref") == f"#/$defs/{key}"]
    return [e for e in error.context or () if branches and e.relative_schema_path[0] == branches[0]]


def _schema_problem(reader: _Reader, error: Any) -> None:
    """One schema error as a problem a person can act on (never a Python repr)."""
    path: Path_ = tuple(error.absolute_path)
    kind, schema_, inst = error.validator, error.schema, error.instance
    examples = " or ".join(str(e) for e in schema_.get("examples", []))
    if kind == "additionalProperties":
        allowed = sorted(schema_.get("properties", {}))
        for key in sorted(set(inst) - set(allowed)):
            close = _close_matches(key, allowed, n=1)
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
        close = _abbreviated(str(inst), choices) or _close_matches(str(inst), choices, n=1)
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
    elif kind == "minLength" or (kind == "pattern" and schema_.get("pattern") == r"\S"):
        reader.problem(path, "is empty (spaces and invisible characters do not count)", "write it, or remove the key")
    elif kind == "pattern" and path and path[-1] in ("country", "place") and (meant := country_meant(str(inst))):
        reader.problem(path, f"'{inst}' is not {schema_['description']}", f"did you mean '{meant}'?")
    elif kind in ("pattern", "format"):
        what = schema_.get("description", f"of the form {schema_.get('pattern')}")
        reader.problem(path, f"'{inst}' is not {what}", f"for example {examples}" if examples else "")
    elif kind == "anyOf" and "pattern" in schema_:
        pass  # a country code outside the list the schema offers editors: _check_codes says which
    elif kind == "anyOf" and (inner := _chosen_branch(error)):
        for sub in inner:  # a dateline, heading or section written wrongly: say what is wrong inside it
            _schema_problem(reader, sub)
    elif kind == "anyOf":
        reader.problem(
            path,
            "expected a text (one string per language, e.g. en: ..., fr: ...), "
            "a heading (heading: {en: ..., fr: ...}), a section (section: {en: ..., fr: ...}) "
            "or a place-and-date line (dateline: {city: ..., date: ...})",
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
    close = _close_matches(plain(key).replace("_", "-"), list(names), n=1, cutoff=0.6)
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


def _build(d: dict[str, Any], values: list[tuple[Path_, Any]], file: str, r: _Reader) -> Letter:
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
        general_assembly=_ga(d["general-assembly"], d.get("symbols", []), date_, r)
        if "general-assembly" in d
        else None,
        security_council=SecurityCouncil(sessions.council_year(d.get("symbols", []), date_))
        if "security-council" in d
        else None,
        annexes=[_annex(a, ("annexes", i), r) for i, a in enumerate(d.get("annexes", []))],
        status=d.get("status", "final"),
        drafted=drafted,
        smart_quotes=d.get("smart-quotes", True),
        identical=d.get("identical", True),
        circulation=_circulation(d.get("circulation", {}), r),
        qr_code=d.get("qr-code"),
        title_note=_note(d, (), "title-note", r),
    )
    _check_facts(letter, d, values, r)
    return _check_circulation(letter, r)


def _circulation(d: dict[str, Any] | bool, r: _Reader) -> Circulation:
    """`circulation: false` (the body makes the request), or a formula, the session or wording."""
    if d is False:
        return Circulation(generated=False)
    assert isinstance(d, dict)
    if "wording" in d and "formula" in d:
        r.problem(("circulation", "wording"), "a request has its own wording or a standard formula, not both",
                  "remove formula: or wording:")  # fmt: skip
    wording = _text(d["wording"], ("circulation", "wording"), r) if "wording" in d else None
    return Circulation(d.get("formula", "grateful"), d.get("session", True), wording)


def _check_circulation(letter: Letter, r: _Reader) -> Letter:
    """A formula fits the organs; a body that already asks for circulation gets a warning."""
    c = letter.circulation
    if c.formula == "attention-of-council" and not letter.security_council:
        r.problem(("circulation", "formula"), "attention-of-council asks for a document of the Security Council",
                  "add security-council: {} or choose another formula")  # fmt: skip
    if not c.generated:
        return letter
    from docgen.language import requests

    for text in letter.body:
        for lang in letter.languages:
            value = text.get(lang) or ""
            if any(p.search(value) for p in requests(lang)):
                where = f"{text.place}.{lang}"
                message = "this paragraph asks for circulation, and docgen adds its own request too"
                hint = "remove the paragraph's request, or write circulation: false"
                warning = Problem(r.file, text.line, text.col, message, where, hint, severity="warning")
                return dataclasses.replace(letter, warnings=(*letter.warnings, warning))
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
    family = d.get("family-name")
    if family is not None and not re.search(rf"(?<!\w){re.escape(family)}(?!\w)", d["name"]):
        r.problem((*path, "family-name"), f"'{family}' is not part of the name '{d['name']}'",
                  "write the family name as the name spells it")  # fmt: skip
    return Sender(
        d["country"],
        d["role"],
        d["gender"],
        d["name"],
        _text(d["title"], (*path, "title"), r) if "title" in d else None,
        family,
    )


_SUB_ITEM = re.compile(r"^(\d+) \(([a-z])\)$")


def _ga(d: dict[str, Any], symbols: list[str], date_: dt.date, r: _Reader) -> GeneralAssembly:
    session, emergency, disagreeing = sessions.assembly_session(d, symbols, date_)
    first = sessions.claims(d, symbols)[:1]
    for claim in disagreeing:
        r.problem(claim.place, claim.disagrees(first[0], dotted(first[0].place)), "correct one of the two")
    return GeneralAssembly(
        session,
        [_item(it, i, r) for i, it in enumerate(d["items"])],
        emergency=emergency,
        provisional_agenda=d.get("provisional-agenda"),
    )


def _item(d: dict[str, Any], i: int, r: _Reader) -> AgendaItem:
    path = ("general-assembly", "items", i)
    title = _text(d["title"], (*path, "title"), r)
    number = str(d["number"])
    subs = tuple(_sub_item(s, (*path, "sub-items", j), r) for j, s in enumerate(d.get("sub-items", [])))
    if m := _SUB_ITEM.match(number):  # "65 (c)": item 65, sub-item c
        if subs:
            r.problem((*path, "number"), f"'{number}' names a sub-item, and sub-items: lists others",
                      f"write number: {m.group(1)} and list every sub-item under sub-items:")  # fmt: skip
        return AgendaItem(m.group(1), title, (SubItem(m.group(2)),))
    return AgendaItem(number, title, subs)


def _sub_item(d: str | dict[str, Any], path: Path_, r: _Reader) -> SubItem:
    if isinstance(d, str):
        return SubItem(d)
    return SubItem(d["letter"], _text(d["title"], (*path, "title"), r) if "title" in d else None)


def _annex(d: dict[str, Any], path: Path_, r: _Reader) -> Annex:
    parts = [_part(p, (*path, "parts", i), r) for i, p in enumerate(d["parts"])]
    return Annex(parts, d.get("original"), _note(d, path, "heading-note", r))


def _note(d: dict[str, Any], path: Path_, key: str, r: _Reader) -> Text | None:
    """An author's note on a title or heading (`title-note:`, `heading-note:`), if there is one."""
    return _text(d[key], (*path, key), r) if key in d else None


def _part(d: dict[str, Any], path: Path_, r: _Reader) -> Part:
    ((kind, v),) = d.items()
    p = (*path, kind)
    if kind == "event":
        if "place" not in v and "city" not in v:
            r.problem(p, "an event needs its place", "add place: (a country code), city: {...}, or both")
        return Event(
            _text(v["kind"], (*p, "kind"), r),
            _text(v["title"], (*p, "title"), r),
            v.get("place"),
            _date(v["start"]),
            _date(v["end"]) if "end" in v else None,
            _text(v["city"], (*p, "city"), r) if "city" in v else None,
            _text(v["venue"], (*p, "venue"), r) if "venue" in v else None,
            _note(v, p, "title-note", r),
        )
    if kind == "participants":
        groups = [_group(g, (*p, "groups", gi), r) for gi, g in enumerate(v["groups"])]
        return Participants(groups, _date(v["date"]) if "date" in v else None)
    if kind == "markdown":
        return MarkdownPart(_text(v["body"], (*p, "body"), r), v.get("numbered", False))
    paras = [_paragraph(x, (*p, "paragraphs", i), r) for i, x in enumerate(v["paragraphs"])]
    title = _text(v["title"], (*p, "title"), r) if "title" in v else None
    if "title-note" in v and title is None:
        r.problem(
            (*p, "title-note"), "a note on the title of a text that has no title", "add title: or remove title-note:"
        )
    return TextPart(paras, title, v.get("numbered", False), _note(v, p, "title-note", r))


def _paragraph(d: dict[str, Any], path: Path_, r: _Reader) -> Text | Heading | Section | Dateline:
    if "dateline" in d:
        v = d["dateline"]
        return Dateline(_text(v["city"], (*path, "dateline", "city"), r), _date(v["date"]))
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


def _check_codes(values: list[tuple[Path_, Any]], r: _Reader) -> None:
    """Country codes name real countries (checked on the raw data, even if its structure is wrong)."""
    countries = resources.country_codes()
    for path, code in values:
        if not path or path[-1] not in ("country", "place") or not isinstance(code, str):
            continue
        if code not in countries and re.fullmatch("[A-Z]{2}", code):  # else the schema said so
            meant = country_meant(code)
            r.problem(
                path,
                f"'{code}' is not an ISO 3166-1 country code",
                f"did you mean '{meant}'?" if meant else "for example PT or FR",
            )


@cache
def _country_aliases() -> dict[str, str]:
    """CLDR's aliases of a country code that stand for one country (UK, DEU), and ours."""
    from babel.core import get_global

    countries = resources.country_codes()
    cldr = {
        old: new[0]
        for old, new in get_global("territory_aliases").items()
        if len(new) == 1 and new[0] in countries and old.isalpha()
    }
    return cldr | yaml.safe_load((resources.PACKAGE / "country-aliases.yaml").read_text(encoding="utf-8"))


@cache
def _country_names() -> dict[str, str]:
    """Every country's CLDR name in each language docgen writes, folded, to its code."""
    from babel import Locale

    countries = resources.country_codes()
    return {
        _folded(name): code
        for lang in sorted(resources.languages())
        for code, name in Locale.parse(lang).territories.items()
        if code in countries
    }


def _folded(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().strip()


def country_meant(value: str) -> str | None:
    """The country code a mistaken value means: 'UK' -> GB (a common alias), 'Portugal' -> PT
    (a name, in any language docgen writes), 'PX' -> PT (a typo)."""
    if value.upper() in resources.country_codes():
        return value.upper()
    if value.upper() in _country_aliases():
        return _country_aliases()[value.upper()]
    names = _country_names()
    if len(value) > 3 and (close := _close_matches(_folded(value), list(names), n=1, cutoff=0.8)):
        return names[close[0]]
    close = _close_matches(value.upper(), sorted(resources.country_codes()), n=1)
    return close[0] if close and len(value) == 2 else None


def _check_facts(letter: Letter, d: dict[str, Any], values: list[tuple[Path_, Any]], r: _Reader) -> None:
    """What the schema cannot know: texts in the original language, dates in order."""
    texts = dict(_texts(d, ()))
    printed = _Printed()
    for path, text in texts.items():
        for lang, value in text.items():
            if len(value) > MAX_TEXT:
                r.problem(
                    (*path, lang),
                    f"text of {len(value):,} characters; one text may have at most {MAX_TEXT:,}",
                    "split it into paragraphs",
                )
            elif not lang.endswith(SOURCE_SUFFIX):
                _check_text(letter, text, (*path, lang), value, path[-1] in _INLINE_KEYS, r, printed)
        if not text.get(letter.original, "").strip():  # translations are checked by docgen.translation
            r.problem(
                path, f"no '{letter.original}' text (the original language)", f"add '{letter.original}:' to this text"
            )
    for path, value in values:  # names, places...: printed in every language
        if isinstance(value, str) and path[:-1] not in texts:
            printed.add(path, value, letter.languages)
    printed.check(r)
    if not letter.draft:
        _check_final(letter, d, r)
    for key, when in (("date", letter.date), ("issued", letter.issued), ("drafted", letter.drafted)):
        if when and when < UN_FOUNDED:
            r.problem((key,), f"{when} is before the United Nations existed", "check the year")
    if letter.issued < letter.date and "issued" in d:
        r.problem(("issued",), f"the date of issue ({letter.issued}) is before the letter's date ({letter.date})")
    if not (letter.general_assembly or letter.security_council):
        r.problem((), "the letter names no organ", "add general-assembly: and/or security-council:")
    if "identical" in d and len(letter.addressees) < 2:
        r.problem(
            ("identical",),
            "identical says how a letter goes to several addressees, and `to` names one",
            "remove identical, or add the other addressees to `to`",
        )
    ga = d.get("general-assembly", {})
    if "session" in ga and "emergency-special-session" in ga:
        r.problem(
            ("general-assembly", "emergency-special-session"),
            "a letter is circulated under a regular session or an emergency special session, not both",
            "remove session: or emergency-special-session:",
        )
    _check_annexes(letter, r)


# Texts that stand where one line of text goes (a title, a name's function): no blocks inside.
_INLINE_KEYS = {"title", "kind", "function", "organization", "heading", "section", "title-note", "heading-note"}
_NOTE_DEFINED = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_LANGUAGE_KEY = re.compile(r"^[ \t]*([a-z]{2,3}(?:-from)?):(?:[ \t]|$)", re.M)
# A line where _LANGUAGE_KEY may match, after its line end: a literal first, which the regex
# engine searches for (a "^" of re.M is tried at every character: six times slower).
_KEY_START = re.compile(r"\n[ \t]*[a-z]{2,3}(?:-from)?:")


def _check_text(
    letter: Letter, text: dict[str, str], path: Path_, value: str, inline: bool, r: _Reader, printed: _Printed
) -> None:
    """One text in one language: printable in the versions it appears in (the original's also
    in the versions that lack their translation: a draft shows it there), no key of the letter
    swallowed into it, its Markdown within the limits layout can honour."""
    lang = str(path[-1])
    if swallowed := _swallowed_key(letter, path, r):
        key, line, col = swallowed
        hint = f"if '{key}:' is a key, indent it like '{lang}:'"
        r.problems.append(
            Problem(r.file, line, col, f"a line of this '{lang}' text starts with '{key}:'", dotted(path), hint)
        )
    if lang == letter.original:
        shown_in = [v for v in letter.languages if v == lang or not str(text.get(v) or "").strip()]
    else:
        shown_in = [lang] if lang in letter.languages else []
    printed.add(path, value, shown_in)
    labels = _NOTE_DEFINED.findall(value) if "[^" in value else []
    if inline and labels:
        r.problem(
            path,
            f"a footnote ([^{labels[0]}]:) cannot be defined here: this text is one line",
            "define the footnote in a paragraph of the letter or of an annex",
        )
    elif twice := sorted({label for label in labels if labels.count(label) > 1}):
        r.problem(path, f"footnote [^{twice[0]}] is defined twice in this text", "give each footnote its own label")
    if inline or not markup.may_exceed_limits(value):
        return  # too few markers to nest too deep, too few "|" for too many columns
    shape = markup.shape(value)
    if shape.depth > markup.MAX_DEPTH:
        r.problem(
            path,
            f"quotes and lists are nested {shape.depth} deep; at most {markup.MAX_DEPTH} can be laid out",
            "nest them less deeply",
        )
    if shape.columns > markup.MAX_COLUMNS:
        r.problem(
            path,
            f"a table of {shape.columns} columns; at most {markup.MAX_COLUMNS} fit the page",
            "split the table, or give its columns as rows",
        )


def _swallowed_key(letter: Letter, path: Path_, r: _Reader) -> tuple[str, int, int] | None:
    """A language key (`fr:`) that starts a line of a text's source after its first: indented
    too far, it became part of the text above it (a block scalar `>-` takes it in silently)."""
    start, end = r.span(path)
    first_break = r.source.find("\n", start, end)
    if first_break < 0 or not r.key_lines_within(first_break, end):
        return None
    keys = resources.languages() | set(letter.languages)
    for m in _LANGUAGE_KEY.finditer(r.source, first_break, end):
        if m.group(1).removesuffix(SOURCE_SUFFIX) in keys:
            at = m.start(1)
            return m.group(1), r.source.count("\n", 0, at) + 1, at - r.source.rfind("\n", 0, at)
    return None


class _Printed:
    """The texts to check for characters no font draws, grouped by the versions they are
    printed in, so that each group is checked at once: a letter whose characters all print
    (nearly every one) costs one test per group, and only a group that has a problem is
    searched text by text for where it stands."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, ...], list[tuple[Path_, str]]] = {}

    def add(self, path: Path_, value: str, langs: list[str]) -> None:
        if not value.isascii():
            self.groups.setdefault(tuple(langs), []).append((path, value))

    def check(self, r: _Reader) -> None:
        for langs, items in self.groups.items():
            joined = "".join(value for _, value in items)
            families = {f.name: f for f in map(fonts.for_language, langs)}.values()  # en, fr, es, ru: one
            if "\ufffd" in joined or any(fonts.uncovered(joined, family) for family in families):
                for path, value in items:
                    _check_printable(path, value, list(langs), r)


def _check_printable(path: Path_, value: str, langs: list[str], r: _Reader) -> None:
    """Every character is drawn by the fonts of each version it is printed in (a character
    no font has would print as a blank): else name the first, where it stands."""
    if value.isascii():
        return
    if "\ufffd" in value:
        line, col = r.find(path, "\ufffd")
        r.problems.append(
            Problem(
                r.file,
                line,
                col,
                f"{chars.describe(chr(0xFFFD))}: a character was lost here "
                "when the text was converted from another encoding",
                dotted(path),
                "type the character that was meant",
            )
        )
    by_family: dict[str, list[str]] = {}
    for lang in langs:
        by_family.setdefault(fonts.for_language(lang).name, []).append(lang)
    for name, versions in by_family.items():
        family = fonts.family(name)
        lost = [ch for ch in fonts.missing(value, versions[0]) if ch != "\ufffd"]
        if lost:
            first, others = lost[0], lost[1:]
            line, col = r.find(path, first)
            also = f", nor {len(others)} other character(s) of this text" if others else ""
            where = " and ".join(versions)
            r.problems.append(
                Problem(
                    r.file,
                    line,
                    col,
                    f"'{first}' ({chars.describe(first)}) cannot be printed in the {where} "
                    f"version{'s' if len(versions) > 1 else ''}: its font, {family.title}, has no such character{also}",
                    dotted(path),
                    "write it otherwise, or give the language a font that has it: docs/errors.md",
                )
            )


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


_TEXT_KEYS = {"title", "wording", "city", "venue", "body", "function", "kind", "heading", "section", "organization",
              "title-note", "heading-note"}  # fmt: skip


def _texts(d: Any, path: Path_) -> Iterator[tuple[Path_, dict[str, str]]]:
    """Every per-language text in the data (by the keys that hold texts)."""
    if isinstance(d, dict):
        for k, v in d.items():
            if k in ("body", "paragraphs") and isinstance(v, list):
                for i, x in enumerate(v):
                    if "heading" in x or "section" in x or "dateline" in x:
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
    """Every scalar of the data with its path, in document order. A stack rather than nested
    generators, which passed each of a letter's thousands of values up one frame per level."""
    stack = [(path, d)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack += reversed([((*path, k), v) for k, v in node.items()])
        elif isinstance(node, list):
            stack += reversed([((*path, i), v) for i, v in enumerate(node)])
        else:
            yield path, node
