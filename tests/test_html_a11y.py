"""Every sample letter's HTML pages pass axe-core in a real headless Chromium, with no violation
(tools/a11y: axe-core and playwright-core from npm, installed by `npm ci`; .ci/run does it)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from test_site import chromium

from conftest import ROOT
from docgen import pipeline

TOOL = ROOT / "tools" / "a11y"


def test_every_sample_page_passes_axe(tmp_path):
    browser, node = chromium(), shutil.which("node")
    if browser is None or node is None:
        pytest.skip("needs Chromium and Node.js: .ci/run installs Debian's chromium; Node.js comes with the machine")
    if not (TOOL / "node_modules" / "axe-core").is_dir():
        pytest.skip("axe-core is not installed: run `npm ci` in tools/a11y (.ci/run does)")
    pages = []
    for letter in sorted((ROOT / "letters").glob("*.yaml")):
        built = pipeline.build(letter, tmp_path, formats=("html",))
        pages += [str(b.path) for b in built]
    pages += [
        str(b.path) for b in pipeline.build(ROOT / "tests" / "data" / "hostile.yaml", tmp_path, formats=("html",))
    ]
    control = tmp_path / "control.html"  # the check must see what it is there to catch
    control.write_text('<!DOCTYPE html><html><head><title>x</title></head><body><img src="x.png"></body></html>')
    run = subprocess.run(
        [node, str(TOOL / "check.mjs"), browser, str(control), *pages], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert {v["id"] for v in results.pop(str(control))} >= {"html-has-lang", "image-alt", "landmark-one-main"}
    assert sorted(results) == sorted(pages)
    assert {page: v for page, v in results.items() if v} == {}
