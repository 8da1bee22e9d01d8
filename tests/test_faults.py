"""The fault suite: builds killed with SIGKILL in a loop, a full disk, a read-only output
folder, concurrent builds. Each ends with the previous outputs intact or a clear error, and no
temporary file left once the next build has run. Mounting needs privileges: those tests skip,
saying why, on a machine that cannot mount a tmpfs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, SAMPLE, copies


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "docgen", *args]


def docgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), capture_output=True, text=True, cwd=ROOT)


def temporaries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.tmp"))


def test_killed_builds_in_a_loop_leave_whole_pdfs_and_the_next_build_cleans_up(tmp_path):
    letter = tmp_path / "letter.yaml"
    shutil.copy(SAMPLE, letter)
    out = tmp_path / "out"
    pdf = out / "letter" / "en.pdf"
    for delay in (0.4, 0.8, 1.2, 1.6, 2.0):  # during start-up, loading, layout and writing
        proc = subprocess.Popen(command("build", str(letter), "--out", str(out), "--lang", "en"), cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if pdf.exists():  # never half a PDF: the rename is atomic
            assert len(PdfReader(pdf).pages) == 8
        letter.write_text(letter.read_text(encoding="utf-8") + f"# edit {delay}\n", encoding="utf-8")
    run = docgen("build", str(letter), "--out", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert len(PdfReader(pdf).pages) == 8
    assert temporaries(out) == []


def test_concurrent_builds_of_one_folder_all_end_with_valid_pdfs(tmp_path):
    letters = copies(tmp_path / "letters", "a.yaml", "b.yaml")
    out = tmp_path / "out"
    cmd = command("build", str(letters), "--out", str(out), "--lang", "en", "-j", "2")
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0]
    for name in ("a", "b"):
        assert len(PdfReader(out / name / "en.pdf").pages) == 8
    assert temporaries(out) == []
    again = docgen("build", str(letters), "--out", str(out), "--lang", "en")
    assert again.stdout.splitlines()[-1].startswith("0 document(s) built, 2 letter(s) up to date")


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs mounted for the test, or a skip saying why it cannot be."""
    point = tmp_path / "mnt"
    point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command on this machine")

    def mount(*options: str) -> None:
        run = subprocess.run(["mount", "-t", "tmpfs", *options, "tmpfs", str(point)], capture_output=True, text=True)
        if run.returncode != 0:
            pytest.skip(
                f"cannot mount a tmpfs here ({run.stderr.strip() or 'not permitted'}): needs root in a VM or CI"
            )

    yield point, mount
    subprocess.run(["umount", str(point)], capture_output=True)


def build_into(tmp_path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    letter = copies(tmp_path, "letter.yaml") / "letter.yaml"
    return docgen("build", str(letter), "--out", str(out), "--lang", "en")


def test_a_full_disk_is_an_error_and_leaves_the_previous_pdf(tmp_path, tmpfs):
    point, mount = tmpfs
    mount("-o", "size=16k")
    run = build_into(tmp_path, point)
    assert run.returncode == 1
    assert f"cannot write {point / 'letter' / 'en.pdf'}: the disk is full: free some space" in run.stderr
    assert "Traceback" not in run.stderr
    assert temporaries(point) == [] and not (point / "letter" / "en.pdf").exists()


def test_a_read_only_output_folder_is_an_error(tmp_path, tmpfs):
    point, mount = tmpfs
    mount("-o", "ro,size=1m")
    run = build_into(tmp_path, point)
    assert run.returncode == 1
    assert "the file system is read-only: choose another --out" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_folder_without_write_permission_is_an_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere: the read-only tmpfs test covers this case")
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    run = build_into(tmp_path, out)
    assert run.returncode == 1 and "permission denied: choose a folder you can write to" in run.stderr
