"""Publishing: a static site of built documents, with a manifest and an Atom feed.

`docgen publish PATH... --out site/` builds what is needed (incrementally, like `build`, in the
build folder), copies the PDFs into the site folder and writes index.html (offline,
accessible), manifest.json and feed.atom. The site holds only what a reader needs: no build
stamps, no paths of the build machine. Shards built on several CI machines are merged with
`docgen publish --merge SITE... --out site/`. The same sources and SOURCE_DATE_EPOCH give the
same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
import uuid
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from docgen import __version__, batch, output, resources
from docgen.diagnostics import LetterError, Problem

MANIFEST = "manifest.json"
THUMBNAIL_SCALE = 0.35  # a 209 x 295 px image of an A4 page
PAGES = ("index.html", "feed.atom")
SITE_FORMATS = ("pdf", "html", "docx")  # each PDF and, linked beside it, its accessible page and Word file


def publish(
    letters: list[batch.Source],
    out: Path,
    options: batch.Options,
    jobs: int,
    report: Any,
    base_url: str | None = None,
) -> list[batch.Result]:
    options = dataclasses.replace(options, formats=tuple(dict.fromkeys((*SITE_FORMATS, *options.formats))))
    results = batch.run(letters, options, jobs, report)
    batch.prune(options.out)
    entries = [e for source in letters for e in _copy(source, options, out)]
    write_site(out, entries, base_url)
    return results


def _copy(source: batch.Source, options: batch.Options, out: Path) -> list[dict[str, Any]]:
    """The letter's PDFs (and the renditions built beside them: HTML, ...) copied from the build
    folder into the site, with their manifest entries (none for a letter that failed to build:
    the build reported it)."""
    from pypdf import PdfReader

    stamp = batch.read_stamp(source, options)
    if stamp is None:
        return []
    built, site = batch.folder(source, options), output.folder(out, source.name)
    output.clean_stale(site)
    entries = []
    for lang in sorted(stamp["documents"]):
        files = stamp["documents"][lang]["files"]
        record = files.get("pdf")
        if record is None:  # built in other formats only
            continue
        for copied in files.values():
            if batch.sha256(site / copied["path"]) != copied["sha256"]:
                output.write_atomic(site / copied["path"], (built / copied["path"]).read_bytes())
        pdf = site / record["path"]
        renditions = {fmt: f"{source.name}/{r['path']}" for fmt, r in sorted(files.items()) if fmt != "pdf"}
        reader = PdfReader(pdf)
        letter = stamp["letter"]
        entries.append(
            {
                "letter": source.name,
                "language": lang,
                "path": f"{source.name}/{record['path']}",
                "thumbnail": f"{source.name}/{thumbnail(pdf).name}",
                "title": str(reader.metadata.title or ""),
                "symbols": letter["symbols"],
                "dated": letter["dated"],
                "date": letter["date"],
                "draft": letter["draft"],
                "senders": letter["senders"],
                "organs": letter["organs"],
                "sha256": record["sha256"],
                "bytes": record["bytes"],
                "pages": len(reader.pages),
            }
            | ({"renditions": renditions} if renditions else {})
        )
    return entries


def thumbnail(pdf: Path) -> Path:
    """A PNG of the first page, made again only when the PDF is newer."""
    png = pdf.with_suffix(".png")
    if png.is_file() and png.stat().st_mtime_ns >= pdf.stat().st_mtime_ns:
        return png
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=THUMBNAIL_SCALE).to_pil()
    finally:
        document.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    output.write_atomic(png, buf.getvalue())
    return png


def write_site(out: Path, entries: list[dict[str, Any]], base_url: str | None = None) -> None:
    """manifest.json, index.html and feed.atom for these documents; the files an earlier
    manifest listed and this one does not (deleted letters) are removed."""
    entries = sorted(entries, key=lambda e: (e["date"], e["letter"], e["language"]), reverse=True)
    _prune(out, {p for e in entries for p in _files(e)})
    manifest = {"generator": f"docgen {__version__}", "documents": entries}
    output.write_atomic(out / MANIFEST, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    base = base_url.rstrip("/") + "/" if base_url else ""
    feed_id = base + "feed.atom" if base else _urn(" ".join(sorted({c for e in entries for c in e["senders"]})))
    env = _environment(base, feed_id)
    for name in PAGES:
        text = env.get_template(f"{name}.j2").render(
            letters=_group(entries), entries=entries, version=__version__, base=base, feed_id=feed_id
        )
        output.write_atomic(out / name, text.encode("utf-8"))


def _files(entry: dict[str, Any]) -> list[str]:
    """The site's files of one manifest entry: the PDF, its thumbnail, its renditions."""
    renditions = entry.get("renditions")
    return [entry["path"], entry["thumbnail"], *(renditions.values() if isinstance(renditions, dict) else ())]


def _urn(name: str) -> str:
    """A stable urn:uuid for a name (RFC 4122 version 5): the same site, the same ids."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"docgen:{name}").urn


def _prune(out: Path, keep: set[str]) -> None:
    try:
        old = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["documents"]
        paths = {p for e in old for p in _files(e)}
    except (OSError, ValueError, KeyError, TypeError):
        return
    for path in sorted(paths - keep):
        if isinstance(path, str) and _safe(path):
            target = out / path
            if target.is_file() and not target.is_symlink():
                target.unlink()
                with contextlib.suppress(OSError):
                    target.parent.rmdir()  # the letter's folder, once empty


def _group(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    letters: dict[str, dict[str, Any]] = {}
    for e in entries:
        keys = ("letter", "symbols", "dated", "date", "draft", "senders", "organs")
        letters.setdefault(e["letter"], {k: e[k] for k in keys} | {"versions": []})["versions"].append(e)
    for letter in letters.values():
        letter["versions"].sort(key=lambda e: e["language"])
    return list(letters.values())


# Characters XML 1.0 (and so HTML) cannot carry: C0 controls but tab and newlines, C1, non-characters.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _text(value: object) -> object:
    """Every value a template prints: characters no XML can hold are dropped, not passed on."""
    return NOT_XML.sub("", value) if isinstance(value, str) else value


def _environment(base: str, feed_id: str) -> Any:
    from babel import Locale
    from babel.dates import format_date
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(resources.TEMPLATES / "site"),
        autoescape=select_autoescape(["j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_text,
    )
    # the site's own language is its template's: `language_name(code, in_language)`
    env.filters["language_name"] = lambda code, where: Locale.parse(code).get_display_name(where) or code
    env.filters["country_name"] = lambda code, where: Locale.parse(where).territories.get(code, code)
    env.filters["long_date"] = lambda iso, where: format_date(_date(iso), "long", locale=where)
    env.filters["kilobytes"] = lambda n: f"{round(n / 1024):,} kB"
    # a path in the site as a URL: each segment percent-encoded (# ? % and spaces in file names);
    # the page links relatively (it works offline), the feed absolutely when the site's address is known
    env.filters["url"] = lambda path: quote(NOT_XML.sub("", path), safe="/")
    env.filters["absolute"] = lambda path: base + quote(NOT_XML.sub("", path), safe="/")
    env.filters["entry_id"] = lambda e: base + quote(e["path"], safe="/") if base else _urn(f"{feed_id} {e['path']}")
    return env


def _date(iso: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(iso)


# --- merging the sites of shards ------------------------------------------------------------


def merge(sites: list[Path], out: Path, base_url: str | None = None) -> int:
    """One site from the sites of several shards: their files, and one manifest, index, feed.
    A document two shards both hold is taken once when they agree; when they differ, or a
    manifest is not docgen's, nothing is written."""
    entries: dict[str, tuple[dict[str, Any], Path]] = {}
    problems = []
    for site in sites:
        for e in _manifest(site, problems):
            first = entries.setdefault(e["path"], (e, site))
            if first[0] != e:
                problems.append(
                    Problem(
                        str(site / MANIFEST),
                        1,
                        1,
                        f"{e['path']} differs from the one in {first[1] / MANIFEST}",
                        hint="the shards were built from different sources: build them again from one commit",
                    )
                )
    if problems:
        raise LetterError(problems)
    for e, site in entries.values():
        for path in _files(e):
            source, target = site / path, out / path
            if source.resolve() != target.resolve():
                folder = output.folder(out, str(PurePosixPath(path).parent))
                output.write_atomic(folder / source.name, source.read_bytes())
    write_site(out, [e for e, _ in entries.values()], base_url)
    return len(entries)


FIELDS = {"letter": str, "language": str, "path": str, "thumbnail": str, "sha256": str, "date": str, "pages": int}


def _manifest(site: Path, problems: list[Problem]) -> list[dict[str, Any]]:
    """The documents a shard's manifest lists, each checked: its paths inside the site, its PDF
    the one the manifest describes."""
    file = site / MANIFEST
    fix = "publish the shard again with docgen publish"
    try:
        documents = json.loads(file.read_text(encoding="utf-8"))["documents"]
        if not isinstance(documents, list):
            raise TypeError
    except OSError as e:
        problems.append(Problem(str(file), 1, 1, f"cannot read the manifest: {e.strerror}", hint=fix))
        return []
    except (ValueError, KeyError, TypeError):
        problems.append(Problem(str(file), 1, 1, "not a docgen manifest (no list of documents)", hint=fix))
        return []
    good = []
    for i, e in enumerate(documents):
        where = f"documents[{i}]"
        if not isinstance(e, dict) or any(not isinstance(e.get(k), t) for k, t in FIELDS.items()):
            problems.append(Problem(str(file), 1, 1, "an entry without its path, language or digest", where, fix))
        elif not all(isinstance(p, str) and _safe(p) for p in _files(e)):
            problems.append(Problem(str(file), 1, 1, f"{e['path']!r} is not a path inside the site", where, fix))
        elif not all((site / p).is_file() and not (site / p).is_symlink() for p in _files(e)):
            problems.append(Problem(str(file), 1, 1, f"{e['path']} or its thumbnail is not a file here", where, fix))
        elif batch.sha256(site / e["path"]) != e["sha256"]:
            problems.append(Problem(str(file), 1, 1, f"{e['path']} is missing or not the PDF listed", where, fix))
        else:
            good.append(e)
    return good


def _safe(path: str) -> bool:
    """A relative path of plain names (no `..`, no root, no backslash, no empty part)."""
    parts = path.split("/")
    return bool(path) and "\\" not in path and all(p not in ("", ".", "..") for p in parts) and not NOT_XML.search(path)
