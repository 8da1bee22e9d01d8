"""Stage 3: compose a letter in one language with the Jinja2 templates (Markdown out).

Templates run in Jinja2's sandbox with autoescaping whose escape is *Markdown* escaping: every
`{{ value }}` and every parameter of a message is literal text, unless it is already Markdown
(a person's text through `|md`, a message, a macro's output). User text is only ever data:
Jinja2 never evaluates it, and it cannot open or close the template's `:::` containers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import BuiltinMethodType, CodeType, FunctionType, MethodType
from typing import Any, ClassVar

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from docgen import resources
from docgen.language import Language
from docgen.model import Letter, Person, Sender, Text


class Markdown(Markup):
    """Text that is Markdown already and is inserted as it is."""


_PUNCT = re.compile(r"([!#-&(-/:-@\[-`{-~])")  # ASCII punctuation but quotes, which start nothing:
# unescaped, the typographer sets them as the language prints them ("O'Brien" -> "O’Brien")
_ESCAPED = str.maketrans({c: "\\" + c for c in map(chr, range(128)) if _PUNCT.fullmatch(c)})  # one pass, in C
_FENCE = re.compile(r"^(\s*):", re.M)
_LINE_OF_COLON = re.compile(r"\n\s*:").search  # where _FENCE matches but at the start
_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # a plain value is one line: it cannot start a Markdown block
# (no-break spaces stay: a message may hold one, as in "65\u00a0(c)")
_ODD_SPACE = re.compile(r"[^\S \u00a0\u202f]| {2}")  # what _SPACE would change: most values have none
_PLACEHOLDER = re.compile(r"(%\(\w+\)s)")
_NOTE_DEFINED = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.M)
_NOT_A_LABEL = re.compile(r"\W")


def escape(value: Any) -> Markup:
    """`finalize` of the environment: plain values become literal Markdown text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markdown("")
    text = str(value)
    if _ODD_SPACE.search(text):
        text = _SPACE.sub(" ", text)
    return Markdown(text.translate(_ESCAPED) if _PUNCT.search(text) else text)  # searching is cheaper


def _format(message: str, params: dict[str, Any]) -> Markdown:
    """A catalog message with its parameters, each escaped unless it is Markdown already."""
    return Markdown("".join(escape(params[p]) if param else p for p, param in _pieces(message)))


@cache
def _pieces(message: str) -> tuple[tuple[str, bool], ...]:
    """A message's text, escaped, and the names of its parameters: (piece, is a parameter).
    Messages come from the catalogs and the templates, a bounded set, each used many times."""
    parts = _PLACEHOLDER.split(message)
    return tuple((p[2:-2], True) if i % 2 else (escape(p), False) for i, p in enumerate(parts))


def user_markdown(text: str, scope: str = "") -> Markdown:
    """A person's Markdown, unable to open or close containers (`:::`) of the template. The
    footnotes it defines get labels of their own (`scope`): `[^1]` of one text is not another's."""
    text = text.strip()
    if text.startswith(":") or _LINE_OF_COLON(text):  # searched first: a "^" of re.M is tried at every character
        text = _FENCE.sub(r"\1\\:", text)
    prefix = _NOT_A_LABEL.sub("-", scope)
    for label in set(_NOTE_DEFINED.findall(text)) if scope and "[^" in text else ():
        symbol = set(label) == {"*"}  # an author's "*" note keeps its mark first: "*-body-0-"
        text = text.replace(f"[^{label}]", f"[^{label}-{prefix}]" if symbol else f"[^{prefix}-{label}]")
    return Markdown(text)


# What opens a block at the start of a line: a heading, quote, list item, rule, fence or definition.
_BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[*+-](?=\s|$)|([*_-])[ \t]*(?:\1[ \t]*){2,}$|`{3}|~{3}|\[[^\]]*\]:)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def inline_markdown(markdown: str) -> Markdown:
    """Markdown for a place that holds one line of text (a title, an organization, a line of a
    signature): its lines run on as one paragraph, and its start cannot open a block."""
    line = " ".join(part.strip() for part in markdown.splitlines() if part.strip())
    if _BLOCK_START.match(line):
        line = "\\" + line
    return Markdown(_ORDERED_START.sub(r"\1\\\2", line))


def compose(letter: Letter, lang: Language, marks: dict[str, str] | None = None) -> str:
    """The letter in `lang`, as Markdown with `::: role` containers for layout. `marks` names
    the texts whose translation is missing or stale (place -> state): they are marked in
    the text, and the document as a draft."""
    template = _environment(lang.code).get_template("letter.md.j2")
    token = _LETTER_DATE.set(letter.date)  # countries are named as on the letter's date
    try:
        return template.render(letter=letter, lang=lang, marks=marks or {}, draft=bool(marks) or letter.draft)
    finally:
        _LETTER_DATE.reset(token)


# What the sandbox wraps when a template reads it: a method (it might be a text's str.format).
_METHODS = (MethodType, BuiltinMethodType)
_OWN_TYPES = (FunctionType, MethodType)  # docgen's helpers: functions, and a language's methods


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, noting which template files a composition used (for incremental builds)."""

    _safe: ClassVar[dict[tuple[type, Any, str], bool]] = {}  # shared by the languages' environments
    own: frozenset[Callable[..., Any]] = frozenset()  # docgen's helpers among its globals

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """The sandbox's own answer, remembered: it depends only on the object's type (what
        isinstance looks at: type and __class__) and the attribute's name, not on the
        environment, and a composition reads hundreds of attributes, each checked against a
        dozen types and ABCs."""
        key = (type(obj), obj.__class__, attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """The sandbox's lookup, answered at once for an attribute already found safe whose
        value is not a method (a text, a date, a list: nearly every one a template reads);
        the rest get the sandbox's whole answer."""
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return super().getattr(obj, attribute)
        if self._safe.get((type(obj), obj.__class__, attribute)) and not isinstance(value, _METHODS):
            return value
        return super().getattr(obj, attribute)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call of one of docgen's own functions (gettext, the helpers), which the sandbox
        would find safe and the context would call as it is, made directly; any other call
        gets the sandbox's checks and the context's calling conventions."""
        if type(obj) in _OWN_TYPES and obj in self.own:
            kwargs.pop("_loop_vars", None)  # what Jinja2 passes along for a context's use
            kwargs.pop("_block_vars", None)
            return obj(*args, **kwargs)
        return super().call(context, obj, *args, **kwargs)

    def _load_template(self, name: Any, globals: Any) -> Any:
        template = super()._load_template(name, globals)
        used = USED_TEMPLATES.get()
        if used is not None and template.filename:
            used.add(template.filename)
        return template


USED_TEMPLATES: ContextVar[set[str] | None] = ContextVar("used_templates", default=None)
_LETTER_DATE: ContextVar[dt.date | None] = ContextVar("letter_date", default=None)


class _Compiled(FileSystemBytecodeCache):
    """Jinja2's cache on disk, each entry read once a process: the languages' environments
    load the same templates (all of templates/ that a language does not override)."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        self._read: dict[str, tuple[str, CodeType]] = {}  # key -> (checksum of the source, code)

    def load_bytecode(self, bucket: Bucket) -> None:
        read = self._read.get(bucket.key)
        if read is not None and read[0] == bucket.checksum:  # an edited template is compiled again
            bucket.code = read[1]
            return
        super().load_bytecode(bucket)
        if bucket.code is not None:
            self._read[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        super().dump_bytecode(bucket)
        if bucket.code is not None:
            self._read[bucket.key] = (bucket.checksum, bucket.code)


@cache
def _bytecode_cache() -> BytecodeCache | None:
    """Templates compiled once for every language and every run: Jinja2's own cache on disk,
    in a folder named after this module's code (its settings shape the compiled templates)."""
    import hashlib

    folder = resources.cache_folder(f"jinja-{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}")
    return _Compiled(str(folder)) if folder else None  # a read-only home: compiled in memory


@cache
def _environment(code: str) -> ImmutableSandboxedEnvironment:
    # A language may override any template in templates/<lang>/ (word order of a signature...).
    loader = ChoiceLoader([FileSystemLoader(resources.TEMPLATES / code), FileSystemLoader(resources.TEMPLATES)])
    env = _Environment(
        loader=loader,
        finalize=escape,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    from docgen.language import resolve

    t = resolve(code).translations

    def gettext(message: str, **params: Any) -> Markdown:
        return _format(t.gettext(message), params)

    def pgettext(context: str, message: str, **params: Any) -> Markdown:
        return _format(t.pgettext(context, message), params)

    def ngettext(singular: str, plural: str, n: int, **params: Any) -> Markdown:
        return _format(t.ngettext(singular, plural, n), {"num": n, **params})

    # Templates call these as functions, `_()` being gettext: what Jinja2's i18n extension would
    # install, without its `{% trans %}` tag, which no template uses, nor its import (jinja2.ext,
    # pprint: 1.7 ms of a cold build).
    own = {"_": gettext, "gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, **_helpers(resolve(code))}
    env.globals.update(own)  # macros imported without context see them too
    env.own = frozenset(own.values())
    env.filters.update(_filters(resolve(code)))
    return env


def _filters(lang: Language) -> dict[str, Any]:
    """docgen's helpers that templates call most (per paragraph, per participant), as filters:
    Jinja2 calls a filter directly, where a function of the template goes through the
    sandbox's checks and a context of its own for a call in a loop. Those that depend on the
    language take the context (`pass_context`): Jinja2 evaluates other filters of constants
    as it compiles, and the compiled templates are shared by the languages."""

    @pass_context
    def md(ctx: Context, text: Text) -> Markdown:
        state = ctx.get("marks", {}).get(text.place)
        if state == "missing":  # the original, visibly marked
            flag = lang.pgettext("marks a text shown untranslated", "[untranslated]")
            return Markdown(f"**{escape(flag)}** " + user_markdown(text[ctx["letter"].original], text.place))
        if state == "stale":
            flag = lang.pgettext("marks a translation older than its original", "[outdated translation]")
            return Markdown(f"**{escape(flag)}** " + user_markdown(text[lang.code], text.place))
        return user_markdown(text[lang.code], text.place)

    @pass_context
    def md_inline(ctx: Context, text: Text) -> Markdown:
        """A person's text where one line goes: whatever it holds, one paragraph of inlines."""
        return inline_markdown(md(ctx, text))

    @pass_context
    def md_lines(ctx: Context, text: Text) -> Markdown:
        """A text's lines as one paragraph, each line kept (the lines of a signature's title):
        emphasis may run over lines, and no line can open a block."""
        lines = [inline_markdown(line) for line in md(ctx, text).splitlines() if line.strip()]
        return Markdown("\\\n".join(lines))

    @pass_context
    def country(ctx: Context, code: str) -> str:
        """A country's name as the UN wrote it on the letter's date (countries.yaml `earlier`)."""
        return lang.country(code, _LETTER_DATE.get())

    return {
        "md": md,
        "md_inline": md_inline,
        "md_lines": md_lines,
        "country": country,
        "kind": lambda part: type(part).__name__.lower(),
    }


def _helpers(lang: Language) -> dict[str, Any]:
    def signatory(s: Sender) -> Markdown:
        """A signatory's name with the family name in bold: "José Filipe de **Moraes Cabral**"."""
        before, family, after = s.name_parts()
        return Markdown(f"{escape(before)}**{escape(family)}**{escape(after)}" if family else escape(before))

    def country_form(code: str, form: str) -> str:
        return lang.country_form(code, form, _LETTER_DATE.get())

    def capfirst(s: str) -> str:
        return s[:1].upper() + s[1:]

    def people(group: list[Person]) -> list[Person]:
        """Delegations in the collation order of their country's name in this language;
        a group where someone has no country (officials) keeps the order given."""
        if not all(p.country for p in group):
            return list(group)
        keys = lang.sort_keys([lang.country(p.country or "", _LETTER_DATE.get()) for p in group])
        return [group[i] for i in sorted(range(len(group)), key=keys.__getitem__)]

    def and_list(items: list[Any]) -> Markdown:
        return Markdown(lang.and_list([escape(i) for i in items]))

    def by_country(senders: list[Sender], code: str | None = None) -> list[Sender]:
        """Senders in the order of their countries' names in this language, or in `code`'s."""
        from docgen.language import resolve

        order = (resolve(code) if code else lang).by_country([s.country for s in senders], _LETTER_DATE.get())
        return sorted(senders, key=lambda s: order.index(s.country))

    def countries_of(senders: list[Sender]) -> str:
        return lang.countries_of([s.country for s in by_country(senders)], _LETTER_DATE.get())

    def masthead(line: str, letter: Letter) -> Markdown:
        """A masthead line (a macro of masthead.md.j2), in the language this edition prints it in."""
        template = _environment(lang.masthead_language(line)).get_template("masthead.md.j2")
        return Markdown(getattr(template.module, line)(letter, lang))

    def listed(letter: Letter) -> list[Person]:
        """The people of the annexes' lists, in the order the lists print them."""
        return [
            p
            for annex in letter.annexes
            for part in annex.parts
            for group in getattr(part, "groups", [])
            for p in people(group.people)
        ]

    def role_holders(letter: Letter, senders: list[Sender]) -> list[Person | Sender]:
        """The first holder of each role (the senders in the order the template gives, that of
        the signatures, then the lists' people): the role is named in that person's grammatical
        gender (the Akoma Ntoso TLCRole)."""
        holders: dict[str, Person | Sender] = {}
        for p in [*senders, *listed(letter)]:
            if p.role:
                holders.setdefault(p.role, p)
        return list(holders.values())

    def facts(letter: Letter, senders: list[Sender]) -> Markdown:
        """The letter's facts for machines (the Akoma Ntoso writer's FRBR metadata and people),
        as one line of ASCII JSON: the template puts it in a fenced block of the metadata, where
        no text can end the fence. Senders in the order the signatures give them, people in the
        order the lists print them."""
        import json

        from docgen.language import resolve

        def person(p: Person | Sender) -> dict[str, Any]:
            country = p.country or ""
            return {
                "name": p.name,
                "gender": p.gender,
                "role": p.role or "",
                "rank": getattr(p, "rank", None) or "",
                "country": country,
                "country_name": lang.country(country, _LETTER_DATE.get()) if country else "",
            }

        ga, sc = letter.general_assembly, letter.security_council
        data = {
            "name": letter.stem,
            "date": letter.date.isoformat(),
            "issued": None if letter.draft else letter.issued.isoformat(),
            "draft": letter.draft,
            "symbols": list(letter.symbols),
            "original": letter.original,
            "language": lang.code,
            "alpha3": lang.alpha3,
            "original_alpha3": resolve(letter.original).alpha3,
            "organs": [name for name, organ in (("general-assembly", ga), ("security-council", sc)) if organ],
            "addressees": list(letter.addressees),
            "senders": [person(s) for s in senders],
            "people": [person(p) for p in listed(letter)],
        }
        return Markdown(json.dumps(data, ensure_ascii=True, sort_keys=True))

    def note_ref(stars: int, key: str) -> Markdown:
        """The reference to an author's note on a title, marked with `stars` asterisks: the
        label's leading asterisks are its mark (docgen.markup.note_marks)."""
        return Markdown(f"[^{'*' * stars}-{key}]")

    def note_text(stars: int, key: str, text: Markdown) -> Markdown:
        return Markdown(f"[^{'*' * stars}-{key}]: {text}")

    return {
        "note_ref": note_ref,
        "note_text": note_text,
        "facts": facts,
        "role_holders": role_holders,
        "capfirst": capfirst,
        "signatory": signatory,
        "people": people,
        "by_country": by_country,
        "countries_of": countries_of,
        "date": lang.date,
        "date_range": lang.date_range,
        "ordinal": lang.ordinal,
        "country_form": country_form,
        "observer_state": lambda code: code in resources.observer_states(),
        "and_list": and_list,
        "language_name": lang.language_name,
        "masthead": masthead,
        "annex_number": lang.annex_number,
    }
