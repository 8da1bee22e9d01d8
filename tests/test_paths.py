"""Where outputs go: one folder per letter, never shared, never outside --out, never replacing
what is not a regular file; and what counts as a letter (the same for make and docgen)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, copies
from docgen import batch, output
from docgen.diagnostics import OutputError


def docgen(*args: str, cwd=ROOT, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def files(root) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_one_file_name_in_two_folders_gets_two_output_folders(tmp_path):
    letters = tmp_path / "letters"
    copies(letters, "2010/note.yaml", "2011/note.yaml")
    out = tmp_path / "out"
    run = docgen("build", str(letters), "--out", str(out), "-j", "2")
    assert run.returncode == 0, run.stderr
    assert [f for f in files(out) if f.endswith(".pdf")] == [
        "2010/note/en.pdf",
        "2010/note/fr.pdf",
        "2011/note/en.pdf",
        "2011/note/fr.pdf",
    ]
    stamps = [json.loads((out / y / "note" / batch.STAMP).read_text()) for y in ("2010", "2011")]
    assert [s["letter"]["name"] for s in stamps] == ["2010/note", "2011/note"]


def test_two_letters_that_would_share_a_folder_are_refused_naming_both(tmp_path):
    copies(tmp_path, "a/note.yaml", "b/note.yaml", "c/x.yaml", "c/x.yml")
    out = tmp_path / "out"
    run = docgen("build", str(tmp_path / "a/note.yaml"), str(tmp_path / "b/note.yaml"), "--out", str(out))
    assert run.returncode == 2
    assert run.stderr.splitlines()[0] == (
        f"docgen: error: {tmp_path / 'a/note.yaml'} and {tmp_path / 'b/note.yaml'} would both write note/ in the "
        "output folder (rename one, or name the folder above both: its sub-folders are mirrored in the output)"
    )
    assert not out.exists()
    run = docgen("build", str(tmp_path / "c"), "--out", str(out))
    assert (
        run.returncode == 2 and f"{tmp_path / 'c/x.yaml'} and {tmp_path / 'c/x.yml'} would both write x/" in run.stderr
    )


def test_the_same_letter_named_twice_is_built_once(tmp_path):
    copies(tmp_path, "note.yaml")
    run = docgen("build", str(tmp_path / "note.yaml"), str(tmp_path), "--out", str(tmp_path / "out"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("built ") == 1


@pytest.mark.parametrize("name", ["...yaml", "..yaml"])
def test_a_file_name_that_gives_no_folder_is_refused_and_nothing_leaves_out(tmp_path, name):
    letters = tmp_path / "in"
    copies(letters, name)
    out = tmp_path / "a" / "out"
    run = docgen("build", str(letters / name), "--out", str(out))
    assert run.returncode == 2
    assert (
        run.stderr.strip()
        == f"docgen: error: {letters / name}: its file name gives no output folder (rename it, e.g. letter.yaml)"
    )
    assert files(tmp_path) == [f"in/{name}"]


def test_folder_refuses_names_that_leave_out(tmp_path):
    for name in ("..", ".", "a/../..", "/etc", "a\\..\\b", ""):
        with pytest.raises(OutputError):
            output.folder(tmp_path, name)
    assert output.folder(tmp_path, "2010/note") == tmp_path / "2010" / "note"


def test_a_symbolic_link_in_out_leading_elsewhere_is_refused(tmp_path):
    copies(tmp_path, "in/note.yaml")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "note").symlink_to(elsewhere)
    run = docgen("build", str(tmp_path / "in/note.yaml"), "--out", str(out))
    assert run.returncode == 1
    assert f"{out / 'note'} leads outside {out} (a symbolic link? remove it)" in run.stderr
    assert "Traceback" not in run.stderr and list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder"])
def test_an_output_never_replaces_what_is_not_a_regular_file(tmp_path, kind):
    target = tmp_path / "en.pdf"
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    {"symlink": lambda: target.symlink_to(victim), "fifo": lambda: os.mkfifo(target), "folder": target.mkdir}[kind]()
    with pytest.raises(OutputError) as error:
        output.write_atomic(target, b"%PDF")
    what = {"symlink": "a symbolic link", "fifo": "not a regular file", "folder": "a folder"}[kind]
    assert str(error.value) == (
        f"{target} is {what}: docgen replaces only regular files (remove it or choose another path)"
    )
    assert victim.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.pdf", "victim"]


def test_out_that_is_a_file_or_a_device_is_an_error_not_a_traceback(tmp_path):
    copies(tmp_path, "note.yaml")
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file", "/dev/full"):
        run = docgen("build", str(tmp_path / "note.yaml"), "--out", str(out), "--lang", "en")
        assert run.returncode == 1, run.stderr
        assert f"cannot write into {out}: it is a file, not a folder (remove it or choose another)" in run.stderr
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr


def test_a_full_disk_is_reported_with_the_file_and_leaves_nothing(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(OutputError, match=f"cannot write {tmp_path / 'en.pdf'}: the disk is full: free some space"):
        output.write_atomic(tmp_path / "en.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []


def test_directories_skip_hidden_folders_and_files(tmp_path):
    copies(tmp_path, "a.yaml", "sub/b.yml", ".venv/lib/c.yaml", ".git/d.yaml", "sub/.e.yaml", "notes.txt")
    (tmp_path / "folder.yaml").mkdir()
    assert [(s.path.relative_to(tmp_path).as_posix(), s.name) for s in batch.sources([tmp_path])] == [
        ("a.yaml", "a"),
        ("sub/b.yml", "sub/b"),
    ]


def test_make_and_docgen_agree_on_what_a_letter_is_and_where_it_goes(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("no make on this machine")
    copies(tmp_path, "a.yaml", "2010/b.yaml", "2010/deep/c.yml", ".hidden/d.yaml")
    run = subprocess.run(
        ["make", "-s", "print-letters", f"LETTERS_DIR={tmp_path}", "OUT=out"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    made = [line.split() for line in run.stdout.splitlines()]
    assert made == [[str(s.path), f"out/{s.name}/{batch.STAMP}"] for s in batch.sources([tmp_path])]
    assert len(made) == 3
    # make names the letters it found with --root: the same folders as the directory gives
    named = batch.sources([letter for letter, _ in made], root=tmp_path)
    assert [s.name for s in named] == [s.name for s in batch.sources([tmp_path])]


def test_a_letter_outside_root_is_a_usage_error(tmp_path):
    copies(tmp_path, "a/x.yaml", "b/y.yaml")
    run = docgen("build", str(tmp_path / "b/y.yaml"), "--root", str(tmp_path / "a"), "--out", str(tmp_path / "o"))
    assert run.returncode == 2 and f"docgen: error: {tmp_path / 'b/y.yaml'} is not below --root {tmp_path / 'a'}" in (
        run.stderr
    )
