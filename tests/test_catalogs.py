"""House-style catalogs: every string of templates and code is in every shipped language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from docgen import resources

SOURCE_LANGUAGE = "en"  # msgids are English: its catalog may leave msgstr empty


def catalog(lang: str):
    with (resources.LOCALES / lang / "LC_MESSAGES" / "docgen.po").open("rb") as f:
        return read_po(f)


def keys(cat) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in cat if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str | None, str]]:
    pot = tmp_path_factory.mktemp("pot") / "docgen.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        return keys(read_po(f))


@pytest.mark.parametrize("lang", sorted(resources.languages()))
def test_catalog_holds_every_string_of_templates_and_code(extracted, lang):
    assert extracted - keys(catalog(lang)) == set(), "run `make catalogs`"


@pytest.mark.parametrize("lang", sorted(resources.languages() - {SOURCE_LANGUAGE}))
def test_no_untranslated_or_fuzzy_house_style_entry(lang):
    cat = catalog(lang)
    untranslated = [m.id for m in cat if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in cat if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_a_language_is_a_folder_of_data_not_code():
    for lang in resources.languages():
        folder = resources.LOCALES / lang
        assert (folder / "language.yaml").is_file() and (folder / "countries.yaml").is_file()
    python = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docgen").glob("*.py"))
    for lang in resources.languages():
        assert f'"{lang}"' not in python and f"'{lang}'" not in python, f"language {lang} named in code"
