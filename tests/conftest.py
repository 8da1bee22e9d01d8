"""Shared fixtures: the sample letter built once per test session, read back as a user would."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
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
    """Copies of the sample letter under these names (sub-folders made as needed) in a folder."""
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(SAMPLE.read_bytes())
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
