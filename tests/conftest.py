"""Shared fixtures: the sample letter built once per test session, read back as a user would."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pypdf import PdfReader

from docgen import load, pipeline

# Property-based tests: `make test` runs a bounded number of examples, `make fuzz` a campaign.
for _name, _examples in (("ci", 25), ("fuzz", 3000)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"
DATA = Path(__file__).resolve().parent / "data"


def copies(folder: Path, *names: str) -> Path:
    """Copies of the sample letter, in English and French (bilingual_sample), under these names
    (sub-folders made as needed) in a folder."""
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(bilingual_text(), encoding="utf-8")
    return folder


@dataclass
class Pdf:
    data: bytes
    reader: PdfReader

    @property
    def pages(self) -> list[str]:
        return [p.extract_text() for p in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def folded(self, page: int | None = None) -> str:
        """Text with every run of white space (no-break spaces too) folded to one space."""
        return fold(self.text if page is None else self.pages[page])


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def curly(text: str) -> str:
    """A text as typed, with the apostrophes the typographer prints: "l'ONU" -> "l’ONU"."""
    return re.sub(r"(?<=\w)'(?=\w)", "’", text)


def bilingual_sample(dest: Path) -> Path:
    """The sample as an English and French letter, its other translations left out: the tests of
    builds, sites and the translation workflow count its documents and languages."""
    dest.write_text(bilingual_text(), encoding="utf-8")
    return dest


@cache
def bilingual_text() -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(SAMPLE.read_text(encoding="utf-8"))
    keep = ["en", "fr"]
    drop = set(data["languages"]) - set(keep)

    def prune(node):
        if isinstance(node, dict):
            for key in [k for k in node if k in drop or (str(k).endswith("-from") and str(k)[:-5] in drop)]:
                del node[key]
            for value in node.values():
                prune(value)
        elif isinstance(node, list):
            for value in node:
                prune(value)

    prune(data)
    data["languages"][:] = keep
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


@pytest.fixture(scope="session")
def letter():
    return load.load(SAMPLE)


@pytest.fixture(scope="session")
def pdfs(letter, tmp_path_factory) -> dict[str, Pdf]:
    out = {}
    for lang in letter.languages:
        data = pipeline.render(letter, lang)
        path = tmp_path_factory.mktemp("pdf") / f"{lang}.pdf"
        path.write_bytes(data)
        out[lang] = Pdf(data, PdfReader(path))
    return out


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported once it has run `code` (from the project's
    root): what a stage costs at start-up, seen as a user's process would see it."""
    import subprocess
    import sys

    report = "\nimport sys as _sys, json as _json; print(_json.dumps(sorted(_sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code + report], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return set(json.loads(run.stdout.strip().splitlines()[-1]))
