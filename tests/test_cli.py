"""The command line as a user meets it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE, bilingual_text
from docgen.cli import main


def docgen(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def test_build_a_directory_writes_stem_and_language(tmp_path):
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "one.yaml").write_text(bilingual_text(), encoding="utf-8")
    run = docgen("build", str(letters), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    built = tmp_path / "out" / "one"
    assert sorted(p.name for p in built.iterdir() if not p.name.startswith(".docgen")) == ["en.pdf", "fr.pdf"]
    assert f"built {tmp_path / 'out' / 'one' / 'fr.pdf'}" in run.stdout


def test_a_broken_letter_fails_cleanly_and_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(bilingual_text().replace("to: [secretary-general]", "to: [secretary]"), encoding="utf-8")
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
    good.write_text(bilingual_text(), encoding="utf-8")
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


def broken(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(bilingual_text().replace("to: [secretary-general]", "to: [secretary]"), encoding="utf-8")
    return bad


def test_jobs_are_bounded_with_a_usage_error():
    for value in ("0", "-1", "100000", "two"):
        run = docgen("build", str(SAMPLE), "-j", value)
        assert run.returncode == 2 and "give a number of worker processes from 1 to" in run.stderr, value


def test_global_options_go_before_or_after_the_command(tmp_path):
    for args in (["--debug", "-q", "build"], ["build", "--debug", "-q"]):
        run = docgen(*args, str(broken(tmp_path)), "--out", str(tmp_path / "out"))
        assert run.returncode == 1 and run.stdout == ""  # -q: only the problems
        assert "error: to[0]: 'secretary' is not allowed here" in run.stderr


def test_colour_on_request_and_never_with_no_color_or_a_pipe(tmp_path):
    bad = str(broken(tmp_path))
    import os

    plain = docgen("build", bad, "--out", str(tmp_path / "o"))
    assert "\033[" not in plain.stderr  # piped
    env = {**os.environ, "FORCE_COLOR": "1"}
    coloured = subprocess.run([sys.executable, "-m", "docgen", "build", bad], capture_output=True, text=True, env=env)
    assert "\033[1;31merror:\033[0m to[0]" in coloured.stderr
    env["NO_COLOR"] = "1"
    off = subprocess.run([sys.executable, "-m", "docgen", "build", bad], capture_output=True, text=True, env=env)
    assert "\033[" not in off.stderr


def test_diagnostics_as_json_and_as_github_annotations(tmp_path):
    import json

    bad = broken(tmp_path)
    run = docgen("build", str(bad), "--out", str(tmp_path / "o"), "--diagnostics", "json")
    assert run.returncode == 1
    (problem,) = json.loads(run.stdout)
    assert problem == {
        "file": str(bad),
        "line": 32,
        "column": 6,
        "severity": "error",
        "key": "to[0]",
        "message": "'secretary' is not allowed here",
        "hint": "did you mean 'secretary-general'?",
    }
    run = docgen("build", str(bad), "--out", str(tmp_path / "o"), "--diagnostics", "github")
    assert (
        f"::error file={bad},line=32,col=6,title=docgen::to[0]: 'secretary' is not allowed here "
        "(did you mean 'secretary-general'?)"
    ) in run.stdout.splitlines()


def test_an_internal_error_is_one_line_and_exit_3_the_traceback_only_with_debug(tmp_path, monkeypatch, capsys):
    from docgen import cli, pipeline

    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(pipeline, "document", crash)
    args = ["build", str(SAMPLE), "--out", str(tmp_path), "--lang", "en", "-j", "1"]
    assert cli.main(args) == 3
    err = capsys.readouterr().err
    assert "docgen: internal error: RuntimeError: a bug (run with --debug for details)" in err
    assert "Traceback" not in err
    assert cli.main([*args, "--debug"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_exit_statuses_are_documented():
    errors = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert status in errors


def test_a_letter_from_standard_input_to_standard_output(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "-", "--lang", "fr", "--out", "-"],
        input=SAMPLE.read_bytes(),
        capture_output=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    from io import BytesIO

    from pypdf import PdfReader

    assert "23 juillet 2010" in PdfReader(BytesIO(run.stdout)).pages[0].extract_text()
    assert list(tmp_path.iterdir()) == []  # nothing left behind
    bad = subprocess.run(
        [sys.executable, "-m", "docgen", "build", "-", "--lang", "fr", "--out", "-"],
        input=b"docgen: 1\n",
        capture_output=True,
        cwd=tmp_path,
    )
    assert bad.returncode == 1 and bad.stdout == b""
    assert b"<stdin>:1:1: error: missing required key 'date'" in bad.stderr
    two = docgen("build", str(SAMPLE), "--out", "-")
    assert two.returncode == 2
    assert "with '-', name one letter; to write to standard output, one --lang and one --format" in two.stderr


def test_check_speaks_json_and_github_annotations_too(tmp_path):
    import json

    letter = tmp_path / "letter.yaml"
    french_title = "        fr: Rapport de la Commission de consolidation de la paix\n"
    letter.write_text(SAMPLE.read_text(encoding="utf-8").replace(french_title, ""), encoding="utf-8")
    run = docgen("check", str(letter), "--diagnostics", "json")
    problems = json.loads(run.stdout)
    assert [(p["severity"], p["message"][:17]) for p in problems] == [("warning", "no 'fr' translati")]
    run = docgen("check", "--strict", str(letter), "--diagnostics", "github")
    assert run.returncode == 1
    assert any(line.startswith(f"::error file={letter},line=") for line in run.stdout.splitlines()), run.stdout
