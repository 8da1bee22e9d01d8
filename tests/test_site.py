"""The published site: manifest, feed, reproducibility, shards, and a real headless browser."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, bilingual_sample, bilingual_text


def docgen(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1280000000", **(env or {})},
    )


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    for name in ("one", "two"):
        bilingual_sample(Path(folder / f"{name}.yaml"))
    text = bilingual_text()
    (folder / "three.yaml").write_text(
        text.replace("issued: 2010-07-23", "issued: 2010-08-02").replace(
            "A/64/868, S/2010/402", "A/64/901, S/2010/433"
        ),
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def site(letters, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    run = docgen("publish", str(letters), "--out", str(out), "--build", str(out.parent / "build"), "--jobs", "2")
    assert run.returncode == 0, run.stderr
    return out


def test_manifest_describes_every_pdf(site):
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    docs = manifest["documents"]
    assert len(docs) == 6
    for d in docs:
        pdf = site / d["path"]
        assert not Path(d["path"]).is_absolute()
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == d["sha256"]
        assert pdf.stat().st_size == d["bytes"]
        assert d["pages"] == 8 and d["language"] in ("en", "fr")
        assert (site / d["thumbnail"]).read_bytes().startswith(b"\x89PNG")
        word = site / d["renditions"]["docx"]  # the Word file beside the PDF
        assert word.name == f"{d['language']}.docx" and word.parent == pdf.parent
        assert word.read_bytes().startswith(b"PK")
    three = [d for d in docs if d["letter"] == "three"]
    assert {d["title"][:14] for d in three} == {"Letter dated 2", "Lettre datée d"}
    assert three[0]["symbols"] == ["A/64/901", "S/2010/433"] and three[0]["date"] == "2010-08-02"


def test_feed_lists_documents_newest_first(site):
    feed = ET.parse(site / "feed.atom").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 6
    assert [e.find("a:updated", ns).text for e in entries][:2] == ["2010-08-02T00:00:00Z"] * 2
    assert feed.find("a:updated", ns).text == "2010-08-02T00:00:00Z"
    assert entries[0].find("a:link", ns).get("href").endswith(".pdf")


def test_same_sources_give_the_same_site(letters, site, tmp_path):
    again = tmp_path / "again"
    assert (
        docgen("publish", str(letters), "--out", str(again), "--build", str(tmp_path / "b"), "-j", "1").returncode == 0
    )
    for name in ("index.html", "manifest.json", "feed.atom", "one/en.pdf", "one/fr.png", "three/fr.pdf", "one/fr.docx"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def test_shards_merge_into_the_same_site(letters, site, tmp_path):
    parts = []
    for k in (1, 2):
        part = tmp_path / f"shard{k}"
        build = str(tmp_path / f"build{k}")
        assert (
            docgen("publish", str(letters), "--out", str(part), "--build", build, "--shard", f"{k}/2").returncode == 0
        )
        parts.append(part)
    merged = tmp_path / "merged"
    run = docgen("publish", "--merge", *map(str, parts), "--out", str(merged))
    assert run.returncode == 0, run.stderr
    assert json.loads((merged / "manifest.json").read_text()) == json.loads((site / "manifest.json").read_text())
    assert (merged / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert (merged / "two" / "en.docx").read_bytes() == (site / "two" / "en.docx").read_bytes()


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    page = Page()
    page.feed(html)
    return page.tags


def test_page_is_accessible_and_self_contained(site):
    tags = parse((site / "index.html").read_text(encoding="utf-8"))
    names = [t for t, _ in tags]
    assert {"header", "main", "footer"} <= set(names)
    assert dict(tags)["html"]["lang"] == "en"
    images = [a for t, a in tags if t == "img"]
    assert len(images) == 6 and all(a.get("alt") for a in images)
    word = [a["href"] for t, a in tags if t == "a" and str(a.get("href")).endswith(".docx")]
    assert sorted(word) == sorted(f"{n}/{lang}.docx" for n in ("one", "two", "three") for lang in ("en", "fr"))
    assert {a.get("lang") for t, a in tags if t == "dd" and a.get("lang")} == {"en", "fr"}
    links = [a.get("href") or a.get("src") for t, a in tags if t in ("a", "img", "link", "script")]
    assert all("://" not in str(x) for x in links)  # nothing fetched from elsewhere: works offline


def test_each_pdf_has_its_html_page_beside_it(site):
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    tags = parse((site / "index.html").read_text(encoding="utf-8"))
    pages = [a["href"] for t, a in tags if t == "a" and a.get("type") == "text/html"]
    assert sorted(pages) == sorted(d["renditions"]["html"] for d in manifest["documents"])
    for d in manifest["documents"]:
        assert d["renditions"]["html"] == d["path"].removesuffix(".pdf") + ".html"
        assert f'lang="{d["language"]}"' in (site / d["renditions"]["html"]).read_text(encoding="utf-8")


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def test_page_in_a_real_headless_browser(site, tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip("no Chromium on this machine: .ci/run installs Debian's chromium (apt-get install chromium)")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'p'}",
        "--window-size=1000,1400",
    ]
    url = (site / "index.html").as_uri()
    dom = subprocess.run([browser, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    tags = parse(dom)
    assert {"header", "main", "footer", "article"} <= {t for t, _ in tags}
    assert sum(t == "img" for t, _ in tags) == 6
    shot = tmp_path / "shot.png"
    subprocess.run([browser, *flags, f"--screenshot={shot}", url], capture_output=True, timeout=120)
    from PIL import Image

    image = Image.open(shot).convert("L")
    # the first thumbnail (a page of text in a frame) is drawn: its box holds dark pixels
    box = image.crop((20, 250, 420, 700))
    dark = sum(box.histogram()[:128])
    assert dark > 1000, dark


# --- the site's pages from given entries (no build needed) ----------------------------------


def entry(name: str, lang: str = "en", **kw) -> dict:
    e = {
        "letter": name,
        "language": lang,
        "path": f"{name}/{lang}.pdf",
        "thumbnail": f"{name}/{lang}.png",
        "title": "Letter dated 22 July 2010 from the Permanent Representative",
        "symbols": ["A/64/868", "S/2010/402"],
        "dated": "2010-07-22",
        "date": "2010-07-23",
        "draft": False,
        "senders": ["PT"],
        "organs": ["general-assembly"],
        "sha256": "0" * 64,
        "bytes": 2048,
        "pages": 8,
    }
    return e | kw


def strict_html(text: str) -> None:
    """A conforming HTML5 parser, strict: any parse error (bad nesting, stray characters) fails."""
    import html5lib

    html5lib.HTMLParser(strict=True).parse(text)


def pages(tmp_path, entries, base_url=None):
    from docgen import publish

    publish.write_site(tmp_path, entries, base_url)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    strict_html(html)
    feed = ET.parse(tmp_path / "feed.atom").getroot()  # well-formed XML, or this raises
    return html, feed


ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_one_page_is_one_page_and_a_draft_says_so(tmp_path):
    draft = entry("d", pages=1, symbols=[], draft=True, title="Draft letter dated 22 July 2010")
    html, feed = pages(tmp_path, [draft, entry("f")])
    assert "(PDF, 1 page, 2 kB)" in html and "(PDF, 8 pages, 2 kB)" in html
    assert '<span class="draft">Draft</span> d</h2>' in html
    assert '<dt>Drafted</dt><dd><time datetime="2010-07-23">' in html  # a draft is not issued yet
    alts = [a.get("alt") for t, a in parse(html) if t == "img"]
    assert "First page of the English version of the draft Draft letter dated 22 July 2010" in alts
    assert "First page of the English version of A/64/868–S/2010/402" in alts
    summaries = [e.find("a:summary", ATOM).text for e in feed.findall("a:entry", ATOM)]
    assert sorted(summaries) == ["1 page", "A/64/868–S/2010/402, 8 pages"]
    titles = [e.find("a:title", ATOM).text for e in feed.findall("a:entry", ATOM)]
    assert "Draft: Draft letter dated 22 July 2010" in titles


def test_the_date_shown_is_the_letters_date_and_the_issue_date_is_labelled(tmp_path):
    html, _ = pages(tmp_path, [entry("a")])
    assert '<dt>Dated</dt><dd><time datetime="2010-07-22">July 22, 2010</time></dd>' in html
    assert '<dt>Issued</dt><dd><time datetime="2010-07-23">July 23, 2010</time></dd>' in html


def test_file_names_are_url_encoded_and_control_characters_dropped(tmp_path):
    odd = entry("a#b?c%d e", title="Bell\x07 and \x1b escape")
    html, feed = pages(tmp_path, [odd], "https://mission.example/letters")
    hrefs = [a.get("href") for t, a in parse(html) if t == "a" and a.get("type") == "application/pdf"]
    assert hrefs == ["a%23b%3Fc%25d%20e/en.pdf"]
    assert [a.get("src") for t, a in parse(html) if t == "img"] == ["a%23b%3Fc%25d%20e/en.png"]
    (e,) = feed.findall("a:entry", ATOM)
    assert e.find("a:title", ATOM).text == "Bell and  escape"
    assert e.find("a:link", ATOM).get("href") == "https://mission.example/letters/a%23b%3Fc%25d%20e/en.pdf"


def test_feed_ids_are_per_site_stable_across_rebuilds_and_authors_are_missions(tmp_path):
    _, feed = pages(tmp_path / "one", [entry("a"), entry("b", senders=["NL", "CH"])])
    _, again = pages(tmp_path / "two", [entry("a", sha256="1" * 64, bytes=4096), entry("b", senders=["NL", "CH"])])
    _, other = pages(tmp_path / "three", [entry("a", senders=["FR"])])
    ids = [e.find("a:id", ATOM).text for e in feed.findall("a:entry", ATOM)]
    assert ids == [e.find("a:id", ATOM).text for e in again.findall("a:entry", ATOM)]  # a rebuild keeps them
    assert feed.find("a:id", ATOM).text != other.find("a:id", ATOM).text  # another mission's site: another id
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 2
    authors = [[n.text for n in e.findall("a:author/a:name", ATOM)] for e in feed.findall("a:entry", ATOM)]
    assert sorted(authors) == [
        [
            "Permanent Mission of Netherlands to the United Nations",
            "Permanent Mission of Switzerland to the United Nations",
        ],
        ["Permanent Mission of Portugal to the United Nations"],
    ]


def test_base_url_makes_the_feed_absolute(tmp_path):
    _, feed = pages(tmp_path, [entry("a")], "https://mission.example/docs/")
    assert feed.find("a:id", ATOM).text == "https://mission.example/docs/feed.atom"
    assert feed.find("a:link[@rel='self']", ATOM).get("href") == "https://mission.example/docs/feed.atom"
    assert feed.find("a:entry/a:id", ATOM).text == "https://mission.example/docs/a/en.pdf"


def test_the_site_holds_no_build_stamps_or_build_machine_paths(site):
    assert not list(site.rglob(".docgen*"))
    for f in ("index.html", "manifest.json", "feed.atom"):
        assert str(ROOT) not in (site / f).read_text(encoding="utf-8") and "/tmp/" not in (site / f).read_text()


def test_the_real_site_is_valid_html_and_xml(site):
    strict_html((site / "index.html").read_text(encoding="utf-8"))
    ET.parse(site / "feed.atom")


def test_a_deleted_letter_leaves_the_site(letters, tmp_path):
    mine = tmp_path / "letters"
    shutil.copytree(letters, mine)
    out, build = tmp_path / "site", tmp_path / "build"
    assert docgen("publish", str(mine), "--out", str(out), "--build", str(build)).returncode == 0
    (mine / "two.yaml").unlink()
    run = docgen("publish", str(mine), "--out", str(out), "--build", str(build))
    assert run.returncode == 0, run.stderr
    assert not (out / "two").exists() and not (build / "two").exists()
    assert sorted(p.name for p in out.iterdir()) == ["feed.atom", "index.html", "manifest.json", "one", "three"]


# --- merging shards -------------------------------------------------------------------------


def test_overlapping_shards_merge_without_duplicates(site, tmp_path):
    merged = tmp_path / "merged"
    run = docgen("publish", "--merge", str(site), str(site), "--out", str(merged))
    assert run.returncode == 0, run.stderr
    assert json.loads((merged / "manifest.json").read_text()) == json.loads((site / "manifest.json").read_text())


def shard_copy(site, tmp_path, change) -> Path:
    copy = tmp_path / "shard"
    shutil.copytree(site, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    change(manifest["documents"])
    (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


def test_shards_that_disagree_are_refused_and_nothing_is_written(site, tmp_path):
    other = shard_copy(site, tmp_path, lambda docs: docs[0].update(title="Another title"))
    run = docgen("publish", "--merge", str(site), str(other), "--out", str(tmp_path / "merged"))
    assert run.returncode == 1
    path = json.loads((site / "manifest.json").read_text())["documents"][0]["path"]
    assert (
        f"{other / 'manifest.json'}:1:1: error: {path} differs from the one in {site / 'manifest.json'} "
        "(the shards were built from different sources: build them again from one commit)"
    ) in run.stderr
    assert not (tmp_path / "merged").exists()


def test_a_manifest_path_outside_the_site_is_refused(site, tmp_path):
    (tmp_path / "escaped.pdf").write_bytes(b"%PDF-1.4 secret")
    evil = shard_copy(site, tmp_path, lambda docs: docs[0].update(path="../escaped.pdf"))
    out = tmp_path / "deep" / "merged"
    run = docgen("publish", "--merge", str(evil), "--out", str(out))
    assert run.returncode == 1
    assert "error: documents[0]: '../escaped.pdf' is not a path inside the site" in run.stderr
    assert not out.exists() and not (tmp_path / "deep" / "escaped.pdf").exists()


@pytest.mark.parametrize("text", ["{", "[]", '{"documents": 3}', '{"documents": [7]}'])
def test_a_bad_manifest_is_an_error_with_its_file(tmp_path, text):
    (tmp_path / "shard").mkdir()
    (tmp_path / "shard" / "manifest.json").write_text(text)
    run = docgen("publish", "--merge", str(tmp_path / "shard"), "--out", str(tmp_path / "out"))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{tmp_path / 'shard' / 'manifest.json'}:1:1: error: ")
