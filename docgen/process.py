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

Only the command's entry point calls `start`: docgen used as a library (the tests) keeps
Python's collector as it is.
"""

from __future__ import annotations

import gc

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
