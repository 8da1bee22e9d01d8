#!/usr/bin/env python3
"""docgen's speed and memory, measured side by side with what a user would use instead.

    python benchmarks/bench.py            # the full run (make bench); some 12 minutes on 2 cores
    python benchmarks/bench.py --quick    # a smoke run (make test): 1-2 repetitions, 5 letters,
                                          # no WeasyPrint or Typst; well under a minute

Rows (medians of repeated runs, every ratio against a baseline measured in the same run):
  a  docgen in one process: load the seed letter, render English and French (PDF bytes)
  a.typst  the same with docgen's Typst engine (--engine typst), each run in a fresh process
  b  the floor: the same pages laid out by bare reportlab (benchmarks/floor.py)
  c  the same letter from equivalent HTML/CSS by WeasyPrint, and by bare `typst` from the Typst
     source docgen's Typst writer makes (the same pages as docgen's)
  d  a cold `docgen build` of the seed as a new process, against the bare import of its libraries
  e  a set of generated letters built with --jobs 1 and --jobs 2, and a no-op rebuild
  f  peak resident memory of a single-letter build and of each worker in (e)
  g  `make` against one docgen call for the same letters
  h  `docgen watch`: from saving the seed to its rebuilt PDFs on disk, against the same build
     in a warm process

Timings are wall-clock medians; WeasyPrint and Typst are optional (pip install -e '.[bench]'):
a missing one is reported as "not installed". A docgen without `build --jobs` gets "not available"
in those rows. The in-process engines (a, b, c WeasyPrint) run interleaved in one worker process,
so that noise on a shared machine falls on all of them alike.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import importlib.util
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "letters" / "portugal-2010-peacekeeping-seminar.yaml"
FONTS = ROOT / "docgen" / "fonts"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

if TYPE_CHECKING:
    import procs

    from docgen.model import Letter

# The design card's libraries: their bare import is shown beside the cold floor in (d).
LIBRARIES = "import reportlab.platypus, jinja2, babel, markdown_it, yaml"
ROW_IDS = [
    "a",
    "a.typst",
    "b",
    "a.docx",
    "c.weasyprint",
    "c.typst",
    "d.cold",
    "d.first",
    "d.floor",
    "d.import",
    "e.default",
    "e.jobs1",
    "e.jobs2",
    "e.noop",
    "e.linear",
    "e.quarters",
    "g.make",
    "h.watch",
    "f.single",
    "f.worker",
]
OPTIONAL_ROWS = {"e.default"}  # measured only when docgen has no `build --jobs`
NOT_INSTALLED, NOT_AVAILABLE, SKIPPED = "not installed", "not available", "skipped (--quick)"


def installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def page_count(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


# --- workers: run as `bench.py --worker NAME ...` in a process of their own ------------------


def worker_inproc(reps: int, engines: list[str]) -> dict:
    """(a), (b) and WeasyPrint's (c), interleaved: per repetition each engine renders en + fr."""
    t0 = time.perf_counter()
    from docgen import load, pipeline, writers

    imported = time.perf_counter() - t0
    langs = ["en", "fr"]
    t0 = time.perf_counter()
    letter = load.load(SEED)
    docgen_pdfs = {lang: pipeline.render(letter, lang) for lang in langs}
    first = time.perf_counter() - t0  # includes one-time setup: fonts, catalogs, templates
    timings: dict[str, list[float]] = {"a": [], "a.load": [], "a.en": [], "a.fr": [], "a.build": []}
    pages = {f"docgen.{lang}": page_count(pdf) for lang, pdf in docgen_pdfs.items()}

    # writing a .docx against writing the PDF, both from the same doctree (made once, untimed)
    blocks = {lang: pipeline.document(letter, lang) for lang in langs}
    docx_writer = writers.find("docx")
    docx_bytes = {lang: pipeline.write(blocks[lang], lang, docx_writer, date=letter.date) for lang in langs}
    timings["a.docx"], timings["a.pdf"] = [], []

    runners = {}
    if "floor" in engines:
        import floor

        specs = {lang: floor.spec(letter, lang) for lang in langs}  # untimed: doctree -> plain rows
        for s in specs.values():
            floor.prepare(s)
        for lang in langs:
            pdf, _ = floor.render(specs[lang])
            pages[f"floor.{lang}"] = page_count(pdf)
        runners["b"] = lambda: [floor.render(specs[lang]) for lang in langs]
        timings["b"] = []
    skipped = {}
    if "weasyprint" in engines:
        try:  # installed but unusable without its system libraries (pango)
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
        except (ImportError, OSError) as e:
            skipped["c.weasyprint"] = f"{NOT_INSTALLED} ({type(e).__name__}: {str(e)[:80]})"
            engines = [x for x in engines if x != "weasyprint"]
    if "weasyprint" in engines:
        import equivalents as eq

        from docgen import compose, language, markup

        font_config = FontConfiguration()  # shared, like docgen's fonts registered once per process
        css = weasyprint.CSS(string=eq.css(), font_config=font_config)
        htmls = {}
        for lang in langs:
            resolved = language.resolve(lang)
            doctree = markup.parse(compose.compose(letter, resolved), resolved)  # not `blocks`: row a.docx's
            htmls[lang] = eq.html(eq.flatten(doctree, lang))

        def weasy() -> list[bytes]:
            return [
                weasyprint.HTML(string=htmls[lang], base_url=str(ROOT)).write_pdf(
                    stylesheets=[css], font_config=font_config
                )
                for lang in langs
            ]

        for lang, pdf in zip(langs, weasy(), strict=True):  # warm-up
            pages[f"weasyprint.{lang}"] = page_count(pdf)
        runners["c.weasyprint"] = weasy
        timings["c.weasyprint"] = []

    cpu: dict[str, list[float]] = {}
    out_dir = Path(tempfile.mkdtemp(prefix="docgen-bench-build-"))
    try:
        for i in range(reps):
            c0 = time.process_time()
            t0 = time.perf_counter()
            let = load.load(SEED)
            t1 = time.perf_counter()
            pipeline.render(let, "en")
            t2 = time.perf_counter()
            pipeline.render(let, "fr")
            t3 = time.perf_counter()
            timings["a"].append(t3 - t0)
            cpu.setdefault("a", []).append(time.process_time() - c0)
            timings["a.load"].append(t1 - t0)
            timings["a.en"].append(t2 - t1)
            timings["a.fr"].append(t3 - t2)
            t0 = time.perf_counter()
            for lang in langs:
                pipeline.write(blocks[lang], lang, docx_writer, date=letter.date)
            t1 = time.perf_counter()
            for lang in langs:
                pipeline.write(blocks[lang], lang, pipeline.writer_for(lang))
            timings["a.docx"].append(t1 - t0)
            timings["a.pdf"].append(time.perf_counter() - t1)
            t0 = time.perf_counter()
            pipeline.build(SEED, out_dir / str(i), langs)  # with the atomic, fsync'ed writes
            timings["a.build"].append(time.perf_counter() - t0)
            for key, fn in runners.items():
                c0 = time.process_time()
                t0 = time.perf_counter()
                fn()
                timings[key].append(time.perf_counter() - t0)
                cpu.setdefault(key, []).append(time.process_time() - c0)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    sizes = {lang: len(data) for lang, data in docx_bytes.items()}
    return {
        "timings": timings,
        "cpu": cpu,
        "pages": pages,
        "first": first,
        "import": imported,
        "skipped": skipped,
        "docx_bytes": sizes,
    }


def typst_source(letter: Letter, lang: str, stem: Path) -> Path:
    """Write, untimed, the Typst source of one language version: the very source docgen's Typst
    engine compiles (so the pages, furniture and fonts are docgen's, page for page), named
    *.tagged.typ when that version is a tagged PDF (Arabic, Chinese), as docgen compiles it."""
    from docgen import pipeline
    from docgen.writers import pdf_typst

    options = pipeline.options(lang, date=letter.date)
    path = stem.with_name(f"{stem.name}-{lang}{'.tagged' if options.tagged else ''}.typ")
    path.write_text(pdf_typst.source(pipeline.document(letter, lang), options), encoding="utf-8")
    return path


def typst_compile(compiler, source: Path) -> bytes:  # type: ignore[no-untyped-def]
    tagged = source.name.endswith(".tagged.typ")
    return compiler.compile(
        input=source.read_bytes(), format="pdf", pdf_standards=["ua-1"] if tagged else [], pdf_tags=tagged
    )


def worker_typst(source: Path) -> dict:
    """Typst in a fresh process: Typst memoizes layout process-wide, so a second compile of the
    same letter in one process is a cache hit; a new process per measurement is the cold case."""
    import typst

    t0 = time.perf_counter()
    compiler = typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    pdf = typst_compile(compiler, source)
    compile_ = time.perf_counter() - t0
    return {"setup": setup, "compile": compile_, "pages": page_count(pdf)}


def worker_docgen_typst() -> dict:
    """docgen's Typst engine on the seed, en + fr, in a fresh process: the first render pays
    for importing typst and reading the fonts; a second is memoized by Typst (a cache hit)."""
    from docgen import load, pipeline

    letter = load.load(SEED)
    runs, pages = [], {}
    for _ in range(2):
        t0 = time.perf_counter()
        pdfs = {lang: pipeline.render(letter, lang, engine="typst") for lang in ("en", "fr")}
        runs.append(time.perf_counter() - t0)
    pages = {lang: page_count(pdf) for lang, pdf in pdfs.items()}
    return {"first": runs[0], "again": runs[1], "pages": pages}


def worker_typst_batch(sources: list[Path]) -> dict:
    """Typst compiling a set of distinct letters in one process, as a batch script would (its
    memoization helps it: these letters share most of their text)."""
    import typst

    t0 = time.perf_counter()
    compiler = typst.Compiler(font_paths=[str(FONTS)], ignore_system_fonts=True)
    setup = time.perf_counter() - t0
    times = []
    for src in sources:
        t0 = time.perf_counter()
        typst_compile(compiler, src)
        times.append(time.perf_counter() - t0)
    return {"setup": setup, "times": times}


SEED_LANGS = ("en", "fr", "es", "ru", "ar", "zh")


def measure_watch(tmp: Path, reps: int) -> tuple[list[float], list[float]]:
    """(h) A real `docgen watch` process (watchfiles) on a copy of the seed: each repetition
    saves the letter with one more comment line (its bytes change, so it is rebuilt) and polls
    the disk until every PDF has been replaced; between saves, the same letter is built by
    pipeline.build in this process, warm (one untimed build first), into another folder."""
    import threading

    from docgen import pipeline

    folder, out, warm_out = tmp / "watch", tmp / "watch-out", tmp / "watch-warm"
    folder.mkdir()
    letter = folder / SEED.name
    text = SEED.read_text(encoding="utf-8")
    letter.write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        docgen_cmd("watch", str(letter), "--out", str(out), "-v"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.strip().endswith("ready"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(300):
            raise RuntimeError("docgen watch did not get ready:\n" + "".join(lines[-20:]))
        pdfs = [out / SEED.stem / f"{lang}.pdf" for lang in SEED_LANGS]
        pipeline.build(letter, warm_out)  # untimed: fonts, catalogs, templates, Typst loaded
        saved, warm = [], []
        for i in range(reps):
            before = {p: _identity(p) for p in pdfs}
            time.sleep(0.5)  # the watcher idle, as after a person's pause
            t0 = time.perf_counter()
            with letter.open("w", encoding="utf-8") as f:  # a save, as an editor does it
                f.write(text + f"\n# edit {i}\n")
            while any(_identity(p) == before[p] for p in pdfs):
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    raise RuntimeError("docgen watch did not rebuild:\n" + "".join(lines[-20:]))
                time.sleep(0.002)
            saved.append(time.perf_counter() - t0)
            time.sleep(0.5)  # the watcher's report printed, nothing pending
            t0 = time.perf_counter()
            pipeline.build(letter, warm_out)
            warm.append(time.perf_counter() - t0)
        return saved, warm
    finally:
        proc.terminate()
        proc.wait(30)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def run_worker(args: list[str]) -> dict:
    import procs

    r = procs.run([sys.executable, str(Path(__file__).resolve()), "--worker", *args], cwd=ROOT, sample=False)
    if r.code != 0:
        raise RuntimeError(f"worker {args[0]} failed ({r.code}):\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


# --- the orchestrator ------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.notes: list[str] = []
        self.failed = False

    def add(
        self,
        rid: str,
        what: str,
        median_: str,
        runs: int | str = "",
        ratio: str = "—",
        target: str = "—",
        met: str = "—",
        **extra: object,
    ) -> None:
        self.rows[rid] = dict(
            id=rid, what=what, median=median_, runs=str(runs), ratio=ratio, target=target, met=met, **extra
        )

    def markdown(self) -> str:
        lines = [
            "| row | measurement | median | runs | ratio | target | met? |",
            "| --- | --- | ---: | ---: | ---: | --- | --- |",
        ]
        for rid in ROW_IDS:
            r = self.rows.get(rid)
            if r:
                lines.append(
                    f"| {rid} | {r['what']} | {r['median']} | {r['runs']} | {r['ratio']} | {r['target']} | {r['met']} |"
                )
        return "\n".join(lines)


def fmt_time(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.1f} s"


def fmt_mb(mb: float) -> str:
    return f"{mb:.0f} MB"


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def spread(xs: list[float]) -> str:
    return f"min {fmt_time(min(xs))}, max {fmt_time(max(xs))}" if xs else ""


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        mem = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout.splitlines()[1]
        mem = " ".join(mem.split()[:2]).replace("Mem:", "").strip() + " total"
    versions = {}
    for dist in (
        "reportlab",
        "rl_accel",
        "Jinja2",
        "babel",
        "markdown-it-py",
        "mdit-py-plugins",
        "PyYAML",
        "jsonschema",
        "pyicu-wheels",
        "weasyprint",
        "typst",
        "pypdf",
    ):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            versions[dist] = importlib.metadata.version(dist)
    from yaml import __with_libyaml__

    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "libyaml": str(__with_libyaml__),
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def prepare_bytecode() -> str:
    """Every process measured finds docgen's modules compiled, as an installed docgen has them
    (pip compiles at install; an editable one writes __pycache__ on its first run). A shell or
    CI that sets PYTHONDONTWRITEBYTECODE would have every cold start compile docgen's
    11,000 lines again; the benchmark unsets it for its processes and compiles once, untimed."""
    import compileall

    unset = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    compileall.compile_dir(ROOT / "docgen", quiet=1)
    compileall.compile_dir(HERE, quiet=1, maxlevels=0)
    return "compiled once, untimed" + (" (PYTHONDONTWRITEBYTECODE unset for the processes measured)" if unset else "")


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def docgen_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "docgen", *args]


def has_option(option: str) -> bool:
    r = subprocess.run(docgen_cmd("build", "--help"), capture_output=True, text=True, cwd=ROOT, check=False)
    return option in r.stdout


def by_quarter(r: procs.Run, out: Path) -> list[tuple[float, float]]:
    """Wall and CPU seconds per letter in each quarter of a batch run, the quarters cut where
    the letters' stamps were written (the first quarter includes the start-up)."""
    done = sorted(p.stat().st_mtime - r.started for p in out.rglob(".docgen.json"))
    if len(done) < 4:
        return []
    cuts = [0.0] + [done[len(done) * k // 4 - 1] for k in (1, 2, 3, 4)]
    counts = [len(done) * k // 4 - len(done) * (k - 1) // 4 for k in (1, 2, 3, 4)]
    return [
        ((cuts[k + 1] - cuts[k]) / counts[k], (r.cpu_at(cuts[k + 1]) - r.cpu_at(cuts[k])) / counts[k]) for k in range(4)
    ]


def pdfs_under(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: 1-2 repetitions, 5 letters, no WeasyPrint/Typst")
    ap.add_argument("--reps", type=int, help="in-process repetitions (default 15; --quick 2)")
    ap.add_argument("--cold-reps", type=int, help="new-process repetitions of (d) and (g) (default 7; --quick 1)")
    ap.add_argument("--letters", type=int, help="letters in the batch of (e) (default 200; --quick 5)")
    ap.add_argument("--batch-reps", type=int, help="repetitions of each batch build in (e) (default 3; --quick 1)")
    ap.add_argument("--batch-jobs", default="1,2", help="the --jobs values of (e), comma-separated (default 1,2)")
    ap.add_argument("--typst-letters", type=int, default=20, help="letters of the set compiled by Typst in one process")
    ap.add_argument("--json", type=Path, help="write every measurement to this file")
    ap.add_argument("--markdown", type=Path, help="write the machine, the table and the details to this file")
    ap.add_argument(
        "--rows",
        default="abcdefgh",
        help="the groups of rows to measure, by letter (default abcdefgh; a, b and c are measured together; "
        "f needs d for f.single and e for f.worker), e.g. --rows ef for the batch rows alone",
    )
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        name, *rest = args.worker
        if name == "inproc":
            result = worker_inproc(int(rest[0]), rest[1].split(","))
        elif name == "typst":
            result = worker_typst(Path(rest[0]))
        elif name == "docgen-typst":
            result = worker_docgen_typst()
        elif name == "typst-batch":
            result = worker_typst_batch([Path(p) for p in rest])
        else:
            raise SystemExit(f"unknown worker {name}")
        print(json.dumps(result))
        return 0

    import procs

    groups = set(args.rows.replace(",", ""))
    if not groups or groups - set("abcdefgh"):
        ap.error(f"--rows: letters among abcdefgh, not {args.rows!r}")

    def want(*letters: str) -> bool:
        return any(x in groups for x in letters)

    bytecode = prepare_bytecode()
    quick = args.quick
    reps = args.reps or (2 if quick else 15)
    cold_reps = args.cold_reps or (1 if quick else 7)
    n_letters = args.letters or (5 if quick else 200)
    batch_reps = args.batch_reps or (1 if quick else 3)
    table, raw = Table(), {"machine": {**machine(), "bytecode": bytecode}, "quick": quick}
    tmp = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        typst_per_doc = None  # the per-document time of Typst, from (c)
        if want("a", "b", "c"):
            # --- a, b, c (WeasyPrint) in one process, interleaved ---------------------------------
            engines = ["docgen", "floor"]
            weasy = "weasyprint" if installed("weasyprint") else None
            if weasy and not quick:
                engines.append("weasyprint")
            log(f"in-process: {', '.join(engines)} x {reps}")
            ip = run_worker(["inproc", str(reps), ",".join(engines)])
            raw["inproc"] = ip
            t, pages = ip["timings"], ip["pages"]
            a, b = median(t["a"]), median(t["b"])
            table.add(
                "a",
                "docgen in one process: load seed + render en + fr "
                f"(load {fmt_time(median(t['a.load']))}, en {fmt_time(median(t['a.en']))}, "
                f"fr {fmt_time(median(t['a.fr']))}; {pages['docgen.en']}+{pages['docgen.fr']} pages)",
                fmt_time(a),
                len(t["a"]),
                f"{a / b:.2f} (a/b)",
                "≤ 1.3",
                met(a / b <= 1.3),
                times=t["a"],
                cpu=ip["cpu"]["a"],
            )
            floor_pages_ok = all(abs(pages[f"floor.{x}"] - pages[f"docgen.{x}"]) <= 1 for x in ("en", "fr"))
            table.add(
                "b",
                f"floor: bare reportlab, same fonts and styles, en + fr "
                f"({pages['floor.en']}+{pages['floor.fr']} pages{'' if floor_pages_ok else ', NOT within ±1'})",
                fmt_time(b),
                len(t["b"]),
                "1.00 (baseline)",
                times=t["b"],
                cpu=ip["cpu"]["b"],
            )
            word, pdf_writer = median(t["a.docx"]), median(t["a.pdf"])
            table.add(
                "a.docx",
                "writing the .docx of en + fr from their doctrees (python-docx; "
                f"{ip['docx_bytes']['en'] // 1024}+{ip['docx_bytes']['fr'] // 1024} kB), against the reportlab "
                f"writer's PDF from the same doctrees ({fmt_time(pdf_writer)})",
                fmt_time(word),
                len(t["a.docx"]),
                f"{word / pdf_writer:.2f} (docx/pdf)",
                "≤ 1.00",
                met(word <= pdf_writer),
                times=t["a.docx"],
            )
            if not floor_pages_ok:
                table.failed = True
                table.notes.append("the floor's page count differs from docgen's by more than one")
            table.notes.append(
                f"a, first call in a fresh process (fonts, catalogs, templates loaded): "
                f"{fmt_time(ip['first'])}; import of docgen.pipeline {fmt_time(ip['import'])}; "
                f"pipeline.build with atomic fsync'ed writes: {fmt_time(median(t['a.build']))}"
            )
            if "c.weasyprint" in t:
                w = median(t["c.weasyprint"])
                table.add(
                    "c.weasyprint",
                    f"WeasyPrint {importlib.metadata.version('weasyprint')}: equivalent HTML/CSS, "
                    f"en + fr ({pages['weasyprint.en']}+{pages['weasyprint.fr']} pages)",
                    fmt_time(w),
                    len(t["c.weasyprint"]),
                    f"{a / w:.3f} (a/c)",
                    "≤ 0.10",
                    met(a / w <= 0.10),
                    times=t["c.weasyprint"],
                    cpu=ip["cpu"]["c.weasyprint"],
                )
            else:
                table.add(
                    "c.weasyprint", "WeasyPrint: equivalent HTML/CSS, en + fr", SKIPPED if quick else NOT_INSTALLED
                )
                if ip["skipped"].get("c.weasyprint"):
                    table.notes.append(f"WeasyPrint: {ip['skipped']['c.weasyprint']}")

            # --- a.typst: docgen's own Typst engine, a fresh process per measurement -------------
            log(f"docgen typst engine x {cold_reps}")
            dt = [run_worker(["docgen-typst"]) for _ in range(cold_reps)]
            first = [r["first"] for r in dt]
            table.add(
                "a.typst",
                f"docgen --engine typst: render en + fr in a fresh process, import of typst and fonts included "
                f"({dt[0]['pages']['en']}+{dt[0]['pages']['fr']} pages; again in the same process, "
                f"memoized: {fmt_time(median([r['again'] for r in dt]))})",
                fmt_time(median(first)),
                len(first),
                f"{median(first) / a:.2f} (a.typst/a)",
                times=first,
            )
            raw["docgen_typst"] = dt

            # --- c: Typst, cold (a new process per measurement) --------------------------------
            if installed("typst") and not quick:
                from docgen import load

                letter = load.load(SEED)
                srcs = {lang: typst_source(letter, lang, tmp / "seed") for lang in ("en", "fr")}
                log(f"typst cold x {reps}")
                per: dict[str, list[float]] = {"en": [], "fr": []}
                tpages = {}
                for _ in range(reps):
                    for lang in ("en", "fr"):
                        r = run_worker(["typst", str(srcs[lang])])
                        per[lang].append(r["compile"])
                        tpages[lang] = r["pages"]
                both = [e + f for e, f in zip(per["en"], per["fr"], strict=True)]
                ty = median(both)
                table.add(
                    "c.typst",
                    f"Typst {importlib.metadata.version('typst')} (typst-py): the source docgen's Typst writer makes, "
                    f"en + fr, each compiled in a fresh process ({tpages['en']}+{tpages['fr']} pages"
                    f"{'' if all(tpages[x] == pages[f'docgen.{x}'] for x in tpages) else ', NOT as many as docgen'})",
                    fmt_time(ty),
                    len(both),
                    f"{a / ty:.2f} (a/c)",
                    times=both,
                )
                raw["typst_cold"] = per
            else:
                table.add("c.typst", "Typst: equivalent source, en + fr", SKIPPED if quick else NOT_INSTALLED)

        if want("d"):
            # --- d: cold build against the cold floor --------------------------------------------
            import dataclasses

            import floor

            from docgen import load

            seed = load.load(SEED)
            specs = tmp / "floor-specs.json"  # untimed: the rows the cold floor lays out
            specs.write_text(json.dumps([dataclasses.asdict(floor.spec(seed, x)) for x in ("en", "fr")]))
            log(f"cold start x {cold_reps}")
            runs: dict[str, list[procs.Run]] = {"cold": [], "first": [], "floor": [], "bare": []}
            for i in range(cold_reps):  # alternating, so that the machine's noise falls on all alike
                fresh = {**os.environ, "XDG_CACHE_HOME": str(tmp / f"cache{i}")}  # no compiled templates yet
                commands = {
                    "bare": ([sys.executable, "-c", LIBRARIES], None),
                    "floor": ([sys.executable, str(HERE / "floor.py"), str(tmp / f"floor{i}"), str(specs)], None),
                    "cold": (docgen_cmd("build", str(SEED), "--out", str(tmp / f"cold{i}"), "--lang", "en,fr"), None),
                    "first": (
                        docgen_cmd("build", str(SEED), "--out", str(tmp / f"first{i}"), "--lang", "en,fr"),
                        fresh,
                    ),
                }
                for name, (cmd, env) in commands.items():
                    r = procs.run(cmd, cwd=ROOT, sample=name == "cold", env=env)
                    if r.code:
                        raise RuntimeError(f"{name} failed:\n{r.stderr[-2000:]}")
                    runs[name].append(r)
            cold_peaks = [max(r.maxrss_mb, r.root_peak_mb) for r in runs["cold"]]
            walls = {name: [r.wall for r in rs] for name, rs in runs.items()}
            d0 = median(walls["floor"])
            for rid, name, what, target in (
                ("d.cold", "cold", "cold `python -m docgen build` of the seed (en + fr), new process", "≤ 1.5"),
                ("d.first", "first", "first-ever build: the same, with an empty cache (templates compiled)", "—"),
            ):
                ratio = median(walls[name]) / d0
                table.add(rid, what, fmt_time(median(walls[name])), cold_reps, f"{ratio:.2f} (/floor)", target,
                          met(ratio <= 1.5) if target != "—" else "—", times=walls[name],
                          cpu=[r.cpu for r in runs[name]])  # fmt: skip
            table.add(
                "d.floor",
                "the cold floor: a new process imports reportlab and lays out the same pages (`benchmarks/floor.py`)",
                fmt_time(d0),
                cold_reps,
                "1.00 (baseline)",
                times=walls["floor"],
            )
            table.add(
                "d.import",
                f'bare `python -c "{LIBRARIES}"` (the design card\'s libraries)',
                fmt_time(median(walls["bare"])),
                cold_reps,
                f"{median(walls['bare']) / d0:.2f} (/floor)",
                times=walls["bare"],
            )

        if want("e"):
            # --- e: a set of letters --------------------------------------------------------------
            import corpus

            from docgen import load

            corpus_dir = tmp / "letters"
            paths = corpus.generate(corpus_dir, n_letters)
            corpus.check(paths[:1] + paths[-1:])  # untimed: the variations stay valid
            docs = sum(len(load.load(p).languages) for p in paths)  # untimed
            jobs = has_option("--jobs")
            e_runs: dict[str, list[procs.Run]] = {}
            quarters: dict[str, list[list[tuple[float, float]]]] = {}  # per run: (wall, CPU) per letter, each quarter
            # Without --jobs (a docgen older than batch builds) the plain build is measured instead.
            wanted = [j.strip() for j in args.batch_jobs.split(",") if j.strip()]
            configs = [(f"e.jobs{j}", ["--jobs", j]) for j in wanted] if jobs else [("e.default", [])]
            for rid, extra in configs:
                log(f"{rid}: {n_letters} letters x {batch_reps}")
                e_runs[rid] = []
                for i in range(batch_reps):
                    out = tmp / f"{rid}-{i}"
                    r = procs.run(docgen_cmd("build", str(corpus_dir), "--out", str(out), *extra), cwd=ROOT)
                    built = len(list(out.rglob("*.pdf")))
                    if r.code or built != docs:
                        raise RuntimeError(f"{rid} built {built} of {docs} PDFs (exit {r.code}):\n{r.stderr[-2000:]}")
                    e_runs[rid].append(r)
                    quarters.setdefault(rid, []).append(by_quarter(r, out))
                    if i < batch_reps - 1:
                        shutil.rmtree(out)

            # linear in the set's size: a tenth of the set, built the same way (--jobs 2)
            small_n = max(1, n_letters // 10)
            small_dir = tmp / "letters-small"
            corpus.generate(small_dir, small_n)
            small_runs = []
            for i in range(batch_reps):
                r = procs.run(
                    docgen_cmd("build", str(small_dir), "--out", str(tmp / f"small-{i}"), *configs[-1][1]), cwd=ROOT
                )
                if r.code:
                    raise RuntimeError(f"the small set failed:\n{r.stderr[-2000:]}")
                small_runs.append(r)
            big = median([r.wall for r in e_runs[configs[-1][0]]]) / n_letters
            small = median([r.wall for r in small_runs]) / small_n
            table.add(
                "e.linear",
                f"time per letter, {n_letters} letters against {small_n} ({fmt_time(big)} against {fmt_time(small)}, "
                f"{configs[-1][0]})",
                fmt_time(big),
                len(small_runs),
                f"{big / small:.2f} (big/small)",
                "≤ 1.10",
                met(big / small <= 1.10),
                times=[r.wall for r in small_runs],
            )

            # linear over the run itself: time and CPU per letter in each quarter of the set, in the
            # order the letters were finished (their stamps' times)
            rid = configs[-1][0]
            qs = quarters[rid]
            per_q = [(median([q[k][0] for q in qs]), median([q[k][1] for q in qs])) for k in range(len(qs[0]))]
            if len(per_q) == 4:
                table.add(
                    "e.quarters",
                    f"time per letter in each quarter of the {n_letters} letters ({rid}), as they were finished: "
                    + ", ".join(f"{fmt_time(w)} ({fmt_time(c)} CPU)" for w, c in per_q),
                    fmt_time(median([w for w, _ in per_q])),
                    len(qs),
                    f"{per_q[3][1] / per_q[0][1]:.2f} (CPU, last/first)",
                    "≤ 1.10",
                    met(per_q[3][1] / per_q[0][1] <= 1.10),
                    quarters=per_q,
                )
            else:
                table.add("e.quarters", f"time per letter in each quarter ({n_letters} letters: too few)", SKIPPED)

            # Typst's per-document time on the same set, in one process
            if installed("typst") and not quick:
                from docgen import load

                k = min(args.typst_letters, n_letters)
                (tmp / "typst-set").mkdir(exist_ok=True)
                sources = []
                for p in paths[:k]:
                    let = load.load(p)
                    sources += [typst_source(let, lang, tmp / "typst-set" / p.stem) for lang in let.languages]
                log(f"typst batch: {len(sources)} documents")
                tb = run_worker(["typst-batch", *map(str, sources)])
                typst_per_doc = sum(tb["times"]) / len(tb["times"])
                raw["typst_batch"] = tb
                table.notes.append(
                    f"Typst on the first {k} letters of the set ({len(sources)} documents) in one process: "
                    f"{fmt_time(typst_per_doc)} per document (first {fmt_time(tb['times'][0])}, median "
                    f"{fmt_time(median(tb['times']))})"
                    + (  # the cold time comes from (c), which --rows may leave out
                        f"; cold per document: {fmt_time(median(cold['en'] + cold['fr']))}"
                        if (cold := raw.get("typst_cold"))
                        else ""
                    )
                )

            def batch_row(rid: str, label: str, workers: int = 1) -> None:
                """Typst compiles on one core, so a parallel row is compared per PDF and core: its
                wall time times its workers (what one core would take), and says so."""
                runs = e_runs.get(rid)
                if not runs:
                    table.add(rid, label, NOT_AVAILABLE, 0)
                    return
                wall = median([r.wall for r in runs])
                per_doc = wall / docs
                per_core = per_doc * workers
                if typst_per_doc:
                    unit = "per PDF and core / Typst on one core" if workers > 1 else "per PDF / Typst"
                    ratio, ok = f"{per_core / typst_per_doc:.2f} ({unit})", met(per_core <= typst_per_doc)
                else:
                    ratio, ok = ("n/a (Typst " + ("skipped" if quick else "not installed") + ")"), "—"
                parallel = (
                    f", parallel: {workers} workers, {fmt_time(per_core)} per PDF and core" if workers > 1 else ""
                )
                table.add(
                    rid,
                    f"{label}: {n_letters} letters, {docs} PDFs, {fmt_time(per_doc)} per PDF{parallel}",
                    fmt_time(wall),
                    len(runs),
                    ratio,
                    "≤ 1.00",
                    ok,
                    times=[r.wall for r in runs],
                    cpu=[r.cpu for r in runs],
                )

            if not jobs:
                batch_row("e.default", "`docgen build DIR` (this docgen has no --jobs option)")
            for j in ("1", "2"):
                if f"e.jobs{j}" in e_runs or not jobs:
                    batch_row(f"e.jobs{j}", f"`docgen build DIR --jobs {j}`", int(j))
                else:
                    skipped = f"skipped (--batch-jobs {args.batch_jobs})"
                    table.add(f"e.jobs{j}", f"`docgen build DIR --jobs {j}`", skipped, 0)

            # no-op rebuild: the last build's command again, into the output it just wrote
            rid, extra = configs[-1]
            last = tmp / f"{rid}-{batch_reps - 1}"
            noop: list[procs.Run] = []
            rebuilt = 0
            for _ in range(max(batch_reps, 3)):  # cheap: repeated for a median even when the builds are not
                before = pdfs_under(last)
                r = procs.run(docgen_cmd("build", str(corpus_dir), "--out", str(last), *extra), cwd=ROOT)
                if r.code:
                    raise RuntimeError(f"no-op rebuild failed:\n{r.stderr[-2000:]}")
                after = pdfs_under(last)
                rebuilt = max(rebuilt, sum(1 for p, m in after.items() if before.get(p) != m))
                noop.append(r)
            nw = median([r.wall for r in noop])
            table.add(
                "e.noop",
                f"no-op rebuild of the {n_letters} letters (the {rid} command again on its output; "
                f"rewrote {rebuilt} of {docs} PDFs)",
                fmt_time(nw),
                len(noop),
                "—",
                "< 1 s",
                met(nw < 1.0),
                times=[r.wall for r in noop],
            )

        if want("g"):
            # --- g: make against one docgen call for the same letters -----------------------------
            make_runs: list[procs.Run] = []
            call_runs: list[procs.Run] = []
            for i in range(cold_reps):  # alternating, each into a fresh output folder
                for runs, cmd in (
                    (make_runs, ["make", "-s", "letters", f"OUT={tmp / f'make-{i}'}"]),
                    (call_runs, docgen_cmd("build", "letters", "--out", str(tmp / f"call-{i}"))),
                ):
                    r = procs.run(cmd, cwd=ROOT)
                    if r.code:
                        raise RuntimeError(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
                    runs.append(r)
            mk, call = median([r.wall for r in make_runs]), median([r.wall for r in call_runs])
            table.add(
                "g.make",
                f"`make` building letters/ from nothing, against one `docgen build letters/` ({fmt_time(call)}, "
                f"spread {spread([r.wall for r in call_runs])})",
                fmt_time(mk),
                len(make_runs),
                f"{mk / call:.2f} (make/call)",
                "≤ 1.20",
                met(mk / call <= 1.2),
                times=[r.wall for r in make_runs],
                baseline=[r.wall for r in call_runs],
            )

        if want("h"):
            # --- h: docgen watch ----------------------------------------------------------------
            watch_reps = cold_reps if quick else max(cold_reps, 5)
            log(f"watch x {watch_reps}")
            saved, warm = measure_watch(tmp, watch_reps)
            table.add(
                "h.watch",
                f"`docgen watch` of the seed ({len(SEED_LANGS)} languages): saving the letter to its rebuilt PDFs on "
                f"disk, against the same build in a warm process ({fmt_time(median(warm))}, spread {spread(warm)})",
                fmt_time(median(saved)),
                len(saved),
                f"{median(saved) / median(warm):.2f} (watch/warm)",
                "≤ 1.5",
                met(median(saved) / median(warm) <= 1.5),
                times=saved,
                baseline=warm,
            )

        # --- f: memory ------------------------------------------------------------------------
        if want("f") and want("d"):
            table.add(
                "f.single",
                "peak RSS, cold single-letter build (en + fr), one process",
                fmt_mb(median(cold_peaks)),
                len(cold_peaks),
                f"max {fmt_mb(max(cold_peaks))}",
                "≤ 250 MB",
                met(max(cold_peaks) <= 250),
                values=cold_peaks,
            )
        if want("f") and want("e"):
            all_runs = [r for rs in e_runs.values() for r in rs]
            workers = [r.worker_peak_mb for r in all_runs]
            kind = "per worker process" if any(r.peaks_mb for r in all_runs) else "the one build process (no workers)"
            table.add(
                "f.worker",
                f"peak RSS in (e), {kind}",
                fmt_mb(median(workers)),
                len(workers),
                f"max {fmt_mb(max(workers))}",
                "≤ 250 MB",
                met(max(workers) <= 250),
                values=workers,
            )
            for rid, rs in e_runs.items():
                peaks = [m for r in rs for m in r.peaks_mb.values()]
                if peaks:
                    table.notes.append(
                        f"f.worker, {rid}: {len(peaks)} processes below the build command (workers, and the fork "
                        f"server they fork from), peak RSS (VmHWM) median {fmt_mb(median(peaks))}, "
                        f"max {fmt_mb(max(peaks))}"
                    )
        if want("e"):
            raw["e"] = {
                rid: [
                    dict(
                        wall=r.wall,
                        cpu=r.cpu,
                        maxrss_mb=r.maxrss_mb,
                        peaks_mb=list(r.peaks_mb.values()),
                        root_peak_mb=r.root_peak_mb,
                    )
                    for r in rs
                ]
                for rid, rs in e_runs.items()
            }
            raw["e.noop"] = [r.wall for r in noop]
    except RuntimeError as e:
        table.failed = True
        table.notes.append(f"FAILED: {e}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    m = raw["machine"]
    header = (
        f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory']}; Python {m['python']} on {m['platform']}; "
        f"libyaml {m['libyaml']}; docgen's bytecode {m['bytecode']}\nLibraries: {m['libraries']}\n"
    )
    details = ["", "Details:"] + [f"- {n}" for n in table.notes]
    for rid in ROW_IDS:
        r = table.rows.get(rid, {})
        if r.get("times"):
            details.append(
                f"- {rid}: {spread(r['times'])}"
                + (f"; CPU median {fmt_time(median(r['cpu']))}" if r.get("cpu") else "")
            )
    text = header + "\n" + table.markdown() + "\n" + "\n".join(details) + "\n"
    print(text)
    raw["rows"] = table.rows
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1, default=str))
    if args.markdown:
        args.markdown.write_text(text)
    needs = {"f.single": "d", "f.worker": "e"}  # measured from those groups' runs
    missing = [
        rid
        for rid in ROW_IDS
        if rid not in table.rows and rid not in OPTIONAL_ROWS and want(rid[0]) and want(needs.get(rid, rid[0]))
    ]
    if missing:
        print(f"rows not measured: {', '.join(missing)}", file=sys.stderr)
    return 1 if table.failed or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
