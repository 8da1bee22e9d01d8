"""Read a gettext PO file strictly, for `docgen translate import`.

Babel's and polib's readers are lenient: they accept a file cut short, an unclosed quote, an
unknown escape, and guess past a wrong charset. An import must apply a whole, valid PO file or
nothing, so this reader refuses every one of those, each with its line and column, all at once.
Babel still writes the PO files (translation.export_po)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.diagnostics import LetterError, Problem

MAX_BYTES = 8_000_000  # far above any letter's PO; the file is read no further


@dataclass(frozen=True)
class Entry:
    line: int  # the line of its first keyword (msgctxt or msgid)
    context: str | None
    id: str
    string: str
    fuzzy: bool = False
    plural: bool = False
    string_line: int = 0  # the line of its msgstr

    @property
    def at(self) -> int:
        """Where a problem with the translation is reported."""
        return self.string_line or self.line


@dataclass(frozen=True)
class Po:
    file: str
    entries: list[Entry]  # without the header
    header: dict[str, tuple[str, int]]  # field name (lower case) -> (value, line)
    header_line: int  # 0: the file has no header


def read(path: Path) -> Po:
    """The entries of a PO file; LetterError with every problem found."""
    file = str(path)
    raw = _read(path)
    text = _decode(raw, file)
    parser = _Parser(file)
    for number, line in enumerate(text.split("\n"), 1):
        parser.line(number, line.rstrip("\r"))
    parser.finish()
    problems = parser.problems + [p for e in parser.entries for p in _misdecoded(e, file)]
    if problems:
        raise LetterError(problems)
    header = next((e for e in parser.entries if e.id == "" and e.context is None), None)
    entries = [e for e in parser.entries if e is not header]
    return Po(file, entries, parser.header_fields if header else {}, header.line if header else 0)


def _fail(file: str, line: int, col: int, message: str, hint: str = "") -> LetterError:
    return LetterError([Problem(file, line, col, message, hint=hint)])


def _read(path: Path) -> bytes:
    try:
        if not path.is_file():  # a FIFO or a device would block or never end
            raise _fail(
                str(path),
                1,
                1,
                "not a regular file" if path.exists() else "cannot read the PO file: No such file or directory",
            )
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise _fail(str(path), 1, 1, f"cannot read the PO file: {e.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(str(path), 1, 1, f"the PO file is larger than {MAX_BYTES:,} bytes")
    if b"\0" in raw:
        raise _fail(
            str(path),
            1,
            1,
            "not a PO file: it holds binary data",
            "a compiled .mo file? import the .po it was made from",
        )
    return raw


_CHARSET = re.compile(rb'^\s*"Content-Type:[^"\n]*charset=([^\s"\\;]+)', re.M | re.I)


def _decode(raw: bytes, file: str) -> str:
    """The text in the charset the header declares (UTF-8 when none), refusing a mislabelled file."""
    found = _CHARSET.search(raw)
    declared = found.group(1).decode("ascii", "replace") if found and found.group(1) != b"CHARSET" else None
    try:
        codec = codecs.lookup(declared or "utf-8").name
    except LookupError:
        line = raw.count(b"\n", 0, found.start(1)) + 1 if found else 1
        raise _fail(
            file,
            line,
            1,
            f"the PO file declares charset {declared}, which docgen does not know",
            "declare charset=UTF-8 and save it as UTF-8",
        ) from None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as e:
        line, col = _position(raw, e.start)
        said = f"although the PO file declares charset {declared}" if declared else "and it declares no charset"
        raise _fail(
            file,
            line,
            col,
            f"not {'UTF-8' if codec == 'utf-8' else declared} text (byte 0x{raw[e.start]:02x}), {said}",
            "save it as UTF-8, or declare the charset it is in",
        ) from None
    if codec != "utf-8" and not raw.isascii() and _is_utf8(raw):
        start = next(i for i, b in enumerate(raw) if b > 127)
        end = start + 1
        while end < len(raw) and 0x80 <= raw[end] < 0xC0:
            end += 1
        line, col = _position(raw, start)
        raise _fail(
            file,
            line,
            col,
            f"the PO file declares charset {declared} but is UTF-8 text: read as {declared}, "
            f"'{raw[start:end].decode('utf-8')}' would become '{_shown(raw[start:end].decode(codec))}'",
            "correct its header: charset=UTF-8",
        )
    return text


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _shown(text: str) -> str:
    """Text for a message, with invisible characters written as escapes."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}" for c in text)


# UTF-8 of Western text read as Latin-1 or Windows-1252: "Ã©" for "é", "â€™" for "’", "Å“" for "œ".
_MOJIBAKE = re.compile(
    "[ÂÃÅ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|â[€\u0080-\u00bf][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def _misdecoded(entry: Entry, file: str) -> list[Problem]:
    """A translation that went through a wrong charset somewhere before it reached this file."""
    where = entry.context or ""
    hint = "correct the text in the translator's tool"
    if "\ufffd" in entry.string:
        return [
            Problem(
                file,
                entry.at,
                1,
                "the translation holds U+FFFD, the mark of text decoded in the wrong charset",
                where,
                hint,
            )
        ]
    for m in _MOJIBAKE.finditer(entry.string):
        for codec in ("cp1252", "latin-1"):
            try:
                meant = m.group().encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            return [
                Problem(
                    file,
                    entry.at,
                    1,
                    f"the translation holds '{_shown(m.group())}', UTF-8 read in the wrong charset ('{meant}'?)",
                    where,
                    hint,
                )
            ]
    return []


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?![\w\[])\s*")
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")


@dataclass
class _Open:
    """The entry being read."""

    line: int
    fuzzy: bool
    fields: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # keyword -> (line, piece)
    last: str = ""

    @property
    def complete(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)


class _Parser:
    """Lines in, entries out; a broken entry is reported and dropped, the reading goes on."""

    def __init__(self, file: str):
        self.file = file
        self.entries: list[Entry] = []
        self.problems: list[Problem] = []
        self.header_fields: dict[str, tuple[str, int]] = {}
        self.open: _Open | None = None
        self.fuzzy = False  # the flags line before the next entry says fuzzy
        self.broken = False  # the open entry had an error: drop it

    def problem(self, line: int, col: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.file, line, col, message, hint=hint))
        self.broken = True

    def line(self, number: int, line: str) -> None:
        text = line.strip()
        col = len(line) - len(line.lstrip()) + 1
        if not text:
            return
        if text.startswith("#"):
            self.finish()  # comments come before an entry: the open one ends here
            if text.startswith("#,"):
                self.fuzzy = "fuzzy" in (f.strip() for f in text[2:].split(","))
            return
        if text.startswith('"'):
            if self.open is None or not self.open.last:
                self.problem(number, col, "a quoted text outside an entry", "start the entry with msgid")
                return
            piece = self.string(number, col, text)
            if piece is not None:
                self.open.fields[self.open.last].append((number, piece))
            return
        keyword = _KEYWORD.match(text)
        if keyword is None:
            self.problem(
                number, col, f"'{text.split()[0]}' is not a PO keyword (msgctxt, msgid, msgstr) nor a quoted text"
            )
            return
        self.keyword(number, col, keyword.group(1), text[keyword.end() :], col + keyword.end())

    def keyword(self, number: int, col: int, name: str, rest: str, rest_col: int) -> None:
        if name in ("msgctxt", "msgid") and (
            self.open is None
            or self.open.complete
            or name in self.open.fields
            or (name == "msgctxt" and "msgid" in self.open.fields)
        ):
            self.finish()
            self.open, self.fuzzy, self.broken = _Open(number, self.fuzzy), False, False
        if self.open is None or (name not in ("msgctxt", "msgid") and "msgid" not in self.open.fields):
            self.problem(number, col, f"{name} before msgid", "an entry is msgctxt, msgid and msgstr, in this order")
            return
        if (self.open.complete and name == "msgstr") or name in self.open.fields:
            self.problem(number, col, f"a second {name} in one entry (an entry is msgctxt, msgid and one msgstr)")
            return
        if not rest.startswith('"'):
            self.problem(number, rest_col, f"expected a quoted text after {name}")
            return
        piece = self.string(number, rest_col, rest)
        if piece is not None:
            self.open.fields[name] = [(number, piece)]
            self.open.last = name

    def string(self, number: int, col: int, text: str) -> str | None:
        """The text of one quoted string, its escapes resolved."""
        i, n = 1, len(text)
        while i < n and text[i] != '"':
            i += 2 if text[i] == "\\" else 1
        if i >= n:
            self.problem(number, col, "the quoted text that starts here is not closed", "add the closing quote")
            return None
        if text[i + 1 :].strip():
            if '"' in text[i + 1 :]:
                self.problem(number, col + i, "a quote inside a quoted text", 'write it as \\"')
            else:
                self.problem(number, col + i + 1, "text after the closing quote", "put it inside the quotes")
            return None
        body = text[1:i]
        bad = next(
            (
                m
                for m in _ESCAPE.finditer(body)
                if len(m.group(1)) == 1 and m.group(1) not in _ESCAPES and not m.group(1).isdigit()
            ),
            None,
        )
        if bad is not None:
            self.problem(
                number,
                col + 1 + bad.start(),
                f"unknown escape '{bad.group()}' in a quoted text",
                "write a backslash as \\\\",
            )
            return None
        return _ESCAPE.sub(_unescape, body)

    def finish(self) -> None:
        entry, self.open = self.open, None
        if entry is None or self.broken:
            self.broken = False
            return
        if not entry.complete:
            self.problem(
                entry.line,
                1,
                "an entry without msgstr",
                "the file may be cut short: export it again, or complete the entry",
            )
            self.broken = False
            return
        text = {k: "".join(p for _, p in v) for k, v in entry.fields.items()}
        plural = "msgid_plural" in text or any(k.startswith("msgstr[") for k in text)
        strings = entry.fields.get("msgstr", entry.fields.get("msgstr[0]", [(0, "")]))
        found = Entry(
            entry.line,
            text.get("msgctxt"),
            text.get("msgid", ""),
            text.get("msgstr", text.get("msgstr[0]", "")),
            entry.fuzzy,
            plural,
            strings[0][0],
        )
        if found.id == "" and found.context is None and not self.entries:
            self.header_fields = _header(entry.fields.get("msgstr", []))
        self.entries.append(found)


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1)
    if code[0] == "x":
        return chr(int(code[1:], 16))
    if code.isdigit():
        return chr(int(code, 8))
    return _ESCAPES[code]


def _header(pieces: list[tuple[int, str]]) -> dict[str, tuple[str, int]]:
    """The header's fields, each with the line its piece starts on."""
    fields: dict[str, tuple[str, int]] = {}
    starts = []  # (offset in the header text, line)
    offset = 0
    for line, piece in pieces:
        starts.append((offset, line))
        offset += len(piece)
    text = "".join(p for _, p in pieces)
    offset = 0
    for row in text.split("\n"):
        name, sep, value = row.partition(":")
        if sep and name.strip():
            line = max((ln for start, ln in starts if start <= offset), default=pieces[0][0] if pieces else 1)
            fields.setdefault(name.strip().lower(), (value.strip(), line))
        offset += len(row) + 1
    return fields
