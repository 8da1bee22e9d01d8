"""Problems found in a letter, reported as `file:line:col: error: message` (all at once)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based
    col: int  # 1-based
    message: str
    where: str = ""  # key path, e.g. "from.country"
    hint: str = ""
    severity: str = "error"  # or "warning": reported, but the command goes on

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {where}{self.message}{hint}"


class LetterError(Exception):
    """Raised by a stage that found problems in a letter; carries every problem found."""

    def __init__(self, problems: list[Problem], letter: object | None = None):
        self.problems = sorted(set(problems))  # one schema error can be reported twice
        self.letter = letter  # the letter, when only facts were wrong: later checks can still run
        super().__init__("\n".join(map(str, self.problems)))
