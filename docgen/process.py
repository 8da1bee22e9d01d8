"""The `docgen` command's own process and its cyclic garbage collector.

What a new process makes up to its first letter built (modules, classes, Babel's and the fonts'
tables, compiled templates) lives until the process exits, and a build leaves hardly any cyclic
garbage (about 1,500 objects a letter): the collector's passes over everything alive are
wasted work, some 30 ms of a cold build of the seed and 50 ms more in the interpreter's last
collection at exit. So the command starts with the collector off (`start`); after its first
letter, `settled` moves everything alive into the collector's permanent generation (gc.freeze)
and turns it on for what follows: more letters, watch's rebuilds, and forked workers, which
settle after their own first letter. `exiting` freezes again, so that the last collection
does not free one by one what the process's end frees anyway.

Only the command's entry point calls `start`. Used as a library (the tests, a program that
builds letters), docgen pauses the collector for one load or render only (`paused`), and gives it
back as it found it: what a build makes is alive until the build ends, and what it leaves to
collect is a few hundred objects. The collector would otherwise pass a dozen times over all of it
while it grows, and move it into the older generations whose collections walk everything alive:
some 4-8 ms of a warm build of the seed, collecting nothing. (Mercurial's `nogc` does the same
around the large structures it builds.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_deferred = False  # the collector was turned off by start() and not yet turned back on


def start() -> None:
    global _deferred
    if gc.isenabled():
        gc.disable()
        _deferred = True


def settled() -> None:
    """Start-up is over (a first letter is built): collect from here on, what is alive excepted."""
    global _deferred
    if _deferred:
        _deferred = False
        gc.freeze()
        gc.enable()


def exiting() -> None:
    gc.freeze()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off while one load or render runs, then on again if it was on (a decorator
    too: `@process.paused()`)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
