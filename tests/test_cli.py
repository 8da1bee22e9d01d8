"""The command line as a user meets it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE
from docgen.cli import main


def docgen(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def test_build_a_directory_writes_stem_and_language(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "one.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    run = docgen("build", str(letters), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    built = tmp_path / "out" / "one"
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".docgen")) == ["en.pdf", "fr.pdf"]
    assert f"built {tmp_path / 'out' / 'one' / 'fr.pdf'}" in run.stdout


def test_a_broken_letter_fails_cleanly_and_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("to: [secretary-general]", "to: [secretary]"), encoding="utf-8"
    )
    run = docgen("build", str(bad), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert f"{bad}:" in run.stderr and "error: to[0]: 'secretary' is not allowed here" in run.stderr
    assert "did you mean 'secretary-general'?" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    run = docgen("build", str(tmp_path / "nope.yaml"))
    assert run.returncode == 1
    assert "cannot read the letter" in run.stderr and "Traceback" not in run.stderr


def test_failed_build_keeps_the_previous_pdf(tmp_path):
    good = tmp_path / "letter.yaml"
    good.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert docgen("build", str(good), "--out", str(tmp_path / "out")).returncode == 0
    pdf = tmp_path / "out" / "letter" / "fr.pdf"
    before = pdf.read_bytes()
    good.write_text("docgen: [", encoding="utf-8")
    assert docgen("build", str(good), "--out", str(tmp_path / "out")).returncode == 1
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in pdf.parent.iterdir() if not p.name.startswith(".docgen")) == ["en.pdf", "fr.pdf"]


def test_console_script_and_version():
    run = docgen("--version")
    assert run.returncode == 0 and run.stdout.startswith("docgen ")


def test_an_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(SAMPLE), "--out", str(tmp_path), "--format", "pdf,odt"])
    assert exit_.value.code == 2
    assert "unknown format odt: choose from pdf" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_the_stamp_records_every_file_of_a_language(tmp_path):
    assert main(["build", str(SAMPLE), "--out", str(tmp_path), "--format", "pdf", "--jobs", "1"]) == 0
    stamp = json.loads((tmp_path / SAMPLE.stem / ".docgen.json").read_text(encoding="utf-8"))
    for lang in ("en", "fr"):
        record = stamp["documents"][lang]["files"]["pdf"]
        pdf = tmp_path / SAMPLE.stem / record["path"]
        assert record["path"] == f"{lang}.pdf" and record["bytes"] == pdf.stat().st_size
