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

from conftest import ROOT, SAMPLE


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
        shutil.copy(SAMPLE, folder / f"{name}.yaml")
    text = SAMPLE.read_text(encoding="utf-8")
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
    run = docgen("publish", str(letters), "--out", str(out), "--jobs", "2")
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
    assert docgen("publish", str(letters), "--out", str(again), "--jobs", "1").returncode == 0
    for name in ("index.html", "manifest.json", "feed.atom", "one/en.pdf", "one/fr.png", "three/fr.pdf"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def test_shards_merge_into_the_same_site(letters, site, tmp_path):
    parts = []
    for k in (1, 2):
        part = tmp_path / f"shard{k}"
        assert docgen("publish", str(letters), "--out", str(part), "--shard", f"{k}/2").returncode == 0
        parts.append(part)
    merged = tmp_path / "merged"
    run = docgen("publish", "--merge", *map(str, parts), "--out", str(merged))
    assert run.returncode == 0, run.stderr
    assert json.loads((merged / "manifest.json").read_text()) == json.loads((site / "manifest.json").read_text())
    assert (merged / "index.html").read_bytes() == (site / "index.html").read_bytes()


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
    assert {a.get("lang") for t, a in tags if t == "dd" and a.get("lang")} == {"en", "fr"}
    links = [a.get("href") or a.get("src") for t, a in tags if t in ("a", "img", "link", "script")]
    assert all("://" not in str(x) for x in links)  # nothing fetched from elsewhere: works offline


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
