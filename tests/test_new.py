"""`docgen new`: a new letter that builds at once and shows every field with a comment."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from docgen import load, resources, translation
from docgen.cli import main

WRITTEN = ", ".join(sorted(resources.languages()))


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
    assert [e.state for e in translation.entries(letter, "fr")] == ["unconfirmed"] * 3  # placeholders
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
    assert run.returncode == 1 and path.read_text() == "mine"
    assert run.stderr.splitlines() == [
        f"docgen new: error: {path} exists already (choose another name: docgen new never replaces a file)"
    ]
    run = docgen("new", str(tmp_path / "other.yaml"), "--name", "X", stdin="")
    assert run.returncode == 2 and "country of the mission" in run.stderr.lower()
    assert not (tmp_path / "other.yaml").exists()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--country", "XX"], "--country: 'XX' is not an ISO 3166-1 country code (for example PT or FR)"),
        (["--to", "secretary"], "--to: 'secretary' is not an addressee (did you mean 'secretary-general'?)"),
        (
            ["--items", "65c"],
            "--items: '65c' is not an agenda item number, with its sub-item if any (for example 10 or 65 (c))",
        ),
        (["--languages", "en,xx"], f"--languages: docgen has no catalog for 'xx' (it writes {WRITTEN})"),
        (["--languages", "en,fr,en"], "--languages: 'en' is listed twice (remove one)"),
        (
            ["--organs", "general-asembly"],
            "--organs: 'general-asembly' is not an organ (did you mean 'general-assembly'?)",
        ),
        (["--name", "  "], "--name: the name of the signatory is empty"),
    ],
)
def test_a_wrong_flag_is_refused_and_nothing_written(tmp_path, flags, message):
    path = tmp_path / "new.yaml"
    args = {
        "--country": "PT",
        "--name": "Ana Example",
        "--items": "10",
        **dict(zip(flags[::2], flags[1::2], strict=True)),
    }
    run = docgen("new", str(path), *[x for kv in args.items() for x in kv])
    assert run.returncode == 2 and run.stderr.splitlines() == [f"docgen new: error: {message}"]
    assert not path.exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_each_answer_is_checked_as_typed_and_asked_again(tmp_path, monkeypatch, capsys):
    path = tmp_path / "new.yaml"
    typed = [
        "",
        "XX",
        "ie",
        "Mary Example",
        "x",
        "f",
        "",
        "secretary",
        "secretary-general",
        "security-council",
        "en,fr,fr",
        "en,fr",
    ]
    monkeypatch.setattr("sys.stdin", Terminal("\n".join(typed) + "\n"))
    assert main(["new", str(path), "--date", "2024-05-02"]) == 0
    out = capsys.readouterr().out
    assert "  'XX' is not an ISO 3166-1 country code (for example PT or FR)" in out
    assert "  'x' is not m or f" in out
    assert "  'secretary' is not an addressee (did you mean 'secretary-general'?)" in out
    assert "  'fr' is listed twice (remove one)" in out
    assert out.count("Country of the mission") == 3 and out.count("Gender of the signatory") == 2
    letter = load.load(path)
    assert (letter.sender.country, letter.sender.name, letter.sender.gender) == ("IE", "Mary Example", "f")
    assert letter.languages == ["en", "fr"] and letter.general_assembly is None


def test_the_first_real_build_is_not_stale(tmp_path):
    path = tmp_path / "new.yaml"
    assert docgen("new", str(path), "--country", "IE", "--name", "X", "--organs", "security-council").returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "-from:" not in text  # placeholders are no one's translation
    body = load.load(path).body[0]["en"]
    path.write_text(
        text.replace(json.dumps(body), '"I have the honour to inform you of our position."'), encoding="utf-8"
    )
    run = docgen("build", str(path), "--out", str(tmp_path / "out"))
    assert run.returncode == 0 and "stale" not in run.stderr, run.stderr


def test_comments_are_made_from_the_letters_facts(tmp_path):
    path = tmp_path / "new.yaml"
    assert (
        docgen(
            "new",
            str(path),
            "--country",
            "IE",
            "--name",
            "X",
            "--date",
            "2024-05-02",
            "--languages",
            "en,fr",
            "--items",
            "10",
        ).returncode
        == 0
    )
    text = path.read_text(encoding="utf-8")
    assert "Portugal" not in text and "Sixty-fifth" not in text
    assert '  country: IE  # ISO 3166-1 code: "of Ireland", "de l’Irlande" come from data' in text
    assert 'security-council: {}  # "Seventy-ninth year" comes from the date' in text
