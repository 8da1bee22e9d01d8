"""A set of letters for the batch benchmark: variations of the seed that change only facts, never
a text (symbols, job numbers, dates, agenda item numbers), so that every French text keeps a
`fr-from` fingerprint matching its English original and every letter builds without --allow-incomplete.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"

_DATE = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")


def variant(source: str, k: int) -> str:
    """Letter number k: every date moved by k days (their order is kept, so the General Assembly
    session may change), new symbols, job numbers and agenda item numbers."""

    def shift(m: re.Match[str]) -> str:
        return (dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days=k)).isoformat()

    text, n = _DATE.subn(shift, source)
    assert n >= 3, "the seed's dates were not found: update benchmarks/corpus.py"

    def symbols(m: re.Match[str]) -> str:  # A/64/868 -> A/64/(868 + k): the last number moves
        return re.sub(r"(\d+)(?=\s*(,|\]))", lambda d: str(int(d[1]) + k), m[0])

    def job(m: re.Match[str]) -> str:  # 10-46398 -> 10-(46398 + 2k), five digits
        return f'number: "{m[1]}-{(int(m[2]) + 2 * k) % 100000:05d}"'

    def item(m: re.Match[str]) -> str:  # agenda item numbers move together, so they stay distinct
        return f"{m[1]}{int(m[2]) + k % 50}"

    for pattern, repl in (
        (r"^symbols: \[[^\]\n]*\]", symbols),
        (r'number: "(\d{2})-(\d{5})"', job),
        (r"^(\s*- number: )(\d+)\b", item),
    ):
        text, n = re.subn(pattern, repl, text, flags=re.M)
        assert n >= 1, f"the seed no longer has {pattern!r}: update benchmarks/corpus.py"
    return text


def generate(directory: Path, count: int, seed: Path = SEED) -> list[Path]:
    """Write `count` letters into directory (letter-000.yaml ...) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    source = seed.read_text(encoding="utf-8")
    paths = []
    for k in range(count):
        path = directory / f"letter-{k:03d}.yaml"
        path.write_text(variant(source, k), encoding="utf-8")
        paths.append(path)
    return paths


def check(paths: list[Path]) -> None:
    """Untimed: the letters load and every translation is current (else the batch would fail)."""
    from docgen import load, translation

    for path in paths:
        letter = load.load(path)
        problems = [p for lang in letter.languages[1:] for p in translation.problems(letter, lang)]
        if problems:
            raise SystemExit(f"{path}: generated letter has translation problems: {problems[0]}")
