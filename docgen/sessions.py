"""Which session of the General Assembly a letter is a document of, and which year of the
Security Council.

A letter dated before a session opens is circulated under the next session's provisional
agenda, and its symbol says so: A/55/… is a document of the fifty-fifth session, A/ES-10/… of
the tenth emergency special session, S/2010/… of the Council's year 2010. The session is taken
from what the letter says, in this order: `session:` (or `emergency-special-session:`), its A/
symbols, its provisional agenda's symbol; from its date only when it says none of these. Two
of them that disagree are a mistake, reported naming both.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

_ASSEMBLY = re.compile(r"^A/(?:(ES)-)?(\d+)/")
_COUNCIL = re.compile(r"^S/(\d{4})/")
FOUNDED = 1945  # session N opens in September of 1945 + N; the Council's year N is 1945 + N


@dataclass(frozen=True)
class Claim:
    """One thing a letter says about its session, and where it says it."""

    place: tuple[str | int, ...]  # key path: ("symbols", 0), ("general-assembly", "session")
    written: str  # as written: "A/65/868", "64"
    number: int
    emergency: bool

    @property
    def session(self) -> str:
        return f"{'emergency special session' if self.emergency else 'session'} {self.number}"

    def __str__(self) -> str:
        if self.place[-1] == "provisional-agenda":
            return f"{self.written} is the provisional agenda of {self.session}"
        return f"{self.written} is a document of {self.session}"

    def disagrees(self, first: Claim, where: str) -> str:
        """The message for this claim, which contradicts `first`, written at `where`."""
        symbol = f" ({first.written})" if first.place[0] == "symbols" else ""
        return f"{self}, but {where}{symbol} says {first.session}"


def claims(ga: dict[str, Any], symbols: list[str]) -> list[Claim]:
    """What the letter says about its session, in order of authority."""
    out = []
    keys = [(k, e) for k, e in (("session", False), ("emergency-special-session", True)) if k in ga]
    for key, emergency in keys if len(keys) == 1 else ():  # both at once: the loader reports that
        out.append(Claim(("general-assembly", key), str(ga[key]), ga[key], emergency))
    named = [(("symbols", i), s) for i, s in enumerate(symbols)]
    if "provisional-agenda" in ga:
        named.append((("general-assembly", "provisional-agenda"), ga["provisional-agenda"]))
    for place, symbol in named:
        if m := _ASSEMBLY.match(symbol):
            out.append(Claim(place, symbol, int(m.group(2)), bool(m.group(1))))
    return out


def assembly_session(ga: dict[str, Any], symbols: list[str], date: dt.date) -> tuple[int, bool, list[Claim]]:
    """(number, emergency, claims that disagree with the first) of a letter's session: from what
    the letter says, else the regular session in progress on its date."""
    said = claims(ga, symbols)
    if not said:
        return date.year - FOUNDED - (1 if date.month < 9 else 0), False, []
    first = said[0]
    return (
        first.number,
        first.emergency,
        [c for c in said[1:] if (c.number, c.emergency) != (first.number, first.emergency)],
    )


def council_year(symbols: list[str], date: dt.date) -> int:
    """The Council's year of a letter: its S/ symbol's year (the year of issue), else its date's."""
    years = [int(m.group(1)) for s in symbols if (m := _COUNCIL.match(s))]
    return (years[0] if years else date.year) - FOUNDED
