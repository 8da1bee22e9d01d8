"""Batch builds: many letters, worker processes, and incremental rebuilds.

Each letter's output folder holds a stamp (`.docgen.json`) recording the digests of everything
its PDFs were made from: the source, the templates the composition actually used, the
catalogs and data of its languages, the fonts, docgen's own code and the options. A letter
whose inputs all match its stamp is skipped without importing the typesetting stack, so a
no-op rebuild of hundreds of letters takes a fraction of a second. The stamp's companion
`.docgen.d` is a make depfile, so `make -j` rebuilds exactly what an edit affects.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from docgen import __version__, resources

STAMP = ".docgen.json"
DEPFILE = ".docgen.d"


@dataclass(frozen=True)
class Options:
    out: Path
    langs: tuple[str, ...] | None = None
    paper: str = "a4"
    allow_incomplete: bool = False
    formats: tuple[str, ...] = ("pdf",)
    engine: str | None = None  # the PDF engine for every language; None: each language's own

    def key(self) -> dict[str, object]:
        return {
            "paper": self.paper,
            "allow_incomplete": self.allow_incomplete,
            "docgen": __version__,
            "formats": list(self.formats),
            "engine": self.engine,
        }


@dataclass
class Result:
    source: str
    status: str  # "built", "skipped" or "failed"
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    message: str = ""


def select(letters: list[Path], shard: tuple[int, int] | None) -> list[Path]:
    """Shard K of N: a deterministic part of the set, stable when letters are added or removed."""
    if shard is None:
        return letters
    k, n = shard
    return [p for p in letters if int(hashlib.sha256(p.as_posix().encode()).hexdigest(), 16) % n == k - 1]


# --- what a build depends on ----------------------------------------------------------------


def sha256(path: str | Path) -> str:
    """Digest of a file's bytes as they are now ("" for a missing file)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


digest = cache(sha256)  # inputs are read once per process: many letters share them


@cache
def shared_inputs(langs: tuple[str, ...]) -> list[str]:
    """Files every letter in these languages depends on besides its templates."""
    files = [resources.SCHEMA, *sorted(resources.FONTS.glob("*.ttf")), *sorted(resources.PACKAGE.rglob("*.py"))]
    for lang in langs:
        files += sorted(p for p in (resources.LOCALES / lang).rglob("*") if p.is_file() and p.suffix != ".mo")
    return [str(f) for f in files]


def _display(path: str) -> str:
    """A path relative to the working directory where possible (for depfiles and stamps)."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def stamp_path(letter: Path, options: Options) -> Path:
    return options.out / letter.stem / STAMP


def read_stamp(letter: Path, options: Options) -> dict | None:
    """The stamp of a letter's last build, if it was made from this source with these options."""
    try:
        stamp = json.loads(stamp_path(letter, options).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("options") != options.key() or stamp.get("source") != digest(str(letter)):
        return None
    return stamp


def stale_languages(letter: Path, options: Options, stamp: dict | None = None) -> list[str] | None:
    """The requested languages whose PDF is missing or was made from other inputs than the
    current ones; None when nothing is known (no stamp, another source or other options)."""
    stamp = stamp or read_stamp(letter, options)
    if stamp is None:
        return None
    documents = stamp.get("documents", {})
    wanted = options.langs or tuple(stamp.get("langs", ()))
    return [lang for lang in wanted if not _current(options.out / letter.stem, lang, documents.get(lang))]


def _current(folder: Path, lang: str, record: dict | None) -> bool:
    """A language is current when every file of it is as written and its inputs are unchanged."""
    if not record:
        return False
    try:
        intact = all((folder / f["path"]).stat().st_size == f["bytes"] for f in record["files"].values())
    except (OSError, KeyError, TypeError, AttributeError):
        return False
    return intact and all(digest(path) == value for path, value in record["deps"].items())


def up_to_date(letter: Path, options: Options) -> bool:
    return stale_languages(letter, options) == []


# --- building one letter (in a worker) ------------------------------------------------------


def build_one(letter: Path, options: Options) -> Result:
    """Build one letter unless it is up to date; never raises (a failure is a Result)."""
    start = time.perf_counter()
    try:
        stamp = read_stamp(letter, options)
        stale = stale_languages(letter, options, stamp)
        if stale == []:
            return Result(str(letter), "skipped", time.perf_counter() - start)
        outputs = _build(letter, options, stale, stamp)
        return Result(str(letter), "built", time.perf_counter() - start, outputs)
    except Exception as e:  # one letter's failure must not stop the others
        from docgen.diagnostics import LetterError

        message = (
            str(e)
            if isinstance(e, LetterError)
            else (f"docgen: internal error: {type(e).__name__}: {e}\n{traceback.format_exc()}")
        )
        return Result(str(letter), "failed", time.perf_counter() - start, message=message)


def _build(letter: Path, options: Options, stale: list[str] | None, stamp: dict | None) -> list[str]:
    """Build the stale languages (all requested ones when nothing is known); record what each used."""
    from docgen import output, pipeline

    langs = stale if stale is not None else (list(options.langs) if options.langs else None)
    built = pipeline.build(
        letter, options.out, langs, options.paper, options.allow_incomplete, options.formats, options.engine
    )
    if not built:
        return []
    model = built[0].letter
    target = stamp_path(letter, options)
    documents = dict(stamp.get("documents", {})) if stamp else {}  # languages not rebuilt keep theirs
    for lang in dict.fromkeys(b.lang for b in built):
        files = [b for b in built if b.lang == lang]
        deps = [*sorted(files[0].templates), *shared_inputs(tuple(sorted({model.original, lang})))]
        documents[lang] = {
            "deps": {_display(p): digest(p) for p in deps},
            "files": {
                b.format: {"path": b.path.name, "bytes": b.path.stat().st_size, "sha256": sha256(b.path)} for b in files
            },
        }
    stamp = {
        "source": digest(str(letter)),
        "options": options.key(),
        "langs": sorted(documents),
        "letter": {
            "source": _display(str(letter)),
            "symbols": model.symbols,
            "date": str(model.issued),
            "organs": [
                k
                for k, v in (("general-assembly", model.general_assembly), ("security-council", model.security_council))
                if v
            ],
        },
        "documents": documents,
    }
    output.write_atomic(target, json.dumps(stamp, indent=1, sort_keys=True).encode("utf-8"))
    inputs = sorted({p for d in documents.values() for p in d["deps"]})
    rule = f"{_display(str(target))}: " + " \\\n  ".join([_display(str(letter)), *inputs]) + "\n"
    output.write_atomic(target.with_name(DEPFILE), rule.encode("utf-8"))
    return [str(b.path) for b in built]


# --- many letters ---------------------------------------------------------------------------


def watch(
    letter: Path, options: Options, report: Callable[[Result], None], interval: float = 0.3, rounds: int | None = None
) -> None:
    """Rebuild a letter each time it or anything docgen reads for it is saved. Polling the
    modification times keeps it simple and portable; `rounds` bounds the loop (tests)."""
    seen = _signature(letter)
    report(build_one(letter, options))
    done = 0
    while rounds is None or done < rounds:
        time.sleep(interval)
        done += 1
        now = _signature(letter)
        if now != seen:  # saved: build (build_one skips if the content did not really change)
            seen = now
            digest.cache_clear()
            report(build_one(letter, options))


def _signature(letter: Path) -> tuple[tuple[str, int], ...]:
    files = [letter, *resources.TEMPLATES.rglob("*"), *resources.LOCALES.rglob("*")]
    out = []
    for f in files:
        try:
            out.append((str(f), f.stat().st_mtime_ns))
        except OSError:
            out.append((str(f), 0))
    return tuple(out)


def run(
    letters: Iterable[Path], options: Options, jobs: int, report: Callable[[Result], None] = lambda r: None
) -> list[Result]:
    """Build every letter with up to `jobs` worker processes; skip what is up to date."""
    results, todo = [], []
    for letter in letters:  # checked here first: a no-op run never starts a worker
        if up_to_date(letter, options):
            os.utime(stamp_path(letter, options))  # for make: the stamp is newer than what was checked
            results.append(Result(str(letter), "skipped"))
            report(results[-1])
        else:
            todo.append(letter)
    if jobs <= 1 or len(todo) <= 1:
        for letter in todo:
            results.append(build_one(letter, options))
            report(results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only when there is work for workers

    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = [pool.submit(build_one, letter, options) for letter in todo]
        for future in as_completed(futures):
            results.append(future.result())
            report(results[-1])
    return results
