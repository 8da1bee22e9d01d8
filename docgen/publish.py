"""Publishing: a static site of built documents, with a manifest and an Atom feed.

`docgen publish PATH... --out site/` builds what is needed (incrementally, like `build`) into
the site folder and writes index.html (offline, accessible), manifest.json and feed.atom.
Shards built on several CI machines are merged with `docgen publish --merge SITE... --out site/`.
The same sources and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

from docgen import __version__, batch, resources
from docgen.output import write_atomic

MANIFEST = "manifest.json"
THUMBNAIL_SCALE = 0.35  # a 209 x 295 px image of an A4 page


def documents(options: batch.Options, letters: list[Path]) -> list[dict[str, Any]]:
    """One manifest entry per built PDF, in the order of letters and languages."""
    from pypdf import PdfReader

    entries = []
    for letter in letters:
        try:
            stamp = json.loads(batch.stamp_path(letter, options).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # failed to build: reported by the build
        for lang in sorted(stamp["documents"]):
            record = stamp["documents"][lang]["files"].get("pdf")
            if record is None:  # built in other formats only
                continue
            pdf = options.out / letter.stem / record["path"]
            reader = PdfReader(pdf)
            entries.append(
                {
                    "letter": letter.stem,
                    "language": lang,
                    "path": f"{letter.stem}/{record['path']}",
                    "thumbnail": f"{letter.stem}/{thumbnail(pdf).name}",
                    "title": str(reader.metadata.title or ""),
                    "symbols": stamp["letter"]["symbols"],
                    "date": stamp["letter"]["date"],
                    "organs": stamp["letter"]["organs"],
                    "sha256": record["sha256"],
                    "bytes": record["bytes"],
                    "pages": len(reader.pages),
                }
            )
    return entries


def thumbnail(pdf: Path) -> Path:
    """A PNG of the first page, made again only when the PDF is newer."""
    png = pdf.with_suffix(".png")
    if png.exists() and png.stat().st_mtime_ns >= pdf.stat().st_mtime_ns:
        return png
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=THUMBNAIL_SCALE).to_pil()
    finally:
        document.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    write_atomic(png, buf.getvalue())
    return png


def write_site(out: Path, entries: list[dict[str, Any]]) -> None:
    """manifest.json, index.html and feed.atom for these documents."""
    entries = sorted(entries, key=lambda e: (e["date"], e["letter"], e["language"]), reverse=True)
    manifest = {"generator": f"docgen {__version__}", "documents": entries}
    write_atomic(out / MANIFEST, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    letters = _group(entries)
    env = _environment()
    for name, template in (("index.html", "index.html.j2"), ("feed.atom", "feed.atom.j2")):
        text = env.get_template(template).render(letters=letters, entries=entries, version=__version__)
        write_atomic(out / name, text.encode("utf-8"))


def _group(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    letters: dict[str, dict[str, Any]] = {}
    for e in entries:
        letter = letters.setdefault(
            e["letter"], {k: e[k] for k in ("letter", "symbols", "date", "organs")} | {"versions": []}
        )
        letter["versions"].append(e)
    for letter in letters.values():
        letter["versions"].sort(key=lambda e: e["language"])
    return list(letters.values())


def _environment() -> Any:
    from babel import Locale
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(resources.TEMPLATES / "site"),
        autoescape=select_autoescape(["j2"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # the site's own language is its template's: `language_name(code, in_language)`
    env.filters["language_name"] = lambda code, where: Locale.parse(code).get_display_name(where) or code
    env.filters["kilobytes"] = lambda n: f"{round(n / 1024):,} kB"
    return env


def publish(letters: list[Path], out: Path, jobs: int, report: Any) -> list[batch.Result]:
    results = batch.run(letters, batch.Options(out), jobs, report)
    write_site(out, documents(batch.Options(out), letters))
    return results


def merge(sites: list[Path], out: Path) -> int:
    """One site from the sites of several shards: their files, and one manifest, index, feed."""
    entries = []
    for site in sites:
        manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        for e in manifest["documents"]:
            for key in ("path", "thumbnail"):
                source, target = site / e[key], out / e[key]
                if source.resolve() != target.resolve():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
            entries.append(e)
    write_site(out, entries)
    return len(entries)
