"""Nothing half-written, nothing lost: atomic writes, interrupted and concurrent builds."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from pypdf import PdfReader

from conftest import ROOT, SAMPLE
from docgen import output, pipeline


def test_interrupted_write_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "fr.pdf"
    target.write_bytes(b"previous")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["fr.pdf"]


def test_failed_render_writes_nothing(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pipeline, "write", broken)
    with pytest.raises(RuntimeError):
        pipeline.build(SAMPLE, out)
    assert not out.exists() or not any(out.rglob("*"))


def big_letter(tmp_path):
    """The sample with 10,000 more participants: a build of a few seconds."""
    text = SAMPLE.read_text(encoding="utf-8")
    people = "".join(f"                - {{gender: m, name: Person {i}, country: PT}}\n" for i in range(10000))
    anchor = "                - {gender: m, rank: ambassador, name: Baso Sangqu, country: ZA}\n"
    assert anchor in text
    path = tmp_path / "big.yaml"
    path.write_text(text.replace(anchor, anchor + people), encoding="utf-8")
    return path


def test_sigterm_leaves_the_previous_pdf_and_no_partial_file(tmp_path):
    letter = big_letter(tmp_path)
    target = tmp_path / "out" / "big" / "en.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"previous")
    proc = subprocess.Popen(
        [sys.executable, "-m", "docgen", "build", str(letter), "--lang", "en", "--out", str(tmp_path / "out")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)  # loading and laying out 10,000 participants takes longer than this
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert b"terminated" in err and b"Traceback" not in err
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["en.pdf"]


def test_two_builds_of_the_same_letter_at_once_both_end_with_a_valid_pdf(tmp_path):
    cmd = [sys.executable, "-m", "docgen", "build", str(SAMPLE), "--lang", "fr", "--out", str(tmp_path)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    pdf = tmp_path / SAMPLE.stem / "fr.pdf"
    assert len(PdfReader(pdf).pages) >= 8
    assert sorted(p.name for p in pdf.parent.iterdir()) == [".docgen.d", ".docgen.json", "fr.pdf"]


def test_sources_are_only_read(tmp_path):
    before = SAMPLE.stat().st_mtime_ns, SAMPLE.read_bytes()
    pipeline.build(SAMPLE, tmp_path, ["en"])
    assert (SAMPLE.stat().st_mtime_ns, SAMPLE.read_bytes()) == before
