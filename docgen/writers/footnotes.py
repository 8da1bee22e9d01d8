"""Footnotes at the foot of the page where their reference lands (reportlab has none).

A reference is an anchor in a paragraph's text (`<a name="fn3-0"/>`: note 3, first reference).
Before a frame places a flowable that refers to notes not placed yet, it raises its bottom by
the notes' height, so that the flowable must fit above them; at the end of the page the notes
are drawn in the space kept for them. A flowable split across pages keeps room only for the
notes its first part refers to. So every note is on the page of its first reference, and the
text never runs into the notes, in a single pass.

Notes take at most NOTE_SHARE of a page: the end of a longer one continues at the foot of the
next page (and the document gets a page more if it must).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, Spacer

from docgen.housestyle import RULES

REFERENCE = re.compile(r"^fn(\w+)-\d+$")  # anchor name of a reference -> key of its note
RULE_SPACE = RULES.note_rule_space  # between the text and the first note, the rule in the middle
RULE_LENGTH = RULES.note_rule_length
NOTE_SHARE = RULES.note_share  # of a page's height, at most, for its notes
FAR = 100_000  # an unbounded height, to measure a flowable


def anchors(flowable: Any) -> Iterator[str]:
    """The names of the anchors a flowable holds, in reading order (paragraphs, tables,
    groups kept together)."""
    if isinstance(flowable, list | tuple):
        for item in flowable:
            yield from anchors(item)
        return
    definition = getattr(flowable, "cbDefn", None)
    if definition is not None and getattr(definition, "kind", None) == "anchor":
        yield definition.name
    for attribute in ("frags", "_cellvalues", "_content"):
        inner = getattr(flowable, attribute, None)
        if isinstance(inner, list | tuple):
            yield from anchors(inner)


def height(flowables: list[Flowable], width: float) -> float:
    return sum(f.wrap(width, FAR)[1] + f.getSpaceAfter() for f in flowables)


def fit(flowables: list[Flowable], width: float, limit: float) -> tuple[list[Flowable], list[Flowable], float]:
    """The flowables that fit in `limit` points (the last one split if it can be), the rest, and
    the height of those that fit."""
    kept: list[Flowable] = []
    used = 0.0
    for i, f in enumerate(flowables):
        h = height([f], width)
        if used + h <= limit:
            kept.append(f)
            used += h
            continue
        parts = f.split(width, limit - used) if limit > used else []
        if len(parts) == 2:
            return [*kept, parts[0]], [parts[1], *flowables[i + 1 :]], used + height(parts[:1], width)
        return kept, flowables[i:], used
    return kept, [], used


@dataclass
class Footnotes:
    """The notes of a document (key -> flowables): which are placed, and the end of a note that
    continues on the next page."""

    notes: dict[str, list[Flowable]]
    indent: float = 0.0  # where the rule starts, from the frame's left edge
    placed: set[str] = field(default_factory=set)
    carry: list[Flowable] = field(default_factory=list)

    def pending(self, flowable: Flowable) -> list[str]:
        """Keys of the notes a flowable refers to that are not placed yet, in reading order."""
        if len(self.placed) == len(self.notes):  # none left to place (most letters have no notes):
            return []  # no walk through every fragment of every flowable the frames add
        keys: list[str] = []
        for name in anchors(flowable):
            m = REFERENCE.match(name)
            if m and m.group(1) in self.notes and m.group(1) not in self.placed and m.group(1) not in keys:
                keys.append(m.group(1))
        return keys

    def draw(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """At the end of a page: its notes, under a short rule, at the foot of its frame."""
        frame = doc.frame
        if not isinstance(frame, NoteFrame) or not frame.foot:
            return
        x, width = frame._x1 + frame._leftPadding, frame._aW
        top = frame._y1 + frame._bottomPadding + frame.reserved
        canvas.saveState()
        canvas.setLineWidth(RULES.note_rule)
        canvas.line(x + self.indent, top - RULE_SPACE / 2, x + self.indent + RULE_LENGTH, top - RULE_SPACE / 2)
        canvas.restoreState()
        y = top - RULE_SPACE
        for f in frame.foot:
            _, h = f.wrap(width, FAR)
            y -= h
            f.drawOn(canvas, x, y)
            y -= f.getSpaceAfter()


class NoteFrame(Frame):
    """A frame that keeps room at its foot for the notes of what it holds."""

    def __init__(self, *args: Any, notes: Footnotes, **kwargs: Any):
        self.__dict__["notes"] = notes
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo: dict[int, Any]) -> NoteFrame:
        # reportlab copies the frame to measure a group kept together (KeepTogether.wrap) and
        # places nothing in the copy: the notes, the document's, are shared, not copied
        clone = copy.copy(self)
        clone.__dict__.update((k, v.copy()) for k, v in self.__dict__.items() if isinstance(v, list | dict))
        return clone

    def _reset(self) -> None:  # a new page: only what continues from the previous one
        super()._reset()
        self.reserved = 0.0
        self.foot: list[Flowable] = []
        self._y1p = self._y1 + self._bottomPadding
        carried, self.notes.carry = self.notes.carry, []
        kept, rest, room = self._room(carried)
        self._y1p += room
        self._hold(kept, rest, room)

    def _room(self, notes: list[Flowable]) -> tuple[list[Flowable], list[Flowable], float]:
        """Of these notes, those this page can hold, the rest, and the room they take."""
        if not notes:
            return [], [], 0.0
        rule = 0.0 if self.foot else RULE_SPACE
        kept, rest, used = fit(notes, self._aW, max(0.0, self._aH * NOTE_SHARE - self.reserved - rule))
        return kept, rest, used + rule if kept else 0.0

    def _hold(self, kept: list[Flowable], rest: list[Flowable], room: float) -> None:
        self.reserved += room
        self.foot += kept
        self.notes.carry += rest

    def _notes(self, keys: list[str]) -> list[Flowable]:
        return [f for key in keys for f in self.notes.notes[key]]

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        if isinstance(flowable, FlushNotes) and self.notes.carry:
            return 0  # the end of a note waits for the next page
        keys = self.notes.pending(flowable)
        if not keys:
            return super().add(flowable, canv, trySplit)
        kept, rest, room = self._room(self._notes(keys))
        self._y1p += room
        if super().add(flowable, canv, trySplit):
            self._hold(kept, rest, room)
            self.notes.placed.update(keys)
            return 1
        self._y1p -= room
        return 0

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        """Split keeping room for the notes of the first part only: try with room for the
        first k notes until the first part refers to no more than k of them."""
        keys = self.notes.pending(flowable)
        k = 0
        while True:
            room = self._room(self._notes(keys[:k]))[2]
            self._y1p += room
            try:
                parts = super().split(flowable, canv)
            finally:
                self._y1p -= room
            needed = len(self.notes.pending(parts[0])) if parts else 0
            if needed <= k:
                return parts
            k = needed


class FlushNotes(Flowable):
    """The story's last flowable: a page more while the end of a note has not been printed."""

    def __init__(self, notes: Footnotes):
        super().__init__()
        self.notes = notes

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def split(self, aw: float, ah: float) -> list[Flowable]:
        # an empty spacer: the page has content (reportlab stops after ten pages without any)
        return [Spacer(0, 0), PageBreak(), self] if self.notes.carry else []

    def draw(self) -> None:
        pass
