"""What a fresh process imports for each stage: nothing for a stage that does not run (a cold
build pays for every module it imports). Timings are never asserted: a shared machine is too
noisy; docs/benchmarks.md reports them."""

from __future__ import annotations

from conftest import ROOT, imported_after

SEED = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"  # six languages


def build(tmp_path, langs: list[str]) -> str:
    return (
        "from pathlib import Path; from docgen import cli; import sys; "
        f"sys.argv = ['docgen', 'build', {str(SEED)!r}, '--out', {str(tmp_path)!r}, "
        f"'--lang', {','.join(langs)!r}, '-q']; "
        "exec('try: cli.main()\\nexcept SystemExit as e: assert not e.code')"
    )


def starting(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if m.startswith(prefixes))


def test_loading_reads_no_font_and_resolves_no_language():
    """The loader checks the characters of all six versions against their fonts from
    docgen/fonts/coverage.json, and their circulation requests from language.yaml alone."""
    loaded = imported_after(f"from docgen import load; load.load({str(SEED)!r})")
    assert not starting(loaded, "reportlab", "num2words", "icu", "difflib")


def test_a_pdf_build_imports_only_what_it_runs(tmp_path):
    """English and French PDFs: ordinals from locales/ordinals.json, the delegations in the
    order of locales/collation.json, library versions from the dist-info folders, the schema's
    compiled check, the templates' gettext calls as plain globals (no Jinja2 i18n extension);
    no other format's or engine's libraries."""
    built = imported_after(build(tmp_path, ["en", "fr"]))
    assert (tmp_path / SEED.stem / "fr.pdf").is_file()
    assert not starting(
        built, "num2words", "icu", "jsonschema", "ruamel", "typst", "docx", "lxml", "importlib.metadata", "email"
    )
    assert not starting(built, "jinja2.ext", "pprint", "difflib")  # difflib: suggestions for mistakes


def test_a_build_reads_no_cldr_pickles(tmp_path):
    """English and French dates, ranges, lists and names come from locales/<lang>/cldr.json:
    the build opens none of Babel's locale-data files (root, en, en_001, en_GB, fr merged)."""
    import subprocess
    import sys

    hook = (
        "import sys; opened = []\n"
        "def note(event, args):\n"
        "    if event == 'open' and 'locale-data' in str(args[0]): opened.append(str(args[0]))\n"
        "sys.addaudithook(note)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", hook + build(tmp_path, ["en", "fr"]) + "\nprint(opened)"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / SEED.stem / "fr.pdf").is_file()
    assert run.stdout.strip().splitlines()[-1] == "[]"


def collector_after(tmp_path, code: str) -> dict:
    """The cyclic garbage collector's state in a fresh process once it has run `code`."""
    import json
    import subprocess
    import sys

    report = "\nimport gc, json; print(json.dumps([gc.isenabled(), gc.get_freeze_count()]))"
    run = subprocess.run([sys.executable, "-c", code + report], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    enabled, frozen = json.loads(run.stdout.strip().splitlines()[-1])
    return {"enabled": enabled, "frozen": frozen}


def test_the_command_collects_garbage_again_after_its_first_letter(tmp_path):
    """The `docgen` command starts with the collector off and, its first letter built, freezes
    what start-up made and collects again: a batch or a watch goes on with a collector."""
    before = collector_after(tmp_path, "from docgen import process; process.start()")
    assert before == {"enabled": False, "frozen": 0}
    after = collector_after(tmp_path, "from docgen import process; process.start()\n" + build(tmp_path, ["en"]))
    assert after["enabled"] and after["frozen"] > 10_000
    assert (tmp_path / SEED.stem / "en.pdf").is_file()


def test_docgen_as_a_library_keeps_the_collector_as_it_is(tmp_path):
    assert collector_after(tmp_path, build(tmp_path, ["en"])) == {"enabled": True, "frozen": 0}


def test_a_load_and_a_render_pause_the_collector_and_give_it_back(monkeypatch):
    """What a build makes is alive until it ends: the collector is off while it runs (its
    passes would find nothing to free), and as it was once it has run, failed or not."""
    import contextlib
    import gc

    from docgen import compose, load, pipeline
    from docgen.diagnostics import LetterError

    during: list[bool] = []

    def watched(real):
        return lambda *args, **kwargs: (during.append(gc.isenabled()), real(*args, **kwargs))[1]

    monkeypatch.setattr(load, "_compose", watched(load._compose))
    monkeypatch.setattr(compose, "compose", watched(compose.compose))
    assert gc.isenabled()
    pipeline.render(load.load(SEED), "fr")
    assert during == [False, False] and gc.isenabled()
    with contextlib.suppress(LetterError):
        load.load(ROOT / "tests" / "broken" / "04-duplicate-key.yaml")
    assert during == [False, False, False] and gc.isenabled()
    gc.disable()
    try:
        pipeline.render(load.load(SEED), "en")
        assert not gc.isenabled()  # a program that turned it off keeps it off
    finally:
        gc.enable()


def test_a_data_file_is_parsed_once_per_content(tmp_path, monkeypatch):
    """docgen's YAML data files are kept parsed in the user's cache, by the hash of their
    bytes: read again, one is not parsed; edited, it is; a damaged entry is parsed over."""
    import datetime as dt

    import yaml

    from docgen import resources

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "countries.yaml"
    data.write_text("CV: {name: Cabo Verde, earlier: [{until: 2013-10-24, name: Cape Verde}]}\n", encoding="utf-8")
    expected = {"CV": {"name": "Cabo Verde", "earlier": [{"until": dt.date(2013, 10, 24), "name": "Cape Verde"}]}}
    assert resources.read_yaml(data) == expected
    parsed = []
    real_load = yaml.load
    monkeypatch.setattr(yaml, "load", lambda *a, **k: parsed.append(1) or real_load(*a, **k))
    assert resources.read_yaml(data) == expected and parsed == []
    data.write_text("CV: {name: Cabo Verde}\n", encoding="utf-8")
    assert resources.read_yaml(data) == {"CV": {"name": "Cabo Verde"}} and parsed == [1]
    for entry in (tmp_path / "cache" / "docgen" / "data").iterdir():
        entry.write_bytes(b"not a pickle")
    assert resources.read_yaml(data) == {"CV": {"name": "Cabo Verde"}} and parsed == [1, 1]


def test_the_house_styles_tables_are_read_only():
    """The page, masthead, furniture, rules and hyphenation tables are plain classes (a frozen
    dataclass of each cost every start some 0.5-1 ms on Python 3.11), read-only all the same:
    no writer can change a measurement the others read."""
    import dataclasses

    import pytest

    from docgen import housestyle as hs

    for table in (hs.PAGE, hs.MASTHEAD, hs.FURNITURE, hs.RULES, hs.HYPHENATION):
        with pytest.raises(dataclasses.FrozenInstanceError):
            table.margin_x = 0  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del table.margin_x  # type: ignore[attr-defined]
    assert hs.FURNITURE.barcode_ratio == 2.2 and hs.PAGE.first_bottom == hs.mm(42)
