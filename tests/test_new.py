"""`docgen new`: a new letter that builds at once and shows every field with a comment."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from docgen import load, translation


def docgen(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT, input=stdin
    )


def test_a_new_letter_builds_at_once(tmp_path):
    path = tmp_path / "letters" / "new.yaml"
    path.parent.mkdir()
    run = docgen(
        "new",
        str(path),
        "--country",
        "PH",
        "--name",
        "Maria Example",
        "--gender",
        "f",
        "--items",
        "10,65 (c)",
        "--to",
        "secretary-general,president-security-council",
        "--date",
        "2025-03-03",
    )
    assert run.returncode == 0, run.stderr
    text = path.read_text(encoding="utf-8")
    for key in (
        "docgen:",
        "status: draft",
        "original:",
        "languages:",
        "# symbols:",
        "# issued:",
        "# jobs:",
        "date:",
        "from:",
        "to:",
        "general-assembly:",
        "security-council:",
        "body:",
        "# annexes:",
    ):
        assert key in text, key
    assert all("#" in line for line in text.splitlines() if line.startswith(("status:", "original:", "date:")))
    letter = load.load(path)
    assert letter.sender.country == "PH"
    assert [(i.number, i.sub) for i in letter.general_assembly.items] == [("10", None), ("65", "c")]
    assert [e.state for e in translation.entries(letter, "fr")] == ["current"] * 3  # confirmed from the start
    built = docgen("build", str(path), "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "new" / "fr.pdf").exists()


def test_placeholders_are_in_each_language(tmp_path):
    path = tmp_path / "new.yaml"
    assert docgen("new", str(path), "--country", "FR", "--name", "X", "--organs", "security-council").returncode == 0
    body = load.load(path).body[0]
    assert body["en"] != body["fr"]


def test_never_overwrites_and_says_what_is_missing(tmp_path):
    path = tmp_path / "new.yaml"
    path.write_text("mine", encoding="utf-8")
    run = docgen("new", str(path), "--country", "PT", "--name", "X", "--organs", "security-council")
    assert run.returncode != 0 and "exists already" in run.stderr and path.read_text() == "mine"
    run = docgen("new", str(tmp_path / "other.yaml"), "--name", "X", stdin="")
    assert run.returncode != 0 and "country of the mission" in run.stderr.lower()
    assert not (tmp_path / "other.yaml").exists()
