"""What a text must hold for a regular expression to match in it: a quick test before a slow search.

A typography rule such as French "(?<=[^\\s;:!?])[ \\u00a0\\u202f]*([;!?]+)" starts with a
look-behind, so the regex engine tries it at every position of every text, although most texts
hold none of ";!?". Each `Need` is a set of characters of which a text must hold at least one
for the pattern to match anywhere in it: the characters of what the pattern must match (and of
its positive look-arounds, which must match in the text too). The needs are read from the
pattern's parse (the `re` module's own parser); whatever the analysis does not know gives no
need, so a pattern it cannot read is always searched: the test only ever skips searches that
could not match.
"""

from __future__ import annotations

import re
import re._parser as sre  # the parser `re.compile` uses: the pattern as the engine reads it
from typing import Any, NamedTuple

_LISTED = 64  # a range of at most this many characters is listed; a wider one is searched for
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


class Need(NamedTuple):  # not a dataclass: a millisecond less on a cold start
    """A text must hold one of `chars`, or else a match of `wide` (classes too large to list: \\d)."""

    chars: str  # in order: `c in text` for each is quicker than building the set of a text
    wide: re.Pattern[str] | None = None


def needs(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    """The needs of a pattern: a text that fails one of them holds no match of it."""
    if pattern.flags & re.IGNORECASE:  # a literal would match its other cases too
        return ()
    try:
        parsed = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # another Python's parser: no quick test, every text is searched
        return ()
    found = _sequence(list(parsed))
    unique = {(n.chars, n.wide.pattern if n.wide else None): n for n in found}.values()
    return tuple(sorted(unique, key=lambda n: n.wide is not None))  # the quicker tests first


def met(needs: tuple[Need, ...], text: str) -> bool:
    """Whether a text holds what a pattern needs (loops, not generators: this runs for every
    rule on every text)."""
    for need in needs:
        for c in need.chars:
            if c in text:
                break
        else:
            if need.wide is None or need.wide.search(text) is None:
                return False
    return True


def _sequence(items: list[tuple[Any, Any]]) -> list[Need]:
    """Every element a sequence must match gives its needs; optional ones give none."""
    out: list[Need] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(Need(chr(av)))
        elif op is sre.IN:
            out += _class(av)
        elif op is sre.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:  # "(?i:...)" changes what its literals match
                out += _sequence(list(sub))
        elif op in _REPEATS:
            least, _, sub = av
            if least >= 1:
                out += _sequence(list(sub))
        elif op is sre.ASSERT:  # a positive look-ahead or look-behind matches in the text too
            out += _sequence(list(av[1]))
        elif op is sre.ATOMIC_GROUP:
            out += _sequence(list(av))
        elif op is sre.BRANCH:
            out += _branch(av[1])
        # anything else (a negative look-around, "\b", ".", a back-reference) needs nothing
    return out


def _branch(alternatives: list[Any]) -> list[Need]:
    """One of the alternatives matches: a text holds the first need of at least one of them."""
    firsts = [_sequence(list(alt))[:1] for alt in alternatives]
    if not all(firsts):
        return []
    wide = "|".join(n.wide.pattern for (n,) in firsts if n.wide)
    chars = "".join(sorted(set().union(*(n.chars for (n,) in firsts))))
    return [Need(chars, re.compile(wide) if wide else None)]


def _class(items: list[tuple[Any, Any]]) -> list[Need]:
    """A character class "[...]": the characters it lists, wide ranges and categories searched for."""
    chars: set[str] = set()
    wide: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            lo, hi = av
            if hi - lo < _LISTED:
                chars.update(map(chr, range(lo, hi + 1)))
            else:
                wide.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            wide.append(_CATEGORIES[av])
        else:  # a negated class or category ("[^()]", "\S") holds almost every character
            return []
    return [Need("".join(sorted(chars)), re.compile(f"[{''.join(wide)}]") if wide else None)]
