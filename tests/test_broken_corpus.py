"""A corpus of broken letters: each tests/broken/NN-name.yaml is a short letter with one kind of mistake
(a few have two or three), and NN-name.expected holds, line for line, what `docgen build` must print
on stderr for it (without the final "N letter(s) failed" line), run from the project root.

Cases in XFAIL are letters whose messages are wrong today (wrong place, unhelpful, a mistake not
detected, an internal error): their .expected file holds the message docgen should print instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import pipeline
from docgen.diagnostics import LetterError

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))
SUMMARY = re.compile(r"\d+ letter\(s\) failed(: .*)?")

# Run through the command line (exit status, no traceback); the others are loaded in-process.
SUBPROCESS = {
    "05-empty-file",
    "06-latin-1",
    "09-control-character",
    "10-nested-too-deeply",
    "11-recursive-alias",
    "12-alias-bomb",
    "14-python-tag",
    "34-date-year-typo",
    "67-three-structure-mistakes",
}

XFAIL: dict[str, str] = {}


def expected(case: Path) -> list[str]:
    return case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def relative(case: Path) -> str:
    return case.relative_to(ROOT).as_posix()


def params() -> list:
    return [
        pytest.param(
            case,
            id=case.stem,
            marks=[pytest.mark.xfail(strict=True, reason=XFAIL[case.stem])] if case.stem in XFAIL else [],
        )
        for case in CASES
    ]


def test_the_corpus_is_complete():
    stems = {case.stem for case in CASES}
    assert len(stems) >= 45
    assert {p.stem for p in BROKEN.glob("*.expected")} == stems
    assert stems >= set(XFAIL) | SUBPROCESS
    assert [case.name[:2] for case in CASES] == [f"{n:02d}" for n in range(1, len(CASES) + 1)]


@pytest.mark.parametrize("case", params())
def test_broken_letter(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "out"
    if case.stem in SUBPROCESS:
        run = subprocess.run(
            [sys.executable, "-m", "docgen", "build", relative(case), "--out", str(out)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert "Traceback" not in run.stderr
        assert run.returncode == 1, run.stderr
        lines = run.stderr.splitlines()
        assert lines and SUMMARY.fullmatch(lines[-1]), run.stderr
        found = lines[:-1]
    else:
        monkeypatch.chdir(ROOT)
        with pytest.raises(LetterError) as info:
            pipeline.build(Path(relative(case)), out)
        found = [str(problem) for problem in info.value.problems]
    assert found == expected(case)
    assert not list(tmp_path.rglob("*.pdf"))
