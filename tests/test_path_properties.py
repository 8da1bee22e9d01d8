"""Property-based tests of path handling: whatever a file is called, its outputs stay inside
--out, two letters never share a folder, and the site's pages stay valid HTML and XML with
their links pointing at the files. `make fuzz` runs a longer campaign (HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen import batch, output, publish
from docgen.diagnostics import OutputError, UsageError

# what file names are made of in the wild and in attacks: dots, slashes, URL and XML syntax,
# control characters, right-to-left marks, non-Latin scripts, spaces
CHARS = st.sampled_from([*"./\\#?%&<>\"' ", "\x00", "\x07", "\x1b", "\n", "\u202e", "\ufeff", "é", "ж", "文", "a", "b"])
NAMES = st.text(CHARS, min_size=0, max_size=12)


@given(NAMES)
def test_a_folder_is_inside_out_or_refused(tmp_path_factory, name):
    out = tmp_path_factory.getbasetemp() / "out"
    try:
        folder = output.folder(out, name)
    except OutputError:
        return
    assert folder.resolve().is_relative_to(out.resolve()) and folder != out


@given(st.lists(st.lists(NAMES.filter(lambda n: n and "/" not in n and "\x00" not in n), min_size=1, max_size=3)))
def test_planned_letters_never_share_an_output_folder(tmp_path_factory, paths):
    root = tmp_path_factory.getbasetemp()
    found = [batch.Source(root.joinpath(*parts), "/".join(parts)) for parts in paths]
    try:
        planned = batch.plan(found)
    except UsageError:
        return
    names = [s.name.casefold() for s in planned]
    assert len(names) == len(set(names))
    for s in planned:
        output.folder(root / "out", s.name)  # every name a plan accepts is a folder inside out


@given(st.lists(NAMES.filter(lambda n: n.strip("./ ")), min_size=1, max_size=4, unique=True), NAMES)
def test_site_pages_stay_valid_and_link_to_the_files(tmp_path_factory, names, title):
    import html5lib

    out = tmp_path_factory.mktemp("site")
    entries = [
        {
            "letter": n,
            "language": "en",
            "path": f"{n}/en.pdf",
            "thumbnail": f"{n}/en.png",
            "title": title,
            "symbols": [],
            "dated": "2010-07-22",
            "date": "2010-07-23",
            "draft": True,
            "senders": ["PT"],
            "organs": [],
            "sha256": "0" * 64,
            "bytes": 1,
            "pages": 1,
        }
        for n in names
    ]
    publish.write_site(out, entries, "https://example.org/site")
    html5lib.HTMLParser(strict=True).parse((out / "index.html").read_text(encoding="utf-8"))
    feed = ET.parse(out / "feed.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = sorted(unquote(link.get("href")) for link in feed.findall("a:entry/a:link", ns))
    assert links == sorted(f"https://example.org/site/{publish.NOT_XML.sub('', n)}/en.pdf" for n in names)


@pytest.mark.parametrize("name", ["..", ".", "../x", "a/../../b", "/abs"])
def test_the_known_escapes_are_refused(tmp_path, name):
    with pytest.raises(OutputError):
        output.folder(tmp_path, name)
