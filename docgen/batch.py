"""Batch builds: many letters, worker processes, and incremental rebuilds.

Each letter's output folder holds a stamp (`.docgen.json`) recording the digests of everything
its PDFs were made from: the source, the templates the composition actually used, the
catalogs and data of its languages, the fonts, docgen's own code and the options. A letter
whose inputs all match its stamp is skipped without importing the typesetting stack, so a
no-op rebuild of hundreds of letters takes a fraction of a second. The stamp's companion
`.docgen.d` is a make depfile, so `make -j` rebuilds exactly what an edit affects.

Like make, a check trusts a file's size and modification time: the stamp records them beside
each digest, and only a file whose size or time moved is hashed again (a touched file whose
bytes did not change is then recorded with its new time). A letter's check thus stats its files
instead of reading them: a no-op rebuild of thousands of letters reads no PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from docgen import __version__, process, resources

STAMP = ".docgen.json"
DEPFILE = ".docgen.d"


@dataclass(frozen=True)
class Source:
    """A letter to build, and the folder below the output directory its files go to."""

    path: Path
    name: str  # "2010/note": the folders below the directory named on the command line, then the stem


@dataclass(frozen=True)
class Options:
    """How letters are built: where to, in which languages and formats, with which engine."""

    out: Path
    langs: tuple[str, ...] | None = None
    paper: str = "a4"
    allow_incomplete: bool = False
    formats: tuple[str, ...] = ("pdf",)
    engine: str | None = None  # the PDF engine for every language; None: each language's own
    force: bool = False  # rebuild even what is up to date
    tagged: bool = False  # tagged (accessible) PDFs, by the engine that writes them

    def key(self) -> dict[str, object]:
        """Everything besides the inputs' bytes that shapes the PDFs: a change rebuilds them."""
        return {
            "paper": self.paper,
            "allow_incomplete": self.allow_incomplete,
            "docgen": __version__,
            "formats": list(self.formats),
            "engine": self.engine,
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH"),  # the PDFs' CreationDate
            "libraries": library_versions(),
            "tagged": self.tagged,
        }


# The libraries whose version can change what a PDF holds (parsing, wording, layout, compression).
LIBRARIES = (
    "babel",
    "jinja2",
    "jsonschema",
    "markdown-it-py",
    "mdit-py-plugins",
    "num2words",
    "pyicu-wheels",
    "pyyaml",
    "reportlab",
    "rl_accel",
    "ruamel.yaml",
    "typst",
)


@cache
def library_versions() -> dict[str, str]:
    import platform
    import zlib

    versions = {"python": platform.python_version(), "zlib": zlib.ZLIB_RUNTIME_VERSION}
    installed = _dist_info_versions()
    for name in LIBRARIES:
        versions[name] = installed.get(_normal(name)) or _metadata_version(name)
    return versions


def _dist_info_versions() -> dict[str, str]:
    """Versions of the installed distributions, from their `NAME-VERSION.dist-info` folders, the
    first on sys.path winning as in importlib.metadata (whose import and METADATA parsing cost
    tens of milliseconds of every cold build)."""
    import sys

    found: dict[str, str] = {}
    for entry in sys.path:
        with contextlib.suppress(OSError):
            for name in os.listdir(entry or "."):
                if name.endswith(".dist-info") and "-" in name:
                    dist, version = name.removesuffix(".dist-info").split("-", 1)
                    found.setdefault(_normal(dist), version)
    return found


def _normal(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def _metadata_version(name: str) -> str:
    """What a distribution installed otherwise (an egg, a zip) says its version is."""
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


@dataclass
class Result:
    """What became of one letter: built, skipped (up to date) or failed, and why."""

    source: str
    status: str  # "built", "skipped" or "failed"
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    message: str = ""
    problems: list = field(default_factory=list)  # the letter's problems (diagnostics.Problem), when it failed
    internal: bool = False  # it failed through docgen's fault, not the letter's
    reason: str = ""  # why it was built (docgen -v)


LETTER_SUFFIXES = (".yaml", ".yml")


def sources(paths: Iterable[str | Path], root: Path | None = None) -> list[Source]:
    """The letters named on the command line. A file stands for itself, built into out/<stem>/;
    a directory for the letters below it, hidden files and folders (.git, .venv) skipped, their
    sub-folders mirrored under out/ (letters/2010/note.yaml -> out/2010/note/). With a root,
    every letter is named by its path below it, whether named alone or in a directory (make)."""
    from docgen.diagnostics import UsageError

    found: list[Source] = []
    for p in map(Path, paths):
        if p.is_dir():
            below = sorted(p.rglob("*"), key=Path.as_posix)  # the order of `LC_ALL=C sort` (the Makefile)
            letters = [f for f in below if f.suffix in LETTER_SUFFIXES and not _hidden(f, p) and f.is_file()]
            base = p
        else:
            letters, base = [p], p.parent
        for f in letters:
            if root is not None and not f.resolve().is_relative_to(root.resolve()):
                raise UsageError(f"{f} is not below --root {root}")
            relative = f.resolve().relative_to(root.resolve()) if root is not None else f.relative_to(base)
            found.append(Source(f, relative.with_suffix("").as_posix()))
    return found


def _hidden(f: Path, top: Path) -> bool:
    return any(x.startswith(".") for x in f.relative_to(top).parts)


def plan(found: list[Source]) -> list[Source]:
    """The letters to build, each once; refused when two would write the same output folder or
    a name gives no folder inside out/ (`...yaml`)."""
    from docgen import output
    from docgen.diagnostics import OutputError, UsageError

    problems, seen, unique = [], {}, []
    for s in found:
        try:
            output.check_name(s.name)
        except OutputError:
            problems.append(f"{s.path}: its file name gives no output folder (rename it, e.g. letter.yaml)")
            continue
        other = seen.setdefault(s.name.casefold(), s)
        if other is s:
            unique.append(s)
        elif other.path.resolve() != s.path.resolve():
            problems.append(
                f"{other.path} and {s.path} would both write {s.name}/ in the output folder "
                "(rename one, or name the folder above both: its sub-folders are mirrored in the output)"
            )
    if problems:
        raise UsageError("\n".join(problems))
    return unique


def select(letters: list[Source], shard: tuple[int, int] | None) -> list[Source]:
    """Shard K of N: a deterministic part of the set, stable when letters are added or removed."""
    if shard is None:
        return letters
    k, n = shard
    return [s for s in letters if int(hashlib.sha256(s.name.encode()).hexdigest(), 16) % n == k - 1]


# --- what a build depends on ----------------------------------------------------------------


def sha256(path: str | Path) -> str:
    """Digest of a file's bytes as they are now ("" for a missing file)."""
    try:
        with open(path, "rb") as f:  # in chunks: fonts are megabytes, a build hashes dozens of files
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return ""


digest = cache(sha256)  # inputs are read once per process: many letters share them

# An input whose time is this close to the moment it was read could change again within the
# same tick of a coarse file-system clock (FAT: 2 s) without its time moving: hashed next time.
RACY_NS = 2_000_000_000


def _stat(path: str) -> tuple[int, int, int] | None:
    """Size, modification time and when they were read (ns), or None for a missing file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, time.time_ns()


stat_of = cache(_stat)  # the inputs letters share are statted once per process


def forget() -> None:
    """Forget what this process read of files (a watch, after a save)."""
    digest.cache_clear()
    stat_of.cache_clear()


def _digest_of(path: str, stats: dict, moved: dict, fresh: bool = False) -> str:
    """The file's digest: the stamp's, while its size and time are the recorded ones; else its
    bytes hashed, and then its new size and time noted in `moved` for the stamp. `fresh`: stat
    and read it now, not from this process's caches (a letter's own file, what edits change)."""
    now = (_stat if fresh else stat_of)(path)
    if (value := _recorded(now, stats.get(path))) is not None:
        return value
    value = (sha256 if fresh else digest)(path)
    if now is not None and (recorded := _entry(now, value)) is not None:
        moved[path] = recorded
    return value


def _valid_entry(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 3
        and all(isinstance(x, int) for x in entry[:2])
        and isinstance(entry[2], str)
    )


def _entry(stat: tuple[int, int, int], value: str) -> list | None:
    """What the stamp records of an input: None while its time is too recent to trust."""
    size, mtime_ns, read_ns = stat
    return [size, mtime_ns, value] if read_ns - mtime_ns >= RACY_NS else None


@cache
def shared_inputs(langs: tuple[str, ...]) -> list[str]:
    """Files every letter in these languages depends on besides its templates: the fonts of
    these languages (not all of them: hashing the Chinese faces, 11 MB, cost every build)."""
    from docgen import fonts

    files = [resources.SCHEMA, resources.ORDINALS, resources.COLLATION, resources.COUNTRY_CODES]
    files += [fonts.TABLE, fonts.COVERAGE, *fonts.files(langs)]
    files += sorted(resources.PACKAGE.rglob("*.py"))
    for lang in langs:
        files += sorted(p for p in (resources.LOCALES / lang).rglob("*") if p.is_file() and p.suffix != ".mo")
    return [str(f) for f in files]


def _display(path: str) -> str:
    """A path relative to the working directory where possible (for depfiles and stamps)."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def folder(source: Source, options: Options) -> Path:
    return options.out / source.name


def stamp_path(source: Source, options: Options) -> Path:
    return folder(source, options) / STAMP


def read_stamp(source: Source, options: Options) -> dict | None:
    """The stamp of a letter's last build, if it was made from this source with these options.
    A stamp that is not docgen's (edited, truncated, another shape) counts as none: that letter
    is built again."""
    try:
        stamp = json.loads(stamp_path(source, options).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not _well_formed(stamp) or stamp["options"] != options.key():
        return None
    stats, moved = _stats(stamp), {}
    # the letter's own file is statted afresh: it is what an edit changes most
    if _digest_of(_display(str(source.path)), stats, moved, fresh=True) != stamp["source"]:
        return None
    stamp["moved"] = moved  # for refresh(); never written
    return stamp


def _stats(stamp: dict) -> dict:
    """The recorded size, time and digest of the stamp's inputs ({} in a stamp older than them;
    an entry of another shape is ignored where it is used)."""
    stats = stamp.get("stats")
    return stats if isinstance(stats, dict) else {}


def _valid_stats(stats: dict) -> dict:
    return {p: e for p, e in stats.items() if _valid_entry(e)}


def _well_formed(stamp: object) -> bool:
    def file(f: object) -> bool:
        return (
            isinstance(f, dict)
            and isinstance(f.get("path"), str)
            and os.path.basename(f["path"]) == f["path"] not in ("", ".", "..")
            and isinstance(f.get("bytes"), int)
            and isinstance(f.get("sha256"), str)
        )

    def document(d: object) -> bool:
        return (
            isinstance(d, dict)
            and isinstance(d.get("deps"), dict)
            and isinstance(d.get("files"), dict)
            and all(file(f) for f in d["files"].values())
        )

    return (
        isinstance(stamp, dict)
        and isinstance(stamp.get("documents"), dict)
        and all(document(d) for d in stamp["documents"].values())
        and isinstance(stamp.get("letter"), dict)
        and isinstance(stamp.get("source"), str)
        and "options" in stamp
    )


def stale_languages(source: Source, options: Options, stamp: dict | None = None) -> list[str] | None:
    """The requested languages whose PDF is missing, altered or was made from other inputs than
    the current ones; None when nothing is known (no stamp, another source or other options)."""
    stamp = stamp or read_stamp(source, options)
    if stamp is None or options.force:
        return None
    documents = stamp["documents"]
    wanted = options.langs or tuple(stamp.get("langs", ()))
    where, stats, moved = str(folder(source, options)), _stats(stamp), stamp.setdefault("moved", {})
    current: dict[str, str] = {}  # the languages share most inputs: each checked once
    return [lang for lang in wanted if not _current(where, documents.get(lang), stats, moved, current)]


def _current(where: str, record: dict | None, stats: dict, moved: dict, current: dict[str, str]) -> bool:
    """Every file of the language is the one the stamp recorded (its size and time, else its
    digest: a file overwritten with other bytes of the same size is not) and every input it was
    made from is unchanged."""
    if not record:
        return False
    for path in record["deps"].keys() - current.keys():
        current[path] = _digest_of(path, stats, moved)
    return record["deps"].items() <= current.items() and all(
        _intact(os.path.join(where, f["path"]), f, moved) for f in record["files"].values()
    )


def _intact(path: str, record: dict, moved: dict) -> bool:
    """An output is the one docgen wrote: same size and time, or (a time moved) same bytes.
    Its time is trusted as make trusts it: docgen records it right after writing the file."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_size != record["bytes"]:
        return False
    if st.st_mtime_ns == record.get("mtime_ns"):
        return True
    if sha256(path) != record["sha256"]:
        return False
    moved[path] = st.st_mtime_ns
    return True


def up_to_date(source: Source, options: Options) -> bool:
    """Whether every PDF of the letter is current; a stamp whose files' times moved while their
    bytes did not is rewritten with the new times, so the next check need not hash them."""
    stamp = read_stamp(source, options)
    if stale_languages(source, options, stamp) != []:
        return False
    assert stamp is not None
    if stamp["moved"]:
        refresh(source, options, stamp)
    return True


def refresh(source: Source, options: Options, stamp: dict) -> None:
    """Record the new times of a current letter's files (hashed and found unchanged)."""
    from docgen import output

    moved = stamp.pop("moved")
    where = folder(source, options)
    for record in stamp["documents"].values():
        for f in record["files"].values():
            if (mtime := moved.pop(os.path.join(where, f["path"]), None)) is not None:
                f["mtime_ns"] = mtime
    stamp["stats"] = _valid_stats({**_stats(stamp), **moved})
    output.write_atomic(stamp_path(source, options), _dump(stamp))


def _dump(stamp: dict) -> bytes:
    return json.dumps(stamp, indent=1, sort_keys=True).encode("utf-8")


# --- building one letter (in a worker) ------------------------------------------------------


def build_one(source: Source, options: Options) -> Result:
    """Build one letter unless it is up to date; never raises (a failure is a Result)."""
    start = time.perf_counter()
    try:
        return _build_one(source, options, start)
    finally:
        process.settled()  # a first letter built: the process's start-up is over


def _build_one(source: Source, options: Options, start: float) -> Result:
    from docgen.diagnostics import LetterError, OutputError

    try:
        stamp = read_stamp(source, options)
        stale = stale_languages(source, options, stamp)
        if stale == []:
            return Result(str(source.path), "skipped", time.perf_counter() - start)
        outputs = _build(source, options, stale, stamp)
        reason = (
            "--force"
            if options.force
            else f"{', '.join(stale)} out of date"
            if stale
            else "no stamp of this source with these options, SOURCE_DATE_EPOCH and libraries"
        )
        return Result(str(source.path), "built", time.perf_counter() - start, outputs, reason=reason)
    except LetterError as e:  # one letter's failure must not stop the others
        return Result(str(source.path), "failed", time.perf_counter() - start, message=str(e), problems=e.problems)
    except OutputError as e:
        return Result(str(source.path), "failed", time.perf_counter() - start, message=f"{source.path}: error: {e}")
    except Exception as e:
        message = f"docgen: internal error: {type(e).__name__}: {e}\n{traceback.format_exc()}"
        return Result(str(source.path), "failed", time.perf_counter() - start, message=message, internal=True)


def _build(source: Source, options: Options, stale: list[str] | None, stamp: dict | None) -> list[str]:
    """Build the stale languages (all requested ones when nothing is known); record what each used."""
    from docgen import output, pipeline

    where = output.folder(options.out, source.name)
    output.clean_stale(where)
    langs = stale if stale is not None else (list(options.langs) if options.langs else None)
    built = pipeline.build(
        source.path,
        where.parent,
        langs,
        options.paper,
        options.allow_incomplete,
        options.formats,
        options.engine,
        options.tagged,
    )
    if not built:
        return []
    model = built[0].letter
    target = where / STAMP
    documents = dict(stamp["documents"]) if stamp else {}  # languages not rebuilt keep theirs
    stats = _valid_stats(_stats(stamp)) if stamp else {}
    for lang in dict.fromkeys(b.lang for b in built):
        files = [b for b in built if b.lang == lang]
        deps = [*sorted(files[0].templates), *shared_inputs(tuple(sorted({model.original, lang})))]
        documents[lang] = {
            "deps": {_display(p): _record(_display(p), stats) for p in deps},
            "files": {b.format: _output(b.path) for b in files},
        }
    name = _display(str(source.path))
    stamp = {
        "source": _record(name, stats, fresh=True),
        "stats": _valid_stats(stats),
        "options": options.key(),
        "langs": sorted(documents),
        "letter": {
            "source": _display(str(source.path)),
            "path": str(source.path.resolve()),  # to prune the outputs of a deleted letter
            "name": source.name,
            "symbols": model.symbols,
            "dated": str(model.date),
            "date": str(model.issued),
            "draft": model.draft,
            "senders": [s.country for s in model.senders],
            "organs": [
                k
                for k, v in (("general-assembly", model.general_assembly), ("security-council", model.security_council))
                if v
            ],
        },
        "documents": documents,
    }
    output.write_atomic(target, _dump(stamp))
    inputs = sorted({p for d in documents.values() for p in d["deps"]})
    rule = f"{_display(str(target))}: " + " \\\n  ".join([_display(str(source.path)), *inputs]) + "\n"
    output.write_atomic(target.with_name(DEPFILE), rule.encode("utf-8"))
    _keep_known()
    return [str(b.path) for b in built]


def _record(path: str, stats: dict, fresh: bool = False) -> str:
    """An input's digest, its size and time noted in `stats`. The stat comes before the read:
    a file changed in between shows a moved time to the next check, which then hashes it.
    Unless `fresh`, a digest recorded with the same size and time (the stamp's, else the
    user's table of inputs) is taken as it is, as a check of the stamp takes it."""
    now = (_stat if fresh else stat_of)(path)
    value = None if fresh else _recorded(now, stats.get(path)) or _recorded(now, _known().get(os.path.abspath(path)))
    if value is None:
        value = (sha256 if fresh else digest)(path)
    stats[path] = _entry(now, value) if now is not None else None
    if not fresh and stats[path] is not None and _known().get(key := os.path.abspath(path)) != stats[path]:
        _known()[key] = stats[path]
        _KNOWN_MOVED.add(key)
    return value


def _recorded(now: tuple[int, int, int] | None, entry: Any) -> str | None:
    """The digest of a [size, mtime_ns, digest] entry, while the file has that size and time
    (the size and time compared first: a no-op check asks this of every input of every letter)."""
    if now is None or type(entry) is not list or len(entry) != 3 or entry[:2] != [now[0], now[1]]:
        return None
    size, mtime_ns, value = entry
    return value if type(size) is int and type(mtime_ns) is int and type(value) is str else None


# The digests of a build's inputs (docgen's code, templates, catalogs, fonts: some 2 MB for
# English and French) by absolute path, as [size, mtime_ns, digest], kept in the user's cache:
# a build into a new output folder has no stamp, and hashed them all again (2-3 ms).
_KNOWN_MOVED: set[str] = set()  # paths whose entry this process changed


@cache
def _known() -> dict[str, list]:
    folder = resources.cache_folder("inputs")
    try:
        known = json.loads((folder / "digests.json").read_bytes()) if folder else {}
    except (OSError, ValueError):
        return {}  # none yet, or damaged: hashed again
    return {p: e for p, e in known.items() if _valid_entry(e)} if isinstance(known, dict) else {}


def _keep_known() -> None:
    """Write the table back if this process changed it, without the files that are gone."""
    folder = resources.cache_folder("inputs")
    if not _KNOWN_MOVED or folder is None:
        return
    known = {p: e for p, e in _known().items() if p in _KNOWN_MOVED or os.path.exists(p)}
    if resources.keep(folder / "digests.json", json.dumps(known, sort_keys=True).encode("utf-8")):
        _KNOWN_MOVED.clear()  # else (a full disk) hashed again next time


def _output(path: Path) -> dict:
    st = path.stat()
    return {"path": path.name, "bytes": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256(path)}


def prune(out: Path, present: Iterable[Source] = ()) -> list[Path]:
    """Remove the outputs of letters whose source file was deleted (their stamp says where it
    was); only the files docgen wrote there go, and then the folder if it is empty. The stamps
    of `present` letters (this run's: their sources exist) are not read again."""
    removed = []
    skip = {str(out / s.name / STAMP) for s in present}
    for stamp_file in sorted(out.rglob(STAMP)):
        if str(stamp_file) in skip:
            continue
        try:
            stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
            source = Path(stamp["letter"]["path"])
            names = [f["path"] for d in stamp["documents"].values() for f in d["files"].values()]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if source.exists() or not all(isinstance(n, str) and Path(n).name == n for n in names):
            continue
        where = stamp_file.parent
        for name in [*names, *(Path(n).with_suffix(".png").name for n in names), DEPFILE, STAMP]:
            f = where / name
            if f.is_file() and not f.is_symlink():
                f.unlink()
                removed.append(f)
        with contextlib.suppress(OSError):
            where.rmdir()
    return removed


# --- many letters ---------------------------------------------------------------------------


def watch(
    letters: list[Source],
    options: Options,
    report: Callable[[Result], None],
    ready: Callable[[], None] = lambda: None,
    stop: object = None,
    paths: Iterable[str | Path] = (),
) -> None:
    """Rebuild each letter when it or anything docgen reads for it is saved, on file-system
    events (watchfiles: inotify, FSEvents, ReadDirectoryChangesW) rather than polling. A letter
    saved later into a folder of `paths` (the command line's) is built and watched too. `stop`
    (a threading.Event) ends the loop (tests)."""
    from watchfiles import Change
    from watchfiles import watch as changes

    letters = list(letters)
    for source in letters:
        report(build_one(source, options))
    ready()
    known = {s.path.resolve() for s in letters}
    shared = (resources.TEMPLATES.resolve(), resources.LOCALES.resolve())
    tops = [Path(p).resolve() for p in paths if Path(p).is_dir()]

    def below_tops(p: Path) -> bool:
        return any(p.is_relative_to(d) and not _hidden(p, d) for d in tops)

    def new_letter(p: Path) -> bool:
        return p.suffix in LETTER_SUFFIXES and p not in known and below_tops(p)

    def relevant(change: object, path: str) -> bool:
        p = Path(path).resolve()
        new_folder = change == Change.added and p.is_dir() and below_tops(p)  # its letters may beat its watch
        return p in known or new_letter(p) or new_folder or any(p.is_relative_to(d) for d in shared)

    folders = sorted({str(p.parent) for p in known} | {str(d) for d in (*shared, *tops)})
    for events in changes(*folders, watch_filter=relevant, stop_event=stop, debounce=200, step=50):
        changed = {Path(p).resolve() for _, p in events}
        added: list[Source] = []
        if any(p not in known and below_tops(p) for p in changed):
            added = added_letters(paths, letters)
            letters += added
            known |= {s.path.resolve() for s in added}
        forget()
        everything = any(p.is_relative_to(d) for p in changed for d in shared)  # a template or catalog
        for source in letters:  # build_one skips a letter whose content did not really change
            if everything or source.path.resolve() in changed or source in added:
                report(build_one(source, options))


def added_letters(paths: Iterable[str | Path], letters: list[Source]) -> list[Source]:
    """The letters the command line's paths name now that are not among `letters`, named as
    a fresh `docgen watch` would name them; none that would write another letter's folder."""
    from docgen.diagnostics import UsageError

    known = {s.path.resolve() for s in letters}
    found = [s for s in sources(p for p in paths if Path(p).exists()) if s.path.resolve() not in known]
    try:
        return plan([*letters, *found])[len(letters) :]
    except UsageError:  # a name another letter has: build the others
        taken = {s.name.casefold() for s in letters}
        return [s for s in found if s.name.casefold() not in taken]


def run(
    letters: Iterable[Source], options: Options, jobs: int, report: Callable[[Result], None] = lambda r: None
) -> list[Result]:
    """Build every letter with up to `jobs` worker processes; skip what is up to date."""
    from docgen import output

    output.check_folder(options.out)
    results, todo = [], []
    for source in letters:  # checked here first: a no-op run never starts a worker
        if up_to_date(source, options):
            os.utime(stamp_path(source, options))  # for make: the stamp is newer than what was checked
            results.append(Result(str(source.path), "skipped"))
            report(results[-1])
        else:
            todo.append(source)
    if jobs <= 1 or len(todo) <= 1:
        for source in todo:
            results.append(build_one(source, options))
            report(results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only when there is work for workers

    context = _workers()
    try:
        for part in _parts(todo, jobs * LETTERS_PER_WORKER):  # fresh workers for each part
            with ProcessPoolExecutor(max_workers=min(jobs, len(part)), mp_context=context) as pool:
                futures = [pool.submit(build_one, source, options) for source in part]
                for future in as_completed(futures):
                    results.append(future.result())
                    report(results[-1])
    finally:
        _stop_fork_server()
    return results


# A worker is replaced after about this many letters. Typst memoizes layout process-wide (comemo)
# and typst-py keeps the last ten compilations' entries with no way to empty them, so a worker
# that builds Arabic or Chinese grows with each letter (170 MB after one six-language letter, 230
# MB after ten; dissimilar letters in a row reach 297 MB). Four letters a worker keep every worker
# under 250 MB (440 letters: max 245 MB, median 191) for some 7% more CPU than 25 (max 297 MB).
# New workers per part, not ProcessPoolExecutor's
# max_tasks_per_child: in Python 3.11 and 3.12 a pool with a backlog stops replacing retired
# workers and hangs (CPython gh-115634).
LETTERS_PER_WORKER = 4

# What a worker imports to build any letter: loaded once by the fork server, so that a new
# worker is a fork of it instead of a new interpreter importing reportlab, Typst, ICU... (the
# libraries docgen imports only where they are used are named too: the server imports names,
# it runs no build; a name that fails to import is skipped by multiprocessing).
PRELOAD = (
    "docgen.pipeline",
    "docgen.writers.pdf_reportlab",
    "docgen.writers.pdf_typst",
    "docgen.barcode",
    "docgen.qrcode",
    "babel.numbers",
    "icu",
    "pyphen",
    "typst",
)


def _workers() -> object:
    """How workers start: forked from a fork server that has imported docgen's typesetting
    stack (not forked from this process, whose threads and state a fork would copy); spawned
    where there is no fork server (Windows)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


def _stop_fork_server() -> None:
    """Stop the fork server and wait for it: the workers' CPU time is then counted among this
    process's children (`time`, getrusage), as when workers were forked from it. multiprocessing
    has no public call for this; without it the server only ends after this process."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop is not None:
        with contextlib.suppress(OSError, ChildProcessError):
            stop()


def _parts(todo: list[Source], size: int) -> list[list[Source]]:
    return [todo[i : i + size] for i in range(0, len(todo), size)]
