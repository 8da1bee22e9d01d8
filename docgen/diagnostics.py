"""Problems found in a letter, reported as `file:line:col: error: message` (all at once)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a letter, where it is; problems sort by file, line and column."""

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


class UsageError(Exception):
    """The command line asks for something impossible (exit status 2, like argparse's errors)."""


class OutputError(Exception):
    """An output cannot be written where it was asked for: a full disk, a read-only folder, a path
    leading outside the output directory (exit status 1, like a problem in a letter)."""


# Exit statuses (docs/errors.md): what a script calling docgen can tell apart.
OK, PROBLEMS, USAGE, INTERNAL = 0, 1, 2, 3


# --- how problems reach a person, an editor or a CI log -------------------------------------


def colour_wanted(stream: object) -> bool:
    """Colour on a terminal only, never with NO_COLOR (no-color.org) or TERM=dumb; FORCE_COLOR forces it."""
    import os

    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m"}


def colourize(text: str) -> str:
    """`error:` and `warning:` in bold red and yellow, wherever a line names them."""
    import re

    return re.sub(r"\b(error|warning):", lambda m: f"{COLOURS[m[1]]}{m[1]}:\033[0m", text)


def as_json(problem: Problem) -> dict[str, object]:
    """One problem as editors and CI tools read it (the shape ruff's and mypy's JSON output share)."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.col,
        "severity": problem.severity,
        "key": problem.where,
        "message": problem.message,
        "hint": problem.hint,
    }


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command: the problem appears on the line of the file in the PR."""

    def escape(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    where = f"{problem.where}: " if problem.where else ""
    hint = f" ({problem.hint})" if problem.hint else ""
    return (
        f"::{problem.severity} file={escape(problem.file, True)},line={problem.line},col={problem.col},title=docgen::"
        f"{escape(where + problem.message + hint)}"
    )
